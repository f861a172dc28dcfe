/*
 * Suspend and resume a pane's process tree; hibernate it.
 *
 * Best is a cgroup of its own (see cgroup.c), which the pane's first
 * process enters before exec, so everything it starts, even what escapes
 * with setsid, is inside. Freezing a cgroup sends no signal and changes no
 * job-control state, so no shell notices. The v2 freezer (cgroup.freeze)
 * is preferred; the v1 freezer hierarchy (freezer.state) works the same.
 *
 * Without a cgroup, signals: SIGSTOP is job control, and a shell whose
 * foreground job stops prints "Stopped" and takes the terminal back. So the
 * tree is stopped from the top: the pane's process first, and only once
 * /proc shows it stopped, its children, and so on down; a stopped parent
 * can't look at its children. Resuming goes the other way, deepest first,
 * so when a shell runs again its job is running too. Each process is
 * signalled through its /proc/PID directory fd (pidfd_send_signal accepts
 * one), opened and checked before the signal, so a recycled pid is never
 * hit. Processes someone else stopped are left stopped. The server never
 * continues a stopped child on its own (its waitpid has no WUNTRACED).
 *
 * Hibernating ends the tree (SIGTERM, SIGKILL after a grace period) and
 * keeps the pane, to be relaunched with its agent's resume command.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/cgroup.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/procfs.h"
#include "vigil/proctree.h"
#include "vigil/profiler.h"
#include "vigil/server.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

#define SUSPEND_WAIT_MS		250	/* for a level to show it stopped */
#define SUSPEND_MAX_PROCS	4096	/* in a tree walked by signal */
#define SUSPEND_MAX_ROUNDS	64	/* levels of the tree */
#define SUSPEND_RETRY_MS	1000	/* between tries to remove a cgroup */
#define SUSPEND_GRACE		3	/* s from SIGTERM to SIGKILL, hibernating */
#define SUSPEND_NAMES		8	/* paneN, paneN.1, ... */

/* A process signalled by us: its /proc directory, to signal it again by. */
struct suspend_proc {
	pid_t	pid;
	int	fd;
};

/* What is known of a pane's suspension. */
struct suspension {
	enum suspend_method	 method;
	char			*cgroup;	/* its directory, or NULL */
	int			 suspended;
	enum suspend_method	 used;		/* how, this time */
	uint64_t		 since;
	int			 focused;	/* active in a client, last pass */
	int			 reclaim;	/* pidfd of the reclaim helper */

	struct suspend_proc	*procs;		/* stopped by us, top first */
	u_int			 nprocs;

	struct suspend_proc	*ending;	/* hibernating: sent SIGTERM */
	u_int			 nending;
	struct event		*kill_timer;	/* then SIGKILL */
};

/* Pane cgroups that were busy when their pane went, to remove later. */
static char	**suspend_leftover;
static u_int	  suspend_nleftover;
static uint64_t	  suspend_leftover_at;

static const char *suspend_method_names[] = {
	"cgroup", "freezer", "signals"
};

/* The hierarchy behind a cgroup method. */
static enum cgroup_kind
suspend_kind(enum suspend_method m)
{
	return (m == SUSPEND_CGROUP ? CGROUP_V2 : CGROUP_FREEZER);
}

/* Signal a process through its /proc directory fd. */
static int
suspend_signal(int fd, int sig)
{
	return ((int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0));
}

/* The pane's record, made on first use. */
static struct suspension *
suspend_get(struct pane *p)
{
	if (p->suspension == NULL) {
		p->suspension = xcalloc(1, sizeof *p->suspension);
		p->suspension->method = SUSPEND_SIGNALS;
		p->suspension->reclaim = -1;
	}
	return (p->suspension);
}

