/*
 * End to end: the real vigil binary in a PTY, read back through the
 * harness's reference terminal as a user would see it.
 *
 * Every vigil starts with -f /dev/null or a config written into its private
 * HOME, so no user config can interfere. The binary is $VIGIL_BIN (set by
 * make check), else ./vigil.
 */

#include "config.h"

#include <sys/types.h>

#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/colour.h"

#include "harness.h"

#include "check_vigil.h"

/* Timeouts are in ms; only a broken test waits this long. */
#define WAIT		10000
#define ROWS		24
#define COLS		80
#define STATUS_ROW	(ROWS - 1)
#define BORDER_COL	40	/* two panes at 80 columns: 40 | 39 */
#define RIGHT_COL	41
#define MAX_ARGS	16

#define VLINE		0x2502	/* │ */
#define HLINE		0x2500	/* ─ */

/*
 * A pane program that shows what each read of its input held, in hex, as
 * "[ 1b 4f 41 ]". The PTY waits 0.1 s after a byte for more (min 64 time 1),
 * so one key's bytes arrive in one read even when written in pieces.
 */
#define HEXDUMP \
	"stty raw -echo min 64 time 1; printf 'ready\\r\\n'; while :; do " \
	"printf '[%s ]\\r\\n' \"$(dd bs=64 count=1 2>/dev/null | " \
	"od -An -tx1 | tr -d '\\n')\"; done"

/* Prints its size now and after each SIGWINCH. */
#define SHOW_SIZE \
	"trap 'clear; stty size' WINCH; clear; stty size; " \
	"while :; do sleep 0.1; done"

static struct h_term	*t;

static void
teardown(void)
{
	h_free(t);
	t = NULL;
}

/* The vigil binary, as an absolute path so a test may change directory. */
const char *
vigil_bin(void)
{
	static char	 path[PATH_MAX];
	const char	*bin;

	if (path[0] != '\0')
		return (path);
	if ((bin = getenv("VIGIL_BIN")) == NULL || *bin == '\0')
		bin = "./vigil";
	if (realpath(bin, path) == NULL)
		ck_abort_msg("vigil binary %s: %s (set VIGIL_BIN)", bin,
		    strerror(errno));
	return (path);
}

/* Run vigil with the fixed arguments, then the rest up to a NULL. */
static struct h_term *
vigil_spawnv(int rows, int cols, const char *const *fixed, va_list ap)
{
	char		*argv[MAX_ARGS + 1];
	const char	*arg;
	int		 argc = 0;

	argv[argc++] = (char *)vigil_bin();
	for (; *fixed != NULL; fixed++)
		argv[argc++] = (char *)*fixed;
	while ((arg = va_arg(ap, const char *)) != NULL) {
		if (argc == MAX_ARGS)
			ck_abort_msg("vigil_spawnv: too many arguments");
		argv[argc++] = (char *)arg;
	}
	argv[argc] = NULL;
	return (h_spawn(rows, cols, argv, NULL));
}

/* vigil with these arguments, NULL-terminated. */
static struct h_term *
vigil_run(int rows, int cols, ...)
{
	static const char *const	 fixed[] = { NULL };
	struct h_term			*vt;
	va_list				 ap;

	va_start(ap, cols);
	vt = vigil_spawnv(rows, cols, fixed, ap);
	va_end(ap);
	return (vt);
}

/*
 * The config of tests about the multiplexer: no supervisor, whose status
 * view would come and go with its samples.
 */
static const char *
vigil_quiet_conf(void)
{
	static char	 path[4096];
	const char	*srcdir = getenv("VIGIL_SRCDIR");

	snprintf(path, sizeof path, "%s/tests/quiet.conf",
	    srcdir != NULL ? srcdir : ".");
	return (path);
}

/* vigil -f quiet.conf new with one pane per command, NULL-terminated. */
static struct h_term *
vigil_new(int rows, int cols, ...)
{
	static const char		*fixed[] = { "-f", NULL, "new", NULL };
	struct h_term			*vt;
	va_list				 ap;

	fixed[1] = vigil_quiet_conf();
	va_start(ap, cols);
	vt = vigil_spawnv(rows, cols, fixed, ap);
	va_end(ap);
	return (vt);
}

/*
 * vigil -f vigil.conf new [command], run from its HOME with the config
 * written there first, so errors name "vigil.conf"; the supervisor is
 * turned off after the test's lines, as in quiet.conf.
 */
static struct h_term *
vigil_config(int rows, int cols, const char *config, const char *command)
{
	char	*argv[] = { "/bin/sh", "-c",
		    "cd \"$HOME\" && printf '%s\\nset supervise off\\n' \"$1\" "
		    ">vigil.conf && shift && exec \"$0\" -f vigil.conf new \"$@\"",
		    (char *)vigil_bin(), (char *)config, (char *)command,
		    NULL };

	return (h_spawn(rows, cols, argv, NULL));
}

/* Wait for the status line, then for start-up output to settle. */
static void
vigil_ready(struct h_term *vt)
{
	h_assert_text(vt, "[main]", WAIT);
	h_assert(vt, h_wait_quiet(vt, 300, WAIT));
}

/* Type the prefix, C-\. */
static void
prefix(struct h_term *vt)
{
	h_send_key(vt, "C-\\");
}

/* Type the prefix and then a key. */
static void
prefix_key(struct h_term *vt, const char *key)
{
	prefix(vt);
	h_send_key(vt, key);
}

/* What a row of two side-by-side panes at 80 columns shows. */
static char *
split_row(const char *left, const char *right)
{
	char	*s;

	if (asprintf(&s, "%-40s\xe2\x94\x82%s", left, right) == -1)
		ck_abort_msg("asprintf");
	return (s);
}

static void
assert_split_row(struct h_term *vt, int row, const char *left,
    const char *right)
{
	char	*want;

	want = split_row(left, right);
	h_assert_row(vt, row, want, WAIT);
	free(want);
}

/* The cell's first character. */
static uint32_t
cell_char(struct h_term *vt, int row, int col)
{
	VTermScreenCell	cell;

	h_cell(vt, row, col, &cell);
	return (cell.chars[0]);
}

/* Is the cell at col a vertical border from row top to before bottom? */
static void
assert_vborder(struct h_term *vt, int top, int bottom, int col)
{
	int	row;

	for (row = top; row < bottom; row++) {
		if (cell_char(vt, row, col) != VLINE)
			ck_abort_msg("%s", h_failure(vt, "no border at %d,%d: "
			    "U+%04X", row, col, cell_char(vt, row, col)));
	}
}

