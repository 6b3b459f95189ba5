import Foundation
import Testing

/// Issue 19: a run ladder that never goes backwards, and no side-lying on a painful hip.
@Suite struct LadderAndPositionTests {
    /// The built-in program as a parsed program file.
    func builtIn(_ rehab: RehabBinary) throws -> [String: Any] {
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
        let rehab = RehabBinary()
        let program = try builtIn(rehab)
        let stages = (program["returnToRun"] as? [String: Any])?["stages"] as? [[String: Any]] ?? []
        let running = stages.map { ($0["runMinutes"] as? Int ?? 0) * ($0["repeats"] as? Int ?? 0) }
        #expect(running == [4, 8, 12, 16, 20, 24, 28, 30, 30, 30])
        let r = try rehab.run(["program", "validate", try write(program)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("warning"), "\(r.stdout)")
    }

    @Test func validateRefusesALadderThatGoesBackwards() throws {
        let rehab = RehabBinary()
        // Stage 6 runs less than stage 5, and its longest run is shorter.
        let shorter = withStages(try builtIn(rehab)) { $0[5]["runMinutes"] = 4; $0[5]["repeats"] = 4 }
        let r = try rehab.run(["program", "validate", try write(shorter)])
        #expect(r.status == 1)
        #expect(r.stderr.contains("(returnToRun.stages[5].runMinutes): makes stage 6 16 min of running, less than stage 5's 20: the ladder must never go backwards"), "\(r.stderr)")
        #expect(r.stderr.contains("makes stage 6's longest run 4 min, shorter than stage 5's 5"), "\(r.stderr)")
        // The same running minutes in shorter runs is backwards too.
        let choppier = withStages(try builtIn(rehab)) { $0[9]["walkMinutes"] = 1; $0[9]["runMinutes"] = 10; $0[9]["repeats"] = 3 }
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
        let rehab = RehabBinary()
        // Stage 5 at 1/6 x 4 is 24 min after stage 4's 16: 50 % more. Stage 2's doubling is before stage 4.
        let jump = withStages(try builtIn(rehab)) { $0[4]["runMinutes"] = 6 }
        let r = try rehab.run(["program", "validate", try write(jump)])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 warning (the file can be used; worth a second look):"), "\(r.stdout)")
        #expect(r.stdout.contains("(returnToRun.stages[4].runMinutes): raises running from 16 min (stage 4) to 24 min, 50 % more; from stage 4 on a step of more than 30 % is a big jump"), "\(r.stdout)")
        let json = try rehab.run(["program", "validate", try write(jump), "--json"])
        #expect(json.json["valid"] as? Bool == true)
        #expect((json.json["warnings"] as? [[String: Any]])?.count == 1)
    }
}
