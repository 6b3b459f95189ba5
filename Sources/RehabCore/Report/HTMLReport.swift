/// The report as one self-contained HTML file: inline CSS and SVG, no script, no link to anything
/// outside it, laid out to print on one A4 page.
public enum HTMLReport {
    /// Lines kept for tests and events so the page stays one page; the rest are counted.
    static let maxTestRows = 14
    static let maxEventRows = 16
    static let maxUnfinishedRows = 6

    public static func render(_ r: ClinicianReport) -> String {
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        h.append("<title>Rehab report \(r.from.iso) to \(r.to.iso)</title>")
        h.append("<style>\(css)</style></head><body><main class=\"page\">")
        h.append("<header><h1>Rehab report <span>\(r.from.iso) to \(r.to.iso), \(r.totals.days) days</span></h1></header>")

        let summary = ReportText.summary(r)
        let alert = r.standing.pause != nil
        h.append("<section class=\"summary\"><ul>")
        for (i, line) in summary.enumerated() {
            let isPause = line.hasPrefix("PAUSED") || line == "Not paused"
            let stoppedForPain = line.hasPrefix("Sets not finished") && r.unfinishedSets.contains { $0.stoppedForPain > 0 }
            h.append("<li\((isPause && alert) || stoppedForPain ? " class=\"alert\"" : i == 2 ? " class=\"key\"" : "")>\(HTMLText.escape(line))</li>")
        }
        h.append("</ul></section>")

        h.append("<section><h2>Phases</h2>\(ReportCharts.phases(r))</section>")
        h.append(
            "<section><h2>Pain, 0-10, day by day <small>green up to \(r.greenMaxDuring), amber up to \(r.amberMaxDuring), red above\(r.programs.count > 1 ? " (bands: the program in force on \(r.to.iso); zones: the one in force each day)" : "")</small></h2>\(ReportCharts.pain(r))</section>"
        )
        h.append("<div class=\"two\"><section><h2>Adherence per week</h2>\(ReportCharts.adherence(r))</section>")
        h.append(
            "<section><h2>\(HTMLText.escape(r.outcome.name)) <small>\(r.outcome.min)-\(r.outcome.max)</small></h2>\(ReportCharts.outcome(r))</section></div>"
        )
        h.append("<div class=\"two\"><section><h2>Gate tests</h2>\(tests(r))</section>")
        h.append("<section><h2>Flags, pauses, overrides, changes</h2>\(events(r))</section></div>")
        if !r.unfinishedSets.isEmpty { h.append("<section><h2>Sets not finished</h2>\(unfinishedSets(r))</section>") }
        h.append("<footer>\(HTMLText.escape(r.disclaimer)) Made by rehab from the patient's own records.</footer>")
        h.append("</main></body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    private static func tests(_ r: ClinicianReport) -> String {
        if r.tests.isEmpty { return "<p class=\"none\">No test recorded in this period.</p>" }
        let shown = r.tests.suffix(maxTestRows)
        var rows = [
            "<table><thead><tr><th>date</th><th>test</th><th class=\"n\">result</th><th class=\"n\">target</th><th class=\"n\">pain</th><th>passed</th></tr></thead><tbody>"
        ]
        for t in shown {
            let name = t.name + (t.side.map { $0 == .left ? " (L)" : " (R)" } ?? "")
            let unit = ReportText.shortUnit(t.unit)
            rows.append(
                "<tr><td>\(t.date.iso)</td><td>\(HTMLText.escape(name))</td>"
                    + "<td class=\"n\">\(ReportText.number(t.value)) \(HTMLText.escape(unit))</td>"
                    + "<td class=\"n\">\(t.target.map(ReportText.number) ?? "-")</td><td class=\"n\">\(t.pain)</td>"
                    + "<td>\(t.passed ? "yes" : "no")</td></tr>")
        }
        rows.append("</tbody></table>")
        if r.tests.count > shown.count {
            rows.append("<p class=\"more\">\(r.tests.count - shown.count) earlier attempts not shown (the Markdown report lists all).</p>")
        }
        return rows.joined()
    }

    /// The last days with a set not finished, so the page stays one page; the Markdown lists all.
    private static func unfinishedSets(_ r: ClinicianReport) -> String {
        let shown = r.unfinishedSets.suffix(maxUnfinishedRows)
        var rows = [
            "<table><thead><tr><th>date</th><th>exercise</th><th class=\"n\">complete</th><th class=\"n\">cut short</th>"
                + "<th class=\"n\">skipped</th><th class=\"n\">stopped for pain</th><th>sets</th></tr></thead><tbody>"
        ]
        for u in shown {
            let name = u.name + (u.side.map { $0 == .left ? " (L)" : " (R)" } ?? "")
            rows.append(
                "<tr\(u.stoppedForPain > 0 ? " class=\"stopped-for-pain\"" : "")><td>\(u.date.iso)</td><td>\(HTMLText.escape(name))</td>"
                    + "<td class=\"n\">\(u.complete)</td><td class=\"n\">\(u.cutShort)</td><td class=\"n\">\(u.skipped)</td>"
                    + "<td class=\"n\">\(u.stoppedForPain)</td><td>\(HTMLText.escape(u.detail))</td></tr>")
        }
        rows.append("</tbody></table>")
        if r.unfinishedSets.count > shown.count {
            rows.append("<p class=\"more\">\(r.unfinishedSets.count - shown.count) earlier days not shown (the Markdown report lists all).</p>")
        }
        return rows.joined()
    }

