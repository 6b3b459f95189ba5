import ArgumentParser
import Foundation
import RehabCore
import RehabTUI

extension SoundMode: ExpressibleByArgument {}
extension Verbosity: ExpressibleByArgument {}

/// What the timers get about sound: the modes that work on this machine, the patient's last choice.
enum SoundSetup {
    /// `requested` (a `--sound` option) wins over the remembered choice for this run only.
    static func timerSound(dataDirectory: String, requested: SoundMode?, explain: Bool) -> TimerSound {
        var settings = TimerSettings()
        settings.sound = requested ?? settings.sound ?? .bell
        return TimerSound(settings: settings, choices: [.bell, .off])
    }
}
