/// The report as Markdown: readable as plain text, and as a page where Markdown is rendered.
public enum MarkdownReport {
    public static func render(_ r: ClinicianReport) -> String {
        var out: [String] = []
        out.append("# Rehab report, \(r.from.iso) to \(r.to.iso)")
        out.append("")
        out += ReportText.summary(r).map { "- " + inline($0) }
        out.append("")

        out.append("## Phases")
        out.append("")
        out.append("| phase | from | to | days | note |")
        out.append("|---|---|---|---:|---|")
        for p in r.phases {
            out.append("| \(cell(p.name)) | \(p.from.iso) | \(p.to.iso) | \(p.days) | \(cell(p.override.map { "override: \($0)" } ?? "")) |")
        }
        out.append("")

        out.append("## Exercises of the \(inline(r.standing.phaseName.lowercased())) phase")
        out.append("")
        out.append("| exercise | dose | tempo (s) | how |")
        out.append("|---|---|---|---|")
        for e in r.exercises {
            out.append(
                "| \(cell(e.name)) | \(cell((r.doses[e.id] ?? e.prescription) + (r.loads[e.id] ?? ""))) | \(cell(e.tempoText)) | \(cell(e.how)) |")
        }
        out.append("")

        out.append("## Weeks: adherence and pain")
        out.append("")
        out.append(
            "Pain 0-10: the worst of the week during exercise or running, after exercise, and next morning. Green up to \(r.greenMaxDuring), amber up to \(r.amberMaxDuring), red above."
        )
        out.append("")
        out.append("| week of | phase | sessions | adherence | green | amber | red | during | after | morning | run min |")
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for w in r.weeks {
            func n(_ v: Int?) -> String { v.map(String.init) ?? "-" }
            out.append(
                "| \(w.start.iso) | \(w.phase.rawValue) | \(w.sessions.done > w.sessions.planned ? "\(w.sessionsDone) (\(w.sessionsPlanned) planned)" : "\(w.sessionsDone) of \(w.sessionsPlanned)") | \(w.adherencePercent) % | \(w.green) | \(w.amber) | \(w.red) | \(n(w.maxPainDuring)) | \(n(w.maxPainAfter)) | \(n(w.maxMorningPain)) | \(w.runMinutes) |"
            )
        }
        out.append("")
        out.append("Day by day (one column a day, Monday first; `.` nothing recorded):")
        out.append("")
        out.append("```")
        out += ReportText.painStrips(r)
        out.append("```")
        out.append("")

        out.append("## \(inline(r.outcome.name)) (\(r.outcome.min)-\(r.outcome.max), higher is better)")
        out.append("")
        if r.outcome.scores.isEmpty && r.outcome.before == nil {
            out.append("No score recorded.")
        } else {
            if let b = r.outcome.before { out.append("- \(b.date.iso): \(b.score) (before this period)") }
            for s in r.outcome.scores { out.append("- \(s.date.iso): \(s.score)") }
        }
        out.append("")

        out.append("## Gate tests")
        out.append("")
        if r.tests.isEmpty {
            out.append("No test recorded in this period.")
        } else {
            out.append("| date | test | side | result | target | pain | passed |")
            out.append("|---|---|---|---:|---:|---:|---|")
            for t in r.tests {
                out.append(
                    "| \(t.date.iso) | \(cell(t.name)) | \(t.side?.rawValue ?? "-") | \(ReportText.number(t.value)) \(cell(t.unit)) | \(t.target.map(ReportText.number) ?? "-") | \(t.pain) | \(t.passed ? "yes" : "no") |"
                )
            }
        }
        out.append("")

        out.append("## Sets not finished")
        out.append("")
        if r.unfinishedSets.isEmpty {
            out.append("None in this period: every set logged was done as prescribed.")
        } else {
            out.append("Sets the patient cut short, skipped or stopped because of pain, beside the sets done as prescribed that day.")
            out.append("")
            out.append("| date | exercise | side | complete | cut short | skipped | stopped for pain | sets |")
            out.append("|---|---|---|---:|---:|---:|---:|---|")
            for u in r.unfinishedSets {
                let stopped = u.stoppedForPain > 0 ? "**\(u.stoppedForPain)**" : "0"
                out.append(
                    "| \(u.date.iso) | \(cell(u.name)) | \(u.side?.rawValue ?? "-") | \(u.complete) | \(u.cutShort) | \(u.skipped) | \(stopped) | \(cell(u.detail)) |"
                )
            }
        }
        out.append("")

        out.append("## Flags, pauses, overrides and changes")
        out.append("")
        if r.events.isEmpty { out.append("None in this period.") }
        for e in r.events { out.append("- \(e.date.iso) **\(e.kind.rawValue)**: \(inline(e.text))") }
        out.append("")
        out.append("_\(inline(r.disclaimer))_")
        return out.joined(separator: "\n") + "\n"
    }

