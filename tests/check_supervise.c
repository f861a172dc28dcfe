/*
 * End to end for the supervisor: real process trees that misbehave in
 * every way vigil warns about, numbers checked against /proc read here,
 * the stats command, the status bar, and trees that churn under the
 * sampler.
 *
 * Each test gets a private directory used as HOME, XDG_RUNTIME_DIR and
 * XDG_STATE_HOME (under state/) and the home of an explicit socket (-S);
 * teardown kills every process with that HOME, panes included. Waits run
 * in parallel: one session holds every misbehaving pane and one loop
 * polls them all.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"

#define SUP_WAIT	10000	/* ms, for a command or a screen */
#define SUP_MAX_PIDS	256

static struct h_term	*sup_term;

/* Tight thresholds so that every warning fires within seconds. */
static const char sup_fast_config[] =
    "set sample-interval 500ms\n"
    "set sample-slow-interval 2s\n"
    "set growth-window 10s\n"
    "set growth-warning 5M\n"
    "set fd-growth-warning 30\n"
    "set warning-sustain 5s\n"
    "set warning-clear 10s\n"
    "set reread-warning 512K\n"
    "set reread-calls 10\n"
    "set spin-warning 30\n"
    "set dup-open-limit 3\n";

static void
sup_setup(void)
{
	srv_make("sup");
}

static void
sup_teardown(void)
{
	h_free(sup_term);
	sup_term = NULL;
	srv_remove();
}

static void
sup_sweep(void)
{
	srv_sweep("sup");
}

/*
 * The object of pane index n in stats --json (objects start with
 * '{"session"'), as a new string, or NULL.
 */
static char *
sup_pane_obj(const char *json, u_int n)
{
	const char	*start, *end;
	char		 want[32];
	size_t		 len;

	snprintf(want, sizeof want, "\"pane\": %u,", n);
	for (start = strstr(json, "{\"session\""); start != NULL;
	    start = end) {
		end = strstr(start + 1, "{\"session\"");
		len = end != NULL ? (size_t)(end - start) : strlen(start);
		if (memmem(start, len, want, strlen(want)) != NULL)
			return (strndup(start, len));
	}
	return (NULL);
}

/* A numeric field of an object; -1 if it is missing. */
static double
sup_num(const char *obj, const char *field)
{
	char		 want[64];
	const char	*cp;

	snprintf(want, sizeof want, "\"%s\": ", field);
	if (obj == NULL || (cp = strstr(obj, want)) == NULL)
		return (-1);
	return (strtod(cp + strlen(want), NULL));
}

/*
 * The message of a pane object's warning of this kind, as a new string,
 * or NULL if the pane has no such warning.
 */
static char *
sup_warning(const char *obj, const char *kind)
{
	const char	*cp, *msg, *end;
	char		 want[64];

	snprintf(want, sizeof want, "{\"kind\": \"%s\", \"message\": \"",
	    kind);
	if (obj == NULL || (cp = strstr(obj, "\"warnings\": [")) == NULL ||
	    (cp = strstr(cp, want)) == NULL)
		return (NULL);
	msg = cp + strlen(want);
	for (end = msg; *end != '\0' && *end != '"'; end++) {
		if (*end == '\\' && end[1] != '\0')
			end++;
	}
	return (strndup(msg, end - msg));
}

/* When a pane object's warning of this kind began, or -1. */
static time_t
sup_since(const char *obj, const char *kind)
{
	const char	*cp;
	char		 want[64];
	struct tm	 tm;

	snprintf(want, sizeof want, "{\"kind\": \"%s\", ", kind);
	if (obj == NULL || (cp = strstr(obj, want)) == NULL ||
	    (cp = strstr(cp, "\"since\": \"")) == NULL)
		return (-1);
	memset(&tm, 0, sizeof tm);
	if (strptime(cp + 10, "%Y-%m-%dT%H:%M:%SZ\"", &tm) == NULL)
		return (-1);
	return (timegm(&tm));
}

/* Does a pane object have no warnings at all? */
static int
sup_no_warnings(const char *obj)
{
	return (obj != NULL && strstr(obj, "\"warnings\": []") != NULL);
}

/* stats --json for every pane, checked as JSON. */
static char *
sup_stats(void)
{
	char	*out = srv_ok("stats", "--json", NULL);

	srv_assert_json("stats --json", out);
	return (out);
}

/*
 * Wait until a pane is sampled with at least procs processes; returns
 * its object.
 */
static char *
sup_wait_sampled(u_int pane, int procs)
{
	char		*out = NULL, *obj = NULL;
	long long	 until = srv_now() + h_scaled(SUP_WAIT);

	do {
		free(out);
		free(obj);
		out = sup_stats();
		obj = sup_pane_obj(out, pane);
		if (obj != NULL && strstr(obj, "\"sampled\": true") != NULL &&
		    sup_num(obj, "procs") >= procs) {
			free(out);
			return (obj);
		}
		srv_sleep(100);
	} while (srv_now() < until);
	ck_abort_msg("pane %u never sampled with %d processes:\n%.3000s",
	    pane, procs, out);
	return (NULL);
}

/* A "Key:   N kB" line of a /proc file in bytes; -1 if unreadable. */
static long long
sup_proc_kb(pid_t pid, const char *file, const char *key)
{
	FILE		*f;
	char		 path[64], line[256];
	long long	 v = -1;
	size_t		 len = strlen(key);

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, len) == 0 && line[len] == ':') {
			v = atoll(line + len + 1) * 1024;
			break;
		}
	}
	fclose(f);
	return (v);
}

