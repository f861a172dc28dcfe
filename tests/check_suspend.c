/*
 * End to end for suspend and resume: real trees that burn CPU stopped
 * and let go by every method this machine offers (cgroup v2, the v1
 * freezer, signals), an interactive bash whose foreground job is stopped
 * and that must never notice, a pane whose process dies while suspended,
 * keys that wake a pane, and the automatic suspend of an idle pane that
 * no one looks at, next to panes that must never be suspended.
 */

#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"
#include "vigil/cgroup.h"
#include "vigil/suspend.h"

#define SUS_WAIT	10000	/* ms */
#define SUS_MAX_PIDS	128

static struct h_term	*sus_term;

static const char *const sus_methods[] = { "cgroup", "freezer", "signals" };

static void
sus_setup(void)
{
	srv_make("sus");
}

static void
sus_teardown(void)
{
	h_free(sus_term);
	sus_term = NULL;
	srv_remove();
}

static void
sus_sweep(void)
{
	srv_sweep("sus");
}

/* The object of pane index in list-panes --json of a session (free it). */
static char *
sus_pane(const char *session, u_int index)
{
	char	*out = srv_ok("list-panes", "--json", "-t", session, NULL);
	char	 want[64], *p, *end, *obj;

	snprintf(want, sizeof want, "\"pane\": %u,", index);
	if ((p = strstr(out, want)) == NULL)
		ck_abort_msg("no pane %u in %s", index, out);
	while (p > out && *p != '{')
		p--;
	end = strchr(p, '}');
	ck_assert_ptr_nonnull(end);
	obj = strndup(p, end - p + 1);
	free(out);
	return (obj);
}

/* A number after "field": in an object. */
static long
sus_num(const char *obj, const char *field)
{
	char		 want[64];
	const char	*p;

	snprintf(want, sizeof want, "\"%s\": ", field);
	if ((p = strstr(obj, want)) == NULL)
		ck_abort_msg("no %s in %s", field, obj);
	return (strtol(p + strlen(want), NULL, 10));
}

/* The pid of a session's first pane. */
static pid_t
sus_pid(const char *session)
{
	char	*obj = sus_pane(session, 0);
	pid_t	 pid = (pid_t)sus_num(obj, "pid");

	free(obj);
	return (pid);
}

/* Is the pane suspended, by list-panes? */
static int
sus_suspended(const char *session, u_int index)
{
	char	*obj = sus_pane(session, index);
	int	 yes = strstr(obj, "\"suspended\": true") != NULL;

	free(obj);
	return (yes);
}

/* The method a pane is suspended by (a static copy). */
static const char *
sus_method(const char *session, u_int index)
{
	static char	 method[32];
	char		*obj = sus_pane(session, index), *p;

	if ((p = strstr(obj, "\"suspend_method\": \"")) == NULL)
		ck_abort_msg("no suspend_method: %s", obj);
	snprintf(method, sizeof method, "%.*s", (int)strcspn(p + 19, "\""),
	    p + 19);
	free(obj);
	return (method);
}

/* utime + stime of a process in ticks; -1 if it has gone. */
static long long
sus_ticks(pid_t pid)
{
	char		 path[64], buf[1024], *cp;
	unsigned long long utime, stime;
	FILE		*f;
	int		 ok;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	ok = fgets(buf, sizeof buf, f) != NULL &&
	    (cp = strrchr(buf, ')')) != NULL &&
	    sscanf(cp + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu "
	    "%llu", &utime, &stime) == 2;
	fclose(f);
	return (ok ? (long long)(utime + stime) : -1);
}

/* CPU ticks of a whole tree. */
static long long
sus_tree_ticks(const pid_t *tree, int n)
{
	long long	sum = 0, t;
	int		i;

	for (i = 0; i < n; i++) {
		if ((t = sus_ticks(tree[i])) > 0)
			sum += t;
	}
	return (sum);
}

