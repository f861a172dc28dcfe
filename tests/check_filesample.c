/*
 * End to end for the light mode (filesample.c): a real server sampling
 * the files of real panes. A shell that re-opens a small file five times
 * a second, waiting at a (y/n) prompt, gets a reopen warning naming the
 * file at a rate within reason, in stats and the event log, and loses it
 * at the first sample after it stops; a pane its agent profile does not
 * sample is never traced; a re-reader's reread warning gets the file's
 * name; a user's profile ends a sample and gets its whole report; killing
 * the pane, suspending it, or ending the server mid-sample leaves nothing
 * traced or stopped; a pane that can't be traced says so once.
 */

#include "config.h"

#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"

#define FS_WAIT		15000	/* ms, scaled: a sample is due every 2s */

/* Fast samples; the agent state waits at a (y/n) prompt at once. */
static const char fs_config[] =
    "set sample-interval 250ms\n"
    "set file-sample 1s/2s\n";

static void
fs_setup(void)
{
	srv_make("fsam");
}

static void
fs_teardown(void)
{
	srv_remove();
}

static void
fs_sweep(void)
{
	srv_sweep("fsam");
}

/*
 * A pane's shell that asks (y/n), which makes it waiting, then re-opens
 * small.txt five times a second until the file "stop" exists.
 */
static void
fs_reopen_script(const char *name)
{
	char	text[1024], *small;

	srv_write("small.txt", "hello\n");
	small = strdup(srv_path("small.txt"));
	snprintf(text, sizeof text, "trap '' HUP\necho 'go on? (y/n)'\n"
	    "while :; do\n  if [ -e %s ]; then sleep 0.5; continue; fi\n"
	    "  read x < %s\n  sleep 0.2\ndone\n", srv_path("stop"), small);
	free(small);
	srv_write(name, text);
}

/* A session of one pane running a script of fs_reopen_script. */
static void
fs_start(const char *session, const char *config)
{
	char	cmd[300];

	srv_write("vigil.conf", config);
	fs_reopen_script("loop.sh");
	snprintf(cmd, sizeof cmd, "sh %s", srv_path("loop.sh"));
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", session,
	    cmd, NULL));
}

/* The stats --json object of a pane by its index (free it). */
static char *
fs_pane(u_int pane)
{
	char		*out = srv_ok("stats", "--json", NULL), *obj;
	const char	*start, *end;
	char		 want[32];
	size_t		 len;

	srv_assert_json("stats --json", out);
	snprintf(want, sizeof want, "\"pane\": %u,", pane);
	for (start = strstr(out, "{\"session\""); start != NULL; start = end) {
		end = strstr(start + 1, "{\"session\"");
		len = end != NULL ? (size_t)(end - start) : strlen(start);
		if (memmem(start, len, want, strlen(want)) != NULL) {
			obj = strndup(start, len);
			free(out);
			return (obj);
		}
	}
	ck_abort_msg("no pane %u in %s", pane, out);
	return (NULL);
}

/* A pane's warning of a kind, the whole object (free it), or NULL. */
static char *
fs_warning(const char *obj, const char *kind)
{
	const char	*cp;
	char		 want[64];

	snprintf(want, sizeof want, "{\"kind\": \"%s\", ", kind);
	if ((cp = strstr(obj, "\"warnings\": [")) == NULL ||
	    (cp = strstr(cp, want)) == NULL)
		return (NULL);
	return (strndup(cp, strcspn(cp, "}") + 1));
}

/* Wait for a pane's warning of a kind (on) or for it to go; its object. */
static char *
fs_wait_warning(u_int pane, const char *kind, int on)
{
	char		*obj = NULL, *w = NULL;
	long long	 end = srv_now() + h_scaled(FS_WAIT);

	do {
		free(obj);
		free(w);
		obj = fs_pane(pane);
		if (((w = fs_warning(obj, kind)) != NULL) == on) {
			free(obj);
			return (w);
		}
		srv_sleep(100);
	} while (srv_now() < end);
	ck_abort_msg("pane %u: %s never %s:\n%s", pane, kind, on ? "warned" :
	    "cleared", obj);
	return (NULL);
}

