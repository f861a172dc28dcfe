/*
 * The end-to-end harness tested against programs every Debian system has:
 * if these pass, a failing vigil test is about vigil, not the harness.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#include "check_vigil.h"

#define WAIT	10000		/* ms; only a broken test waits this long */

/* An upper bound for what should take ms, loose enough for a loaded CI. */
#define BOUND(ms)	(h_scaled(ms) * 2 + 1000)

static struct h_term	*t;
static char		 tmux_dir[] = "/tmp/vigil-harness.XXXXXX";
static char		 tmux_socket[sizeof tmux_dir + 8];

static void
teardown(void)
{
	h_free(t);
	t = NULL;
}

/* Run a shell script on a terminal of the given size. */
static struct h_term *
sh(int rows, int cols, const char *script)
{
	char	*argv[] = { "/bin/sh", "-c", (char *)script, NULL };

	return (h_spawn(rows, cols, argv, NULL));
}

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* The open descriptors of a process, as "0 1 2". */
static void
list_fds(pid_t pid, char *out, size_t size)
{
	struct dirent	*de;
	char		 path[64], open_fd[1024] = { 0 };
	DIR		*d;
	int		 fd, n;
	size_t		 len = 0;

	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	ck_assert_ptr_nonnull(d = opendir(path));
	while ((de = readdir(d)) != NULL) {
		fd = atoi(de->d_name);
		if (de->d_name[0] != '.' && fd < (int)sizeof open_fd &&
		    !(pid == getpid() && fd == dirfd(d)))
			open_fd[fd] = 1;
	}
	closedir(d);
	out[0] = '\0';
	for (fd = 0; fd < (int)sizeof open_fd; fd++) {
		if (!open_fd[fd])
			continue;
		n = snprintf(out + len, size - len, "%s%d", len ? " " : "", fd);
		if (n > 0 && (size_t)n < size - len)
			len += n;
	}
}

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
	snprintf(out, size, "fg %s bg %s%s%s%s%s%s", fg, bg,
	    st->bold ? " bold" : "", st->italic ? " italic" : "",
	    st->underline ? " underline" : "", st->reverse ? " reverse" : "",
	    st->strike ? " strike" : "");
}

static void
assert_style(int row, int col, int fg, int bg, int bold, int italic,
    int underline, int reverse, int strike)
{
	struct h_style	got, want = { fg, bg, bold, italic, underline, 0,
			    reverse, strike, 1 };
	char		got_s[128], want_s[128];

	h_style(t, row, col, &got);
	style_string(&got, got_s, sizeof got_s);
	style_string(&want, want_s, sizeof want_s);
	if (strcmp(got_s, want_s) != 0) {
		ck_abort_msg("%s", h_failure(t, "cell %d,%d is %s, wanted %s",
		    row, col, got_s, want_s));
	}
}

