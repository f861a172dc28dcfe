/*
 * The profiler's engine against real children: each pattern of the hot-file
 * issue (a tight re-open loop, repeated full reads, an open-write-close
 * logger, a program streaming one file), a tree whose grandchildren do
 * the work, signals and group-stops passed through unchanged, a stop in
 * the middle, and a tracer killed in the middle. A child waits for a byte
 * on a pipe before it starts, so it is attached before it does anything;
 * counts are compared with what the child knows it did.
 */

#include "config.h"

#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/profile.h"

#define PROF_SMALL	433
#define PROF_BIG	70000
#define PROF_LINE	322
#define PROF_WAIT	30000	/* ms: generous, for a busy machine */

static char	prof_dir[PATH_MAX];
static char	prof_small[PATH_MAX + 16];
static char	prof_big[PATH_MAX + 16];
static char	prof_log[PATH_MAX + 16];

/* Write a file of size bytes. */
static void
prof_make(const char *path, size_t size)
{
	char	*buf = malloc(size);
	int	 fd;

	ck_assert_ptr_nonnull(buf);
	memset(buf, 'v', size);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(write(fd, buf, size), (ssize_t)size);
	close(fd);
	free(buf);
}

static void
prof_setup(void)
{
	snprintf(prof_dir, sizeof prof_dir, "/tmp/vigil-profile-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(prof_dir));
	snprintf(prof_small, sizeof prof_small, "%s/credentials", prof_dir);
	snprintf(prof_big, sizeof prof_big, "%s/CHANGELOG", prof_dir);
	snprintf(prof_log, sizeof prof_log, "%s/debug.log", prof_dir);
	prof_make(prof_small, PROF_SMALL);
	prof_make(prof_big, PROF_BIG);
}

static void
prof_teardown(void)
{
	char	cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", prof_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", prof_dir);
}

static void
prof_msleep(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Within 10% of what the child knows. */
static int
prof_near(uint64_t got, uint64_t want)
{
	return (got * 10 >= want * 9 && got * 10 <= want * 11);
}

/* A file of the finished profile by path; NULL if it has none. */
static struct profile_file *
prof_find(struct profile *p, const char *path)
{
	struct profile_file	**files;
	u_int			  n, i;

	n = profile_files(p, &files);
	for (i = 0; i < n; i++) {
		if (strcmp(files[i]->path, path) == 0)
			return (files[i]);
	}
	return (NULL);
}

/* Wait, through profile_reap, for one child's exit status. */
static int
prof_reap(pid_t pid)
{
	pid_t	got;
	int	status, ms;

	for (ms = 0; ms < PROF_WAIT; ms += 5) {
		while ((got = profile_reap(&status)) > 0) {
			if (got == pid)
				return (status);
		}
		prof_msleep(5);
	}
	ck_abort_msg("child %ld did not exit", (long)pid);
	return (-1);
}

/* A field of /proc/PID/stat (3 is the state) as a character. */
static char
prof_state(pid_t pid)
{
	char	 path[64], buf[512], *p;
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return ('?');
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return ('?');
	return (p[2]);
}

/* TracerPid from /proc/PID/status; -1 if it can't be read. */
static long
prof_tracer(pid_t pid)
{
	char	 path[64], line[256];
	FILE	*f;
	long	 tracer = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "TracerPid:", 10) == 0)
			tracer = strtol(line + 10, NULL, 10);
	}
	fclose(f);
	return (tracer);
}

/* Read a pipe to its end. */
static size_t
prof_drain(int fd, char *buf, size_t size)
{
	size_t	used = 0;
	ssize_t	n;

	while (used < size - 1 &&
	    ((n = read(fd, buf + used, size - 1 - used)) > 0 ||
	    (n == -1 && errno == EINTR)))
		used += n > 0 ? (size_t)n : 0;
	buf[used] = '\0';
	return (used);
}

/* A child's work: what to do once it is told to go. */
typedef void (*prof_work)(int, int);

