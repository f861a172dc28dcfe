/*
 * End to end for vigil profile: a real server profiling real panes. A
 * shell that re-opens a small file a known number of times is named with
 * the exact count and its finding, in text and in JSON; profile --stop
 * from a second vigil ends a waiting profile; a pane that exits, a server
 * that exits, and a vigil killed while it waits each end the profile; a
 * server killed with SIGKILL leaves the traced program running, untraced,
 * its output unbroken; refusals are one line and a non-zero exit; the
 * status line and the key say what runs and where the report went.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "vigil/profile.h"
#include "vigil/profiler.h"
#include "vigil/proctree.h"

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"

#define PC_WAIT		20000	/* ms, scaled: a traced program is slow */
#define PC_ROUND	300	/* re-opens a round of the loop makes */

static struct h_term	*pc_term;

static void
pc_setup(void)
{
	srv_make("prof");
}

static void
pc_teardown(void)
{
	h_free(pc_term);
	pc_term = NULL;
	srv_remove();
}

static void
pc_sweep(void)
{
	srv_sweep("prof");
}

/*
 * A pane whose shell re-opens small.txt PC_ROUND times for each line it
 * reads, then says "done N" (N rounds so far): a count the test knows.
 */
static void
pc_reopen_pane(const char *session)
{
	char	cmd[512];

	srv_write("small.txt", "hello\n");
	snprintf(cmd, sizeof cmd, "n=0; echo ready; while read go; do i=0; "
	    "while [ $i -lt %d ]; do read x < %s; i=$((i+1)); done; "
	    "n=$((n+1)); echo \"done $n\"; done", PC_ROUND,
	    srv_path("small.txt"));
	free(srv_ok("new", "-d", "-s", session, "-x", "100", "-y", "30", cmd,
	    NULL));
}

/* Wait until a pane's screen holds text; the capture (free it). */
static char *
pc_wait_capture(const char *target, const char *text)
{
	char		*out = NULL;
	long long	 end = srv_now() + h_scaled(PC_WAIT);

	do {
		free(out);
		if (srv_run(&out, "capture", "-t", target, NULL) == 0 &&
		    strstr(out, text) != NULL)
			return (out);
		srv_sleep(50);
	} while (srv_now() < end);
	ck_abort_msg("%s never showed '%s':\n%s", target, text, out);
	return (NULL);
}

/* Start vigil in the background, its output to a file of the test. */
static pid_t
pc_spawn(const char *file, const char *const *args)
{
	char	*argv[SRV_MAX_ARGS + 4];
	pid_t	 pid;
	int	 argc = 0, fd;

	argv[argc++] = (char *)vigil_bin();
	argv[argc++] = "-S";
	argv[argc++] = srv_sock;
	for (; *args != NULL && argc < SRV_MAX_ARGS + 3; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	if ((fd = open(srv_path(file), O_WRONLY | O_CREAT | O_TRUNC,
	    0600)) == -1)
		ck_abort_msg("%s: %m", srv_path(file));
	if ((pid = fork()) == -1)
		ck_abort_msg("fork: %m");
	if (pid == 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
		execve(argv[0], argv, srv_env(NULL));
		_exit(127);
	}
	close(fd);
	return (pid);
}

/* Wait for a background vigil; its exit status, or -1 if it never ended. */
static int
pc_reap(pid_t pid, int ms)
{
	long long	end = srv_now() + h_scaled(ms);
	int		status;

	do {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return (WIFEXITED(status) ? WEXITSTATUS(status) :
			    128 + WTERMSIG(status));
		srv_sleep(50);
	} while (srv_now() < end);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return (-1);
}

/* The row of a text report that names a path (a static copy), or NULL. */
static const char *
pc_row(const char *report, const char *path)
{
	static char	 row[1024];
	const char	*p = strstr(report, path), *start;

	if (p == NULL)
		return (NULL);
	for (start = p; start > report && start[-1] != '\n'; start--)
		/* nothing */;
	snprintf(row, sizeof row, "%.*s", (int)strcspn(start, "\n"), start);
	return (row);
}

/* The report's first line is a one-line error: exit non-zero, no more. */
static void
pc_assert_refused(int status, const char *out, const char *want)
{
	ck_assert_msg(status != 0, "exit 0: %s", out);
	ck_assert_msg(strstr(out, want) != NULL, "no '%s' in: %s", want, out);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1,
	    "not one line: %s", out);
}