START_TEST(test_colours)
{
	t = sh(24, 80, "printf '\\033[31mR\\033[0m\\033[38;5;196mI\\033[0m"
	    "\\033[38;2;1;2;3mG\\033[0m\\033[42mB\\033[48;5;17mb\\033[0m"
	    "\\033[1;3;4;7;9mA\\033[0m\\033[91mH\\033[2mD\\033[0mN'");
	h_assert_exit(t, WAIT, 0);
	h_assert_row(t, 0, "RIGBbAHDN", 0);

	assert_style(0, 0, 1, H_DEFAULT, 0, 0, 0, 0, 0);
	assert_style(0, 1, 196, H_DEFAULT, 0, 0, 0, 0, 0);
	assert_style(0, 2, H_RGB(1, 2, 3), H_DEFAULT, 0, 0, 0, 0, 0);
	assert_style(0, 3, H_DEFAULT, 2, 0, 0, 0, 0, 0);
	assert_style(0, 4, H_DEFAULT, 17, 0, 0, 0, 0, 0);
	assert_style(0, 5, H_DEFAULT, H_DEFAULT, 1, 1, 1, 1, 1);
	assert_style(0, 6, 9, H_DEFAULT, 0, 0, 0, 0, 0);
	/* libvterm 0.1.4 has no dim: SGR 2 changes nothing. */
	assert_style(0, 7, 9, H_DEFAULT, 0, 0, 0, 0, 0);
	assert_style(0, 8, H_DEFAULT, H_DEFAULT, 0, 0, 0, 0, 0);
	assert_style(0, 9, H_DEFAULT, H_DEFAULT, 0, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_wide)
{
	VTermScreenCell	cell;
	int		row, col;

	/* U+4E2D, then e and U+0301 COMBINING ACUTE ACCENT. */
	t = sh(24, 80, "printf '\\344\\270\\255x e\\314\\201!'");
	h_assert_exit(t, WAIT, 0);
	h_assert_row(t, 0, "\xe4\xb8\xadx e\xcc\x81!", 0);

	h_cell(t, 0, 0, &cell);
	h_assert(t, cell.chars[0] == 0x4e2d && cell.width == 2);
	h_cell(t, 0, 1, &cell);
	h_assert(t, cell.chars[0] == (uint32_t)-1);
	h_assert_text_at(t, 0, 2, "x e\xcc\x81!", 0);
	h_cell(t, 0, 4, &cell);
	h_assert(t, cell.chars[0] == 'e' && cell.chars[1] == 0x301);
	h_assert(t, cell.chars[2] == 0 && cell.width == 1);

	ck_assert(h_find(t, "!", &row, &col));
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 5);
	h_cursor(t, &row, &col, NULL);
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 6);
}
END_TEST

START_TEST(test_cursor)
{
	int	row, col, visible;

	t = sh(24, 80, "stty -echo; printf 'ab\\r\\ncd'; read x;"
	    "printf '\\033[?25l.'; sleep 30");
	h_assert_text(t, "cd", WAIT);
	h_cursor(t, &row, &col, &visible);
	ck_assert_int_eq(row, 1);
	ck_assert_int_eq(col, 2);
	ck_assert_int_eq(visible, 1);

	h_send_key(t, "Enter");
	h_assert_text(t, "cd.", WAIT);
	h_cursor(t, &row, &col, &visible);
	ck_assert_int_eq(col, 3);
	ck_assert_int_eq(visible, 0);
}
END_TEST

START_TEST(test_replies)
{
	/* CPR and DA answered by the reference terminal, read back raw. */
	t = sh(24, 80, "stty raw -echo; printf '\\033[5;7H\\033[6n\\033[c';"
	    "r=$(dd bs=1 count=13 2>/dev/null); stty sane;"
	    "printf '\\033[H\\033[2J'; printf 'got %s\\n' \"$r\" | cat -v;"
	    "sleep 30");
	h_assert_row(t, 0, "got ^[[5;7R^[[?1;2c", WAIT);
}
END_TEST

START_TEST(test_altscreen)
{
	t = sh(24, 80, "printf main; tput smcup; printf alt; read x;"
	    "printf '\\033[?1049l'; read y");
	h_assert_text(t, "alt", WAIT);
	h_assert(t, h_altscreen(t));
	h_assert_gone(t, "main", 0);

	h_send_key(t, "Enter");
	h_assert_text(t, "main", WAIT);
	h_assert(t, !h_altscreen(t));
	h_assert_gone(t, "alt", 0);
}
END_TEST

