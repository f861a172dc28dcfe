/*
 * End-to-end test harness: run a real program in a PTY and read its screen
 * through a reference libvterm, as the user's terminal would.
 *
 * Rows and columns are 0-based. Every timeout is in milliseconds and is
 * multiplied by VIGIL_TEST_TIMEOUT_SCALE (default 1; slow builds such as
 * ASan set 3); timeouts only stop a broken test from hanging, so be generous.
 * Misuse (a row off the screen, an unknown key name) and system failures
 * (forkpty) fail the current Check test rather than return an error.
 *
 * With VIGIL_TEST_RECORD=dir, what each child wrote and was sent is kept in
 * dir/<test>-<pid>-<n>-<program>.out and .in.
 *
 * A failed assertion in fork mode _exits the test process without teardown:
 * the child still dies (SIGHUP from the PTY, and PR_SET_PDEATHSIG), but its
 * HOME stays behind. A daemon that calls setsid, such as a tmux or vigil
 * server, escapes the process group: h_free also SIGKILLs every process
 * whose environment holds the private HOME, so use h_free from an
 * unchecked fixture's teardown.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <sys/types.h>

#include <check.h>
#include <stddef.h>
#include <vterm.h>

struct h_term;

/* A cell's colour: H_DEFAULT, a palette index 0-255, or H_RGB(r, g, b). */
#define H_DEFAULT	(-1)
#define H_RGB(r, g, b)	(0x1000000 | ((r) << 16) | ((g) << 8) | (b))

/* A cell as tests want to compare it. */
struct h_style {
	int	fg;
	int	bg;
	int	bold;
	int	italic;
	int	underline;	/* 0 off, 1 single, 2 double, 3 curly */
	int	blink;
	int	reverse;
	int	strike;
	int	width;		/* 2 for the left half of a wide character */
};

/*
 * Start argv in a new session on a rows x cols PTY. The environment is
 * TERM=xterm-256color, LANG=C.UTF-8, SHELL=/bin/sh, HOME and XDG_RUNTIME_DIR
 * a private temporary directory (mode 0700, so a vigil server's socket is
 * private to the test), PATH and the sanitizer options from the test
 * process; nothing else, so no TMUX or VIGIL variables leak in. env, if not NULL, is a
 * NULL-terminated list applied on top: "NAME=value" sets, "NAME" unsets.
 */
struct h_term	*h_spawn(int, int, char *const [], char *const []);

/*
 * Kill the child's process group (SIGTERM, then SIGKILL after 500 ms), reap
 * the child, close the PTY and remove the private HOME. NULL is allowed.
 */
void		 h_free(struct h_term *);

/*
 * SIGKILL every process (but this one) whose environment holds the entry
 * "NAME=value" (or, for "NAME=prefix*", any value starting so), until none
 * is left.
 */
void		 h_kill_env(const char *);

pid_t		 h_pid(struct h_term *);
/* The private HOME; it and everything in it go away in h_free. */
const char	*h_home(struct h_term *);

/* A timeout after VIGIL_TEST_TIMEOUT_SCALE, for a test's own clocks. */
int		 h_scaled(int);

/* Type raw bytes; they are queued if the child is not reading. */
void		 h_send(struct h_term *, const char *, size_t);
void		 h_sendf(struct h_term *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));

/*
 * Type one key by its tmux name, with optional C-, M- and S- prefixes:
 * "Enter", "Escape", "Tab", "BTab", "BSpace", "Space", "Up", "Down", "Left",
 * "Right", "Home", "End", "IC", "DC", "PPage", "NPage" (also "Insert",
 * "Delete", "PageUp", "PageDown"), "F1"-"F12", or one UTF-8 character such as
 * "C-b" or "M-x". Cursor and function keys follow the modes the child set.
 */
void		 h_send_key(struct h_term *, const char *);

/* Paste text, bracketed if the child enabled bracketed paste. */
void		 h_paste(struct h_term *, const char *);

/* Change the PTY size (the kernel sends SIGWINCH) and the screen's. */
void		 h_resize(struct h_term *, int, int);