/*
 * Two rounds of the loop under a waiting profile, which a second vigil
 * ends with --stop: the report counts exactly the opens made, says they
 * were unchanged and who made them, and the pane saw the same as without.
 */
START_TEST(test_profile_reopen)
{
	const char	*args[] = { "profile", "-t", "r:0", "--for", "10m",
			    NULL };
	const char	*row;
	char		*report, *out;
	unsigned long long opens;
	pid_t		 bg;
	int		 status;

	pc_reopen_pane("r");
	free(pc_wait_capture("r:0", "ready"));
	free(srv_ok("send-keys", "-t", "r:0", "go", "Enter", NULL));
	free(pc_wait_capture("r:0", "done 1"));

	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("r", "profiling", 1, PC_WAIT);
	free(srv_ok("send-keys", "-t", "r:0", "go", "Enter", NULL));
	free(pc_wait_capture("r:0", "done 2"));
	free(srv_ok("send-keys", "-t", "r:0", "go", "Enter", NULL));
	out = pc_wait_capture("r:0", "done 3");
	ck_assert_msg(strstr(out, "ready\ngo\ndone 1\ngo\ndone 2\ngo\ndone 3\n")
	    != NULL, "the pane's output changed:\n%s", out);
	free(out);
	free(srv_ok("profile", "--stop", "-t", "r:0", NULL));
	status = pc_reap(bg, PC_WAIT);
	report = srv_read("report.txt");
	ck_assert_msg(status == 0, "profile: exit %d: %s", status, report);

	ck_assert_msg(strncmp(report, "profile of r:0 (%0, pid ", 24) == 0 &&
	    strstr(report, "ended: stopped\n") != NULL, "head: %s", report);
	row = pc_row(report, srv_path("small.txt"));
	ck_assert_msg(row != NULL, "no small.txt in:\n%s", report);
	ck_assert_msg(sscanf(row, "%llu", &opens) == 1 &&
	    opens == 2 * PC_ROUND, "opens: want %d: %s", 2 * PC_ROUND, row);
	ck_assert_msg(strstr(row, " sh[") != NULL, "process: %s", row);
	ck_assert_msg(strstr(report, "-> re-opened ") != NULL &&
	    strstr(report, "6 B each, unchanged") != NULL, "finding: %s",
	    report);
	ck_assert_msg(strstr(report, "\ntotals: ") != NULL &&
	    strstr(report, "\noverhead: tracer ") != NULL, "bottom: %s",
	    report);
	free(report);

	/* Nothing stays traced or stopped. */
	ck_assert_msg(srv_proc_status(srv_pane_pid("r"), "TracerPid") == 0, "still traced");
	ck_assert_msg(!srv_pane_is("r", "profiling"), "still profiling");
	free(srv_ok("send-keys", "-t", "r:0", "go", "Enter", NULL));
	free(pc_wait_capture("r:0", "done 4"));
}
END_TEST

/*
 * --json for a duration: a re-open loop and an open-write-close logger,
 * with every field there and the logger's cycles found.
 */