START_TEST(test_title)
{
	t = sh(24, 80, "printf '\\033]2;hello title\\007one'; read x;"
	    "printf '\\033]2;ended by ST\\033\\\\two'; read y;"
	    "printf '\\033]2;spl'; sleep 0.3; printf 'it\\007three'; read z;"
	    "printf '\\033]2;ST split\\033'; sleep 0.3; printf '\\\\four';"
	    "printf '\\033]2;aborted\\033[1mbold'; sleep 30");
	h_assert_text(t, "one", WAIT);
	ck_assert_str_eq(h_title(t), "hello title");

	h_send_key(t, "Enter");
	h_assert_text(t, "two", WAIT);
	ck_assert_str_eq(h_title(t), "ended by ST");

	/* Split across reads, which libvterm 0.1.4 alone would lose. */
	h_send_key(t, "Enter");
	h_assert_text(t, "three", WAIT);
	ck_assert_str_eq(h_title(t), "split");

	/* ST split after its ESC; then a string cut short by a CSI. */
	h_send_key(t, "Enter");
	h_assert_text(t, "fourbold", WAIT);
	ck_assert_str_eq(h_title(t), "ST split");
	assert_style(3, 4, H_DEFAULT, H_DEFAULT, 1, 0, 0, 0, 0);
}
END_TEST

START_TEST(test_resize)
{
	char	*row;

	t = sh(24, 80, "stty size; read x; stty size;"
	    "trap 'stty size' WINCH; echo armed;"
	    "while :; do sleep 0.05; done");
	h_assert_text(t, "24 80", WAIT);

	h_resize(t, 30, 100);
	h_send_key(t, "Enter");
	h_assert_text(t, "30 100", WAIT);
	h_assert_text(t, "armed", WAIT);

	/* No input this time: only SIGWINCH can make it print. */
	h_resize(t, 40, 120);
	h_assert_text(t, "40 120", WAIT);
	row = h_row_text(t, 39);
	ck_assert_str_eq(row, "");
	free(row);
}
END_TEST

START_TEST(test_keys)
{
	static const char	*keys[] = {
		"Up", "C-b", "M-x", "F5", "BTab", "a", "S-a", "C-Space",
		"Escape", "BSpace", "Enter", "C-?", "M-C-c", "\xc3\xa9", "Home"
	};
	size_t			 i;

	t = sh(24, 80, "stty raw -echo; echo ready; cat -v");
	h_assert_text(t, "ready", WAIT);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		h_send_key(t, keys[i]);
	h_assert_text(t, "^[[A^B^[x^[[15~^[[ZaA^@^[^?^M^?^[^CM-CM-)^[[H",
	    WAIT);
	teardown();

	/* Cursor keys follow DECCKM as the child set it. */
	t = sh(24, 80, "stty raw -echo; printf '\\033[?1hready\\r\\n'; cat -v");
	h_assert_text(t, "ready", WAIT);
	h_send_key(t, "Up");
	h_send_key(t, "Left");
	h_assert_text(t, "^[OA^[OD", WAIT);
}
END_TEST

START_TEST(test_paste)
{
	t = sh(24, 80, "stty raw -echo; echo ready; cat -v");
	h_assert_text(t, "ready", WAIT);
	h_paste(t, "plain");
	h_assert_text(t, "plain", WAIT);
	teardown();

	t = sh(24, 80, "stty raw -echo; printf '\\033[?2004hready\\r\\n';"
	    "cat -v");
	h_assert_text(t, "ready", WAIT);
	h_paste(t, "hi");
	h_assert_text(t, "^[[200~hi^[[201~", WAIT);
}
END_TEST

START_TEST(test_waits)
{
	t = sh(24, 80, "stty -echo; printf gone; read x; printf '\\r\\033[K';"
	    "printf a; sleep 0.3; printf b; sleep 30");
	h_assert_text(t, "gone", WAIT);
	h_send_key(t, "Enter");
	h_assert_gone(t, "gone", WAIT);
	ck_assert(h_wait_quiet(t, 1000, WAIT));
	h_assert_row(t, 0, "ab", 0);
	ck_assert_int_eq(h_pump(t, 0), 0);
}
END_TEST

