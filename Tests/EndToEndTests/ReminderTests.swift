import ChildProcesses
import Foundation
import Testing
import TestSupport

/// `rehab remind` (issue 20, item 5): the units it writes pass systemd's own check, and `--now`
/// notifies on a private D-Bus bus only when something is left to do.
@Suite struct ReminderTests {
    static func find(_ name: String) -> String? { Spawn.find(name, environment: ProcessInfo.processInfo.environment) }

    /// A patient's temporary home: config, runtime folder (with no user service manager in it).
    static func home(_ rehab: RehabProcess) -> [String: String] {
        let home = rehab.folder + "/home"
        try? FileManager.default.createDirectory(atPath: home + "/run", withIntermediateDirectories: true)
        return [
            "HOME": home, "XDG_CONFIG_HOME": home + "/config", "XDG_RUNTIME_DIR": home + "/run",
            "DBUS_SESSION_BUS_ADDRESS": "unix:path=\(home)/run/no-bus"
        ]
    }

    @Test(.enabled(if: find("systemd-analyze") != nil, "systemd-analyze is missing (package systemd; `make test` installs it)"))
    func theUnitsPassSystemdAnalyzeAndWithoutAManagerTheCrontabLineIsGiven() throws {
        let rehab = try DailyTests.enrolled(label: "remind-units")
        let env = Self.home(rehab)
        let units = env["XDG_CONFIG_HOME"]! + "/systemd/user"

        #expect(try rehab.run(["remind", "--status"], environment: env).stdout.hasPrefix("No reminder is set."))
        let set = try rehab.run(["remind", "--at", "18:00", "--checkin", "8:05"], environment: env)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(
            set.stdout.contains("session reminder is set for 18:00") && set.stdout.contains("check-in reminder is set for 08:05"), "\(set.stdout)")
        // No user manager answers on this runtime folder: the crontab lines instead, and why.
        #expect(set.stdout.contains("no systemd user service manager answers here"), "\(set.stdout)")
        let cron = set.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(cron.count == 2)
        #expect(
            cron.first?.hasPrefix("0 18 * * * ") == true
                && cron.first?.contains("'remind' '--now' '--only' 'session' '--data-dir' '\(rehab.dataDir)'") == true, "\(cron)")
        #expect(cron.last?.hasPrefix("5 8 * * * ") == true)

        let files = try FileManager.default.contentsOfDirectory(atPath: units).sorted()
        #expect(files == ["rehab-remind-checkin.service", "rehab-remind-checkin.timer", "rehab-remind-session.service", "rehab-remind-session.timer"])
        let timer = try String(contentsOfFile: units + "/rehab-remind-session.timer", encoding: .utf8)
        #expect(timer.contains("OnCalendar=*-*-* 18:00:00"))
        let verify = try TestRun([Self.find("systemd-analyze")!, "--user", "verify"] + files.map { units + "/" + $0 }, environment: env)
        #expect(verify.status == 0 && verify.output.isEmpty, "systemd-analyze verify: \(verify.output)")

