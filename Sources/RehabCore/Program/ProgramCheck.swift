import Foundation

/// The outcome of checking a program file: the program when it is usable, and every problem found.
public struct ProgramCheck: Sendable {
    public let program: Program?
    public let issues: [JSONIssue]
    /// Things to look at again that do not stop the program being used.
    public var warnings: [JSONIssue] = []
    public var isValid: Bool { issues.isEmpty && program != nil }
}

extension ProgramLoader {
    /// Checks a program file thoroughly: a syntax error with its line and column, else every
    /// structural problem (missing, unknown or mistyped fields), else every rule the numbers break,
    /// each with its line and field path. A program `alreadyAdopted` (saved in a patient's data)
    /// is not held to the rules that came after it (`ProgramValidator.adoptionProblems`).
    public static func check(_ data: Data, alreadyAdopted: Bool = false) -> ProgramCheck {
        if data.count > maxFileBytes {
            return ProgramCheck(
                program: nil,
                issues: [
                    JSONIssue(
                        line: nil, path: nil, problem: "the file is \(data.count / 1024) KB; a program file is at most \(maxFileBytes / 1024) KB")
                ])
        }
        let tree: JSONTree
        do {
            tree = try JSONCheck.parse([UInt8](data)) { text throws(JSONIssue) in
                if let open = unclosedComment(in: text) {
                    throw JSONIssue(line: open.line, column: open.column, path: nil, problem: unclosedCommentProblem)
                }
                return stripComments(text)
            }
        } catch {
            return ProgramCheck(program: nil, issues: [error])
        }
        let shapeIssues = JSONCheck.issues(in: tree, against: .object(ProgramSchema.program))
        if !shapeIssues.isEmpty { return ProgramCheck(program: nil, issues: byLine(shapeIssues)) }

        let program: Program
        do {
            program = try TreeDecoder(tree.root).decode(Program.self)
        } catch let error as DecodingError {
            return ProgramCheck(program: nil, issues: [JSONIssue(error, in: tree)])
        } catch {
            return ProgramCheck(program: nil, issues: [JSONIssue(line: nil, path: nil, problem: "could not be read")])
        }
        let found = ProgramValidator.problems(program) + (alreadyAdopted ? [] : ProgramValidator.adoptionProblems(program))
        let problems = byLine(found.map { $0.located(in: tree) })
        return ProgramCheck(
            program: problems.isEmpty ? program : nil, issues: problems,
            warnings: byLine(ProgramValidator.warnings(program).map { $0.located(in: tree) }))
    }

    /// Top to bottom, the order a clinician edits in; problems on one line keep their order.
    private static func byLine(_ issues: [JSONIssue]) -> [JSONIssue] {
        issues.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    }
}