START_TEST(test_timeouts)
{
	long	start, ms;
	int	status;

	t = sh(24, 80, "echo up; sleep 30");
	h_assert_text(t, "up", WAIT);

	start = now_ms();
	ck_assert(!h_wait_text(t, "never", 300));
	ck_assert(!h_wait_exit(t, 200, &status));
	ck_assert(!h_wait_row(t, 5, "never", 100));
	ms = now_ms() - start;
	ck_assert_msg(ms >= h_scaled(600) - 20 && ms < BOUND(600),
	    "three waits of 600 ms in all took %ld ms", ms);
}
END_TEST

START_TEST(test_exit)
{
	char	*argv[] = { "/nonexistent/vigil-test", NULL };

	t = sh(24, 80, "exit 3");
	h_assert_exit(t, WAIT, 3);
	ck_assert_int_eq(h_pump(t, 0), -1);
	/* EOF freezes the screen, so a wait fails at once. */
	ck_assert(!h_wait_text(t, "never", 60000));
	teardown();

	t = sh(24, 80, "kill -TERM $$");
	h_assert_exit(t, WAIT, 128 + SIGTERM);
	teardown();

	t = h_spawn(24, 80, argv, NULL);
	h_assert_exit(t, WAIT, 127);
	h_assert_text(t, "h_spawn: /nonexistent/vigil-test: No such file",
	    0);
}
END_TEST

