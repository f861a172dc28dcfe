/*
 * End-to-end test harness: a child on a PTY whose output is read into a
 * reference libvterm screen. Replies to the child's queries (DA, DSR) go back
 * through the PTY like a real terminal's; nothing here ever blocks.
 */

#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <vterm.h>

#include "harness.h"

#define H_READ_CHUNK	2048		/* one read(2) */
#define H_READ_BUDGET	(64 * 1024)	/* bytes before h_pump returns */
#define H_READ_SLICE	20		/* ms of that before h_pump returns */
#define H_CARRY_MAX	(64 * 1024)	/* longest string sequence held */
#define H_GRACE_MS	500		/* SIGTERM to SIGKILL in h_free */
#define H_DRAIN_MS	1000		/* reading output after exit */
#define H_DRAIN_QUIET	50		/* ... unless quiet this long */

#define H_MIN(a, b)	((a) < (b) ? (a) : (b))

/* A growing byte buffer, always NUL-terminated. */
struct hbuf {
	char	*s;
	size_t	 len;
	size_t	 size;
};

/* One row rendered to UTF-8, with the column every byte came from. */
struct hline {
	char	*s;
	int	*col;
	size_t	 len;
};

/* An environment being built. */
struct henv {
	char	**v;
	size_t	  n;
};

/* What a wait is waiting for. */
struct hwant {
	const char	*text;
	int		 row;
	int		 col;
};

struct h_term {
	pid_t		 pid;
	int		 fd;		/* PTY master, non-blocking */
	char		*name;		/* argv[0], for messages */
	char		*home;		/* private HOME, removed by h_free */
	int		 rows;
	int		 cols;

	VTerm		*vt;
	VTermScreen	*screen;
	char		*title;
	int		 cursor_visible;
	int		 altscreen;

	struct hbuf	 out;		/* keys and replies not yet written */
	struct hbuf	 carry;		/* an unterminated OSC or DCS */
	size_t		 nread;

	int		 eof;		/* read gave EOF or EIO */
	int		 exited;	/* the child exited, not yet reaped */
	int		 reaped;
	int		 status;	/* exit code, or 128 + signal */
	int		 signo;		/* the signal that killed it, or 0 */

	char		*rec_path;	/* VIGIL_TEST_RECORD prefix */
	int		 rec_out;
	int		 rec_in;

	char		*failure;	/* the last h_failure message */
};

/* The harness's only allocator: out of memory ends the test run. */
static void *
hreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size) {
		fprintf(stderr, "harness: %zu x %zu overflows\n", n, size);
		abort();
	}
	if ((p = realloc(p, n * size == 0 ? 1 : n * size)) == NULL) {
		fprintf(stderr, "harness: no memory for %zu x %zu\n", n, size);
		abort();
	}
	return (p);
}

static void *
hcalloc(size_t n, size_t size)
{
	return (memset(hreallocarray(NULL, n, size), 0, n * size));
}

static char *
hstrdup(const char *s)
{
	char	*p;
	size_t	 len;

	len = strlen(s) + 1;
	p = hreallocarray(NULL, len, 1);
	memcpy(p, s, len);
	return (p);
}

static char * __attribute__((format(printf, 1, 0)))
hvasprintf(const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1) {
		fprintf(stderr, "harness: out of memory (vasprintf)\n");
		abort();
	}
	return (s);
}

static char * __attribute__((format(printf, 1, 2)))
hasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = hvasprintf(fmt, ap);
	va_end(ap);
	return (s);
}

static void
hbuf_add(struct hbuf *b, const char *data, size_t len)
{
	if (b->len + len + 1 > b->size) {
		b->size = b->size == 0 ? 256 : b->size;
		while (b->len + len + 1 > b->size)
			b->size *= 2;
		b->s = hreallocarray(b->s, b->size, 1);
	}
	memcpy(b->s + b->len, data, len);
	b->len += len;
	b->s[b->len] = '\0';
}

static void __attribute__((format(printf, 2, 3)))
hbuf_printf(struct hbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = hvasprintf(fmt, ap);
	va_end(ap);
	hbuf_add(b, s, strlen(s));
	free(s);
}

/* Drop the first len bytes. */
static void
hbuf_shift(struct hbuf *b, size_t len)
{
	memmove(b->s, b->s + len, b->len - len);
	b->len -= len;
	b->s[b->len] = '\0';
}

