import ArgumentParser
import Foundation
import RehabCore
import RehabStore
import RehabTUI
import Sound

extension SoundMode: ExpressibleByArgument {}
extension Verbosity: ExpressibleByArgument {}

/// What the timers get about sound: what works on this machine, the patient's last choice (kept
/// in the data folder's settings.json), and why it fell back when it did.
enum TimerSoundChoice {
    /// For the full-screen program: what works is found in the background (trying a player takes
    /// a moment), so the first frame never waits for it.
    static func forApp(dataDirectory: String) -> TimerSound {
        let loaded = load(dataDirectory)
        return TimerSound(settings: loaded.settings, detection: detection(), note: loaded.note, remember: keeper(dataDirectory, loaded))
    }

    /// For `rehab timer`: found in the background too, while the timer gets ready (Ctrl-C and q
    /// answer at once meanwhile). `requested` (a `--sound` option) wins over the remembered choice
    /// for this run only.
    static func forTimer(dataDirectory: String, requested: SoundMode?) -> TimerSound {
        let loaded = load(dataDirectory)
        var settings = loaded.settings
        settings.sound = requested ?? settings.sound
        return TimerSound(settings: settings, detection: detection(), note: loaded.note, remember: keeper(dataDirectory, loaded))
    }

    /// What works here, found on a thread of its own.
    private static func detection() -> SoundDetection {
        SoundDetection {
            let setup = SoundOutput.detect()
            return .init(output: SoundOutput(setup: setup), choices: setup.availableModes, fallback: setup.fallbackNote)
        }
    }

    private static func load(_ dataDirectory: String) -> TimerSettingsFile.Loaded {
        TimerSettingsFile.load(from: dataDirectory)
    }

    /// A choice the patient makes (a sound, the words, the flash) is kept whenever it is made: the
    /// data folder may appear after start-up (the first run's set-up), and one made before any
    /// folder exists makes the folder (0700) and its settings file (0600). Remembering that a note
    /// was shown only uses a folder that is there. A file that could not be read is replaced only
    /// when the patient changes a setting. Why a choice was not kept is returned, for the program
    /// to say where it can be read.
    private static func keeper(_ dataDirectory: String, _ loaded: TimerSettingsFile.Loaded) -> (TimerSettings) -> String? {
        var written = false
        return { changed in
            var asLoaded = changed
            asLoaded.fallbackSaid = loaded.settings.fallbackSaid
            let chosen = asLoaded != loaded.settings
            guard chosen || FileManager.default.fileExists(atPath: dataDirectory) else { return nil }
            guard written || loaded.isChosen(changed) else { return nil }
            do {
                try TimerSettingsFile.save(changed, to: dataDirectory)
                written = true
                return nil
            } catch { return "The timer settings were not kept: \(error)" }
        }
    }
}
