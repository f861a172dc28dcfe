/*
 * The server's profile of a pane, on the engine of profile.c.
 *
 * The engine allows one profile per process, so the server has at most
 * one, here. It is started by the profile command, whose vigil waits on
 * its peer for the report (peer_wait), or by a key, whose report goes to a
 * file in the state directory with a message naming the top finding.
 *
 * The tracer is a thread; the loop learns that it finished by the SIGCHLD
 * it sends at its end (profiler_check) and, in case that came first, by a
 * timer that also ends the profile when its time is up and redraws the
 * status line's "profiling 12s". The profile ends at its duration, on
 * profile --stop, when the pane's processes have all exited (the engine
 * finishes by itself), when the pane closes and when the server exits.
 * Once told to stop, the tracer lets every tracee go as it next stops, so
 * nothing is ever left stopped or traced.
 *
 * The supervisor's automatic profiles (profiler_sample) run the same way
 * but quietly: no status, no report, no log; their results go to the
 * function given. They never stand in a user's way: a user's profile, and
 * suspending the pane, end one first (profiler_preempt).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "vigil/client.h"
#include "vigil/json.h"
#include "vigil/log.h"
#include "vigil/pane.h"
#include "vigil/peer.h"
#include "vigil/policy.h"
#include "vigil/profile.h"
#include "vigil/profiler.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

#define PROFILER_ROWS		30	/* files in the text report */
#define PROFILER_JSON_ROWS	1000	/* and in JSON */
#define PROFILER_POLL_MS	20	/* how often a stopping one is checked */

struct profiler {
	struct profile	*profile;
	u_int		 pane;		/* its id */
	u_int		 session;	/* its session's id */
	char		*target;	/* "main:0" when it started */
	pid_t		 pid;
	uint64_t	 started;	/* ms, monotonic */
	uint64_t	 until;
	const char	*ended;		/* why it was stopped; NULL: running */
	int		 flags;
	struct peer	*peer;		/* waiting for the report, or NULL */
	char		*path;		/* the report's file (PROFILER_KEY) */
	profiler_cb	 cb;		/* PROFILER_AUTO's */
	void		*arg;
	struct event	*timer;
};

static struct profiler	*profiler;

/*
 * What is not a file, grouped in the report: by how the name starts, or
 * for devices by the whole name (/dev/shm/x is a file).
 */
static const struct {
	const char	*prefix;
	int		 whole;
	const char	*name;
} profiler_kinds[] = {
	{ "pipe:", 0, "pipes" },
	{ "socket:", 0, "sockets" },
	{ "anon_inode:", 0, "anon inodes" },
	{ "/dev/pts/", 0, "terminals" },
	{ "/dev/tty", 0, "terminals" },
	{ "/dev/ptmx", 1, "terminals" },
	{ "/dev/null", 1, "devices" },
	{ "/dev/zero", 1, "devices" },
	{ "/dev/full", 1, "devices" },
	{ "/dev/random", 1, "devices" },
	{ "/dev/urandom", 1, "devices" },
	{ "", 0, "other" }	/* any other name that is not a path */
};
#define PROFILER_NKINDS	(sizeof profiler_kinds / sizeof profiler_kinds[0])

/* The paths of one kind that are not files, added up. */
struct profiler_group {
	const char	*name;
	u_int		 paths;
	uint64_t	 opens;
	uint64_t	 reads;
	uint64_t	 rbytes;
	uint64_t	 writes;
	uint64_t	 wbytes;
};

static void	profiler_timer_cb(int, short, void *);
static void	profiler_status_part(struct session *, struct pane *, char **);

/* The kind of a name that is not a file, or -1 for a file. */
static int
profiler_kind(const char *path)
{
	u_int	i;

	for (i = 0; i < PROFILER_NKINDS - 1; i++) {
		if (profiler_kinds[i].whole ?
		    strcmp(path, profiler_kinds[i].prefix) == 0 :
		    strncmp(path, profiler_kinds[i].prefix,
		    strlen(profiler_kinds[i].prefix)) == 0)
			return (i);
	}
	return (path[0] == '/' ? -1 : (int)i);
}

