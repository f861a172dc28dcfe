/*
 * Sampling process trees: a table of the processes under /proc, kept from
 * one sample to the next so that rates come from deltas, and per root (a
 * pane's process) the sum over its whole tree.
 *
 * Who belongs to a root: the root and every descendant by parent pid. A
 * process re-parented to the sampling process (the server is a child
 * subreaper, so a pane's orphans come to it) stays with the root it was
 * seen under before; one never seen before goes to the root whose process
 * session it is in. Anything else (re-parented to init, or a new session
 * that was never seen in a tree) is not counted.
 */
#ifndef VIGIL_SAMPLE_H
#define VIGIL_SAMPLE_H

#include <sys/types.h>

#include <stdint.h>

#include "vigil/procfs.h"

/* A file a process holds open more than once at the same time. */
struct sample_dup {
	char		*path;
	u_int		 count;		/* fds on it */
	pid_t		 pid;		/* the process */
};

/* The numbers of one process, or summed over a tree. */
struct sample_numbers {
	u_int		 procs;
	u_int		 threads;
	double		 cpu_pct;	/* of one core */
	uint64_t	 rss;
	uint64_t	 pss;
	uint64_t	 swap;
	uint64_t	 footprint;	/* private dirty + swap */
	u_int		 fds;
	u_int		 fds_kind[PROCFS_FD_KINDS];
	double		 rchar_s;	/* per second */
	double		 wchar_s;
	double		 read_bytes_s;
	double		 write_bytes_s;
	double		 syscr_s;
	double		 syscw_s;
};

/* One process as the table knows it. */
struct sample_proc {
	pid_t			 pid;
	pid_t			 ppid;
	pid_t			 sid;
	unsigned long long	 start;		/* ticks after boot */
	char			 comm[32];
	char			 state;
	int			 dirfd;		/* /proc/PID, if in a tree */
	int			 held;		/* dirfd kept between samples */
	int			 root;		/* root id, -1 if none */

	struct sample_numbers	 n;
	struct sample_dup	*dups;
	u_int			 ndups;

	/* Private to sample.c. */
	ino_t			 ino;		/* of /proc/PID, as listed */
	u_int			 gen;
	int			 fresh;		/* first sample: no deltas */
	uint64_t		 at;		/* when last rated, ms */
	unsigned long long	 ticks;		/* utime + stime at "at" */
	unsigned long long	 ticks_now;	/* and from the last stat */
	struct procfs_io	 io;
	int			 io_ok;
	uint64_t		 rss_anon;
	uint64_t		 slow_at;	/* ms of the last slow pass */
	uint64_t		 rollup_at;	/* ms, 0 = never */
	uint64_t		 rollup_dirty;
	uint64_t		 rollup_anon;	/* RssAnon when rolled up */
	uint64_t		 rollup_rss;	/* RSS and swap then */
	uint64_t		 rollup_swap;
	char			 rollup_comm[32];	/* and its name */
	uint64_t		 start_stack;
	uint64_t		 rollup_stack;	/* and its stack */
	int			 rollup_ok;
	uint64_t		 fds_at;	/* ms of the last fd walk */
	int			 fds_walked;	/* fds counted at that walk */
};

struct sample_root {
	int		 id;		/* the pane's id */
	pid_t		 pid;
};

/* A root's tree after a sample. */
struct sample_tree {
	int			 id;
	pid_t			 pid;
	struct sample_numbers	 n;
	struct sample_dup	*dups;		/* of every process */
	u_int			 ndups;
};

struct sampler;

/*
 * A sampler over the /proc at procdir, run by process self (whose adopted
 * orphans are attributed as above; 0 for none). NULL if procdir can't be
 * opened.
 */
struct sampler	*sampler_create(const char *, pid_t);
void		 sampler_free(struct sampler *);
/*
 * How often the expensive files (smaps_rollup, the fd links) are read per
 * process, in ms. Default 10 s.
 */
void		 sampler_set_slow(struct sampler *, uint64_t);
/*
 * Rates need at least this many ms since a process's last rated sample;
 * a sample sooner (one asked for) keeps the last rates. Default 0.
 */
void		 sampler_set_rate_min(struct sampler *, uint64_t);
/* Close every handle held on a process's directory (reopened as needed). */
void		 sampler_release(struct sampler *);
/* Read them for a root's processes on the next sample. */
void		 sampler_refresh(struct sampler *, int);
/* Take a sample of these roots at time now (monotonic ms). */
void		 sampler_run(struct sampler *, const struct sample_root *,
		     u_int, uint64_t);
/* A root's tree from the last sample, NULL if unknown. */
const struct sample_tree *sampler_tree(struct sampler *, int);
/*
 * A root's processes, heaviest footprint first; returns how many, with
 * the list in *procs (free() the array only).
 */
u_int		 sampler_procs(struct sampler *, int,
		     const struct sample_proc ***);
/* How many processes the table holds, and how many are in trees. */
u_int		 sampler_count(struct sampler *, u_int *);

#endif
