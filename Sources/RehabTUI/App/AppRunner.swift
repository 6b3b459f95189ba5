import RehabCore
import RehabStore

/// The full-screen app: `AppModel` on the one loop, with the patient's data.
public typealias AppRunner = Loop<AppModel>

extension Loop where Model == AppModel {
    /// Opens the data before the screen changes, so a damaged database is reported in plain text.
    public convenience init(directory: String, today: @escaping () -> Day, sound: TimerSound = TimerSound()) throws {
        try self.init(storage: DatabaseStorage(directory: directory), today: today, sound: sound)
    }

    public convenience init(storage: AppStorage, today: @escaping () -> Day, sound: TimerSound = TimerSound()) throws {
        let data = PatientData(storage: storage, today: today)
        let snapshot = try data.load()
        let model = AppModel(
            snapshot: snapshot, today: snapshot?.today ?? today(), timerSettings: sound.settings, soundChoices: sound.choices)
        self.init(model: model, sound: sound, data: data)
    }
}
