import Foundation
import Testing
@testable import RehabCore

/// Thousands of damaged program files: each either loads or is refused with one line saying
/// where and what; none crashes the loader, and no program that loads crashes the engine.
///
/// Seeded, so a failure replays; `make stress` (REHAB_STRESS=1) runs ten times more.
@Suite struct ProgramFuzzTests {
    static let scale = ProcessInfo.processInfo.environment["REHAB_STRESS"] == "1" ? 10 : 1
    static let base = Array(ProgramLoader.defaultProgramText()!.utf8)

    /// Values that have broken parsers and arithmetic before.
    static let nastyNumbers = [
        "0", "-1", "1", "-0", "0.5", "1e308", "-1e308", "1e999", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "99999999999999999999999999", "1.7976931348623157e309",
        "5e-324", "100000", "365", "366", "7", "8", "10", "11", "20", "21", "121", "901", "1E2", "0x10", "NaN", "Infinity"
    ]
    static let nastyStrings = [
        "", " ", "\\u0000", "\\ud800", "\\udfff\\ud800", "é", "\\n\\r\\t", "a\\\"b", "🦵🏽", "\u{202E}drah",
        String(repeating: "x", count: 5000), "activation", "return-to-run", "each", "both", "tests"
    ]
    static let nastyBytes: [[UInt8]] = [
        [0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80],
        [0x00], [0xEF, 0xBB, 0xBF], [0x1B, 0x5B, 0x32, 0x4A], [0x0D], [0x22], [0x5C], [0x7B], [0x5D], [0x2C]
    ]

