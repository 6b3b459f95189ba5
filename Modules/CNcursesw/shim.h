// ncursesw for Swift. SwiftPM drops pkg-config's -D flags, so the wide-character API is
// switched on here; macros Swift cannot import are wrapped in static inline functions.
#ifndef REHAB_CNCURSESW_SHIM_H
#define REHAB_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <wchar.h>
#include <ncursesw/ncurses.h>

// stdscr is a mutable global that Swift 6 refuses; read it through a function.
static inline WINDOW *rehab_stdscr(void) { return stdscr; }

// Attribute macros are not importable.
static inline attr_t rehab_attr_normal(void) { return A_NORMAL; }
static inline attr_t rehab_attr_bold(void) { return A_BOLD; }
static inline attr_t rehab_attr_dim(void) { return A_DIM; }
static inline attr_t rehab_attr_reverse(void) { return A_REVERSE; }
static inline attr_t rehab_attr_underline(void) { return A_UNDERLINE; }
static inline void rehab_set_attr(WINDOW *w, attr_t attrs, short pair) { wattr_set(w, attrs, pair, NULL); }

// Key codes, wrapped so their octal macro values never matter to Swift.
static inline int rehab_key_code_yes(void) { return KEY_CODE_YES; }
static inline int rehab_key_up(void) { return KEY_UP; }
static inline int rehab_key_down(void) { return KEY_DOWN; }
static inline int rehab_key_left(void) { return KEY_LEFT; }
static inline int rehab_key_right(void) { return KEY_RIGHT; }
static inline int rehab_key_home(void) { return KEY_HOME; }
static inline int rehab_key_end(void) { return KEY_END; }
static inline int rehab_key_ppage(void) { return KEY_PPAGE; }
static inline int rehab_key_npage(void) { return KEY_NPAGE; }
static inline int rehab_key_enter(void) { return KEY_ENTER; }
static inline int rehab_key_backspace(void) { return KEY_BACKSPACE; }
static inline int rehab_key_dc(void) { return KEY_DC; }
static inline int rehab_key_btab(void) { return KEY_BTAB; }
static inline int rehab_key_resize(void) { return KEY_RESIZE; }

// Signals only set a flag; the input loop polls it after each timeout. The flag lives in this
// header, so only one Swift module (Terminal) may import it.
static volatile sig_atomic_t rehab_pending_signal = 0;
static volatile sig_atomic_t rehab_continued = 0;
static inline void rehab_signal_handler(int sig) { rehab_pending_signal = sig; }
static inline void rehab_continue_handler(int sig) { (void)sig; rehab_continued = 1; }
static inline void rehab_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = rehab_signal_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    // Ctrl-\ (or a pasted 0x1c byte) is a way out like Ctrl-C: the terminal is restored and the
    // sets done are kept, never a core dump over the alternate screen.
    sigaction(SIGQUIT, &sa, NULL);
    // SIGCONT: the process was stopped (Ctrl-Z, then fg) and goes on; it only sets a flag too.
    sa.sa_handler = rehab_continue_handler;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCONT, &sa, NULL);
}
static inline int rehab_take_signal(void) { int s = rehab_pending_signal; rehab_pending_signal = 0; return s; }
static inline int rehab_take_continued(void) { int c = rehab_continued; rehab_continued = 0; return c; }

// Ctrl-S must not freeze the screen (XON/XOFF flow control would block every write, and with it
// the timer's cues): IXON off for as long as rehab runs. ncurses keeps this as the program's mode
// (def_prog_mode) and endwin gives back the terminal's own settings, IXON included.
#include <termios.h>
#include <unistd.h>
static inline void rehab_flow_control_off(void) {
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        def_prog_mode();
    }
}

#endif
