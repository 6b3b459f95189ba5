import RehabCore
import RehabStore

/// `rehab --version`: one fact a line, for bug reports and for scripts (`rehab --version | head -1`).
enum Version {
    static var text: String {
        let schema = RehabStore.schemaVersion
        return """
            rehab \(BuildInfo.version)
            commit \(BuildInfo.commit)
            database schema \(schema.number) (\(schema.name))
            program format \(ProgramFormat.version)
            """
    }
}
