/*
 * The terminal of one client: raw mode, an ncurses SCREEN, its output.
 *
 * ncurses draws onto a SCREEN made with newterm() whose output file is a
 * memfd, not the terminal: ncurses writes with blocking write(2) and would
 * stall the whole loop on a slow terminal. After each update the bytes are
 * moved to a queue written when the terminal has room. Input is read and
 * decoded by vigil itself (input.c), never by ncurses.
 */

#include "config.h"

#include <sys/ioctl.h>
#include <sys/mman.h>

#include <poll.h>
#include <time.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "vigil/colour.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/server.h"
#include "vigil/tty.h"
#include "vigil/xmalloc.h"

static void	tty_write_cb(int, short, void *);
static void	tty_collect(struct tty *, int);
static void	tty_forget(struct tty *);
static int	tty_send(struct tty *);

/* Terminal types that speak xterm's title and cursor-shape sequences. */
static int
tty_is_xterm_like(const char *term)
{
	static const char *const prefixes[] = {
		"xterm", "screen", "tmux", "rxvt", "alacritty", "foot",
		"kitty", "wezterm", "vte", "gnome", "konsole", "st-", "iterm",
		"contour", "ghostty", NULL
	};
	u_int	i;

	for (i = 0; prefixes[i] != NULL; i++) {
		if (strncmp(term, prefixes[i], strlen(prefixes[i])) == 0)
			return (1);
	}
	return (0);
}

/* Does the terminal show 24-bit colour? terminal-rgb decides, or we guess. */
static int
tty_has_rgb(const struct tty *tty)
{
	const char	*colorterm = tty->colorterm;

	switch (options_get_number(OPT_TERMINAL_RGB)) {
	case TERMINAL_RGB_ON:
		return (1);
	case TERMINAL_RGB_OFF:
		return (0);
	}
	if (tty->direct)
		return (1);
	if (tigetflag("RGB") > 0 || tigetflag("Tc") > 0)
		return (1);
	return (colorterm != NULL && (strcmp(colorterm, "truecolor") == 0 ||
	    strcmp(colorterm, "24bit") == 0));
}

/* newterm with the size given, since ncurses can't ask a memfd. */
static SCREEN *
tty_newterm(struct tty *tty, const char *term, FILE *in)
{
	char	 ny[16], nx[16];
	SCREEN	*screen;

	snprintf(ny, sizeof ny, "%u", tty->sy);
	snprintf(nx, sizeof nx, "%u", tty->sx);
	setenv("LINES", ny, 1);
	setenv("COLUMNS", nx, 1);
	screen = newterm(term, tty->scr_out, in);
	unsetenv("LINES");
	unsetenv("COLUMNS");
	return (screen);
}

/* Does the terminfo entry have a string capability? */
static int
tty_has_string(const char *name)
{
	const char	*s = tigetstr(name);

	/* ncurses says (char *)-1 for a name that is not a string capability. */
	return (s != NULL && s != (char *)-1);
}

/* Does the entry's setaf keep 0-255 as palette colours (xterm-direct256)? */
static int
tty_direct_palette(void)
{
	const char	*setaf = tigetstr("setaf"), *s;

	if (!tty_has_string("setaf"))
		return (0);
	s = tiparm(setaf, 100);
	return (s != NULL && strstr(s, "38;5;100") != NULL);
}

/* Prepare the SCREEN: no input processing, colours, no newline mapping. */
static void
tty_setup_screen(struct tty *tty)
{
	typeahead(-1);	/* ncurses must not poll an input it never reads */
	nonl();
	leaveok(stdscr, FALSE);
	scrollok(stdscr, FALSE);
	idlok(stdscr, FALSE);
	tty->colours = 0;
	if (has_colors()) {
		start_color();
		use_default_colors();
		tty->colours = COLORS;
	}
	tty->direct = tty->colours >= 0x1000000;
	tty->direct_palette = tty->direct && tty_direct_palette();
	memset(tty->pairs, 0, sizeof tty->pairs);
}

/*
 * ncurses sends 24-bit colour only through a direct-colour terminfo entry.
 * Most terminals that can show it say so with COLORTERM but keep
 * TERM=xterm-256color; for those, draw with xterm-direct256 (from Debian's
 * ncurses-term), which keeps the 256 palette colours as they are.
 */