/* Is the clock HH:MM at col? */
static int
is_clock(struct h_term *vt, int row, int col)
{
	char	*text;
	int	 ok;

	text = h_row_text(vt, row);
	ok = strlen(text) >= (size_t)col + 5 && isdigit((u_char)text[col]) &&
	    isdigit((u_char)text[col + 1]) && text[col + 2] == ':' &&
	    isdigit((u_char)text[col + 3]) && isdigit((u_char)text[col + 4]) &&
	    text[col + 5] == '\0';
	free(text);
	return (ok);
}

/* Click the left button at a 0-based cell, in SGR mouse encoding. */
static void
click(struct h_term *vt, int row, int col)
{
	h_sendf(vt, "\033[<0;%d;%dM\033[<0;%d;%dm", col + 1, row + 1,
	    col + 1, row + 1);
}

START_TEST(test_two_panes)
{
	t = vigil_new(ROWS, COLS, "stty size; exec cat",
	    "stty size; echo right side; exec cat", NULL);
	h_assert_text_at(t, 0, 0, "23 40", WAIT);
	h_assert_text_at(t, 0, RIGHT_COL, "23 39", WAIT);
	h_assert_text_at(t, 1, RIGHT_COL, "right side", WAIT);
	assert_split_row(t, 0, "23 40", "23 39");
	assert_split_row(t, 1, "", "right side");
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);

	h_assert_text_at(t, STATUS_ROW, 0, "[main] 0:stty* 1:stty ", WAIT);
	h_assert(t, is_clock(t, STATUS_ROW, COLS - 6));
	h_assert(t, h_altscreen(t));
}
END_TEST

START_TEST(test_session_name)
{
	t = vigil_run(ROWS, COLS, "-f", vigil_quiet_conf(), "new", "-s", "work",
	    NULL);
	h_assert_text_at(t, STATUS_ROW, 0, "[work] 0:sh* ", WAIT);
	/* One pane fills the screen: no border anywhere. */
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	h_assert_gone(t, "\xe2\x94\x82", 0);
}
END_TEST

START_TEST(test_resize)
{
	t = vigil_new(ROWS, COLS, SHOW_SIZE, SHOW_SIZE, NULL);
	assert_split_row(t, 0, "23 40", "23 39");

	h_resize(t, 30, 100);
	h_assert_text_at(t, 0, 51, "29 49", WAIT);
	h_assert_text_at(t, 0, 0, "29 50", WAIT);
	assert_vborder(t, 0, 29, 50);
	h_assert_text_at(t, 29, 0, "[main] 0:trap* 1:trap ", WAIT);
	h_assert(t, is_clock(t, 29, 100 - 6));
	teardown();

	t = vigil_new(ROWS, COLS, SHOW_SIZE, NULL);
	h_assert_row(t, 0, "23 80", WAIT);
	h_resize(t, 30, 100);
	h_assert_row(t, 0, "29 100", WAIT);
	h_assert_text_at(t, 29, 0, "[main] 0:trap* ", WAIT);
	h_resize(t, 10, 40);
	h_assert_row(t, 0, "9 40", WAIT);
	h_assert_text_at(t, 9, 0, "[main] 0:trap* ", WAIT);
}
END_TEST

static void
colour_string(int c, char *out, size_t size)
{
	if (c == H_DEFAULT)
		snprintf(out, size, "default");
	else if (c < 256)
		snprintf(out, size, "%d", c);
	else
		snprintf(out, size, "#%06x", c & 0xffffff);
}

static void
style_string(const struct h_style *st, char *out, size_t size)
{
	char	fg[16], bg[16];

	colour_string(st->fg, fg, sizeof fg);
	colour_string(st->bg, bg, sizeof bg);
	snprintf(out, size, "fg %s bg %s%s%s%s%s width %d", fg, bg,
	    st->bold ? " bold" : "", st->italic ? " italic" : "",
	    st->underline ? " underline" : "", st->reverse ? " reverse" : "",
	    st->width);
}

/* Assert the style of a cell; attrs is a string of b, i, u, r. */
static void
assert_style(int row, int col, int fg, int bg, const char *attrs, int width)
{
	struct h_style	got, want;
	char		got_s[128], want_s[128];

	memset(&want, 0, sizeof want);
	want.fg = fg;
	want.bg = bg;
	want.bold = strchr(attrs, 'b') != NULL;
	want.italic = strchr(attrs, 'i') != NULL;
	want.underline = strchr(attrs, 'u') != NULL;
	want.reverse = strchr(attrs, 'r') != NULL;
	want.width = width;
	h_style(t, row, col, &got);
	got.underline = got.underline != 0;
	style_string(&got, got_s, sizeof got_s);
	style_string(&want, want_s, sizeof want_s);
	if (strcmp(got_s, want_s) != 0)
		ck_abort_msg("%s", h_failure(t, "cell %d,%d is %s, wanted %s",
		    row, col, got_s, want_s));
}

/* Skip an escape sequence at s[i] (an ESC); returns where it ends. */
static size_t
sgr_skip(const char *s, size_t len, size_t i, int *dim)
{
	size_t	start;
	int	params[32], np = 0, n, k, sub;

	if (i + 1 >= len)
		return (len);
	if (s[i + 1] == ']') {
		for (i += 2; i < len && s[i] != '\007'; i++) {
			if (s[i] == '\033' && i + 1 < len && s[i + 1] == '\\')
				return (i + 2);
		}
		return (i + 1);
	}
	if (s[i + 1] != '[') {
		for (i++; i < len && s[i] >= 0x20 && s[i] <= 0x2f; i++)
			;
		return (i + 1);
	}
	start = i += 2;
	while (i < len && !(s[i] >= 0x40 && s[i] <= 0x7e))
		i++;
	if (i >= len || s[i] != 'm' || (s[start] >= 0x3c && s[start] <= 0x3f))
		return (i + 1);
	/* SGR: parameters split by ';', empty meaning 0; ':' parts ignored. */
	n = 0;
	for (sub = 0; start <= i; start++) {
		if (s[start] == ';' || s[start] == 'm') {
			if (np < (int)(sizeof params / sizeof params[0]))
				params[np++] = n;
			n = sub = 0;
		} else if (s[start] == ':')
			sub = 1;
		else if (!sub && s[start] >= '0' && s[start] <= '9' &&
		    n < 10000)
			n = n * 10 + (s[start] - '0');
	}
	for (k = 0; k < np; k++) {
		if (params[k] == 0 || params[k] == 22)
			*dim = 0;
		else if (params[k] == 2)
			*dim = 1;
		else if ((params[k] == 38 || params[k] == 48) && k + 1 < np)
			k += params[k + 1] == 5 ? 2 : 4;
	}
	return (i + 1);
}