/* Add the names that are not files into groups; how many groups. */
static u_int
profiler_groups(struct profile_file **files, u_int n,
    struct profiler_group *groups)
{
	struct profiler_group	*g;
	u_int			 i, j, ngroups = 0;
	int			 kind;

	for (i = 0; i < n; i++) {
		if ((kind = profiler_kind(files[i]->path)) == -1)
			continue;
		for (j = 0; j < ngroups; j++) {
			if (strcmp(groups[j].name, profiler_kinds[kind].name) ==
			    0)
				break;
		}
		g = &groups[j];
		if (j == ngroups) {
			memset(g, 0, sizeof *g);
			g->name = profiler_kinds[kind].name;
			ngroups++;
		}
		g->paths++;
		g->opens += files[i]->opens;
		g->reads += files[i]->reads;
		g->rbytes += files[i]->rbytes;
		g->writes += files[i]->writes;
		g->wbytes += files[i]->wbytes;
	}
	return (ngroups);
}

/* One file's row and, under it, its findings. */
static void
profiler_text_file(struct evbuffer *out, const struct profile_file *f,
    double secs)
{
	char	 rb[16], rr[16], wb[16], who[32], finding[256], *path;

	if (f->procs > 1)
		snprintf(who, sizeof who, "%s (%u)", f->comm, f->procs);
	else
		snprintf(who, sizeof who, "%s[%ld]", f->comm, (long)f->pid);
	path = utf8_printable(f->path);
	evbuffer_add_printf(out, "%7llu %7.1f %7llu %7s %7s %7llu %7s %6llu  "
	    "%-16s %s\n", (unsigned long long)f->opens, f->opens / secs,
	    (unsigned long long)f->reads, policy_size(rb, sizeof rb,
	    (double)f->rbytes), policy_size(rr, sizeof rr, f->rbytes / secs),
	    (unsigned long long)f->writes, policy_size(wb, sizeof wb,
	    (double)f->wbytes), (unsigned long long)f->cycles, who, path);
	free(path);
	profile_finding(f, secs, finding, sizeof finding);
	if (*finding != '\0') {
		path = utf8_printable(finding);
		evbuffer_add_printf(out, "%8s-> %s\n", "", path);
		free(path);
	}
}

/* The totals and what the profiling cost, at the bottom of both reports. */
static void
profiler_text_totals(struct evbuffer *out, const struct profile_totals *t)
{
	evbuffer_add_printf(out, "totals: %llu opens (%llu failed), %llu "
	    "reads, %llu writes, %llu closes, %llu dups, %llu other calls\n",
	    (unsigned long long)t->calls[PROFILE_OPEN],
	    (unsigned long long)t->failed_opens,
	    (unsigned long long)t->calls[PROFILE_READ],
	    (unsigned long long)t->calls[PROFILE_WRITE],
	    (unsigned long long)t->calls[PROFILE_CLOSE],
	    (unsigned long long)t->calls[PROFILE_DUP],
	    (unsigned long long)t->calls[PROFILE_OTHER]);
	evbuffer_add_printf(out, "overhead: tracer %.2fs CPU (%.0f%% of %.1fs), "
	    "%llu stops, %llu signals passed on; %u processes, %u threads",
	    t->tracer_cpu, t->seconds > 0 ? 100 * t->tracer_cpu / t->seconds :
	    0, t->seconds, (unsigned long long)t->stops,
	    (unsigned long long)t->signals, t->processes, t->threads);
	if (t->denied != 0)
		evbuffer_add_printf(out, " (%u could not be traced)", t->denied);
	if (t->privileged != 0) {
		evbuffer_add_printf(out, " (%u let go to run setuid programs)",
		    t->privileged);
	}
	evbuffer_add_printf(out, "\n");
}

