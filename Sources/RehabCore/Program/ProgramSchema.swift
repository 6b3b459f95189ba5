/// The shape of a program file, field by field (see `FieldShape`). `ProgramLoader.check` walks a file
/// against it so that every missing, misspelt or mistyped field is reported at once, with its line,
/// before the meaning of the numbers is judged. It mirrors the Codable model in Program.swift; a test
/// keeps the two (and docs/program-format.md) in step.
public enum ProgramSchema {
    private static func must(_ name: String, _ shape: FieldShape) -> FieldSpec { FieldSpec(name: name, shape: shape, required: true) }
    private static func may(_ name: String, _ shape: FieldShape) -> FieldSpec { FieldSpec(name: name, shape: shape, required: false) }

    static let sides = FieldShape.choice(["each", "both"])

    static let tempoSegment = ObjectShape("a tempo segment", "tempo segments", [must("cue", .text), must("seconds", .wholeNumber)])

    static let exercise = ObjectShape(
        "an exercise", "exercises",
        [
            must("id", .text), must("name", .text), must("how", .text), must("sides", sides), must("sets", .wholeNumber),
            may("reps", .wholeNumber), may("holdSeconds", .wholeNumber), may("tempo", .list(.object(tempoSegment))),
            may("restSeconds", .wholeNumber), may("loadable", .flag), may("loadStepKg", .number),
            may("position", .choice(Position.allCases.map(\.rawValue))), may("alternative", .text)
        ])

    static let gateTest = ObjectShape(
        "a gate test", "gate tests",
        [
            must("id", .text), must("name", .text), must("unit", .text), must("target", .number), must("sides", sides)
        ])

    static let criterion = ObjectShape(
        "a gate criterion", "gate criteria",
        [
            must("type", .choice(["adherence", "no-red-days", "max-pain-during", "tests", "run-stage-completed"]))
        ], variantKey: "type",
        variants: [
            ("adherence", [must("windowDays", .wholeNumber), must("minPercent", .wholeNumber)]),
            ("no-red-days", [must("windowDays", .wholeNumber)]),
            ("max-pain-during", [must("windowDays", .wholeNumber), must("max", .wholeNumber)]),
            ("tests", [must("maxPain", .wholeNumber), may("noMorningRise", .flag), must("tests", .list(.object(gateTest)))]),
            ("run-stage-completed", [must("stage", .wholeNumber), must("times", .wholeNumber)])
        ])

    static let phase = ObjectShape(
        "a phase", "phases",
        [
            must("id", .choice(["activation", "strengthening", "multi-plane", "return-to-run"])), must("name", .text), must("goal", .text),
            must("minimumDays", .wholeNumber), must("sessionsPerWeek", .wholeNumber), must("restSeconds", .wholeNumber),
            must("exercises", .list(.object(exercise))), may("alternatives", .list(.object(exercise))), must("gate", .list(.object(criterion)))
        ])

    static let runStage = ObjectShape(
        "a run stage", "run stages",
        [
            must("stage", .wholeNumber), must("walkMinutes", .wholeNumber), must("runMinutes", .wholeNumber),
            must("repeats", .wholeNumber), may("warmupWalkMinutes", .wholeNumber)
        ])

    static let redFlag = ObjectShape(
        "a red flag", "red flags",
        [
            must("id", .text), must("question", .text), must("level", .choice(["urgent", "doctor", "clinician"])), must("advice", .text)
        ])

    /// The whole file.
    public static let program = ObjectShape(
        "a program", "programs",
        [
            must("id", .text), must("name", .text), must("version", .wholeNumber), must("disclaimer", .text),
            must(
                "painZones",
                .object(
                    ObjectShape(
                        "the pain-zone rules", "",
                        [
                            must("greenMaxDuring", .wholeNumber), must("amberMaxDuring", .wholeNumber), must("runGreenMaxDuring", .wholeNumber),
                            must("runAmberMaxDuring", .wholeNumber), must("morningRedAboveBaseline", .wholeNumber), must("limpingIsRed", .flag),
                            may("greenMaxAfter", .wholeNumber), may("amberMaxAfter", .wholeNumber),
                            may("runGreenMaxAfter", .wholeNumber), may("runAmberMaxAfter", .wholeNumber)
                        ]))),
            must(
                "baseline",
                .object(
                    ObjectShape(
                        "the baseline rules", "",
                        [
                            must("windowDays", .wholeNumber), must("minimumMornings", .wholeNumber), may("capAboveEnrolment", .wholeNumber)
                        ]))),
            must(
                "pause",
                .object(
                    ObjectShape(
                        "the pause rules", "",
                        [
                            must("consecutiveRedDays", .wholeNumber), must("redDaysInWindow", .wholeNumber), must("windowDays", .wholeNumber)
                        ]))),
            may("sessions", .object(ObjectShape("the session rules", "", [must("minimumShareOfSets", .fraction)]))),
            may("prepareSeconds", .wholeNumber),
            may(
                "weekToWeek",
                .object(
                    ObjectShape(
                        "the week-to-week rule", "",
                        [
                            must("riseOf", .wholeNumber), must("days", .wholeNumber), must("minimumMornings", .wholeNumber),
                            must("risingWeeksToPause", .wholeNumber)
                        ]))),
            must("phases", .list(.object(phase))),
            must(
                "returnToRun",
                .object(
                    ObjectShape(
                        "the return-to-run rules", "",
                        [
                            must("greenRunsPerStage", .wholeNumber), must("restDaysBetweenRuns", .wholeNumber),
                            must("maxRunIncreasePercent", .wholeNumber),
                            must("longestRunWindowDays", .wholeNumber), must("maxWeeklyIncreasePercent", .wholeNumber),
                            must("stages", .list(.object(runStage))),
                            may("maxStageIncreasePercent", .wholeNumber), may("stageIncreaseFromStage", .wholeNumber)
                        ]))),
            must("redFlags", .list(.object(redFlag))),
            must(
                "outcome",
                .object(
                    ObjectShape(
                        "the outcome measure", "",
                        [
                            must("name", .text), must("min", .wholeNumber), must("max", .wholeNumber), must("everyDays", .wholeNumber),
                            may("gateWithinDays", .wholeNumber)
                        ])))
        ])

    /// Every field name the format knows, for the documentation test.
    public static var allFieldNames: Set<String> {
        var names = Set<String>()
        func walk(_ shape: ObjectShape) {
            for f in shape.fields + shape.variants.flatMap(\.fields) {
                names.insert(f.name)
                var s = f.shape
                while case .list(let inner) = s { s = inner }
                if case .object(let o) = s { walk(o) }
            }
        }
        walk(program)
        return names
    }
}