/*
 * Was every marker character in what vigil wrote drawn dim (SGR 2)? The
 * reference libvterm 0.1.4 drops dim, so read the recorded bytes instead.
 * Returns -1 if the marker never appears.
 */
static int
sgr_marker_dim(const char *s, size_t len, char marker)
{
	size_t	i = 0;
	int	dim = 0, seen = 0;

	while (i < len) {
		if (s[i] == '\033') {
			i = sgr_skip(s, len, i, &dim);
			continue;
		}
		if (s[i] == marker) {
			if (!dim)
				return (0);
			seen = 1;
		}
		i++;
	}
	return (seen ? 1 : -1);
}

/* Read and remove the recording of the one program run with dir set. */
static char *
record_take(const char *dir, size_t *len)
{
	struct dirent	*de;
	DIR		*d;
	FILE		*f;
	char		 path[PATH_MAX], *out = NULL;
	size_t		 n;

	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		n = strlen(de->d_name);
		if (out == NULL && n > 4 &&
		    strcmp(de->d_name + n - 4, ".out") == 0) {
			ck_assert_ptr_nonnull(f = fopen(path, "r"));
			out = malloc(4 * 1024 * 1024);
			ck_assert_ptr_nonnull(out);
			*len = fread(out, 1, 4 * 1024 * 1024, f);
			fclose(f);
		}
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
	ck_assert_msg(out != NULL, "no recording in %s", dir);
	return (out);
}

START_TEST(test_colours)
{
	char	 dir[] = "/tmp/vigil-e2e-record.XXXXXX";
	char	*out;
	size_t	 len;
	int	 rgb_fg, rgb_bg;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("VIGIL_TEST_RECORD", dir, 1);
	/* R I G g b B i U V D, then U+4E2D and x. */
	t = vigil_new(ROWS, COLS, "printf '"
	    "\\033[31mR\\033[0m\\033[38;5;196mI\\033[0m"
	    "\\033[38;2;10;200;100mG\\033[0m\\033[48;2;250;5;7mg\\033[0m"
	    "\\033[48;5;17mb\\033[0m\\033[1mB\\033[0m\\033[3mi\\033[0m"
	    "\\033[4mU\\033[0m\\033[7mV\\033[0m\\033[2mD\\033[0m"
	    "\\344\\270\\255x'; exec cat", NULL);
	unsetenv("VIGIL_TEST_RECORD");
	h_assert_row(t, 0, "RIGgbBiUVD\xe4\xb8\xadx", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));

	rgb_fg = colour_256_from_rgb(10, 200, 100);
	rgb_bg = colour_256_from_rgb(250, 5, 7);
	assert_style(0, 0, 1, H_DEFAULT, "", 1);
	assert_style(0, 1, 196, H_DEFAULT, "", 1);
	assert_style(0, 2, rgb_fg, H_DEFAULT, "", 1);
	assert_style(0, 3, H_DEFAULT, rgb_bg, "", 1);
	assert_style(0, 4, H_DEFAULT, 17, "", 1);
	assert_style(0, 5, H_DEFAULT, H_DEFAULT, "b", 1);
	assert_style(0, 6, H_DEFAULT, H_DEFAULT, "i", 1);
	assert_style(0, 7, H_DEFAULT, H_DEFAULT, "u", 1);
	assert_style(0, 8, H_DEFAULT, H_DEFAULT, "r", 1);
	assert_style(0, 9, H_DEFAULT, H_DEFAULT, "", 1);
	assert_style(0, 10, H_DEFAULT, H_DEFAULT, "", 2);
	h_assert(t, cell_char(t, 0, 10) == 0x4e2d);
	h_assert(t, cell_char(t, 0, 11) == (uint32_t)-1);
	h_assert(t, cell_char(t, 0, 12) == 'x');
	assert_style(0, 12, H_DEFAULT, H_DEFAULT, "", 1);
	teardown();

	out = record_take(dir, &len);
	ck_assert_msg(sgr_marker_dim(out, len, 'D') == 1,
	    "D (SGR 2) not drawn dim: %d", sgr_marker_dim(out, len, 'D'));
	ck_assert_msg(sgr_marker_dim(out, len, 'B') == 0,
	    "B (SGR 1) drawn dim");
	free(out);
}
END_TEST

/* Assert a cell's character and width. */
static void
assert_cell(int row, int col, uint32_t c, int width)
{
	VTermScreenCell	cell;

	h_cell(t, row, col, &cell);
	if (cell.chars[0] != c || cell.width != width)
		ck_abort_msg("%s", h_failure(t, "cell %d,%d is U+%04X width %d,"
		    " wanted U+%04X width %d", row, col, cell.chars[0],
		    cell.width, c, width));
}

/* Does the recording hold one of the strings? */
static int
record_has(const char *out, size_t len, const char *const *any)
{
	for (; *any != NULL; any++) {
		if (memmem(out, len, *any, strlen(*any)) != NULL)
			return (1);
	}
	return (0);
}

/* Is xterm-direct256 (from ncurses-term) installed where ncurses looks? */
static int
have_direct_terminfo(void)
{
	static const char *const dirs[] = { "/etc/terminfo", "/lib/terminfo",
		"/usr/share/terminfo", NULL };
	const char	*const *dir;
	char		 path[PATH_MAX];

	for (dir = dirs; *dir != NULL; dir++) {
		snprintf(path, sizeof path, "%s/x/xterm-direct256", *dir);
		if (access(path, R_OK) == 0)
			return (1);
	}
	return (0);
}