/* Wait until the pane's process has a tree of at least n; returns it. */
static int
sus_wait_tree(pid_t pid, pid_t *tree, int n)
{
	long long	until = srv_now() + h_scaled(SUS_WAIT);
	int		found;

	do {
		if ((found = srv_tree(pid, tree, SUS_MAX_PIDS)) >= n)
			return (found);
		srv_sleep(50);
	} while (srv_now() < until);
	ck_abort_msg("pid %ld: %d processes, want %d", (long)pid, found, n);
	return (0);
}

/*
 * Wait until a process named comm runs in the pane and reads the terminal
 * (is asleep): what is typed from then on is its, echoed as it expects.
 */
static void
sus_wait_reader(const char *session, const char *comm)
{
	long long	 until = srv_now() + h_scaled(SUS_WAIT);
	pid_t		 tree[SUS_MAX_PIDS];
	struct srv_proc	 sp;
	char		 path[64], name[64];
	FILE		*f;
	int		 n, i;

	tree[0] = sus_pid(session);
	do {
		n = srv_tree(tree[0], tree, SUS_MAX_PIDS);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof path, "/proc/%ld/comm",
			    (long)tree[i]);
			if ((f = fopen(path, "r")) == NULL)
				continue;
			if (fgets(name, sizeof name, f) == NULL)
				*name = '\0';
			fclose(f);
			name[strcspn(name, "\n")] = '\0';
			if (strcmp(name, comm) == 0 && srv_stat(tree[i], &sp) ==
			    0 && sp.state == 'S')
				return;
		}
		srv_sleep(50);
	} while (srv_now() < until);
	ck_abort_msg("no %s reading in %s", comm, session);
}

/* Wait until a captured pane holds text; returns the capture. */
static char *
sus_wait_capture(const char *target, const char *text, int times)
{
	long long	 until = srv_now() + h_scaled(SUS_WAIT);
	char		*out = NULL, *p;
	int		 n;

	do {
		free(out);
		out = srv_ok("capture-pane", "-p", "-t", target, NULL);
		for (n = 0, p = out; (p = strstr(p, text)) != NULL; n++)
			p += strlen(text);
		if (n >= times)
			return (out);
		srv_sleep(50);
	} while (srv_now() < until);
	ck_abort_msg("'%s' never %d times in %s:\n%s", text, times, target,
	    out);
	return (NULL);
}

/* A config choosing the method, with lines more. */
static const char *
sus_config(const char *method, const char *more)
{
	char	text[512];

	snprintf(text, sizeof text, "set suspend-method %s\n%s", method, more);
	srv_write("vigil.conf", text);
	return (srv_path("vigil.conf"));
}

/* Did this machine give the method asked for? Says so if not. */
static void
sus_note_method(const char *want, const char *session)
{
	const char	*got = sus_method(session, 0);

	if (strcmp(got, want) != 0)
		fprintf(stderr, "suspend-method %s: not available here, %s "
		    "used\n", want, got);
	ck_assert_msg(strcmp(got, "cgroup") == 0 || strcmp(got, "freezer") ==
	    0 || strcmp(got, "signals") == 0, "suspend_method %s", got);
	if (strcmp(want, "signals") == 0)
		ck_assert_str_eq(got, "signals");
}

/*
 * A tree of three, each in its own process group, two burning CPU: while
 * suspended not one tick more; resumed, it runs; suspended again and the
 * server killed, nothing is left behind, frozen or stopped.
 */