/* Wait for the byte that says go. */
static void
prof_go_wait(int go)
{
	char	c;

	while (read(go, &c, 1) == -1 && errno == EINTR)
		;
}

/*
 * Fork a child that waits on go, then does its work with stdout on a
 * pipe (*out) and exits 0.
 */
static pid_t
prof_child(prof_work work, int arg, int *go, int *out)
{
	int	gp[2], op[2];
	pid_t	pid;

	ck_assert_int_eq(pipe(gp), 0);
	ck_assert_int_eq(pipe(op), 0);
	if ((pid = fork()) == 0) {
		close(gp[1]);
		close(op[0]);
		prof_go_wait(gp[0]);
		work(op[1], arg);
		_exit(0);
	}
	ck_assert_int_gt(pid, 0);
	close(gp[0]);
	close(op[1]);
	*go = gp[1];
	*out = op[0];
	return (pid);
}

static void
prof_go(int go)
{
	ck_assert_int_eq(write(go, "gg", 2), 2);
	close(go);
}

/* n times: open, read all, close (a credentials file). */
static void
prof_reopen(const char *path, int n)
{
	char	buf[4096];
	int	i, fd;

	for (i = 0; i < n; i++) {
		if ((fd = open(path, O_RDONLY)) == -1)
			_exit(2);
		while (read(fd, buf, sizeof buf) > 0)
			;
		close(fd);
	}
}

static void
prof_work_reopen(int out, int n)
{
	prof_reopen(prof_small, n);
	if (write(out, "done\n", 5) != 5)
		_exit(3);
}