/* How many fds a process has open, from its fd directory. */
static int
sup_proc_fds(pid_t pid)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[64];
	int		 n = 0;

	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	if ((d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return (n);
}

/* Is a within pct percent of b? */
static int
sup_near(double a, double b, double pct)
{
	double	d = a > b ? a - b : b - a;

	return (d <= (b > 0 ? b : -b) * pct / 100.0);
}

/* Count the lines of text. */
static int
sup_lines(const char *text)
{
	int	n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return (n);
}

/* Count the times needle is in text. */
static int
sup_count(const char *text, const char *needle)
{
	int	n = 0;

	while ((text = strstr(text, needle)) != NULL) {
		n++;
		text += strlen(needle);
	}
	return (n);
}

/* The misbehaving panes of test_misbehaving, in pane order. */
enum {
	SUP_QUIET, SUP_GROW, SUP_FDS, SUP_REREAD, SUP_DUP, SUP_SPIN, SUP_PANES
};
static const char *const sup_kinds[SUP_PANES] = {
	NULL, "footprint-growth", "fd-growth", "reread", "dup-open", "cpu-spin"
};

/* Write the scripts the misbehaving panes run. */
static void
sup_misbehaving_scripts(void)
{
	char	text[1024], block[4096];
	int	i, fd;

	/* Growth: 1 MiB touched every 250 ms, at most 200 MiB. */
	srv_write("grow.py", "import time\nb = []\nwhile True:\n"
	    "    if len(b) < 200:\n"
	    "        b.append(bytearray(b'x' * 1048576))\n"
	    "    time.sleep(0.25)\n");
	/*
	 * A fd leak: a new file (not /dev/null, which is "other") each time,
	 * stopping short of the usual limit of 1024.
	 */
	snprintf(text, sizeof text, "import time\nkeep = []\n"
	    "while True:\n"
	    "    if len(keep) < 900:\n"
	    "        keep.append(open('%s/leak-%%d' %% len(keep), 'w'))\n"
	    "    time.sleep(0.05)\n", srv_dir);
	srv_write("fds.py", text);
	/* One process re-reading a 70 KB file 20 times a second. */
	snprintf(text, sizeof text, "import time\nwhile True:\n"
	    "    with open('%s/data', 'rb') as f:\n"
	    "        while f.read(4096):\n            pass\n"
	    "    time.sleep(0.05)\n", srv_dir);
	srv_write("reread.py", text);
	/* One file open five times at once, held. */
	snprintf(text, sizeof text, "import time\n"
	    "keep = [open('%s/dup.txt') for i in range(5)]\n"
	    "time.sleep(1000)\n", srv_dir);
	srv_write("dup.py", text);
	srv_write("dup.txt", "held\n");

	memset(block, 'r', sizeof block);
	if ((fd = open(srv_path("data"), O_WRONLY | O_CREAT | O_TRUNC,
	    0600)) == -1)
		ck_abort_msg("data: %s", strerror(errno));
	for (i = 0; i < 70000 / (int)sizeof block + 1; i++) {
		if (write(fd, block, sizeof block) != (ssize_t)sizeof block)
			ck_abort_msg("data: %s", strerror(errno));
	}
	close(fd);
}

/* Check a pane's warning message has the words it should. */
static void
sup_check_message(int pane, const char *msg)
{
	char	path[300];

	switch (pane) {
	case SUP_GROW:
		ck_assert_msg(strstr(msg, "footprint +") != NULL &&
		    strstr(msg, "/min") != NULL, "growth message: %s", msg);
		break;
	case SUP_FDS:
		ck_assert_msg(strncmp(msg, "fds ", 4) == 0 &&
		    strstr(msg, "/min") != NULL, "fd-growth message: %s", msg);
		break;
	case SUP_REREAD:
		ck_assert_msg(strstr(msg, "/s while silent") != NULL &&
		    strstr(msg, "reads/s") != NULL, "reread message: %s", msg);
		break;
	case SUP_DUP:
		snprintf(path, sizeof path, "%s/dup.txt open 5 times",
		    srv_dir);
		ck_assert_msg(strcmp(msg, path) == 0,
		    "dup-open message: %s, wanted %s", msg, path);
		break;
	case SUP_SPIN:
		ck_assert_msg(strncmp(msg, "CPU ", 4) == 0 &&
		    strstr(msg, "% for ") != NULL &&
		    strstr(msg, "while silent") != NULL,
		    "cpu-spin message: %s", msg);
		break;
	}
}

/* Check the event log: private, one warning line for each kind. */
static void
sup_check_event_log(void)
{
	struct stat	 sb;
	FILE		*f;
	char		 path[300], line[4096], want[64];
	int		 seen[SUP_PANES] = { 0 }, i;

	snprintf(path, sizeof path, "%s/state/vigil/events.jsonl", srv_dir);
	ck_assert_msg(stat(path, &sb) == 0, "event log %s: %s", path,
	    strerror(errno));
	ck_assert_msg((sb.st_mode & 07777) == 0600, "event log mode %o",
	    (u_int)(sb.st_mode & 07777));
	if ((f = fopen(path, "r")) == NULL)
		ck_abort_msg("%s: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f) != NULL) {
		ck_assert_msg(line[strlen(line) - 1] == '\n',
		    "event log line cut: %s", line);
		srv_assert_json("event log line", line);
		ck_assert_msg(strstr(line, "\"id\": \"%0\"") == NULL,
		    "the quiet pane is in the event log: %s", line);
		for (i = 1; i < SUP_PANES; i++) {
			snprintf(want, sizeof want, "\"kind\": \"%s\"",
			    sup_kinds[i]);
			if (strstr(line, "\"event\": \"warning\"") != NULL &&
			    strstr(line, want) != NULL)
				seen[i] = 1;
		}
	}
	fclose(f);
	for (i = 1; i < SUP_PANES; i++) {
		ck_assert_msg(seen[i], "no \"warning\" event of kind %s in %s",
		    sup_kinds[i], path);
	}
}

/*
 * Poll stats --json each second until each misbehaving pane has warned,
 * keeping the first message of each; the quiet pane must never warn.
 * Returns the last output.
 */
static char *
sup_poll_misbehaving(char **msgs, time_t start)
{
	char		*out = NULL, *obj;
	time_t		 since;
	long long	 until = srv_now() + h_scaled(60000);
	int		 i, left = SUP_PANES - 1;

	while (left > 0 && srv_now() < until) {
		srv_sleep(1000);
		free(out);
		out = sup_stats();
		obj = sup_pane_obj(out, SUP_QUIET);
		ck_assert_msg(sup_no_warnings(obj),
		    "the quiet pane has a warning:\n%.3000s", out);
		free(obj);
		for (i = 1; i < SUP_PANES; i++) {
			if (msgs[i] != NULL)
				continue;
			obj = sup_pane_obj(out, i);
			ck_assert_msg(obj != NULL, "no pane %d:\n%.3000s", i,
			    out);
			msgs[i] = sup_warning(obj, sup_kinds[i]);
			if (msgs[i] != NULL) {
				left--;
				since = sup_since(obj, sup_kinds[i]);
				ck_assert_msg(since >= start - 2 &&
				    since <= time(NULL) + 1, "%s since %ld, "
				    "the test began at %ld:\n%s", sup_kinds[i],
				    (long)since, (long)start, obj);
			}
			free(obj);
		}
	}
	return (out);
}

START_TEST(test_misbehaving)
{
	char		*out, *obj, *msgs[SUP_PANES] = { NULL }, *cp;
	char		 cmd[SUP_PANES][400], dup[300];
	time_t		 start = time(NULL);
	int		 i;

	srv_write("vigil.conf", sup_fast_config);
	sup_misbehaving_scripts();
	snprintf(cmd[SUP_QUIET], sizeof cmd[0], "exec sleep 1000");
	snprintf(cmd[SUP_GROW], sizeof cmd[0], "exec python3 %s/grow.py",
	    srv_dir);
	snprintf(cmd[SUP_FDS], sizeof cmd[0], "exec python3 %s/fds.py",
	    srv_dir);
	snprintf(cmd[SUP_REREAD], sizeof cmd[0], "exec python3 %s/reread.py",
	    srv_dir);
	snprintf(cmd[SUP_DUP], sizeof cmd[0], "exec python3 %s/dup.py",
	    srv_dir);
	snprintf(cmd[SUP_SPIN], sizeof cmd[0], "while :; do :; done");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "bad",
	    "-x", "200", "-y", "60", cmd[0], cmd[1], cmd[2], cmd[3], cmd[4],
	    cmd[5], NULL));

	/* All at once: every misbehaving pane must say so, the quiet never. */
	out = sup_poll_misbehaving(msgs, start);
	for (i = 1; i < SUP_PANES; i++) {
		ck_assert_msg(msgs[i] != NULL, "pane %d (%s) never warned "
		    "%s in %d ms; last:\n%.4000s", i, cmd[i], sup_kinds[i],
		    h_scaled(60000), out);
		sup_check_message(i, msgs[i]);
		free(msgs[i]);
	}

	/* The leaked fds are files, and the duplicate is listed as one. */
	obj = sup_pane_obj(out, SUP_FDS);
	cp = strstr(obj, "\"fds_by_kind\": {");
	ck_assert_msg(cp != NULL && sup_num(cp, "file") >= 30,
	    "fd leak pane, fds by kind: %s", obj);
	free(obj);
	obj = sup_pane_obj(out, SUP_DUP);
	snprintf(dup, sizeof dup, "{\"path\": \"%s/dup.txt\", \"count\": 5,",
	    srv_dir);
	ck_assert_msg(strstr(obj, dup) != NULL, "dup pane has no %s: %s",
	    dup, obj);
	free(obj);
	free(out);

	sup_check_event_log();
}
END_TEST

