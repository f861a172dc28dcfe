/*
 * Suspend and resume a pane's process tree.
 *
 * Best is a cgroup of its own: the server makes vigil-PID under its own
 * cgroup (where it may write: root, or a delegated subtree) and one
 * directory per pane in it, which the pane's first process enters before
 * exec, so everything it starts, even what escapes with setsid, is inside.
 * Freezing a cgroup sends no signal and changes no job-control state, so
 * no shell notices. The v2 freezer (cgroup.freeze) is preferred; the v1
 * freezer hierarchy (freezer.state) works the same way.
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
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/procfs.h"
#include "vigil/proctree.h"
#include "vigil/server.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

#define SUSPEND_WAIT_MS		250	/* for a freeze or a stop to show */
#define SUSPEND_MAX_PROCS	4096	/* stopped by signal, per pane */
#define SUSPEND_MAX_ROUNDS	64	/* levels of the tree */
#define SUSPEND_RETRY_MS	1000	/* between tries to remove a cgroup */
#define SUSPEND_GRACE		3	/* s from SIGTERM to SIGKILL, hibernating */

/* A process stopped by signal: its /proc directory, to continue it by. */
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

	struct suspend_proc	*procs;		/* stopped by us, top first */
	u_int			 nprocs;

	struct suspend_proc	*ending;	/* hibernating: sent SIGTERM */
	u_int			 nending;
	struct event		*kill_timer;	/* then SIGKILL */
};

/* One cgroup hierarchy: where our directory is, if we could make it. */
struct suspend_tree {
	const char	*name;
	int		 tried;
	char		*base;		/* the server's own cgroup */
	char		*dir;		/* base/vigil-PID, or NULL */
};
static struct suspend_tree suspend_trees[2] = {
	[SUSPEND_CGROUP] = { .name = "cgroup2" },
	[SUSPEND_FREEZER] = { .name = "freezer" },
};

/* Pane cgroups that were busy when their pane went, to remove later. */
static char	**suspend_leftover;
static u_int	  suspend_nleftover;
static uint64_t	  suspend_leftover_at;

static const char *suspend_method_names[] = {
	"cgroup", "freezer", "signals"
};

/* Write a short string to a file (a cgroup control file). */
static int
suspend_write_file(const char *path, const char *value)
{
	ssize_t	n;
	int	fd, saved;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = write(fd, value, strlen(value));
	saved = errno;
	close(fd);
	errno = saved;
	return (n == (ssize_t)strlen(value) ? 0 : -1);
}

/* Read a small file into buf; 0, or -1. */
static int
suspend_read_file(const char *path, char *buf, size_t size)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return (-1);
	buf[n] = '\0';
	return (0);
}

/* Sleep a millisecond. */
static void
suspend_nap(void)
{
	struct timespec	ts = { 0, 1000000 };

	nanosleep(&ts, NULL);
}

/*
 * Find a hierarchy in /proc/self/mountinfo: cgroup2, or the v1 one with
 * the freezer. Gives its mount point and the root it shows.
 */