/* n times: open, write a line, close (a log). */
static void
prof_work_logger(int out, int n)
{
	char	line[PROF_LINE];
	int	i, fd;

	memset(line, 'l', sizeof line);
	line[sizeof line - 1] = '\n';
	for (i = 0; i < n; i++) {
		fd = open(prof_log, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (fd == -1 || write(fd, line, sizeof line) != sizeof line)
			_exit(2);
		close(fd);
	}
	(void)out;
}

/*
 * A well-behaved program: one open, n writes, and n reads of the big file
 * through a descriptor it dup2()s and F_DUPFDs.
 */
static void
prof_work_stream(int out, int n)
{
	char	buf[1000];
	int	i, fd, in;

	memset(buf, 's', sizeof buf);
	if ((fd = open(prof_log, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		_exit(2);
	if ((in = open(prof_big, O_RDONLY)) == -1 || dup2(in, 40) != 40)
		_exit(2);
	close(in);
	if ((in = fcntl(40, F_DUPFD, 50)) < 50)
		_exit(2);
	for (i = 0; i < n; i++) {
		if (write(fd, buf, sizeof buf) != sizeof buf)
			_exit(2);
		if (pread(i % 2 ? in : 40, buf, 100, 0) != 100)
			_exit(2);
	}
	close(fd);
	(void)out;
}

/* Run one child under a profile to its end; its exit status. */
static int
prof_run(struct profile *p, prof_work work, int arg, char *output,
    size_t size)
{
	char	*cause;
	pid_t	 pid;
	int	 go, out, status;

	pid = prof_child(work, arg, &go, &out);
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	prof_go(go);
	prof_drain(out, output, size);
	close(out);
	profile_wait(p);
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
	return (status);
}

START_TEST(test_profile_reopen)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	const struct profile_totals *t;
	char			 out[64], finding[256];

	prof_run(p, prof_work_reopen, 300, out, sizeof out);
	ck_assert_str_eq(out, "done\n");
	f = prof_find(p, prof_small);
	ck_assert_msg(f != NULL, "no %s in the profile", prof_small);
	ck_assert_msg(prof_near(f->opens, 300), "opens %llu",
	    (unsigned long long)f->opens);
	ck_assert_msg(prof_near(f->closes, 300), "closes %llu",
	    (unsigned long long)f->closes);
	ck_assert_msg(prof_near(f->rbytes, 300 * PROF_SMALL), "rbytes %llu",
	    (unsigned long long)f->rbytes);
	ck_assert_msg(prof_near(f->reads, 300), "reads %llu",
	    (unsigned long long)f->reads);
	ck_assert_uint_eq(f->size, PROF_SMALL);
	ck_assert_msg(f->unchanged + 1 >= f->opens, "unchanged %llu of %llu",
	    (unsigned long long)f->unchanged, (unsigned long long)f->opens);
	ck_assert_uint_eq(f->cycles, 0);

	t = profile_totals(p);
	ck_assert_msg(t->calls[PROFILE_OPEN] >= 300, "open calls %llu",
	    (unsigned long long)t->calls[PROFILE_OPEN]);
	ck_assert_uint_eq(t->processes, 1);
	ck_assert_uint_eq(t->denied, 0);
	profile_finding(f, 10, finding, sizeof finding);
	ck_assert_msg(strstr(finding, "re-opened 30.0x/s, 433 B each, "
	    "unchanged") != NULL, "finding '%s'", finding);
	profile_free(p);
}
END_TEST

START_TEST(test_profile_logger)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			 out[64], finding[256];

	prof_run(p, prof_work_logger, 200, out, sizeof out);
	f = prof_find(p, prof_log);
	ck_assert_msg(f != NULL, "no %s in the profile", prof_log);
	ck_assert_msg(prof_near(f->opens, 200) && prof_near(f->writes, 200) &&
	    prof_near(f->cycles, 200), "opens %llu writes %llu cycles %llu",
	    (unsigned long long)f->opens, (unsigned long long)f->writes,
	    (unsigned long long)f->cycles);
	ck_assert_uint_eq(f->cycle_bytes, f->cycles * PROF_LINE);
	ck_assert_uint_eq(f->wbytes, f->writes * PROF_LINE);
	profile_finding(f, 10, finding, sizeof finding);
	ck_assert_msg(strstr(finding, "open-write-close, 322 B per cycle") !=
	    NULL, "finding '%s'", finding);
	profile_free(p);
}
END_TEST

START_TEST(test_profile_stream)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			 out[64], finding[256];

	prof_run(p, prof_work_stream, 500, out, sizeof out);
	f = prof_find(p, prof_log);
	ck_assert_msg(f != NULL, "no %s in the profile", prof_log);
	ck_assert_uint_eq(f->opens, 1);
	ck_assert_msg(prof_near(f->writes, 500), "writes %llu",
	    (unsigned long long)f->writes);
	ck_assert_uint_le(f->cycles, 1);
	profile_finding(f, 10, finding, sizeof finding);
	ck_assert_msg(finding[0] == '\0', "finding '%s'", finding);

	/* Reads through dup2 and F_DUPFD copies count on the file. */
	f = prof_find(p, prof_big);
	ck_assert_msg(f != NULL, "no %s in the profile", prof_big);
	ck_assert_uint_eq(f->opens, 1);
	ck_assert_msg(prof_near(f->reads, 500), "reads %llu",
	    (unsigned long long)f->reads);
	ck_assert_uint_eq(f->closes, 1);
	profile_free(p);
}
END_TEST

/* A grandchild that exists before the attach, one forked after. */
static void
prof_work_tree(int out, int n)
{
	char	line[64];
	pid_t	g2;
	int	status;

	if ((g2 = fork()) == 0) {
		prctl(PR_SET_NAME, "g2-reader");
		prof_reopen(prof_big, n);
		_exit(0);
	}
	prof_reopen(prof_small, 10);
	snprintf(line, sizeof line, "g2=%ld\n", (long)g2);
	if (write(out, line, strlen(line)) < 0 || waitpid(g2, &status, 0) != g2)
		_exit(2);
}

START_TEST(test_profile_tree)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			*cause, out[128];
	pid_t			 pid, g1;
	int			 go, gp[2], ms, op[2], status;
	long			 g2;

	/* g1 is forked by the child before we attach and waits on go too. */
	ck_assert_int_eq(pipe(gp), 0);
	ck_assert_int_eq(pipe(op), 0);
	if ((pid = fork()) == 0) {
		close(gp[1]);
		close(op[0]);
		if ((g1 = fork()) == 0) {
			prctl(PR_SET_NAME, "g1-reader");
			prof_go_wait(gp[0]);
			prof_reopen(prof_small, 100);
			_exit(0);
		}
		prof_go_wait(gp[0]);
		prof_work_tree(op[1], 40);
		if (waitpid(g1, &status, 0) != g1)
			_exit(2);
		_exit(0);
	}
	close(gp[0]);
	close(op[1]);
	go = gp[1];

	/* Wait until g1 is there and named, so the attach finds it. */
	for (ms = 0; ms < PROF_WAIT; ms += 10) {
		char	path[128], name[32] = "";
		FILE	*fp;
		long	c = 0;

		snprintf(path, sizeof path, "/proc/%ld/task/%ld/children",
		    (long)pid, (long)pid);
		if ((fp = fopen(path, "r")) != NULL) {
			if (fscanf(fp, "%ld", &c) != 1)
				c = 0;
			fclose(fp);
		}
		snprintf(path, sizeof path, "/proc/%ld/comm", c);
		if (c > 0 && (fp = fopen(path, "r")) != NULL) {
			if (fgets(name, sizeof name, fp) == NULL)
				name[0] = '\0';
			fclose(fp);
		}
		if (strcmp(name, "g1-reader\n") == 0)
			break;
		prof_msleep(10);
	}
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	ck_assert_int_eq(write(go, "gg", 2), 2);
	close(go);
	prof_drain(op[0], out, sizeof out);
	close(op[0]);
	profile_wait(p);
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
	ck_assert_msg(sscanf(out, "g2=%ld", &g2) == 1, "output '%s'", out);

	/* g1 re-read the small file 100 times; the child only 10. */
	f = prof_find(p, prof_small);
	ck_assert_msg(f != NULL, "no %s", prof_small);
	ck_assert_msg(prof_near(f->opens, 110), "opens %llu",
	    (unsigned long long)f->opens);
	ck_assert_str_eq(f->comm, "g1-reader");
	ck_assert_msg(prof_near(f->pid_calls, 100 * 3), "g1 calls %llu",
	    (unsigned long long)f->pid_calls);

	/* g2, forked while traced, re-read the big one 40 times. */
	f = prof_find(p, prof_big);
	ck_assert_msg(f != NULL, "no %s", prof_big);
	ck_assert_msg(prof_near(f->opens, 40), "opens %llu",
	    (unsigned long long)f->opens);
	ck_assert_msg(prof_near(f->rbytes, 40ULL * PROF_BIG), "rbytes %llu",
	    (unsigned long long)f->rbytes);
	ck_assert_int_eq(f->pid, g2);
	ck_assert_uint_eq(profile_totals(p)->processes, 3);
	profile_free(p);
}
END_TEST

