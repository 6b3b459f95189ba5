import RehabCore
import Terminal

/// Draws the whole app for the current state. Pure: the same model and time give the same cells.
public enum AppView {
    public static let minimumWidth = 40
    public static let minimumHeight = 12

    public static func render(_ model: AppModel, into grid: inout CellGrid, now: Int64) {
        let timing = if case .timer = model.mode { model.overlay == nil } else { false }
        guard Chrome.fits(minimum: timing ? TimerScreen.minimum : (minimumWidth, minimumHeight), &grid) else { return }
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
            Chrome.header(title: "rehab", tabs: Tab.allCases.map(\.title), selected: model.tab.rawValue, day: model.today, &grid)
            let body = body(width: grid.width, height: grid.height, notice: model.notice)
            if let s = model.snapshot {
                switch model.tab {
                case .today: TodayScreen.render(s, selection: model.selection, notesScroll: model.todayScroll, in: body, &grid)
                case .week: WeekScreen.render(s, weekOffset: model.weekOffset, in: body, &grid)
                case .program: ProgramScreen.render(s, cursor: model.programCursor, scroll: model.programScroll, in: body, &grid)
                }
            }
            Chrome.footer(Help.footer(for: model, width: grid.width), notice: model.notice?.text, noticeStyle: model.notice?.style ?? .normal, &grid)
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
        let noticeRows = max(1, Chrome.noticeLines(notice?.text, width: width).count)
        return Rect(x: 0, y: 1, width: width, height: height - 2 - noticeRows)
    }
}
