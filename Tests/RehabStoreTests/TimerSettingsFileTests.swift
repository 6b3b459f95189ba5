import Foundation
import Testing
import RehabCore
@testable import RehabStore

@Suite struct TimerSettingsFileTests {
    func folder() -> String { NSTemporaryDirectory() + "rehab-settings-" + UUID().uuidString + "/data" }

    @Test func missingMeansDefaultsAndSavedIsRead() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        #expect(TimerSettingsFile.load(from: dir) == .init(settings: TimerSettings(), note: nil))
        let chosen = TimerSettings(sound: .tones, verbosity: .reps, flash: true)
        try TimerSettingsFile.save(chosen, to: dir)
        #expect(TimerSettingsFile.load(from: dir) == .init(settings: chosen, note: nil))
        let attributes = try FileManager.default.attributesOfItem(atPath: TimerSettingsFile.path(in: dir))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["settings.json"])  // no temporary file left
    }

    @Test func damagedMeansDefaultsANoteAndNoRewrite() throws {
        let dir = folder()
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = TimerSettingsFile.path(in: dir)
        // A field left out (an older file) takes its default; a wrong one is damage.
        try "{\"sound\":\"voice\",\"verbosity\":\"reps\"}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(TimerSettingsFile.load(from: dir) == .init(settings: TimerSettings(sound: .voice, verbosity: .reps), note: nil))
        for damaged in ["{\"sound\": \"trumpet\"", "", "[1, 2]", "{\"sound\":\"voice\",\"flash\":\"yes\"}"] {
            try damaged.write(toFile: path, atomically: true, encoding: .utf8)
            let loaded = TimerSettingsFile.load(from: dir)
            #expect(loaded.settings == TimerSettings())
            #expect(loaded.note == "The timer settings \(path) are damaged: the defaults are used until you change a setting.")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == damaged)
        }
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(TimerSettingsFile.load(from: dir).note?.contains("it is a folder, not a regular file") == true)
    }
}
