/*
 * Cgroups for panes: a directory of the server's own under its cgroup (v2,
 * or the v1 freezer hierarchy), one per pane in it; freezing, membership,
 * memory and the sweep of what dead servers left.
 */
#ifndef VIGIL_CGROUP_H
#define VIGIL_CGROUP_H

#include <sys/types.h>

enum cgroup_kind {
	CGROUP_V2,		/* cgroup.freeze, cgroup.events */
	CGROUP_FREEZER		/* v1: freezer.state */
};
#define CGROUP_KINDS	2

/*
 * The server's directory in a hierarchy, made (and locked, so other
 * servers know it is alive) on first use after sweeping stale ones; NULL
 * if there is no such hierarchy or we may not write there.
 */
const char	*cgroup_server_dir(enum cgroup_kind);
/*
 * A new cgroup named name under the server's directory, able to freeze:
 * its path (xmalloc'd), or NULL with errno (EEXIST if it is there).
 */
char		*cgroup_make(enum cgroup_kind, const char *);
/* Remove a cgroup; -1 (EBUSY) while processes are still in it. */
int		 cgroup_remove(const char *);
/* Its cgroup.procs, opened for writing a pid into (O_CLOEXEC), or -1. */
int		 cgroup_open_procs(const char *);
/* The pids in a cgroup (free()); how many. */
u_int		 cgroup_pids(const char *, pid_t **);
/*
 * Is the process behind a /proc/PID directory fd in this cgroup (read
 * through the fd, so it is the very process)?
 */
int		 cgroup_has(enum cgroup_kind, const char *, int);
/*
 * Freeze or thaw and wait, a bounded while, for it to be done. 0, or -1
 * with errno; a failed freeze is thawed again.
 */
int		 cgroup_freeze(enum cgroup_kind, const char *, int);
/* SIGKILL every process in a v2 cgroup (cgroup.kill); 0 or -1. */
int		 cgroup_kill(const char *);
/* memory.current, or -1 without the memory controller. */
long long	 cgroup_memory(const char *);
/* Ask the kernel to reclaim bytes of the cgroup's memory (blocks). */
int		 cgroup_reclaim(const char *, long long);
/* Remove the server's directories (the server is exiting). */
void		 cgroup_done(void);

#endif