START_TEST(test_profile_json)
{
	char	 cmd[512], *small, *out, *p;
	int	 status;

	srv_write("small.txt", "hello\n");
	small = strdup(srv_path("small.txt"));
	snprintf(cmd, sizeof cmd, "i=0; while :; do read x < %s; "
	    "echo \"line $i\" >> %s; i=$((i+1)); done", small,
	    srv_path("log.txt"));
	free(small);
	free(srv_ok("new", "-d", "-s", "j", cmd, NULL));
	status = srv_run(&out, "profile", "-t", "j", "--for", "2s", "--json",
	    NULL);
	ck_assert_msg(status == 0, "exit %d: %s", status, out);
	srv_assert_json("profile --json", out);
	ck_assert_msg(strstr(out, "\"pane\": \"%0\", \"target\": \"j:0\"") !=
	    NULL && strstr(out, "\"ended\": \"duration\"") != NULL, "%s", out);
	ck_assert_msg(strstr(out, srv_path("small.txt")) != NULL, "%s", out);
	ck_assert_msg((p = strstr(out, srv_path("log.txt"))) != NULL, "%s",
	    out);
	ck_assert_msg(strstr(p, "\"cycles\": 0,") == NULL &&
	    strstr(p, "open-write-close") != NULL, "logger: %s", p);
	ck_assert_msg(strstr(out, "\"opens_per_s\": ") != NULL &&
	    strstr(out, "\"bytes_read_per_s\": ") != NULL &&
	    strstr(out, "\"bytes_written\": ") != NULL &&
	    strstr(out, "\"comm\": \"sh\"") != NULL &&
	    strstr(out, "\"totals\": {\"open\": ") != NULL &&
	    strstr(out, "\"overhead\": {\"tracer_cpu\": ") != NULL,
	    "fields: %s", out);
	free(out);
}
END_TEST

/* The parent of a process, by its stat. */
static pid_t
pc_ppid(pid_t pid)
{
	char	 path[64], stat[512];
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	ck_assert_msg((f = fopen(path, "r")) != NULL, "%s: %m", path);
	ck_assert(fgets(stat, sizeof stat, f) != NULL);
	fclose(f);
	return (proctree_parse_ppid(stat));
}

/*
 * How many lines of seq.txt there are, checking that line n is n: every
 * number written once, in order.
 */
static long
pc_count(void)
{
	char	*seq = srv_read("seq.txt"), *line, *last;
	long	 n = 0;

	for (line = strtok_r(seq, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last)) {
		ck_assert_msg(strtol(line, NULL, 10) == n + 1, "after %ld: %s",
		    n, line);
		n++;
	}
	free(seq);
	return (n);
}

/*
 * SIGKILL to the server mid-profile: the kernel lets the tracee go, and
 * it keeps counting, every number once, in order.
 */
START_TEST(test_profile_server_killed)
{
	const char	*args[] = { "profile", "-t", "k", "--for", "10m",
			    NULL };
	struct srv_proc	 sp;
	char		 cmd[512], *seq;
	pid_t		 bg, pid, server;
	long		 tracer, before, after;
	int		 status, i;

	srv_write("small.txt", "hello\n");
	/* Its terminal goes with the server: it writes to a file instead. */
	seq = strdup(srv_path("seq.txt"));
	snprintf(cmd, sizeof cmd, "trap '' HUP; i=0; while :; do i=$((i+1)); "
	    "echo $i >> %s; read x < %s; done", seq, srv_path("small.txt"));
	free(seq);
	free(srv_ok("new", "-d", "-s", "k", cmd, NULL));
	pid = srv_pane_pid("k");
	server = pc_ppid(pid);
	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("k", "profiling", 1, PC_WAIT);
	tracer = srv_proc_status(pid, "TracerPid");
	/* The tracer is a thread of the server, not the server's own. */
	ck_assert_msg(tracer > 0 && tracer != server, "TracerPid %ld, server "
	    "%ld", tracer, (long)server);
	ck_assert(kill(server, SIGKILL) == 0);
	status = pc_reap(bg, PC_WAIT);
	ck_assert_msg(status != 0 && status != -1, "profile: exit %d", status);

	/* Untraced, not stopped, still counting. */
	for (i = 0; i < h_scaled(PC_WAIT) / 50; i++) {
		if (srv_proc_status(pid, "TracerPid") == 0)
			break;
		srv_sleep(50);
	}
	ck_assert_msg(srv_proc_status(pid, "TracerPid") == 0, "still traced");
	before = pc_count();
	srv_sleep(500);
	ck_assert_msg(srv_stat(pid, &sp) == 0 && sp.state != 'T' &&
	    sp.state != 't' && sp.state != 'Z', "pid %ld is %c", (long)pid,
	    sp.state);
	after = pc_count();
	ck_assert_msg(after > before + 10, "stopped counting at %ld (%ld "
	    "before)", after, before);
	kill(pid, SIGKILL);
}
END_TEST

/*
 * The pane's program exits mid-profile: the report comes at once, with
 * every open it made, and the other pane keeps the server.
 */