static void
profiler_text(struct evbuffer *out, const struct profiler_about *about,
    struct profile_file **files, u_int n, const struct profile_totals *t)
{
	struct profiler_group	 groups[PROFILER_NKINDS];
	char			 rb[16], wb[16];
	double			 secs = t->seconds > 0 ? t->seconds : 1;
	u_int			 i, shown = 0, more = 0, ngroups;

	evbuffer_add_printf(out, "profile of %s (%%%u, pid %ld) for %.1fs, "
	    "ended: %s\n", about->target, about->pane, (long)about->pid,
	    t->seconds, about->ended);
	for (i = 0; i < n; i++) {
		if (profiler_kind(files[i]->path) != -1)
			continue;
		if (shown == PROFILER_ROWS) {
			more++;
			continue;
		}
		if (shown++ == 0) {
			evbuffer_add_printf(out, "%7s %7s %7s %7s %7s %7s %7s "
			    "%6s  %-16s %s\n", "OPENS", "OPEN/S", "READS",
			    "READ", "READ/S", "WRITES", "WRITTEN", "CYCLES",
			    "PROCESS", "PATH");
		}
		profiler_text_file(out, files[i], secs);
	}
	if (shown == 0)
		evbuffer_add_printf(out, "no file was opened, read or written\n");
	if (more != 0)
		evbuffer_add_printf(out, "... and %u more files\n", more);
	ngroups = profiler_groups(files, n, groups);
	for (i = 0; i < ngroups; i++) {
		evbuffer_add_printf(out, "not files: %s (%u), %llu opens, %llu "
		    "reads (%s), %llu writes (%s)\n", groups[i].name,
		    groups[i].paths, (unsigned long long)groups[i].opens,
		    (unsigned long long)groups[i].reads, policy_size(rb,
		    sizeof rb, (double)groups[i].rbytes),
		    (unsigned long long)groups[i].writes, policy_size(wb,
		    sizeof wb, (double)groups[i].wbytes));
	}
	profiler_text_totals(out, t);
}

/* One file as a JSON object. */
static void
profiler_json_file(struct evbuffer *out, const struct profile_file *f,
    double secs, int last)
{
	char	 finding[256], size[32], *path, *comm, *words;

	profile_finding(f, secs, finding, sizeof finding);
	path = json_string(f->path);
	comm = json_string(f->comm);
	words = json_string(finding);
	if (f->size == PROFILE_NOSIZE)
		snprintf(size, sizeof size, "null");
	else
		snprintf(size, sizeof size, "%llu", (unsigned long long)f->size);
	evbuffer_add_printf(out, "    {\"path\": %s, \"opens\": %llu, "
	    "\"opens_per_s\": %.2f, \"reads\": %llu, \"bytes_read\": %llu, "
	    "\"bytes_read_per_s\": %.0f, \"writes\": %llu, "
	    "\"bytes_written\": %llu, \"closes\": %llu, \"cycles\": %llu, "
	    "\"cycle_bytes\": %llu, \"unchanged_opens\": %llu, \"size\": %s, "
	    "\"pid\": %ld, \"comm\": %s, \"processes\": %u, "
	    "\"finding\": %s}%s\n", path,
	    (unsigned long long)f->opens, f->opens / secs,
	    (unsigned long long)f->reads, (unsigned long long)f->rbytes,
	    f->rbytes / secs, (unsigned long long)f->writes,
	    (unsigned long long)f->wbytes, (unsigned long long)f->closes,
	    (unsigned long long)f->cycles, (unsigned long long)f->cycle_bytes,
	    (unsigned long long)f->unchanged, size, (long)f->pid, comm,
	    f->procs, words,
	    last ? "" : ",");
	free(path);
	free(comm);
	free(words);
}