static size_t
utf8_put(char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = (char)c;
		return (1);
	}
	if (c < 0x800) {
		p[0] = (char)(0xc0 | (c >> 6));
		p[1] = (char)(0x80 | (c & 0x3f));
		return (2);
	}
	if (c < 0x10000) {
		p[0] = (char)(0xe0 | (c >> 12));
		p[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		p[2] = (char)(0x80 | (c & 0x3f));
		return (3);
	}
	p[0] = (char)(0xf0 | ((c >> 18) & 0x07));
	p[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	p[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	p[3] = (char)(0x80 | (c & 0x3f));
	return (4);
}

/* Decode a string holding exactly one UTF-8 character, or return -1. */
static int
utf8_one(const char *s, uint32_t *c)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n, i;

	if (u[0] == '\0')
		return (-1);
	if (u[0] < 0x80)
		n = 1;
	else if ((u[0] & 0xe0) == 0xc0)
		n = 2;
	else if ((u[0] & 0xf0) == 0xe0)
		n = 3;
	else if ((u[0] & 0xf8) == 0xf0)
		n = 4;
	else
		return (-1);
	*c = n == 1 ? u[0] : u[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return (-1);
		*c = (*c << 6) | (u[i] & 0x3f);
	}
	return (u[n] == '\0' ? 0 : -1);
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* A timeout stretched by VIGIL_TEST_TIMEOUT_SCALE for slow builds. */
static int64_t
scaled(int ms)
{
	static double	 scale;
	const char	*s;
	char		*end;
	double		 v;

	if (scale == 0) {
		scale = 1;
		if ((s = getenv("VIGIL_TEST_TIMEOUT_SCALE")) != NULL) {
			v = strtod(s, &end);
			if (end != s && *end == '\0' && v > 0)
				scale = v;
		}
	}
	return ((int64_t)(ms * scale));
}

int
h_scaled(int ms)
{
	int64_t	v = scaled(ms);

	return ((int)H_MIN(v, INT_MAX));
}

static void
sleep_ms(int64_t ms)
{
	if (ms > 0)
		poll(NULL, 0, (int)H_MIN(ms, INT_MAX));
}

/* Fail the test if a position is off the screen. */
static void
term_check_pos(struct h_term *t, const char *what, int row, int col)
{
	if (row < 0 || row >= t->rows || col < 0 || col >= t->cols) {
		ck_abort_msg("%s: %d,%d is off the %dx%d screen", what, row,
		    col, t->rows, t->cols);
	}
}

/* Write to a recording file; a failure only stops the recording. */
static void
term_record(struct h_term *t, int *fd, const char *data, size_t len)
{
	ssize_t	n;

	while (*fd != -1 && len > 0) {
		if ((n = write(*fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "harness: recording %s: %s\n",
			    t->rec_path, strerror(errno));
			close(*fd);
			*fd = -1;
			return;
		}
		data += n;
		len -= n;
	}
}

static int
term_record_file(const char *prefix, const char *suffix)
{
	char	*path;
	int	 fd;

	path = hasprintf("%s%s", prefix, suffix);
	fd = open(path, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
	if (fd == -1)
		fprintf(stderr, "harness: %s: %s\n", path, strerror(errno));
	free(path);
	return (fd);
}

/* With VIGIL_TEST_RECORD=dir, keep what the child wrote and was sent. */
static void
term_record_open(struct h_term *t)
{
	static int	 seq;
	const char	*dir, *tc, *base;
	char		*name, *p;

	t->rec_out = t->rec_in = -1;
	if ((dir = getenv("VIGIL_TEST_RECORD")) == NULL || *dir == '\0')
		return;
	if ((tc = tcase_name()) == NULL)
		tc = "none";
	base = (base = strrchr(t->name, '/')) != NULL ? base + 1 : t->name;
	name = hasprintf("%s-%ld-%d-%s", tc, (long)getpid(), seq++, base);
	for (p = name; *p != '\0'; p++) {
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && *p != '-' && *p != '.')
			*p = '_';
	}
	t->rec_path = hasprintf("%s/%s", dir, name);
	free(name);
	t->rec_out = term_record_file(t->rec_path, ".out");
	t->rec_in = term_record_file(t->rec_path, ".in");
}

/* Write queued input; the rest waits for POLLOUT. */
static void
term_flush(struct h_term *t)
{
	ssize_t	n;

	while (t->out.len > 0) {
		if ((n = write(t->fd, t->out.s, t->out.len)) == -1) {
			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				t->out.len = 0;	/* EIO: nobody will read it */
			return;
		}
		hbuf_shift(&t->out, n);
	}
}

static void
term_queue(struct h_term *t, const char *data, size_t len)
{
	term_record(t, &t->rec_in, data, len);
	hbuf_add(&t->out, data, len);
}

/* libvterm's keyboard encodings and its replies to queries. */
static void
term_output(const char *data, size_t len, void *user)
{
	term_queue(user, data, len);
}

static int
term_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct h_term	*t = user;

	switch (prop) {
	case VTERM_PROP_TITLE:
		free(t->title);
		t->title = hstrdup(val->string);
		break;
	case VTERM_PROP_CURSORVISIBLE:
		t->cursor_visible = val->boolean;
		break;
	case VTERM_PROP_ALTSCREEN:
		t->altscreen = val->boolean;
		break;
	default:
		break;
	}
	return (1);	/* 0 would stop libvterm's state recording it */
}

static void
term_vterm_create(struct h_term *t)
{
	static const VTermScreenCallbacks	cb = {
		.settermprop = term_settermprop
	};

	if ((t->vt = vterm_new(t->rows, t->cols)) == NULL) {
		fprintf(stderr, "harness: vterm_new failed\n");
		abort();
	}
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, term_output, t);
	t->screen = vterm_obtain_screen(t->vt);
	vterm_screen_set_callbacks(t->screen, &cb, t);
	vterm_screen_enable_altscreen(t->screen, 1);
	t->cursor_visible = 1;
	vterm_screen_reset(t->screen, 1);
}

/*
 * Where an OSC, DCS, APC, PM or SOS string that has not ended yet starts, or
 * a lone ESC at the end; len if there is none. Like libvterm, take BEL, CAN,
 * SUB and any ESC (ST or the start of another sequence) as the end.
 */
static size_t
term_open_string(const char *s, size_t len)
{
	size_t	i, j;

	for (i = len; i-- > 0;) {
		if (s[i] != '\033' || i + 1 == len || s[i + 1] == '\0' ||
		    strchr("]P_^X", s[i + 1]) == NULL)
			continue;
		for (j = i + 2; j < len; j++) {
			if (s[j] == '\007' || s[j] == '\030' || s[j] == '\032')
				return (len);
			if (s[j] == '\033' && j + 1 < len)
				return (len);
		}
		return (i);
	}
	if (len > 0 && s[len - 1] == '\033')
		return (len - 1);
	return (len);
}

/*
 * Feed the screen. libvterm 0.1.4 drops an OSC string (the title) that is
 * split across two vterm_input_write calls, so an unfinished one is held back
 * until the rest arrives. Nothing shows on the screen meanwhile: until it
 * ends, everything after the start belongs to the string.
 */
static void
term_feed(struct h_term *t, const char *data, size_t len)
{
	size_t	keep;

	hbuf_add(&t->carry, data, len);
	keep = term_open_string(t->carry.s, t->carry.len);
	if (t->eof || t->carry.len - keep > H_CARRY_MAX)
		keep = t->carry.len;
	if (keep > 0) {
		vterm_input_write(t->vt, t->carry.s, keep);
		hbuf_shift(&t->carry, keep);
	}
}

/*
 * Read what is there in small chunks, looking at the clock between them, so
 * a child flooding output holds a wait past its deadline by one chunk at most
 * (libvterm under ASan takes about 20 ms to scroll through 2 KB of lines).
 */
static int
term_read(struct h_term *t, int64_t deadline)
{
	char	buf[H_READ_CHUNK];
	ssize_t	n;
	size_t	total = 0;
	int64_t	stop;

	stop = H_MIN(now_ms() + H_READ_SLICE, deadline);
	while (total < H_READ_BUDGET) {
		n = read(t->fd, buf, sizeof buf);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			/* EOF or, on Linux, EIO: no process has the PTY. */
			t->eof = 1;
			term_feed(t, "", 0);
			break;
		}
		term_record(t, &t->rec_out, buf, n);
		term_feed(t, buf, n);
		total += n;
		if (now_ms() >= stop)
			break;
	}
	t->nread += total;
	if (total == 0 && t->eof)
		return (-1);
	return ((int)total);
}