START_TEST(test_colours_rgb)
{
	static const char *const fg[] = { "38:2::10:200:100",
		"38:2:10:200:100", "38;2;10;200;100", NULL };
	static const char *const bg[] = { "48:2::250:5:7", "48:2:250:5:7",
		"48;2;250;5;7", NULL };
	char		 dir[] = "/tmp/vigil-e2e-record.XXXXXX";
	char		*env[] = { "COLORTERM=truecolor", NULL };
	char		*argv[] = { (char *)vigil_bin(), "-f", "/dev/null",
			    "new", "printf '\\033[38;2;10;200;100mG"
			    "\\033[48;2;250;5;7mg\\033[0m"
			    "\\033[38;5;196mI\\033[0m'; exec cat", NULL };
	char		*out;
	size_t		 len;

	/* A terminal that says it has 24-bit colour gets it unchanged. */
	if (!have_direct_terminfo()) {
		fprintf(stderr, "test_colours_rgb: no xterm-direct256 terminfo "
		    "(package ncurses-term), skipped\n");
		return;
	}
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("VIGIL_TEST_RECORD", dir, 1);
	t = h_spawn(ROWS, COLS, argv, env);
	unsetenv("VIGIL_TEST_RECORD");
	h_assert_row(t, 0, "GgI", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	assert_style(0, 2, 196, H_DEFAULT, "", 1);
	teardown();

	/*
	 * vigil draws through xterm-direct256, whose SGR 38:2::r:g:b (empty
	 * colour space) libvterm 0.1.4 misreads, so look at the bytes.
	 */
	out = record_take(dir, &len);
	ck_assert_msg(record_has(out, len, fg), "no 24-bit fg in %zu bytes",
	    len);
	ck_assert_msg(record_has(out, len, bg), "no 24-bit bg in %zu bytes",
	    len);
	free(out);
}
END_TEST

START_TEST(test_plain_terminal)
{
	static const char *const decscusr[] = { "\033[0 q", "\033[1 q",
		"\033[2 q", "\033[3 q", "\033[4 q", "\033[5 q", "\033[6 q",
		NULL };
	char		 dir[] = "/tmp/vigil-e2e-record.XXXXXX";
	char		*env[] = { "TERM=vt100", NULL };
	char		*argv[] = { (char *)vigil_bin(), "-f", "/dev/null",
			    "new", "echo plain; exec cat", NULL };
	char		*out;
	size_t		 len;

	/* A terminal that is not like xterm still gets panes and status. */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("VIGIL_TEST_RECORD", dir, 1);
	t = h_spawn(ROWS, COLS, argv, env);
	unsetenv("VIGIL_TEST_RECORD");
	h_assert_row(t, 0, "plain", WAIT);
	h_assert_text_at(t, STATUS_ROW, 0, "[main] 0:echo* ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	h_sendf(t, "typed\r");
	h_assert_row(t, 2, "typed", WAIT);
	teardown();

	/* Nor is it sent a cursor shape (DECSCUSR): vt100 has no Ss. */
	out = record_take(dir, &len);
	ck_assert_msg(!record_has(out, len, decscusr),
	    "DECSCUSR sent to a vt100");
	free(out);
}
END_TEST

START_TEST(test_title)
{
	t = vigil_new(ROWS, COLS, "printf '\\033]2;left title\\007'; exec cat",
	    "cat", NULL);
	h_assert_text(t, "[main] 0:printf* 1:cat ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	ck_assert_str_eq(h_title(t), "left title");

	/* A pane without a title of its own is called by its name. */
	prefix_key(t, "o");
	h_assert_text(t, "[main] 0:printf 1:cat* ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	ck_assert_str_eq(h_title(t), "cat");
}
END_TEST

START_TEST(test_wide_edges)
{
	/* U+4E2D ending at the border, at the screen's edge, and wrapping. */
	t = vigil_new(ROWS, COLS,
	    "printf '%038d\\344\\270\\255\\n%039d\\344\\270\\255\\n' 0 0;"
	    " exec cat",
	    "printf '%037d\\344\\270\\255\\n%038d\\344\\270\\255z\\n' 0 0;"
	    " exec cat", NULL);
	h_assert_text_at(t, 2, RIGHT_COL + 2, "z", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));

	assert_cell(0, 37, '0', 1);
	assert_cell(0, 38, 0x4e2d, 2);
	assert_cell(0, 40, VLINE, 1);
	assert_cell(0, 41, '0', 1);
	assert_cell(0, 77, '0', 1);
	assert_cell(0, 78, 0x4e2d, 2);

	/* No room for it at the end of the row: it wraps to the next. */
	assert_cell(1, 38, '0', 1);
	h_assert(t, cell_char(t, 1, 39) == 0 || cell_char(t, 1, 39) == ' ');
	assert_cell(1, 40, VLINE, 1);
	assert_cell(1, 78, '0', 1);
	h_assert(t, cell_char(t, 1, 79) == 0 || cell_char(t, 1, 79) == ' ');
	assert_cell(2, 0, 0x4e2d, 2);
	assert_cell(2, 40, VLINE, 1);
	assert_cell(2, 41, 0x4e2d, 2);
	assert_cell(2, 43, 'z', 1);
}
END_TEST

START_TEST(test_typing)
{
	t = vigil_new(ROWS, COLS, "cat", "cat", NULL);
	vigil_ready(t);
	h_assert_text(t, "[main] 0:cat* 1:cat ", 0);

	h_sendf(t, "one\r");
	assert_split_row(t, 1, "one", "");
	assert_split_row(t, 0, "one", "");

	prefix_key(t, "o");
	h_assert_text(t, "[main] 0:cat 1:cat* ", WAIT);
	h_sendf(t, "two\r");
	assert_split_row(t, 1, "one", "two");
	assert_split_row(t, 0, "one", "two");

	prefix_key(t, "o");
	h_assert_text(t, "[main] 0:cat* 1:cat ", WAIT);
	h_sendf(t, "three\r");
	assert_split_row(t, 3, "three", "");
	assert_split_row(t, 2, "three", "");
	assert_split_row(t, 0, "one", "two");

	/* Right, then ; for the last pane, then 1 by number. */
	prefix_key(t, "Right");
	h_assert_text(t, "[main] 0:cat 1:cat* ", WAIT);
	prefix_key(t, ";");
	h_assert_text(t, "[main] 0:cat* 1:cat ", WAIT);
	prefix_key(t, "1");
	h_assert_text(t, "[main] 0:cat 1:cat* ", WAIT);
	h_sendf(t, "four\r");
	assert_split_row(t, 3, "three", "four");
	assert_split_row(t, 2, "three", "four");
}
END_TEST

START_TEST(test_prefix)
{
	t = vigil_new(ROWS, COLS, HEXDUMP, NULL);
	h_assert_text(t, "ready", WAIT);
	vigil_ready(t);

	/* The prefix twice sends it through. */
	prefix(t);
	prefix(t);
	h_assert_text_at(t, 1, 0, "[ 1c ]", WAIT);

	prefix_key(t, "%");
	h_assert_text(t, "[main] 0:stty 1:sh* ", WAIT);
	h_assert_text_at(t, 0, 0, "ready", WAIT);
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);

	/* Zoomed, the shell covers the screen and the border is gone. */
	prefix_key(t, "z");
	h_assert_text(t, "[main] 0:stty 1:sh*Z ", WAIT);
	h_assert_gone(t, "ready", WAIT);
	h_assert_gone(t, "\xe2\x94\x82", 0);
	prefix_key(t, "z");
	h_assert_text(t, "[main] 0:stty 1:sh* ", WAIT);
	h_assert_text_at(t, 0, 0, "ready", WAIT);
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);

	/* The shell pane split top and bottom: a horizontal border. */
	prefix_key(t, "\"");
	h_assert_text(t, "[main] 0:stty 1:sh 2:sh* ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	h_assert(t, cell_char(t, 11, 60) == HLINE);

	/* kill-pane asks first. */
	prefix_key(t, "x");
	h_assert_text(t, "kill-pane? (y/n)", WAIT);
	h_send_key(t, "y");
	h_assert_text(t, "[main] 0:stty 1:sh* ", WAIT);
	h_assert_gone(t, "2:sh", 0);

	/* Back to the first pane, where C-\ C-\ still reaches the program. */
	prefix_key(t, "0");
	h_assert_text(t, "[main] 0:stty* 1:sh ", WAIT);
	prefix(t);
	prefix(t);
	h_assert_text_at(t, 2, 0, "[ 1c ]", WAIT);
}
END_TEST

START_TEST(test_layout_keys)
{
	t = vigil_new(ROWS, COLS, "echo left; exec cat",
	    "echo right; exec cat", NULL);
	vigil_ready(t);
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);

	/* C-Left moves the border; again without the prefix, repeating. */
	prefix_key(t, "C-Left");
	h_send_key(t, "C-Left");
	h_assert_text_at(t, 0, 39, "right", WAIT);
	assert_vborder(t, 0, STATUS_ROW, 38);

	/* After repeat-time (500 ms) the key goes to the pane. */
	h_assert(t, h_wait_quiet(t, 1000, WAIT));
	h_send_key(t, "C-Left");
	h_assert_text_at(t, 1, 0, "^[[1;5D", WAIT);
	assert_vborder(t, 0, STATUS_ROW, 38);
	teardown();

	/* M-2 is even-vertical: one pane above the other. */
	t = vigil_new(ROWS, COLS, "echo top; exec cat",
	    "echo bottom; exec cat", NULL);
	vigil_ready(t);
	prefix_key(t, "M-2");
	h_assert_text_at(t, 12, 0, "bottom", WAIT);
	h_assert(t, cell_char(t, 11, 0) == HLINE);
	h_assert(t, cell_char(t, 11, 79) == HLINE);
	h_assert_row(t, 0, "top", 0);

	/* Space goes on to the next layout, main-vertical: side by side. */
	prefix_key(t, "Space");
	assert_split_row(t, 0, "top", "bottom");
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);
}
END_TEST