START_TEST(test_suspend_tree)
{
	const char	*method = sus_methods[_i];
	pid_t		 tree[SUS_MAX_PIDS], pid;
	long long	 t0, t1, t2;
	struct srv_proc	 sp;
	char		 cmd[300];
	int		 n, i, j, left = 0;

	/* setsid: each in a process group (and session) of its own. */
	srv_write("tree.sh",
	    "setsid sh -c 'setsid sh -c \"while :; do :; done\" & wait' &\n"
	    "while :; do :; done\n");
	snprintf(cmd, sizeof cmd, "exec sh %s", srv_path("tree.sh"));
	free(srv_ok("-f", sus_config(method, ""), "new", "-d", "-s", "t", cmd,
	    NULL));
	sus_note_method(method, "t");
	pid = sus_pid("t");
	n = sus_wait_tree(pid, tree, 3);
	free(srv_ok("suspend", "-t", "t:0", NULL));
	ck_assert_msg(sus_suspended("t", 0), "not suspended");

	t0 = sus_tree_ticks(tree, n);
	srv_sleep(1000);
	t1 = sus_tree_ticks(tree, n);
	ck_assert_msg(t1 - t0 <= 2, "%s: %lld ticks while suspended", method,
	    t1 - t0);
	if (strcmp(sus_method("t", 0), "signals") == 0) {
		for (i = 0; i < n; i++) {
			ck_assert_msg(srv_stat(tree[i], &sp) == 0 &&
			    sp.state == 'T', "pid %ld not stopped (%c)",
			    (long)tree[i], sp.state);
		}
	}

	free(srv_ok("resume", "-t", "t:0", NULL));
	ck_assert_msg(!sus_suspended("t", 0), "still suspended");
	srv_sleep(1000);
	t2 = sus_tree_ticks(tree, n);
	ck_assert_msg(t2 - t1 >= 10, "%s: %lld ticks after resume", method,
	    t2 - t1);
	for (i = 0; i < n; i++) {
		ck_assert_msg(srv_stat(tree[i], &sp) == 0 && sp.state != 'T' &&
		    sp.state != 'D', "pid %ld still held (%c)", (long)tree[i],
		    sp.state);
	}

	/* Killing the server lets a suspended tree go too. */
	free(srv_ok("suspend", "-t", "t:0", NULL));
	free(srv_ok("kill-server", NULL));
	for (i = 0; i < 100; i++) {
		for (left = 0, j = 0; j < n; j++)
			left += srv_stat(tree[j], &sp) == 0 && sp.state != 'Z';
		if (left == 0)
			break;
		srv_sleep(100);
	}
	ck_assert_msg(left == 0, "%s: %d processes left after kill-server",
	    method, left);
}
END_TEST

/*
 * An interactive bash in a new session, running cat (by command, e.g.
 * "exec cat" or "cat") that has echoed word back.
 */
static void
sus_bash_cat(const char *method, const char *session, const char *cat,
    const char *word)
{
	char	target[32];

	snprintf(target, sizeof target, "%s:0", session);
	free(srv_ok("-f", sus_config(method, ""), "new", "-d", "-s", session,
	    "-x", "100", "-y", "20", "PS1='prompt$ ' exec bash --norc "
	    "--noprofile -i", NULL));
	sus_note_method(method, session);
	free(sus_wait_capture(target, "prompt$ ", 1));
	free(srv_ok("send-keys", "-t", target, cat, "Enter", NULL));
	sus_wait_reader(session, "cat");
	free(srv_ok("send-keys", "-t", target, word, "Enter", NULL));
	free(sus_wait_capture(target, word, 2));
}

/*
 * The trap of signals: a job in the foreground of an interactive bash.
 * Suspended and resumed, bash never says "Stopped", and what is typed
 * after reaches the job, not the shell.
 */
START_TEST(test_suspend_job_control)
{
	const char	*method = sus_methods[_i];
	char		*out;

	sus_bash_cat(method, "j", "exec cat", "before");

	free(srv_ok("suspend", "-t", "j:0", NULL));
	srv_sleep(500);
	free(srv_ok("resume", "-t", "j:0", NULL));
	srv_sleep(300);
	/* Suspended again, woken by the keys themselves. */
	free(srv_ok("suspend", "-t", "j:0", NULL));
	srv_sleep(300);
	free(srv_ok("send-keys", "-t", "j:0", "after", "Enter", NULL));
	out = sus_wait_capture("j:0", "after", 2);
	ck_assert_msg(strstr(out, "Stopped") == NULL &&
	    strstr(out, "not found") == NULL && !sus_suspended("j", 0),
	    "%s: after resume:\n%s", method, out);
	free(out);
}
END_TEST