/*
 * Looking must not change what is seen: with a script asking for
 * stats --procs five times a second, a silent re-reader and a spinner
 * still warn as they do unwatched (about 10 s with these settings).
 */
START_TEST(test_observed)
{
	char		*out = NULL, *obj, *msgs[2] = { NULL }, cmd[400];
	long long	 until, next = 0;
	int		 i;

	srv_write("vigil.conf", sup_fast_config);
	sup_misbehaving_scripts();
	snprintf(cmd, sizeof cmd, "exec python3 %s/reread.py", srv_dir);
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "o",
	    "-x", "200", "-y", "50", cmd, "while :; do :; done", NULL));

	until = srv_now() + h_scaled(25000);
	while ((msgs[0] == NULL || msgs[1] == NULL) && srv_now() < until) {
		srv_sleep(200);
		free(srv_ok("stats", "--procs", "-t", "o:0", NULL));
		if (srv_now() < next)
			continue;
		next = srv_now() + 1000;
		free(out);
		out = sup_stats();
		for (i = 0; i < 2; i++) {
			obj = sup_pane_obj(out, i);
			if (msgs[i] == NULL)
				msgs[i] = sup_warning(obj, i == 0 ? "reread" :
				    "cpu-spin");
			free(obj);
		}
	}
	ck_assert_msg(msgs[0] != NULL && msgs[1] != NULL, "while watched, "
	    "re-reader warned: %s; spinner warned: %s; last:\n%.3000s",
	    msgs[0] != NULL ? "yes" : "no", msgs[1] != NULL ? "yes" : "no",
	    out);
	free(msgs[0]);
	free(msgs[1]);
	free(out);
}
END_TEST

