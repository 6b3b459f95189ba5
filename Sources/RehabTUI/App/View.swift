import RehabCore
import Terminal

/// Draws the whole app for the current state. Pure: the same model and time give the same cells.
public enum AppView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public static func render(_ model: AppModel, into grid: inout CellGrid, now: Int64) {
        guard grid.width >= minimumWidth, grid.height >= minimumHeight else {
            Chrome.tooSmall(&grid)
            return
        }
        switch model.mode {
        case .form(_, let form):
            FormScreen.render(form, into: &grid)
        case .timer(let timer, let items):
            let step = timer.currentStep(now)
            let how = items[step.map { timer.plan.blocks[$0.block].part } ?? 0].exercise.how
            let today = model.snapshot?.status.recentZones.last { $0.date == model.today }
            let zone = today?.zone.map { "Today so far: \($0.rawValue) zone" + (today?.reason.map { " (\($0))" } ?? "") + "." }
            TimerScreen.render(timer, how: how, zoneLine: zone, saveLine: model.timerSaveLine, into: &grid, now: now)
        case .main:
            Chrome.header(model, &grid)
            let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3)
            if let s = model.snapshot {
                switch model.tab {
                case .today: TodayScreen.render(s, model: model, in: body, &grid)
                case .week: WeekScreen.render(s, weekOffset: model.weekOffset, in: body, &grid)
                case .program: ProgramScreen.render(s, cursor: model.programCursor, in: body, &grid)
                }
            }
            Chrome.footer(Help.footer(for: model), notice: model.notice, &grid)
        }
        switch model.overlay {
        case .help?: Overlays.help(Help.keys(for: model), &grid)
        case .gate?: if let s = model.snapshot { Overlays.gate(s, &grid) }
        case .confirmAdvance(let name)?:
            Overlays.confirm(name.map { "Move to the \($0) phase?" } ?? "Finish the program? Running then keeps to the maintenance caps.",
                             detail: "Every gate criterion is met. y: yes, any other key: not now.", &grid)
        case .redPain(let advice, let scroll)?:
            let waiting: String
            if case .timer = model.mode { waiting = "Enter: read. The session waits; then space goes on or q ends it." } else { waiting = "Enter: read." }
            Overlays.redPain(advice, scroll: scroll, footer: waiting, &grid)
        case .confirmClinicianSeen?: Overlays.confirm("Have you seen a doctor or physiotherapist about this?", detail: "y records the visit and lifts the pause; only do so after being seen.", &grid)
        case nil: break
        }
    }
}

/// The frame shared by the main screens: title and tabs on top, keys and notices at the bottom.
enum Chrome {
    static func header(_ model: AppModel, _ grid: inout CellGrid) {
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), style: .selected)
        var x = grid.put(" rehab ", x: 0, y: 0, style: .selected)
        for tab in Tab.allCases {
            let label = " \(tab.rawValue + 1) \(tab.title) "
            x = grid.put(label, x: x, y: 0, style: tab == model.tab ? .title : .selected)
        }
        let date = "\(model.today.weekdayName) \(model.today.iso) "
        if grid.width - date.count > x + 1 { grid.put(date, x: grid.width - date.count, y: 0, style: .selected) }
    }

    static func footer(_ keys: String, notice: Notice?, _ grid: inout CellGrid) {
        let y = grid.height - 1
        if let notice {
            // The notice owns its row: a screen that reached it must not show through after a short notice.
            grid.fill(Rect(x: 0, y: y - 1, width: grid.width, height: 1))
            grid.putTruncated(" " + notice.text, x: 0, y: y - 1, width: grid.width, style: notice.style)
        }
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected)
        grid.putTruncated(" " + keys, x: 0, y: y, width: grid.width, style: .selected)
    }

    static func tooSmall(_ grid: inout CellGrid) {
        let lines = ["Please enlarge", "the terminal", "to \(AppView.minimumWidth)x\(AppView.minimumHeight)", "(now \(grid.width)x\(grid.height))"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            grid.putTruncated(line, x: max(0, (grid.width - line.count) / 2), y: top + i, width: grid.width, style: i == 0 ? .bold : .normal)
        }
    }

    /// A zone as a mark that reads with or without colour.
    static func mark(_ zone: Zone?, ascii: Bool) -> (Character, Style) {
        switch zone {
        case .green?: return (ascii ? "G" : "●", .green)
        case .amber?: return (ascii ? "A" : "▲", .amber)
        case .red?: return (ascii ? "R" : "■", .red)
        case nil: return (ascii ? "." : "·", .dim)
        }
    }

    /// Word-wraps `text` to `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] { text.wrapped(width: width) }
}