static void
profiler_json_totals(struct evbuffer *out, const struct profile_totals *t)
{
	evbuffer_add_printf(out, "  \"totals\": {\"open\": %llu, \"read\": %llu, "
	    "\"write\": %llu, \"close\": %llu, \"dup\": %llu, \"other\": %llu, "
	    "\"failed_opens\": %llu},\n",
	    (unsigned long long)t->calls[PROFILE_OPEN],
	    (unsigned long long)t->calls[PROFILE_READ],
	    (unsigned long long)t->calls[PROFILE_WRITE],
	    (unsigned long long)t->calls[PROFILE_CLOSE],
	    (unsigned long long)t->calls[PROFILE_DUP],
	    (unsigned long long)t->calls[PROFILE_OTHER],
	    (unsigned long long)t->failed_opens);
	evbuffer_add_printf(out, "  \"overhead\": {\"tracer_cpu\": %.3f, "
	    "\"stops\": %llu, \"signals\": %llu, \"seconds\": %.3f, "
	    "\"processes\": %u, \"threads\": %u, \"denied\": %u, "
	    "\"privileged\": %u}\n",
	    t->tracer_cpu, (unsigned long long)t->stops,
	    (unsigned long long)t->signals, t->seconds, t->processes,
	    t->threads, t->denied, t->privileged);
}

static void
profiler_json(struct evbuffer *out, const struct profiler_about *about,
    struct profile_file **files, u_int n, const struct profile_totals *t)
{
	struct profiler_group	 groups[PROFILER_NKINDS];
	struct profile_file	*list[PROFILER_JSON_ROWS];
	double			 secs = t->seconds > 0 ? t->seconds : 1;
	char			*target, *ended;
	u_int			 i, shown = 0, more = 0, ngroups;

	target = json_string(about->target);
	ended = json_string(about->ended);
	evbuffer_add_printf(out, "{\"pane\": \"%%%u\", \"target\": %s, "
	    "\"pid\": %ld, \"seconds\": %.3f, \"ended\": %s,\n  \"files\": [\n",
	    about->pane, target, (long)about->pid, t->seconds, ended);
	free(target);
	free(ended);
	for (i = 0; i < n; i++) {
		if (profiler_kind(files[i]->path) != -1)
			continue;
		if (shown == PROFILER_JSON_ROWS)
			more++;
		else
			list[shown++] = files[i];
	}
	for (i = 0; i < shown; i++)
		profiler_json_file(out, list[i], secs, i == shown - 1);
	evbuffer_add_printf(out, "  ],\n  \"files_not_shown\": %u,\n"
	    "  \"not_files\": [", more);
	ngroups = profiler_groups(files, n, groups);
	for (i = 0; i < ngroups; i++) {
		evbuffer_add_printf(out, "%s\n    {\"kind\": \"%s\", "
		    "\"paths\": %u, \"opens\": %llu, \"reads\": %llu, "
		    "\"bytes_read\": %llu, \"writes\": %llu, "
		    "\"bytes_written\": %llu}", i == 0 ? "" : ",",
		    groups[i].name, groups[i].paths,
		    (unsigned long long)groups[i].opens,
		    (unsigned long long)groups[i].reads,
		    (unsigned long long)groups[i].rbytes,
		    (unsigned long long)groups[i].writes,
		    (unsigned long long)groups[i].wbytes);
	}
	evbuffer_add_printf(out, "%s],\n", ngroups != 0 ? "\n  " : "");
	profiler_json_totals(out, t);
	evbuffer_add_printf(out, "}\n");
}

void
profiler_report(struct evbuffer *out, int flags,
    const struct profiler_about *about, struct profile_file **files, u_int n,
    const struct profile_totals *t)
{
	if (flags & PROFILER_JSON)
		profiler_json(out, about, files, n, t);
	else
		profiler_text(out, about, files, n, t);
}

int
profiler_is_file(const char *path)
{
	return (profiler_kind(path) == -1);
}