int
suspend_pane_prepare(struct pane *p)
{
	struct suspension	*su = suspend_get(p);
	enum suspend_method	 order[2];
	char			 name[32], *dir;
	u_int			 n = 0, i, j;
	int			 fd;

	switch (options_get_number(OPT_SUSPEND_METHOD)) {
	case SUSPEND_METHOD_AUTO:
		order[n++] = SUSPEND_CGROUP;
		order[n++] = SUSPEND_FREEZER;
		break;
	case SUSPEND_METHOD_CGROUP:
		order[n++] = SUSPEND_CGROUP;
		break;
	case SUSPEND_METHOD_FREEZER:
		order[n++] = SUSPEND_FREEZER;
		break;
	}
	for (i = 0; i < n; i++) {
		/* A relaunched pane's old cgroup may still be emptying. */
		dir = NULL;
		for (j = 0; j < SUSPEND_NAMES && dir == NULL; j++) {
			if (j == 0)
				snprintf(name, sizeof name, "pane%u", p->id);
			else
				snprintf(name, sizeof name, "pane%u.%u", p->id,
				    j);
			dir = cgroup_make(suspend_kind(order[i]), name);
			if (dir == NULL && errno != EEXIST)
				break;
		}
		if (dir == NULL)
			continue;
		if ((fd = cgroup_open_procs(dir)) == -1) {
			log_debug("pane %%%u: %s: %s", p->id, dir,
			    strerror(errno));
			cgroup_remove(dir);
			free(dir);
			continue;
		}
		free(su->cgroup);
		su->cgroup = dir;
		su->method = order[i];
		return (fd);
	}
	su->method = SUSPEND_SIGNALS;
	return (-1);
}

void
suspend_child_join(int fd)
{
	if (fd != -1 && write(fd, "0", 1) != 1) {
		/* The server moves it too (suspend_pane_spawned). */
	}
}

/*
 * The child joins by itself before exec, so nothing it starts is left
 * out; the server moves it too, so it is in when pane_create returns even
 * if the child has not run yet.
 */
void
suspend_pane_spawned(struct pane *p, int fd, pid_t pid)
{
	char	buf[32];
	int	n;

	if (fd == -1)
		return;
	n = snprintf(buf, sizeof buf, "%ld", (long)pid);
	if (pid > 0 && write(fd, buf, n) != n)
		log_debug("pane %%%u: cgroup.procs: %s", p->id,
		    strerror(errno));
	close(fd);
}