START_TEST(test_profile_pane_exits)
{
	const char	*args[] = { "profile", "-t", "x:0", "--for", "10m",
			    NULL };
	char		 cmd[512], *report;
	const char	*row;
	unsigned long long opens;
	long long	 start;
	pid_t		 bg;
	int		 status;

	srv_write("small.txt", "hello\n");
	snprintf(cmd, sizeof cmd, "read go; i=0; while [ $i -lt %d ]; do "
	    "read x < %s; i=$((i+1)); done", PC_ROUND, srv_path("small.txt"));
	free(srv_ok("new", "-d", "-s", "x", cmd, NULL));
	free(srv_ok("split", "-t", "x", "exec cat", NULL));
	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("x", "profiling", 1, PC_WAIT);
	start = srv_now();
	free(srv_ok("send-keys", "-t", "x:0", "go", "Enter", NULL));
	status = pc_reap(bg, PC_WAIT);
	report = srv_read("report.txt");
	ck_assert_msg(status == 0, "profile: exit %d: %s", status, report);
	ck_assert_msg(srv_now() - start < h_scaled(PC_WAIT), "slow");
	ck_assert_msg(strstr(report, "ended: exited\n") != NULL, "%s", report);
	row = pc_row(report, srv_path("small.txt"));
	ck_assert_msg(row != NULL && sscanf(row, "%llu", &opens) == 1 &&
	    opens == PC_ROUND, "want %d opens:\n%s", PC_ROUND, report);
	free(report);
	free(srv_ok("list-panes", "-t", "x", NULL));
}
END_TEST

/*
 * A pane forking short-lived children on a busy machine (two spinners,
 * gone after a minute whatever happens): a child's first stop may come
 * before its parent's fork event, when the child is already gone or let
 * go; a record made for it then kept the tracer waiting, and the profile
 * never ended (2 runs in 6 like this before the fix).
 */
START_TEST(test_profile_busy_children)
{
	const char	*args[] = { "profile", "-t", "b:0", "--for", "2s",
			    NULL };
	char		 cmd[512], *report;
	pid_t		 spin[2], bg;
	int		 i, round, status;

	srv_write("small.txt", "hello\n");
	snprintf(cmd, sizeof cmd, "while :; do cat %s >/dev/null; sleep 0.05; "
	    "done", srv_path("small.txt"));
	free(srv_ok("new", "-d", "-s", "b", cmd, NULL));
	for (i = 0; i < 2; i++) {
		if ((spin[i] = fork()) == 0) {
			alarm(60);
			for (;;)
				/* nothing */;
		}
	}
	for (round = 0; round < 4; round++) {
		bg = pc_spawn("report.txt", args);
		status = pc_reap(bg, PC_WAIT);
		report = srv_read("report.txt");
		ck_assert_msg(status == 0 && strstr(report, "ended: duration\n")
		    != NULL, "round %d: exit %d: %s", round, status, report);
		free(report);
	}
	for (i = 0; i < 2; i++) {
		kill(spin[i], SIGKILL);
		waitpid(spin[i], NULL, 0);
	}
}
END_TEST

/*
 * kill-pane mid-profile: the report says so, and a program that outlives
 * its pane (it ignores the hangup) runs on untraced.
 */
START_TEST(test_profile_pane_killed)
{
	const char	*args[] = { "profile", "-t", "y:0", "--for", "10m",
			    NULL };
	char		 cmd[512], *report;
	struct srv_proc	 sp;
	pid_t		 bg, pid;
	int		 status;

	srv_write("small.txt", "hello\n");
	snprintf(cmd, sizeof cmd, "trap '' HUP; while :; do read x < %s; "
	    "done", srv_path("small.txt"));
	free(srv_ok("new", "-d", "-s", "y", cmd, NULL));
	free(srv_ok("split", "-t", "y", "exec cat", NULL));
	pid = srv_pane_pid("y");
	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("y", "profiling", 1, PC_WAIT);
	free(srv_ok("kill-pane", "-t", "y:0", NULL));
	status = pc_reap(bg, PC_WAIT);
	report = srv_read("report.txt");
	ck_assert_msg(status == 0 && strstr(report, "ended: pane closed\n") !=
	    NULL && strstr(report, srv_path("small.txt")) != NULL,
	    "exit %d: %s", status, report);
	free(report);
	ck_assert_msg(srv_proc_status(pid, "TracerPid") == 0, "still traced");
	ck_assert_msg(srv_stat(pid, &sp) == 0 && sp.state != 'T' &&
	    sp.state != 't', "pid %ld is %c", (long)pid, sp.state);
	kill(pid, SIGKILL);
}
END_TEST

