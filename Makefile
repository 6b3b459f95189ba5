# rehab: `make run` starts the program, `make test` runs every test, `make install` installs it
# (PREFIX=~/.local by default), `make deb` builds a Debian package.
# They install the Debian packages they need when missing.

SWIFT      ?= swift
# The C compiler of the Swift toolchain: it knows where the C++ runtime's archives are.
CLANG      ?= $(shell dirname "$$(readlink -f "$$(command -v $(SWIFT))")")/clang
SYSTEM_PKGS = libncurses-dev libsqlite3-dev tmux sqlite3 strace binutils man-db
# Sound for the timer: the speech engine and a player (rehab rings the bell without them).
SOUND_PKGS  = espeak-ng pulseaudio-utils
# The sound tests also need a PulseAudio server to record from, and sox to check the recordings.
SOUND_TEST_PKGS = $(SOUND_PKGS) pulseaudio sox
SUDO       := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: lint format all deps report-deps sound-deps sound-test-deps build static-libs run test bench clean install install-built uninstall stage manual-tool deb deb-check

all: build

# Install missing system packages (once); apt-get update only when something is missing.
deps:
	@missing=""; for p in $(SYSTEM_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# A static Swift runtime starts faster and uses less memory (and runs without /opt/swift).
# No $$ORIGIN run path: no library ships beside rehab, and the loader would look for each one there.
build: deps static-libs
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath
	@echo "rehab is at $$($(SWIFT) build -c release --show-bin-path)/rehab"

# libstdc++, the unwinder and SQLite linked statically into the release binary (Package.swift
# passes -L .build/static-libs): a folder holding only their archives, found before the shared
# libraries. SQLite's (libsqlite3-dev) binds 1,600 symbols at each start when shared, libstdc++
# 1,740. libgcc_eh.a is the unwinder libgcc_s.so shares; the link asks for it as -lgcc_s.
# ncurses stays shared: the UI alone uses it, and Debian's packages must not embed it (lintian).
static-libs:
	@mkdir -p .build/static-libs; \
	for pair in libstdc++.a:libstdc++.a libgcc_eh.a:libgcc_s.a libsqlite3.a:libsqlite3.a; do \
	  archive=$$($(CLANG) -print-file-name=$${pair%%:*} 2>/dev/null); \
	  case "$$archive" in /*) ln -sf "$$archive" ".build/static-libs/$${pair##*:}";; \
	    *) echo "$${pair%%:*} not found: rehab links it shared (starts slower)";; esac; \
	done

run: build sound-deps
	@"$$($(SWIFT) build -c release --show-bin-path)/rehab" $(ARGS)

# End-to-end tests drive the debug binary, so build it before the test run.
test: deps report-deps sound-test-deps remind-test-deps lint
	$(SWIFT) build
	@$(MAKE) --no-print-directory manual-tool
	$(SWIFT) test --parallel --num-workers 2

# Benchmarks (never part of `make test`): builds release, prints a table, rewrites BENCHMARKS.md.
# valgrind counts the instructions of `rehab today` and the day commands.
bench: build
	@dpkg -s valgrind >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq valgrind; }
	python3 Tests/Benchmarks/bench.py --binary "$$($(SWIFT) build -c release --show-bin-path)/rehab" $(BENCH_ARGS)

clean:
	rm -rf .build

# The toolchain's swift-format with the checked-in .swift-format (its layout only: 4 spaces,
# lines up to 150): make test fails on any finding, make format rewrites the files to match.
FORMATTED = Sources Programs Tests Plugins Package.swift
lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)
format:
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

# Best effort, never failing the build: the report test renders the HTML report in headless
# Chromium and is skipped, saying so, when it is missing. Instant when already installed.
report-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing chromium for the report rendering test (best effort)"; \
	  { $(if $(SUDO),$(SUDO) -n) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(if $(SUDO),$(SUDO) -n) apt-get install -y -qq chromium; } >/dev/null 2>&1 || \
	  echo "chromium could not be installed: the report rendering test will be skipped"; }

# Best effort, never failing: without them the timer rings the bell and the sound tests say they
# are skipped. Instant when installed (dpkg -s only); nothing at all where there is no dpkg.
sound-deps:
	@$(MAKE) --no-print-directory OPTIONAL_WANTED="$(SOUND_PKGS)" OPTIONAL_FOR="sound" OPTIONAL_ELSE="the timer uses the terminal bell and the sound tests are skipped" optional-install
sound-test-deps:
	@$(MAKE) --no-print-directory OPTIONAL_WANTED="$(SOUND_TEST_PKGS)" OPTIONAL_FOR="sound" OPTIONAL_ELSE="the timer uses the terminal bell and the sound tests are skipped" optional-install
# The reminder tests: a private D-Bus bus (dbus) with a notification server (python3-dbus,
# python3-gi), notify-send (libnotify-bin), systemd-analyze (systemd). Best effort, like sound.
REMIND_TEST_PKGS = dbus libnotify-bin systemd python3-dbus python3-gi
remind-test-deps:
	@$(MAKE) --no-print-directory OPTIONAL_WANTED="$(REMIND_TEST_PKGS)" OPTIONAL_FOR="the reminder tests" OPTIONAL_ELSE="those reminder tests are skipped, saying why" optional-install
.PHONY: optional-install remind-test-deps
optional-install:
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=""; for p in $(OPTIONAL_WANTED); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	[ -z "$$missing" ] || { \
	  echo "Installing for $(OPTIONAL_FOR) (best effort):$$missing"; \
	  { $(if $(SUDO),$(SUDO) -n) apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $(if $(SUDO),$(SUDO) -n) apt-get install -y -qq $$missing; } >/dev/null 2>&1 || \
	  echo "Could not install$$missing: $(OPTIONAL_ELSE)"; }

# The long safety runs (never part of `make test`): 200 SIGKILLs during saves, 4 writers at once,
# 8000 + 1500 fuzzed command lines, ten times the program-file fuzz, a lock held past rehab's patience,
# a minute of `log` against `restore` in two loops (no confirmed entry may be lost), a minute of
# `rehab timer` with a player that hangs, ended by random signals (nothing may be left running).
.PHONY: stress
stress: deps
	$(SWIFT) build
	REHAB_STRESS=1 $(SWIFT) test --parallel --num-workers 2 --filter 'SafetyTests|ProgramFuzzTests|HostileSoundTests|timeStoppedWithCtrlZ'

# ---- Installing -------------------------------------------------------------------------------
# `make install` (PREFIX=~/.local) or `sudo make install PREFIX=/usr/local` installs exactly:
# bin/rehab (stripped, self-contained: the default program is compiled in), its man page and its
# bash, zsh and fish completions, all generated from the binary's own argument parser.
# DESTDIR is honoured for packagers. `make uninstall` (same PREFIX) removes those five files.
PREFIX   ?= $(HOME)/.local
DESTDIR  ?=
VERSION  := $(shell cat VERSION)
STAGE    ?= .build/stage
# The binary to install; install-built takes it as it is (the tests give the debug one).
REHAB_BIN ?= .build/release/rehab
GENERATE_MANUAL = .build/debug/generate-manual
# The man page's date: the last commit's, so a rebuild of one commit gives the same page.
MAN_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)

INSTALLED = bin/rehab share/man/man1/rehab.1 share/bash-completion/completions/rehab \
            share/zsh/site-functions/_rehab share/fish/vendor_completions.d/rehab.fish

install: build manual-tool
	@$(MAKE) --no-print-directory install-built REHAB_BIN="$$($(SWIFT) build -c release --show-bin-path)/rehab"

# swift-argument-parser's generate-manual, the tool behind its GenerateManual plugin
# (`swift package generate-manual`, which would also rebuild the whole package in release mode).
manual-tool:
	$(SWIFT) build --product generate-manual

# The five files, made from $(REHAB_BIN) in $(STAGE): what install and deb copy.
stage:
	@test -x "$(REHAB_BIN)" || { echo "no binary at $(REHAB_BIN): run make build"; exit 1; }
	rm -rf "$(STAGE)" && mkdir -p "$(STAGE)"
	strip --remove-section=.comment -o "$(STAGE)/rehab" "$(REHAB_BIN)"
	$(GENERATE_MANUAL) "$(STAGE)/rehab" --date $(MAN_DATE) --section 1 --output-directory "$(STAGE)" >/dev/null
	@# A blank line in a help text is a paragraph break: say so in mdoc, which warns at empty lines.
	sed -i -e "s/^$$/.Pp/" "$(STAGE)/rehab.1"
	@# An example line (indented in the help) stays a line of its own, not run into a paragraph.
	awk '/^  /{ if (!shown) print ".Bd -literal -offset indent"; shown = 1; print substr($$0, 3); next } \
	     { if (shown) print ".Ed"; shown = 0; print } END { if (shown) print ".Ed" }' "$(STAGE)/rehab.1" > "$(STAGE)/rehab.1.new"
	mv "$(STAGE)/rehab.1.new" "$(STAGE)/rehab.1"
	@# generate-manual says only "0 on success, >0 on error": the codes as the README gives them.
	sed -i -e '/^\.Ex -std$$/{r Packaging/man-exit-status.mdoc' -e 'd}' "$(STAGE)/rehab.1"
	for shell in bash zsh fish; do "$(STAGE)/rehab" --generate-completion-script $$shell > "$(STAGE)/rehab.$$shell" || exit 1; done
	@# fish 3 (Debian 12) has no `commandline -tC`: the cursor index in the word went missing and ids
	@# (--exercise, --name) were never offered. The length of the word up to the cursor is that index.
	sed -i -e 's/(__rehab_tokens -tC)/(string length -- "$$(commandline -ct)")/' "$(STAGE)/rehab.fish"
	@# bash sources completion files, never runs them: no #! line (lintian: bash-completion-with-hashbang).
	sed -i -e '1{/^#!/d}' "$(STAGE)/rehab.bash"

install-built: stage
	@$(MAKE) --no-print-directory install-files-only

# Copies what stage made (no build, no strip): for install-built and deb.
.PHONY: install-files-only
install-files-only:
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$(STAGE)/rehab" "$(DESTDIR)$(PREFIX)/bin/rehab"
	install -m 0644 "$(STAGE)/rehab.1" "$(DESTDIR)$(PREFIX)/share/man/man1/rehab.1"
	install -m 0644 "$(STAGE)/rehab.bash" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/rehab"
	install -m 0644 "$(STAGE)/rehab.zsh" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_rehab"
	install -m 0644 "$(STAGE)/rehab.fish" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/rehab.fish"
	@[ -n "$(DESTDIR)" ] || echo "Installed rehab $(VERSION) in $(DESTDIR)$(PREFIX); your data stays in $${XDG_DATA_HOME:-~/.local/share}/rehab"

# Removes the installed files only: the data (~/.local/share/rehab) is never touched.
uninstall:
	cd "$(DESTDIR)$(PREFIX)" && rm -f $(INSTALLED)
	@echo "Removed rehab from $(DESTDIR)$(PREFIX); your data stays in $${XDG_DATA_HOME:-~/.local/share}/rehab"

# ---- Debian package ---------------------------------------------------------------------------
# `make deb` builds rehab_VERSION_ARCH.deb in .build/deb with dpkg-deb (no debhelper), then runs
# lintian on it and fails on any error. Depends are computed by dpkg-shlibdeps from the binary.
DEB_PKGS  = dpkg-dev lintian
# Speech and a player for the timer's voice, notify-send for the reminders: each optional.
DEB_RECOMMENDS = espeak-ng, pulseaudio-utils | pipewire-bin, libnotify-bin
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB_DIR   = .build/deb
DEB_ROOT  = $(DEB_DIR)/root
DEB_FILE  = $(DEB_DIR)/rehab_$(VERSION)_$(DEB_ARCH).deb

deb: build manual-tool
	@$(MAKE) --no-print-directory SYSTEM_PKGS="$(DEB_PKGS)" deps
	@$(MAKE) --no-print-directory deb-built REHAB_BIN="$$($(SWIFT) build -c release --show-bin-path)/rehab"

.PHONY: deb-built
deb-built: stage
	@changelog=$$(dpkg-parsechangelog -l Packaging/debian/changelog -S Version); [ "$$changelog" = "$(VERSION)" ] || \
	  { echo "Packaging/debian/changelog is at $$changelog, VERSION at $(VERSION): add a changelog entry"; exit 1; }
	rm -rf "$(DEB_DIR)" && mkdir -p "$(DEB_ROOT)/DEBIAN"
	umask 022; $(MAKE) --no-print-directory install-files-only DESTDIR="$(DEB_ROOT)" PREFIX=/usr
	umask 022; d="$(DEB_ROOT)/usr/share"; \
	  mkdir -p "$$d/zsh/vendor-completions" "$$d/doc/rehab" && mv "$$d/zsh/site-functions/_rehab" "$$d/zsh/vendor-completions/_rehab" && \
	  rmdir "$$d/zsh/site-functions" && gzip -9n "$$d/man/man1/rehab.1" && \
	  install -m 0644 Packaging/debian/copyright "$$d/doc/rehab/copyright" && \
	  gzip -9nc Packaging/debian/changelog > "$$d/doc/rehab/changelog.gz" && chmod 0644 "$$d/doc/rehab/changelog.gz"
	mkdir -p "$(DEB_DIR)/debian" && printf 'Source: rehab\n\nPackage: rehab\nArchitecture: any\n' > "$(DEB_DIR)/debian/control"
	depends=$$(cd "$(DEB_DIR)" && dpkg-shlibdeps -O root/usr/bin/rehab | sed 's/^shlibs:Depends=//') && \
	  size=$$(du -sk --exclude=DEBIAN "$(DEB_ROOT)" | cut -f1) && \
	  sed -e "s/@VERSION@/$(VERSION)/" -e "s/@ARCH@/$(DEB_ARCH)/" -e "s/@SIZE@/$$size/" -e "s/@DEPENDS@/$$depends/" -e "s/@RECOMMENDS@/$(DEB_RECOMMENDS)/" \
	    Packaging/debian/control.in > "$(DEB_ROOT)/DEBIAN/control"
	cd "$(DEB_ROOT)" && find usr -type f -exec md5sum {} + | sort -k2 > DEBIAN/md5sums && chmod 0644 DEBIAN/md5sums DEBIAN/control
	dpkg-deb --root-owner-group -Zxz --build "$(DEB_ROOT)" "$(DEB_FILE)"
	@$(MAKE) --no-print-directory deb-check

# The package's files (exactly these) and its control fields, then lintian: errors fail the build.
DEB_FILES = ./usr/bin/rehab ./usr/share/bash-completion/completions/rehab ./usr/share/doc/rehab/changelog.gz \
            ./usr/share/doc/rehab/copyright ./usr/share/fish/vendor_completions.d/rehab.fish \
            ./usr/share/man/man1/rehab.1.gz ./usr/share/zsh/vendor-completions/_rehab
deb-check:
	@files=$$(dpkg-deb --contents "$(DEB_FILE)" | awk '$$1 !~ /^d/ {print $$6}' | sort | tr '\n' ' '); \
	  [ "$$files" = "$(strip $(DEB_FILES)) " ] || { echo "the package holds: $$files"; echo "expected: $(DEB_FILES)"; exit 1; }
	@for field in Package Version Architecture Maintainer Installed-Size Depends Recommends Suggests Description; do \
	  [ -n "$$(dpkg-deb --field "$(DEB_FILE)" $$field)" ] || { echo "the control file has no $$field"; exit 1; }; done
	@[ "$$(dpkg-deb --field "$(DEB_FILE)" Recommends)" = "$(DEB_RECOMMENDS)" ] && [ "$$(dpkg-deb --field "$(DEB_FILE)" Suggests)" = "bash-completion" ] || \
	  { echo "Recommends or Suggests is not what rehab uses: $$(dpkg-deb --field "$(DEB_FILE)" Recommends Suggests)"; exit 1; }
	@# SQLite is linked into the binary (see static-libs): ncurses is the library it needs installed.
	@dpkg-deb --field "$(DEB_FILE)" Depends | grep -q libncursesw6 || \
	  { echo "Depends lacks ncurses: $$(dpkg-deb --field "$(DEB_FILE)" Depends)"; exit 1; }
	lintian --tag-display-limit 0 "$(DEB_FILE)" | tee "$(DEB_DIR)/lintian.txt"; \
	  if grep -q '^E:' "$(DEB_DIR)/lintian.txt"; then echo "lintian found errors"; exit 1; fi
	@echo "Built $(DEB_FILE): install it with apt-get install ./$(DEB_FILE), remove it with apt-get remove rehab"