START_TEST(test_flood)
{
	long	start, ms;
	int	n;

	t = sh(24, 80, "yes | head -c 50000000");
	h_assert_text(t, "y", WAIT);
	n = h_pump(t, WAIT);
	ck_assert_msg(n > 0 && n <= 68 * 1024, "h_pump read %d", n);

	start = now_ms();
	ck_assert(!h_wait_text(t, "never", 500));
	ck_assert(!h_wait_quiet(t, 200, 300));
	ms = now_ms() - start;
	ck_assert_msg(ms < BOUND(800), "800 ms of waits took %ld ms", ms);

	start = now_ms();
	teardown();
	ms = now_ms() - start;
	ck_assert_msg(ms < BOUND(500), "h_free took %ld ms", ms);

	/* Long lines that only wrap, never a newline. */
	t = sh(24, 80, "tr '\\000' x </dev/zero");
	h_assert_text(t, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", WAIT);
	start = now_ms();
	ck_assert(!h_wait_gone(t, "x", 300));
	ms = now_ms() - start;
	ck_assert_msg(ms < BOUND(300), "300 ms wait took %ld ms", ms);
}
END_TEST

START_TEST(test_kill)
{
	long	start, ms;
	pid_t	pid;

	/* Ignores SIGTERM and SIGHUP, so h_free must escalate. */
	t = sh(24, 80, "trap '' TERM HUP; sleep 60 & echo armed; wait");
	h_assert_text(t, "armed", WAIT);
	pid = h_pid(t);

	start = now_ms();
	teardown();
	ms = now_ms() - start;
	ck_assert_msg(ms < BOUND(500), "h_free took %ld ms", ms);
	ck_assert(waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD);

	/* The killed sleep is init's to reap, which may take a moment. */
	start = now_ms();
	while (killpg(pid, 0) == 0 && now_ms() - start < h_scaled(5000))
		usleep(10000);
	ck_assert_msg(killpg(pid, 0) == -1 && errno == ESRCH,
	    "process group %ld survived h_free", (long)pid);
}
END_TEST

START_TEST(test_fds)
{
	char	before[256], after[256], child[256];

	list_fds(getpid(), before, sizeof before);
	/* The shell in read(2), not a program that may be loading locales. */
	t = sh(24, 80, "echo up; read x");
	h_assert_text(t, "up", WAIT);
	list_fds(h_pid(t), child, sizeof child);
	ck_assert_str_eq(child, "0 1 2");
	teardown();
	list_fds(getpid(), after, sizeof after);
	ck_assert_str_eq(after, before);
}
END_TEST

START_TEST(test_env)
{
	char		*env[] = { "FOO=bar", "LANG", "SHELL=/bin/false",
			    NULL };
	char		*argv[] = { "/bin/sh", "-c", "echo \"F=$FOO "
			    "L=${LANG-unset} S=$SHELL T=$TERM\"; sleep 30",
			    NULL };
	char		*home, *want;
	struct stat	 sb;

	setenv("TMUX", "/tmp/bogus,1,0", 1);
	setenv("VIGIL_SOCKET", "/tmp/bogus", 1);
	t = sh(24, 80, "echo \"T=$TERM L=$LANG S=$SHELL H=$HOME\";"
	    "echo \"X=${TMUX-unset} V=${VIGIL_SOCKET-unset}\";"
	    "mkdir \"$HOME/d\" && touch \"$HOME/d/f\" && echo made; sleep 30");
	unsetenv("TMUX");
	unsetenv("VIGIL_SOCKET");
	home = strdup(h_home(t));
	ck_assert_ptr_nonnull(home);

	if (asprintf(&want, "T=xterm-256color L=C.UTF-8 S=/bin/sh H=%s",
	    home) == -1)
		ck_abort_msg("asprintf");
	h_assert_row(t, 0, want, WAIT);
	free(want);
	h_assert_row(t, 1, "X=unset V=unset", WAIT);
	h_assert_row(t, 2, "made", WAIT);
	teardown();
	ck_assert(stat(home, &sb) == -1 && errno == ENOENT);
	free(home);

	t = h_spawn(24, 80, argv, env);
	h_assert_row(t, 0, "F=bar L=unset S=/bin/false T=xterm-256color", WAIT);
}
END_TEST

START_TEST(test_failure)
{
	const char	*msg;

	t = sh(24, 80, "printf 'line one\\nline two'");
	h_assert_exit(t, WAIT, 0);
	msg = h_failure(t, "custom %d", 42);
	ck_assert_msg(strstr(msg, "custom 42\n") == msg, "%s", msg);
	ck_assert_msg(strstr(msg, "exited 0") != NULL, "%s", msg);
	ck_assert_msg(strstr(msg, "screen 24x80, cursor 1,8") != NULL, "%s",
	    msg);
	ck_assert_msg(strstr(msg, "\n  0|line one\n  1|line two\n  2|\n") !=
	    NULL, "%s", msg);
}
END_TEST

START_TEST(test_record)
{
	char		 dir[] = "/tmp/vigil-record.XXXXXX";
	char		 path[512], buf[256];
	struct dirent	*de;
	DIR		*d;
	FILE		*f;
	size_t		 n;
	int		 files = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	setenv("VIGIL_TEST_RECORD", dir, 1);
	t = sh(24, 80, "read x; echo \"recorded $x\"");
	unsetenv("VIGIL_TEST_RECORD");
	h_sendf(t, "%s\r", "typed");
	h_assert_exit(t, WAIT, 0);
	teardown();

	ck_assert_ptr_nonnull(d = opendir(dir));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		ck_assert_ptr_nonnull(f = fopen(path, "r"));
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		if (strstr(de->d_name, ".in") != NULL)
			ck_assert_str_eq(buf, "typed\r");
		else
			ck_assert_msg(strstr(buf, "recorded typed\r\n") != NULL,
			    "%s: %s", de->d_name, buf);
		ck_assert_int_eq(unlink(path), 0);
		files++;
	}
	closedir(d);
	ck_assert_int_eq(rmdir(dir), 0);
	ck_assert_int_eq(files, 2);
}
END_TEST

/* Is the program on PATH? */
static int
have_program(const char *name)
{
	const char	*path;
	char		*copy, *dir, *last, file[4096];
	int		 found = 0;

	if ((path = getenv("PATH")) == NULL || (copy = strdup(path)) == NULL)
		return (0);
	for (dir = strtok_r(copy, ":", &last); dir != NULL && !found;
	    dir = strtok_r(NULL, ":", &last)) {
		snprintf(file, sizeof file, "%s/%s", dir, name);
		found = access(file, X_OK) == 0;
	}
	free(copy);
	return (found);
}

