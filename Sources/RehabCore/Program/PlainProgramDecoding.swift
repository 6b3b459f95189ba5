/// A built-in program read from its parsed tree by hand, field by field, without Codable.
///
/// Every day command decodes the program it follows. Through Codable the Swift runtime checks the
/// generic requirements of every keyed container type it makes (75 of them, some 15 M instructions
/// of a 91 M `status --json`, BENCHMARKS.md); this plain code makes none. It is only for bytes
/// already known good (the built-in programs, checked by their tests): it gives up (nil) on
/// anything unexpected, and a file from elsewhere goes through `ProgramLoader.check`, whose
/// errors name the line. BuiltInProgramsTests proves both decode every built-in program alike.
enum PlainProgramDecoding {
    /// The program in `tree`, decoded as `TreeDecoder` would decode it; nil where it would not.
    static func program(_ tree: JSONTree) -> Program? { try? Program(plain: Fields(tree.root)) }

    /// Why the plain decoding stopped: the caller falls back to the checked path.
    struct Unexpected: Error {}

    /// The members of one JSON object, read as Codable's synthesized decoding reads them: a missing
    /// or null optional is nil, a repeated key counts last, unknown keys are ignored.
    struct Fields {
        let members: [JSONTree.Member]

        init(_ node: JSONTree.Node) throws(Unexpected) {
            guard case .object(let members) = node.value else { throw Unexpected() }
            self.members = members
        }

        func node(_ key: String) -> JSONTree.Node? {
            guard let node = members.last(where: { $0.key == key })?.node else { return nil }
            if case .null = node.value { return nil }
            return node
        }

        func required(_ key: String) throws(Unexpected) -> JSONTree.Node {
            guard let node = node(key) else { throw Unexpected() }
            return node
        }

        func text(_ key: String) throws(Unexpected) -> String { try Self.text(required(key)) }
        func int(_ key: String) throws(Unexpected) -> Int { try Self.int(required(key)) }
        func double(_ key: String) throws(Unexpected) -> Double { try Self.double(required(key)) }
        func flag(_ key: String) throws(Unexpected) -> Bool { try Self.flag(required(key)) }

        func optionalText(_ key: String) throws(Unexpected) -> String? { try node(key).map { n throws(Unexpected) in try Self.text(n) } }
        func optionalInt(_ key: String) throws(Unexpected) -> Int? { try node(key).map { n throws(Unexpected) in try Self.int(n) } }
        func optionalDouble(_ key: String) throws(Unexpected) -> Double? { try node(key).map { n throws(Unexpected) in try Self.double(n) } }
        func optionalFlag(_ key: String) throws(Unexpected) -> Bool? { try node(key).map { n throws(Unexpected) in try Self.flag(n) } }

        func object(_ key: String) throws(Unexpected) -> Fields { try Fields(required(key)) }
        func optionalObject(_ key: String) throws(Unexpected) -> Fields? { try node(key).map { n throws(Unexpected) in try Fields(n) } }

        /// The objects of a list, each made into a `T` by `make`.
        func list<T>(_ key: String, _ make: (Fields) throws(Unexpected) -> T) throws(Unexpected) -> [T] {
            try Self.list(required(key), make)
        }

        func optionalList<T>(_ key: String, _ make: (Fields) throws(Unexpected) -> T) throws(Unexpected) -> [T]? {
            try node(key).map { n throws(Unexpected) in try Self.list(n, make) }
        }

        /// A value of a string enumeration, by its raw value.
        func choice<T: RawRepresentable<String>>(_ key: String) throws(Unexpected) -> T {
            guard let value = T(rawValue: try text(key)) else { throw Unexpected() }
            return value
        }

        func optionalChoice<T: RawRepresentable<String>>(_ key: String) throws(Unexpected) -> T? {
            guard let raw = try optionalText(key) else { return nil }
            guard let value = T(rawValue: raw) else { throw Unexpected() }
            return value
        }

