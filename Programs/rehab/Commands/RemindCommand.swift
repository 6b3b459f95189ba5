import ArgumentParser
import ChildProcesses
import Foundation
import RehabCore
import RehabStore

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
    @Option(help: ArgumentHelp("With --now: only this reminder.", valueName: "session|checkin"),
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
        let session = try data.load(.readOnly)
        let today = localToday()
        guard today >= session.history.enrolment.start else { return }
        let due = Reminder.due(evaluator: session.evaluator, today: today, only: only)
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
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute) else {
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
                due.append(Reminder(summary: "rehab: see a clinician, not exercise",
                                    body: "The program is stopped: \(pause.reason) Do no exercise and no running today; see a doctor or physiotherapist.",
                                    urgent: true))
            } else if let session = sessionDue(evaluator, today) {
                let paused = pause.map { _ in " The program is paused: nothing progresses until a clinician has seen you." } ?? ""
                due.append(Reminder(summary: "rehab: today's session", body: session + paused))
            }
        }
        if only != .session, evaluator.index[today].checkIn == nil {
            due.append(Reminder(summary: "rehab: morning check-in",
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
            return "Today's run: stage \(run.stage), \(run.runMinutes) min. Log it with rehab log --run-stage \(run.stage) --minutes \(run.runMinutes) --pain-during N."
        }
        return nil
    }
}

/// A notification through org.freedesktop.Notifications: notify-send, else gdbus, else dbus-send.
enum DesktopNotification {
    /// Nil when it was shown, else why not.
    static func send(summary: String, body: String, urgent: Bool) -> String? {
        let env = ProcessInfo.processInfo.environment
        var tried: [String] = []
        if let notifySend = Spawn.find("notify-send", environment: env) {
            let result = Tool.run([notifySend, "--app-name=rehab", "--urgency=\(urgent ? "critical" : "normal")", summary, body])
            if result.status == 0 { return nil }
            tried.append("notify-send: \(result.output)")
        }
        let hints = urgent ? "{'urgency': <byte 2>}" : "@a{sv} {}"
        if let gdbus = Spawn.find("gdbus", environment: env) {
            // gdbus reads each value as GVariant text: the strings quoted, the numbers typed (a bare -1 would be an option).
            func quoted(_ text: String) -> String {
                "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            let result = Tool.run([gdbus, "call", "--session", "--dest", "org.freedesktop.Notifications",
                                   "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.Notifications.Notify",
                                   quoted("rehab"), "uint32 0", quoted(""), quoted(summary), quoted(body), "@as []", hints, "int32 -1"])
            if result.status == 0 { return nil }
            tried.append("gdbus: \(result.output)")
        }
        if let dbusSend = Spawn.find("dbus-send", environment: env) {
            // dbus-send cannot write the hints' variant dictionary: an urgent one goes without it.
            let result = Tool.run([dbusSend, "--session", "--print-reply", "--dest=org.freedesktop.Notifications",
                                   "/org/freedesktop/Notifications", "org.freedesktop.Notifications.Notify",
                                   "string:rehab", "uint32:0", "string:", "string:\(summary)", "string:\(body)",
                                   "array:string:", "dict:string:string:", "int32:-1"])
            if result.status == 0 { return nil }
            tried.append("dbus-send: \(result.output)")
        }
        return tried.isEmpty ? "none of notify-send (package libnotify-bin), gdbus or dbus-send is installed" : tried.joined(separator: "; ")
    }
}

/// A helper program run to its end, its output and errors read back (one line, for messages).
enum Tool {
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let file = NSTemporaryDirectory() + "rehab-tool-\(getpid())-\(UUID().uuidString.prefix(8))"
        defer { unlink(file) }
        do {
            let pid = try Spawn.start(arguments, environment: ProcessInfo.processInfo.environment, output: .file(file), error: .standardOutput)
            let status = Spawn.wait(pid)
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), line)
        } catch {
            return (127, "\(error)")
        }
    }
}

/// The systemd user timers and services of the reminders, or the crontab lines when no user
/// service manager runs.
struct ReminderUnits {
    let folder: String
    let environment: [String: String]

    init(environment: [String: String]) {
        var environment = environment
        environment["PATH"] = environment["PATH"] ?? "/usr/bin:/bin"
        self.environment = environment
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory() + "/.config"
        folder = config + "/systemd/user"
    }

    static func unit(_ kind: Reminder.Kind) -> String { "rehab-remind-\(kind.rawValue)" }

    func path(_ kind: Reminder.Kind, _ suffix: String) -> String { "\(folder)/\(Self.unit(kind)).\(suffix)" }