/*
 * Read what the child wrote into the screen, waiting up to timeout_ms for
 * something to arrive. Returns the bytes read, 0 on timeout or -1 once the
 * PTY has reached EOF (every process holding it has gone).
 */
int		 h_pump(struct h_term *, int);

/*
 * Pump until the condition holds and return 1, or return 0 on timeout or
 * at once when EOF means the screen cannot change any more. Text is matched
 * within one row, as UTF-8, wide characters counting once: anywhere, at row,
 * col, as the whole of a row (trailing blanks ignored), or nowhere.
 */
int		 h_wait_text(struct h_term *, const char *, int);
int		 h_wait_text_at(struct h_term *, int, int, const char *, int);
int		 h_wait_row(struct h_term *, int, const char *, int);
int		 h_wait_gone(struct h_term *, const char *, int);

/*
 * Pump until nothing arrives for quiet_ms (1; EOF counts) or timeout_ms
 * passes (0). Useful before typing into a program that is still starting.
 */
int		 h_wait_quiet(struct h_term *, int, int);

/*
 * Pump until the child exits and return 1 with its exit code, or 128 plus
 * the signal that killed it, in *status; 0 on timeout.
 */
int		 h_wait_exit(struct h_term *, int, int *);

/* Find text on the screen now: 1 with its first row and column, or 0. */
int		 h_find(struct h_term *, const char *, int *, int *);

/* A row's text without trailing blanks, and all rows joined by '\n'; free(). */
char		*h_row_text(struct h_term *, int);
char		*h_screen_text(struct h_term *);

/* The cell at row, col, raw or simplified. */
void		 h_cell(struct h_term *, int, int, VTermScreenCell *);
void		 h_style(struct h_term *, int, int, struct h_style *);

/* Cursor row, column and visibility; any pointer may be NULL. */
void		 h_cursor(struct h_term *, int *, int *, int *);
int		 h_altscreen(struct h_term *);
/* The last OSC 0 or 2 title, or "". */
const char	*h_title(struct h_term *);

/*
 * Describe a failure with the child's state and a dump of the screen. The
 * string belongs to the h_term and lives until the next call or h_free.
 * Check cuts messages at BUFSIZ (8 KB): about 80 full rows of 100 columns.
 */
const char	*h_failure(struct h_term *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));

/* Assertions that fail the test with the screen in the message. */
#define h_assert(t, expr) do {						\
	if (!(expr))							\
		ck_abort_msg("%s", h_failure((t),			\
		    "assertion '%s' failed", #expr));			\
} while (0)
#define h_assert_text(t, text, ms) do {					\
	if (!h_wait_text((t), (text), (ms)))				\
		ck_abort_msg("%s", h_failure((t),			\
		    "\"%s\" not on screen after %d ms", (text), (ms)));	\
} while (0)
#define h_assert_text_at(t, row, col, text, ms) do {			\
	if (!h_wait_text_at((t), (row), (col), (text), (ms)))		\
		ck_abort_msg("%s", h_failure((t),			\
		    "\"%s\" not at %d,%d after %d ms", (text), (row),	\
		    (col), (ms)));					\
} while (0)
#define h_assert_row(t, row, text, ms) do {				\
	if (!h_wait_row((t), (row), (text), (ms)))			\
		ck_abort_msg("%s", h_failure((t),			\
		    "row %d is not \"%s\" after %d ms", (row), (text),	\
		    (ms)));						\
} while (0)
#define h_assert_gone(t, text, ms) do {					\
	if (!h_wait_gone((t), (text), (ms)))				\
		ck_abort_msg("%s", h_failure((t),			\
		    "\"%s\" still on screen after %d ms", (text), (ms)));\
} while (0)
#define h_assert_exit(t, ms, want) do {					\
	int	h_status_;						\
	if (!h_wait_exit((t), (ms), &h_status_))			\
		ck_abort_msg("%s", h_failure((t),			\
		    "no exit after %d ms", (ms)));			\
	if (h_status_ != (want))					\
		ck_abort_msg("%s", h_failure((t),			\
		    "exit status %d, wanted %d", h_status_, (want)));	\
} while (0)

#endif