static const char *
tty_direct_name(const char *term, const char *colorterm)
{
	int		 want;

	switch (options_get_number(OPT_TERMINAL_RGB)) {
	case TERMINAL_RGB_ON:
		want = 1;
		break;
	case TERMINAL_RGB_OFF:
		want = 0;
		break;
	default:
		want = colorterm != NULL &&
		    (strcmp(colorterm, "truecolor") == 0 ||
		    strcmp(colorterm, "24bit") == 0);
		break;
	}
	if (!want || strncmp(term, "xterm", 5) != 0 ||
	    strstr(term, "direct") != NULL)
		return (NULL);
	return ("xterm-direct256");
}

/*
 * SCREENs are never deleted, only kept for the next client with the same
 * terminal type: ncurses 6.4 keeps one list of windows for all SCREENs and
 * delscreen() of one frees the windows of every other.
 */
struct tty_screen {
	char		*term;
	SCREEN		*screen;
	FILE		*out;
	FILE		*in;
	int		 fd;
	int		 busy;
	int		 colours, direct, direct_palette;
};
static struct tty_screen	*tty_screens;
static u_int			 tty_nscreens;

/* Make a new SCREEN for term; NULL if ncurses knows no such terminal. */
static struct tty_screen *
tty_screen_new(struct tty *tty, const char *term, char **cause)
{
	struct tty_screen	ts;

	memset(&ts, 0, sizeof ts);
	ts.fd = memfd_create("vigil-tty", MFD_CLOEXEC);
	if (ts.fd == -1 || (ts.out = fdopen(ts.fd, "w")) == NULL) {
		xasprintf(cause, "can't create terminal buffer: %s",
		    strerror(errno));
		if (ts.fd != -1)
			close(ts.fd);
		return (NULL);
	}
	if ((ts.in = fopen("/dev/null", "re")) == NULL)
		fatal("/dev/null");
	tty->scr_out = ts.out;
	if ((ts.screen = tty_newterm(tty, term, ts.in)) == NULL) {
		fclose(ts.out);
		fclose(ts.in);
		tty->scr_out = NULL;
		return (NULL);
	}
	tty_setup_screen(tty);
	ts.term = xstrdup(term);
	ts.colours = tty->colours;
	ts.direct = tty->direct;
	ts.direct_palette = tty->direct_palette;
	tty_screens = xreallocarray(tty_screens, tty_nscreens + 1,
	    sizeof *tty_screens);
	tty_screens[tty_nscreens] = ts;
	return (&tty_screens[tty_nscreens++]);
}

/* A free SCREEN for term: a kept one resized, or a new one. */
static struct tty_screen *
tty_screen_get(struct tty *tty, const char *term, char **cause)
{
	struct tty_screen	*ts;
	u_int			 i;

	for (i = 0; i < tty_nscreens; i++) {
		ts = &tty_screens[i];
		if (ts->busy || strcmp(ts->term, term) != 0)
			continue;
		set_term(ts->screen);
		resize_term(tty->sy, tty->sx);
		tty->colours = ts->colours;
		tty->direct = ts->direct;
		tty->direct_palette = ts->direct_palette;
		return (ts);
	}
	return (tty_screen_new(tty, term, cause));
}