/* The accuracy test's processes: each writes a file once it is set up. */
static void
sup_accuracy_scripts(void)
{
	char	text[1024];

	snprintf(text, sizeof text, "import time\n"
	    "b = bytearray(100 * 1048576)\n"
	    "for i in range(0, len(b), 4096):\n    b[i] = 1\n"
	    "keep = [open('/dev/null') for i in range(7)]\n"
	    "open('%s/ready-big', 'w').close()\n"
	    "time.sleep(1000)\n", srv_dir);
	srv_write("big.py", text);
	snprintf(text, sizeof text, "import time\n"
	    "b = bytearray(b'y' * (30 * 1048576))\n"
	    "open('%s/ready-small', 'w').close()\n"
	    "time.sleep(1000)\n", srv_dir);
	srv_write("small.py", text);
}

/* Wait for a file the test's processes make. */
static void
sup_wait_file(const char *name)
{
	long long	until = srv_now() + h_scaled(SUP_WAIT);

	while (access(srv_path(name), F_OK) != 0) {
		ck_assert_msg(srv_now() < until, "%s never appeared",
		    srv_path(name));
		srv_sleep(50);
	}
}

/* What the test finds in /proc for a tree. */
struct sup_sums {
	int		procs;
	int		fds;
	long long	pss;
	long long	footprint;
};

static void
sup_sum_tree(pid_t root, struct sup_sums *s)
{
	pid_t		tree[SUP_MAX_PIDS];
	long long	pss, dirty, swap;
	int		i, n, fds;

	memset(s, 0, sizeof *s);
	n = srv_tree(root, tree, SUP_MAX_PIDS);
	for (i = 0; i < n; i++) {
		pss = sup_proc_kb(tree[i], "smaps_rollup", "Pss");
		dirty = sup_proc_kb(tree[i], "smaps_rollup", "Private_Dirty");
		swap = sup_proc_kb(tree[i], "smaps_rollup", "Swap");
		fds = sup_proc_fds(tree[i]);
		if (pss < 0 || dirty < 0 || swap < 0 || fds < 0)
			continue;	/* gone as we looked */
		s->procs++;
		s->pss += pss;
		s->footprint += dirty + swap;
		s->fds += fds;
	}
}

/*
 * Check a pane's numbers against /proc read here: processes and fds
 * exactly, PSS and footprint within 5%, retrying a few times in case a
 * sample was taken mid-way. The tree must hold procs processes and at
 * least min_mib MiB, or the test itself has gone wrong.
 */
static void
sup_assert_accurate(const char *target, int procs, int min_mib)
{
	struct sup_sums	 s;
	char		*out, *obj = NULL;
	int		 try, good = 0;

	for (try = 0; try < 5 && !good; try++) {
		if (try > 0)
			srv_sleep(500);
		free(obj);
		out = srv_ok("stats", "--json", "-t", target, NULL);
		obj = sup_pane_obj(out, 0);
		ck_assert_msg(obj != NULL, "stats -t %s: %s", target, out);
		free(out);
		sup_sum_tree((pid_t)sup_num(obj, "pid"), &s);
		good = sup_num(obj, "procs") == s.procs &&
		    sup_num(obj, "fds") == s.fds &&
		    sup_near(sup_num(obj, "pss_bytes"), s.pss, 5) &&
		    sup_near(sup_num(obj, "footprint_bytes"), s.footprint, 5);
	}
	ck_assert_msg(s.procs == procs && s.footprint > min_mib * 1048576LL,
	    "the test's tree is not what it made: %d processes, footprint "
	    "%lld", s.procs, s.footprint);
	ck_assert_msg(good, "stats says %s\n/proc says procs %d, fds %d, "
	    "pss %lld, footprint %lld", obj, s.procs, s.fds, s.pss,
	    s.footprint);
	free(obj);
}

START_TEST(test_accuracy)
{
	char	cmd[600];

	srv_write("vigil.conf", "set sample-interval 500ms\n"
	    "set sample-slow-interval 1s\n");
	sup_accuracy_scripts();
	snprintf(cmd, sizeof cmd, "python3 %s/big.py & python3 %s/small.py & "
	    "wait", srv_dir, srv_dir);
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "acc",
	    cmd, NULL));
	sup_wait_file("ready-big");
	sup_wait_file("ready-small");
	/* Past the next slow read, when smaps_rollup and fds are fresh. */
	srv_sleep(2500);
	sup_assert_accurate("acc:0", 3, 125);
}
END_TEST

/*
 * A big process forks; the child, a copy sharing every page (so hardly
 * any private dirty memory), is sampled, then execs a program of its own.
 * Between slow reads the footprint is estimated from the anonymous RSS
 * since the last smaps_rollup, which must not straddle the exec: the
 * numbers must be right at once, as they are for a process that grows.
 */
START_TEST(test_exec_accuracy)
{
	char	text[1024];

	srv_write("vigil.conf", "set sample-interval 500ms\n");
	snprintf(text, sizeof text, "import os, sys, time\n"
	    "b = bytearray(b'x' * (50 * 1048576))\n"
	    "time.sleep(1.5)\n"
	    "if os.fork() == 0:\n"
	    "    time.sleep(1.5)\n"
	    "    os.execv(sys.executable, [sys.executable, '%s/child.py'])\n"
	    "os.wait()\n", srv_dir);
	srv_write("parent.py", text);
	snprintf(text, sizeof text, "import time\n"
	    "b = bytearray(b'y' * (30 * 1048576))\n"
	    "open('%s/ready-child', 'w').close()\n"
	    "time.sleep(1000)\n", srv_dir);
	srv_write("child.py", text);
	snprintf(text, sizeof text, "exec python3 %s/parent.py", srv_dir);
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "ex",
	    text, NULL));
	sup_wait_file("ready-child");
	/* Two samples on; the slow interval (10 s) is still far off. */
	srv_sleep(1000);
	sup_assert_accurate("ex:0", 2, 85);
}
END_TEST

