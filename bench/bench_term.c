/*
 * An attached client in a PTY, read by a terminal that keeps characters
 * only. libvterm's screen layer moves every cell of the screen on each line
 * feed (40 bytes a cell: 400 KB a line at 200x50), far slower than a real
 * terminal; a multiplexer that sends every line would be measured against
 * the benchmark's own terminal. So only libvterm's state layer parses, and
 * its callbacks keep a character per cell in rows scrolled by moving
 * pointers.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vterm.h>

#include "bench.h"
#include "bench_term.h"

#define BENCH_TERM_CHUNK	65536
#define BENCH_TERM_BUDGET	(1024 * 1024)	/* bytes read in one go */
#define BENCH_TERM_EXIT_MS	5000		/* for the client to leave */

struct bench_term {
	pid_t		  pid;
	int		  fd;
	int		  eof;
	size_t		  total;

	int		  rows;
	int		  cols;
	uint32_t	**cells;	/* rows of cols characters, 0 blank */
	uint32_t	**save;		/* rows being rotated */
	char		 *line;		/* one row as ASCII, for searching */

	VTerm		 *vt;
};

static void
bench_term_clear(struct bench_term *t, VTermRect r)
{
	int	row;

	for (row = r.start_row; row < r.end_row; row++) {
		memset(t->cells[row] + r.start_col, 0,
		    (r.end_col - r.start_col) * sizeof **t->cells);
	}
}

static int
bench_term_putglyph(VTermGlyphInfo *info, VTermPos pos, void *user)
{
	struct bench_term	*t = user;

	if (pos.row < 0 || pos.row >= t->rows || pos.col < 0 ||
	    pos.col >= t->cols)
		return (1);
	t->cells[pos.row][pos.col] = info->chars[0];
	if (info->width == 2 && pos.col + 1 < t->cols)
		t->cells[pos.row][pos.col + 1] = 0;
	return (1);
}

/* Rotate the row pointers of full-width rows start to end by dy. */
static void
bench_term_rotate(struct bench_term *t, int start, int end, int dy)
{
	uint32_t	**save = t->save;
	int		  n = dy > 0 ? dy : -dy, h = end - start;
	VTermRect	  r = { .start_col = 0, .end_col = t->cols };

	if (dy > 0) {
		memcpy(save, t->cells + start, n * sizeof *save);
		memmove(t->cells + start, t->cells + start + n,
		    (h - n) * sizeof *save);
		memcpy(t->cells + end - n, save, n * sizeof *save);
		r.start_row = end - n;
		r.end_row = end;
	} else {
		memcpy(save, t->cells + end - n, n * sizeof *save);
		memmove(t->cells + start + n, t->cells + start,
		    (h - n) * sizeof *save);
		memcpy(t->cells + start, save, n * sizeof *save);
		r.start_row = start;
		r.end_row = start + n;
	}
	bench_term_clear(t, r);
}

/*
 * Move the cells of rect: row r takes row r + dy, column c takes c + dx
 * (a line feed at the bottom is dy 1); what is left is blanked.
 */
static int
bench_term_scrollrect(VTermRect r, int dy, int dx, void *user)
{
	struct bench_term	*t = user;
	VTermRect		 gap = r;
	int			 h = r.end_row - r.start_row;
	int			 w = r.end_col - r.start_col;
	int			 row, n;

	if (abs(dy) >= h || abs(dx) >= w) {
		bench_term_clear(t, r);
		return (1);
	}
	if (dx == 0 && r.start_col == 0 && r.end_col == t->cols) {
		bench_term_rotate(t, r.start_row, r.end_row, dy);
		return (1);
	}
	n = w - abs(dx);
	for (row = dy > 0 ? r.start_row : r.end_row - 1;
	    row >= r.start_row && row < r.end_row;
	    row += dy > 0 ? 1 : -1) {
		if (row + dy < r.start_row || row + dy >= r.end_row)
			continue;
		memmove(t->cells[row] + r.start_col + (dx < 0 ? -dx : 0),
		    t->cells[row + dy] + r.start_col + (dx > 0 ? dx : 0),
		    n * sizeof **t->cells);
	}
	if (dy > 0)
		gap.start_row = r.end_row - dy;
	else if (dy < 0)
		gap.end_row = r.start_row - dy;
	if (dy != 0)
		bench_term_clear(t, gap);
	gap = r;
	if (dx > 0)
		gap.start_col = r.end_col - dx;
	else if (dx < 0)
		gap.end_col = r.start_col - dx;
	if (dx != 0)
		bench_term_clear(t, gap);
	return (1);
}

static int
bench_term_erase(VTermRect r, int selective, void *user)
{
	(void)selective;
	bench_term_clear(user, r);
	return (1);
}

/* The alternate screen comes and goes blank: as good as one screen. */
static int
bench_term_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct bench_term	*t = user;
	VTermRect		 all = { 0, t->rows, 0, t->cols };

	(void)val;
	if (prop == VTERM_PROP_ALTSCREEN)
		bench_term_clear(t, all);
	return (1);
}

/* Replies to queries are not sent: the client would read them as keys. */
static void
bench_term_output(const char *s, size_t len, void *user)
{
	(void)s;
	(void)len;
	(void)user;
}