/*
 * Ends that nobody asks for: the waiting vigil killed (the profile stops,
 * the pane runs on untraced), and the server told to exit (the waiting
 * vigil still gets its report).
 */
START_TEST(test_profile_ends)
{
	const char	*args[] = { "profile", "-t", "e", "--for", "10m",
			    NULL };
	char		*report;
	pid_t		 bg, pid;
	int		 status;

	pc_reopen_pane("e");
	free(pc_wait_capture("e:0", "ready"));
	pid = srv_pane_pid("e");

	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("e", "profiling", 1, PC_WAIT);
	ck_assert_msg(srv_proc_status(pid, "TracerPid") > 0, "not traced");
	kill(bg, SIGKILL);
	ck_assert(pc_reap(bg, PC_WAIT) == 128 + SIGKILL);
	srv_wait_pane_is("e", "profiling", 0, PC_WAIT);
	ck_assert_msg(srv_proc_status(pid, "TracerPid") == 0, "still traced");
	free(srv_ok("send-keys", "-t", "e:0", "go", "Enter", NULL));
	free(pc_wait_capture("e:0", "done 1"));

	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("e", "profiling", 1, PC_WAIT);
	free(srv_ok("kill-server", NULL));
	status = pc_reap(bg, PC_WAIT);
	report = srv_read("report.txt");
	ck_assert_msg(status == 0 && strstr(report, "ended: server exit\n") !=
	    NULL, "exit %d: %s", status, report);
	free(report);
}
END_TEST

/* What can't be profiled says why in one line and exits non-zero. */
START_TEST(test_profile_refusals)
{
	const char	*args[] = { "profile", "-t", "f", "--for", "10m",
			    NULL };
	char		*out;
	pid_t		 bg;
	int		 status;

	pc_reopen_pane("f");
	free(srv_ok("new", "-d", "-s", "g", "exec cat", NULL));

	status = srv_run(&out, "profile", "-t", "nosuch:0", "--for", "2s",
	    NULL);
	pc_assert_refused(status, out, "no such session: nosuch");
	free(out);
	status = srv_run(&out, "profile", "-t", "f:7", NULL);
	pc_assert_refused(status, out, "no such pane: 7");
	free(out);
	status = srv_run(&out, "profile", "-t", "f", "--for", "5x", NULL);
	pc_assert_refused(status, out, "unknown unit");
	free(out);
	status = srv_run(&out, "profile", "-t", "f", "--for", "2h", NULL);
	pc_assert_refused(status, out, "between 1s and 1h");
	free(out);
	status = srv_run(&out, "profile", "--stop", NULL);
	pc_assert_refused(status, out, "no profile is running");
	free(out);
	status = srv_run(&out, "profile", "-t", "f", ";", "list-panes", NULL);
	pc_assert_refused(status, out, "must be the last command");
	free(out);

	/* A suspended pane is not profiled; a profiled one not suspended. */
	free(srv_ok("suspend-pane", "-t", "g", NULL));
	status = srv_run(&out, "profile", "-t", "g", "--for", "2s", NULL);
	pc_assert_refused(status, out, "is suspended");
	free(out);
	free(srv_ok("resume-pane", "-t", "g", NULL));

	bg = pc_spawn("report.txt", args);
	srv_wait_pane_is("f", "profiling", 1, PC_WAIT);
	status = srv_run(&out, "profile", "-t", "g", "--for", "2s", NULL);
	pc_assert_refused(status, out, "a profile of %0 is running");
	free(out);
	status = srv_run(&out, "suspend-pane", "-t", "f", NULL);
	pc_assert_refused(status, out, "is being profiled");
	free(out);
	status = srv_run(&out, "profile", "--stop", "-t", "g", NULL);
	pc_assert_refused(status, out, "pane %1 is not being profiled");
	free(out);
	free(srv_ok("profile", "--stop", NULL));
	ck_assert(pc_reap(bg, PC_WAIT) == 0);
}
END_TEST

