import ChildProcesses
import Foundation

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
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("OnCalendar=*-*-* ") })
        else { return nil }
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
                if enabled.status != 0 {
                    return lines + cronInstead(reminders, rehab, dataDirectory, why: "systemctl --user enable failed: \(enabled.output)")
                }
            }
            return lines + ["Switched on with systemctl --user; `rehab remind --status` shows them, `rehab remind --off` removes them."]
        }
        return lines
            + cronInstead(reminders, rehab, dataDirectory, why: "no systemd user service manager answers here (systemctl --user: \(manager.output))")
    }

    func remove() -> [String] {
        var removed: [String] = []
        let manager = systemctl(["daemon-reload"]).status == 0
        for kind in Reminder.Kind.allCases
        where FileManager.default.fileExists(atPath: path(kind, "timer")) || FileManager.default.fileExists(atPath: path(kind, "service")) {
            if manager { _ = systemctl(["disable", "--now", Self.unit(kind) + ".timer"]) }
            try? FileManager.default.removeItem(atPath: path(kind, "timer"))
            try? FileManager.default.removeItem(atPath: path(kind, "service"))
            removed.append(kind == .session ? "session" : "check-in")
        }
        if manager { _ = systemctl(["daemon-reload"]) }
        if removed.isEmpty { return ["No reminder was set."] }
        return [
            "Removed the \(removed.joined(separator: " and ")) reminder\(removed.count > 1 ? "s" : "")."
                + " If you added rehab to your crontab, remove those lines with crontab -e."
        ]
    }

    func describe() -> [String] {
        let set = Reminder.Kind.allCases.compactMap { kind in time(of: kind).map { (kind, $0) } }
        if set.isEmpty { return ["No reminder is set. Set one with: rehab remind --at 18:00"] }
        return set.map { kind, time in
            let state = systemctl(["is-enabled", Self.unit(kind) + ".timer"])
            let how =
                state.status == 0
                ? "systemd user timer, \(state.output)"
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
        return [
            "The timers are not switched on: \(why). Add \(reminders.count > 1 ? "these lines" : "this line") to your crontab (crontab -e) instead:"
        ]
            + reminders.map { kind, time in
                let command = [rehab, "remind", "--now", "--only", kind.rawValue, "--data-dir", dataDirectory].map(Self.shellQuoted).joined(
                    separator: " ")
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