/*
 * Wait until each of the first panes has a footprint warning over a 1K
 * budget (over) or has no warning at all (!over).
 */
static void
sup_wait_budget(u_int panes, int over)
{
	char		*out, *obj, *msg;
	long long	 until = srv_now() + h_scaled(5000);
	u_int		 n, good;

	for (;;) {
		srv_sleep(200);
		out = sup_stats();
		for (n = good = 0; n < panes; n++) {
			obj = sup_pane_obj(out, n);
			msg = sup_warning(obj, "footprint");
			if (over)
				good += msg != NULL &&
				    strstr(msg, " over budget 1.0K") != NULL;
			else
				good += sup_no_warnings(obj);
			free(msg);
			free(obj);
		}
		if (good == panes || srv_now() > until)
			break;
		free(out);
	}
	ck_assert_msg(good == panes, "%s:\n%.3000s", over ? "no footprint "
	    "warning over a 1K budget" : "warnings stayed after the budget "
	    "went back to 2G", out);
	free(out);
}

START_TEST(test_stats_cli)
{
	pid_t	 tree[SUP_MAX_PIDS];
	char	*out, *obj, *line, want[32];
	int	 status, n, i;

	/* A short slow interval: see test_exec_accuracy. */
	srv_write("vigil.conf", "set sample-interval 300ms\n"
	    "set sample-slow-interval 500ms\n"
	    "set warning-clear 1s\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "c",
	    "sleep 1000 & sleep 1001 & wait", "exec cat", NULL));
	obj = sup_wait_sampled(0, 3);
	free(sup_wait_sampled(1, 1));

	/* The table: a header, then a row per pane. */
	out = srv_ok("stats", NULL);
	line = strchr(out, '\n');
	ck_assert_msg(line != NULL && strncmp(out, "PANE ", 5) == 0 &&
	    memmem(out, line - out, " FOOTPRINT ", 11) != NULL &&
	    memmem(out, line - out, " FDS ", 5) != NULL, "stats: %s", out);
	ck_assert_msg(sup_lines(out) == 3 &&
	    strncmp(line + 1, "c:0 ", 4) == 0 &&
	    strstr(line + 1, "\nc:1 ") != NULL, "stats: %s", out);
	free(out);
	out = srv_ok("stats", "-t", "c:0", NULL);
	ck_assert_msg(sup_lines(out) == 2 && strstr(out, "\nc:0 ") != NULL,
	    "stats -t c:0: %s", out);
	free(out);
	out = srv_ok("stats", "-t", "c", NULL);
	ck_assert_msg(sup_lines(out) == 3, "stats -t c: %s", out);
	free(out);

	/* The detail names every process of the tree. */
	out = srv_ok("stats", "--procs", "-t", "c:0", NULL);
	n = srv_tree((pid_t)sup_num(obj, "pid"), tree, SUP_MAX_PIDS);
	ck_assert_msg(n == 3 && strstr(out, ": 3 processes\n") != NULL,
	    "/proc has %d processes; stats --procs: %s", n, out);
	for (i = 0; i < n; i++) {
		snprintf(want, sizeof want, "\n%7ld ", (long)tree[i]);
		ck_assert_msg(strstr(out, want) != NULL,
		    "pid %ld not in stats --procs: %s", (long)tree[i], out);
	}
	free(out);
	free(obj);

	/* Errors. */
	status = srv_run(&out, "stats", "-t", "nosuch", NULL);
	ck_assert_msg(status == 1 && strncmp(out, "vigil: ", 7) == 0 &&
	    strstr(out, "nosuch") != NULL, "stats -t nosuch: %d %s", status,
	    out);
	free(out);
	status = srv_run(&out, "set", "pane-budget", "3X", NULL);
	ck_assert_msg(status == 1 && strncmp(out, "vigil: ", 7) == 0,
	    "set pane-budget 3X: %d %s", status, out);
	free(out);

	/* A budget every pane is over warns at once, and clears again. */
	free(srv_ok("set", "pane-budget", "1K", NULL));
	sup_wait_budget(2, 1);
	free(srv_ok("set", "pane-budget", "2G", NULL));
	sup_wait_budget(2, 0);

	/* The detail as JSON. */
	out = srv_ok("stats", "--procs", "--json", "-t", "c:0", NULL);
	ck_assert_msg(strstr(out, "\"procs\": [") != NULL,
	    "stats --procs --json: %s", out);
	srv_assert_json("stats --procs --json", out);
	free(out);
}
END_TEST

/* How many footprint sizes ("▏212K ") a status row holds. */
static int
sup_count_sizes(const char *row)
{
	const char	*cp = row;
	int		 n = 0;

	while ((cp = strstr(cp, "▏")) != NULL) {
		cp += strlen("▏");
		if (!isdigit((unsigned char)*cp))
			continue;
		while (isdigit((unsigned char)*cp) || *cp == '.')
			cp++;
		n += *cp != '\0' && strchr("BKMGT", *cp) != NULL &&
		    cp[1] == ' ';
	}
	return (n);
}