const struct profile_file *
profiler_top_file(struct profile_file **files, u_int n, double secs)
{
	const struct profile_file	*first = NULL;
	char				 finding[256];
	u_int				 i;

	for (i = 0; i < n; i++) {
		if (profiler_kind(files[i]->path) != -1)
			continue;
		if (first == NULL)
			first = files[i];
		profile_finding(files[i], secs, finding, sizeof finding);
		if (*finding != '\0')
			return (files[i]);
	}
	return (first);
}

void
profiler_top(char *buf, size_t len, struct profile_file **files, u_int n,
    double secs, int brief)
{
	const struct profile_file	*f;
	const char			*name;
	char				 finding[256], rb[16];

	if ((f = profiler_top_file(files, n, secs)) == NULL) {
		snprintf(buf, len, "no file was opened, read or written");
		return;
	}
	profile_finding(f, secs, finding, sizeof finding);
	name = f->path;
	if (brief) {
		/* The name alone and the first finding: a status line's worth. */
		name = strrchr(f->path, '/') + 1;
		finding[strcspn(finding, ";")] = '\0';
	}
	if (*finding != '\0')
		snprintf(buf, len, "%s %s", name, finding);
	else {
		snprintf(buf, len, "%s: %llu opens, %llu reads (%s)", name,
		    (unsigned long long)f->opens, (unsigned long long)f->reads,
		    policy_size(rb, sizeof rb, (double)f->rbytes));
	}
}

/* Wake up in a second, sooner if the time is up sooner or it is ending. */
static void
profiler_arm(struct profiler *pr)
{
	struct timeval	tv = { 1, 0 };
	uint64_t	now = supervise_now();

	if (pr->ended != NULL) {
		tv.tv_sec = 0;
		tv.tv_usec = PROFILER_POLL_MS * 1000;
	} else if (pr->until > now && pr->until - now < 1000) {
		tv.tv_sec = 0;
		tv.tv_usec = (pr->until - now) * 1000;
	}
	evtimer_add(pr->timer, &tv);
}

/* The status lines that show the pane need drawing again. */
static void
profiler_redraw(struct profiler *pr)
{
	struct pane	*p = pane_find_by_id(pr->pane);

	if (p != NULL && !(pr->flags & PROFILER_AUTO))
		server_status_session(p->session);
}

/* Ask the tracer to let go; it reports once it has. */
static void
profiler_end(struct profiler *pr, const char *why)
{
	if (pr->ended != NULL)
		return;
	log_debug("profile of %%%u: ending (%s)", pr->pane, why);
	pr->ended = why;
	profile_stop(pr->profile);
	profiler_arm(pr);
	profiler_redraw(pr);
}

/* The waiting vigil went (killed with ^C): nobody wants the report now. */
static void
profiler_peer_gone(void *arg)
{
	struct profiler	*pr = arg;

	pr->peer = NULL;
	if (!(pr->flags & PROFILER_KEY))
		profiler_end(pr, "command gone");
}

static void
profiler_free(struct profiler *pr)
{
	if (pr->peer != NULL)
		peer_exit(pr->peer, 1, NULL);
	event_free(pr->timer);
	profile_free(pr->profile);
	free(pr->target);
	free(pr->path);
	free(pr);
}

/* Write the report for a key to its file; 0, or -1 with errno. */
static int
profiler_write(const char *path, struct evbuffer *report)
{
	char	*dirs = xstrdup(path);
	int	 fd, error;

	if (supervise_mkdirs(dirs) != 0) {
		error = errno;
		free(dirs);
		errno = error;
		return (-1);
	}
	free(dirs);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK, 0600);
	if (fd == -1)
		return (-1);
	while (evbuffer_get_length(report) != 0) {
		if (evbuffer_write(report, fd) == -1 && errno != EINTR) {
			error = errno;
			close(fd);
			errno = error;
			return (-1);
		}
	}
	return (close(fd));
}

