import TestSupport
import RehabCore

let program = ProgramLoader.defaultProgram()
let start = PatientBuilder.standardStart

func day(_ offset: Int) -> Day { start + offset }
