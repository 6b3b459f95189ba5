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

        Examples (the same as in the README):
          rehab init --start 2026-11-10 --side right --baseline-pain 2
          rehab plan --as-of 2026-11-24
          rehab log --date 2026-11-24 --exercise glute-bridge --sets 3 --reps 10 --pain-during 1 --pain-after 1
          rehab log --date 2026-11-24 --exercise hip-hitch --side right --sets 3 --reps 10
          rehab checkin --date 2026-11-25 --morning-pain 1
          rehab test --date 2026-11-24 --name single-leg-stance --side right --value 30 --pain 0
          rehab status --as-of 2026-11-24
          rehab advance --as-of 2026-11-24
          rehab week --as-of 2026-11-24 --json
          rehab export --format csv --out hip.csv

        Data: $REHAB_HOME, else $XDG_DATA_HOME/rehab, else ~/.local/share/rehab (or --data-dir DIR). \
        `rehab --version` names the version, commit, database schema and program format.
        """,
        version: Version.text,
        subcommands: [
            InitCommand.self, TodayCommand.self, PlanCommand.self, LogCommand.self, CheckInCommand.self, ClearFlagsCommand.self,
            ReportCommand.self, ImportCommand.self,
            TestCommand.self, ScoreCommand.self, StatusCommand.self, AdvanceCommand.self, WeekCommand.self,
            HistoryCommand.self, ExportCommand.self, ProgramCommand.self, TimerCommand.self, UICommand.self, SampleCommand.self,
            BackupCommand.self, RestoreCommand.self,
        ],
        defaultSubcommand: UICommand.self
    )
}