/* A path with the home directory as "~", for a message. */
static const char *
profiler_short_path(const char *path, char *buf, size_t len)
{
	const char	*home = getenv("HOME");
	size_t		 n;

	if (home != NULL && (n = strlen(home)) > 1 &&
	    strncmp(path, home, n) == 0 && path[n] == '/') {
		snprintf(buf, len, "~%s", path + n);
		return (buf);
	}
	return (path);
}

/*
 * A profile from a key: the report to its file, and a message short
 * enough for a status line: the top file by its name alone, its first
 * finding, and where the rest is.
 */
static void
profiler_tell(struct profiler *pr, struct evbuffer *report, const char *top)
{
	struct client	*c;
	char		 where[1200], buf[1024], *brief;

	if (pr->path == NULL)
		snprintf(where, sizeof where, "no state directory for the report");
	else if (profiler_write(pr->path, report) != 0)
		snprintf(where, sizeof where, "%s: %s", pr->path,
		    strerror(errno));
	else
		snprintf(where, sizeof where, "report in %s",
		    profiler_short_path(pr->path, buf, sizeof buf));
	brief = utf8_printable(top);
	TAILQ_FOREACH(c, &clients, entry) {
		if (c->flags & (CLIENT_DEAD | CLIENT_DETACH))
			continue;
		if (c->session != NULL && c->session->id == pr->session)
			client_message(c, "profile %%%u: %s · %s", pr->pane,
			    brief, where);
	}
	free(brief);
}

/* Log the profile in the event log, if the pane is still there. */
static void
profiler_log(struct profiler *pr, const char *top, double seconds)
{
	struct pane	*p = pane_find_by_id(pr->pane);
	char		*members, *words, *path;

	if (p == NULL)
		return;
	words = json_string(top);
	path = pr->path != NULL && (pr->flags & PROFILER_KEY) ?
	    json_string(pr->path) : xstrdup("null");
	xasprintf(&members, "\"seconds\": %.1f, \"ended\": \"%s\", "
	    "\"top\": %s, \"report\": %s", seconds, pr->ended, words, path);
	supervise_profiled(p, members);
	free(members);
	free(words);
	free(path);
}

/* A user's profile has finished: the report to whoever asked, and the log. */
static void
profiler_deliver(struct profiler *pr, struct profile_file **files, u_int n,
    const struct profile_totals *t)
{
	struct profiler_about	 about;
	struct evbuffer		*report;
	char			 top[512], brief[256];

	about.pane = pr->pane;
	about.target = pr->target;
	about.pid = pr->pid;
	about.ended = pr->ended;
	profiler_top(top, sizeof top, files, n, t->seconds, 0);
	profiler_top(brief, sizeof brief, files, n, t->seconds, 1);

	report = evbuffer_new();
	if (pr->peer != NULL) {
		profiler_report(report, pr->flags, &about, files, n, t);
		peer_output(pr->peer, (char *)evbuffer_pullup(report, -1),
		    evbuffer_get_length(report));
		peer_exit(pr->peer, 0, NULL);
		pr->peer = NULL;
	} else if (pr->flags & PROFILER_KEY) {
		profiler_report(report, 0, &about, files, n, t);
		profiler_tell(pr, report, brief);
	}
	evbuffer_free(report);
	profiler_log(pr, top, t->seconds);
	profiler_redraw(pr);
}

/* The tracer has finished: the results to whoever asked. */
static void
profiler_finish(struct profiler *pr)
{
	struct profile_file		**files;
	const struct profile_totals	*t;
	u_int				 n;

	profiler = NULL;
	profile_wait(pr->profile);
	evtimer_del(pr->timer);
	if (pr->ended == NULL)
		pr->ended = "exited";
	n = profile_files(pr->profile, &files);
	t = profile_totals(pr->profile);
	log_debug("profile of %%%u: done (%s), %u paths, %llu stops", pr->pane,
	    pr->ended, n, (unsigned long long)t->stops);
	if (pr->flags & PROFILER_AUTO)
		pr->cb(pr->pane, pr->ended, files, n, t, pr->arg);
	else
		profiler_deliver(pr, files, n, t);
	profiler_free(pr);
}

