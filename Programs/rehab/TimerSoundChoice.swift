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
    /// `requested` (a `--sound` option) wins over the remembered choice for this run only.
    static func make(dataDirectory: String, requested: SoundMode?) -> TimerSound {
        let setup = SoundOutput.detect()
        let loaded = TimerSettingsFile.load(from: dataDirectory)
        if let note = loaded.note { warn(note) }
        var settings = loaded.settings
        let wanted = requested ?? settings.sound ?? setup.bestMode
        var fallback = setup.fallbackNote
        if !setup.availableModes.contains(wanted) {
            // A remembered or requested voice that no longer works here: the best that does, and why.
            fallback = fallback ?? "\(wanted.rawValue.capitalized) does not work here: the timer uses \(setup.bestMode.rawValue)."
            settings.sound = setup.bestMode
        } else if requested != nil {
            settings.sound = requested
        }
        // Only an existing data folder keeps the choice: the timer alone never creates one.
        let folderExists = FileManager.default.fileExists(atPath: dataDirectory)
        return TimerSound(player: CuePlayer(output: SoundOutput(setup: setup)), settings: settings, choices: setup.availableModes,
                          fallback: fallback) { changed in
            guard folderExists else { return }
            do { try TimerSettingsFile.save(changed, to: dataDirectory) } catch { warn("The timer settings were not kept: \(error)") }
        }
    }
}
