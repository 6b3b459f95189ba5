import ArgumentParser
import Foundation
import RehabCore

struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "A daily desktop reminder of the session and the morning check-in, only when not done yet.",
        discussion: """
            Examples:
              rehab remind --at 18:00                  remind me of the session at 18:00
              rehab remind --at 18:00 --checkin 08:00  and of the check-in at 08:00
              rehab remind --status                    what is set
              rehab remind --off                       no more reminders

            The reminders are systemd user timers (in $XDG_CONFIG_HOME/systemd/user, default \
            ~/.config/systemd/user), switched on with `systemctl --user`; without a user service manager \
            rehab prints the crontab line to add instead. When one fires it runs `rehab remind --now`, \
            which shows a desktop notification (notify-send, else gdbus or dbus-send) only when the \
            day's session or check-in is not done; nothing otherwise. While the program is stopped by \
            a warning sign it says to see a clinician instead of exercising.
            """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("Remind me of the day's session at this time.", valueName: "HH:MM"), transform: ClockTime.parse)
    var at: ClockTime?
    @Option(help: ArgumentHelp("Remind me of the morning check-in at this time.", valueName: "HH:MM"), transform: ClockTime.parse)
    var checkin: ClockTime?
    @Flag(help: "Remove the reminders.") var off = false
    @Flag(help: "Say which reminders are set (what `rehab remind` alone does).") var status = false
    @Flag(help: "Notify now of what is not done today (what the reminder runs).") var now = false
    @Option(
        help: ArgumentHelp("With --now: only this reminder.", valueName: "session|checkin"),
        completion: .list(Reminder.Kind.allCases.map(\.rawValue)))
    var only: Reminder.Kind?

    func validate() throws {
        let chosen = [at != nil || checkin != nil, off, status, now].filter { $0 }.count
        if chosen > 1 { throw UserError("Give one of: --at HH:MM and/or --checkin HH:MM, --off, --status or --now.") }
        if only != nil && !now { throw UserError("--only goes with --now.") }
    }

    func run() throws {
        let units = ReminderUnits(environment: ProcessInfo.processInfo.environment)
        if now { return try notifyNow() }
        // `rehab remind` alone says what is set, as --status does.
        if status || (at == nil && checkin == nil && !off) { return units.describe().forEach { print($0) } }
        if off { return units.remove().forEach { print($0) } }
        var set: [(Reminder.Kind, ClockTime)] = []
        if let at { set.append((.session, at)) }
        if let checkin { set.append((.checkin, checkin)) }
        try units.install(set, rehab: Self.executablePath(), dataDirectory: absolute(data.directory)).forEach { print($0) }
    }

    /// The reminders due today, as notifications; nothing at all when there is no data yet.
    private func notifyNow() throws {
        guard FileManager.default.fileExists(atPath: data.directory + "/rehab.sqlite") else { return }
        let patient = try data.load(.readOnly)
        let today = localToday()
        guard today >= patient.history.enrolment.start else { return }
        let due = Reminder.due(evaluator: patient.evaluator, today: today, only: only)
        for reminder in due {
            print("\(reminder.summary): \(reminder.body)")
            if let problem = DesktopNotification.send(summary: reminder.summary, body: reminder.body, urgent: reminder.urgent) {
                warn("no desktop notification: \(problem)")
            }
        }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// This binary's own path, for the units to run (what the shell found, made absolute).
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// A time of day, `HH:MM` on the 24-hour clock.
struct ClockTime: Sendable, Equatable {
    let hour: Int
    let minute: Int

    var text: String { String(format: "%02d:%02d", hour, minute) }

    static func parse(_ text: String) throws -> ClockTime {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else {
            throw ValidationError("give a time of day as HH:MM on the 24-hour clock, for example 18:00")
        }
        return ClockTime(hour: hour, minute: minute)
    }
}

/// What a reminder says, decided from the engine's view of today.
struct Reminder: Equatable {
    enum Kind: String, CaseIterable, ExpressibleByArgument, Sendable { case session, checkin }

    let summary: String
    let body: String
    /// A stop is shown as critical, so it stays on screen.
    var urgent = false

    static func due(evaluator: Evaluator, today: Day, only: Kind?) -> [Reminder] {
        var due: [Reminder] = []
        let pause = evaluator.pause(on: today)
        if only != .checkin {
            if let pause, pause.stopsExercise {
                due.append(
                    Reminder(
                        summary: "rehab: see a clinician, not exercise",
                        body: "The program is stopped: \(pause.reason) Do no exercise and no running today; see a doctor or physiotherapist.",
                        urgent: true))
            } else if let session = sessionDue(evaluator, today) {
                let paused = pause.map { _ in " The program is paused: nothing progresses until a clinician has seen you." } ?? ""
                due.append(Reminder(summary: "rehab: today's session", body: session + paused))
            }
        }
        if only != .session, evaluator.index[today].checkIn == nil {
            due.append(
                Reminder(
                    summary: "rehab: morning check-in",
                    body: "How does your hip feel this morning? rehab checkin --morning-pain N (0-10)"))
        }
        return due
    }

    /// What is left of today's plan, in a sentence; nil when it is done or there is nothing to do.
    private static func sessionDue(_ evaluator: Evaluator, _ today: Day) -> String? {
        let plan = evaluator.status(asOf: today).plan
        if !plan.items.isEmpty {
            guard !evaluator.sessionCredit(on: today).counts else { return nil }
            let done = plan.items.filter(\.doneToday).count
            return "\(done) of \(plan.items.count) exercises done. See them with rehab plan; log them with rehab log --plan."
        }
        if let run = plan.run, run.allowedToday, evaluator.index[today].runs.isEmpty {
            return
                "Today's run: stage \(run.stage), \(run.runMinutes) min. Log it with rehab log --run-stage \(run.stage) --minutes \(run.runMinutes) --pain-during N."
        }
        return nil
    }
}
