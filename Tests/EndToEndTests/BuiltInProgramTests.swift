import Foundation
import TestSupport
import Testing
import RehabCore

/// Each built-in program through the binary: it validates, it can be chosen at `init` and switched
/// to, a patient who does what `plan --json` says reaches "complete", and one whose pain flares is
/// paused. The start is a Monday, long enough ago that no day of the simulation is in the future.
@Suite struct BuiltInProgramTests {
    static let start = "2026-01-05"
    static let ids = BuiltInPrograms.all.map(\.id)
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    @Test(arguments: ids) func validatesWithoutWarnings(_ id: String) throws {
        let file = NSTemporaryDirectory() + "rehab-builtin-\(UUID().uuidString).json"
        try BuiltInPrograms.named(id)!.text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let check = try RehabProcess().run(["program", "validate", file, "--json"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.json["valid"] as? Bool == true)
        #expect((check.json["warnings"] as? [Any])?.isEmpty == true, "\(check.stdout)")
        // The file names its sources, and its docs page exists beside the others.
        #expect(BuiltInPrograms.named(id)!.text.contains("Sources:"))
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../../docs/programs/\(id).md").path
        #expect(FileManager.default.fileExists(atPath: docs), "no \(docs)")
    }

    @Test func listShowsEachProgramWithWhereItHurtsAndWhatItIsFor() throws {
        let rehab = RehabProcess()
        let list = try rehab.run(["program", "list", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.compactMap { $0["id"] as? String } == Self.ids)
        #expect(items.allSatisfy { !($0["painArea"] as? String ?? "").isEmpty && !($0["purpose"] as? String ?? "").isEmpty })
        #expect(items.filter { $0["isDefault"] as? Bool == true }.count == 1)
        let text = try rehab.run(["program", "list"]).stdout
        #expect(text.contains("does not diagnose") && text.contains("hamstring-tendinopathy  deep in the buttock"), "\(text)")
        #expect(text.contains("back checked first"))
        // Before any data nothing is in force; after `init --program` that one is, and only it.
        #expect(items.allSatisfy { $0["inForce"] as? Bool == false })
        #expect(try rehab.run(["init", "--start", d(0), "--program", "hip-flexor"]).status == 0)
        let listed = try rehab.run(["program", "list", "--json"]).stdout
        let after = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(after.filter { $0["inForce"] as? Bool == true }.compactMap { $0["id"] as? String } == ["hip-flexor"])
        let marked = try rehab.run(["program", "list"]).stdout.split(separator: "\n").filter { $0.contains("yours, in force") }
        #expect(marked.count == 1 && marked.first?.contains("hip-flexor") == true, "\(marked)")
    }

    @Test func initTakesAnIdAndRefusesAWordThatIsNeither() throws {
        let rehab = RehabProcess()
        let unknown = try rehab.run(["init", "--start", d(0), "--program", "hamstrings"])
        #expect(unknown.status != 0 && unknown.stderr.contains("neither a built-in program"), "\(unknown.stderr)")
        let r = try rehab.run(["init", "--start", d(0), "--program", "hip-flexor", "--baseline-pain", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Hip flexor related pain") && r.stdout.contains("have the back checked first"), "\(r.stdout)")
        let program = try rehab.run(["status", "--as-of", d(1), "--json"]).json["program"] as? [String: Any]
        #expect(program?["id"] as? String == "hip-flexor" && program?["source"] as? String == "hip-flexor")
    }

    /// A switch applies from its day on: what was logged before stays, the phase stays, and
    /// status and the report name the program in force. (That a switch never re-judges a past
    /// day is the rule of every program change, tested with files in ProgramFileTests.)
    @Test func switchingToABuiltInKeepsThePast() throws {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--baseline-pain", "1"]).status == 0)
        #expect(
            try rehab.run(["log", "--date", d(1), "--exercise", "hip-circles", "--side", "left", "--sets", "2", "--reps", "8", "--pain-during", "1"])
                .status == 0)
        let use = try rehab.run(["program", "use", "fai-labral", "--from", d(3)])
        #expect(use.status == 0, "\(use.stderr)")
        #expect(use.stdout.contains("(fai-labral)") && use.stdout.contains("outcome.name: \"VISA-G\" -> \"iHOT-33\""), "\(use.stdout)")
        // hip-circles is no exercise of fai-labral: the set stays in the history all the same.
        let history = try rehab.run(["history", "--json"]).stdout
        #expect(history.contains("hip-circles"), "\(history)")
        let status = try rehab.run(["status", "--as-of", d(4), "--json"]).json
        #expect(status["phase"] as? String == "activation" && status["phaseStart"] as? String == d(0))
        #expect(try rehab.run(["status", "--as-of", d(4)]).stdout.contains("from fai-labral, in force since \(d(3))"))
        let report = try rehab.run(["report", "--to", d(4)]).stdout
        #expect(report.contains("Switched to \"Hip impingement (FAI syndrome)"), "\(report)")
        // Nothing changes for a program already in force.
        #expect(try rehab.run(["program", "use", "fai-labral", "--from", d(5)]).stdout.contains("already in force"))
    }

    // MARK: Simulated patients

    /// Does every day what `plan --json` asks, at pain 1, checks in the next morning, takes each
    /// gate test when asked, and moves on when the gate opens; returns the day it completed.
    func compliantPatient(_ id: String) throws -> Int? {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--program", id, "--side", "right", "--baseline-pain", "1"]).status == 0)
        var lastRun = -2
        var phase = "activation"
        for day in 0..<200 {
            // Activation every day, later phases Monday, Wednesday and Friday, runs every other day:
            // the days between are rest days, with nothing to ask the binary.
            let sessionDay = phase == "activation" || [0, 2, 4].contains(day % 7)
            let runDay = phase == "return-to-run" && day - lastRun >= 2
            guard sessionDay || runDay || phase == "complete" else { continue }
            let status = try rehab.run(["status", "--as-of", d(day), "--json"]).json
            phase = status["phase"] as? String ?? ""
            if phase == "complete" { return day }
            #expect(status["paused"] as? Bool == false, "\(id) paused on day \(day)")
            if status["paused"] as? Bool != false { return nil }
            if status["outcomeDue"] as? Bool == true {
                #expect(try rehab.run(["score", "--date", d(day), "--score", "70"]).status == 0)
            }
            if status["eligibleToAdvance"] as? Bool == true {
                let advance = try rehab.run(["advance", "--as-of", d(day)])
                #expect(advance.status == 0, "\(id) day \(day): \(advance.stderr)")
                phase = (try rehab.run(["status", "--as-of", d(day), "--json"]).json["phase"] as? String) ?? ""
                continue
            }
            let criteria = status["criteria"] as? [[String: Any]] ?? []
            let testsMet = criteria.first { $0["id"] as? String == "tests" }?["met"] as? Bool ?? true
            let daysInPhase = status["daysInPhase"] as? Int ?? 0
            if !testsMet && daysInPhase >= 10 {
                for test in status["requiredTests"] as? [[String: Any]] ?? [] {
                    let side = (test["side"] as? String).map { ["--side", $0] } ?? []
                    let value = (test["target"] as? Double).map { String(Int($0)) } ?? "\(test["target"] ?? 0)"
                    let r = try rehab.run(["test", "--date", d(day), "--name", test["id"] as? String ?? "", "--value", value, "--pain", "1"] + side)
                    #expect(r.status == 0, "\(id) day \(day): \(r.stderr)")
                }
            }
            let plan = try rehab.run(["plan", "--as-of", d(day), "--json"]).json
            if runDay, let run = plan["run"] as? [String: Any], let stage = run["stage"] as? Int, let minutes = run["runMinutes"] as? Int,
                run["allowedToday"] as? Bool == true
            {
                let r = try rehab.run(["log", "--date", d(day), "--run-stage", "\(stage)", "--minutes", "\(minutes)", "--pain-during", "1"])
                #expect(r.status == 0, "\(id) day \(day): \(r.stderr)")
                lastRun = day
            } else if sessionDay, (plan["exercises"] as? [[String: Any]] ?? []).contains(where: { $0["done"] as? Bool != true }) {
                // What the plan prescribes, each set and side at its own load, in one command.
                let r = try rehab.run(["log", "--plan", "--date", d(day), "--pain-during", "1", "--pain-after", "1"])
                #expect(r.status == 0, "\(id) day \(day): \(r.stderr)")
            }
            #expect(try rehab.run(["checkin", "--date", d(day + 1), "--morning-pain", "1"]).status == 0)
        }
        return nil
    }

    @Test(arguments: ids) func aCompliantPatientCompletesTheProgram(_ id: String) throws {
        let program = BuiltInPrograms.named(id)!.program
        let completed = try compliantPatient(id)
        let done = try #require(completed, "\(id): not complete after 200 days")
        print("\(id): complete on day \(done)")
        // Never before the phases' minimum days and the ladder's runs every other day.
        let minimum = program.phases.map(\.minimumDays).reduce(0, +) + (program.returnToRun.stages.count * 2 - 1) * 2
        #expect(done >= minimum, "\(id) complete on day \(done)")
    }

    /// Does the plan at pain 7 (red) on consecutive days: the program pauses and the plan holds.
    @Test(arguments: ids) func aFlaringPatientIsPaused(_ id: String) throws {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--program", id, "--side", "left", "--baseline-pain", "1"]).status == 0)
        for day in 0..<3 {
            let plan = try rehab.run(["plan", "--as-of", d(day), "--json"]).json
            let first = try #require((plan["exercises"] as? [[String: Any]])?.first)
            var args = ["log", "--date", d(day), "--exercise", first["id"] as? String ?? "", "--sets", "\(first["sets"] ?? 0)", "--pain-during", "7"]
            if let reps = first["reps"] as? Int { args += ["--reps", "\(reps)"] }
            if let hold = first["holdSeconds"] as? Int { args += ["--hold-seconds", "\(hold)"] }
            if first["sides"] as? String == "each" { args += ["--side", "left"] }
            #expect(try rehab.run(args).status == 0)
        }
        let status = try rehab.run(["status", "--as-of", d(2), "--json"]).json
        #expect(status["paused"] as? Bool == true, "\(id): \(status["zones"] ?? "")")
        #expect(try rehab.run(["status", "--as-of", d(2)]).stdout.contains("PAUSED"))
        let plan = try rehab.run(["plan", "--as-of", d(3), "--json"]).json
        #expect((plan["exercises"] as? [[String: Any]])?.allSatisfy { $0["advice"] as? String == "hold" } == true, "\(plan)")
    }
}
