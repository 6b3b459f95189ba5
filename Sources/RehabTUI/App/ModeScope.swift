/// One case of `AppModel.Mode` that holds a child feature's state, as TCA's case paths: how to
/// take the child's state out of the mode, and how to put it back (keeping the rest of the case).
struct ModeCase<Child>: Sendable {
    let extract: @Sendable (AppModel.Mode) -> Child?
    let embed: @Sendable (Child, AppModel.Mode) -> AppModel.Mode
}

extension ModeCase where Child == TimerModel {
    /// The tempo timer (its plan's items stay as they were).
    static let timer = ModeCase(
        extract: { if case .timer(let timer, _) = $0 { timer } else { nil } },
        embed: { timer, mode in if case .timer(_, let items) = mode { .timer(timer, items: items) } else { mode } })
}

extension ModeCase where Child == Form {
    /// A form (its purpose stays as it was).
    static let form = ModeCase(
        extract: { if case .form(_, let form) = $0 { form } else { nil } },
        embed: { form, mode in if case .form(let purpose, _) = mode { .form(purpose, form) } else { mode } })
}

extension AppModel {
    /// The one way to a child feature's state (TCA's `Scope` / `ifCaseLet`): runs `change` on the
    /// state in `path`'s case of the mode and puts it back. Nil, and nothing run, when the mode is
    /// another case. The caller maps what the child did into the app's effects.
    @discardableResult
    mutating func scope<Child, Result>(_ path: ModeCase<Child>, _ change: (inout Child) -> Result) -> Result? {
        guard var child = path.extract(mode) else { return nil }
        let result = change(&child)
        mode = path.embed(child, mode)
        return result
    }

    /// The timer's state as it is, when the timer is open.
    var timer: TimerModel? { ModeCase.timer.extract(mode) }
}