int
tty_open(struct tty *tty, int fd, const char *term, const char *colorterm,
    char **cause)
{
	struct tty_screen	*ts = NULL;
	const char		*direct;

	memset(tty, 0, sizeof *tty);
	tty->fd = fd;
	tty->scr_fd = -1;
	tty->cursor_shape = -1;
	tty->colorterm = xstrdup(colorterm != NULL ? colorterm : "");
	if (term == NULL || *term == '\0')
		term = "xterm-256color";
	if (tty_read_size(fd, &tty->sx, &tty->sy) != 0) {
		tty->sx = 80;
		tty->sy = 24;
	}

	*cause = NULL;
	direct = tty_direct_name(term, tty->colorterm);
	if (direct != NULL && (ts = tty_screen_get(tty, direct, cause)) != NULL)
		term = direct;
	else if (*cause == NULL &&
	    (ts = tty_screen_get(tty, term, cause)) == NULL && *cause == NULL) {
		log_warnx("unknown terminal '%s', using xterm-256color", term);
		term = "xterm-256color";
		ts = tty_screen_get(tty, term, cause);
	}
	if (ts == NULL) {
		if (*cause == NULL)
			xasprintf(cause, "no terminfo entry for '%s'", term);
		return (-1);
	}
	ts->busy = 1;
	tty->screen = ts->screen;
	tty->scr_out = ts->out;
	tty->scr_fd = ts->fd;
	tty->term = xstrdup(term);
	tty->xterm_like = tty_is_xterm_like(term);
	tty->rgb = tty_has_rgb(tty);
	log_debug("terminal %s: %d colours%s%s", term, tty->colours,
	    tty->direct ? ", direct" : "", tty->rgb ? ", rgb" : "");

	tty->out = evbuffer_new();
	tty->write_ev = event_new(server_base, fd, EV_WRITE | EV_PERSIST,
	    tty_write_cb, tty);
	return (0);
}

void
tty_close(struct tty *tty)
{
	u_int	i;

	for (i = 0; i < tty_nscreens; i++) {
		if (tty->screen != NULL && tty_screens[i].screen == tty->screen) {
			tty_screens[i].busy = 0;
			/* Drop anything drawn but not collected. */
			fflush(tty_screens[i].out);
			if (ftruncate(tty_screens[i].fd, 0) == -1 ||
			    lseek(tty_screens[i].fd, 0, SEEK_SET) == -1)
				fatal("ftruncate");
		}
	}
	if (tty->write_ev != NULL)
		event_free(tty->write_ev);
	if (tty->out != NULL)
		evbuffer_free(tty->out);
	free(tty->units);
	if (tty->fd != -1)
		close(tty->fd);
	free(tty->term);
	free(tty->colorterm);
	free(tty->title);
	memset(tty, 0, sizeof *tty);
	tty->fd = tty->scr_fd = -1;
}

int
tty_read_size(int fd, u_int *sx, u_int *sy)
{
	struct winsize	ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0 ||
	    ws.ws_row == 0)
		return (-1);
	*sx = ws.ws_col;
	*sy = ws.ws_row;
	return (0);
}

/* Raw mode: every byte as it comes, nothing echoed, no signals, no OPOST. */
static void
tty_raw(struct tty *tty)
{
	struct termios	tio;

	if (tcgetattr(tty->fd, &tty->saved_tio) != 0)
		return;
	tty->tio_saved = 1;
	tio = tty->saved_tio;
	tio.c_iflag &= ~(IXON | IXOFF | ICRNL | INLCR | IGNCR | IMAXBEL |
	    ISTRIP | BRKINT | INPCK | PARMRK);
	tio.c_iflag |= IGNBRK;
	tio.c_oflag &= ~(OPOST | ONLCR | OCRNL | ONLRET);
	tio.c_lflag &= ~(IEXTEN | ICANON | ECHO | ECHOE | ECHONL | ECHOCTL |
	    ECHOPRT | ECHOKE | ISIG);
	tio.c_cflag &= ~(CSIZE | PARENB);
	tio.c_cflag |= CS8;
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	if (tcsetattr(tty->fd, TCSANOW, &tio) != 0)
		log_warnx("tcsetattr: %s", strerror(errno));
}

void
tty_start(struct tty *tty, int mouse)
{
	tty_raw(tty);
	tty_select(tty);
	/* Clear and home with the first update; ncurses adds smcup. */
	clearok(curscr, TRUE);
	tty_puts(tty, "\033[?2004h\033[?1004h");
	tty_set_mouse(tty, mouse);
	tty->flags |= TTY_STARTED;
}

/*
 * Write everything queued, waiting up to TTY_DRAIN_MS for a slow terminal:
 * a stopped one (^S, a suspended ssh) must not hang the server.
 */