        static func list<T>(_ node: JSONTree.Node, _ make: (Fields) throws(Unexpected) -> T) throws(Unexpected) -> [T] {
            guard case .list(let items) = node.value else { throw Unexpected() }
            var out: [T] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try make(Fields(item))) }
            return out
        }

        static func text(_ node: JSONTree.Node) throws(Unexpected) -> String {
            guard case .text(let text) = node.value else { throw Unexpected() }
            return text
        }

        /// A whole number, as TreeDecoder reads an Int: exactly, and under 1e15.
        static func int(_ node: JSONTree.Node) throws(Unexpected) -> Int {
            guard case .number(let value, _) = node.value, value == value.rounded(), abs(value) < 1e15, let whole = Int(exactly: value) else {
                throw Unexpected()
            }
            return whole
        }

        static func double(_ node: JSONTree.Node) throws(Unexpected) -> Double {
            guard case .number(let value, _) = node.value else { throw Unexpected() }
            return value
        }

        static func flag(_ node: JSONTree.Node) throws(Unexpected) -> Bool {
            guard case .flag(let flag) = node.value else { throw Unexpected() }
            return flag
        }
    }
}

private typealias Fields = PlainProgramDecoding.Fields
private typealias Unexpected = PlainProgramDecoding.Unexpected

extension Program {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            id: try f.text("id"), name: try f.text("name"), version: try f.int("version"), disclaimer: try f.text("disclaimer"),
            painZones: try PainZoneRules(plain: f.object("painZones")), baseline: try BaselineRules(plain: f.object("baseline")),
            pause: try PauseRules(plain: f.object("pause")), phases: try f.list("phases") { p throws(Unexpected) in try Phase(plain: p) },
            returnToRun: try ReturnToRunRules(plain: f.object("returnToRun")),
            redFlags: try f.list("redFlags") { r throws(Unexpected) in try RedFlag(plain: r) },
            outcome: try OutcomeMeasure(plain: f.object("outcome")),
            sessions: try f.optionalObject("sessions").map { s throws(Unexpected) in try SessionRules(plain: s) },
            prepareSeconds: try f.optionalInt("prepareSeconds"),
            weekToWeek: try f.optionalObject("weekToWeek").map { w throws(Unexpected) in try WeekToWeekRules(plain: w) })
    }
}

extension Phase {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            id: try f.choice("id"), name: try f.text("name"), goal: try f.text("goal"), minimumDays: try f.int("minimumDays"),
            sessionsPerWeek: try f.int("sessionsPerWeek"), restSeconds: try f.int("restSeconds"),
            exercises: try f.list("exercises") { e throws(Unexpected) in try Exercise(plain: e) },
            alternatives: try f.optionalList("alternatives") { e throws(Unexpected) in try Exercise(plain: e) },
            gate: try f.list("gate") { g throws(Unexpected) in try GateCriterion(plain: g) })
    }
}

extension Exercise {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            id: try f.text("id"), name: try f.text("name"), how: try f.text("how"), sets: try f.int("sets"), reps: try f.optionalInt("reps"),
            holdSeconds: try f.optionalInt("holdSeconds"), sides: try f.choice("sides"),
            tempo: try f.optionalList("tempo") { t throws(Unexpected) in TempoSegment(cue: try t.text("cue"), seconds: try t.int("seconds")) },
            restSeconds: try f.optionalInt("restSeconds"), loadable: try f.optionalFlag("loadable"), loadStepKg: try f.optionalDouble("loadStepKg"),
            position: try f.optionalChoice("position"), alternative: try f.optionalText("alternative"))
    }
}

extension PainZoneRules {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            greenMaxDuring: try f.int("greenMaxDuring"), amberMaxDuring: try f.int("amberMaxDuring"),
            runGreenMaxDuring: try f.int("runGreenMaxDuring"), runAmberMaxDuring: try f.int("runAmberMaxDuring"),
            morningRedAboveBaseline: try f.int("morningRedAboveBaseline"), limpingIsRed: try f.flag("limpingIsRed"),
            greenMaxAfter: try f.optionalInt("greenMaxAfter"), amberMaxAfter: try f.optionalInt("amberMaxAfter"),
            runGreenMaxAfter: try f.optionalInt("runGreenMaxAfter"), runAmberMaxAfter: try f.optionalInt("runAmberMaxAfter"))
    }
}