START_TEST(test_exit)
{
	int	visible;

	/* The last pane exits 0: vigil ends and gives the terminal back. */
	t = vigil_new(ROWS, COLS, "echo bye; sleep 0.5", NULL);
	h_assert_text_at(t, 0, 0, "bye", WAIT);
	h_assert(t, h_altscreen(t));
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
	h_cursor(t, NULL, NULL, &visible);
	h_assert(t, visible);
	teardown();

	/* A failing pane stays until a key closes it. */
	t = vigil_new(ROWS, COLS, "echo failing; exit 3", NULL);
	h_assert_text_at(t, 0, 0, "failing", WAIT);
	h_assert_row(t, STATUS_ROW - 1, "[exited 3] press a key to close",
	    WAIT);
	h_assert_text(t, "[main] 0:echo*[exited 3] ", WAIT);
	h_assert(t, !h_wait_exit(t, 300, NULL));
	h_send_key(t, "q");
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
	teardown();

	/* So does one killed by a signal. */
	t = vigil_new(ROWS, COLS, "echo killing; kill -TERM $$", NULL);
	h_assert_row(t, STATUS_ROW - 1,
	    "[killed by SIGTERM] press a key to close", WAIT);
	h_assert_text(t, "[main] 0:echo*[killed by SIGTERM] ", WAIT);
	h_send_key(t, "Enter");
	h_assert_exit(t, WAIT, 0);
	teardown();

	/*
	 * SIGTERM to the command detaches it: the terminal comes back, the
	 * pane goes on in the server. SIGHUP (the terminal went) just ends it.
	 */
	t = vigil_new(ROWS, COLS, "cat", NULL);
	vigil_ready(t);
	kill(h_pid(t), SIGTERM);
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
	h_assert_text(t, "[detached (from session main)]", 0);
	teardown();
	t = vigil_new(ROWS, COLS, "cat", NULL);
	vigil_ready(t);
	kill(h_pid(t), SIGHUP);
	h_assert_exit(t, WAIT, 1);
	teardown();

	/* Killing the last pane ends vigil too. */
	t = vigil_new(ROWS, COLS, "cat", NULL);
	vigil_ready(t);
	prefix_key(t, "x");
	h_assert_text(t, "kill-pane? (y/n)", WAIT);
	h_send_key(t, "y");
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
	teardown();

	/* A pane that exits 0 beside another closes; the other fills up. */
	t = vigil_new(ROWS, COLS, SHOW_SIZE, "sleep 1", NULL);
	h_assert_text(t, "[main] 0:trap* 1:sleep ", WAIT);
	assert_split_row(t, 0, "23 40", "");
	h_assert_row(t, 0, "23 80", WAIT);
	h_assert_text(t, "[main] 0:trap* ", 0);
	h_assert_gone(t, "1:sleep", 0);
	h_assert_gone(t, "\xe2\x94\x82", 0);
	h_assert(t, !h_wait_exit(t, 0, NULL));
}
END_TEST

