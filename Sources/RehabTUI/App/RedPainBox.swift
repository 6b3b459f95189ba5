import RehabCore
import Terminal

extension Overlays {
    /// The program's advice for a pain in the red zone, in a red box over whatever is under it:
    /// every word wrapped, never cut; where it does not fit, the arrows scroll it and the box says so.
    static func redPain(_ advice: RedPainAdvice, footer: String, width: Int, height: Int) -> Layout {
        // Narrow terminals give the box every column: nothing of the screen under it shows at its sides.
        let boxWidth = width < 60 ? width : min(width - 2, 72)
        var text = TextBlock(width: boxWidth - 4)
        for (i, line) in advice.lines.enumerated() {
            if i > 0 { text.blank() }
            text.add(line, style: i == 0 ? .bold : .normal)
        }
        text.blank()
        text.add(footer, style: .dim)
        // Only Enter closes it: where it scrolls, the bottom line says so (`PromptKeys.redPain`).
        var layout = boxed(
            text, title: "STOP: pain in the red zone", footer: nil, keys: .redPain, boxWidth: boxWidth, width: width, height: height,
            rowsBelow: 0)
        layout.style = .red
        return layout
    }
}