/* Move bytes both ways until something is read or the deadline passes. */
static int
term_pump(struct h_term *t, int64_t deadline)
{
	struct pollfd	pfd;
	int64_t		left;
	int		n;

	if (t->eof)
		return (-1);
	for (;;) {
		term_flush(t);
		left = H_MIN(deadline - now_ms(), INT_MAX);
		left = left < 0 ? 0 : left;
		pfd.fd = t->fd;
		pfd.events = POLLIN | (t->out.len > 0 ? POLLOUT : 0);
		pfd.revents = 0;
		if ((n = poll(&pfd, 1, (int)left)) == -1) {
			if (errno == EINTR)
				continue;
			ck_abort_msg("harness: poll: %s", strerror(errno));
		}
		if (pfd.revents & (POLLIN|POLLHUP|POLLERR|POLLNVAL))
			return (term_read(t, deadline));
		if (n == 0 && now_ms() >= deadline)
			return (0);
	}
}

/* Has the child exited? It stays a zombie so its pid names its group. */
static int
term_exited(struct h_term *t)
{
	siginfo_t	si;

	if (t->exited)
		return (1);
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, t->pid, &si, WEXITED|WNOHANG|WNOWAIT) == -1) {
		if (errno == EINTR)
			return (0);
		/* Somebody else reaped it (SIGCHLD ignored?). */
		t->exited = t->reaped = 1;
		t->status = -1;
		return (1);
	}
	if (si.si_pid == 0)
		return (0);
	t->exited = 1;
	if (si.si_code == CLD_EXITED)
		t->status = si.si_status;
	else {
		t->signo = si.si_status;
		t->status = 128 + si.si_status;
	}
	return (1);
}

