import RehabCore
import Terminal

/// The keys of each screen, for the footer and the `?` overlay.
enum Help {
    static func keys(for model: AppModel) -> [(String, String)] {
        switch model.mode {
        case .timer(let timer, _):
            return timer.keys.help
        case .form(_, let form):
            return form.keys.help
        case .main:
            return MainKeys.map(for: model.tab).help
        }
    }

    static func footer(for model: AppModel, width: Int) -> String { MainKeys.map(for: model.tab).footer(fitting: width - 1) }
}

/// Boxes drawn over the current screen. Their text wraps, and scrolls when the box cannot hold it.
enum Overlays {
    /// A box and the text in it, laid out for a screen of `width` x `height`.
    struct Layout {
        var box: Rect
        var title: String?
        var text: TextBlock
        var textArea: Rect
        var footer: String?
        /// The border's and the title's style: red for the red-pain advice.
        var style: Style = .bold
        var scrollLimit: Int { text.maxOffset(rows: textArea.height) }
    }

    static func layout(_ overlay: Overlay, model: AppModel, width: Int, height: Int) -> Layout? {
        switch overlay {
        case .help: return help(Help.keys(for: model), width: width, height: height)
        case .gate: return model.snapshot.map { gate($0, width: width, height: height) }
        case .confirmAdvance(let name):
            return confirm(
                name.map { "Move to the \($0) phase?" } ?? "Finish the program? Running then keeps to the maintenance caps.",
                detail: "Every gate criterion is met. \(PromptKeys.advance.sentence).", keys: PromptKeys.advance, width: width, height: height)
        case .confirmClinicianSeen:
            return confirm(
                "Have you seen a doctor or physiotherapist about this?",
                detail: "Only after being seen: \(PromptKeys.clinicianSeen.sentence).", keys: PromptKeys.clinicianSeen, width: width, height: height)
        case .redPain(let advice):
            let read = PromptKeys.redPain.sentence + "."
            let waiting = if case .timer = model.mode { read + " The session waits; then space goes on or q ends it." } else { read }
            return redPain(advice, footer: waiting, width: width, height: height)
        }
    }

    /// The keys of each box: what `AppModel` does with a key, and what the box says of them.
    static func keys(_ overlay: Overlay) -> PromptKeys {
        switch overlay {
        case .help: return .help
        case .gate: return .gate
        case .confirmAdvance: return .advance
        case .confirmClinicianSeen: return .clinicianSeen
        case .redPain: return .redPain
        }
    }

    static func draw(_ layout: Layout, offset: Int, _ grid: inout CellGrid) {
        var layout = layout
        grid.fill(layout.box)
        grid.box(layout.box, title: layout.title, style: layout.style)
        layout.text.draw(in: layout.textArea, offset: offset, &grid)
        if let footer = layout.footer {
            grid.putTruncated(footer, x: layout.box.x + 2, y: layout.box.maxY - 1, width: layout.box.width - 4, style: .dim)
        }
    }

    /// A box `boxWidth` wide around `text`, centred: a blank row above the text, `rowsBelow` under it.
    static func boxed(
        _ text: TextBlock, title: String?, footer: String?, keys: PromptKeys, boxWidth: Int, width: Int, height: Int, rowsBelow: Int
    ) -> Layout {
        let boxHeight = min(height - 2, text.count + 3 + rowsBelow)
        let box = Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
        // Text that does not fit takes the blank rows below it too.
        let scrolls = text.count > boxHeight - 3 - rowsBelow
        let area = Rect(x: box.x + 2, y: box.y + 2, width: boxWidth - 4, height: boxHeight - 3 - (scrolls ? 0 : rowsBelow))
        // Keys that scroll no longer close it: the bottom line says which do.
        return Layout(
            box: box, title: title, text: text, textArea: area,
            footer: scrolls ? keys.scrollingFooter : footer)
    }

    static func help(_ keys: [(String, String)], width: Int, height: Int) -> Layout {
        let boxWidth = min(width - 2, 64)
        let keyWidth = min(16, (keys.map(\.0.count).max() ?? 4) + 2)
        var text = TextBlock(width: boxWidth - 4)
        // Too narrow for a column of keys beside their words (the timer's 20 columns): each key above its words.
        let stacked = text.width - keyWidth < 12
        for (key, action) in keys {
            if stacked {
                text.add(key, style: .key)
                text.add(action, lead: "", leadWidth: 2)
            } else {
                text.add(action, lead: key, leadStyle: .key, leadWidth: keyWidth)
            }
        }
        return boxed(text, title: "Keys", footer: PromptKeys.help.footer, keys: .help, boxWidth: boxWidth, width: width, height: height, rowsBelow: 1)
    }

    static func gate(_ s: Snapshot, width: Int, height: Int) -> Layout {
        let st = s.status
        let boxWidth = min(width - 2, 76)
        var text = TextBlock(width: boxWidth - 4)
        if let pause = st.pause { text.add("Paused: \(pause.reason)", style: .red) }
        for c in st.criteria {
            text.add(c.detail, style: c.met ? .green : .normal, lead: c.met ? "[✓] " : "[ ] ", leadStyle: c.met ? .green : .normal)
            if c.id == "outcome-score" && !c.met {
                text.add("s records it. " + OutcomeMeasure.whereToGetIt(s.program.outcome.name) + ".", style: .dim, lead: "", leadWidth: 4)
            }
        }
        for t in st.requiredTests.prefix(3) {
            text.add("to pass: \(t.name)\(t.side.map { " (\($0.rawValue))" } ?? ""): \(Int(t.target)) \(t.unit)", style: .dim, lead: "", leadWidth: 2)
        }
        text.blank()
        text.add(
            st.eligibleToAdvance ? "All met: press a to move to the next phase." : "Advancing opens when every line is ticked.",
            style: st.eligibleToAdvance ? .green : .dim)
        let title = st.phase == .complete ? "Program complete" : "Gate: \(s.phaseName) (\(st.criteriaMet) of \(st.criteria.count) met)"
        return boxed(text, title: title, footer: nil, keys: .gate, boxWidth: boxWidth, width: width, height: height, rowsBelow: 0)
    }

    static func confirm(_ question: String, detail: String, keys: PromptKeys, width: Int, height: Int) -> Layout {
        let boxWidth = min(width - 2, 60)
        var text = TextBlock(width: boxWidth - 4)
        text.add(question, style: .bold)
        text.add(detail, style: .dim)
        return boxed(text, title: nil, footer: nil, keys: keys, boxWidth: boxWidth, width: width, height: height, rowsBelow: 1)
    }
}