/*
 * Run a shell script under a profile to its end, its first line of input
 * given once it is attached; its output into out.
 */
static void
prof_sh(struct profile *p, const char *script, char *out, size_t size)
{
	char	*cause;
	pid_t	 pid;
	int	 gp[2], op[2], status;

	ck_assert_int_eq(pipe(gp), 0);
	ck_assert_int_eq(pipe(op), 0);
	if ((pid = fork()) == 0) {
		dup2(gp[0], 0);
		dup2(op[1], 1);
		close(gp[0]);
		close(gp[1]);
		close(op[0]);
		close(op[1]);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		_exit(127);
	}
	close(gp[0]);
	close(op[1]);
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	ck_assert_int_eq(write(gp[1], "go\n", 3), 3);
	close(gp[1]);
	prof_drain(op[0], out, size);
	close(op[0]);
	profile_wait(p);
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "sh status %#x", status);
}

/* sh forks and execs cat 20 times on the big file: exec and exit. */
START_TEST(test_profile_exec)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			 script[PATH_MAX + 128], out[256];
	char			 finding[256];

	snprintf(script, sizeof script, "read x; i=0; while [ $i -lt 20 ]; "
	    "do cat '%s' >/dev/null; i=$((i+1)); done; echo done $i",
	    prof_big);
	prof_sh(p, script, out, sizeof out);
	ck_assert_str_eq(out, "done 20\n");

	f = prof_find(p, prof_big);
	ck_assert_msg(f != NULL, "no %s", prof_big);
	ck_assert_msg(prof_near(f->opens, 20), "opens %llu",
	    (unsigned long long)f->opens);
	ck_assert_msg(prof_near(f->rbytes, 20ULL * PROF_BIG), "rbytes %llu",
	    (unsigned long long)f->rbytes);
	ck_assert_str_eq(f->comm, "cat");
	/* Each of the 20 cats read it once: the command is what did most. */
	ck_assert_uint_eq(f->procs, 20);
	ck_assert_uint_ge(profile_totals(p)->processes, 21);
	profile_finding(f, 2, finding, sizeof finding);
	ck_assert_msg(strstr(finding, "68 KB file read 10.0x/s") != NULL,
	    "finding '%s'", finding);
	profile_free(p);
}
END_TEST

