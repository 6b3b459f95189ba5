import Foundation
import RehabCore

/// Thirteen weeks of a plausible patient, written as a `rehab export --format json` document:
/// activation with one flare, strengthening three times a week under an adjusted program from
/// day 30, a locking episode cleared by the physio, tests, scores, and a clinician override.
enum SamplePatient {
    static let start = "2026-03-02"
    static let adjustedSource = "/clinic/hip-adjusted.json"

    /// The default program with the changes a physiotherapist might make.
    static var adjustedProgramText: String {
        ProgramLoader.defaultProgramText()!
            .replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 3,")
            .replacingOccurrences(of: "\"greenMaxDuring\": 3,", with: "\"greenMaxDuring\": 2,")
            .replacingOccurrences(of: "\"minimumDays\": 42,", with: "\"minimumDays\": 35,")
    }

    static func document() -> [String: Any] {
        var rng = SeededRandom(seed: 42)
        var exercises: [[String: Any]] = []
        var checkIns: [[String: Any]] = []
        var nextID = 1
        func entry(
            _ day: Int, _ id: String, side: String?, sets: Int, reps: Int? = nil, hold: Int? = nil, load: Double? = nil,
            during: Int, after: Int
        ) {
            var e: [String: Any] = ["id": nextID, "date": date(day), "exerciseID": id, "sets": sets, "painDuring": during, "painAfter": after]
            nextID += 1
            if let side { e["side"] = side }
            if let reps { e["reps"] = reps }
            if let hold { e["holdSeconds"] = hold }
            if let load { e["loadKg"] = load }
            exercises.append(e)
        }
        for d in 0..<90 {
            let activation = d < 18
            let sessionDay = activation ? true : [0, 2, 4].contains((d % 7)) && !(d >= 49 && d < 54)
            if sessionDay {
                let base = activation ? Int(rng.next() % 3) + 1 : Int(rng.next() % 3) + (d > 60 ? 0 : 1)
                let during = d == 9 ? 6 : base
                let after = min(10, during + Int(rng.next() % 2))
                // Every exercise of the phase at its prescription: a day that counts as a session.
                let phase = ProgramLoader.defaultProgram().phase(activation ? .activation : .strengthening)!
                let load = 8 + Double((d - 18) / 14) * 2
                for e in phase.exercises {
                    for side in e.sides == .each ? ["left", "right"] : [nil] {
                        let kg = e.loadable == true ? (e.sides == .each ? load / 2 : load) : nil
                        entry(
                            d, e.id, side: side, sets: e.sets, reps: e.reps, hold: e.holdSeconds, load: activation ? nil : kg,
                            during: during, after: after)
                    }
                }
            }
            var morning = Int(rng.next() % 2) + (d < 20 ? 1 : 0)
            if d == 10 { morning = 3 }
            var flags: [String] = []
            if d == 40 { flags = ["locking-giving-way"] }
            if d > 0 && (sessionDay || d % 3 == 0 || !flags.isEmpty) {
                checkIns.append(["date": date(d), "morningPain": morning, "limping": false, "redFlags": flags])
            }
        }
        let tests: [[String: Any]] = [
            ["id": 1, "date": date(16), "testID": "single-leg-stance", "side": "left", "value": 32, "pain": 1],
            ["id": 2, "date": date(16), "testID": "single-leg-stance", "side": "right", "value": 35, "pain": 1],
            ["id": 3, "date": date(75), "testID": "single-leg-bridge-test", "side": "left", "value": 22, "pain": 1],
            ["id": 4, "date": date(75), "testID": "single-leg-bridge-test", "side": "right", "value": 21, "pain": 2],
            ["id": 5, "date": date(75), "testID": "side-lying-abduction-test", "side": "left", "value": 20, "pain": 1],
            ["id": 6, "date": date(75), "testID": "side-lying-abduction-test", "side": "right", "value": 18, "pain": 2],
            ["id": 7, "date": date(76), "testID": "single-leg-sit-to-stand", "side": "left", "value": 20, "pain": 2],
            ["id": 8, "date": date(76), "testID": "single-leg-sit-to-stand", "side": "right", "value": 20, "pain": 3]
        ]
        return [
            "format": "rehab-export", "version": 2,
            "enrolment": ["start": start, "side": "right", "baselinePain": 1],
            "programs": [
                ["adoptedOn": start, "source": "default", "text": ProgramLoader.defaultProgramText()!],
                ["adoptedOn": date(30), "source": adjustedSource, "text": adjustedProgramText]
            ],
            "exercises": exercises, "runs": [], "checkIns": checkIns, "tests": tests,
            "phaseChanges": [
                ["date": date(18), "phase": "strengthening"],
                [
                    "date": date(84), "phase": "multi-plane",
                    "override": "Physio assessed in clinic: strength adequate; abduction 18 of 20 on the right is acceptable"
                ]
            ],
            "clearances": [["date": date(44), "note": "Physio: no mechanical cause found, carry on"]],
            "scores": [
                ["date": date(0), "score": 52], ["date": date(28), "score": 61], ["date": date(56), "score": 70],
                ["date": date(83), "score": 78]
            ]
        ]
    }

    /// Writes the document to a new file and returns its path.
    static func write() throws -> String {
        let path = NSTemporaryDirectory() + "rehab-sample-\(UUID().uuidString).json"
        let data = try JSONSerialization.data(withJSONObject: document(), options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func date(_ offset: Int) -> String { EndToEndTests.date(offset, from: start) }
}