/* Read what the child wrote before exiting; a grandchild may keep the PTY. */
static void
term_drain(struct h_term *t)
{
	int64_t	deadline, now;

	deadline = now_ms() + scaled(H_DRAIN_MS);
	while (!t->eof && (now = now_ms()) < deadline) {
		if (term_pump(t, now + scaled(H_DRAIN_QUIET)) == 0)
			break;
	}
}

static void
env_put(struct henv *e, const char *entry)
{
	size_t	i, len;

	len = strcspn(entry, "=");
	for (i = 0; i < e->n; i++) {
		if (strncmp(e->v[i], entry, len) == 0 && e->v[i][len] == '=')
			break;
	}
	if (i < e->n) {
		free(e->v[i]);
		e->v[i] = e->v[--e->n];
	}
	if (entry[len] == '=') {
		e->v = hreallocarray(e->v, e->n + 2, sizeof *e->v);
		e->v[e->n++] = hstrdup(entry);
	}
	e->v[e->n] = NULL;
}

/* The default environment with the caller's changes, NULL-terminated. */
static char **
env_create(const char *home, char *const changes[])
{
	static const char	*keep[] = {
		"PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"
	};
	struct henv		 e;
	const char		*value;
	char			*entry;
	size_t			 i;

	e.v = hcalloc(1, sizeof *e.v);
	e.n = 0;
	env_put(&e, "TERM=xterm-256color");
	env_put(&e, "LANG=C.UTF-8");
	env_put(&e, "SHELL=/bin/sh");
	env_put(&e, "PATH=/usr/local/bin:/usr/bin:/bin");
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		if ((value = getenv(keep[i])) == NULL)
			continue;
		entry = hasprintf("%s=%s", keep[i], value);
		env_put(&e, entry);
		free(entry);
	}
	entry = hasprintf("HOME=%s", home);
	env_put(&e, entry);
	free(entry);
	/* A vigil server's socket goes in the private directory too. */
	entry = hasprintf("XDG_RUNTIME_DIR=%s", home);
	env_put(&e, entry);
	free(entry);
	for (i = 0; changes != NULL && changes[i] != NULL; i++)
		env_put(&e, changes[i]);
	return (e.v);
}

static void
env_free(char **env)
{
	size_t	i;

	for (i = 0; env[i] != NULL; i++)
		free(env[i]);
	free(env);
}

/* In the child: become a clean process on the PTY, then exec. */
static void __attribute__((noreturn))
child_exec(pid_t parent, char *const argv[], char **env)
{
	struct sigaction	sa;
	struct termios		tio;
	sigset_t		set;
	int			sig;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);	/* fails for KILL and STOP */
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
#ifdef __linux__
	/* If the test process dies, so does the child. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(126);
#else
	(void)parent;
#endif
	/* Like a terminal emulator in a UTF-8 locale. */
	if (tcgetattr(STDIN_FILENO, &tio) == 0) {
		tio.c_iflag |= IUTF8;
		tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	}
#ifdef HAVE_CLOSEFROM
	closefrom(STDERR_FILENO + 1);
#else
	{
		long	fd, max = sysconf(_SC_OPEN_MAX);

		for (fd = STDERR_FILENO + 1; fd < (max > 0 ? max : 1024); fd++)
			close((int)fd);
	}
#endif
	execvpe(argv[0], argv, env);
	dprintf(STDERR_FILENO, "h_spawn: %s: %s\r\n", argv[0],
	    strerror(errno));
	_exit(127);
}

static char *
term_mkhome(void)
{
	const char	*tmp;
	char		*path;

	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = hasprintf("%s/vigil-test.XXXXXX", tmp);
	if (mkdtemp(path) == NULL)
		ck_abort_msg("h_spawn: mkdtemp %s: %s", path, strerror(errno));
	return (path);
}