/* Every process of a tree is untraced and running (not stopped). */
static void
fs_assert_free(pid_t root)
{
	pid_t		 pids[64];
	struct srv_proc	 sp;
	long long	 end = srv_now() + h_scaled(FS_WAIT);
	int		 n, i;

	/* The tracer lets go of each at its next stop: give it a moment. */
	for (;;) {
		n = srv_tree(root, pids, 64);
		for (i = 0; i < n; i++) {
			if (srv_proc_status(pids[i], "TracerPid") > 0)
				break;
		}
		if (i == n)
			break;
		ck_assert_msg(srv_now() < end, "pid %ld still traced",
		    (long)pids[i]);
		srv_sleep(50);
	}
	ck_assert_msg(n > 0, "pid %ld is gone", (long)root);
	for (i = 0; i < n; i++) {
		ck_assert_msg(srv_stat(pids[i], &sp) != 0 || (sp.state != 'T' &&
		    sp.state != 't'), "pid %ld is stopped (%c)",
		    (long)pids[i], sp.state);
	}
}

/* How many lines of the event log hold every one of the words. */
static int
fs_events(const char *a, const char *b, const char *c)
{
	char	*log = srv_read("state/vigil/events.jsonl"), *line, *last;
	int	 n = 0;

	for (line = strtok_r(log, "\n", &last); line != NULL;
	    line = strtok_r(NULL, "\n", &last)) {
		srv_assert_json("event log line", line);
		if (strstr(line, a) != NULL && (b == NULL ||
		    strstr(line, b) != NULL) && (c == NULL ||
		    strstr(line, c) != NULL))
			n++;
	}
	free(log);
	return (n);
}

/*
 * The looper's files are sampled (its agent profile says 1s/2s; the
 * option is off), the other pane's never: the reopen warning names
 * small.txt at about five times a second, in stats and in the log, and
 * goes at the first sample after the loop stops.
 */
START_TEST(test_sample_reopen)
{
	char	 cmd[2][300], conf[512], file[300], *w, *obj;
	double	 rate;
	pid_t	 other;

	snprintf(conf, sizeof conf, "set sample-interval 250ms\n"
	    "agent-profile -m 'looper[.]sh' -f 1s/2s looper\n");
	srv_write("vigil.conf", conf);
	fs_reopen_script("looper.sh");
	fs_reopen_script("plain.sh");
	snprintf(cmd[0], sizeof cmd[0], "sh %s", srv_path("looper.sh"));
	snprintf(cmd[1], sizeof cmd[1], "sh %s", srv_path("plain.sh"));
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "r",
	    cmd[0], cmd[1], NULL));

	w = fs_wait_warning(0, "reopen", 1);
	snprintf(file, sizeof file, "\"file\": \"%s\"", srv_path("small.txt"));
	ck_assert_msg(strstr(w, "\"message\": \"re-opens small.txt ") != NULL &&
	    strstr(w, "x/s, 6B each, unchanged\"") != NULL &&
	    strstr(w, file) != NULL, "%s", w);
	rate = strtod(strstr(w, "small.txt ") + 10, NULL);
	ck_assert_msg(rate >= 2 && rate <= 6, "5 a second, sampled at %.1f: "
	    "%s", rate, w);
	free(w);
	ck_assert_msg(fs_events("\"event\": \"warning\"", "\"kind\": \"reopen\"",
	    file) == 1, "no warning line in the log");

	/* The plain pane: never sampled, never traced, no warning. */
	obj = fs_pane(1);
	ck_assert_msg(strstr(obj, "\"file_sample\": {\"for\": 0.0, \"every\": "
	    "0.0, \"runs\": 0, \"last\": null, \"off\": null}") != NULL &&
	    fs_warning(obj, "reopen") == NULL, "%s", obj);
	free(obj);
	other = srv_pane_pid("r:1");
	ck_assert_msg(srv_proc_status(other, "TracerPid") == 0, "plain is traced");

	/* Stopped: the next sample takes the warning down. */
	srv_write("stop", "");
	free(fs_wait_warning(0, "reopen", 0));
	ck_assert_msg(fs_events("\"event\": \"cleared\"", "\"kind\": \"reopen\"",
	    file) == 1, "no cleared line in the log");
	obj = fs_pane(0);
	ck_assert_msg(srv_num(obj, "runs") >= 2, "%s", obj);
	free(obj);
	obj = fs_pane(1);
	ck_assert_msg(srv_num(obj, "runs") == 0, "%s", obj);
	free(obj);
}
END_TEST

