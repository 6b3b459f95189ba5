import ChildProcesses
import Foundation

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
            let result = Tool.run([
                gdbus, "call", "--session", "--dest", "org.freedesktop.Notifications",
                "--object-path", "/org/freedesktop/Notifications", "--method", "org.freedesktop.Notifications.Notify",
                quoted("rehab"), "uint32 0", quoted(""), quoted(summary), quoted(body), "@as []", hints, "int32 -1"
            ])
            if result.status == 0 { return nil }
            tried.append("gdbus: \(result.output)")
        }
        if let dbusSend = Spawn.find("dbus-send", environment: env) {
            // dbus-send cannot write the hints' variant dictionary: an urgent one goes without it.
            let result = Tool.run([
                dbusSend, "--session", "--print-reply", "--dest=org.freedesktop.Notifications",
                "/org/freedesktop/Notifications", "org.freedesktop.Notifications.Notify",
                "string:rehab", "uint32:0", "string:", "string:\(summary)", "string:\(body)",
                "array:string:", "dict:string:string:", "int32:-1"
            ])
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