struct h_term *
h_spawn(int rows, int cols, char *const argv[], char *const env[])
{
	struct h_term	*t;
	struct winsize	 ws;
	char		**envp;
	pid_t		 parent = getpid();
	int		 flags;

	if (rows < 1 || cols < 1 || argv == NULL || argv[0] == NULL)
		ck_abort_msg("h_spawn: bad arguments");
	t = hcalloc(1, sizeof *t);
	t->rows = rows;
	t->cols = cols;
	t->name = hstrdup(argv[0]);
	t->home = term_mkhome();
	term_vterm_create(t);
	term_record_open(t);

	envp = env_create(t->home, env);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	if ((t->pid = forkpty(&t->fd, NULL, NULL, &ws)) == -1)
		ck_abort_msg("h_spawn: forkpty: %s", strerror(errno));
	if (t->pid == 0)
		child_exec(parent, argv, envp);
	env_free(envp);

	if ((flags = fcntl(t->fd, F_GETFL)) == -1 ||
	    fcntl(t->fd, F_SETFL, flags|O_NONBLOCK) == -1 ||
	    fcntl(t->fd, F_SETFD, FD_CLOEXEC) == -1)
		ck_abort_msg("h_spawn: fcntl: %s", strerror(errno));
	return (t);
}

static int
term_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	if (remove(path) == -1 && errno != ENOENT)
		fprintf(stderr, "harness: remove %s: %s\n", path,
		    strerror(errno));
	return (0);
}

/* Stop the child and everything in its process group, and reap it. */
static void
term_kill(struct h_term *t)
{
	int64_t	deadline, now;

	if (!term_exited(t)) {
		if (killpg(t->pid, SIGTERM) == -1 && errno != ESRCH)
			fprintf(stderr, "harness: killpg: %s\n",
			    strerror(errno));
		deadline = now_ms() + scaled(H_GRACE_MS);
		while (!term_exited(t) && (now = now_ms()) < deadline) {
			/* Keep reading: it may block writing as it exits. */
			if (term_pump(t, now + 5) == -1)
				sleep_ms(5);
		}
	}
	if (t->reaped)
		return;
	/* Alive or a zombie, the leader's pid still names the group. */
	if (killpg(t->pid, SIGKILL) == -1 && errno != ESRCH)
		fprintf(stderr, "harness: killpg: %s\n", strerror(errno));
	while (waitpid(t->pid, NULL, 0) == -1 && errno == EINTR)
		continue;
	t->reaped = 1;
}

/* Does the process's environment hold this exact entry? */
static int
proc_has_env(const char *pid, const char *want)
{
	char	path[64], buf[65536];
	size_t	len = strlen(want) + 1;
	ssize_t	n, i;
	int	fd;

	snprintf(path, sizeof path, "/proc/%s/environ", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (0);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (0);
	buf[n] = '\0';
	/* "NAME=value*" matches every value that starts so. */
	if (want[len - 2] == '*')
		len -= 2;
	for (i = 0; i < n; i += strlen(buf + i) + 1) {
		if ((size_t)(n - i) >= len && memcmp(buf + i, want, len) == 0)
			return (1);
	}
	return (0);
}

void
h_kill_env(const char *want)
{
	struct dirent	*de;
	DIR		*d;
	int		 found, round;

	for (round = 0; round < 10; round++) {
		found = 0;
		if ((d = opendir("/proc")) == NULL)
			break;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] < '1' || de->d_name[0] > '9')
				continue;
			if (atoi(de->d_name) == getpid() ||
			    !proc_has_env(de->d_name, want))
				continue;
			kill(atoi(de->d_name), SIGKILL);
			found = 1;
		}
		closedir(d);
		if (!found)
			break;
		usleep(20000);
	}
}

/*
 * Kill what escaped the process group: daemons (a vigil or tmux server)
 * and their children, known by the private HOME in their environment.
 */
static void
term_kill_home(struct h_term *t)
{
	char	*want = hasprintf("HOME=%s", t->home);

	h_kill_env(want);
	free(want);
}

void
h_free(struct h_term *t)
{
	if (t == NULL)
		return;
	term_kill(t);
	term_kill_home(t);
	close(t->fd);
	if (t->rec_out != -1)
		close(t->rec_out);
	if (t->rec_in != -1)
		close(t->rec_in);
	if (nftw(t->home, term_rm, 16, FTW_DEPTH|FTW_PHYS) == -1)
		fprintf(stderr, "harness: %s: %s\n", t->home, strerror(errno));
	vterm_free(t->vt);
	free(t->out.s);
	free(t->carry.s);
	free(t->title);
	free(t->name);
	free(t->home);
	free(t->rec_path);
	free(t->failure);
	free(t);
}

pid_t
h_pid(struct h_term *t)
{
	return (t->pid);
}

const char *
h_home(struct h_term *t)
{
	return (t->home);
}

void
h_send(struct h_term *t, const char *data, size_t len)
{
	term_queue(t, data, len);
	term_flush(t);
}

void
h_sendf(struct h_term *t, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = hvasprintf(fmt, ap);
	va_end(ap);
	h_send(t, s, strlen(s));
	free(s);
}