/*
 * A silent re-reader: once its reread warning is up, a short profile
 * names the file after the message, in stats and in a "found" line.
 */
START_TEST(test_sample_reread_named)
{
	char		 text[512], block[4096], file[300], *obj, *w = NULL;
	long long	 end;
	FILE		*f;
	int		 i;

	srv_write("vigil.conf", "set sample-interval 250ms\n"
	    "set warning-sustain 2s\nset reread-warning 512K\n"
	    "set reread-calls 10\nset warning-profile 1s\n");
	memset(block, 'r', sizeof block);
	ck_assert((f = fopen(srv_path("data"), "w")) != NULL);
	for (i = 0; i < 17; i++)
		ck_assert(fwrite(block, sizeof block, 1, f) == 1);
	fclose(f);
	snprintf(text, sizeof text, "import time\nwhile True:\n"
	    "    with open('%s', 'rb') as f:\n"
	    "        while f.read(4096):\n            pass\n"
	    "    time.sleep(0.05)\n", srv_path("data"));
	srv_write("reread.py", text);
	snprintf(text, sizeof text, "exec python3 %s", srv_path("reread.py"));
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "d",
	    text, NULL));

	/* Up first on the numbers alone, then with the file's name. */
	snprintf(file, sizeof file, "\"file\": \"%s\"", srv_path("data"));
	end = srv_now() + h_scaled(FS_WAIT);
	do {
		free(w);
		obj = fs_pane(0);
		w = fs_warning(obj, "reread");
		free(obj);
		if (w != NULL && strstr(w, file) != NULL)
			break;
		srv_sleep(100);
	} while (srv_now() < end);
	ck_assert_msg(w != NULL && strstr(w, file) != NULL, "the reread "
	    "warning never named the file: %s", w);
	ck_assert_msg(strstr(w, "/s while silent (") != NULL &&
	    strstr(w, " reads/s): data re-opened ") != NULL &&
	    strstr(w, " each, unchanged\"") != NULL, "%s", w);
	free(w);
	ck_assert_msg(fs_events("\"event\": \"warning\"", "\"kind\": "
	    "\"reread\"", "\"file\": null") == 1, "no warning line");
	ck_assert_msg(fs_events("\"event\": \"found\"", "\"kind\": "
	    "\"reread\"", file) == 1, "no found line in the log");
	srv_wait_pane_is("d", "sampling", 0, FS_WAIT);
	ck_assert_msg(srv_proc_status(srv_pane_pid("d"), "TracerPid") == 0, "traced");
}
END_TEST

/* Does the state directory hold a profile report? */
static int
fs_report_written(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 found = 0;

	if ((d = opendir(srv_path("state/vigil"))) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL)
		found |= strncmp(de->d_name, "profile-", 8) == 0;
	closedir(d);
	return (found);
}

/*
 * A user's profile while a (long) sample runs: the sample ends quietly,
 * the profile starts and its vigil gets the whole report.
 */
START_TEST(test_sample_user_wins)
{
	char	*out;
	int	 status;

	fs_start("u", "set sample-interval 250ms\nset file-sample 1m/2m\n");
	srv_wait_pane_is("u", "sampling", 1, FS_WAIT);

	status = srv_run(&out, "profile", "-t", "u", "--for", "2s", "--json",
	    NULL);
	ck_assert_msg(status == 0, "profile: exit %d: %s", status, out);
	srv_assert_json("profile --json", out);
	ck_assert_msg(strstr(out, "\"ended\": \"duration\"") != NULL &&
	    strstr(out, srv_path("small.txt")) != NULL &&
	    srv_num(strstr(out, srv_path("small.txt")), "opens") >= 4,
	    "report: %s", out);
	free(out);
	ck_assert_msg(!srv_pane_is("u", "sampling"), "sampling after the user's profile");
	/* Nothing went to a report file, and no profile to the log. */
	ck_assert_msg(fs_events("\"event\": \"profiled\"", NULL, NULL) == 1,
	    "profiled lines");
	ck_assert_msg(!fs_report_written(), "a report file");
}
END_TEST