/* Copy a program, with a mode. */
static void
prof_copy(const char *from, const char *to, mode_t mode)
{
	char	cmd[3 * PATH_MAX];

	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
	ck_assert_msg(chmod(to, mode) == 0, "chmod %s: %s", to,
	    strerror(errno));
}

/*
 * A setuid program exec'd by a tracee, by its full name and from its
 * directory, is let go before it runs (traced, it would lose its
 * privileges): its opens are not counted, those of a plain copy are.
 */
START_TEST(test_profile_setuid)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			 script[6 * PATH_MAX + 512], out[256];
	char			 suid[PATH_MAX + 16], plain[PATH_MAX + 16];

	snprintf(suid, sizeof suid, "%s/suidcat", prof_dir);
	snprintf(plain, sizeof plain, "%s/plaincat", prof_dir);
	prof_copy("/bin/cat", suid, 04755);
	prof_copy("/bin/cat", plain, 0755);
	snprintf(script, sizeof script, "read x; cat '%s' >/dev/null; "
	    "'%s' '%s' >/dev/null; cd '%s' && ./suidcat '%s' >/dev/null && "
	    "./plaincat '%s' >/dev/null && echo done", prof_small, suid,
	    prof_small, prof_dir, prof_small, prof_small);
	prof_sh(p, script, out, sizeof out);
	ck_assert_str_eq(out, "done\n");

	ck_assert_uint_eq(profile_totals(p)->privileged, 2);
	f = prof_find(p, prof_small);
	ck_assert_msg(f != NULL && f->opens == 2, "opens of %s: %llu",
	    prof_small, f != NULL ? (unsigned long long)f->opens : 0ULL);
	profile_free(p);
}
END_TEST

/* Output and signals are what they would be untraced. */
static volatile sig_atomic_t	prof_usr1;

static void
prof_on_usr1(int sig)
{
	(void)sig;
	prof_usr1++;
}

static void
prof_work_signals(int out, int n)
{
	char	line[64];
	int	i, len;

	signal(SIGUSR1, prof_on_usr1);
	for (i = 0; i < n; i++) {
		len = snprintf(line, sizeof line, "line %d\n", i);
		if (write(out, line, len) != len)
			_exit(2);
		if (i % 10 == 0)
			raise(SIGUSR1);
	}
	len = snprintf(line, sizeof line, "usr1=%d\n", (int)prof_usr1);
	if (write(out, line, len) != len)
		_exit(2);
}

START_TEST(test_profile_output)
{
	struct profile	*p = profile_create();
	char		 out[8192], want[8192];
	size_t		 used = 0;
	int		 i;

	for (i = 0; i < 200; i++)
		used += snprintf(want + used, sizeof want - used, "line %d\n", i);
	snprintf(want + used, sizeof want - used, "usr1=20\n");

	prof_run(p, prof_work_signals, 200, out, sizeof out);
	ck_assert_str_eq(out, want);
	ck_assert_uint_ge(profile_totals(p)->signals, 20);
	profile_free(p);
}
END_TEST