/*
 * Not exec'd: bash runs cat as a job, so a stop reaches bash's child and
 * bash would see it.
 */
START_TEST(test_suspend_shell_job)
{
	const char	*method = sus_methods[_i];
	char		*out;

	sus_bash_cat(method, "k", "cat", "one");
	free(srv_ok("suspend", "-t", "k:0", NULL));
	srv_sleep(500);
	free(srv_ok("send-keys", "-t", "k:0", "two", "Enter", NULL));
	free(sus_wait_capture("k:0", "two", 2));
	/* The job ends and the shell is itself: one prompt more. */
	free(srv_ok("send-keys", "-t", "k:0", "C-d", NULL));
	free(srv_ok("send-keys", "-t", "k:0", "echo shell-$((20+22))", "Enter",
	    NULL));
	out = sus_wait_capture("k:0", "shell-42", 1);
	ck_assert_msg(strstr(out, "Stopped") == NULL &&
	    strstr(out, "two: command not found") == NULL,
	    "%s: bash saw the stop:\n%s", method, out);
	free(out);
}
END_TEST

/*
 * The pane's process is killed while suspended: the pane is dead, not
 * suspended, and what it left is let go to take its hangup.
 */
START_TEST(test_suspend_exit)
{
	const char	*method = sus_methods[_i];
	pid_t		 tree[SUS_MAX_PIDS], pid, child;
	struct srv_proc	 sp;
	char		*obj;
	int		 i, gone = 0, dead = 0;

	free(srv_ok("-f", sus_config(method, "set remain-on-exit on\n"), "new",
	    "-d", "-s", "e", "sleep 1000 & exec sleep 1001", NULL));
	pid = sus_pid("e");
	sus_wait_tree(pid, tree, 2);
	child = tree[1];
	free(srv_ok("suspend", "-t", "e:0", NULL));
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	if (strcmp(sus_method("e", 0), "freezer") == 0) {
		/* The v1 freezer holds even SIGKILL until it thaws. */
		srv_sleep(300);
		ck_assert_msg(sus_suspended("e", 0), "freezer: gone frozen");
		free(srv_ok("resume", "-t", "e:0", NULL));
	}
	for (i = 0; i < 100 && !dead; i++) {
		obj = sus_pane("e", 0);
		dead = strstr(obj, "\"dead\": true") != NULL;
		free(obj);
		srv_sleep(50);
	}
	ck_assert_msg(dead, "%s: pane not dead after SIGKILL", method);
	ck_assert_msg(!sus_suspended("e", 0), "dead pane still suspended");
	for (i = 0; i < 100 && !gone; i++) {
		gone = srv_stat(child, &sp) != 0 || sp.state == 'Z';
		srv_sleep(50);
	}
	ck_assert_msg(gone, "%s: child %ld left (%c)", method, (long)child,
	    sp.state);
	{
		char	*out;

		ck_assert_int_ne(srv_run(&out, "suspend", "-t", "e:0", NULL),
		    0);
		ck_assert_msg(strstr(out, "has exited") != NULL, "%s", out);
		free(out);
	}
}
END_TEST

/*
 * By hand, in front of the user: a focused pane stays suspended (it was
 * focused already), the status line says so, and a key typed into it
 * resumes it and is delivered. The commands refuse what makes no sense.
 */
