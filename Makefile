# rehab: `make run` starts the program, `make test` runs every test.
# Both install the Debian packages they need (libncurses-dev, tmux, sqlite3, strace) when missing.

SWIFT      ?= swift
SYSTEM_PKGS = libncurses-dev tmux sqlite3 strace
SUDO       := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: all deps report-deps build run test bench clean install

all: build

# Install missing system packages (once); apt-get update only when something is missing.
deps:
	@missing=""; for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# A static Swift runtime starts faster and uses less memory (and runs without /opt/swift).
build: deps
	$(SWIFT) build -c release --static-swift-stdlib
	@echo "rehab is at $$($(SWIFT) build -c release --show-bin-path)/rehab"

run: build
	@"$$($(SWIFT) build -c release --show-bin-path)/rehab" $(ARGS)

# End-to-end tests drive the debug binary, so build it before the test run.
test: deps report-deps
	$(SWIFT) build
	$(SWIFT) test --parallel --num-workers 2

# Benchmarks (never part of `make test`): builds release, prints a table, rewrites BENCHMARKS.md.
bench: build
	python3 Tests/Benchmarks/bench.py --binary "$$($(SWIFT) build -c release --show-bin-path)/rehab" $(BENCH_ARGS)

clean:
	rm -rf .build

# Best effort, never failing the build: the report test renders the HTML report in headless
# Chromium and is skipped, saying so, when it is missing. Instant when already installed.
report-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing chromium for the report rendering test (best effort)"; \
	  { $(if $(SUDO),$(SUDO) -n) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(if $(SUDO),$(SUDO) -n) apt-get install -y -qq chromium; } >/dev/null 2>&1 || \
	  echo "chromium could not be installed: the report rendering test will be skipped"; }

# The long safety runs (never part of `make test`): 200 SIGKILLs during saves, 4 writers at once,
# 8000 + 1500 fuzzed command lines, ten times the program-file fuzz, a lock held past rehab's patience,
# a minute of `log` against `restore` in two loops (no confirmed entry may be lost).
.PHONY: stress
stress: deps
	$(SWIFT) build
	REHAB_STRESS=1 $(SWIFT) test --parallel --num-workers 2 --filter 'SafetyTests|ProgramFuzzTests'