/* Slow work: n re-opens a millisecond apart, then "done". */
static void
prof_work_slow(int out, int n)
{
	int	i;

	for (i = 0; i < n; i++) {
		prof_reopen(prof_small, 1);
		if (write(out, ".", 1) != 1)
			_exit(2);
		prof_msleep(1);
	}
	if (write(out, "done\n", 5) != 5)
		_exit(3);
}

/* Read until n bytes came, or the time is up. */
static size_t
prof_read_some(int fd, size_t n)
{
	char	buf[256];
	size_t	got = 0;
	ssize_t	r;

	while (got < n && (r = read(fd, buf, sizeof buf < n - got ?
	    sizeof buf : n - got)) > 0)
		got += (size_t)r;
	return (got);
}

/* Stopped mid-run, the child runs on untraced and finishes. */
START_TEST(test_profile_stop)
{
	struct profile		*p = profile_create();
	struct profile_file	*f;
	char			*cause, out[4096];
	pid_t			 pid;
	int			 go, fd, status;
	char			 state;

	pid = prof_child(prof_work_slow, 1000, &go, &fd);
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	prof_go(go);
	ck_assert_uint_eq(prof_read_some(fd, 50), 50);
	profile_stop(p);
	profile_wait(p);
	ck_assert_int_eq(prof_tracer(pid), 0);
	state = prof_state(pid);
	ck_assert_msg(state != 't' && state != 'T', "state %c", state);

	prof_drain(fd, out, sizeof out);
	close(fd);
	ck_assert_msg(strlen(out) == 950 + 5 &&
	    strcmp(out + 950, "done\n") == 0, "tail '%s'",
	    out + (strlen(out) > 10 ? strlen(out) - 10 : 0));
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
	f = prof_find(p, prof_small);
	ck_assert_msg(f != NULL && f->opens >= 49 && f->opens < 1000,
	    "opens %llu", f == NULL ? 0ULL : (unsigned long long)f->opens);
	profile_free(p);
}
END_TEST

/*
 * A shell that forks short-lived children, stopped while it does: the
 * profile ends, and the shell runs on untraced (check_profile_cli's
 * test_profile_busy_children does the same through the server, loaded).
 */
START_TEST(test_profile_short_children)
{
	struct profile	*p;
	char		*cause, script[PATH_MAX + 64];
	pid_t		 pid;
	int		 round, i, status;

	snprintf(script, sizeof script, "while :; do cat '%s' >/dev/null; "
	    "sleep 0.05; done", prof_small);
	for (round = 0; round < 3; round++) {
		if ((pid = fork()) == 0) {
			execl("/bin/sh", "sh", "-c", script, (char *)NULL);
			_exit(127);
		}
		p = profile_create();
		ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s",
		    cause);
		prof_msleep(700);
		profile_stop(p);
		for (i = 0; i < 1000 && !profile_done(p); i++)
			prof_msleep(10);
		ck_assert_msg(profile_done(p), "round %d: the profile never "
		    "ended (%u processes seen)", round,
		    profile_totals(p)->processes);
		ck_assert_int_eq(prof_tracer(pid), 0);
		profile_free(p);
		kill(pid, SIGKILL);
		status = prof_reap(pid);
		ck_assert(WIFSIGNALED(status));
	}
}
END_TEST

/* Wait until a process is in one of the states; the state. */
static char
prof_state_wait(pid_t pid, const char *states)
{
	char	state = '?';
	int	ms;

	for (ms = 0; ms < PROF_WAIT; ms += 5) {
		if (strchr(states, (state = prof_state(pid))) != NULL)
			break;
		prof_msleep(5);
	}
	return (state);
}

/*
 * SIGSTOP and SIGCONT work as untraced; a child stopped when the profile
 * ends stays stopped (and untraced) until SIGCONT.
 */
