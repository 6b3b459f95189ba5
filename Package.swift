// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rehab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rehab", targets: ["rehab"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0")
    ],
    targets: [
        // ncursesw, wrapped for Swift (see Modules/CNcursesw/shim.h for why each wrapper exists).
        // No pkgConfig: SwiftPM would drop its -D flags with a warning; the shim sets what matters
        // and the Makefile installs libncurses-dev.
        .systemLibrary(name: "CNcursesw", path: "Modules/CNcursesw"),
        // The engine: pure rules over a patient's history. Imports only Foundation.
        .target(
            name: "RehabCore",
            path: "Sources/RehabCore",
            // Compiled in by the EmbedFiles plugin, so the binary needs no resource folder.
            exclude: ["Resources"],
            plugins: ["EmbedFiles"]
        ),
        // Durable storage in SQLite (GRDB).
        .target(
            name: "RehabStore",
            dependencies: [
                "RehabCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift")
            ],
            path: "Sources/RehabStore"
        ),
        // The timer's cues as sound: espeak-ng words or generated tones, played by spawning a player.
        // posix_spawn with the streams and signal state rehab wants, for the sound players and the tests.
        .target(name: "ChildProcesses", path: "Sources/ChildProcesses"),
        .target(name: "Sound", dependencies: ["RehabCore", "ChildProcesses"], path: "Sources/Sound"),
        // The only Swift code that touches ncurses.
        .target(
            name: "Terminal",
            dependencies: ["CNcursesw"],
            path: "Sources/Terminal"
        ),
        // Screens and the app loop.
        .target(
            name: "RehabTUI",
            dependencies: ["RehabCore", "RehabStore", "Terminal"],
            path: "Sources/RehabTUI"
        ),
        .executableTarget(
            name: "rehab",
            dependencies: [
                "RehabCore", "RehabStore", "RehabTUI", "Sound", "ChildProcesses",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ],
            path: "Programs/rehab",
            // `rehab today` runs before every shell prompt, so the release binary starts light
            // (BENCHMARKS.md): position-dependent (a PIE of this size spends most of a short
            // command's start relocating 87 k addresses); only the few symbols the shared C
            // libraries need exported (the static Swift runtime asks for all ten thousand, which
            // the loader and the runtime's dladdr then search); and libstdc++, the unwinder and
            // SQLite static, from the folder `make build` fills (.build/static-libs: 3,300 symbol
            // bindings and three libraries fewer at each start; without the folder they stay shared).
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                        "-L", ".build/static-libs"
                    ], .when(configuration: .release))
            ],
            plugins: ["EmbedFiles"]  // the version and commit for `rehab --version`
        ),
        // Build-time embedding: the built-in programs into RehabCore, the version into rehab.
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"], path: "Plugins/EmbedFiles"),
        .executableTarget(name: "embed-files", path: "Plugins/EmbedFilesTool"),
        // What the test targets share: the spawned binary, a private PulseAudio server and its recording.
        .target(name: "TestSupport", dependencies: ["RehabCore", "Sound", "ChildProcesses"], path: "Tests/TestSupport"),
        .testTarget(name: "RehabCoreTests", dependencies: ["RehabCore", "TestSupport"], path: "Tests/RehabCoreTests"),
        .testTarget(name: "RehabStoreTests", dependencies: ["RehabStore", "RehabCore"], path: "Tests/RehabStoreTests"),
        // The WAV writer, tones, cache and detection; with PulseAudio installed, sound onsets recorded
        // from a private server's null sink and compared with the schedule.
        .testTarget(name: "SoundTests", dependencies: ["Sound", "RehabCore", "TestSupport"], path: "Tests/SoundTests"),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"], path: "Tests/TerminalTests"),
        .testTarget(
            name: "RehabTUITests", dependencies: ["RehabTUI", "RehabCore", "Terminal", "TestSupport"], path: "Tests/RehabTUITests",
            exclude: ["Golden"]),
        .testTarget(
            name: "EndToEndTests", dependencies: ["RehabCore", "RehabStore", "RehabTUI", "TestSupport", "ChildProcesses"], path: "Tests/EndToEndTests"
        ),
        // make install's files, the binary alone, the man page and the completions (make test builds generate-manual).
        .testTarget(name: "InstallTests", dependencies: ["RehabCore", "TestSupport"], path: "Tests/InstallTests"),
        // Crash, concurrency, damaged-file, privacy and fuzz tests: the binary and, in-process, its commands.
        .testTarget(
            name: "SafetyTests", dependencies: ["rehab", "RehabCore", "RehabStore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/SafetyTests")
    ]
)