START_TEST(test_exec_errors)
{
	t = vigil_new(ROWS, COLS, "/nonexistent/prog", "/etc", NULL);
	h_assert_text(t, "[main] 0:prog*[exited 127] 1:etc[exited 126] ",
	    WAIT);
	h_assert_text_at(t, 0, 0, "sh: 1: /nonexistent/prog: not found",
	    WAIT);
	h_assert_text_at(t, 0, RIGHT_COL, "sh: 1: /etc: Permission denied",
	    WAIT);
	assert_split_row(t, STATUS_ROW - 1, "[exited 127] press a key to close",
	    "[exited 126] press a key to close");

	/* A key closes the active dead pane; the other fills the screen. */
	h_send_key(t, "Enter");
	h_assert_text(t, "[main] 0:etc*[exited 126] ", WAIT);
	h_assert_row(t, 0, "sh: 1: /etc: Permission denied", WAIT);
	h_assert_row(t, STATUS_ROW - 1, "[exited 126] press a key to close",
	    WAIT);
	h_send_key(t, "Enter");
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
}
END_TEST

START_TEST(test_bad_config)
{
	static const struct {
		const char	*config;
		const char	*message;
	} bad[] = {
		{ "set nosuch on\n",
		  "vigil: vigil.conf:1:5: unknown option 'nosuch'" },
		{ "# comment\nset repeat-time 10\n",
		  "vigil: vigil.conf:2:17: duration '10' needs a unit" },
		{ "bind Nokey split-window\n",
		  "vigil: vigil.conf:1:6: unknown key 'Nokey'" },
		{ "set mouse on\nfrob\n",
		  "vigil: vigil.conf:2:1: unknown command 'frob'" },
		{ "bind x frobnicate\n",
		  "vigil: vigil.conf:1:8: unknown command 'frobnicate'" },
		{ "set status \"abc\n",
		  "vigil: vigil.conf:1:12: unterminated quote" },
	};
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = vigil_config(ROWS, 120, bad[i].config, NULL);
		h_assert_exit(t, WAIT, 1);
		h_assert_text_at(t, 0, 0, bad[i].message, 0);
		h_assert(t, !h_altscreen(t));
		h_assert_gone(t, "[main]", 0);
		teardown();
	}

	t = vigil_run(ROWS, 120, "-f", "/nonexistent/vigil.conf", NULL);
	h_assert_exit(t, WAIT, 1);
	h_assert_text_at(t, 0, 0, "vigil: /nonexistent/vigil.conf: No such "
	    "file or directory", 0);
}
END_TEST

START_TEST(test_good_config)
{
	t = vigil_config(ROWS, COLS, "set status-position top\n"
	    "set prefix C-a\n"
	    "bind -n F5 split-window -h\n", HEXDUMP);
	h_assert_text_at(t, 1, 0, "ready", WAIT);
	h_assert_text_at(t, 0, 0, "[main] 0:stty* ", WAIT);
	h_assert(t, is_clock(t, 0, COLS - 6));
	h_assert(t, h_wait_quiet(t, 300, WAIT));

	/* C-\ is no longer the prefix: it goes to the pane, as does C-a C-a. */
	h_send_key(t, "C-\\");
	h_assert_text_at(t, 2, 0, "[ 1c ]", WAIT);
	h_send_key(t, "C-a");
	h_send_key(t, "C-a");
	h_assert_text_at(t, 3, 0, "[ 01 ]", WAIT);

	h_send_key(t, "F5");
	h_assert_text_at(t, 0, 0, "[main] 0:stty 1:sh* ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	assert_vborder(t, 1, ROWS, BORDER_COL);
	h_assert(t, cell_char(t, 0, BORDER_COL) != VLINE);

	h_send_key(t, "C-a");
	h_send_key(t, "o");
	h_assert_text_at(t, 0, 0, "[main] 0:stty* 1:sh ", WAIT);
}
END_TEST

/* Grow to 80x24 and check vigil draws its panes and takes keys. */
static void
grow_and_check(const char *status)
{
	int	row, col;

	h_resize(t, ROWS, COLS);
	h_assert_text_at(t, STATUS_ROW, 0, status, WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	if (strstr(status, "1:") != NULL) {
		h_assert(t, h_find(t, "\xe2\x94\x82", &row, &col));
		h_assert(t, row == 0);
	}
	h_sendf(t, "again\r");
	h_assert_text(t, "again", WAIT);
}

START_TEST(test_tiny)
{
	static const int	sizes[][2] = {
		{ 24, 1 }, { 1, 80 }, { 1, 1 }, { 2, 2 }
	};
	size_t			i;

	/* Started at each size with one pane. */
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		t = vigil_new(sizes[i][0], sizes[i][1], "cat", NULL);
		h_assert(t, h_wait_quiet(t, 300, WAIT));
		h_assert(t, !h_wait_exit(t, 0, NULL));
		h_sendf(t, "typed\r");
		h_assert(t, h_wait_quiet(t, 200, WAIT));
		h_assert(t, !h_wait_exit(t, 0, NULL));
		grow_and_check("[main] 0:cat* ");
		teardown();
	}

	/* Two panes in one column. */
	t = vigil_new(24, 1, "cat", "cat", NULL);
	h_assert(t, h_wait_quiet(t, 500, WAIT));
	h_sendf(t, "typed\r");
	h_assert(t, h_wait_quiet(t, 200, WAIT));
	h_assert(t, !h_wait_exit(t, 0, NULL));
	grow_and_check("[main] 0:cat* 1:cat ");
	teardown();

	/* Three panes squeezed while running, then grown back. */
	t = vigil_new(ROWS, COLS, "cat", "cat", "cat", NULL);
	vigil_ready(t);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		h_resize(t, sizes[i][0], sizes[i][1]);
		h_assert(t, h_wait_quiet(t, 200, WAIT));
		h_assert(t, !h_wait_exit(t, 0, NULL));
	}
	grow_and_check("[main] 0:cat* 1:cat 2:cat ");
}
END_TEST

/* Each command gets its pane even if the terminal starts too small. */
START_TEST(test_tiny_split)
{
	t = vigil_new(3, COLS, "cat", "cat", NULL);
	h_assert(t, h_wait_quiet(t, 500, WAIT));
	h_assert(t, !h_wait_exit(t, 0, NULL));
	grow_and_check("[main] 0:cat* 1:cat ");
}
END_TEST

/*
 * Output in 1 MB pieces until the test creates $HOME/stop, so the flood
 * lasts as long as the test types, on a fast machine or under ASan alike
 * (a fixed 100 MB took 5 s here, and 34 s under ASan).
 */