START_TEST(test_suspend_keys)
{
	char	*out, *log;

	free(srv_ok("new", "-d", "-s", "s", "exec cat", NULL));
	sus_term = srv_attach(20, 100, "s");
	h_assert_text(sus_term, "0:cat", h_scaled(SUS_WAIT));
	free(srv_ok("suspend", "-t", "s:0", NULL));
	h_assert_text(sus_term, "suspended ", h_scaled(SUS_WAIT));
	srv_sleep(300);
	ck_assert_msg(sus_suspended("s", 0), "focused pane resumed itself");

	ck_assert_int_ne(srv_run(&out, "suspend", "-t", "s:0", NULL), 0);
	ck_assert_msg(strstr(out, "already suspended") != NULL, "%s", out);
	free(out);

	h_send(sus_term, "typed-in\r", 9);
	out = sus_wait_capture("s:0", "typed-in", 2);
	free(out);
	ck_assert_msg(!sus_suspended("s", 0), "still suspended after a key");
	ck_assert_int_ne(srv_run(&out, "resume", "-t", "s:0", NULL), 0);
	ck_assert_msg(strstr(out, "not suspended") != NULL, "%s", out);
	free(out);

	/* The event log has both, with the reasons. */
	log = srv_read("state/vigil/events.jsonl");
	ck_assert_msg(strstr(log, "\"event\": \"suspended\"") != NULL &&
	    strstr(log, "\"reason\": \"command\"") != NULL &&
	    strstr(log, "\"event\": \"resumed\"") != NULL &&
	    strstr(log, "\"reason\": \"key\"") != NULL, "event log: %s", log);
	free(log);
}
END_TEST

/*
 * suspend-after: an idle pane nobody sees is suspended; a pane printing,
 * one waiting at a prompt, one burning CPU, one on an attached screen, one
 * with its own suspend-after 0 and one whose agent profile has 0 are not.
 * Focusing the suspended one resumes it.
 */
START_TEST(test_auto_suspend)
{
	long long	 until;
	char		*log;
	u_int		 i;

	srv_write("vigil.conf", "set sample-interval 250ms\n"
	    "set suspend-after 2s\n"
	    "agent-profile -m 'sleep 1003' -s 0 keeper\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "bg",
	    "-x", "160", "-y", "40", "exec sleep 1000",
	    "while :; do date; sleep 0.3; done",
	    "printf 'Do you want to proceed? (y/n) '; read a; sleep 1000",
	    "exec sh -c 'while :; do :; done'", "exec sleep 1002",
	    "exec sleep 1003", NULL));
	free(srv_ok("set", "-p", "-t", "bg:4", "suspend-after", "0", NULL));
	free(srv_ok("new", "-d", "-s", "fg", "exec sleep 1001", NULL));
	free(srv_ok("select-pane", "-t", "bg:1", NULL));
	sus_term = srv_attach(20, 100, "fg");

	/* idle-after (10 s), then suspend-after (2 s). */
	until = srv_now() + h_scaled(40000);
	while (!sus_suspended("bg", 0) && srv_now() < until)
		srv_sleep(250);
	ck_assert_msg(sus_suspended("bg", 0), "idle pane never suspended");
	srv_sleep(1000);
	for (i = 1; i < 6; i++)
		ck_assert_msg(!sus_suspended("bg", i), "pane %u suspended", i);
	ck_assert_msg(!sus_suspended("fg", 0), "shown pane suspended");
	{
		char	*out, *cause;

		/* suspend-after per pane: a value, and only that option. */
		ck_assert_int_ne(srv_run(&out, "set", "-p", "-t", "bg:4",
		    "suspend-after", "soon", NULL), 0);
		free(out);
		ck_assert_int_ne(srv_run(&cause, "set", "-p", "-t", "bg:4",
		    "history-limit", "5", NULL), 0);
		ck_assert_msg(strstr(cause, "not a pane option") != NULL, "%s",
		    cause);
		free(cause);
		out = srv_ok("stats", "--json", "-t", "bg:4", NULL);
		ck_assert_msg(strstr(out, "\"suspend_after\": 0,") != NULL,
		    "%s", out);
		free(out);
	}

	/* Shown, not focused: still suspended, and it says so. */
	h_free(sus_term);
	sus_term = srv_attach(40, 200, "bg");
	h_assert_text(sus_term, "suspended ", h_scaled(SUS_WAIT));
	ck_assert_msg(sus_suspended("bg", 0), "shown pane resumed");
	free(srv_ok("select-pane", "-t", "bg:0", NULL));
	until = srv_now() + h_scaled(SUS_WAIT);
	while (sus_suspended("bg", 0) && srv_now() < until)
		srv_sleep(50);
	ck_assert_msg(!sus_suspended("bg", 0), "focused pane not resumed");

	log = srv_read("state/vigil/events.jsonl");
	ck_assert_msg(strstr(log, "\"reason\": \"idle ") != NULL &&
	    strstr(log, "\"reason\": \"focus\"") != NULL, "event log: %s", log);
	free(log);
}
END_TEST