START_TEST(test_status_bar)
{
	struct h_style	 st;
	char		*row;
	int		 r, c;

	/* A short slow interval: see test_exec_accuracy. */
	srv_write("vigil.conf", "set sample-interval 300ms\n"
	    "set sample-slow-interval 500ms\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "sb",
	    "exec sleep 1000", "exec cat", NULL));
	sup_term = srv_attach(20, 200, "sb");
	h_assert_text(sup_term, "0B/s", h_scaled(SUP_WAIT));
	h_assert(sup_term, h_find(sup_term, "0B/s", &r, &c));
	row = h_row_text(sup_term, r);
	ck_assert_msg(sup_count(row, "fd ") == 2 &&
	    sup_count(row, "/s ") >= 2 && sup_count_sizes(row) == 2,
	    "status row: %s", row);
	free(row);
	h_assert(sup_term, h_find(sup_term, "fd ", &r, &c));
	h_style(sup_term, r, c, &st);
	ck_assert_msg(!(st.bold && st.bg == 1), "%s", h_failure(sup_term,
	    "segment critical too soon, at %d,%d", r, c));

	/* Over budget: the critical style and the warning's name. */
	free(srv_ok("set", "pane-budget", "1K", NULL));
	h_assert_text(sup_term, "!footprint", h_scaled(SUP_WAIT));
	h_assert(sup_term, h_find(sup_term, "!footprint", &r, &c));
	row = h_row_text(sup_term, r);
	ck_assert_msg(sup_count(row, "!footprint ") == 2, "status row: %s",
	    row);
	free(row);
	h_style(sup_term, r, c, &st);
	h_assert(sup_term, st.bold && st.bg == 1 && st.fg == 7);
}
END_TEST

/* Zombies whose parent is pid. */
static int
sup_zombies_of(pid_t pid)
{
	static struct srv_proc	procs[32768];
	int			n, i, zombies = 0;

	n = srv_procs(procs, 32768);
	for (i = 0; i < n; i++)
		zombies += procs[i].state == 'Z' && procs[i].ppid == pid;
	return (zombies);
}

START_TEST(test_vanishing)
{
	struct srv_proc	 root;
	char		*out, *obj, odd[4][400];
	pid_t		 server;
	int		 i, n;

	srv_write("vigil.conf", "set sample-interval 100ms\n"
	    "set sample-slow-interval 100ms\n");
	/* Names that break a stat parser which stops at the first ')'. */
	if (symlink("/bin/sleep", srv_path("a) R 1 (")) != 0 ||
	    symlink("/bin/sleep", srv_path("q\"\\z")) != 0)
		ck_abort_msg("symlink: %s", strerror(errno));
	snprintf(odd[0], sizeof odd[0], "while :; do /bin/true; done");
	snprintf(odd[1], sizeof odd[1], "'%s/a) R 1 (' 1000 & "
	    "'%s/q\"\\z' 1000 & wait", srv_dir, srv_dir);
	/* Orphans: one lives on (the server's now), one dies soon. */
	snprintf(odd[2], sizeof odd[2], "sh -c 'sleep 1000 &'; "
	    "sh -c 'sleep 0.5 &'; exec sleep 1001");
	/* Last, as its exit may renumber the panes after it. */
	snprintf(odd[3], sizeof odd[3], "for i in 1 2 3 4 5 6 7 8 9; do "
	    "sleep 0.$i & done; sleep 1");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "v",
	    odd[0], odd[1], odd[2], odd[3], NULL));
	obj = sup_wait_sampled(1, 3);
	if (srv_stat((pid_t)sup_num(obj, "pid"), &root) != 0)
		ck_abort_msg("pane 1 has gone: %s", obj);
	server = root.ppid;
	free(obj);

	/* Churn under a sampler running every 100 ms, past pane 2's exit. */
	for (i = 0; i < 20; i++) {
		srv_sleep(150);
		free(sup_stats());
	}

	ck_assert_msg(kill(server, 0) == 0, "server %ld is gone",
	    (long)server);
	free(srv_ok("ls", NULL));
	out = sup_stats();
	ck_assert_msg(sup_count(out, "{\"session\"") == 3,
	    "the pane that exited is still listed:\n%.4000s", out);
	ck_assert_msg(sup_count(out, "\"warnings\": []") == 3,
	    "a warning for churn:\n%.4000s", out);
	obj = sup_pane_obj(out, 1);
	ck_assert_msg(sup_num(obj, "procs") == 3,
	    "odd names: not 3 processes:\n%s", obj);
	free(obj);
	obj = sup_pane_obj(out, 2);
	ck_assert_msg(sup_num(obj, "procs") == 2,
	    "an orphan is not counted with its pane:\n%s", obj);
	free(obj);
	free(out);

	out = srv_ok("stats", "--procs", "--json", "-t", "v:1", NULL);
	ck_assert_msg(strstr(out, "\"command\": \"a) R 1 (\", "
	    "\"state\": \"S\"") != NULL &&
	    strstr(out, "\"command\": \"q\\\"\\\\z\", \"state\": \"S\"") !=
	    NULL, "odd names in stats --procs --json:\n%s", out);
	free(out);

	/* Nothing left for the server to reap, and no handle leaked. */
	ck_assert_msg((n = sup_zombies_of(server)) == 0,
	    "%d zombies of the server", n);
	ck_assert_msg((n = sup_proc_fds(server)) < 64,
	    "the server has %d fds open after the churn", n);
}
END_TEST

/*
 * A FIFO in the event log's place never blocks the server (nothing reads
 * it); with supervise off the warnings end ("stopped") while stats still
 * gives numbers.
 */