/* Is the pane's own process in its cgroup? */
static int
suspend_in_cgroup(const struct pane *p, const struct suspension *su)
{
	char	name[32];
	int	fd, in;

	snprintf(name, sizeof name, "/proc/%ld", (long)p->pid);
	if ((fd = open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (0);
	in = cgroup_has(suspend_kind(su->method), su->cgroup, fd);
	close(fd);
	return (in);
}

/* Is pid one of n? */
static int
suspend_known(const pid_t *known, u_int n, pid_t pid)
{
	u_int	i;

	for (i = 0; i < n; i++) {
		if (known[i] == pid)
			return (1);
	}
	return (0);
}

/*
 * Is this process part of the pane: the pane's own, a child of one already
 * walked, or an orphan of its session come to us?
 */
static int
suspend_belongs(const struct pane *p, const pid_t *known, u_int nknown,
    pid_t pid, pid_t ppid, pid_t sid)
{
	if (pid == p->pid)
		return (1);
	if (suspend_known(known, nknown, ppid))
		return (1);
	return (ppid == getpid() && sid == p->pid);
}

/* Is this state stopped, or on its way out? */
static int
suspend_stopped_state(char state)
{
	return (state == 'T' || state == 't' || state == 'Z' || state == 'X');
}

/* Wait until each process kept since first shows it stopped (or is gone). */
static void
suspend_wait_stopped(const struct suspend_proc *procs, u_int first,
    u_int n)
{
	struct timespec		ts = { 0, 1000000 };
	struct procfs_stat	st;
	u_int			i, t;
	int			all;

	for (t = 0; t < SUSPEND_WAIT_MS; t++) {
		all = 1;
		for (i = first; i < n && all; i++) {
			if (procfs_read_stat(procs[i].fd, &st) == 0 &&
			    !suspend_stopped_state(st.state))
				all = 0;
		}
		if (all)
			return;
		nanosleep(&ts, NULL);
	}
	log_debug("stopping: some processes did not stop in %d ms",
	    SUSPEND_WAIT_MS);
}

/*
 * Walk the pane's tree from the top, a level at a time, keeping an open
 * /proc directory of each process, checked again through that fd. With
 * stop, each process gets SIGSTOP (those already stopped are left out) and
 * a level is waited for before the next is looked at; else every live one
 * is kept. Returns 0, or -1 if the tree is bigger than we walk.
 */
static int
suspend_walk(struct pane *p, int stop, struct suspend_proc **out,
    u_int *nout)
{
	struct proctree_entry	*list;
	struct procfs_stat	 st;
	pid_t			*known = NULL;
	u_int			 nknown = 0, n, i, round, first, found = 0;
	u_int			 above;
	int			 procfd, fd;

	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return (-1);
	for (round = 0; round < SUSPEND_MAX_ROUNDS; round++) {
		n = proctree_scan("/proc", &list);
		first = *nout;
		found = 0;
		/* Only children of those walked already: one level. */
		above = nknown;
		for (i = 0; i < n && nknown < SUSPEND_MAX_PROCS; i++) {
			if (suspend_known(known, nknown, list[i].pid) ||
			    !suspend_belongs(p, known, above, list[i].pid,
			    list[i].ppid, list[i].sid))
				continue;
			if ((fd = procfs_open_pid(procfd, list[i].pid)) == -1)
				continue;
			if (procfs_read_stat(fd, &st) != 0 ||
			    !suspend_belongs(p, known, above, st.pid, st.ppid,
			    st.sid)) {
				close(fd);
				continue;
			}
			known = xreallocarray(known, nknown + 1,
			    sizeof *known);
			known[nknown++] = st.pid;
			found++;
			if (st.state == 'Z' || st.state == 'X' ||
			    (stop && (suspend_stopped_state(st.state) ||
			    suspend_signal(fd, SIGSTOP) != 0))) {
				close(fd);
				continue;
			}
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[*nout].pid = st.pid;
			(*out)[(*nout)++].fd = fd;
		}
		free(list);
		if (found == 0 || nknown >= SUSPEND_MAX_PROCS)
			break;
		if (stop)
			suspend_wait_stopped(*out, first, *nout);
	}
	free(known);
	close(procfd);
	if (found != 0) {
		log_warnx("pane %%%u: tree deeper than %d levels or more than "
		    "%d processes", p->id, SUSPEND_MAX_ROUNDS,
		    SUSPEND_MAX_PROCS);
		return (-1);
	}
	return (0);
}

/* Signal a list (SIGCONT: deepest first), close it and free it. */
static void
suspend_signal_list(struct suspend_proc **procs, u_int *n, int sig)
{
	u_int	i;

	for (i = *n; i > 0; i--) {
		if (sig != 0 && suspend_signal((*procs)[i - 1].fd, sig) != 0 &&
		    errno != ESRCH)
			log_debug("signal %d to %ld: %s", sig,
			    (long)(*procs)[i - 1].pid, strerror(errno));
		close((*procs)[i - 1].fd);
	}
	free(*procs);
	*procs = NULL;
	*n = 0;
}

/* Stop the tree top down (see the top of the file). */
static int
suspend_stop_signals(struct pane *p, struct suspension *su, char **cause)
{
	if (suspend_walk(p, 1, &su->procs, &su->nprocs) != 0) {
		suspend_signal_list(&su->procs, &su->nprocs, SIGCONT);
		xasprintf(cause, "pane %%%u: too many processes to stop",
		    p->id);
		return (-1);
	}
	if (su->nprocs == 0) {
		xasprintf(cause, "pane %%%u: no process to stop", p->id);
		return (-1);
	}
	return (0);
}

/* Is there swap to put memory in? */
static int
suspend_have_swap(void)
{
	char	 buf[8192], *s;

	if (procfs_read_file(AT_FDCWD, "/proc/meminfo", buf, sizeof buf) !=
	    0 || (s = strstr(buf, "SwapTotal:")) == NULL)
		return (0);
	return (strtoull(s + 10, NULL, 10) > 0);
}

/*
 * A frozen pane's memory can go to swap: a helper process asks the kernel
 * to reclaim all of it (it takes what it can), which takes as long as
 * writing it out, so not in the server. Only in a cgroup with the memory
 * controller, and with swap. The helper logs before and after; a resume
 * kills it.
 */
static void
suspend_reclaim(struct pane *p, struct suspension *su)
{
	long long	before, after;
	pid_t		pid;
	int		sig;

	if (su->used != SUSPEND_CGROUP ||
	    !options_get_number(OPT_SUSPEND_RECLAIM) ||
	    (before = cgroup_memory(su->cgroup)) <= 0 || !suspend_have_swap())
		return;
	if ((pid = fork()) == -1) {
		log_debug("pane %%%u: reclaim: fork: %s", p->id,
		    strerror(errno));
		return;
	}
	if (pid == 0) {
		for (sig = 1; sig < NSIG; sig++)
			signal(sig, SIG_DFL);
#ifdef HAVE_CLOSEFROM
		closefrom(STDERR_FILENO + 1);
#endif
		if (cgroup_reclaim(su->cgroup, before) != 0)
			_exit(1);
		after = cgroup_memory(su->cgroup);
		supervise_reclaimed(p, before, after);
		_exit(0);
	}
	/* Ours and not reaped yet (that waits for the loop): no reuse. */
	su->reclaim = (int)syscall(SYS_pidfd_open, pid, 0);
}

/* Stop a reclaim helper still at work. */
static void
suspend_reclaim_stop(struct suspension *su)
{
	if (su->reclaim == -1)
		return;
	suspend_signal(su->reclaim, SIGKILL);
	close(su->reclaim);
	su->reclaim = -1;
}

/* Is the pane the active one of an attached client? */
static int
suspend_focused(const struct pane *p)
{
	struct client	*c;

	TAILQ_FOREACH(c, &clients, entry) {
		if (!(c->flags & (CLIENT_DEAD | CLIENT_DETACH)) &&
		    c->session == p->session && p->session->active == p)
			return (1);
	}
	return (0);
}

int
suspend_pane(struct pane *p, const char *why, char **cause)
{
	struct suspension	*su = suspend_get(p);

	if (pane_is_dead(p) || (p->flags & PANE_HIBERNATED)) {
		xasprintf(cause, "pane %%%u has exited", p->id);
		return (-1);
	}
	if (su->suspended) {
		xasprintf(cause, "pane %%%u is already suspended", p->id);
		return (-1);
	}
	/*
	 * The tracer could not let a frozen tree go: a sample of its files
	 * ends first, a user's profile stands.
	 */
	switch (profiler_preempt(p)) {
	case 0:
		break;
	case 1:
		xasprintf(cause, "pane %%%u: its file sample is still ending "
		    "(a process is asleep in the kernel)", p->id);
		return (-1);
	default:
		xasprintf(cause, "pane %%%u is being profiled", p->id);
		return (-1);
	}
	su->used = su->method;
	if (su->cgroup != NULL && !suspend_in_cgroup(p, su)) {
		log_debug("pane %%%u: pid %ld not in %s", p->id, (long)p->pid,
		    su->cgroup);
		su->used = SUSPEND_SIGNALS;
	}
	if (su->used != SUSPEND_SIGNALS) {
		if (cgroup_freeze(suspend_kind(su->used), su->cgroup, 1) !=
		    0) {
			xasprintf(cause, "%s: %s", su->cgroup, strerror(errno));
			return (-1);
		}
	} else if (suspend_stop_signals(p, su, cause) != 0)
		return (-1);
	su->suspended = 1;
	su->since = supervise_now();
	su->focused = suspend_focused(p);
	log_debug("pane %%%u: suspended (%s) by %s", p->id,
	    suspend_method_names[su->used], why);
	supervise_suspended(p, 1, why, NULL);
	suspend_reclaim(p, su);
	server_status_session(p->session);
	server_redraw_session(p->session);
	return (0);
}

int
suspend_resume(struct pane *p, const char *why)
{
	struct suspension	*su = p->suspension;
	char			 members[64];

	if (su == NULL || !su->suspended)
		return (-1);
	suspend_reclaim_stop(su);
	if (su->used == SUSPEND_SIGNALS)
		suspend_signal_list(&su->procs, &su->nprocs, SIGCONT);
	else if (cgroup_freeze(suspend_kind(su->used), su->cgroup, 0) != 0)
		log_warnx("pane %%%u: thaw %s: %s", p->id, su->cgroup,
		    strerror(errno));
	su->suspended = 0;
	log_debug("pane %%%u: resumed by %s", p->id, why);
	snprintf(members, sizeof members, "\"suspended_for\": %llu",
	    (unsigned long long)(supervise_now() - su->since) / 1000);
	su->since = 0;
	supervise_suspended(p, 0, why, members);
	server_status_session(p->session);
	server_redraw_session(p->session);
	return (0);
}

/* SIGKILL what is left of a hibernating tree, and forget it. */
static void
suspend_end_now(struct suspension *su)
{
	if (su->nending != 0 && su->cgroup != NULL &&
	    su->method == SUSPEND_CGROUP)
		cgroup_kill(su->cgroup);
	suspend_signal_list(&su->ending, &su->nending, SIGKILL);
	if (su->kill_timer != NULL)
		event_free(su->kill_timer);
	su->kill_timer = NULL;
}

static void
suspend_kill_cb(int fd, short events, void *arg)
{
	struct suspension	*su = arg;

	(void)fd;
	(void)events;
	log_debug("hibernate: grace period over, SIGKILL to %u", su->nending);
	suspend_end_now(su);
}

/*
 * Add what else is in the pane's cgroup to the processes to end: each
 * opened by its /proc directory and checked through it to be in there.
 */
static void
suspend_add_cgroup(struct suspension *su)
{
	pid_t	*pids;
	u_int	 n, i, j;
	int	 procfd, fd;

	if (su->cgroup == NULL || (procfd = open("/proc", O_RDONLY |
	    O_DIRECTORY | O_CLOEXEC)) == -1)
		return;
	n = cgroup_pids(su->cgroup, &pids);
	for (i = 0; i < n; i++) {
		for (j = 0; j < su->nending; j++) {
			if (su->ending[j].pid == pids[i])
				break;
		}
		if (j < su->nending ||
		    (fd = procfs_open_pid(procfd, pids[i])) == -1)
			continue;
		if (!cgroup_has(suspend_kind(su->method), su->cgroup, fd)) {
			close(fd);
			continue;
		}
		su->ending = xreallocarray(su->ending, su->nending + 1,
		    sizeof *su->ending);
		su->ending[su->nending].pid = pids[i];
		su->ending[su->nending++].fd = fd;
	}
	free(pids);
	close(procfd);
}

/* The directory a process works in (xmalloc'd), or NULL. */
static char *
suspend_cwd_of(pid_t pid)
{
	char	path[64], cwd[PATH_MAX];
	ssize_t	n;

	snprintf(path, sizeof path, "/proc/%ld/cwd", (long)pid);
	if ((n = readlink(path, cwd, sizeof cwd - 1)) <= 0)
		return (NULL);
	cwd[n] = '\0';
	return (xstrdup(cwd));
}

int
suspend_hibernate(struct pane *p, const char *command, pid_t where,
    const char *why, char **cause)
{
	struct suspension	*su = suspend_get(p);
	struct timeval		 tv = { SUSPEND_GRACE, 0 };
	u_int			 i;

	if (pane_is_dead(p) || (p->flags & PANE_HIBERNATED)) {
		xasprintf(cause, "pane %%%u has exited", p->id);
		return (-1);
	}
	free(p->cwd);
	if ((p->cwd = suspend_cwd_of(where)) == NULL)
		p->cwd = suspend_cwd_of(p->pid);
	free(p->hibernate_command);
	p->hibernate_command = xstrdup(command);

	/* The tree (it is suspended: nothing forks), and its cgroup. */
	if (suspend_walk(p, 0, &su->ending, &su->nending) != 0)
		log_warnx("pane %%%u: hibernate: some processes not found",
		    p->id);
	suspend_add_cgroup(su);
	for (i = 0; i < su->nending; i++)
		suspend_signal(su->ending[i].fd, SIGTERM);
	/* Let them run to take it. */
	suspend_resume(p, "hibernate");
	p->flags |= PANE_HIBERNATED;
	if (su->kill_timer == NULL)
		su->kill_timer = evtimer_new(server_base, suspend_kill_cb, su);
	evtimer_add(su->kill_timer, &tv);
	log_debug("pane %%%u: hibernated (%s), %u processes, relaunch %s in "
	    "%s", p->id, why, su->nending, command, p->cwd != NULL ? p->cwd :
	    "?");
	supervise_hibernated(p, why);
	server_status_session(p->session);
	server_redraw_session(p->session);
	return (0);
}

/* "some avg10=1.23 ..." from a PSI file's text; -1 if it is not there. */
double
suspend_parse_pressure(const char *text)
{
	const char	*s, *nl;
	char		*end;
	double		 v;

	if (strncmp(text, "some ", 5) != 0 ||
	    (s = strstr(text, "avg10=")) == NULL ||
	    ((nl = strchr(text, '\n')) != NULL && nl < s))
		return (-1);
	v = strtod(s + 6, &end);
	if (end == s + 6 || v < 0 || v > 100)
		return (-1);
	return (v);
}

double
suspend_pressure(const char *path)
{
	char	buf[512];

	if (procfs_read_file(AT_FDCWD, path, buf, sizeof buf) != 0)
		return (-1);
	return (suspend_parse_pressure(buf));
}

int
suspend_is_suspended(const struct pane *p)
{
	return (p->suspension != NULL && p->suspension->suspended);
}

uint64_t
suspend_since(const struct pane *p)
{
	return (suspend_is_suspended(p) ? p->suspension->since : 0);
}

const char *
suspend_method_name(const struct pane *p)
{
	const struct suspension	*su = p->suspension;

	if (su == NULL)
		return (suspend_method_names[SUSPEND_SIGNALS]);
	return (suspend_method_names[su->suspended ? su->used : su->method]);
}

const char *
suspend_cgroup(const struct pane *p)
{
	return (p->suspension != NULL ? p->suspension->cgroup : NULL);
}

void
suspend_pane_exited(struct pane *p)
{
	suspend_resume(p, "exit");
}

/* Try again to remove cgroups that still held processes. */
static void
suspend_remove_leftovers(int force)
{
	uint64_t	now;
	u_int		i, kept = 0;

	if (suspend_nleftover == 0)
		return;
	now = supervise_now();
	if (!force && now - suspend_leftover_at < SUSPEND_RETRY_MS)
		return;
	suspend_leftover_at = now;
	for (i = 0; i < suspend_nleftover; i++) {
		if (cgroup_remove(suspend_leftover[i]) == 0)
			free(suspend_leftover[i]);
		else
			suspend_leftover[kept++] = suspend_leftover[i];
	}
	suspend_nleftover = kept;
}

void
suspend_pane_free(struct pane *p)
{
	struct suspension	*su = p->suspension;

	if (su == NULL)
		return;
	suspend_resume(p, "close");
	suspend_reclaim_stop(su);
	suspend_end_now(su);
	if (su->cgroup != NULL && cgroup_remove(su->cgroup) != 0) {
		/* Its processes are still on their way out. */
		suspend_leftover = xreallocarray(suspend_leftover,
		    suspend_nleftover + 1, sizeof *suspend_leftover);
		suspend_leftover[suspend_nleftover++] = su->cgroup;
		su->cgroup = NULL;
	}
	free(su->cgroup);
	free(su);
	p->suspension = NULL;
}

void
suspend_focus_pass(void)
{
	struct pane	*p;
	int		 focused;

	/* Only suspended panes: suspend_pane notes whether it was focused. */
	TAILQ_FOREACH(p, pane_all(), all_entry) {
		if (!suspend_is_suspended(p))
			continue;
		focused = suspend_focused(p);
		if (focused && !p->suspension->focused)
			suspend_resume(p, "focus");
		p->suspension->focused = focused;
	}
	suspend_remove_leftovers(0);
}

void
suspend_done(void)
{
	u_int	i;

	suspend_remove_leftovers(1);
	for (i = 0; i < suspend_nleftover; i++) {
		log_debug("cgroup %s: still in use", suspend_leftover[i]);
		free(suspend_leftover[i]);
	}
	free(suspend_leftover);
	suspend_leftover = NULL;
	suspend_nleftover = 0;
	cgroup_done();
}