struct bench_term *
bench_term_attach(char *const argv[], u_int sx, u_int sy)
{
	static const VTermStateCallbacks cb = {
		.putglyph = bench_term_putglyph,
		.scrollrect = bench_term_scrollrect,
		.erase = bench_term_erase,
		.settermprop = bench_term_settermprop
	};
	struct winsize		 ws = { .ws_row = sy, .ws_col = sx };
	struct bench_term	*t;
	VTermState		*state;
	int			 row;

	if ((t = calloc(1, sizeof *t)) == NULL)
		err(1, "calloc");
	t->rows = sy;
	t->cols = sx;
	if ((t->cells = calloc(sy, sizeof *t->cells)) == NULL ||
	    (t->save = calloc(sy, sizeof *t->save)) == NULL ||
	    (t->line = malloc(sx + 1)) == NULL)
		err(1, "calloc");
	for (row = 0; row < t->rows; row++) {
		if ((t->cells[row] = calloc(sx, sizeof **t->cells)) == NULL)
			err(1, "calloc");
	}
	if ((t->vt = vterm_new(sy, sx)) == NULL)
		errx(1, "vterm_new");
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, bench_term_output, t);
	state = vterm_obtain_state(t->vt);
	vterm_state_set_callbacks(state, &cb, t);
	vterm_state_reset(state, 1);

	if ((t->pid = forkpty(&t->fd, NULL, NULL, &ws)) == -1)
		err(1, "forkpty");
	if (t->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		unsetenv("COLORTERM");
		execv(argv[0], argv);
		_exit(127);
	}
	if (fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK) == -1)
		err(1, "fcntl");
	return (t);
}

void
bench_term_free(struct bench_term *t)
{
	double	until = bench_clock() + BENCH_TERM_EXIT_MS / 1000.0;
	int	row, status;

	/*
	 * Let the client leave on its own: closing its terminal under it
	 * while it exits can hang a sanitizer's exit (see bench_idle.c).
	 */
	while (waitpid(t->pid, &status, WNOHANG) == 0) {
		if (bench_clock() > until) {
			kill(t->pid, SIGKILL);
			waitpid(t->pid, &status, 0);
			break;
		}
		bench_term_pump(t, 20, 0);
	}
	close(t->fd);
	vterm_free(t->vt);
	for (row = 0; row < t->rows; row++)
		free(t->cells[row]);
	free(t->cells);
	free(t->save);
	free(t->line);
	free(t);
}

int
bench_term_fd(struct bench_term *t)
{
	return (t->fd);
}

int
bench_term_eof(struct bench_term *t)
{
	return (t->eof);
}

size_t
bench_term_total(struct bench_term *t)
{
	return (t->total);
}

size_t
bench_term_read(struct bench_term *t, size_t max)
{
	char	buf[BENCH_TERM_CHUNK];
	size_t	done = 0, want;
	ssize_t	n;

	if (max == 0)
		max = BENCH_TERM_BUDGET;
	while (!t->eof && done < max) {
		want = max - done < sizeof buf ? max - done : sizeof buf;
		if ((n = read(t->fd, buf, want)) == -1) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN)
				t->eof = 1;	/* EIO: the client is gone */
			break;
		}
		if (n == 0) {
			t->eof = 1;
			break;
		}
		vterm_input_write(t->vt, buf, n);
		done += n;
	}
	t->total += done;
	return (done);
}

size_t
bench_term_pump(struct bench_term *t, int ms, size_t max)
{
	struct pollfd	pfd = { .fd = t->fd, .events = POLLIN };

	if (t->eof) {
		if (ms > 0)
			poll(NULL, 0, ms);
		return (0);
	}
	if (poll(&pfd, 1, ms < 0 ? 0 : ms) <= 0)
		return (0);
	return (bench_term_read(t, max));
}

int
bench_term_send(struct bench_term *t, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(t->fd, s, len)) == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return (-1);
		}
		s += n;
		len -= n;
	}
	return (0);
}

/* One row as ASCII: blank cells are spaces, anything else is '?'. */
static const char *
bench_term_row(struct bench_term *t, int row)
{
	uint32_t	c;
	int		col;

	for (col = 0; col < t->cols; col++) {
		c = t->cells[row][col];
		t->line[col] = c == 0 ? ' ' : c < 0x80 ? (char)c : '?';
	}
	t->line[t->cols] = '\0';
	return (t->line);
}

int
bench_term_find(struct bench_term *t, const char *text, int *row, int *col)
{
	const char	*line, *at;
	int		 r;

	for (r = 0; r < t->rows; r++) {
		line = bench_term_row(t, r);
		if ((at = strstr(line, text)) != NULL) {
			if (row != NULL)
				*row = r;
			if (col != NULL)
				*col = at - line;
			return (1);
		}
	}
	return (0);
}

int
bench_term_at(struct bench_term *t, int row, int col, const char *text)
{
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols)
		return (0);
	for (; *text != '\0'; text++, col++) {
		if (col >= t->cols ||
		    t->cells[row][col] != (uint32_t)(u_char)*text)
			return (0);
	}
	return (1);
}

int
bench_term_wait(struct bench_term *t, const char *text, int ms, int *row,
    int *col)
{
	double	until = bench_clock() + ms / 1000.0;

	while (!bench_term_find(t, text, row, col)) {
		if (bench_clock() > until || t->eof)
			return (-1);
		bench_term_pump(t, 10, 0);
	}
	return (0);
}