START_TEST(test_profile_group_stop)
{
	struct profile	*p = profile_create();
	char		*cause, out[4096];
	pid_t		 pid;
	int		 go, fd, status;
	char		 state;

	pid = prof_child(prof_work_slow, 400, &go, &fd);
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	prof_go(go);
	ck_assert_uint_eq(prof_read_some(fd, 20), 20);

	kill(pid, SIGSTOP);
	state = prof_state_wait(pid, "tT");
	ck_assert_msg(state == 't' || state == 'T', "state %c", state);
	kill(pid, SIGCONT);
	ck_assert_uint_eq(prof_read_some(fd, 100), 100);

	kill(pid, SIGSTOP);
	state = prof_state_wait(pid, "tT");
	ck_assert_msg(state == 't' || state == 'T', "state %c", state);
	profile_stop(p);
	profile_wait(p);
	ck_assert_int_eq(prof_tracer(pid), 0);
	state = prof_state_wait(pid, "T");
	ck_assert_msg(state == 'T', "after the profile: state %c", state);
	kill(pid, SIGCONT);

	prof_drain(fd, out, sizeof out);
	close(fd);
	ck_assert_msg(strlen(out) == 400 - 120 + 5, "output '%s'", out);
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
	profile_free(p);
}
END_TEST

/*
 * A tracer killed mid-profile: the kernel lets its tracees go and they
 * finish. The test process is a subreaper, so the orphan comes to it.
 */
START_TEST(test_profile_tracer_killed)
{
	char	 out[4096];
	pid_t	 tracer, child = -1;
	int	 rp[2], op[2], gp[2], status;
	long	 ms;

	ck_assert_int_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	ck_assert_int_eq(pipe(rp), 0);
	ck_assert_int_eq(pipe(op), 0);
	if ((tracer = fork()) == 0) {
		struct profile	*p = profile_create();
		char		*cause;

		close(rp[0]);
		close(op[0]);
		if (pipe(gp) != 0)
			_exit(2);
		if ((child = fork()) == 0) {
			close(gp[1]);
			prof_go_wait(gp[0]);
			prof_work_slow(op[1], 600);
			_exit(0);
		}
		close(op[1]);
		close(gp[0]);
		if (profile_start(p, child, &cause) != 0)
			_exit(3);
		if (write(rp[1], &child, sizeof child) != sizeof child)
			_exit(4);
		prof_go(gp[1]);
		for (;;)
			pause();
	}
	close(rp[1]);
	close(op[1]);
	ck_assert_int_eq(read(rp[0], &child, sizeof child), sizeof child);
	close(rp[0]);
	ck_assert_uint_eq(prof_read_some(op[0], 30), 30);
	ck_assert_int_gt(prof_tracer(child), 0);
	kill(tracer, SIGKILL);
	ck_assert_int_eq(waitpid(tracer, &status, 0), tracer);

	for (ms = 0; ms < PROF_WAIT && prof_tracer(child) != 0; ms += 5)
		prof_msleep(5);
	ck_assert_int_eq(prof_tracer(child), 0);
	prof_drain(op[0], out, sizeof out);
	close(op[0]);
	ck_assert_msg(strlen(out) == 600 - 30 + 5 &&
	    strcmp(out + 570, "done\n") == 0, "output '%s'", out);
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x", status);
}
END_TEST