/*
 * hibernate-after: a suspended agent whose profile has a resume command is
 * ended and kept with a line that says a key relaunches it; a key does,
 * in the directory the agent was in.
 */
START_TEST(test_hibernate)
{
	char		 conf[1024], cmd[512], want[512], *obj, *out;
	pid_t		 pid, pid2;
	struct srv_proc	 sp;
	long long	 until;
	int		 gone = 0;

	ck_assert_int_eq(mkdir(srv_path("sub"), 0700), 0);
	srv_write("fakeagent", "cd sub && exec sleep 1000\n");
	/* Named so that the relaunched pane is the same agent. */
	srv_write("fakeagent-relaunch.sh",
	    "printf 'relaunched in %s\\n' \"$(pwd)\"\nexec sleep 1000\n");
	snprintf(conf, sizeof conf, "set sample-interval 250ms\n"
	    "set hibernate-after 1s\n"
	    "agent-profile -m fakeagent -c 'sh %s' fake\n",
	    srv_path("fakeagent-relaunch.sh"));
	srv_write("vigil.conf", conf);
	snprintf(cmd, sizeof cmd, "cd %s && exec sh fakeagent", srv_dir);
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "h",
	    "-x", "100", "-y", "20", cmd, NULL));
	pid = sus_pid("h");
	srv_sleep(600);	/* a sample or two: the profile is known */
	free(srv_ok("suspend", "-t", "h:0", NULL));

	until = srv_now() + h_scaled(SUS_WAIT);
	do {
		obj = sus_pane("h", 0);
		gone = strstr(obj, "\"hibernated\": true") != NULL &&
		    strstr(obj, "\"dead\": true") != NULL;
		free(obj);
		if (!gone)
			srv_sleep(100);
	} while (!gone && srv_now() < until);
	ck_assert_msg(gone, "never hibernated");
	ck_assert_msg(srv_stat(pid, &sp) != 0 || sp.state == 'Z',
	    "pid %ld still there", (long)pid);

	sus_term = srv_attach(24, 100, "h");
	h_assert_text(sus_term, "[hibernated] press a key to relaunch: sh ",
	    h_scaled(SUS_WAIT));
	h_send(sus_term, "x", 1);
	snprintf(want, sizeof want, "relaunched in %s/sub", srv_dir);
	out = sus_wait_capture("h:0", want, 1);
	free(out);
	obj = sus_pane("h", 0);
	pid2 = (pid_t)sus_num(obj, "pid");
	ck_assert_msg(pid2 != pid && strstr(obj, "\"hibernated\": false") !=
	    NULL && strstr(obj, "\"dead\": false") != NULL, "%s", obj);
	free(obj);

	/* Again; now send-keys relaunches it and every word arrives. */
	free(srv_ok("suspend", "-t", "h:0", NULL));
	until = srv_now() + h_scaled(SUS_WAIT);
	do {
		obj = sus_pane("h", 0);
		gone = strstr(obj, "\"dead\": true") != NULL;
		free(obj);
		if (!gone)
			srv_sleep(100);
	} while (!gone && srv_now() < until);
	ck_assert_msg(gone, "never hibernated again");
	free(srv_ok("send-keys", "-t", "h:0", "-l", "typed-words", NULL));
	free(sus_wait_capture("h:0", want, 2));
	free(sus_wait_capture("h:0", "typed-words", 1));

	out = srv_read("state/vigil/events.jsonl");
	ck_assert_msg(strstr(out, "\"event\": \"hibernated\"") != NULL &&
	    strstr(out, "\"reason\": \"suspended ") != NULL &&
	    strstr(out, "\"event\": \"relaunched\"") != NULL,
	    "event log: %s", out);
	free(out);
}
END_TEST

