import Foundation
import TestSupport
import Testing

/// Issue 19: a run ladder that never goes backwards, and no side-lying on a painful hip.
@Suite struct LadderAndPositionTests {
    /// The built-in program as a parsed program file.
    func builtIn(_ rehab: RehabProcess) throws -> [String: Any] {
        let shown = try rehab("program show --json")
        #expect(shown.status == 0)
        return shown.json
    }

    func write(_ program: [String: Any]) throws -> String {
        let file = NSTemporaryDirectory() + "rehab-program-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
        return file
    }

    func withStages(_ program: [String: Any], _ edit: (inout [[String: Any]]) -> Void) -> [String: Any] {
        var p = program
        var rules = p["returnToRun"] as? [String: Any] ?? [:]
        var stages = rules["stages"] as? [[String: Any]] ?? []
        edit(&stages)
        rules["stages"] = stages
        p["returnToRun"] = rules
        return p
    }

    @Test func theDefaultLadderNeverGoesBackwardsAndValidatesWithoutWarnings() throws {
        let rehab = RehabProcess()
        let program = try builtIn(rehab)
        let stages = (program["returnToRun"] as? [String: Any])?["stages"] as? [[String: Any]] ?? []
        let running = stages.map { ($0["runMinutes"] as? Int ?? 0) * ($0["repeats"] as? Int ?? 0) }
        #expect(running == [4, 8, 12, 16, 20, 24, 28, 30, 30, 30])
        let r = try rehab.run(["program", "validate", try write(program)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("warning"), "\(r.stdout)")
    }

    @Test func validateRefusesALadderThatGoesBackwards() throws {
        let rehab = RehabProcess()
        // Stage 6 runs less than stage 5, and its longest run is shorter.
        let shorter = withStages(try builtIn(rehab)) {
            $0[5]["runMinutes"] = 4; $0[5]["repeats"] = 4
        }
        let r = try rehab.run(["program", "validate", try write(shorter)])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains(
                "(returnToRun.stages[5].runMinutes): makes stage 6 16 min of running, less than stage 5's 20: the ladder must never go backwards"),
            "\(r.stderr)")
        #expect(r.stderr.contains("makes stage 6's longest run 4 min, shorter than stage 5's 5"), "\(r.stderr)")
        // The same running minutes in shorter runs is backwards too.
        let choppier = withStages(try builtIn(rehab)) {
            $0[9]["walkMinutes"] = 1; $0[9]["runMinutes"] = 10; $0[9]["repeats"] = 3
        }
        let c = try rehab.run(["program", "validate", try write(choppier), "--json"])
        #expect(c.status == 1)
        let errors = c.json["errors"] as? [[String: Any]] ?? []
        #expect(errors.map { $0["path"] as? String } == ["returnToRun.stages[9].runMinutes"], "\(c.stdout)")
        // Nor can it be adopted.
        #expect(try rehab("init --start 2026-03-02 --side right").status == 0)
        let use = try rehab.run(["program", "use", try write(shorter), "--from", "2026-03-03"])
        #expect(use.status != 0)
        #expect(use.stderr.contains("never go backwards"), "\(use.stderr)")
    }