/*
 * Mid-sample: the pane killed (its program ignores the hangup and lives
 * on), the pane suspended, and the server told to exit: each leaves every
 * process untraced and running, and nothing waits.
 */
START_TEST(test_sample_ends)
{
	char		 cmd[300], *out;
	pid_t		 pid, kept;
	long long	 start;

	fs_start("k", "set sample-interval 250ms\nset file-sample 1m/2m\n");
	snprintf(cmd, sizeof cmd, "sh %s", srv_path("loop.sh"));
	free(srv_ok("split", "-t", "k", cmd, NULL));
	pid = srv_pane_pid("k");

	/* Killed. */
	srv_wait_pane_is("k", "sampling", 1, FS_WAIT);
	ck_assert_msg(srv_proc_status(pid, "TracerPid") > 0, "not traced");
	free(srv_ok("kill-pane", "-t", "k:0", NULL));
	fs_assert_free(pid);
	kill(pid, SIGKILL);

	/* Suspended: the sample ends first, and the pane is suspended. */
	kept = srv_pane_pid("k");
	srv_wait_pane_is("k", "sampling", 1, FS_WAIT);
	start = srv_now();
	free(srv_ok("suspend-pane", "-t", "k", NULL));
	ck_assert_msg(srv_now() - start < h_scaled(2000), "suspend was slow");
	ck_assert_msg(srv_proc_status(kept, "TracerPid") == 0, "traced, suspended");
	out = srv_pane("k");
	ck_assert_msg(strstr(out, "\"suspended\": true") != NULL &&
	    strstr(out, "\"sampling\": null") != NULL, "%s", out);
	free(out);
	srv_sleep(1500);
	ck_assert_msg(!srv_pane_is("k", "sampling"), "a suspended pane was sampled");
	free(srv_ok("resume-pane", "-t", "k", NULL));

	/* The server exits. */
	srv_wait_pane_is("k", "sampling", 1, FS_WAIT);
	start = srv_now();
	free(srv_ok("kill-server", NULL));
	ck_assert_msg(srv_now() - start < h_scaled(5000), "kill-server slow");
	fs_assert_free(kept);
	kill(kept, SIGKILL);
}
END_TEST

/*
 * A sample whose tracee is asleep in the kernel (a vfork parent while its
 * child sleeps, state D) can't end at once: a user's profile is refused at once,
 * with why, instead of holding the server until the tracee wakes; the
 * server answers meanwhile; when it exits, nothing is left traced.
 */