    /// Text from the patient's records must not break the table or start Markdown markup.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Every text that comes from a program file or the patient's records goes through here
    /// (names, units, notes, reasons): it must not start markup or carry control characters.
    static func inline(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\n", "\r", "\r\n": out += " "
            case "*", "_", "`", "[", "]", "<", ">", "#", "\\": out += "\\" + String(c)
            case _ where c.unicodeScalars.contains { $0.properties.generalCategory == .control }: out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

/// Sentences and strips shared by both renderers.
enum ReportText {
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? String(Int(v)) : String(v)
    }

    /// "seconds" -> "s", "minutes" -> "min"; other units as written in the program.
    static func shortUnit(_ unit: String) -> String {
        switch unit {
        case "seconds": return "s";
        case "minutes": return "min";
        default: return unit
        }
    }

    static func summary(_ r: ClinicianReport) -> [String] {
        var lines: [String] = []
        let s = r.standing
        let side = r.enrolment.side == .both ? "both hips" : "\(r.enrolment.side.rawValue) hip"
        lines.append(
            "Patient: \(side), program started \(r.enrolment.start.iso)"
                + (r.enrolment.baselinePain.map { ", usual morning pain \($0)/10 at enrolment" } ?? ""))
        let current = r.programs.last
        lines.append(
            "Program: \"\(current?.name ?? "?")\" version \(current?.version ?? 0) (\(current?.source ?? "?")), in force since \(current?.from.iso ?? "?")"
                + (r.programs.count > 1 ? "; \(counted(r.programs.count - 1, "earlier program")) in this period" : ""))
        var phase = "\(s.phaseName) phase, day \(s.daysInPhase) (since \(s.phaseStart.iso))"
        if let stage = s.runStage { phase += ", run stage \(stage)" }
        if s.phase != .complete {
            phase += s.eligibleToAdvance ? "; gate met, ready to advance" : "; gate \(s.criteriaMet) of \(s.criteriaTotal) criteria met"
        }
        lines.append("On \(r.to.iso): " + phase)
        if !s.eligibleToAdvance, s.phase != .complete, let first = s.unmet.first {
            lines.append("Still needed: \(first)" + (s.unmet.count > 1 ? " (and \(s.unmet.count - 1) more)" : ""))
        }
        lines.append(s.pause.map { "PAUSED: \($0)" } ?? "Not paused")
        if let rising = s.risingWeek { lines.append("LOADS HELD: \(rising)") }
        let t = r.totals
        lines.append(
            "Adherence: \(t.sessions.text) (\(t.adherencePercent) %) over \(t.days) days; days green \(t.green), amber \(t.amber), red \(t.red)"
                + (t.runMinutes > 0 ? "; \(t.runMinutes) min running" : ""))
        if !r.unfinishedSets.isEmpty {
            func total(_ count: (ClinicianReport.UnfinishedSets) -> Int) -> Int { r.unfinishedSets.reduce(0) { $0 + count($1) } }
            let stopped = total(\.stoppedForPain)
            lines.append(
                "Sets not finished: \(total(\.cutShort)) cut short, \(total(\.skipped)) skipped, \(stopped) stopped for pain"
                    + (stopped > 0 ? " (see the flags)" : ""))
        }
        let scores = (r.outcome.before.map { [$0] } ?? []) + r.outcome.scores
        if let first = scores.first, let last = scores.last {
            lines.append(
                "\(r.outcome.name): "
                    + (scores.count == 1
                        ? "\(last.score) (\(last.date.iso))"
                        : "\(first.score) (\(first.date.iso)) to \(last.score) (\(last.date.iso))"))
        } else {
            lines.append("\(r.outcome.name): no score recorded")
        }
        return lines
    }

    /// Day-by-day strips, a week per group: zone letters and pain digits ("+" for 10).
    static func painStrips(_ r: ClinicianReport) -> [String] {
        guard let first = r.pain.first else { return [] }
        let lead = first.date.weekday
        func strip(_ title: String, _ value: (ClinicianReport.PainDay) -> String) -> String {
            let cells = Array(repeating: " ", count: lead) + r.pain.map(value)
            let groups = stride(from: 0, to: cells.count, by: 7).map { cells[$0..<min($0 + 7, cells.count)].joined() }
            return title.padding(toLength: 8, withPad: " ", startingAt: 0) + groups.joined(separator: " ")
        }
        func digit(_ v: Int?) -> String { v.map { $0 >= 10 ? "+" : String($0) } ?? "." }
        var lines = [
            strip("zone", { $0.zone.map { String($0.rawValue.prefix(1)).uppercased() } ?? "." }),
            strip("during", { digit($0.during) }),
            strip("after", { digit($0.after) }),
            strip("morning", { digit($0.nextMorning) })
        ]
        // Long periods: wrap every 8 weeks so the lines stay readable.
        let width = 8 + 8 * 8
        if lines[0].count > width + 8 {
            var wrapped: [String] = []
            let bodies = lines.map { Array($0.dropFirst(8)) }
            var offset = 0
            while offset < bodies[0].count {
                for (i, body) in bodies.enumerated() {
                    let end = min(body.count, offset + 8 * 8)
                    let text = String(lines[i].prefix(8)) + String(body[offset..<end])
                    wrapped.append(String(text.reversed().drop { $0 == " " }.reversed()))
                }
                wrapped.append("")
                offset += 8 * 8
            }
            lines = Array(wrapped.dropLast())
        }
        return lines
    }
}