/*
 * A tree deeper than the signal walk goes: suspending it fails, and what
 * was stopped on the way runs again.
 */
START_TEST(test_suspend_too_deep)
{
	pid_t		 tree[SUS_MAX_PIDS], pid;
	struct srv_proc	 sp;
	char		 cmd[300], *out;
	int		 n, i;

	srv_write("chain.sh", "n=${1:-0}\n"
	    "if [ \"$n\" -lt 70 ]; then sh \"$0\" $((n + 1)); "
	    "else exec sleep 1000; fi\n");
	snprintf(cmd, sizeof cmd, "exec sh %s", srv_path("chain.sh"));
	free(srv_ok("-f", sus_config("signals", ""), "new", "-d", "-s", "d",
	    cmd, NULL));
	pid = sus_pid("d");
	n = sus_wait_tree(pid, tree, 71);
	ck_assert_int_ne(srv_run(&out, "suspend", "-t", "d:0", NULL), 0);
	ck_assert_msg(strstr(out, "too many processes") != NULL, "%s", out);
	free(out);
	ck_assert_msg(!sus_suspended("d", 0), "partly suspended");
	for (i = 0; i < n; i++) {
		ck_assert_msg(srv_stat(tree[i], &sp) != 0 || sp.state != 'T',
		    "pid %ld left stopped", (long)tree[i]);
	}
}
END_TEST

/* A cgroup for a test: made, with a child sleeping in it; its pid. */
static pid_t
sus_cgroup_child(const char *dir)
{
	char		 path[PATH_MAX], buf[4096];
	pid_t		 pid;
	FILE		*f;
	int		 fd, i;
	size_t		 n;

	ck_assert_msg(mkdir(dir, 0755) == 0, "mkdir %s", dir);
	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	if ((pid = fork()) == 0) {
		fd = open(path, O_WRONLY);
		if (fd == -1 || write(fd, "0", 1) != 1)
			_exit(1);
		close(fd);
		execl("/bin/sleep", "sleep", "1000", (char *)NULL);
		_exit(1);
	}
	for (i = 0; i < 200; i++) {
		if ((f = fopen(path, "r")) != NULL) {
			n = fread(buf, 1, sizeof buf - 1, f);
			fclose(f);
			buf[n] = '\0';
			if (atol(buf) == (long)pid)
				return (pid);
		}
		srv_sleep(10);
	}
	ck_abort_msg("child never in %s", dir);
	return (-1);
}

/* The first line of a control file. */
static void
sus_cgroup_read(const char *dir, const char *file, char *buf, size_t len)
{
	char	 path[PATH_MAX];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	*buf = '\0';
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(buf, (int)len, f) == NULL)
			*buf = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * What a dead server left frozen is thawed by the next server; what a
 * live one holds (by its lock, whatever its pid says) is not touched.
 */