    @Test func validateWarnsAboutABigStepFromStageFourOnButTheFileCanBeUsed() throws {
        let rehab = RehabProcess()
        // Stage 5 at 1/6 x 4 is 24 min after stage 4's 16: 50 % more. Stage 2's doubling is before stage 4.
        let jump = withStages(try builtIn(rehab)) { $0[4]["runMinutes"] = 6 }
        let r = try rehab.run(["program", "validate", try write(jump)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 warning (the file can be used; worth a second look):"), "\(r.stdout)")
        #expect(
            r.stdout.contains(
                "(returnToRun.stages[4].runMinutes): raises running from 16 min (stage 4) to 24 min, 50 % more; from stage 4 on a step of more than 30 % is a big jump"
            ), "\(r.stdout)")
        let json = try rehab.run(["program", "validate", try write(jump), "--json"])
        #expect(json.json["valid"] as? Bool == true)
        #expect((json.json["warnings"] as? [[String: Any]])?.count == 1)
    }
}

/// Side-lying exercises through the command line, with the default program's side-lying hip
/// abduction (and its standing alternative) moved into the first phase.
@Suite struct SideLyingTests {
    func enrol(_ side: String) throws -> RehabProcess {
        let rehab = RehabProcess()
        var program = try LadderAndPositionTests().builtIn(rehab)
        var phases = program["phases"] as? [[String: Any]] ?? []
        let strengthening = phases[1]
        let sideLying = (strengthening["exercises"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "side-lying-abduction" }
        #expect(sideLying?["position"] as? String == "side-lying")
        phases[0]["exercises"] = (phases[0]["exercises"] as? [[String: Any]] ?? []) + [sideLying ?? [:]]
        phases[0]["alternatives"] = strengthening["alternatives"]
        program["phases"] = phases
        let file = try LadderAndPositionTests().write(program)
        let r = try rehab.run(["init", "--start", "2026-03-02", "--side", side, "--program", file])
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    func plan(_ rehab: RehabProcess) throws -> [[String: Any]] {
        let r = try rehab("plan --as-of 2026-03-03 --json")
        #expect(r.status == 0, "\(r.stderr)")
        return r.json["exercises"] as? [[String: Any]] ?? []
    }

    @Test func theDefaultProgramHasNoClamshellInActivationAndSaysWhatToAvoid() throws {
        let program = try LadderAndPositionTests().builtIn(RehabProcess())
        let phases = program["phases"] as? [[String: Any]] ?? []
        let activation = phases.first?["exercises"] as? [[String: Any]] ?? []
        #expect(!activation.isEmpty && !activation.contains { ($0["id"] as? String ?? "").contains("clamshell") })
        let all = phases.flatMap { ($0["exercises"] as? [[String: Any]] ?? []) + ($0["alternatives"] as? [[String: Any]] ?? []) }
        #expect(all.allSatisfy { ($0["how"] as? String ?? "").lowercased().contains("do not") }, "every how-to says what to avoid")
    }

    @Test func aOneSidedPatientIsPlannedSideLyingSetsOnThePainfulSideOnly() throws {
        let rehab = try enrol("left")
        let item = try #require(try plan(rehab).first { $0["id"] as? String == "side-lying-abduction" })
        #expect(item["sidesToDo"] as? [String] == ["left"])
        #expect(item["dose"] as? String == "3 x 10, left side (lying on your right)")
        #expect(try plan(rehab).first { $0["id"] as? String == "hip-hitch" }?["sidesToDo"] as? [String] == ["left", "right"])
        let text = try rehab("plan --as-of 2026-03-03")
        #expect(text.stdout.contains("3 x 10, left side (lying on your right)"), "\(text.stdout)")
        // 33 sets of the other exercises and 3 on the left. Lying on the painful left hip (the right leg on top)
        // is recorded, with a note, and counts for nothing.
        let wrong = try rehab("log --date 2026-03-03 --exercise side-lying-abduction --side right --sets 3 --reps 10")
        #expect(wrong.status == 0, "\(wrong.stderr)")
        #expect(
            wrong.stderr.contains(
                "Side-lying hip abduction on the right side means lying on your painful left hip, which presses on the sore tendon: it is recorded, but counts for nothing. Do it on the left side only, lying on your right."
            ), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("0 of 36 prescribed sets done in full"), "\(wrong.stderr)")
        let right = try rehab("log --date 2026-03-03 --exercise side-lying-abduction --side left --sets 3 --reps 10")
        #expect(!right.stderr.contains("painful"), "\(right.stderr)")
        #expect(right.stderr.contains("3 of 36 prescribed sets done in full"), "\(right.stderr)")
    }

    @Test func aPatientWithBothHipsPainfulIsPlannedTheStandingAlternative() throws {
        let rehab = try enrol("both")
        let ids = try plan(rehab).compactMap { $0["id"] as? String }
        #expect(!ids.contains("side-lying-abduction"))
        #expect(ids.last == "standing-band-abduction")
        #expect(try plan(rehab).last?["sidesToDo"] as? [String] == ["left", "right"])
        let timer = try rehab("timer --exercise side-lying-abduction")
        #expect(timer.status != 0)
        #expect(
            timer.stderr.contains(
                "Side-lying hip abduction would mean lying on a painful hip, and both of yours hurt; do standing band hip abduction (--exercise standing-band-abduction) instead."
            ), "\(timer.stderr)")
        let logged = try rehab("log --date 2026-03-03 --exercise side-lying-abduction --side left --sets 1 --reps 10")
        #expect(logged.stderr.contains("lying on your painful right hip"), "\(logged.stderr)")
        #expect(logged.stderr.contains("Your plan offers standing band hip abduction instead."), "\(logged.stderr)")
        let alternative = try rehab("log --date 2026-03-03 --exercise standing-band-abduction --side left --sets 3 --reps 10")
        #expect(alternative.status == 0, "\(alternative.stderr)")
        #expect(alternative.stderr.contains("3 of 39 prescribed sets done in full"), "\(alternative.stderr)")
    }
}