    /// Byte-level damage: truncation, deletion, insertion of raw bytes, duplication, token swaps.
    static func mutateBytes(_ input: [UInt8], _ rng: inout SeededRandom) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: b = Array(b.prefix(at))
            case 1: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...200, using: &rng)))
            case 2: b.insert(contentsOf: nastyBytes.randomElement(using: &rng)!, at: at)
            case 3: b.insert(contentsOf: (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            case 4:
                let end = min(b.count, at + Int.random(in: 1...400, using: &rng))
                b.insert(contentsOf: b[at..<end], at: Int.random(in: 0...b.count, using: &rng))
            case 5:
                // Replace the number that starts after the next colon.
                if let colon = b[at...].firstIndex(of: UInt8(ascii: ":")),
                    let start = b[colon...].firstIndex(where: { $0 == UInt8(ascii: "-") || (48...57).contains($0) }),
                    start - colon < 3
                {
                    let end = b[start...].firstIndex { !($0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || (48...57).contains($0)) } ?? b.count
                    b.replaceSubrange(start..<end, with: Array(nastyNumbers.randomElement(using: &rng)!.utf8))
                }
            case 6:
                if at < b.count {
                    b[at] = [
                        UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"),
                        UInt8(ascii: "\"")
                    ].randomElement(using: &rng)!
                }
            default:
                // Replace the next string's contents.
                if let q1 = b[at...].firstIndex(of: UInt8(ascii: "\"")), let q2 = b[(q1 + 1)...].firstIndex(of: UInt8(ascii: "\"")) {
                    b.replaceSubrange((q1 + 1)..<q2, with: Array(nastyStrings.randomElement(using: &rng)!.utf8))
                }
            }
        }
        return b
    }

    /// Structure-level damage that keeps the JSON valid, so the decoder and validator are reached:
    /// one to three values anywhere in the tree replaced, removed, emptied or duplicated.
    static func mutateTree(_ tree: Any, paths: [[Any]], _ rng: inout SeededRandom) -> Any {
        var result = tree
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            result = replacing(result, at: paths.randomElement(using: &rng)![...], &rng)
        }
        return result
    }

    static func collectPaths(_ value: Any, _ path: [Any], into paths: inout [[Any]]) {
        if !path.isEmpty { paths.append(path) }
        if let dict = value as? [String: Any] {
            for key in dict.keys.sorted() { collectPaths(dict[key]!, path + [key], into: &paths) }
        } else if let array = value as? [Any] {
            for i in array.indices { collectPaths(array[i], path + [i], into: &paths) }
        }
    }

    static func replacing(_ value: Any, at path: ArraySlice<Any>, _ rng: inout SeededRandom) -> Any {
        guard let first = path.first else { return nastyValue(value, &rng) }
        if var dict = value as? [String: Any], let key = first as? String, dict[key] != nil {
            if path.count == 1, Int.random(in: 0..<6, using: &rng) == 0 { dict.removeValue(forKey: key); return dict }
            dict[key] = replacing(dict[key]!, at: path.dropFirst(), &rng)
            return dict
        }
        if var array = value as? [Any], let i = first as? Int, array.indices.contains(i) {
            if path.count == 1, Int.random(in: 0..<6, using: &rng) == 0 { array.remove(at: i); return array }
            if path.count == 1, Int.random(in: 0..<6, using: &rng) == 0 { array.append(array[i]); return array }
            array[i] = replacing(array[i], at: path.dropFirst(), &rng)
            return array
        }
        return value
    }

    static func nastyValue(_ old: Any, _ rng: inout SeededRandom) -> Any {
        // Near misses and near hits of the old number reach the validator's edges and the engine.
        if let n = old as? Int, !(old is Bool), Bool.random(using: &rng) {
            return [n - 1, n + 1, n * 2, n / 2, 0, 1, -n].randomElement(using: &rng)!
        }
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return NSNull()
        case 1, 2: return [Int.max, Int.min, 0, -1, 1, 2, 7, 8, 10, 11, 100, 101, 365, 366, 1_000_000, Int(Int32.max)].randomElement(using: &rng)!
        case 3: return [0.5, -0.0, 1e308, -1e308, 5e-324, 99_999.5, 100_000.0].randomElement(using: &rng)!
        case 4, 5: return nastyStrings.randomElement(using: &rng)!.replacingOccurrences(of: "\\u0000", with: "\u{0}")
        case 6: return [Any]()
        case 7: return [String: Any]()
        default: return Bool.random(using: &rng)
        }
    }

    /// Loads, and on success puts the program through the engine: status over months, weeks, plans, timers.
    static func check(_ data: [UInt8], _ label: String) -> Bool {
        // The full checker behind `rehab program validate` and `program use`: every issue one line.
        let full = ProgramLoader.check(Data(data))
        for issue in full.issues {
            let text = issue.description
            #expect(
                !text.contains { $0.isNewline } && !text.isEmpty && text.count < 600,
                "\(label): check gives \(text.count) characters: \(text.prefix(300))")
        }
        do {
            let program = try ProgramLoader.load(Data(data))
            exercise(program)
            return true
        } catch {
            #expect(!error.location.isEmpty && !error.problem.isEmpty, "\(label): empty error")
            let text = error.description
            let oneLine = !text.contains { $0.isNewline }
            #expect(oneLine, "\(label): message is not one line: \(text)")
            #expect(text.count < 600, "\(label): message is \(text.count) characters long")
            return false
        }
    }

    static func exercise(_ program: Program) {
        let start = Day(iso: "2026-03-02")!
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        for d in 0..<40 {
            for e in program.phases.flatMap(\.exercises).prefix(6) {
                h.exercises.append(
                    ExerciseEntry(
                        date: start + d, exerciseID: e.id, side: e.sides == .each ? .left : nil, sets: e.sets,
                        reps: e.reps, holdSeconds: e.holdSeconds, loadKg: 2, painDuring: d % 7, painAfter: d % 5))
            }
            h.checkIns.append(CheckIn(date: start + d + 1, morningPain: d % 4, limping: d == 20, redFlags: []))
            if d % 10 == 9 {
                h.phaseChanges.append(PhaseChange(date: start + d, phase: program.phases[min(program.phases.count - 1, d / 10)].id, override: "fuzz"))
            }
            if d > 30 { h.runs.append(RunEntry(date: start + d, stage: 1, minutes: 20, painDuring: d % 3)) }
        }
        for t in program.allTests {
            h.tests.append(TestResult(date: start + 12, testID: t.id, side: t.sides == .each ? .left : nil, value: t.target, pain: 0))
        }
        let evaluator = Evaluator(program: program, history: h)
        for offset in [0, 13, 27, 41, 120] {
            let status = evaluator.status(asOf: start + offset)
            _ = evaluator.week(containing: start + offset, asOf: start + offset)
            for item in status.plan.items { _ = TempoPlan(exercise: item.exercise, sides: [.left, .right]).totalMilliseconds }
        }
    }

    @Test func damagedBytesNeverCrashTheLoader() {
        var rng = SeededRandom(seed: 5)
        var loaded = 0
        let runs = 2000 * Self.scale
        for n in 0..<runs {
            let input = Self.mutateBytes(Self.base, &rng)
            if Self.check(input, "byte case \(n)") { loaded += 1 }
        }
        // Some mutations (inside a description, say) leave a valid program: both paths are exercised.
        #expect(loaded > 0 && loaded < runs, "\(loaded) of \(runs) loaded")
    }

    @Test func damagedStructureNeverCrashesTheLoaderOrTheEngine() throws {
        var rng = SeededRandom(seed: 6)
        let plain = ProgramLoader.stripComments(ProgramLoader.defaultProgramText()!)
        let tree = try JSONSerialization.jsonObject(with: Data(plain.utf8))
        var paths: [[Any]] = []
        Self.collectPaths(tree, [], into: &paths)
        var loaded = 0
        let runs = 1000 * Self.scale
        for n in 0..<runs {
            let mutated = Self.mutateTree(tree, paths: paths, &rng)
            guard JSONSerialization.isValidJSONObject(mutated), let data = try? JSONSerialization.data(withJSONObject: mutated) else { continue }
            if Self.check(Array(data), "tree case \(n)") { loaded += 1 }
        }
        #expect(loaded > 0 && loaded < runs, "\(loaded) of \(runs) loaded")
    }

    @Test func edgeCasesOfTheWholeFile() {
        for input: [UInt8] in [
            [], [0xFF], [0xEF, 0xBB, 0xBF], Array("{}".utf8), Array("[]".utf8), Array("null".utf8), Array("\"x\"".utf8),
            Array("/* never closed".utf8), Array("// only a comment".utf8), Array(repeating: UInt8(ascii: "["), count: 100_000),
            Array(repeating: UInt8(ascii: "{"), count: 5000), Array("{\"id\": 1e999999}".utf8), Self.base + [0xFF],
            [0xEF, 0xBB, 0xBF] + Self.base, Array(Self.base.prefix(1)), Array(Self.base.dropLast())
        ] {
            _ = Self.check(input, "edge case of \(input.count) bytes")
        }
    }
}