/* The report file a key wrote, whole (free it); NULL if there is none. */
static char *
pc_key_report(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 name[300];

	if ((d = opendir(srv_path("state/vigil"))) == NULL)
		return (NULL);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "profile-0-", 10) == 0)
			break;
	}
	if (de == NULL) {
		closedir(d);
		return (NULL);
	}
	snprintf(name, sizeof name, "state/vigil/%s", de->d_name);
	closedir(d);
	return (srv_read(name));
}

/*
 * The prefix key P on the focused pane: the status line says it is being
 * profiled, P again ends it, and the message says where the report is.
 */
START_TEST(test_profile_key)
{
	char	*report, *log;

	pc_reopen_pane("s");
	pc_term = srv_attach(30, 160, "s");
	h_assert_text(pc_term, "[s]", h_scaled(PC_WAIT));
	h_send_key(pc_term, "C-\\");
	h_send_key(pc_term, "P");
	h_assert_text(pc_term, "profiling %0 for 30s", h_scaled(PC_WAIT));
	h_assert_text(pc_term, "0:n=0;* profiling ", h_scaled(PC_WAIT));
	ck_assert(srv_pane_is("s", "profiling"));
	free(srv_ok("send-keys", "-t", "s:0", "go", "Enter", NULL));
	free(pc_wait_capture("s:0", "done 1"));
	h_send_key(pc_term, "C-\\");
	h_send_key(pc_term, "P");
	h_assert_text(pc_term, "report in ~/state/vigil/profile-0-",
	    h_scaled(PC_WAIT));
	h_assert_text(pc_term, "small.txt re-opened", 0);
	srv_wait_pane_is("s", "profiling", 0, PC_WAIT);
	report = pc_key_report();
	ck_assert_msg(report != NULL && strstr(report, "ended: stopped\n") !=
	    NULL && strstr(report, srv_path("small.txt")) != NULL, "%s",
	    report);
	free(report);
	log = srv_read("state/vigil/events.jsonl");
	ck_assert_msg(strstr(log, "\"event\": \"profiled\"") != NULL &&
	    strstr(log, "\"report\": \"") != NULL, "%s", log);
	free(log);
}
END_TEST

/* A file for a report made up by a test. */
static struct profile_file *
pc_file(const char *path, uint64_t opens, uint64_t reads, uint64_t rbytes,
    uint64_t size)
{
	struct profile_file	*f = calloc(1, sizeof *f);

	ck_assert_ptr_nonnull(f);
	f->path = strdup(path);
	f->opens = f->closes = f->unchanged = opens;
	f->reads = reads;
	f->rbytes = rbytes;
	f->size = size;
	f->cost = (opens + reads) * 1024 + rbytes;
	f->pid = 42;
	snprintf(f->comm, sizeof f->comm, "agent");
	return (f);
}

/*
 * The report of made-up counts: files first, costliest first, with their
 * findings; what is not a file added up by kind; names that hold quotes,
 * control characters and bad UTF-8 kept safe in text and in JSON.
 */
