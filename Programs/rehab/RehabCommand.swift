import ArgumentParser

struct RehabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehab",
        abstract: "A phase-based rehabilitation program for runners with hip pain.",
        discussion: """
        Run `rehab` with no command to open the full-screen program. Every command also works \
        from scripts; add --json for one JSON object on stdout. Dates are YYYY-MM-DD local days.

        rehab is a self-management aid, not a diagnosis: if pain is severe or getting worse, \
        see a doctor or physiotherapist.
        """,
        version: Version.text,
        subcommands: [
            InitCommand.self, PlanCommand.self, LogCommand.self, CheckInCommand.self, ClearFlagsCommand.self,
            ReportCommand.self, ImportCommand.self,
            TestCommand.self, ScoreCommand.self, StatusCommand.self, AdvanceCommand.self, WeekCommand.self,
            HistoryCommand.self, ExportCommand.self, ProgramCommand.self, TimerCommand.self, UICommand.self, SampleCommand.self,
            BackupCommand.self, RestoreCommand.self,
        ],
        defaultSubcommand: UICommand.self
    )
}
