/*
 * A client's terminal (src/tty.c): its output queue when the terminal falls
 * behind. A real PTY whose other side this test reads, or not, and a
 * libvterm screen fed everything the terminal was sent.
 */

#include "config.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <event2/event.h>
#include <vterm.h>

#include "check_vigil.h"
#include "vigil/options.h"
#include "vigil/server.h"
#include "vigil/tty.h"

#define TTY_ROWS	24
#define TTY_COLS	80

static struct tty	 tty_t;
static int		 tty_master = -1;
static VTerm		*tty_ref;
static int		 tty_unblocked;

static void
tty_test_unblock(void *arg)
{
	(*(int *)arg)++;
}

static void
tty_setup(void)
{
	struct winsize	 ws = { .ws_row = TTY_ROWS, .ws_col = TTY_COLS };
	char		*cause = NULL;
	int		 slave;

	options_init();
	ck_assert_int_eq(openpty(&tty_master, &slave, NULL, NULL, &ws), 0);
	ck_assert_int_eq(fcntl(slave, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(fcntl(tty_master, F_SETFL, O_NONBLOCK), 0);
	server_base = event_base_new();
	ck_assert_msg(tty_open(&tty_t, slave, "xterm-256color", NULL,
	    &cause) == 0, "tty_open: %s", cause);
	tty_unblocked = 0;
	tty_t.unblock_cb = tty_test_unblock;
	tty_t.cb_arg = &tty_unblocked;

	tty_ref = vterm_new(TTY_ROWS, TTY_COLS);
	vterm_set_utf8(tty_ref, 1);
	vterm_screen_reset(vterm_obtain_screen(tty_ref), 1);
}

static void
tty_teardown(void)
{
	tty_close(&tty_t);
	close(tty_master);
	event_base_free(server_base);
	server_base = NULL;
	vterm_free(tty_ref);
}

/* Read what the terminal was sent into the reference screen; how much. */
static size_t
tty_read_all(void)
{
	char	buf[65536];
	ssize_t	n;
	size_t	total = 0;

	while ((n = read(tty_master, buf, sizeof buf)) > 0) {
		vterm_input_write(tty_ref, buf, n);
		total += n;
	}
	return (total);
}

/* The text of a row of the reference screen. */
static void
tty_ref_row(int row, char *out, size_t len)
{
	VTermScreen	*vs = vterm_obtain_screen(tty_ref);
	VTermRect	 rect = { row, row + 1, 0, TTY_COLS };
	size_t		 n;

	n = vterm_screen_get_text(vs, out, len - 1, rect);
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
}

/* Draw a frame: every row says which frame it is; row 0 may say more. */
static void
tty_frame(u_int n, const char *first)
{
	u_int	y;

	tty_select(&tty_t);
	for (y = 0; y < TTY_ROWS; y++) {
		mvprintw(y, 0, "frame %06u row %02u %.*s", n, y, 50,
		    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz" +
		    n % 26);
		clrtoeol();
	}
	if (first != NULL) {
		mvprintw(0, 0, "%s", first);
		clrtoeol();
	}
	wnoutrefresh(stdscr);
	tty_update(&tty_t);
}

/*
 * A terminal nobody reads: frames pile up until the queue is too long,
 * then those after the one being written go; the queue is left at most a
 * frame long. When it is read again and has taken the rest it is
 * unblocked and drawn whole: a frame that differs from the last one drawn
 * (and thrown away) in one row shows whole, not only that row on top of
 * the older frame the terminal really has.
 */
START_TEST(test_tty_discard)
{
	char	row[TTY_COLS * 4 + 1], want[TTY_COLS + 1];
	u_int	n, y;
	int	i;

	tty_read_all();
	for (n = 0; n < 10000 && !(tty_t.flags & TTY_BLOCKED); n++)
		tty_frame(n, NULL);
	ck_assert_msg(tty_t.flags & TTY_BLOCKED, "not blocked after %u "
	    "frames, %zu queued", n, tty_backlog(&tty_t));
	ck_assert_msg(tty_t.flags & TTY_DISCARDED, "nothing thrown away");
	ck_assert_msg(tty_backlog(&tty_t) < 8192, "%zu bytes still queued "
	    "after %u frames", tty_backlog(&tty_t), n);

	/* Read it again until it has taken everything. */
	for (i = 0; i < 1000 && tty_backlog(&tty_t) != 0; i++) {
		tty_read_all();
		event_base_loop(server_base, EVLOOP_NONBLOCK);
	}
	tty_read_all();
	ck_assert_uint_eq(tty_backlog(&tty_t), 0);
	ck_assert(!(tty_t.flags & (TTY_BLOCKED | TTY_DISCARDED)));
	ck_assert_int_eq(tty_unblocked, 1);

	/* The last frame drawn, but for row 0. */
	tty_frame(n - 1, "the last frame");
	tty_read_all();
	for (y = 0; y < TTY_ROWS; y++) {
		tty_ref_row(y, row, sizeof row);
		if (y == 0)
			snprintf(want, sizeof want, "the last frame");
		else
			snprintf(want, sizeof want, "frame %06u row %02u %.*s",
			    n - 1, y, 50,
			    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
			    + (n - 1) % 26);
		ck_assert_msg(strcmp(row, want) == 0, "row %u: '%s', not '%s'",
		    y, row, want);
	}
}
END_TEST

/* A terminal that keeps up is never blocked and loses nothing. */
START_TEST(test_tty_keeps_up)
{
	char	row[TTY_COLS * 4 + 1];
	u_int	n;

	for (n = 0; n < 200; n++) {
		tty_frame(n, NULL);
		tty_read_all();
		event_base_loop(server_base, EVLOOP_NONBLOCK);
		ck_assert(!(tty_t.flags & (TTY_BLOCKED | TTY_DISCARDED)));
	}
	tty_read_all();
	tty_ref_row(5, row, sizeof row);
	ck_assert_msg(strncmp(row, "frame 000199 row 05 ", 20) == 0, "'%s'",
	    row);
}
END_TEST

Suite *
suite_tty(void)
{
	Suite	*s = suite_create("tty");
	TCase	*tc = tcase_create("queue");

	tcase_add_checked_fixture(tc, tty_setup, tty_teardown);
	tcase_add_test(tc, test_tty_discard);
	tcase_add_test(tc, test_tty_keeps_up);
	suite_add_tcase(s, tc);
	return (s);
}
