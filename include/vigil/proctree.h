/* Process trees from /proc: who descends from whom. */
#ifndef VIGIL_PROCTREE_H
#define VIGIL_PROCTREE_H

#include <sys/types.h>

/* A process as the scan sees it. */
struct proctree_entry {
	pid_t	pid;
	pid_t	ppid;
	pid_t	sid;
};

/*
 * Every process under the /proc at procdir, with its parent and session.
 * Returns how many, the list in *out (free()).
 */
u_int	proctree_scan(const char *, struct proctree_entry **);
/*
 * Every live process below root (not root itself) under the /proc at
 * procdir, found by a parent-pid scan. Returns how many, with the pids in
 * *pids (free()). Processes that vanish during the scan are skipped.
 */
u_int	proctree_descendants(const char *, pid_t, pid_t **);
/*
 * The same, leaving out every process for which skip(pid, arg) is true,
 * and everything below it.
 */
u_int	proctree_descendants_skip(const char *, pid_t,
	    int (*)(pid_t, void *), void *, pid_t **);
/* The parent pid from a /proc/PID/stat line, or -1 if it won't parse. */
pid_t	proctree_parse_ppid(const char *);

#endif
