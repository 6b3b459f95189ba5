import RehabCore
import Terminal

/// Draws the whole app for the current state. Pure: the same model and time give the same cells.
public enum AppView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public static func render(_ model: AppModel, into grid: inout CellGrid, now: Int64) {
        let timing = if case .timer = model.mode { model.overlay == nil } else { false }
        guard grid.width >= (timing ? TimerScreen.minimumWidth : minimumWidth),
            grid.height >= (timing ? TimerScreen.minimumHeight : minimumHeight)
        else {
            Chrome.tooSmall(&grid)
            return
        }
        switch model.mode {
        case .form(_, let form):
            FormScreen.render(form, into: &grid)
        case .timer(let timer, let items):
            let step = timer.currentStep(now)
            let how = items[step.map { timer.plan.blocks[$0.block].part } ?? 0].exercise.how
            TimerScreen.render(
                timer, how: how, zoneLine: model.timerZoneLine, saveLine: model.timerSaveLine, summaryScroll: model.summaryScroll,
                into: &grid, now: now)
        case .main:
            Chrome.header(model, &grid)
            let body = body(width: grid.width, height: grid.height, notice: model.notice)
            if let s = model.snapshot {
                switch model.tab {
                case .today: TodayScreen.render(s, model: model, in: body, &grid)
                case .week: WeekScreen.render(s, weekOffset: model.weekOffset, in: body, &grid)
                case .program: ProgramScreen.render(s, cursor: model.programCursor, scroll: model.programScroll, in: body, &grid)
                }
            }
            Chrome.footer(Help.footer(for: model, width: grid.width), notice: model.notice, &grid)
        }
        if let overlay = model.overlay, let layout = Overlays.layout(overlay, model: model, width: grid.width, height: grid.height) {
            Overlays.draw(layout, offset: model.overlayScroll, &grid)
        }
    }
}

extension AppView {
    /// What a main screen has between the header and the notice above the keys (a notice of
    /// several lines takes rows from it).
    static func body(width: Int, height: Int, notice: Notice?) -> Rect {
        let noticeRows = max(1, Chrome.noticeLines(notice, width: width).count)
        return Rect(x: 0, y: 1, width: width, height: height - 2 - noticeRows)
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
            // The notice owns its rows, whole: a screen must not show through after a short notice.
            let lines = noticeLines(notice, width: grid.width)
            let top = y - lines.count
            grid.fill(Rect(x: 0, y: top, width: grid.width, height: lines.count))
            for (i, line) in lines.enumerated() { grid.put(" " + line, x: 0, y: top + i, style: notice.style) }
        }
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected)
        grid.putTruncated(" " + keys, x: 0, y: y, width: grid.width, style: .selected)
    }

    /// A notice wrapped to the screen, every word of it.
    static func noticeLines(_ notice: Notice?, width: Int) -> [String] {
        guard let notice else { return [] }
        return notice.text.wrapped(width: width - 2)
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
