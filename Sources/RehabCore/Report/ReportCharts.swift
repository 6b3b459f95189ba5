/// Inline SVG charts for the HTML report. Each is drawn in its own coordinate box (roughly CSS
/// pixels at the printed width) and scales to the column; lines differ in dash and marker as well
/// as colour, so they still read on a black-and-white printout.
enum ReportCharts {
    static let duringColour = "#1f4e79", afterColour = "#c55a11", morningColour = "#6a3d9a"
    static let zoneFill: [Zone: String] = [.green: "#7cc48a", .amber: "#f2c14e", .red: "#e06666"]
    static let phaseFill: [PhaseID: String] = [
        .activation: "#dbe8f5", .strengthening: "#b4cfeb", .multiPlane: "#86b0dd",
        .returnToRun: "#4f86c6", .complete: "#2e5e8e"
    ]

    // MARK: Pain

    static func pain(_ r: ClinicianReport) -> String {
        let w = 700.0, h = 168.0, left = 26.0, right = 692.0, top = 22.0, bottom = 132.0
        let n = max(1, r.pain.count)
        let dx = (right - left) / Double(n)
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * dx }
        func y(_ pain: Double) -> Double { bottom - pain / 10 * (bottom - top) }
        var s = SVG(width: w, height: h, label: "Pain during, after and next morning, 0 to 10, one point a day")

        // Zone bands behind the lines, on half points so a score sits inside its band.
        let g = Double(r.greenMaxDuring) + 0.5, a = Double(r.amberMaxDuring) + 0.5
        s.rect(left, y(g), right - left, y(0) - y(g), fill: "#eef7ef")
        if a > g { s.rect(left, y(a), right - left, y(g) - y(a), fill: "#fdf3dc") }
        s.rect(left, y(10), right - left, y(min(10, a)) - y(10), fill: "#fbe5e5")
        for v in stride(from: 0, through: 10, by: 2) {
            s.line(left, y(Double(v)), right, y(Double(v)), stroke: "#c8c8c8", width: 0.5)
            s.text(left - 5, y(Double(v)) + 3.5, "\(v)", size: 9, anchor: "end")
        }
        // Phase starts inside the period.
        for p in r.phases.dropFirst() {
            let i = p.from - r.from
            s.line(x(i) - dx / 2, top, x(i) - dx / 2, bottom, stroke: "#555", width: 0.8, dash: "2 2")
            s.text(x(i) - dx / 2 + 2, top + 8, p.name, size: 8, fill: "#333")
        }
        let markers = n <= 120
        series(
            &s, r.pain.enumerated().map { ($0.offset, $0.element.nextMorning) }, x: x, y: y, colour: morningColour,
            dash: "1.5 2.5", marker: markers ? .triangle : nil)
        series(
            &s, r.pain.enumerated().map { ($0.offset, $0.element.after) }, x: x, y: y, colour: afterColour,
            dash: "5 3", marker: markers ? .square : nil)
        series(
            &s, r.pain.enumerated().map { ($0.offset, $0.element.during) }, x: x, y: y, colour: duringColour,
            dash: nil, marker: markers ? .circle : nil)