#define FLOOD \
	"n=0; while [ ! -e \"$HOME/stop\" ]; do head -c 1000000 /dev/zero |" \
	" tr '\\0' x; n=$((n + 1)); done;" \
	" printf '\\nflood done: %s MB\\n' \"$n\"; exec cat"

START_TEST(test_flood)
{
	char	*path, word[16];
	FILE	*f;
	int	 i;

	t = vigil_new(ROWS, COLS, "cat", FLOOD, NULL);
	h_assert_text_at(t, 0, RIGHT_COL, "xxxxxxxxxxxxxxxxxxxx", WAIT);
	h_assert_text_at(t, 10, RIGHT_COL, "xxxxxxxxxxxxxxxxxxxx", WAIT);

	/* Each line typed into the other pane comes back while it floods. */
	for (i = 0; i < 5; i++) {
		snprintf(word, sizeof word, "typed%d", i);
		h_sendf(t, "%s\r", word);
		h_assert_text_at(t, 2 * i + 1, 0, word, 5000);
		h_assert(t, !h_wait_text(t, "never on screen", 200));
	}
	h_assert(t, !h_wait_text(t, "flood done", 0));

	if (asprintf(&path, "%s/stop", h_home(t)) == -1)
		ck_abort_msg("asprintf");
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fclose(f);
	free(path);
	h_assert_text(t, "flood done: ", 30000);
	h_sendf(t, "after\r");
	h_assert_text_at(t, 11, 0, "after", WAIT);
}
END_TEST

START_TEST(test_keys)
{
	static const struct {
		const char	*key;
		const char	*bytes;
	} keys[] = {
		/* The left pane set application cursor mode. */
		{ "Up",		"1b 4f 41" },
		{ "Home",	"1b 4f 48" },
		{ "End",	"1b 4f 46" },
		{ "C-j",	"0a" },
		{ "C-a",	"01" },
		{ "C-Space",	"00" },
		{ "M-x",	"1b 78" },
		{ "M-C-c",	"1b 03" },
		{ "Escape",	"1b" },
		{ "BSpace",	"7f" },
		{ "Tab",	"09" },
		{ "BTab",	"1b 5b 5a" },
		{ "Enter",	"0d" },
		{ "F5",		"1b 5b 31 35 7e" },
		{ "F12",	"1b 5b 32 34 7e" },
		{ "DC",		"1b 5b 33 7e" },
		{ "PPage",	"1b 5b 35 7e" },
		{ "S-Up",	"1b 5b 31 3b 32 41" },
		{ "C-Right",	"1b 5b 31 3b 35 43" },
		{ "\xc3\xa9",	"c3 a9" },
	};
	char	want[64];
	int	i, n = sizeof keys / sizeof keys[0];

	/* 200 columns: a bracketed paste dump fits in half of it. */
	t = vigil_new(ROWS, 200, "printf '\\033[?1h'; " HEXDUMP,
	    "printf '\\033[?2004h'; " HEXDUMP, NULL);
	h_assert_text_at(t, 0, 0, "ready", WAIT);
	h_assert_text_at(t, 0, 101, "ready", WAIT);
	vigil_ready(t);

	for (i = 0; i < n; i++) {
		h_send_key(t, keys[i].key);
		snprintf(want, sizeof want, "[ %s ]", keys[i].bytes);
		h_assert_text_at(t, i + 1, 0, want, WAIT);
	}
	/* Without bracketed paste in the pane, a paste is plain text. */
	h_paste(t, "hi");
	h_assert_text_at(t, i + 1, 0, "[ 68 69 ]", WAIT);

	prefix_key(t, "o");
	h_assert_text(t, "[main] 0:printf 1:printf* ", WAIT);
	h_send_key(t, "Up");
	h_assert_text_at(t, 1, 101, "[ 1b 5b 41 ]", WAIT);
	h_paste(t, "hi");
	h_assert_text_at(t, 2, 101,
	    "[ 1b 5b 32 30 30 7e 68 69 1b 5b 32 30 31 7e ]", WAIT);
}
END_TEST

START_TEST(test_big_paste)
{
	static char	text[300001];
	int		i;

	/* 300000 bytes of a-z in lines of 60: all must arrive, unchanged. */
	for (i = 0; i < 300000; i++)
		text[i] = i % 61 == 60 ? '\n' : 'a' + i % 26;
	t = vigil_new(ROWS, COLS, "stty raw -echo; printf 'ready\\r\\n';"
	    " head -c 300000 >\"$HOME/paste\";"
	    " set -- $(wc -lc <\"$HOME/paste\");"
	    " o=$(tr -d 'a-z\\n' <\"$HOME/paste\" | wc -c);"
	    " printf 'lines %s bytes %s other %s\\r\\n' $1 $2 $o; exec cat",
	    NULL);
	h_assert_text(t, "ready", WAIT);
	vigil_ready(t);
	h_paste(t, text);
	h_assert_row(t, 1, "lines 4918 bytes 300000 other 0", WAIT);
}
END_TEST

START_TEST(test_mouse)
{
	int	row, col;

	t = vigil_new(ROWS, COLS, "cat", "cat", NULL);
	vigil_ready(t);
	h_assert_text(t, "[main] 0:cat* 1:cat ", 0);

	click(t, 5, 50);
	h_assert_text(t, "[main] 0:cat 1:cat* ", WAIT);
	h_sendf(t, "clicked\r");
	assert_split_row(t, 1, "", "clicked");

	/* A click on a pane's status segment selects it too. */
	h_assert(t, h_find(t, "0:cat", &row, &col));
	h_assert(t, row == STATUS_ROW);
	click(t, row, col + 2);
	h_assert_text(t, "[main] 0:cat* 1:cat ", WAIT);
	h_sendf(t, "back\r");
	assert_split_row(t, 1, "back", "clicked");
	teardown();

	/*
	 * A program that asked for the mouse gets the click too, at its own
	 * 1-based position: 200 columns put the right pane at column 101.
	 */
	t = vigil_new(ROWS, 200, "cat",
	    "printf '\\033[?1000h\\033[?1006h'; " HEXDUMP, NULL);
	h_assert_text_at(t, 0, 101, "ready", WAIT);
	vigil_ready(t);
	click(t, 2, 110);
	h_assert_text(t, "[main] 0:cat 1:printf* ", WAIT);
	h_assert_text_at(t, 1, 101, "[ 1b 5b 3c 30 3b 31 30 3b 33 4d "
	    "1b 5b 3c 30 3b 31 30 3b 33 6d ]", WAIT);
}
END_TEST