/*
 * Type a character. Control and meta are done as xterm does: libvterm would
 * send C-i, C-m and C-[ as CSI u, which real terminals do not by default.
 */
static void
term_key_char(struct h_term *t, uint32_t c, int mod)
{
	char	buf[8];
	size_t	len = 0;

	if ((mod & VTERM_MOD_SHIFT) && c >= 'a' && c <= 'z')
		c -= 'a' - 'A';
	mod &= ~VTERM_MOD_SHIFT;
	if (mod & VTERM_MOD_CTRL) {
		if (c != '?' && c != ' ' && !(c >= '@' && c <= '_') &&
		    !(c >= 'a' && c <= 'z')) {
			/* No C0 control for it: CSI u, as libvterm does. */
			vterm_keyboard_unichar(t->vt, c, (VTermModifier)mod);
			term_flush(t);
			return;
		}
		c = c == '?' ? 0x7f : c & 0x1f;
	}
	if (mod & VTERM_MOD_ALT)
		buf[len++] = '\033';
	len += utf8_put(buf + len, c);
	h_send(t, buf, len);
}

static const struct {
	const char	*name;
	VTermKey	 key;
} term_keys[] = {
	{ "Enter",	VTERM_KEY_ENTER },
	{ "Tab",	VTERM_KEY_TAB },
	{ "BSpace",	VTERM_KEY_BACKSPACE },
	{ "Escape",	VTERM_KEY_ESCAPE },
	{ "Up",		VTERM_KEY_UP },
	{ "Down",	VTERM_KEY_DOWN },
	{ "Left",	VTERM_KEY_LEFT },
	{ "Right",	VTERM_KEY_RIGHT },
	{ "IC",		VTERM_KEY_INS },
	{ "Insert",	VTERM_KEY_INS },
	{ "DC",		VTERM_KEY_DEL },
	{ "Delete",	VTERM_KEY_DEL },
	{ "Home",	VTERM_KEY_HOME },
	{ "End",	VTERM_KEY_END },
	{ "PPage",	VTERM_KEY_PAGEUP },
	{ "PageUp",	VTERM_KEY_PAGEUP },
	{ "NPage",	VTERM_KEY_PAGEDOWN },
	{ "PageDown",	VTERM_KEY_PAGEDOWN },
};

/* A named key, or VTERM_KEY_NONE. */
static VTermKey
term_key_lookup(const char *s, int *mod)
{
	char	*end;
	long	 n;
	size_t	 i;

	for (i = 0; i < sizeof term_keys / sizeof term_keys[0]; i++) {
		if (strcmp(s, term_keys[i].name) == 0)
			return (term_keys[i].key);
	}
	if (strcmp(s, "BTab") == 0) {
		*mod |= VTERM_MOD_SHIFT;
		return (VTERM_KEY_TAB);
	}
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		n = strtol(s + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return (VTERM_KEY_FUNCTION(n));
	}
	return (VTERM_KEY_NONE);
}

void
h_send_key(struct h_term *t, const char *name)
{
	const char	*s = name;
	int		 mod = 0;
	VTermKey	 key;
	uint32_t	 c;

	while (s[0] != '\0' && s[1] == '-' && s[2] != '\0') {
		if (s[0] == 'C')
			mod |= VTERM_MOD_CTRL;
		else if (s[0] == 'M')
			mod |= VTERM_MOD_ALT;
		else if (s[0] == 'S')
			mod |= VTERM_MOD_SHIFT;
		else
			break;
		s += 2;
	}
	if ((key = term_key_lookup(s, &mod)) != VTERM_KEY_NONE) {
		vterm_keyboard_key(t->vt, key, (VTermModifier)mod);
		term_flush(t);
		return;
	}
	if (strcmp(s, "Space") == 0)
		c = ' ';
	else if (utf8_one(s, &c) != 0)
		ck_abort_msg("h_send_key: unknown key \"%s\"", name);
	term_key_char(t, c, mod);
}

void
h_paste(struct h_term *t, const char *text)
{
	vterm_keyboard_start_paste(t->vt);
	term_queue(t, text, strlen(text));
	vterm_keyboard_end_paste(t->vt);
	term_flush(t);
}

void
h_resize(struct h_term *t, int rows, int cols)
{
	struct winsize	ws;

	if (rows < 1 || cols < 1)
		ck_abort_msg("h_resize: bad size %dx%d", rows, cols);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = rows;
	ws.ws_col = cols;
	if (ioctl(t->fd, TIOCSWINSZ, &ws) == -1)
		ck_abort_msg("h_resize: TIOCSWINSZ: %s", strerror(errno));
	vterm_set_size(t->vt, rows, cols);
	t->rows = rows;
	t->cols = cols;
}

int
h_pump(struct h_term *t, int timeout_ms)
{
	return (term_pump(t, now_ms() + scaled(timeout_ms)));
}

