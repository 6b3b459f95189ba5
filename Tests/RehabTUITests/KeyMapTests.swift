import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// The key maps are what `update` matches, and what help and the footer show.
@Suite struct KeyMapTests {
    static var maps: [(String, [Key], [(String, String)], String)] {
        var all = Tab.allCases.map { tab in
            let m = MainKeys.map(for: tab)
            return (tab.title, m.allKeys, m.help, m.footer)
        }
        for sound in SoundMode.allCases {
            let m = TimerModel.keys(sound: sound)
            all.append(("timer", m.allKeys, m.help, m.footer))
        }
        all.append(("pain", TimerModel.painKeys.allKeys, TimerModel.painKeys.help, TimerModel.painKeys.footer))
        for form in [Forms.warningSigns(program: program), Forms.setup(today: start, afterScreening: true), Forms.score(program: program, day: start)]
        {
            all.append((form.title, form.keys.allKeys, form.keys.help, form.keys.footer))
        }
        return all
    }

    /// At 40 columns a footer drops whole labels, never cuts one, and keeps "? help" where the
    /// screen has it: a narrow terminal still says where every key is.
    @Test func aNarrowFooterKeepsWholeLabelsAndTheHelpKey() {
        for tab in Tab.allCases {
            let m = MainKeys.map(for: tab)
            let fitted = m.footer(fitting: 39)
            #expect(fitted.count <= 39, "\(tab.title): \(fitted)")
            #expect(fitted.contains("? help"), "\(tab.title): \(fitted)")
            for label in fitted.components(separatedBy: "  ") { #expect(m.footer.contains(label), "\(tab.title): \(label) is cut") }
            #expect(m.footer(fitting: 200) == m.footer, "a wide terminal shows the whole footer")
        }
        let timer = TimerModel.keys(sound: .voice)
        #expect(timer.footer(fitting: 39).hasSuffix("? help"))
    }

    @Test func noScreenBindsAKeyTwice() {
        for (name, keys, _, _) in Self.maps {
            var seen: [Key] = []
            for key in keys {
                #expect(!seen.contains(key), "\(name) binds \(key) twice: help would describe only one of its actions")
                seen.append(key)
            }
        }
    }

    @Test func theFooterIsDrawnFromTheMap() {
        let model = AppModel(snapshot: patient(), today: start + 10)
        for (tab, key) in [(Tab.today, Key.char("1")), (.week, .char("2")), (.program, .char("3"))] {
            var m = model
            _ = m.update(.key(key), now: 0)
            #expect(m.tab == tab)
            #expect(screen(m).line(23) == " " + MainKeys.map(for: tab).footer)
        }
        #expect(MainKeys.map(for: .today).footer == "e session  Enter timer  l log  c check-in  g gate  Tab screens  ? help  q quit")
        #expect(TimerModel.keys(sound: .off).footer == "space pause  s skip  c can't  q stop  b off  ? help")
        #expect(Forms.setup(today: start).keys.footer == "↑↓ move  ←→ choose  Enter next/Start  Esc quit")
        #expect(Forms.warningSigns(program: program).keys.footer == "↑↓ move  ←→ choose  space tick  Enter next/Next  Esc quit")
    }

    /// The help of Week said "h/l" for the weeks while l has always opened the log form.
    @Test func onWeekLLogsAsTheHelpSays() {
        var model = AppModel(snapshot: patient(), today: start + 10)
        _ = model.update(.key(.char("2")), now: 0)
        #expect(!MainKeys.map(for: .week).help.contains { $0.0.contains("h/l") })
        _ = model.update(.key(.char("l")), now: 0)
        guard case .form(.logExercise, _) = model.mode else { Issue.record("l did not open the log form"); return }
    }

    @Test func everyKeyInTheHelpOfTodayDoesWhatItSays() {
        // One key of each help row, and what the model then shows.
        let expectations: [(Key, (AppModel) -> Bool)] = [
            (.down, { $0.selection == 1 }),
            (.char("e"), { if case .timer(let t, let items) = $0.mode { return t.use == .session && items.count == 4 } else { return false } }),
            (.enter, { if case .timer(let t, let items) = $0.mode { return t.use == .exercise && items.count == 1 } else { return false } }),
            (.char("f"), { $0.notice?.text == "No set of today is waiting for its pain after." }),
            (.tab, { $0.tab == .week }),
            (.char("c"), { if case .form(.checkIn, _) = $0.mode { return true } else { return false } }),
            (.char("l"), { if case .form(.logExercise, _) = $0.mode { return true } else { return false } }),
            (.char("r"), { if case .form(.test, _) = $0.mode { return true } else { return false } }),
            (.char("s"), { if case .form(.score, _) = $0.mode { return true } else { return false } }),
            (.char("v"), { $0.notice?.text == "Nothing to clear: no pause and no warning sign." }),
            (.char("g"), { $0.overlay == .gate }),
            (.char("a"), { $0.overlay == .gate }),
            (.char("b"), { $0.timerSettings.sound == .off }),
            (.char("?"), { $0.overlay == .help })
        ]
        #expect(expectations.count == MainKeys.map(for: .today).help.count - 1)  // and q quits:
        for (key, check) in expectations {
            var model = AppModel(snapshot: patient(), today: start + 10)
            _ = model.update(.key(key), now: 0)
            #expect(check(model), "\(key)")
        }
        var model = AppModel(snapshot: patient(), today: start + 10)
        #expect(model.update(.key(.char("q")), now: 0) == [.quit])
    }
}

/// Today's help names the key that chooses the timer's sound (issue 22, item 12).
@Suite struct SoundKeyTests {
    @Test func todaysHelpNamesTheSoundKey() {
        let help = MainKeys.map(for: .today).help
        #expect(help.contains { $0.0 == "b" && $0.1.contains("timer sound") }, "\(help)")
    }
}