        // Zone strip: one cell a day.
        s.text(left - 5, 145, "zone", size: 8, anchor: "end")
        for (i, d) in r.pain.enumerated() {
            if let z = d.zone { s.rect(x(i) - dx / 2, 138, max(dx - (dx > 3 ? 0.6 : 0), 0.4), 9, fill: zoneFill[z]!) }
        }
        dateAxis(&s, days: r.pain.map(\.date), x: x, y: 161)
        legend(
            &s, y: 11,
            items: [
                ("during", duringColour, nil, .circle), ("after", afterColour, "5 3", .square),
                ("next morning", morningColour, "1.5 2.5", .triangle)
            ], x: left)
        zoneLegend(&s, x: 470, y: 11)
        return s.markup
    }

    enum Marker { case circle, square, triangle }

    /// A line through the days that have a value; a gap of more than a week breaks it.
    private static func series(
        _ s: inout SVG, _ values: [(Int, Int?)], x: (Int) -> Double, y: (Double) -> Double,
        colour: String, dash: String?, marker: Marker?
    ) {
        let points = values.compactMap { i, v in v.map { (i, Double($0)) } }
        var run: [(Double, Double)] = []
        var last: Int?
        for (i, v) in points {
            if let l = last, i - l > 7 { s.polyline(run, stroke: colour, dash: dash); run = [] }
            run.append((x(i), y(v)))
            last = i
        }
        s.polyline(run, stroke: colour, dash: dash)
        if let marker { for (i, v) in points { s.marker(marker, x(i), y(v), colour: colour) } }
    }

    private static func dateAxis(_ s: inout SVG, days: [Day], x: (Int) -> Double, y: Double) {
        let mondays = days.enumerated().filter { $0.element.weekday == 0 }
        let every = max(1, Int((Double(mondays.count) / 12).rounded(.up)))
        for (k, m) in mondays.enumerated() where k % every == 0 {
            s.text(x(m.offset), y, String(m.element.iso.dropFirst(5)), size: 8.5, anchor: "middle")
        }
    }

    private static func legend(_ s: inout SVG, y: Double, items: [(String, String, String?, Marker)], x start: Double) {
        var x = start
        for (name, colour, dash, marker) in items {
            s.line(x, y, x + 18, y, stroke: colour, width: 1.6, dash: dash)
            s.marker(marker, x + 9, y, colour: colour)
            s.text(x + 22, y + 3.5, name, size: 9)
            x += 30 + Double(name.count) * 5.2
        }
    }

    private static func zoneLegend(_ s: inout SVG, x start: Double, y: Double) {
        var x = start
        for z in [Zone.green, .amber, .red] {
            s.rect(x, y - 4.5, 9, 9, fill: zoneFill[z]!)
            s.text(x + 12, y + 3.5, "\(z.rawValue) day", size: 9)
            x += 62
        }
    }

    // MARK: Adherence

    static func adherence(_ r: ClinicianReport) -> String {
        let w = 340.0, h = 128.0, left = 30.0, right = 334.0, top = 10.0, bottom = 98.0
        var s = SVG(width: w, height: h, label: "Sessions done as a percentage of those planned, per week")
        func y(_ pct: Double) -> Double { bottom - pct / 100 * (bottom - top) }
        for v in stride(from: 0, through: 100, by: 25) {
            s.line(left, y(Double(v)), right, y(Double(v)), stroke: "#d0d0d0", width: 0.5)
            s.text(left - 4, y(Double(v)) + 3.5, "\(v)%", size: 8.5, anchor: "end")
        }
        let n = max(1, r.weeks.count)
        let slot = (right - left) / Double(n)
        let target = Double(r.adherenceTarget ?? 80)
        for (i, wk) in r.weeks.enumerated() {
            let pct = Double(wk.adherencePercent)
            let bx = left + Double(i) * slot + slot * 0.15
            let fill = pct >= target ? "#4f86c6" : "#e69138"
            s.rect(bx, y(pct), slot * 0.7, max(0.5, bottom - y(pct)), fill: fill)
            if n <= 16 { s.text(bx + slot * 0.35, y(pct) - 2.5, "\(wk.adherencePercent)", size: 8, anchor: "middle") }
        }
        if let t = r.adherenceTarget { s.line(left, y(Double(t)), right, y(Double(t)), stroke: "#222", width: 1, dash: "4 3") }
        let every = max(1, Int((Double(n) / 8).rounded(.up)))
        for (i, wk) in r.weeks.enumerated() where i % every == 0 {
            s.text(left + (Double(i) + 0.5) * slot, bottom + 12, String(wk.start.iso.dropFirst(5)), size: 8.5, anchor: "middle")
        }
        s.text(
            left, h - 6, "week starting (Monday)" + (r.adherenceTarget.map { "; dashed: the gate's \($0) %, orange below it" } ?? ""),
            size: 8.5, fill: "#444")
        return s.markup
    }

    // MARK: Outcome

    static func outcome(_ r: ClinicianReport) -> String {
        let w = 340.0, h = 128.0, left = 30.0, right = 326.0, top = 12.0, bottom = 98.0
        var s = SVG(width: w, height: h, label: "\(r.outcome.name) scores over the period")
        let lo = Double(r.outcome.min), hi = Double(max(r.outcome.max, r.outcome.min + 1))
        func y(_ v: Double) -> Double { bottom - (v - lo) / (hi - lo) * (bottom - top) }
        for k in 0...4 {
            let v = lo + (hi - lo) * Double(k) / 4
            s.line(left, y(v), right, y(v), stroke: "#d0d0d0", width: 0.5)
            s.text(left - 4, y(v) + 3.5, ReportText.number(v.rounded()), size: 8.5, anchor: "end")
        }
        let span = Double(max(1, r.to - r.from))
        func x(_ d: Day) -> Double { left + Double(max(0, min(r.to - r.from, d - r.from))) / span * (right - left) }
        let scores = (r.outcome.before.map { [$0] } ?? []) + r.outcome.scores
        if scores.isEmpty {
            s.text((left + right) / 2, (top + bottom) / 2, "no \(r.outcome.name) score recorded", size: 10, anchor: "middle", fill: "#666")
        }
        s.polyline(scores.map { (x($0.date), y(Double($0.score))) }, stroke: "#38761d", dash: nil)
        for (i, sc) in scores.enumerated() {
            s.marker(.circle, x(sc.date), y(Double(sc.score)), colour: "#38761d")
            // Many scores: label every other one (and the last) so the numbers do not run together.
            if scores.count <= 8 || i % 2 == 0 || i == scores.count - 1 {
                s.text(x(sc.date), y(Double(sc.score)) - 6, "\(sc.score)", size: 9, anchor: "middle")
            }
        }
        s.text(left, bottom + 12, r.from.iso, size: 8.5)
        s.text(right, bottom + 12, r.to.iso, size: 8.5, anchor: "end")
        s.text(
            left, h - 6, "higher is better" + (r.outcome.before != nil ? "; first point: last score before the period" : ""), size: 8.5, fill: "#444")
        return s.markup
    }

    // MARK: Phases

    static func phases(_ r: ClinicianReport) -> String {
        let w = 700.0, h = 30.0, left = 2.0, right = 698.0
        var s = SVG(width: w, height: h, label: "Phases over the period")
        let n = Double(max(1, r.to - r.from + 1))
        for p in r.phases {
            let x0 = left + Double(p.from - r.from) / n * (right - left)
            let x1 = left + Double(p.to - r.from + 1) / n * (right - left)
            s.rect(x0, 2, max(1, x1 - x0 - 1), 26, fill: phaseFill[p.phase]!)
            let dark = p.phase == .returnToRun || p.phase == .complete
            let label = "\(p.name)\(p.override != nil ? " (override)" : ""), \(p.days) d"
            if x1 - x0 > Double(label.count) * 5.6 {
                s.text(x0 + 5, 19, label, size: 10, fill: dark ? "#fff" : "#111")
            } else if x1 - x0 > 14 {
                s.text(x0 + 3, 19, String(p.name.prefix(1)), size: 10, fill: dark ? "#fff" : "#111")
            }
        }
        return s.markup
    }
}