static int
suspend_find_mount(enum suspend_method m, char *mnt, size_t mlen,
    char *root, size_t rlen)
{
	FILE	*f;
	char	*line = NULL, *sep, *fstype, *opts, *tok, *save, *fields[5];
	size_t	 size = 0;
	u_int	 i;
	int	 found = 0;

	if ((f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return (-1);
	while (!found && getline(&line, &size, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((sep = strstr(line, " - ")) == NULL)
			continue;
		*sep = '\0';
		fstype = strtok_r(sep + 3, " ", &save);
		if (fstype == NULL || strtok_r(NULL, " ", &save) == NULL ||
		    (opts = strtok_r(NULL, " ", &save)) == NULL)
			continue;
		if (m == SUSPEND_CGROUP && strcmp(fstype, "cgroup2") != 0)
			continue;
		if (m == SUSPEND_FREEZER) {
			if (strcmp(fstype, "cgroup") != 0)
				continue;
			for (tok = strtok_r(opts, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save)) {
				if (strcmp(tok, "freezer") == 0)
					break;
			}
			if (tok == NULL)
				continue;
		}
		fields[0] = strtok_r(line, " ", &save);
		for (i = 1; i < 5 && fields[i - 1] != NULL; i++)
			fields[i] = strtok_r(NULL, " ", &save);
		/* Escaped names (\040) are not worth the trouble. */
		if (i < 5 || fields[4] == NULL || strchr(fields[3], '\\') ||
		    strchr(fields[4], '\\'))
			continue;
		snprintf(root, rlen, "%s", fields[3]);
		snprintf(mnt, mlen, "%s", fields[4]);
		found = 1;
	}
	free(line);
	fclose(f);
	return (found ? 0 : -1);
}

/* Our own cgroup in a hierarchy, from /proc/self/cgroup. */
static int
suspend_own_cgroup(enum suspend_method m, char *path, size_t len)
{
	FILE	*f;
	char	*line = NULL, *ctrl, *cg, *tok, *save;
	size_t	 size = 0;
	int	 found = 0;

	if ((f = fopen("/proc/self/cgroup", "re")) == NULL)
		return (-1);
	while (!found && getline(&line, &size, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((ctrl = strchr(line, ':')) == NULL ||
		    (cg = strchr(ctrl + 1, ':')) == NULL)
			continue;
		*cg++ = '\0';
		*ctrl++ = '\0';
		if (m == SUSPEND_CGROUP) {
			if (strcmp(line, "0") != 0 || *ctrl != '\0')
				continue;
		} else {
			for (tok = strtok_r(ctrl, ",", &save); tok != NULL;
			    tok = strtok_r(NULL, ",", &save)) {
				if (strcmp(tok, "freezer") == 0)
					break;
			}
			if (tok == NULL)
				continue;
		}
		snprintf(path, len, "%s", cg);
		found = 1;
	}
	free(line);
	fclose(f);
	return (found ? 0 : -1);
}

/* Thaw a cgroup left by a server that has gone. */
static void
suspend_thaw_dir(enum suspend_method m, const char *dir)
{
	char	path[PATH_MAX];
	int	n;

	if (m == SUSPEND_CGROUP) {
		n = snprintf(path, sizeof path, "%s/cgroup.freeze", dir);
		if (n > 0 && (size_t)n < sizeof path)
			suspend_write_file(path, "0");
	} else {
		n = snprintf(path, sizeof path, "%s/freezer.state", dir);
		if (n > 0 && (size_t)n < sizeof path)
			suspend_write_file(path, "THAWED");
	}
}

/*
 * Remove the directories of servers that are gone: thaw what they left
 * frozen (a server killed with SIGKILL could not), then rmdir what is
 * empty. A directory still holding processes stays.
 */
static void
suspend_sweep(enum suspend_method m, const char *base)
{
	DIR		*d, *d1;
	struct dirent	*de, *de1;
	char		 dir[PATH_MAX], sub[PATH_MAX], *end;
	long		 pid;
	int		 n;

	if ((d = opendir(base)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "vigil-", 6) != 0)
			continue;
		pid = strtol(de->d_name + 6, &end, 10);
		if (*end != '\0' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(dir, sizeof dir, "%s/%s", base, de->d_name);
		if ((d1 = opendir(dir)) != NULL) {
			while ((de1 = readdir(d1)) != NULL) {
				if (strncmp(de1->d_name, "pane", 4) != 0)
					continue;
				n = snprintf(sub, sizeof sub, "%s/%s", dir,
				    de1->d_name);
				if (n < 0 || (size_t)n >= sizeof sub)
					continue;
				suspend_thaw_dir(m, sub);
				if (rmdir(sub) != 0)
					log_debug("cgroup %s: %s", sub,
					    strerror(errno));
			}
			closedir(d1);
		}
		if (rmdir(dir) == 0)
			log_debug("removed stale cgroup %s", dir);
	}
	closedir(d);
}

/* Make our directory in a hierarchy, once; NULL if we can't. */
static const char *
suspend_tree_dir(enum suspend_method m)
{
	struct suspend_tree	*st = &suspend_trees[m];
	char			 mnt[PATH_MAX], root[PATH_MAX], own[PATH_MAX];
	char			 path[PATH_MAX], buf[256];
	const char		*rel;
	size_t			 rlen;

	if (st->tried)
		return (st->dir);
	st->tried = 1;
	if (suspend_find_mount(m, mnt, sizeof mnt, root, sizeof root) != 0 ||
	    suspend_own_cgroup(m, own, sizeof own) != 0) {
		log_debug("suspend: no %s hierarchy", st->name);
		return (NULL);
	}
	/* Our cgroup as seen from where the hierarchy is mounted. */
	rlen = strlen(root);
	if (strcmp(root, "/") == 0)
		rel = own;
	else if (strncmp(own, root, rlen) == 0 && (own[rlen] == '/' ||
	    own[rlen] == '\0'))
		rel = own + rlen;
	else {
		log_debug("suspend: %s: %s is outside %s", st->name, own,
		    root);
		return (NULL);
	}
	xasprintf(&st->base, "%s%s", mnt, strcmp(rel, "/") == 0 ? "" : rel);
	suspend_sweep(m, st->base);

	snprintf(path, sizeof path, "%s/vigil-%ld", st->base, (long)getpid());
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		log_debug("suspend: %s: %s", path, strerror(errno));
		return (NULL);
	}
	st->dir = xstrdup(path);

	/* Memory accounting and reclaim, if the parent lends the controller. */
	if (m == SUSPEND_CGROUP) {
		snprintf(path, sizeof path, "%s/cgroup.controllers", st->dir);
		if (suspend_read_file(path, buf, sizeof buf) == 0 &&
		    strstr(buf, "memory") != NULL) {
			snprintf(path, sizeof path,
			    "%s/cgroup.subtree_control", st->dir);
			if (suspend_write_file(path, "+memory") != 0)
				log_debug("suspend: %s: %s", path,
				    strerror(errno));
		}
	}
	log_debug("suspend: %s at %s", st->name, st->dir);
	return (st->dir);
}

const char *
suspend_cgroup_base(enum suspend_method m)
{
	if (m != SUSPEND_CGROUP && m != SUSPEND_FREEZER)
		return (NULL);
	return (suspend_tree_dir(m));
}

/* The pane's record, made on first use. */
static struct suspension *
suspend_get(struct pane *p)
{
	if (p->suspension == NULL) {
		p->suspension = xcalloc(1, sizeof *p->suspension);
		p->suspension->method = SUSPEND_SIGNALS;
	}
	return (p->suspension);
}

int
suspend_pane_prepare(struct pane *p)
{
	struct suspension	*su = suspend_get(p);
	enum suspend_method	 order[2], m;
	const char		*dir;
	char			 path[PATH_MAX];
	u_int			 n = 0, i;
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
		m = order[i];
		if ((dir = suspend_tree_dir(m)) == NULL)
			continue;
		snprintf(path, sizeof path, "%s/pane%u", dir, p->id);
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			log_debug("pane %%%u: %s: %s", p->id, path,
			    strerror(errno));
			continue;
		}
		free(su->cgroup);
		su->cgroup = xstrdup(path);
		snprintf(path, sizeof path, "%s/cgroup.procs", su->cgroup);
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1) {
			log_debug("pane %%%u: %s: %s", p->id, path,
			    strerror(errno));
			rmdir(su->cgroup);
			free(su->cgroup);
			su->cgroup = NULL;
			continue;
		}
		su->method = m;
		return (fd);
	}
	su->method = SUSPEND_SIGNALS;
	return (-1);
}