START_TEST(test_profile_report)
{
	struct profile_file		*files[7];
	struct profile_totals		 t;
	struct profiler_about		 about = { 3, "main:1", 4242, "duration" };
	struct evbuffer			*out = evbuffer_new();
	char				*text, top[256];
	u_int				 i;

	files[0] = pc_file("/home/me/.claude/.credentials.json", 19, 19,
	    19 * 433, 433);
	files[1] = pc_file("pipe:[1234]", 0, 500, 50000, PROFILE_NOSIZE);
	files[2] = pc_file("/tmp/we\"ird\n\xff.log", 3, 0, 0, 10);
	files[3] = pc_file("socket:[99]", 0, 7, 700, PROFILE_NOSIZE);
	files[4] = pc_file("/dev/pts/3", 0, 2, 20, PROFILE_NOSIZE);
	files[5] = pc_file("pipe:[77]", 0, 1, 1, PROFILE_NOSIZE);
	files[6] = pc_file("/dev/null", 5, 0, 0, PROFILE_NOSIZE);
	memset(&t, 0, sizeof t);
	t.seconds = 10;
	t.tracer_cpu = 0.5;
	t.calls[PROFILE_OPEN] = 22;
	t.stops = 2000;
	t.processes = t.threads = 1;

	profiler_report(out, 0, &about, files, 7, &t);
	evbuffer_add(out, "", 1);
	text = (char *)evbuffer_pullup(out, -1);
	ck_assert_msg(strncmp(text, "profile of main:1 (%3, pid 4242) for "
	    "10.0s, ended: duration\n", 55) == 0, "%s", text);
	ck_assert_msg(strstr(text, "     19     1.9      19    8.0K    823B"
	    "       0      0B      0  agent[42]        /home/me/.claude/"
	    ".credentials.json\n        -> re-opened 1.9x/s, 433 B each, "
	    "unchanged; 433 B file read 1.9x/s\n") != NULL, "%s", text);
	ck_assert_msg(strstr(text, "pipe:") == NULL && strchr(text, '"') !=
	    NULL && strstr(text, "\xff") == NULL, "%s", text);
	ck_assert_msg(strstr(text, "not files: pipes (2), 0 opens, 501 reads "
	    "(49K), 0 writes (0B)\n") != NULL && strstr(text, "not files: "
	    "sockets (1),") != NULL && strstr(text, "not files: terminals (1),")
	    != NULL && strstr(text, "not files: devices (1), 5 opens,") != NULL &&
	    strstr(text, "/dev/null") == NULL, "%s", text);
	ck_assert_msg(strstr(text, "\ntotals: 22 opens (0 failed),") != NULL &&
	    strstr(text, "\noverhead: tracer 0.50s CPU (5% of 10.0s), 2000 "
	    "stops,") != NULL, "%s", text);
	evbuffer_drain(out, evbuffer_get_length(out));

	profiler_report(out, PROFILER_JSON, &about, files, 7, &t);
	evbuffer_add(out, "", 1);
	text = (char *)evbuffer_pullup(out, -1);
	srv_assert_json("report", text);
	ck_assert_msg(strstr(text, "\"pane\": \"%3\", \"target\": \"main:1\"")
	    != NULL && strstr(text, "\"path\": \"/tmp/we\\\"ird\\u000a\xef"
	    "\xbf\xbd.log\"") != NULL && strstr(text, "\"kind\": \"pipes\", "
	    "\"paths\": 2,") != NULL && strstr(text, "\"size\": null") == NULL,
	    "%s", text);
	evbuffer_free(out);

	profiler_top(top, sizeof top, files, 7, 10, 1);
	ck_assert_str_eq(top, ".credentials.json re-opened 1.9x/s, 433 B "
	    "each, unchanged");
	profiler_top(top, sizeof top, files + 1, 1, 10, 0);
	ck_assert_str_eq(top, "no file was opened, read or written");
	for (i = 0; i < 7; i++) {
		free(files[i]->path);
		free(files[i]);
	}
}
END_TEST

Suite *
suite_profile_cli(void)
{
	Suite	*s = suite_create("profile-cli");
	TCase	*tc;

	tc = tcase_create("profile-cli");
	tcase_add_checked_fixture(tc, pc_setup, pc_teardown);
	tcase_add_unchecked_fixture(tc, NULL, pc_sweep);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_profile_reopen);
	tcase_add_test(tc, test_profile_json);
	tcase_add_test(tc, test_profile_server_killed);
	tcase_add_test(tc, test_profile_pane_exits);
	tcase_add_test(tc, test_profile_pane_killed);
	tcase_add_test(tc, test_profile_busy_children);
	tcase_add_test(tc, test_profile_ends);
	tcase_add_test(tc, test_profile_refusals);
	tcase_add_test(tc, test_profile_key);
	suite_add_tcase(s, tc);

	tc = tcase_create("profile-report");
	tcase_add_test(tc, test_profile_report);
	suite_add_tcase(s, tc);
	return (s);
}
