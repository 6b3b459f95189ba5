import Foundation

/// A program compiled into rehab, one for each running-related cause of hip pain the seed
/// articles describe. Which one fits is a clinician's call: rehab lists them, it does not diagnose.
public struct BuiltInProgram: Sendable {
    /// Its name on the command line (`rehab init --program ID`, `rehab program use ID`).
    public let id: String
    /// Where the pain usually is, in the patient's words.
    public let painArea: String
    /// What the program is for, in a few words.
    public let purpose: String
    /// Its file in Sources/RehabCore/Resources, without ".json".
    let file: String

    /// The program file's text, byte for byte as shipped.
    public var text: String {
        guard let text = EmbeddedPrograms.files[file] else { fatalError("built-in program \(file) is missing; reinstall rehab") }
        return text
    }

    /// The one line `program list` and the set-up form show.
    public var summary: String { "\(painArea): \(purpose)" }
}

public enum BuiltInPrograms {
    /// The first is the default, which `rehab init` starts with when no program is chosen.
    public static let all: [BuiltInProgram] = [
        BuiltInProgram(
            id: "gluteal-tendinopathy", painArea: "outside of the hip, over the bony point",
            purpose: "gluteal tendinopathy (lateral hip pain)", file: "default-program"),
        BuiltInProgram(
            id: "hamstring-tendinopathy", painArea: "deep in the buttock, at the sit bone",
            purpose: "proximal hamstring tendinopathy", file: "hamstring-tendinopathy"),
        BuiltInProgram(
            id: "hip-flexor", painArea: "front of the hip or groin, lifting the knee",
            purpose: "hip flexor (iliopsoas) related pain", file: "hip-flexor"),
        BuiltInProgram(
            id: "fai-labral", painArea: "deep in the front of the hip, pinching when bent",
            purpose: "hip impingement (FAI syndrome) or labral irritation", file: "fai-labral")
    ]

    /// Said wherever the programs are offered.
    public static let clinicianConfirms =
        "rehab does not diagnose: a physiotherapist or doctor should confirm which program fits your pain."

    /// Warning signs come before any program: deep groin pain that worsens with weight-bearing
    /// can be a stress fracture of the femoral neck, which loading makes worse.
    public static let warningSignsFirst =
        "Before any program: deep groin pain that worsens when you put weight on the leg or hop, night pain, fever, or being unable to bear weight means seeing a doctor first; the check-in asks about these every morning."

    /// Hip pain can be referred from the lower back (the seed articles' "referred pain").
    public static let referredPainAdvice =
        "Pain with back pain, or numbness or pins and needles down the leg, may come from the back: have the back checked first. A program your clinician chose still applies."

    /// What set-up asks before it offers any program: the warning signs that stop a program
    /// (urgent care, or a doctor before more running), which every built-in program shares.
    public static func screeningQuestions(of program: Program) -> [RedFlag] {
        program.redFlags.filter { $0.level != .clinician }
    }

    /// The default program, also named `default` on the command line.
    public static var standard: BuiltInProgram { all[0] }

    /// The built-in program of that command-line id (`default` names the default), or nil.
    public static func named(_ id: String) -> BuiltInProgram? {
        id == ProgramLoader.defaultProgramName ? standard : all.first { $0.id == id }
    }
}

extension BuiltInProgram {
    /// The program, decoded once.
    public var program: Program { BuiltInProgramCache.program(file) }
}

/// Each built-in program decoded on first use: a patient's command decodes only the one it needs.
private enum BuiltInProgramCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: Program] = [:]

    static func program(_ file: String) -> Program {
        lock.lock(); defer { lock.unlock() }
        if let program = loaded[file] { return program }
        // Decoded without the file checks (shape, rules, adoption) a program from elsewhere gets:
        // the same bytes passed them when this rehab was tested (BuiltInProgramTests'
        // validatesWithoutWarnings), and every command would pay for them otherwise. Read by hand,
        // not through Codable (PlainProgramDecoding says why); Codable only if that gave up.
        guard let text = EmbeddedPrograms.files[file], let tree = try? JSONTree(parsing: ProgramLoader.stripComments(text)),
            let program = PlainProgramDecoding.program(tree) ?? (try? TreeDecoder(tree.root).decode(Program.self))
        else {
            fatalError("the built-in program \(file) is missing or invalid; reinstall rehab")
        }
        loaded[file] = program
        return program
    }
}