void
suspend_child_join(int fd)
{
	if (fd != -1 && write(fd, "0", 1) != 1) {
		/* The pane is suspended by signals instead; nothing to say. */
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

/* Is pid listed in the pane's cgroup? Its first process must be. */
static int
suspend_in_cgroup(const struct suspension *su, pid_t pid)
{
	char	 path[PATH_MAX], *line = NULL;
	size_t	 size = 0;
	FILE	*f;
	int	 found = 0;

	snprintf(path, sizeof path, "%s/cgroup.procs", su->cgroup);
	if ((f = fopen(path, "re")) == NULL)
		return (0);
	while (!found && getline(&line, &size, f) != -1)
		found = strtol(line, NULL, 10) == (long)pid;
	free(line);
	fclose(f);
	return (found);
}

/* Freeze or thaw a cgroup and wait (a little) for it to be done. */
static int
suspend_freeze(const struct suspension *su, int freeze)
{
	char	 path[PATH_MAX], buf[512];
	u_int	 i;
	int	 done;

	for (i = 0; i < SUSPEND_WAIT_MS; i++) {
		if (su->used == SUSPEND_CGROUP) {
			if (i == 0) {
				snprintf(path, sizeof path,
				    "%s/cgroup.freeze", su->cgroup);
				if (suspend_write_file(path,
				    freeze ? "1" : "0") != 0)
					return (-1);
			}
			snprintf(path, sizeof path, "%s/cgroup.events",
			    su->cgroup);
			if (suspend_read_file(path, buf, sizeof buf) != 0)
				return (-1);
			done = strstr(buf, freeze ? "frozen 1" : "frozen 0") !=
			    NULL;
		} else {
			/* v1 asks for FROZEN again until it is. */
			snprintf(path, sizeof path, "%s/freezer.state",
			    su->cgroup);
			if ((i == 0 || freeze) && suspend_write_file(path,
			    freeze ? "FROZEN" : "THAWED") != 0)
				return (-1);
			if (suspend_read_file(path, buf, sizeof buf) != 0)
				return (-1);
			done = strncmp(buf, freeze ? "FROZEN" : "THAWED",
			    6) == 0;
		}
		if (done)
			return (0);
		suspend_nap();
	}
	log_debug("cgroup %s: not %s after %d ms", su->cgroup,
	    freeze ? "frozen" : "thawed", SUSPEND_WAIT_MS);
	return (0);
}

/* A process from the /proc listing. */
struct suspend_entry {
	pid_t	pid, ppid, sid;
};

/* Every process: its pid, parent and session. */
static u_int
suspend_list(int procfd, struct suspend_entry **out)
{
	struct suspend_entry	*list = NULL;
	struct procfs_stat	 st;
	struct dirent		*de;
	DIR			*d;
	u_int			 n = 0, alloc = 0;
	char			*end;
	long			 pid;
	int			 fd, dfd;

	if ((dfd = dup(procfd)) == -1 || (d = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		*out = NULL;
		return (0);
	}
	rewinddir(d);
	while ((de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if ((fd = procfs_open_pid(procfd, (pid_t)pid)) == -1)
			continue;
		if (procfs_read_stat(fd, &st) == 0) {
			if (n == alloc) {
				alloc = alloc == 0 ? 256 : alloc * 2;
				list = xreallocarray(list, alloc,
				    sizeof *list);
			}
			list[n].pid = st.pid;
			list[n].ppid = st.ppid;
			list[n++].sid = st.sid;
		}
		close(fd);
	}
	closedir(d);
	*out = list;
	return (n);
}

/* Has this pid been dealt with? */
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
 * Is this process part of the pane, now: the pane's own, a child of one
 * already dealt with, or an orphan of its session come to us.
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

/* Wait until each process stopped since first shows it (or is gone). */
static void
suspend_wait_stopped(const struct suspension *su, u_int first)
{
	struct procfs_stat	st;
	u_int			i, t;
	int			all;

	for (t = 0; t < SUSPEND_WAIT_MS; t++) {
		all = 1;
		for (i = first; i < su->nprocs && all; i++) {
			if (procfs_read_stat(su->procs[i].fd, &st) == 0 &&
			    st.state != 'T' && st.state != 't' &&
			    st.state != 'Z' && st.state != 'X')
				all = 0;
		}
		if (all)
			return;
		suspend_nap();
	}
	log_debug("stopping: some processes did not stop in %d ms",
	    SUSPEND_WAIT_MS);
}

/* Stop the tree top down, one level at a time (see the top of the file). */
static int
suspend_stop_signals(struct pane *p, struct suspension *su, char **cause)
{
	struct suspend_entry	*list;
	struct procfs_stat	 st;
	pid_t			*known = NULL;
	u_int			 nknown = 0, n, i, round, first, found, above;
	int			 procfd, fd;

	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		xasprintf(cause, "/proc: %s", strerror(errno));
		return (-1);
	}
	su->nprocs = 0;
	for (round = 0; round < SUSPEND_MAX_ROUNDS; round++) {
		n = suspend_list(procfd, &list);
		first = su->nprocs;
		found = 0;
		/* Only children of those already stopped: one level. */
		above = nknown;
		for (i = 0; i < n && nknown < SUSPEND_MAX_PROCS; i++) {
			if (suspend_known(known, nknown, list[i].pid) ||
			    !suspend_belongs(p, known, above, list[i].pid,
			    list[i].ppid, list[i].sid))
				continue;
			/* Check it again through the fd the signal goes by. */
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
			/* Stopped by someone else, or dying: leave it be. */
			if (st.state == 'T' || st.state == 't' ||
			    st.state == 'Z' || st.state == 'X' ||
			    syscall(SYS_pidfd_send_signal, fd, SIGSTOP, NULL,
			    0) != 0) {
				close(fd);
				continue;
			}
			su->procs = xreallocarray(su->procs, su->nprocs + 1,
			    sizeof *su->procs);
			su->procs[su->nprocs].pid = st.pid;
			su->procs[su->nprocs++].fd = fd;
		}
		free(list);
		if (found == 0)
			break;
		suspend_wait_stopped(su, first);
	}
	free(known);
	close(procfd);
	if (su->nprocs == 0) {
		xasprintf(cause, "no process to stop");
		return (-1);
	}
	return (0);
}

/* Continue what we stopped, deepest first. */
static void
suspend_cont_signals(struct suspension *su)
{
	u_int	i;

	for (i = su->nprocs; i > 0; i--) {
		if (syscall(SYS_pidfd_send_signal, su->procs[i - 1].fd,
		    SIGCONT, NULL, 0) != 0 && errno != ESRCH)
			log_debug("SIGCONT %ld: %s", (long)su->procs[i - 1].pid,
			    strerror(errno));
		close(su->procs[i - 1].fd);
	}
	free(su->procs);
	su->procs = NULL;
	su->nprocs = 0;
}

/* Is there swap to put memory in? */
static int
suspend_have_swap(void)
{
	char	 buf[8192], *s;

	if (suspend_read_file("/proc/meminfo", buf, sizeof buf) != 0 ||
	    (s = strstr(buf, "SwapTotal:")) == NULL)
		return (0);
	return (strtoull(s + 10, NULL, 10) > 0);
}

/* A cgroup's memory.current, or -1. */
static long long
suspend_memory_current(const struct suspension *su)
{
	char	path[PATH_MAX], buf[64];

	snprintf(path, sizeof path, "%s/memory.current", su->cgroup);
	if (suspend_read_file(path, buf, sizeof buf) != 0)
		return (-1);
	return (strtoll(buf, NULL, 10));
}

/*
 * A frozen pane's memory can go to swap: ask the kernel to reclaim all of
 * it (it takes what it can). Only with a cgroup that has the memory
 * controller, and with swap. Says before and after in members.
 */
static void
suspend_reclaim(const struct suspension *su, char *members, size_t len)
{
	char		path[PATH_MAX], amount[32];
	long long	before, after;

	*members = '\0';
	if (su->used != SUSPEND_CGROUP ||
	    !options_get_number(OPT_SUSPEND_RECLAIM) ||
	    (before = suspend_memory_current(su)) <= 0 || !suspend_have_swap())
		return;
	snprintf(path, sizeof path, "%s/memory.reclaim", su->cgroup);
	snprintf(amount, sizeof amount, "%lld", before);
	/* EAGAIN: it could not take all; what it took is still gone. */
	if (suspend_write_file(path, amount) != 0 && errno != EAGAIN) {
		log_debug("%s: %s", path, strerror(errno));
		return;
	}
	after = suspend_memory_current(su);
	snprintf(members, len, "\"memory_before\": %lld, "
	    "\"memory_after\": %lld", before, after);
}

/* SIGKILL what is left of a hibernating tree, and forget it. */
static void
suspend_end_now(struct suspension *su)
{
	u_int	i;

	for (i = 0; i < su->nending; i++) {
		syscall(SYS_pidfd_send_signal, su->ending[i].fd, SIGKILL, NULL,
		    0);
		close(su->ending[i].fd);
	}
	free(su->ending);
	su->ending = NULL;
	su->nending = 0;
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

/* Add a process to the ones to end, by a /proc fd (once). */
static void
suspend_add_ending(struct suspension *su, int procfd, pid_t pid)
{
	u_int	i;
	int	fd;

	for (i = 0; i < su->nending; i++) {
		if (su->ending[i].pid == pid)
			return;
	}
	if ((fd = procfs_open_pid(procfd, pid)) == -1)
		return;
	su->ending = xreallocarray(su->ending, su->nending + 1,
	    sizeof *su->ending);
	su->ending[su->nending].pid = pid;
	su->ending[su->nending++].fd = fd;
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
suspend_hibernate(struct pane *p, const char *command, const char *why,
    char **cause)
{
	struct suspension	*su = suspend_get(p);
	struct timeval		 tv = { SUSPEND_GRACE, 0 };
	char			 path[PATH_MAX], *line = NULL;
	size_t			 size = 0;
	pid_t			*pids;
	FILE			*f;
	u_int			 n, i;
	int			 procfd;

	if (pane_is_dead(p)) {
		xasprintf(cause, "pane %%%u has exited", p->id);
		return (-1);
	}
	if ((procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1) {
		xasprintf(cause, "/proc: %s", strerror(errno));
		return (-1);
	}
	free(p->cwd);
	p->cwd = suspend_cwd_of(p->pid);
	free(p->hibernate_command);
	p->hibernate_command = xstrdup(command);

	/* The tree, and with a cgroup whatever else is in it. */
	suspend_add_ending(su, procfd, p->pid);
	n = proctree_descendants("/proc", p->pid, &pids);
	for (i = 0; i < n; i++)
		suspend_add_ending(su, procfd, pids[i]);
	free(pids);
	if (su->cgroup != NULL) {
		snprintf(path, sizeof path, "%s/cgroup.procs", su->cgroup);
		if ((f = fopen(path, "re")) != NULL) {
			while (getline(&line, &size, f) != -1)
				suspend_add_ending(su, procfd,
				    (pid_t)strtol(line, NULL, 10));
			free(line);
			fclose(f);
		}
	}
	close(procfd);

	for (i = 0; i < su->nending; i++)
		syscall(SYS_pidfd_send_signal, su->ending[i].fd, SIGTERM, NULL,
		    0);
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

	if (suspend_read_file(path, buf, sizeof buf) != 0)
		return (-1);
	return (suspend_parse_pressure(buf));
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
	char			 members[128];

	if (pane_is_dead(p)) {
		xasprintf(cause, "pane %%%u has exited", p->id);
		return (-1);
	}
	if (su->suspended) {
		xasprintf(cause, "pane %%%u is already suspended", p->id);
		return (-1);
	}
	su->used = su->method;
	if (su->cgroup != NULL && !suspend_in_cgroup(su, p->pid)) {
		log_debug("pane %%%u: pid %ld not in %s", p->id, (long)p->pid,
		    su->cgroup);
		su->used = SUSPEND_SIGNALS;
	}
	if (su->used != SUSPEND_SIGNALS) {
		if (suspend_freeze(su, 1) != 0) {
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
	suspend_reclaim(su, members, sizeof members);
	supervise_suspended(p, 1, why, *members != '\0' ? members : NULL);
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
	if (su->used == SUSPEND_SIGNALS)
		suspend_cont_signals(su);
	else if (suspend_freeze(su, 0) != 0)
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
	uint64_t	now = supervise_now();
	u_int		i, kept = 0;

	if (suspend_nleftover == 0 || (!force && now - suspend_leftover_at <
	    SUSPEND_RETRY_MS))
		return;
	suspend_leftover_at = now;
	for (i = 0; i < suspend_nleftover; i++) {
		if (rmdir(suspend_leftover[i]) == 0 || errno == ENOENT)
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
	suspend_end_now(su);
	if (su->cgroup != NULL && rmdir(su->cgroup) != 0) {
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
suspend_resume_all(const char *why)
{
	struct pane	*p;

	TAILQ_FOREACH(p, pane_all(), all_entry)
		suspend_resume(p, why);
}

void
suspend_focus_pass(void)
{
	struct pane	*p;
	int		 focused;

	TAILQ_FOREACH(p, pane_all(), all_entry) {
		if (p->suspension == NULL)
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
	enum suspend_method	m;
	u_int			i;

	suspend_remove_leftovers(1);
	for (i = 0; i < suspend_nleftover; i++) {
		log_debug("cgroup %s: still in use", suspend_leftover[i]);
		free(suspend_leftover[i]);
	}
	free(suspend_leftover);
	suspend_leftover = NULL;
	suspend_nleftover = 0;
	for (m = SUSPEND_CGROUP; m <= SUSPEND_FREEZER; m++) {
		if (suspend_trees[m].dir != NULL &&
		    rmdir(suspend_trees[m].dir) != 0)
			log_debug("cgroup %s: %s", suspend_trees[m].dir,
			    strerror(errno));
		free(suspend_trees[m].dir);
		free(suspend_trees[m].base);
		suspend_trees[m].dir = suspend_trees[m].base = NULL;
		suspend_trees[m].tried = 0;
	}
}
