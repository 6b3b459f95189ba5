import RehabCore

extension TimerSettings {
    /// Why the sound falls back from the patient's choice to what works here, when that reason
    /// has not been said before; it is then marked as said (the settings are to be remembered),
    /// so each reason is said once, by the app and by `rehab timer` alike.
    mutating func fallbackToSay(choices: [SoundMode], detected: String?) -> String? {
        guard let why = SoundMode.fallbackNote(wanted: sound, choices: choices, detected: detected), why != fallbackSaid else { return nil }
        fallbackSaid = why
        return why
    }
}