START_TEST(test_sample_asleep)
{
	static const char src[] =
	    "#include <stdio.h>\n#include <unistd.h>\n#include <sys/wait.h>\n"
	    "int main(void) {\n"
	    "\tprintf(\"go on? (y/n)\\n\"); fflush(stdout);\n"
	    "\tfor (;;) { sleep(1); pid_t p = vfork();\n"
	    "\t\tif (p == 0) { sleep(4); _exit(0); }\n"
	    "\t\twaitpid(p, NULL, 0); }\n}\n";
	char		 cmd[PATH_MAX * 2 + 32], *out, *prog;
	struct srv_proc	 sp;
	long long	 start, end;
	pid_t		 pid, pids[64];
	int		 status, len, n, i;

	srv_write("vf.c", src);
	len = snprintf(cmd, sizeof cmd, "cc -o %s ", srv_path("vf"));
	snprintf(cmd + len, sizeof cmd - len, "%s", srv_path("vf.c"));
	ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
	srv_write("vigil.conf", "set sample-interval 250ms\n"
	    "set file-sample 1m/2m\n");
	/* srv_path's answer is one buffer. HUP ignored: it outlives vigil. */
	if (asprintf(&prog, "trap '' HUP; exec %s", srv_path("vf")) == -1)
		ck_abort_msg("asprintf");
	free(srv_ok("-f", srv_path("vigil.conf"), "new", "-d", "-s", "d",
	    prog, NULL));
	free(prog);
	pid = srv_pane_pid("d");
	srv_wait_pane_is("d", "sampling", 1, FS_WAIT);
	/* Traced, and then in vfork until its child has slept. */
	end = srv_now() + h_scaled(FS_WAIT);
	for (;;) {
		n = srv_tree(pid, pids, 64);
		for (i = 0; i < n; i++) {
			if (srv_stat(pids[i], &sp) == 0 && sp.state == 'D')
				break;
		}
		if (i < n)
			break;
		ck_assert_msg(srv_now() < end, "never in vfork");
		srv_sleep(20);
	}

	start = srv_now();
	status = srv_run(&out, "profile", "-t", "d", "--for", "1s", NULL);
	ck_assert_msg(srv_now() - start < h_scaled(2000), "profile waited "
	    "%lld ms", srv_now() - start);
	ck_assert_msg(status != 0 && strstr(out, "still ending") != NULL,
	    "profile: exit %d: %s", status, out);
	free(out);
	start = srv_now();
	free(srv_ok("list-panes", NULL));
	ck_assert_msg(srv_now() - start < h_scaled(1000), "server held");

	/* The server exits: nothing is left traced or stopped. */
	free(srv_ok("kill-server", NULL));
	fs_assert_free(pid);
	kill(pid, SIGKILL);
}
END_TEST

/*
 * A pane whose program is traced already (a debugger, here the test):
 * the sample can't start, the log says so once, and it is not tried again.
 */
START_TEST(test_sample_untraceable)
{
	char		*obj;
	pid_t		 pid;
	long long	 end;

	fs_start("t", fs_config);
	pid = srv_pane_pid("t");
	if (ptrace(PTRACE_SEIZE, pid, 0, 0) != 0) {
		/* Not allowed here (Yama): nothing to check this way. */
		fprintf(stderr, "test_sample_untraceable: seize %ld: %s\n",
		    (long)pid, strerror(errno));
		return;
	}
	end = srv_now() + h_scaled(FS_WAIT);
	for (;;) {
		obj = fs_pane(0);
		if (strstr(obj, "\"off\": null") == NULL)
			break;
		ck_assert_msg(srv_now() < end, "never off: %s", obj);
		free(obj);
		srv_sleep(100);
	}
	ck_assert_msg(strstr(obj, "\"off\": \"can't profile pane %0: process ")
	    != NULL && strstr(obj, " is already traced by process ") != NULL,
	    "%s", obj);
	free(obj);
	srv_sleep(3000);
	ck_assert_msg(fs_events("\"event\": \"file-sample-off\"",
	    "\"reason\": \"can't profile pane %0: ", NULL) == 1,
	    "not said once in the log");
	obj = fs_pane(0);
	ck_assert_msg(srv_num(obj, "runs") == 0, "%s", obj);
	free(obj);
	ptrace(PTRACE_DETACH, pid, 0, 0);
}
END_TEST

Suite *
suite_file_sample(void)
{
	Suite	*s = suite_create("file-sample");
	TCase	*tc;

	tc = tcase_create("file-sample");
	tcase_add_checked_fixture(tc, fs_setup, fs_teardown);
	tcase_add_unchecked_fixture(tc, NULL, fs_sweep);
	tcase_set_timeout(tc, 90);
	tcase_add_test(tc, test_sample_reopen);
	tcase_add_test(tc, test_sample_reread_named);
	tcase_add_test(tc, test_sample_user_wins);
	tcase_add_test(tc, test_sample_ends);
	tcase_add_test(tc, test_sample_asleep);
	tcase_add_test(tc, test_sample_untraceable);
	suite_add_tcase(s, tc);
	return (s);
}
