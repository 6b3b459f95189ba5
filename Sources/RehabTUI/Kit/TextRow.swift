import Terminal

/// A text on row `y`, in a frame computed before drawing: the screen that draws it says where
/// it starts (centred, or at its left margin).
struct TextRow: Equatable {
    var text: String
    var y: Int
    var style: Style = .normal
}
