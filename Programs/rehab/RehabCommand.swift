import ArgumentParser

struct RehabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehab",
        abstract: "A phase-based rehabilitation program for runners with hip pain.",
        discussion: """
            Run `rehab` with no command to open the full-screen program. Every command also works \
            from scripts; add --json for one JSON object on stdout. A day left out is today; other \
            days are YYYY-MM-DD local days (--date, --as-of).

            rehab is a self-management aid, not a diagnosis: if pain is severe or getting worse, \
            see a doctor or physiotherapist.

            Examples (the same as in the README). Once:
              rehab init --start 2026-11-10 --side right --baseline-pain 2
            A day:
              rehab checkin --morning-pain 1                      # morning: how the hip feels after yesterday
              rehab plan                                          # today's exercises, doses, loads and tempo
              rehab log --plan --pain-during 1 --pain-after 1     # all done as prescribed: logged in one go
              rehab status                                        # phase, gate, pauses, flags, zones
            Now and then:
              rehab log --plan --dry-run                          # what would be saved, and what it earns
              rehab log --plan --exercise glute-bridge --exercise clamshell --pain-during 1
              rehab log --plan --pain-during 1 --pain glute-bridge=4/2   # one exercise hurt more
              rehab log --exercise hip-hitch --side right --sets 2 --reps 8   # not as prescribed
              rehab log --date 2026-11-24 --exercise glute-bridge --sets 3 --reps 10   # a day you forgot
              rehab test --name single-leg-stance --side right --value 30 --pain 0
              rehab advance                                       # exit 3 and the reasons when not yet
              rehab week --json
              rehab export --format csv --out hip.csv
              rehab remind --at 18:00 --checkin 08:00             # a desktop reminder when not done

            Exit status: 0 done, 1 bad input, 2 the data could not be read or written, 3 not allowed \
            by the program's rules (a gate not met, a pause, a red flag).

            Data: $REHAB_HOME, else $XDG_DATA_HOME/rehab, else ~/.local/share/rehab (or --data-dir DIR). \
            `rehab --version` names the version, commit, database schema and program format.
            """,
        version: Version.text,
        subcommands: [
            InitCommand.self, TodayCommand.self, PlanCommand.self, LogCommand.self, CheckInCommand.self, ClearFlagsCommand.self,
            ReportCommand.self, ImportCommand.self,
            TestCommand.self, ScoreCommand.self, StatusCommand.self, AdvanceCommand.self, WeekCommand.self,
            HistoryCommand.self, ExportCommand.self, ProgramCommand.self, TimerCommand.self, UICommand.self, SampleCommand.self,
            BackupCommand.self, RestoreCommand.self, RemindCommand.self
        ],
        defaultSubcommand: UICommand.self
    )
}
