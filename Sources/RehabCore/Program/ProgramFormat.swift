/// The program file format this rehab reads (docs/program-format.md). Raise it when a change
/// means files written for this rehab no longer load in an older one.
public enum ProgramFormat {
    public static let version = 1
}
