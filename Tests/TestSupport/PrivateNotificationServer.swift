import ChildProcesses
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A D-Bus session bus of one test (dbus-daemon on a socket in its own folder) with a small
/// org.freedesktop.Notifications server on it that records every notification it is sent, so a
/// test sees what `rehab remind --now` showed without a desktop.
public final class PrivateNotificationServer: @unchecked Sendable {
    public let folder: String
    public let address: String
    private var pids: [pid_t] = []

    /// What it needs: dbus-daemon (package dbus) and python3 with dbus and gi (python3-dbus,
    /// python3-gi); `make test` installs them.
    public static var missing: [String] {
        var missing = ["dbus-daemon"].filter { Spawn.find($0, environment: ProcessInfo.processInfo.environment) == nil }
        if !FileManager.default.isExecutableFile(atPath: python) {
            missing.append(python)
        } else if spawnAndWait([python, "-c", "import dbus, dbus.service, dbus.mainloop.glib; from gi.repository import GLib"]) != 0 {
            missing.append("python3-dbus and python3-gi")
        }
        return missing
    }

    /// Debian's python3, which the python3-dbus package is for.
    static let python = "/usr/bin/python3"

    public struct Sent: Equatable, Sendable {
        public let app: String
        public let summary: String
        public let body: String
        /// 0 low, 1 normal, 2 critical; nil when the sender gave none.
        public let urgency: Int?
    }

    public init() throws {
        var template = Array((NSTemporaryDirectory() + "rehab-dbus-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("cannot make a folder for the bus") }
        folder = String(cString: made)
        address = "unix:path=\(folder)/bus"
        try Self.script.write(toFile: folder + "/server.py", atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        pids.append(
            try Spawn.start(
                ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--address=\(address)"],
                environment: env, output: .file(folder + "/bus.log"), error: .standardOutput))
        try wait(for: folder + "/bus", "the bus socket")
        pids.append(
            try Spawn.start(
                [Self.python, folder + "/server.py", folder + "/sent.jsonl"], environment: env,
                output: .file(folder + "/server.log"), error: .standardOutput))
        try wait(for: folder + "/sent.jsonl.ready", "the notification server")
    }

    /// The environment of a client of this bus only.
    public var environment: [String: String] {
        ["DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": "", "WAYLAND_DISPLAY": ""]
    }

    /// Every notification received so far, in order.
    public func sent() -> [Sent] {
        let text = (try? String(contentsOfFile: folder + "/sent.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Sent(
                app: o["app"] as? String ?? "", summary: o["summary"] as? String ?? "", body: o["body"] as? String ?? "",
                urgency: o["urgency"] as? Int)
        }
    }

    public func stop() {
        for pid in pids.reversed() { kill(pid, SIGTERM); _ = Spawn.wait(pid) }
        pids = []
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }

    /// A file appears: the generous limit only bounds a broken set-up, a working one takes milliseconds.
    private func wait(for path: String, _ what: String) throws {
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: path) {
            if Date() > deadline {
                let log = ["bus.log", "server.log"].compactMap { try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }.joined()
                stop()
                throw TestFailure("\(what) did not start in 30 s: \(log)")
            }
            usleep(10_000)
        }
    }

    private static func spawnAndWait(_ arguments: [String]) -> Int32 {
        guard let pid = try? Spawn.start(arguments, environment: ProcessInfo.processInfo.environment) else { return -1 }
        return Spawn.wait(pid)
    }

    private static let script = """
        import json, sys
        import dbus, dbus.service, dbus.mainloop.glib
        from gi.repository import GLib

        dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
        log = sys.argv[1]
        IFACE = "org.freedesktop.Notifications"

        class Server(dbus.service.Object):
            @dbus.service.method(IFACE, in_signature="susssasa{sv}i", out_signature="u")
            def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
                urgency = int(hints["urgency"]) if "urgency" in hints else None
                with open(log, "a") as f:
                    f.write(json.dumps({"app": str(app), "summary": str(summary), "body": str(body), "urgency": urgency}) + "\\n")
                return dbus.UInt32(1)

            @dbus.service.method(IFACE, out_signature="as")
            def GetCapabilities(self):
                return ["body"]

            @dbus.service.method(IFACE, out_signature="ssss")
            def GetServerInformation(self):
                return ("rehab-test", "rehab", "1", "1.2")

            @dbus.service.method(IFACE, in_signature="u")
            def CloseNotification(self, id):
                pass

        bus = dbus.SessionBus()
        name = dbus.service.BusName(IFACE, bus)
        Server(bus, "/org/freedesktop/Notifications")
        open(log + ".ready", "w").close()
        GLib.MainLoop().run()
        """
}