/// A minimal SVG writer; every piece of text passes through `HTMLText.escape`.
struct SVG {
    private var body: [String] = []
    let width: Double, height: Double, label: String

    init(width: Double, height: Double, label: String) { self.width = width; self.height = height; self.label = label }

    var markup: String {
        "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
            + body.joined() + "</svg>"
    }

    private func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String) {
        body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill)\"/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double, dash: String? = nil) {
        body.append(
            "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, dash: String?) {
        guard points.count > 1 else { return }
        body.append(
            "<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.6\" stroke-linejoin=\"round\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
                + " points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>")
    }

    mutating func marker(_ kind: ReportCharts.Marker, _ x: Double, _ y: Double, colour: String) {
        switch kind {
        case .circle: body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"2.3\" fill=\"\(colour)\"/>")
        case .square:
            body.append(
                "<rect x=\"\(f(x - 2.2))\" y=\"\(f(y - 2.2))\" width=\"4.4\" height=\"4.4\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>"
            )
        case .triangle:
            body.append("<polygon points=\"\(f(x)),\(f(y - 3)) \(f(x - 2.8)),\(f(y + 2.2)) \(f(x + 2.8)),\(f(y + 2.2))\" fill=\"\(colour)\"/>")
        }
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, size: Double, anchor: String = "start", fill: String = "#222") {
        body.append(
            "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(HTMLText.escape(content))</text>"
        )
    }
}