extension BaselineRules {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            windowDays: try f.int("windowDays"), minimumMornings: try f.int("minimumMornings"),
            capAboveEnrolment: try f.optionalInt("capAboveEnrolment"))
    }
}

extension WeekToWeekRules {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            riseOf: try f.int("riseOf"), days: try f.int("days"), minimumMornings: try f.int("minimumMornings"),
            risingWeeksToPause: try f.int("risingWeeksToPause"))
    }
}

extension PauseRules {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            consecutiveRedDays: try f.int("consecutiveRedDays"), redDaysInWindow: try f.int("redDaysInWindow"), windowDays: try f.int("windowDays"))
    }
}

extension SessionRules {
    /// The share is a number from 0 to 1 or text such as "2/3", as `Share.init(from:)` reads it.
    fileprivate init(plain f: Fields) throws(Unexpected) {
        let node = try f.required("minimumShareOfSets")
        let share: Share?
        switch node.value {
        case .number(let value, _): share = Share(value: value)
        case .text(let text): share = Share(text: text)
        default: share = nil
        }
        guard let share else { throw Unexpected() }
        self.init(minimumShareOfSets: share)
    }
}

extension GateCriterion {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        switch try f.text("type") {
        case "adherence": self = .adherence(windowDays: try f.int("windowDays"), minPercent: try f.int("minPercent"))
        case "no-red-days": self = .noRedDays(windowDays: try f.int("windowDays"))
        case "max-pain-during": self = .maxPainDuring(windowDays: try f.int("windowDays"), max: try f.int("max"))
        case "tests":
            self = .tests(
                TestGroup(
                    maxPain: try f.int("maxPain"), noMorningRise: try f.optionalFlag("noMorningRise") ?? false,
                    tests: try f.list("tests") { t throws(Unexpected) in
                        GateTest(
                            id: try t.text("id"), name: try t.text("name"), unit: try t.text("unit"), target: try t.double("target"),
                            sides: try t.choice("sides"))
                    }))
        case "run-stage-completed": self = .runStageCompleted(stage: try f.int("stage"), times: try f.int("times"))
        default: throw Unexpected()
        }
    }
}

extension ReturnToRunRules {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            stages: try f.list("stages") { s throws(Unexpected) in
                RunStage(
                    stage: try s.int("stage"), walkMinutes: try s.int("walkMinutes"), runMinutes: try s.int("runMinutes"),
                    repeats: try s.int("repeats"),
                    warmupWalkMinutes: try s.optionalInt("warmupWalkMinutes"))
            },
            greenRunsPerStage: try f.int("greenRunsPerStage"), restDaysBetweenRuns: try f.int("restDaysBetweenRuns"),
            maxRunIncreasePercent: try f.int("maxRunIncreasePercent"), longestRunWindowDays: try f.int("longestRunWindowDays"),
            maxWeeklyIncreasePercent: try f.int("maxWeeklyIncreasePercent"), maxStageIncreasePercent: try f.optionalInt("maxStageIncreasePercent"),
            stageIncreaseFromStage: try f.optionalInt("stageIncreaseFromStage"))
    }
}

extension RedFlag {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(id: try f.text("id"), question: try f.text("question"), level: try f.choice("level"), advice: try f.text("advice"))
    }
}

extension OutcomeMeasure {
    fileprivate init(plain f: Fields) throws(Unexpected) {
        self.init(
            name: try f.text("name"), min: try f.int("min"), max: try f.int("max"), everyDays: try f.int("everyDays"),
            gateWithinDays: try f.optionalInt("gateWithinDays"))
    }
}