/* Kill the private tmux server; run in the runner, so even after a crash. */
static void
tmux_kill_server(void)
{
	char		*argv[] = { "tmux", "-S", tmux_socket, "kill-server",
			    NULL };
	struct h_term	*k;

	k = h_spawn(24, 80, argv, NULL);
	h_wait_exit(k, WAIT, NULL);
	h_free(k);
}

static void
tmux_setup(void)
{
	if (mkdtemp(tmux_dir) == NULL) {
		fprintf(stderr, "mkdtemp %s: %s\n", tmux_dir, strerror(errno));
		exit(EXIT_FAILURE);
	}
	snprintf(tmux_socket, sizeof tmux_socket, "%s/socket", tmux_dir);
}

static void
tmux_teardown(void)
{
	tmux_kill_server();
	if ((unlink(tmux_socket) == -1 && errno != ENOENT) ||
	    rmdir(tmux_dir) == -1)
		fprintf(stderr, "%s: %s\n", tmux_dir, strerror(errno));
}

START_TEST(test_tmux)
{
	char		*argv[] = { "tmux", "-f", "/dev/null", "-S",
			    tmux_socket, "new-session",
			    "printf hello; sleep 30", NULL };
	struct h_style	 st;

	t = h_spawn(24, 80, argv, NULL);
	h_assert_text_at(t, 0, 0, "hello", WAIT);
	/* The default status line: "[session] " in black on green. */
	h_assert_text_at(t, 23, 0, "[0] 0:", WAIT);
	h_style(t, 23, 0, &st);
	h_assert(t, st.fg == 0 && st.bg == 2);

	/*
	 * Keys reach tmux: C-b c opens window 1. Let tmux settle after our
	 * answer to its DA2 query first: under load, tmux 3.3a sometimes
	 * dropped a C-b sent right after the answer (and took the c).
	 */
	ck_assert(h_wait_quiet(t, 300, WAIT));
	h_send_key(t, "C-b");
	h_send_key(t, "c");
	h_assert_text(t, "1:sh*", WAIT);
	h_assert_gone(t, "hello", WAIT);

	tmux_kill_server();
	ck_assert(h_wait_exit(t, WAIT, NULL));
	h_assert_text(t, "[server exited]", 0);
}
END_TEST

/* A test case whose tests leave t to the checked teardown. */
static TCase *
harness_tcase(Suite *s, const char *name)
{
	TCase	*tc;

	tc = tcase_create(name);
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return (tc);
}

Suite *
suite_harness(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("harness");

	tc = harness_tcase(s, "screen");
	tcase_add_test(tc, test_colours);
	tcase_add_test(tc, test_wide);
	tcase_add_test(tc, test_cursor);
	tcase_add_test(tc, test_replies);
	tcase_add_test(tc, test_altscreen);
	tcase_add_test(tc, test_title);
	tcase_add_test(tc, test_resize);

	tc = harness_tcase(s, "input");
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_paste);

	tc = harness_tcase(s, "process");
	tcase_add_test(tc, test_waits);
	tcase_add_test(tc, test_timeouts);
	tcase_add_test(tc, test_exit);
	tcase_add_test(tc, test_flood);
	tcase_add_test(tc, test_kill);
	tcase_add_test(tc, test_fds);
	tcase_add_test(tc, test_env);
	tcase_add_test(tc, test_failure);
	tcase_add_test(tc, test_record);

	if (!have_program("tmux")) {
		fprintf(stderr, "suite harness: tmux is not on PATH, "
		    "skipping the tmux case\n");
		return (s);
	}
	tc = harness_tcase(s, "tmux");
	tcase_add_unchecked_fixture(tc, tmux_setup, tmux_teardown);
	tcase_add_test(tc, test_tmux);
	return (s);
}