static void
profiler_timer_cb(int fd, short events, void *arg)
{
	struct profiler	*pr = arg;

	(void)fd;
	(void)events;
	if (profile_done(pr->profile)) {
		profiler_finish(pr);
		return;
	}
	if (pr->ended == NULL && supervise_now() >= pr->until)
		profiler_end(pr, "duration");
	else
		profiler_redraw(pr);
	profiler_arm(pr);
}

/*
 * Why a pane can't be profiled now, or NULL. A user's profile ends an
 * automatic one first (preempt), but only if it would start.
 */
static char *
profiler_refuse(struct pane *p, int preempt)
{
	char	*cause;

	if (pane_is_dead(p) || (p->flags & PANE_HIBERNATED) || p->pid <= 0)
		xasprintf(&cause, "pane %%%u has exited", p->id);
	else if (suspend_is_suspended(p)) {
		/* A frozen tree would not stop for the tracer to let it go. */
		xasprintf(&cause, "pane %%%u is suspended (resume-pane it first)",
		    p->id);
	} else {
		if (preempt && profiler_preempt(NULL) == 1) {
			xasprintf(&cause, "a file sample of %%%u is still ending "
			    "(a process of it is asleep in the kernel): try again",
			    profiler->pane);
			return (cause);
		}
		if (profiler == NULL)
			return (NULL);
		xasprintf(&cause, "a profile of %%%u is running (profile --stop "
		    "ends it)", profiler->pane);
	}
	return (cause);
}

/* The file a key's report goes to, named by the pane and the time. */
static char *
profiler_report_path(struct pane *p)
{
	char		 name[64], when[32];
	struct tm	 tm;
	time_t		 t = time(NULL);

	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y%m%d-%H%M%S", &tm);
	snprintf(name, sizeof name, "profile-%u-%s.txt", p->id, when);
	return (supervise_state_path(name));
}

/* Start the engine on a pane, and the profile that owns it. */
static struct profiler *
profiler_create(struct pane *p, uint64_t ms, int flags, char **cause)
{
	struct profiler	*pr;
	struct profile	*prof;
	char		*why;

	prof = profile_create();
	if (profile_start(prof, p->pid, &why) != 0) {
		xasprintf(cause, "can't profile pane %%%u: %s", p->id, why);
		free(why);
		profile_free(prof);
		return (NULL);
	}
	pr = xcalloc(1, sizeof *pr);
	pr->profile = prof;
	pr->pane = p->id;
	pr->session = p->session->id;
	xasprintf(&pr->target, "%s:%u", p->session->name,
	    session_pane_index(p->session, p));
	pr->pid = p->pid;
	pr->started = supervise_now();
	pr->until = pr->started + ms;
	pr->flags = flags;
	pr->timer = evtimer_new(server_base, profiler_timer_cb, pr);
	profiler = pr;
	log_debug("profile of %%%u (pid %ld): started for %llu ms%s", p->id,
	    (long)p->pid, (unsigned long long)ms,
	    (flags & PROFILER_AUTO) ? " (automatic)" : "");
	return (pr);
}

int
profiler_start(struct pane *p, uint64_t ms, int flags, struct peer *peer,
    char **path, char **cause)
{
	struct profiler	*pr;

	if ((*cause = profiler_refuse(p, 1)) != NULL)
		return (-1);
	if ((pr = profiler_create(p, ms, flags & ~PROFILER_AUTO, cause)) ==
	    NULL)
		return (-1);
	if (flags & PROFILER_KEY) {
		pr->path = profiler_report_path(p);
		if (path != NULL)
			*path = pr->path != NULL ? xstrdup(pr->path) : NULL;
	}
	if (peer != NULL) {
		pr->peer = peer;
		peer_wait(peer, profiler_peer_gone, pr);
	}
	status_register_pane_part(profiler_status_part);
	profiler_arm(pr);
	profiler_redraw(pr);
	return (0);
}