static void
line_create(struct h_term *t, int row, int from, struct hline *l)
{
	VTermScreenCell	cell;
	VTermPos	pos;
	size_t		size, start;
	int		i;

	size = (size_t)(t->cols - from) * VTERM_MAX_CHARS_PER_CELL * 4 + 1;
	l->s = hreallocarray(NULL, size, 1);
	l->col = hreallocarray(NULL, size, sizeof *l->col);
	l->len = 0;
	pos.row = row;
	for (pos.col = from; pos.col < t->cols; pos.col += cell.width) {
		vterm_screen_get_cell(t->screen, pos, &cell);
		start = l->len;
		/* Empty, or the right half of a wide character. */
		if (cell.chars[0] == 0 || cell.chars[0] == (uint32_t)-1)
			l->s[l->len++] = ' ';
		for (i = 0; i < VTERM_MAX_CHARS_PER_CELL; i++) {
			if (cell.chars[i] == 0 || cell.chars[i] == (uint32_t)-1)
				break;
			l->len += utf8_put(l->s + l->len, cell.chars[i]);
		}
		while (start < l->len)
			l->col[start++] = pos.col;
		if (cell.width < 1)
			cell.width = 1;
	}
	l->s[l->len] = '\0';
}

static void
line_trim(struct hline *l)
{
	while (l->len > 0 && l->s[l->len - 1] == ' ')
		l->len--;
	l->s[l->len] = '\0';
}

int
h_find(struct h_term *t, const char *text, int *row, int *col)
{
	struct hline	 l;
	const char	*p;
	int		 r;

	for (r = 0; r < t->rows; r++) {
		line_create(t, r, 0, &l);
		if ((p = strstr(l.s, text)) != NULL) {
			if (row != NULL)
				*row = r;
			if (col != NULL)
				*col = l.col[p - l.s];
		}
		free(l.s);
		free(l.col);
		if (p != NULL)
			return (1);
	}
	return (0);
}

char *
h_row_text(struct h_term *t, int row)
{
	struct hline	l;

	term_check_pos(t, "h_row_text", row, 0);
	line_create(t, row, 0, &l);
	line_trim(&l);
	free(l.col);
	return (l.s);
}

char *
h_screen_text(struct h_term *t)
{
	struct hbuf	 b = { NULL, 0, 0 };
	char		*row;
	int		 r;

	for (r = 0; r < t->rows; r++) {
		row = h_row_text(t, r);
		hbuf_printf(&b, "%s%s", r == 0 ? "" : "\n", row);
		free(row);
	}
	return (b.s);
}

static int
want_text(struct h_term *t, const struct hwant *w)
{
	return (h_find(t, w->text, NULL, NULL));
}

static int
want_gone(struct h_term *t, const struct hwant *w)
{
	return (!h_find(t, w->text, NULL, NULL));
}

static int
want_text_at(struct h_term *t, const struct hwant *w)
{
	struct hline	l;
	int		found;

	line_create(t, w->row, w->col, &l);
	found = strncmp(l.s, w->text, strlen(w->text)) == 0;
	free(l.s);
	free(l.col);
	return (found);
}

static int
want_row(struct h_term *t, const struct hwant *w)
{
	char	*row;
	int	 found;

	row = h_row_text(t, w->row);
	found = strcmp(row, w->text) == 0;
	free(row);
	return (found);
}

/* Pump until want() holds, the deadline passes, or EOF freezes the screen. */
static int
term_wait(struct h_term *t, int timeout_ms,
    int (*want)(struct h_term *, const struct hwant *), const struct hwant *w)
{
	int64_t	deadline;

	deadline = now_ms() + scaled(timeout_ms);
	for (;;) {
		if (want(t, w))
			return (1);
		if (t->eof || now_ms() >= deadline)
			return (0);
		term_pump(t, deadline);
	}
}

int
h_wait_text(struct h_term *t, const char *text, int timeout_ms)
{
	struct hwant	w = { text, 0, 0 };

	return (term_wait(t, timeout_ms, want_text, &w));
}

int
h_wait_text_at(struct h_term *t, int row, int col, const char *text,
    int timeout_ms)
{
	struct hwant	w = { text, row, col };

	term_check_pos(t, "h_wait_text_at", row, col);
	return (term_wait(t, timeout_ms, want_text_at, &w));
}

int
h_wait_row(struct h_term *t, int row, const char *text, int timeout_ms)
{
	struct hwant	w = { text, row, 0 };

	term_check_pos(t, "h_wait_row", row, 0);
	return (term_wait(t, timeout_ms, want_row, &w));
}

int
h_wait_gone(struct h_term *t, const char *text, int timeout_ms)
{
	struct hwant	w = { text, 0, 0 };

	return (term_wait(t, timeout_ms, want_gone, &w));
}