START_TEST(test_log_fifo_and_off)
{
	char	*out, *obj, dir[160], path[200], *log;
	int	 i;

	snprintf(dir, sizeof dir, "%s/state/vigil", srv_dir);
	snprintf(path, sizeof path, "%s/events.jsonl", dir);
	ck_assert(mkdir(srv_path("state"), 0700) == 0 && mkdir(dir, 0700) == 0);
	ck_assert_msg(mkfifo(path, 0600) == 0, "mkfifo: %s", strerror(errno));
	srv_write("vigil.conf", "set sample-interval 300ms\n"
	    "set pane-budget 1K\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "f",
	    "exec cat", NULL));
	sup_wait_budget(1, 1);
	/* The server still answers, a few samples on. */
	for (i = 0; i < 5; i++) {
		srv_sleep(300);
		free(srv_ok("ls", NULL));
	}

	/* A file again: turning supervise off logs the warning's end. */
	ck_assert(unlink(path) == 0);
	free(srv_ok("set", "supervise", "off", NULL));
	out = sup_stats();
	obj = sup_pane_obj(out, 0);
	ck_assert_msg(obj != NULL && sup_no_warnings(obj) &&
	    sup_num(obj, "procs") == 1 && sup_num(obj, "rss_bytes") > 0,
	    "stats with supervise off: %s", out);
	free(obj);
	free(out);
	log = NULL;
	for (i = 0; i < 20 && (log == NULL || strstr(log,
	    "\"event\": \"stopped\"") == NULL); i++) {
		FILE	*f;
		char	 buf[4096];
		size_t	 n;

		free(log);
		log = NULL;
		srv_sleep(100);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		n = fread(buf, 1, sizeof buf - 1, f);
		buf[n] = '\0';
		fclose(f);
		log = strdup(buf);
	}
	ck_assert_msg(log != NULL && strstr(log, "\"event\": \"stopped\"") !=
	    NULL && strstr(log, "\"kind\": \"footprint\"") != NULL,
	    "event log after supervise off: %s", log != NULL ? log : "(none)");
	free(log);
}
END_TEST

/* A pane's "state" and "state_rule" in stats --json, or NULL. */
static char *
sup_state(u_int pane, char **rule)
{
	char		*out = sup_stats(), *obj, *state = NULL, *p, *q;

	*rule = NULL;
	obj = sup_pane_obj(out, pane);
	free(out);
	if (obj == NULL)
		return (NULL);
	if ((p = strstr(obj, "\"state\": \"")) != NULL &&
	    (q = strchr(p + 10, '"')) != NULL)
		state = strndup(p + 10, q - (p + 10));
	if ((p = strstr(obj, "\"state_rule\": \"")) != NULL &&
	    (q = strstr(p + 15, "\", ")) != NULL)
		*rule = strndup(p + 15, q - (p + 15));
	free(obj);
	return (state);
}

/* Wait until a pane's state is want; its rule must hold part. */
static void
sup_wait_state(u_int pane, const char *want, const char *part)
{
	long long	 until = srv_now() + h_scaled(20000);
	char		*state = NULL, *rule = NULL;

	for (;;) {
		free(state);
		free(rule);
		state = sup_state(pane, &rule);
		if ((state != NULL && strcmp(state, want) == 0 &&
		    (part == NULL || (rule != NULL && strstr(rule, part) !=
		    NULL))) || srv_now() > until)
			break;
		srv_sleep(250);
	}
	ck_assert_msg(state != NULL && strcmp(state, want) == 0 &&
	    (part == NULL || (rule != NULL && strstr(rule, part) != NULL)),
	    "pane %u: state %s (%s), want %s (%s)", pane,
	    state != NULL ? state : "none", rule != NULL ? rule : "none", want,
	    part != NULL ? part : "any rule");
	free(state);
	free(rule);
}

/*
 * Agent state from a fake agent: a spinner, then a prompt is waiting;
 * answered, busy again; a pane that keeps printing is busy; a quiet one
 * turns idle after idle-after (10 s).
 */
START_TEST(test_agent_state)
{
	char	 agent[300];

	srv_write("agent.sh", "i=0; while [ $i -lt 8 ]; do printf '%s "
	    "Working... (esc to interrupt)\\r' \"$i\"; sleep 0.25; "
	    "i=$((i + 1)); done; printf '\\nDo you want to proceed? (y/n) ';"
	    " read answer; printf 'ok %s\\n' \"$answer\"; "
	    "while :; do printf 'step\\n'; sleep 0.3; done\n");
	snprintf(agent, sizeof agent, "exec sh %s", srv_path("agent.sh"));
	srv_write("vigil.conf", "set sample-interval 250ms\n"
	    "set notify-command 'printf \"%s %s %s\\\\n\" \"$VIGIL_NOTIFY_PANE\" "
	    "\"$VIGIL_NOTIFY_SESSION\" \"$VIGIL_NOTIFY_RULE\" >> "
	    "\"$HOME/notified\"'\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "ag",
	    "-x", "120", "-y", "30", agent,
	    "while :; do date; sleep 0.2; done", "exec sleep 1000", NULL));
	sup_wait_state(0, "busy", NULL);
	sup_wait_state(0, "waiting", "y/n");
	sup_wait_state(1, "busy", "output");
	sup_wait_state(2, "idle", "quiet");
	/* The status line marks it: "0:sh?" (pane 1 is the active one). */
	free(srv_ok("select-pane", "-t", "ag:1", NULL));
	sup_term = srv_attach(20, 200, "ag");
	h_assert_text(sup_term, " 0:sh? ", SUP_WAIT);
	h_assert_text(sup_term, " 1:while* ", 0);

	/* notify-command ran, with the pane and the rule. */
	{
		char	buf[512] = "";
		FILE	*f;
		size_t	 n;
		int	 i;

		for (i = 0; i < 40 && strstr(buf, "%0 ag ") == NULL; i++) {
			srv_sleep(100);
			if ((f = fopen(srv_path("notified"), "r")) == NULL)
				continue;
			n = fread(buf, 1, sizeof buf - 1, f);
			buf[n] = '\0';
			fclose(f);
		}
		ck_assert_msg(strstr(buf, "%0 ag screen: /") != NULL &&
		    strstr(buf, "y/n") != NULL, "notify-command wrote '%s'", buf);
	}
	free(srv_ok("send", "-t", "ag:0", "y", "Enter", NULL));
	sup_wait_state(0, "busy", "output");
	/* list-panes --json says it too. */
	{
		char	*out = srv_ok("list-panes", "--json", "-t", "ag", NULL);

		ck_assert_msg(strstr(out, "\"state\": \"idle\"") != NULL &&
		    strstr(out, "\"state\": \"busy\"") != NULL,
		    "list-panes: %s", out);
		free(out);
	}
}
END_TEST