/* Type a line at the command prompt. */
static void
prompt_command(struct h_term *vt, const char *command)
{
	prefix_key(vt, ":");
	h_assert_text_at(vt, STATUS_ROW, 0, ":", WAIT);
	h_assert_gone(vt, "[main]", WAIT);
	h_sendf(vt, "%s", command);
	h_assert_text_at(vt, STATUS_ROW, 1, command, WAIT);
	h_send_key(vt, "Enter");
}

START_TEST(test_prompt)
{
	t = vigil_new(ROWS, COLS, NULL);
	vigil_ready(t);
	h_assert_text(t, "[main] 0:sh* ", 0);

	prompt_command(t, "split-window -h");
	h_assert_text(t, "[main] 0:sh 1:sh* ", WAIT);
	h_assert(t, h_wait_quiet(t, 300, WAIT));
	assert_vborder(t, 0, STATUS_ROW, BORDER_COL);

	prompt_command(t, "frobnicate");
	h_assert_text_at(t, STATUS_ROW, 0, "unknown command 'frobnicate'",
	    WAIT);

	/* Escape leaves the prompt without running anything. */
	prefix_key(t, ":");
	h_assert_text_at(t, STATUS_ROW, 0, ":", WAIT);
	h_sendf(t, "kill-pane");
	h_send_key(t, "Escape");
	h_assert_text(t, "[main] 0:sh 1:sh* ", WAIT);

	prompt_command(t, "display-message hello-there");
	h_assert_row(t, STATUS_ROW, "hello-there", WAIT);

	/* Detach gives the terminal back and says from where. */
	prefix_key(t, "d");
	h_assert_exit(t, WAIT, 0);
	h_assert(t, !h_altscreen(t));
	h_assert_text(t, "[detached (from session main)]", 0);
}
END_TEST

START_TEST(test_list_keys)
{
	t = vigil_new(ROWS, COLS, "echo underneath; exec cat", NULL);
	h_assert_text_at(t, 0, 0, "underneath", WAIT);
	vigil_ready(t);

	prefix_key(t, "?");
	h_assert_text_at(t, 0, 0, "prefix is C-\\", WAIT);
	h_assert_text(t, "split-window -h", WAIT);
	h_assert_gone(t, "underneath", 0);

	/* Arrows scroll it; any other key closes it. */
	h_send_key(t, "Down");
	h_assert_gone(t, "prefix is", WAIT);
	h_send_key(t, "Up");
	h_assert_text_at(t, 0, 0, "prefix is C-\\", WAIT);
	h_send_key(t, "x");
	h_assert_text_at(t, 0, 0, "underneath", WAIT);
	h_assert_gone(t, "split-window", WAIT);
	h_assert_text(t, "[main] 0:echo* ", 0);

	/* The key that closed it did not reach the pane. */
	h_sendf(t, "typed\r");
	h_assert_row(t, 1, "typed", WAIT);
	h_assert_row(t, 2, "typed", WAIT);
}
END_TEST

START_TEST(test_command_line)
{
	char	*not_tty[] = { "/bin/sh", "-c",
		    "exec \"$0\" -f /dev/null new </dev/null",
		    (char *)vigil_bin(), NULL };

	t = vigil_run(ROWS, COLS, "frobnicate", NULL);
	h_assert_exit(t, WAIT, 1);
	h_assert_text_at(t, 0, 0, "vigil: unknown command 'frobnicate'", 0);
	teardown();

	t = vigil_run(ROWS, COLS, "-V", NULL);
	h_assert_exit(t, WAIT, 0);
	h_assert_row(t, 0, "vigil " PACKAGE_VERSION, 0);
	teardown();

	t = vigil_run(ROWS, COLS, "-h", NULL);
	h_assert_exit(t, WAIT, 0);
	h_assert_text_at(t, 0, 0, "usage: vigil ", 0);
	h_assert_text(t, "new [-d] [-s name]", 0);
	teardown();

	t = vigil_run(ROWS, COLS, "-Q", NULL);
	h_assert_exit(t, WAIT, 1);
	h_assert_text(t, "usage: vigil ", 0);
	teardown();

	t = h_spawn(ROWS, COLS, not_tty, NULL);
	h_assert_exit(t, WAIT, 1);
	h_assert_row(t, 0, "vigil: not a terminal (use new -d to start "
	    "detached)", 0);
	teardown();

	t = vigil_run(ROWS, COLS, "-f", "/dev/null", "new", "-s", "a:b", NULL);
	h_assert_exit(t, WAIT, 1);
	h_assert_text(t, "bad session name 'a:b'", 0);
	h_assert(t, !h_altscreen(t));
}
END_TEST

/* A test case whose tests leave t to the checked teardown. */
static TCase *
e2e_tcase(Suite *s, const char *name, int timeout)
{
	TCase	*tc;

	tc = tcase_create(name);
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, timeout);
	suite_add_tcase(s, tc);
	return (tc);
}

Suite *
suite_e2e(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("e2e");

	tc = e2e_tcase(s, "e2e-screen", 60);
	tcase_add_test(tc, test_two_panes);
	tcase_add_test(tc, test_session_name);
	tcase_add_test(tc, test_resize);
	tcase_add_test(tc, test_colours);
	tcase_add_test(tc, test_colours_rgb);
	tcase_add_test(tc, test_wide_edges);
	tcase_add_test(tc, test_title);
	tcase_add_test(tc, test_plain_terminal);
	tcase_add_test(tc, test_tiny);
	tcase_add_test(tc, test_tiny_split);

	tc = e2e_tcase(s, "e2e-input", 60);
	tcase_add_test(tc, test_typing);
	tcase_add_test(tc, test_prefix);
	tcase_add_test(tc, test_layout_keys);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_big_paste);
	tcase_add_test(tc, test_mouse);
	tcase_add_test(tc, test_prompt);
	tcase_add_test(tc, test_list_keys);

	tc = e2e_tcase(s, "e2e-process", 60);
	tcase_add_test(tc, test_exit);
	tcase_add_test(tc, test_exec_errors);
	tcase_add_test(tc, test_bad_config);
	tcase_add_test(tc, test_good_config);
	tcase_add_test(tc, test_command_line);

	tc = e2e_tcase(s, "e2e-flood", 120);
	tcase_add_test(tc, test_flood);
	return (s);
}