static void
tty_drain(struct tty *tty)
{
	struct pollfd	pfd = { .fd = tty->fd, .events = POLLOUT };
	struct timespec	start, now;
	long		left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (evbuffer_get_length(tty->out) != 0) {
		if (tty_send(tty) == -1 && errno != EINTR && errno != EAGAIN)
			break;
		if (evbuffer_get_length(tty->out) == 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = TTY_DRAIN_MS - ((now.tv_sec - start.tv_sec) * 1000 +
		    (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			break;
	}
	tty_forget(tty);
}

void
tty_stop(struct tty *tty)
{
	if (!(tty->flags & TTY_STARTED))
		return;
	tty->flags &= ~TTY_STARTED;

	tty_set_mouse(tty, 0);
	if (tty->cursor_shape > 0)
		tty_puts(tty, "\033[0 q");
	tty_puts(tty, "\033[?2004l\033[?1004l");
	tty_select(tty);
	endwin();
	tty_collect(tty, 0);
	event_del(tty->write_ev);
	tty_drain(tty);
	if (tty->tio_saved)
		tcsetattr(tty->fd, TCSAFLUSH, &tty->saved_tio);
}

void
tty_resize(struct tty *tty, u_int sx, u_int sy)
{
	if (sx < 1)
		sx = 1;
	if (sy < 1)
		sy = 1;
	tty->sx = sx;
	tty->sy = sy;
	tty_select(tty);
	resize_term(sy, sx);
	clearok(curscr, TRUE);
}

void
tty_select(struct tty *tty)
{
	set_term(tty->screen);
}

/* Move what ncurses wrote into the memfd onto the output queue. */
/* Note that len bytes were queued, a frame or not. */
static void
tty_queued(struct tty *tty, size_t len, int frame)
{
	struct tty_unit	*u;

	if (len == 0)
		return;
	if (tty->nunits != 0 && !frame && !tty->units[tty->nunits - 1].frame) {
		tty->units[tty->nunits - 1].len += len;
		return;
	}
	tty->units = xreallocarray(tty->units, tty->nunits + 1,
	    sizeof *tty->units);
	u = &tty->units[tty->nunits++];
	u->len = len;
	u->frame = frame;
}

/* Drop everything queued. */
static void
tty_forget(struct tty *tty)
{
	evbuffer_drain(tty->out, evbuffer_get_length(tty->out));
	free(tty->units);
	tty->units = NULL;
	tty->nunits = 0;
	tty->unit_sent = 0;
}

/* Write what the terminal takes; what evbuffer_write returns. */
static int
tty_send(struct tty *tty)
{
	size_t	n;
	u_int	done = 0;
	int	written;

	written = evbuffer_write(tty->out, tty->fd);
	if (written <= 0)
		return (written);
	n = (size_t)written + tty->unit_sent;
	while (done < tty->nunits && n >= tty->units[done].len)
		n -= tty->units[done++].len;
	tty->nunits -= done;
	memmove(tty->units, tty->units + done, tty->nunits *
	    sizeof *tty->units);
	tty->unit_sent = n;
	return (written);
}

/*
 * The terminal is this far behind: throw away the frames queued after the
 * one it is taking (a later frame draws over them anyway), and keep the
 * rest (modes, titles) in order. The frames left whole leave the terminal
 * as ncurses leaves it after each, in normal attributes; the screen is
 * drawn whole again once it has taken them (tty_write_cb).
 */
static void
tty_discard(struct tty *tty)
{
	struct evbuffer	*keep = evbuffer_new();
	u_int		 i, n = 0;
	size_t		 len;

	for (i = 0; i < tty->nunits; i++) {
		len = tty->units[i].len - (i == 0 ? tty->unit_sent : 0);
		if (i != 0 && tty->units[i].frame) {
			evbuffer_drain(tty->out, len);
			tty->flags |= TTY_DISCARDED;
			continue;
		}
		evbuffer_remove_buffer(tty->out, keep, len);
		tty->units[n++] = tty->units[i];
	}
	tty->nunits = n;
	evbuffer_add_buffer(tty->out, keep);
	evbuffer_free(keep);
	log_debug("terminal behind: frames dropped, %zu bytes left",
	    evbuffer_get_length(tty->out));
}

/*
 * The terminal missed frames: what ncurses and we think it shows is not
 * what it shows, so everything is sent again.
 */
static void
tty_invalidate(struct tty *tty)
{
	tty_select(tty);
	clearok(curscr, TRUE);
	tty->cursor_shape = -1;
	free(tty->title);
	tty->title = NULL;
	tty->flags &= ~TTY_DISCARDED;
}

/* Move what ncurses wrote to the output queue, as a frame or not. */
static void
tty_collect(struct tty *tty, int frame)
{
	off_t	len, left;

	fflush(tty->scr_out);
	len = lseek(tty->scr_fd, 0, SEEK_CUR);
	if (len <= 0)
		return;
	if (lseek(tty->scr_fd, 0, SEEK_SET) == -1)
		fatal("lseek");
	for (left = len; left > 0; /* nothing */) {
		int n = evbuffer_read(tty->out, tty->scr_fd, left);

		if (n <= 0)
			fatal("read terminal buffer");
		left -= n;
	}
	if (ftruncate(tty->scr_fd, 0) == -1 ||
	    lseek(tty->scr_fd, 0, SEEK_SET) == -1)
		fatal("ftruncate");
	tty_queued(tty, (size_t)len, frame);
}

/* Try to write now; what the terminal won't take waits for EV_WRITE. */
static void
tty_flush(struct tty *tty, int frame)
{
	if (evbuffer_get_length(tty->out) == 0)
		return;
	if (tty_send(tty) == -1 && errno != EAGAIN && errno != EINTR) {
		log_debug("tty write: %s", strerror(errno));
		tty_forget(tty);
		return;
	}
	if (evbuffer_get_length(tty->out) != 0)
		event_add(tty->write_ev, NULL);
	if (evbuffer_get_length(tty->out) > TTY_BACKLOG_MAX(tty)) {
		tty->flags |= TTY_BLOCKED;
		if (frame)
			tty_discard(tty);
	}
}

static void
tty_write_cb(int fd, short events, void *arg)
{
	struct tty	*tty = arg;

	(void)fd;
	(void)events;
	tty_flush(tty, 0);
	if (evbuffer_get_length(tty->out) == 0)
		event_del(tty->write_ev);
	if ((tty->flags & TTY_BLOCKED) &&
	    evbuffer_get_length(tty->out) < TTY_BACKLOG_MAX(tty) / 4) {
		tty->flags &= ~TTY_BLOCKED;
		if (tty->flags & TTY_DISCARDED)
			tty_invalidate(tty);
		if (tty->unblock_cb != NULL)
			tty->unblock_cb(tty->cb_arg);
	}
}

void
tty_update(struct tty *tty)
{
	tty_select(tty);
	doupdate();
	tty_collect(tty, 1);
	tty_flush(tty, 1);
}

void
tty_write(struct tty *tty, const char *buf, size_t len)
{
	tty_collect(tty, 0);
	evbuffer_add(tty->out, buf, len);
	tty_queued(tty, len, 0);
	tty_flush(tty, 0);
}

void
tty_puts(struct tty *tty, const char *s)
{
	tty_write(tty, s, strlen(s));
}

size_t
tty_backlog(const struct tty *tty)
{
	return (evbuffer_get_length(tty->out));
}

/* Ask for clicks, drags and SGR coordinates, or turn mouse reports off. */
void
tty_set_mouse(struct tty *tty, int on)
{
	if (on && !(tty->flags & TTY_MOUSE)) {
		tty_puts(tty, "\033[?1000h\033[?1002h\033[?1006h");
		tty->flags |= TTY_MOUSE;
	} else if (!on && (tty->flags & TTY_MOUSE)) {
		tty_puts(tty, "\033[?1006l\033[?1002l\033[?1000l");
		tty->flags &= ~TTY_MOUSE;
	}
}

/* Set the outer terminal's title, without control characters. */
void
tty_set_title(struct tty *tty, const char *title)
{
	char	*clean, *out;
	size_t	 i, n = 0;

	if (!tty->xterm_like)
		return;
	if (tty->title != NULL && strcmp(tty->title, title) == 0)
		return;
	free(tty->title);
	tty->title = xstrdup(title);

	clean = xmalloc(strlen(title) + 1);
	for (i = 0; title[i] != '\0'; i++) {
		if ((u_char)title[i] >= 0x20 && title[i] != 0x7f)
			clean[n++] = title[i];
	}
	clean[n] = '\0';
	xasprintf(&out, "\033]2;%s\007", clean);
	tty_puts(tty, out);
	free(out);
	free(clean);
}

/* DECSCUSR: 0 default, 1/2 block, 3/4 underline, 5/6 bar (odd blinks). */
void
tty_set_cursor_shape(struct tty *tty, int shape, int blink)
{
	char	buf[16];
	int	ps = 0;

	if (shape > 0)
		ps = shape * 2 - (blink ? 1 : 0);
	if (ps == tty->cursor_shape || (ps == 0 && tty->cursor_shape == -1))
		return;
	if (!tty->xterm_like && !tty_has_string("Ss"))
		return;
	tty->cursor_shape = ps;
	snprintf(buf, sizeof buf, "\033[%d q", ps);
	tty_puts(tty, buf);
}

void
tty_bell(struct tty *tty)
{
	tty_puts(tty, "\007");
}

void
tty_notify(struct tty *tty, const char *text)
{
	char	*s, *cp;

	/* No controls inside the string: they would end or break it. */
	xasprintf(&s, "\033]9;%s\007", text);
	for (cp = s + 4; cp[1] != '\0'; cp++) {
		if ((u_char)*cp < 0x20 || *cp == 0x7f)
			*cp = ' ';
	}
	tty_puts(tty, s);
	free(s);
}

/* The nearest of the first n palette colours to a palette index. */
static int
tty_nearest_low(int idx, int n)
{
	uint8_t	r, g, b, r2, g2, b2;
	int	i, best = 0;
	long	d, bestd = -1;

	colour_256_to_rgb(idx, &r, &g, &b);
	for (i = 0; i < n; i++) {
		colour_256_to_rgb(i, &r2, &g2, &b2);
		d = (long)(r - r2) * (r - r2) + (long)(g - g2) * (g - g2) +
		    (long)(b - b2) * (b - b2);
		if (bestd == -1 || d < bestd) {
			bestd = d;
			best = i;
		}
	}
	return (best);
}

/* A colour in the terms ncurses takes for this terminal. */
static int
tty_map_colour(const struct tty *tty, int c)
{
	uint8_t	r, g, b;

	if (c == COLOUR_DEFAULT || tty->colours == 0)
		return (-1);
	if (tty->direct) {
		if (COLOUR_IS_RGB(c)) {
			c &= 0xffffff;
			/* Below 256 is a palette number to xterm-direct256. */
			if (tty->direct_palette && c < 256)
				c |= 0x100;
			return (c);
		}
		if (c < 8 || tty->direct_palette)
			return (c);
		colour_256_to_rgb(c, &r, &g, &b);
		return ((r << 16) | (g << 8) | b);
	}
	if (COLOUR_IS_RGB(c))
		c = colour_256_from_rgb((c >> 16) & 0xff, (c >> 8) & 0xff,
		    c & 0xff);
	if (c >= tty->colours)
		c = tty_nearest_low(c, tty->colours >= 16 ? 16 : 8);
	return (c);
}

/*
 * The pair for these colours. A pair found before is taken from the cache
 * if ncurses still has it for the same colours (it may hand the number
 * to others when its table is full).
 */
int
tty_colour_pair(struct tty *tty, int fg, int bg)
{
	struct tty_pair	*tp;
	uint32_t	 h;
	int		 tfg, tbg, pfg, pbg;

	h = ((uint32_t)fg * 2654435761U) ^ ((uint32_t)bg * 40503U);
	tp = &tty->pairs[(h ^ h >> 16) % TTY_PAIR_CACHE];
	if (tp->pair != 0 && tp->fg == fg && tp->bg == bg &&
	    extended_pair_content(tp->pair, &pfg, &pbg) == OK &&
	    pfg == tp->tfg && pbg == tp->tbg)
		return (tp->pair);

	tfg = tty_map_colour(tty, fg);
	tbg = tty_map_colour(tty, bg);
	if (tfg == -1 && tbg == -1)
		return (0);
	tp->fg = fg;
	tp->bg = bg;
	tp->tfg = tfg;
	tp->tbg = tbg;
	if ((tp->pair = alloc_pair(tfg, tbg)) < 0)
		tp->pair = 0;
	return (tp->pair);
}