int
h_wait_quiet(struct h_term *t, int quiet_ms, int timeout_ms)
{
	int64_t	deadline, quiet, last, now;
	int	n;

	last = now_ms();
	deadline = last + scaled(timeout_ms);
	quiet = scaled(quiet_ms);
	for (;;) {
		now = now_ms();
		if (now - last >= quiet || t->eof)
			return (1);
		if (now >= deadline)
			return (0);
		n = term_pump(t, H_MIN(last + quiet, deadline));
		if (n > 0)
			last = now_ms();
	}
}

int
h_wait_exit(struct h_term *t, int timeout_ms, int *status)
{
	int64_t	deadline, now;

	deadline = now_ms() + scaled(timeout_ms);
	while (!term_exited(t)) {
		if ((now = now_ms()) >= deadline)
			return (0);
		/* No SIGCHLD here, so look again every few milliseconds. */
		if (term_pump(t, H_MIN(now + 10, deadline)) == -1)
			sleep_ms(H_MIN(deadline - now, 5));
	}
	term_drain(t);
	if (status != NULL)
		*status = t->status;
	return (1);
}

void
h_cell(struct h_term *t, int row, int col, VTermScreenCell *cell)
{
	VTermPos	pos = { row, col };

	term_check_pos(t, "h_cell", row, col);
	vterm_screen_get_cell(t->screen, pos, cell);
}

static int
term_colour(const VTermColor *c)
{
	if (c->type & VTERM_COLOR_DEFAULT_MASK)
		return (H_DEFAULT);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (c->indexed.idx);
	return (H_RGB(c->rgb.red, c->rgb.green, c->rgb.blue));
}

void
h_style(struct h_term *t, int row, int col, struct h_style *st)
{
	VTermScreenCell	cell;

	h_cell(t, row, col, &cell);
	st->fg = term_colour(&cell.fg);
	st->bg = term_colour(&cell.bg);
	st->bold = cell.attrs.bold;
	st->italic = cell.attrs.italic;
	st->underline = cell.attrs.underline;
	st->blink = cell.attrs.blink;
	st->reverse = cell.attrs.reverse;
	st->strike = cell.attrs.strike;
	st->width = cell.width;
}

void
h_cursor(struct h_term *t, int *row, int *col, int *visible)
{
	VTermPos	pos;

	vterm_state_get_cursorpos(vterm_obtain_state(t->vt), &pos);
	if (row != NULL)
		*row = pos.row;
	if (col != NULL)
		*col = pos.col;
	if (visible != NULL)
		*visible = t->cursor_visible;
}

int
h_altscreen(struct h_term *t)
{
	return (t->altscreen);
}

const char *
h_title(struct h_term *t)
{
	return (t->title == NULL ? "" : t->title);
}

/* The child and the screen in two lines, for a failure message. */
static void
term_describe(struct h_term *t, struct hbuf *b)
{
	int	row, col;

	hbuf_printf(b, "child %ld (%s) ", (long)t->pid, t->name);
	if (!term_exited(t))
		hbuf_printf(b, "running");
	else if (t->signo != 0)
		hbuf_printf(b, "killed by signal %d", t->signo);
	else
		hbuf_printf(b, "exited %d", t->status);
	hbuf_printf(b, ", %zu bytes read%s", t->nread, t->eof ? ", EOF" : "");
	if (t->rec_path != NULL)
		hbuf_printf(b, ", recorded in %s.out", t->rec_path);
	h_cursor(t, &row, &col, NULL);
	hbuf_printf(b, "\nscreen %dx%d, cursor %d,%d%s%s, title \"%s\"\n",
	    t->rows, t->cols, row, col, t->cursor_visible ? "" : " hidden",
	    t->altscreen ? ", alternate screen" : "", h_title(t));
}

const char *
h_failure(struct h_term *t, const char *fmt, ...)
{
	struct hbuf	 b = { NULL, 0, 0 };
	va_list		 ap;
	char		*s;
	int		 r;

	va_start(ap, fmt);
	s = hvasprintf(fmt, ap);
	va_end(ap);
	hbuf_printf(&b, "%s\n", s);
	free(s);

	term_describe(t, &b);
	for (r = 0; r < t->rows; r++) {
		s = h_row_text(t, r);
		hbuf_printf(&b, "%3d|%s\n", r, s);
		free(s);
	}
	/* Check refuses (and exits) on long messages: keep it under 4 KB. */
	if (b.s != NULL && strlen(b.s) >= 4000) {
		s = b.s + 3900;
		while (s > b.s && *s != '\n')
			s--;
		strcpy(s, "\n(cut)\n");
	}
	free(t->failure);
	t->failure = b.s;
	return (t->failure);
}