int
profiler_sample(struct pane *p, uint64_t ms, profiler_cb cb, void *arg,
    char **cause)
{
	struct profiler	*pr;

	if ((*cause = profiler_refuse(p, 0)) != NULL)
		return (-1);
	if ((pr = profiler_create(p, ms, PROFILER_AUTO, cause)) == NULL)
		return (-1);
	pr->cb = cb;
	pr->arg = arg;
	profiler_arm(pr);
	return (0);
}

int
profiler_preempt(struct pane *p)
{
	struct profiler	*pr = profiler;
	struct timespec	 ts = { 0, 2 * 1000 * 1000 };
	u_int		 waited;

	if (pr == NULL || (p != NULL && pr->pane != p->id))
		return (0);
	if (!(pr->flags & PROFILER_AUTO))
		return (-1);
	profiler_end(pr, "preempted");
	/*
	 * Tracees that run stop at once to be let go; one asleep in the
	 * kernel (a hung file system, a vfork parent) stops only when it
	 * wakes, and the server must not wait for that: the sample then
	 * ends on its own, later, and the caller is refused for now.
	 */
	for (waited = 0; !profile_done(pr->profile); waited += 2) {
		if (waited >= PROFILER_PREEMPT_MS) {
			log_debug("profile of %%%u: still ending after %u ms",
			    pr->pane, waited);
			return (1);
		}
		nanosleep(&ts, NULL);
	}
	profiler_finish(pr);
	return (0);
}

int
profiler_stop(struct pane *p, char **cause)
{
	if (profiler == NULL || (profiler->flags & PROFILER_AUTO) ||
	    (p != NULL && profiler->pane != p->id)) {
		if (p != NULL)
			xasprintf(cause, "pane %%%u is not being profiled",
			    p->id);
		else
			xasprintf(cause, "no profile is running");
		return (-1);
	}
	profiler_end(profiler, "stopped");
	return (0);
}

/* Is the pane profiled, automatically or by a user? */
static int
profiler_of(const struct pane *p, int automatic, uint64_t *ms)
{
	if (profiler == NULL || profiler->pane != p->id ||
	    !(profiler->flags & PROFILER_AUTO) != !automatic)
		return (0);
	if (ms != NULL)
		*ms = supervise_now() - profiler->started;
	return (1);
}

int
profiler_running(const struct pane *p, uint64_t *ms)
{
	return (profiler_of(p, 0, ms));
}

int
profiler_sampling(const struct pane *p, uint64_t *ms)
{
	return (profiler_of(p, 1, ms));
}

int
profiler_busy(void)
{
	return (profiler != NULL);
}

void
profiler_check(void)
{
	if (profiler != NULL && profile_done(profiler->profile))
		profiler_finish(profiler);
}

void
profiler_pane_closed(struct pane *p)
{
	/* A pane closed because its program exited: that is why it ended. */
	if (profiler != NULL && profiler->pane == p->id)
		profiler_end(profiler, pane_is_dead(p) ? "exited" : "pane closed");
}

void
profiler_shutdown(void)
{
	if (profiler != NULL)
		profiler_end(profiler, "server exit");
}

void
profiler_free_all(void)
{
	struct profiler	*pr = profiler;

	if (pr == NULL)
		return;
	profiler_end(pr, "server exit");
	profile_wait(pr->profile);
	profiler_finish(pr);
}

/* The pane's segment says so while it is profiled: "0:claude profiling 12s". */
static void
profiler_status_part(struct session *s, struct pane *p, char **text)
{
	char		*next, ago[16];
	uint64_t	 ms;

	(void)s;
	if (!profiler_running(p, &ms))
		return;
	supervise_duration(ago, sizeof ago, ms);
	xasprintf(&next, "%s profiling %s", *text, ago);
	free(*text);
	*text = next;
}