/* Does a pane's stats --json object name this agent profile? */
static int
sup_has_agent(u_int pane, const char *name)
{
	char	*out = sup_stats(), *obj, want[64];
	int	 found;

	obj = sup_pane_obj(out, pane);
	snprintf(want, sizeof want, "\"agent\": \"%s\"", name);
	found = obj != NULL && strstr(obj, want) != NULL;
	free(obj);
	free(out);
	return (found);
}

/*
 * agent-profile on a running server: a profile from the config makes a
 * fake agent's question waiting; -W from the shell undoes it at the next
 * sample, -w does it again, -r hands the pane to "any". A bad line in a
 * config file stops it with FILE:LINE:COLUMN and no server.
 */
START_TEST(test_agent_profile_live)
{
	const char	*args[SRV_MAX_ARGS + 1];
	char		 agent[300], bad[256], sock[256], want[512], *out;
	int		 status;

	srv_write("fakeagent", "#!/bin/sh\nprintf 'Shall I go on? '\n"
	    "read answer\nexec sleep 1000\n");
	ck_assert(chmod(srv_path("fakeagent"), 0755) == 0);
	snprintf(agent, sizeof agent, "exec %s", srv_path("fakeagent"));
	srv_write("vigil.conf", "set sample-interval 250ms\n"
	    "agent-profile -w 'Shall I go on\\?' -s 20m fakeagent\n");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "ap",
	    "-x", "100", "-y", "20", agent, NULL));
	sup_wait_state(0, "waiting", "Shall I go on");
	ck_assert_msg(sup_has_agent(0, "fakeagent"), "agent is not fakeagent");
	out = srv_ok("agent-profile", "fakeagent", NULL);
	ck_assert_msg(strcmp(out, "agent-profile -BW -m "
	    "'(^|/)fakeagent([ ]|$)' -s 20m fakeagent\n"
	    "agent-profile -w 'Shall I go on\\?' fakeagent\n") == 0,
	    "agent-profile fakeagent: '%s'", out);
	free(out);

	free(srv_ok("agent-profile", "-W", "fakeagent", NULL));
	sup_wait_state(0, "idle", "quiet");
	free(srv_ok("agent-profile", "-w", "go on", "fakeagent", NULL));
	sup_wait_state(0, "waiting", "screen: /go on/");
	free(srv_ok("agent-profile", "-r", "fakeagent", NULL));
	sup_wait_state(0, "idle", "quiet");
	ck_assert_msg(sup_has_agent(0, "any"), "agent is not any after -r");
	out = srv_ok("agent-profile", NULL);
	ck_assert_msg(strstr(out, "fakeagent") == NULL && strstr(out,
	    "agent-profile -BW any\n") != NULL, "agent-profile: '%s'", out);
	free(out);

	snprintf(bad, sizeof bad, "%s", srv_path("bad.conf"));
	snprintf(sock, sizeof sock, "%s", srv_path("sock2"));
	srv_write("bad.conf", "set sample-interval 250ms\n"
	    "agent-profile -w 'a(' claude\n");
	args[0] = "-S";
	args[1] = sock;
	args[2] = "-f";
	args[3] = bad;
	args[4] = "new";
	args[5] = "-d";
	args[6] = "true";
	args[7] = NULL;
	status = srv_runv(&out, NULL, 1, args);
	snprintf(want, sizeof want, "vigil: %s:2:18: bad pattern 'a(': ", bad);
	ck_assert_msg(status == 1 && strncmp(out, want, strlen(want)) == 0 &&
	    strchr(out, '\n') == out + strlen(out) - 1,
	    "bad config: exit %d '%s', want '%s...'", status, out, want);
	free(out);
	ck_assert_msg(access(sock, F_OK) == -1, "a server started on %s",
	    sock);
}
END_TEST

Suite *
suite_supervise(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("supervise");
	tc = tcase_create("supervise");
	tcase_add_checked_fixture(tc, sup_setup, sup_teardown);
	tcase_add_unchecked_fixture(tc, NULL, sup_sweep);
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, test_misbehaving);
	tcase_add_test(tc, test_observed);
	tcase_add_test(tc, test_accuracy);
	tcase_add_test(tc, test_exec_accuracy);
	tcase_add_test(tc, test_stats_cli);
	tcase_add_test(tc, test_status_bar);
	tcase_add_test(tc, test_vanishing);
	tcase_add_test(tc, test_log_fifo_and_off);
	tcase_add_test(tc, test_agent_state);
	tcase_add_test(tc, test_agent_profile_live);
	suite_add_tcase(s, tc);
	return (s);
}