START_TEST(test_stale_cgroups)
{
	const char	*mine = cgroup_server_dir(CGROUP_V2);
	char		 base[PATH_MAX / 2], stale[PATH_MAX], live[PATH_MAX];
	char		 spane[PATH_MAX + 8], lpane[PATH_MAX + 8], buf[64];
	pid_t		 c1, c2;
	int		 lock;

	if (mine == NULL) {
		fprintf(stderr, "test_stale_cgroups: no cgroup v2 we may "
		    "write to here; nothing to test\n");
		return;
	}
	snprintf(base, sizeof base, "%s", mine);
	*strrchr(base, '/') = '\0';
	snprintf(stale, sizeof stale, "%s/vigil-2147483001", base);
	snprintf(live, sizeof live, "%s/vigil-2147483002", base);
	snprintf(spane, sizeof spane, "%s/pane0", stale);
	snprintf(lpane, sizeof lpane, "%s/pane0", live);
	ck_assert_int_eq(mkdir(stale, 0755), 0);
	ck_assert_int_eq(mkdir(live, 0755), 0);
	ck_assert_int_ne(lock = open(live, O_RDONLY | O_DIRECTORY), -1);
	ck_assert_int_eq(flock(lock, LOCK_EX | LOCK_NB), 0);
	c1 = sus_cgroup_child(spane);
	c2 = sus_cgroup_child(lpane);
	ck_assert_int_eq(cgroup_freeze(CGROUP_V2, spane, 1), 0);
	ck_assert_int_eq(cgroup_freeze(CGROUP_V2, lpane, 1), 0);

	/* A server's first pane sweeps. */
	free(srv_ok("-f", sus_config("cgroup", ""), "new", "-d", "-s", "c",
	    "exec sleep 1000", NULL));
	sus_cgroup_read(spane, "cgroup.freeze", buf, sizeof buf);
	ck_assert_msg(strcmp(buf, "0") == 0, "stale cgroup freeze %s", buf);
	sus_cgroup_read(lpane, "cgroup.freeze", buf, sizeof buf);
	ck_assert_msg(strcmp(buf, "1") == 0, "live cgroup freeze %s", buf);
	ck_assert_msg(access(mine, F_OK) == 0, "our own directory swept");

	kill(c1, SIGKILL);
	kill(c2, SIGKILL);
	cgroup_freeze(CGROUP_V2, lpane, 0);
	waitpid(c1, NULL, 0);
	waitpid(c2, NULL, 0);
	rmdir(spane);
	rmdir(stale);
	rmdir(lpane);
	rmdir(live);
	close(lock);
	cgroup_done();
}
END_TEST

/* PSI lines: "some avg10=" of the first line, and nothing else. */
START_TEST(test_pressure_parse)
{
	static const struct {
		const char	*in;
		double		 want;
	} t[] = {
		{ "some avg10=12.50 avg60=3.00 avg300=1.00 total=123\n"
		  "full avg10=1.00 avg60=0.00 avg300=0.00 total=9\n", 12.5 },
		{ "some avg10=0.00 avg60=0.00 avg300=0.00 total=0", 0 },
		{ "full avg10=50.00 avg60=0.00 avg300=0.00 total=0\n", -1 },
		{ "some avg60=1.00\nfull avg10=5.00\n", -1 },
		{ "some avg10=abc", -1 },
		{ "some avg10=250.0", -1 },
		{ "", -1 },
	};
	u_int	i;
	double	got;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		got = suspend_parse_pressure(t[i].in);
		ck_assert_msg(got == t[i].want, "'%s': got %g, want %g",
		    t[i].in, got, t[i].want);
	}
	got = suspend_pressure("/proc/pressure/memory");
	ck_assert_msg(got == -1 || (got >= 0 && got <= 100),
	    "/proc/pressure/memory: %g", got);
}
END_TEST

Suite *
suite_suspend(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("suspend");
	tc = tcase_create("suspend");
	tcase_add_checked_fixture(tc, sus_setup, sus_teardown);
	tcase_add_unchecked_fixture(tc, NULL, sus_sweep);
	tcase_set_timeout(tc, 90);
	tcase_add_loop_test(tc, test_suspend_tree, 0, 3);
	tcase_add_loop_test(tc, test_suspend_job_control, 0, 3);
	tcase_add_loop_test(tc, test_suspend_shell_job, 0, 3);
	tcase_add_loop_test(tc, test_suspend_exit, 0, 3);
	tcase_add_test(tc, test_suspend_keys);
	tcase_add_test(tc, test_auto_suspend);
	tcase_add_test(tc, test_hibernate);
	tcase_add_test(tc, test_suspend_too_deep);
	tcase_add_test(tc, test_stale_cgroups);
	suite_add_tcase(s, tc);

	tc = tcase_create("pressure");
	tcase_add_test(tc, test_pressure_parse);
	suite_add_tcase(s, tc);
	return (s);
}