    private static func events(_ r: ClinicianReport) -> String {
        if r.events.isEmpty { return "<p class=\"none\">No red flag, pause, override or program change in this period.</p>" }
        // Red days are also on the pain chart: they give way first when the list is long.
        var shown = r.events
        if shown.count > maxEventRows {
            let important = r.events.filter { !$0.kind.isRoutine }
            let room = max(0, maxEventRows - important.count)
            let reds = r.events.filter(\.kind.isRoutine).suffix(room)
            shown = r.events.filter { e in !e.kind.isRoutine || reds.contains(e) }.suffix(max(maxEventRows, important.count))
        }
        var rows = ["<table><tbody>"]
        for e in shown {
            rows.append(
                "<tr class=\"\(e.kind.rawValue.replacingOccurrences(of: " ", with: "-"))\"><td>\(e.date.iso)</td>"
                    + "<td><b>\(e.kind.rawValue)</b> \(HTMLText.escape(e.text))</td></tr>")
        }
        rows.append("</tbody></table>")
        if r.events.count > shown.count {
            rows.append("<p class=\"more\">\(r.events.count - shown.count) earlier red days not listed; each is on the pain chart.</p>")
        }
        return rows.joined()
    }

    static let css = """
        @page { size: A4; margin: 11mm 12mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font: 9pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #111; background: #fff; }
        .page { width: 186mm; margin: 0 auto; padding: 4mm 0; }
        h1 { font-size: 14pt; margin: 0 0 2mm; } h1 span { font-weight: normal; color: #444; font-size: 11pt; margin-left: 2mm; }
        h2 { font-size: 9.5pt; margin: 2mm 0 1mm; border-bottom: 0.3mm solid #999; }
        h2 small { font-weight: normal; color: #555; margin-left: 2mm; }
        section { break-inside: avoid; }
        .summary ul { margin: 0; padding: 0; list-style: none; columns: 2; column-gap: 6mm; }
        .summary li { margin: 0 0 0.8mm; break-inside: avoid; }
        .summary li.key { font-weight: bold; }
        .summary li.alert { font-weight: bold; color: #a00; }
        svg { display: block; width: 100%; height: auto; }
        .two { display: flex; gap: 6mm; } .two > section { flex: 1 1 0; min-width: 0; }
        table { width: 100%; border-collapse: collapse; font-size: 7.5pt; line-height: 1.25; }
        th, td { text-align: left; padding: 0.5mm 1mm; border-bottom: 0.2mm solid #ddd; vertical-align: top; }
        td.n { text-align: right; white-space: nowrap; } td:first-child { white-space: nowrap; }
        tr.red-flag td, tr.pause td, tr.stopped-for-pain td { color: #a00; } tr.stopped-for-pain td { font-weight: bold; } tr.override td { color: #7a4a00; }
        p.none, p.more { color: #555; margin: 1mm 0; font-size: 8pt; }
        footer { margin-top: 3mm; padding-top: 1mm; border-top: 0.3mm solid #999; font-size: 7.5pt; color: #444; }
        @media screen { body { background: #eee; } .page { background: #fff; padding: 11mm 12mm; width: 210mm; margin: 5mm auto; } }
        """
}

enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