        let status = try rehab.run(["remind", "--status"], environment: env).stdout
        #expect(try rehab.run(["remind"], environment: env).stdout == status, "rehab remind alone is --status")
        #expect(status.contains("Session reminder: every day at 18:00") && status.contains("Check-in reminder: every day at 08:05"), "\(status)")
        let off = try rehab.run(["remind", "--off"], environment: env)
        #expect(off.stdout.hasPrefix("Removed the session and check-in reminders."), "\(off.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: units).isEmpty)
        #expect(try rehab.run(["remind", "--at", "25:00"], environment: env).status == 1)
        #expect(try rehab.run(["remind", "--at", "18:00", "--off"], environment: env).status == 1)
    }

    @Test func withAUserManagerTheTimersAreSwitchedOnAndOffWithSystemctl() throws {
        // A stand-in systemctl that answers like a running user manager and notes what it was asked.
        let rehab = try DailyTests.enrolled(label: "remind-manager")
        var env = Self.home(rehab)
        let bin = rehab.folder + "/bin", calls = rehab.folder + "/systemctl-calls"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"$*\" >> '\(calls)'\n[ \"$2\" = is-enabled ] && echo enabled\nexit 0\n"
            .write(toFile: bin + "/systemctl", atomically: true, encoding: .utf8)
        chmod(bin + "/systemctl", 0o755)
        env["PATH"] = bin + ":/usr/bin:/bin"

        let set = try rehab.run(["remind", "--at", "18:30"], environment: env)
        #expect(set.status == 0 && set.stdout.contains("Switched on with systemctl --user") && !set.stdout.contains("crontab"), "\(set.stdout)")
        #expect(
            try rehab.run(["remind", "--status"], environment: env).stdout == "Session reminder: every day at 18:30 (systemd user timer, enabled).\n")
        #expect(try rehab.run(["remind", "--off"], environment: env).status == 0)
        let asked = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n")
        #expect(
            asked == [
                "--user daemon-reload", "--user enable --now rehab-remind-session.timer", "--user is-enabled rehab-remind-session.timer",
                "--user daemon-reload", "--user disable --now rehab-remind-session.timer", "--user daemon-reload"
            ], "\(asked)")
    }

    /// The tools that can send a notification, each tried alone (PATH holding only it).
    static let senders = ["notify-send", "gdbus", "dbus-send"]

    @Test(arguments: senders)
    func remindNowNotifiesOnlyWhatIsNotDoneAndAStopSaysSeeAClinician(_ sender: String) throws {
        let missing = PrivateNotificationServer.missing + (Self.find(sender) == nil ? [sender] : [])
        guard missing.isEmpty else {
            print(
                "ReminderTests: skipped for \(sender): missing \(missing.joined(separator: ", ")) (`make test` installs dbus, libnotify-bin, python3-dbus and python3-gi)"
            )
            return
        }
        let server = try PrivateNotificationServer()
        defer { server.stop() }
        let rehab = try DailyTests.enrolled(label: "remind-\(sender)")
        let bin = rehab.folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/" + sender, withDestinationPath: Self.find(sender)!)
        var env = server.environment
        env["PATH"] = bin

        // Nothing done today: the session and the check-in, each said once.
        let due = try rehab.run(["remind", "--now"], environment: env)
        #expect(due.status == 0 && due.stderr.isEmpty, "\(due.stderr)")
        var sent = server.sent()
        #expect(sent.map(\.summary) == ["rehab: today's session", "rehab: morning check-in"], "\(sent)")
        #expect(sent.first?.body.hasPrefix("0 of ") == true && sent.first?.body.contains("rehab log --plan") == true, "\(sent)")
        #expect(sent.last?.body.contains("rehab checkin --morning-pain") == true)
        #expect(sent.allSatisfy { $0.app == "rehab" })

        // Both done: nothing at all, not even a line on stdout.
        #expect(try rehab("checkin --morning-pain 1").status == 0)
        #expect(try rehab("log --plan --pain-during 1 --pain-after 1").status == 0)
        let done = try rehab.run(["remind", "--now"], environment: env)
        #expect(done.status == 0 && done.stdout.isEmpty && done.stderr.isEmpty, "\(done.stdout) \(done.stderr)")
        #expect(server.sent().count == 2)

        // A warning sign that stops the program: see a clinician, not a session.
        #expect(try rehab("checkin --morning-pain 2 --red-flag hot-swollen-hip").status == 0)
        let stop = try rehab.run(["remind", "--now", "--only", "session"], environment: env)
        #expect(stop.status == 0, "\(stop.stderr)")
        sent = server.sent()
        #expect(sent.count == 3)
        #expect(sent.last?.summary == "rehab: see a clinician, not exercise", "\(sent)")
        #expect(sent.last?.body.contains("Do no exercise and no running today; see a doctor or physiotherapist.") == true, "\(sent)")
        // dbus-send cannot pass the urgency hint; the others mark a stop critical.
        #expect(sent.last?.urgency == (sender == "dbus-send" ? nil : 2))
    }

    @Test func remindNowWithNoDataSaysNothingAndCreatesNothing() throws {
        let rehab = RehabProcess(label: "remind-empty")
        let run = try rehab.run(["remind", "--now"], environment: Self.home(rehab))
        #expect(run.status == 0 && run.stdout.isEmpty && run.stderr.isEmpty, "\(run.stdout) \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rehab.dataDir))
    }
}

/// A helper program run to its end, its output and errors together.
struct TestRun {
    let status: Int32
    let output: String

    init(_ arguments: [String], environment: [String: String]) throws {
        let file = NSTemporaryDirectory() + "rehab-run-\(UUID().uuidString)"
        defer { unlink(file) }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let pid = try Spawn.start(arguments, environment: env, output: .file(file), error: .standardOutput)
        let raw = Spawn.wait(pid)
        status = (raw >> 8) & 0xff
        output = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }
}