    /// The time a reminder is set for, read back from its timer.
    func time(of kind: Reminder.Kind) -> ClockTime? {
        guard let text = try? String(contentsOfFile: path(kind, "timer"), encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("OnCalendar=*-*-* ") }) else { return nil }
        return try? ClockTime.parse(String(line.dropFirst("OnCalendar=*-*-* ".count).prefix(5)))
    }

    func install(_ reminders: [(Reminder.Kind, ClockTime)], rehab: String, dataDirectory: String) throws -> [String] {
        for text in [rehab, dataDirectory] where text.contains(where: \.isNewline) {
            throw UserError("\(text.debugDescription) holds a line break, which a systemd unit cannot run; move it first.")
        }
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw UserError("Cannot make \(folder): \(error.localizedDescription)", exitCode: 2)
        }
        var lines: [String] = []
        for (kind, time) in reminders {
            let command = [rehab, "remind", "--now", "--only", kind.rawValue, "--data-dir", dataDirectory]
            do {
                try service(kind, command).write(toFile: path(kind, "service"), atomically: true, encoding: .utf8)
                try timer(kind, time).write(toFile: path(kind, "timer"), atomically: true, encoding: .utf8)
            } catch {
                throw UserError("Cannot write the reminder in \(folder): \(error.localizedDescription)", exitCode: 2)
            }
            lines.append("The \(kind == .session ? "session" : "check-in") reminder is set for \(time.text) every day (\(path(kind, "timer"))).")
        }
        let manager = systemctl(["daemon-reload"])
        if manager.status == 0 {
            for (kind, _) in reminders {
                let enabled = systemctl(["enable", "--now", Self.unit(kind) + ".timer"])
                if enabled.status != 0 { return lines + cronInstead(reminders, rehab, dataDirectory, why: "systemctl --user enable failed: \(enabled.output)") }
            }
            return lines + ["Switched on with systemctl --user; `rehab remind --status` shows them, `rehab remind --off` removes them."]
        }
        return lines + cronInstead(reminders, rehab, dataDirectory, why: "no systemd user service manager answers here (systemctl --user: \(manager.output))")
    }

    func remove() -> [String] {
        var removed: [String] = []
        let manager = systemctl(["daemon-reload"]).status == 0
        for kind in Reminder.Kind.allCases where FileManager.default.fileExists(atPath: path(kind, "timer")) || FileManager.default.fileExists(atPath: path(kind, "service")) {
            if manager { _ = systemctl(["disable", "--now", Self.unit(kind) + ".timer"]) }
            try? FileManager.default.removeItem(atPath: path(kind, "timer"))
            try? FileManager.default.removeItem(atPath: path(kind, "service"))
            removed.append(kind == .session ? "session" : "check-in")
        }
        if manager { _ = systemctl(["daemon-reload"]) }
        if removed.isEmpty { return ["No reminder was set."] }
        return ["Removed the \(removed.joined(separator: " and ")) reminder\(removed.count > 1 ? "s" : "")."
                + " If you added rehab to your crontab, remove those lines with crontab -e."]
    }

    func describe() -> [String] {
        let set = Reminder.Kind.allCases.compactMap { kind in time(of: kind).map { (kind, $0) } }
        if set.isEmpty { return ["No reminder is set. Set one with: rehab remind --at 18:00"] }
        return set.map { kind, time in
            let state = systemctl(["is-enabled", Self.unit(kind) + ".timer"])
            let how = state.status == 0 ? "systemd user timer, \(state.output)"
                : "a systemd user timer, not switched on here (\(state.output)): use the crontab line `rehab remind --at` printed"
            return "\(kind == .session ? "Session" : "Check-in") reminder: every day at \(time.text) (\(how))."
        }
    }

    private func systemctl(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let path = Spawn.find("systemctl", environment: environment) else { return (127, "systemctl is not installed") }
        return Tool.run([path, "--user"] + arguments)
    }

    private func cronInstead(_ reminders: [(Reminder.Kind, ClockTime)], _ rehab: String, _ dataDirectory: String, why: String) -> [String] {
        // cron has no session bus of its own: name the usual one, so the notification reaches the desktop.
        let bus = "DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/\(getuid())/bus "
        return ["The timers are not switched on: \(why). Add \(reminders.count > 1 ? "these lines" : "this line") to your crontab (crontab -e) instead:"]
            + reminders.map { kind, time in
                let command = [rehab, "remind", "--now", "--only", kind.rawValue, "--data-dir", dataDirectory].map(Self.shellQuoted).joined(separator: " ")
                // In a crontab line an unescaped % ends the command.
                return "\(time.minute) \(time.hour) * * * \(bus)\(command.replacingOccurrences(of: "%", with: "\\%"))"
            }
    }

    private func service(_ kind: Reminder.Kind, _ command: [String]) -> String {
        """
        [Unit]
        Description=rehab: remind me of the day's \(kind == .session ? "session" : "check-in") if it is not done

        [Service]
        Type=oneshot
        ExecStart=\(command.map(Self.systemdQuoted).joined(separator: " "))

        """
    }

    private func timer(_ kind: Reminder.Kind, _ time: ClockTime) -> String {
        """
        [Unit]
        Description=rehab: the daily \(kind == .session ? "session" : "check-in") reminder at \(time.text)

        [Timer]
        OnCalendar=*-*-* \(time.text):00
        Unit=\(Self.unit(kind)).service

        [Install]
        WantedBy=timers.target

        """
    }

    /// One argument of ExecStart: quoted, with systemd's specifiers (%) and variables ($) kept literal.
    static func systemdQuoted(_ word: String) -> String {
        let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$")
        return "\"\(escaped)\""
    }

    static func shellQuoted(_ word: String) -> String { "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