/* The causes, with Yama and the process read from fixture trees. */
START_TEST(test_profile_cause)
{
	char	 dir[] = "/tmp/vigil-profile-proc-XXXXXX", path[256], buf[256];
	FILE	*f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	profile_cause(EPERM, 4242, dir, buf, sizeof buf);
	ck_assert_str_eq(buf, "ptrace not permitted in this container");
	profile_cause(ESRCH, 4242, dir, buf, sizeof buf);
	ck_assert_str_eq(buf, "no such process 4242");

	snprintf(path, sizeof path, "mkdir -p %s/sys/kernel/yama %s/4242",
	    dir, dir);
	ck_assert_int_eq(system(path), 0);
	snprintf(path, sizeof path, "%s/sys/kernel/yama/ptrace_scope", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("2\n", f);
	fclose(f);
	profile_cause(EPERM, 4242, dir, buf, sizeof buf);
	ck_assert_str_eq(buf, "ptrace not permitted (kernel.yama.ptrace_scope=2)");

	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("1\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/4242/status", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("Name:\tnode\nTracerPid:\t77\nUid:\t0\t0\t0\t0\n", f);
	fclose(f);
	profile_cause(EPERM, 4242, dir, buf, sizeof buf);
	ck_assert_str_eq(buf, "process 4242 is already traced by process 77");

	snprintf(path, sizeof path, "rm -rf %s", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* With no profile running, profile_reap() is waitpid(-1, WNOHANG). */
START_TEST(test_profile_reap_idle)
{
	pid_t	pid, got;
	int	status = 0, ms;

	ck_assert_int_eq(profile_reap(&status), -1);
	ck_assert_int_eq(errno, ECHILD);
	if ((pid = fork()) == 0)
		_exit(7);
	for (ms = 0; ms < PROF_WAIT; ms += 5) {
		if ((got = profile_reap(&status)) != 0)
			break;
		prof_msleep(5);
	}
	ck_assert_int_eq(got, pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 7,
	    "status %#x", status);
}
END_TEST

/* A gone pid, a second profile, and exits of children we don't trace. */
START_TEST(test_profile_refusals)
{
	struct profile	*p = profile_create(), *q = profile_create();
	char		*cause, out[64];
	pid_t		 gone, pid, other;
	int		 go, fd, ogo, ofd, status;

	if ((gone = fork()) == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(gone, &status, 0), gone);
	ck_assert_int_eq(profile_start(p, gone, &cause), -1);
	ck_assert_msg(strstr(cause, "no such process") != NULL, "%s", cause);
	free(cause);
	ck_assert_int_eq(profile_done(p), 1);
	profile_free(p);

	p = profile_create();
	pid = prof_child(prof_work_reopen, 50, &go, &fd);
	other = prof_child(prof_work_reopen, 5, &ogo, &ofd);
	ck_assert_msg(profile_start(p, pid, &cause) == 0, "start: %s", cause);
	ck_assert_int_eq(profile_start(q, other, &cause), -1);
	ck_assert_str_eq(cause, "another profile is running");
	free(cause);

	/* An untraced child's exit comes through profile_reap(). */
	prof_go(ogo);
	prof_drain(ofd, out, sizeof out);
	close(ofd);
	status = prof_reap(other);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "other status %#x", status);
	ck_assert_int_eq(profile_done(p), 0);

	prof_go(go);
	prof_drain(fd, out, sizeof out);
	close(fd);
	profile_wait(p);
	status = prof_reap(pid);
	ck_assert_msg(WIFEXITED(status), "child status %#x", status);
	ck_assert_ptr_null(prof_find(p, "no such file"));
	ck_assert_ptr_nonnull(prof_find(p, prof_small));
	profile_free(p);
	profile_free(q);
}
END_TEST

Suite *
suite_profile(void)
{
	Suite	*s = suite_create("profile");
	TCase	*tc;

	tc = tcase_create("profile-patterns");
	tcase_add_checked_fixture(tc, prof_setup, prof_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_profile_reopen);
	tcase_add_test(tc, test_profile_logger);
	tcase_add_test(tc, test_profile_stream);
	tcase_add_test(tc, test_profile_tree);
	tcase_add_test(tc, test_profile_exec);
	tcase_add_test(tc, test_profile_setuid);
	tcase_add_test(tc, test_profile_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("profile-lifecycle");
	tcase_add_checked_fixture(tc, prof_setup, prof_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_profile_stop);
	tcase_add_test(tc, test_profile_short_children);
	tcase_add_test(tc, test_profile_group_stop);
	tcase_add_test(tc, test_profile_tracer_killed);
	tcase_add_test(tc, test_profile_cause);
	tcase_add_test(tc, test_profile_refusals);
	tcase_add_test(tc, test_profile_reap_idle);
	suite_add_tcase(s, tc);
	return (s);
}
