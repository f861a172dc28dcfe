/*
 * The hot-file profiler's engine: trace a process tree with ptrace and
 * count, per file path, the opens, reads, writes, closes and
 * open-write-close cycles, and which process did most.
 *
 * The tracer is a thread of the calling process, because under Yama
 * ptrace_scope 1 only an ancestor may attach: in vigil that is the server,
 * which forked the panes and is their subreaper. Every ptrace call and
 * every wait for a tracee is made by that one thread. A thread waiting on
 * -1 also sees its process's other children, and any thread's wait on a
 * traced child of the process takes the tracer's stops, so while a profile
 * runs the tracer is the process's only waiter: it reaps every child that
 * exits and queues the status for profile_reap(), which the process must
 * call instead of waitpid(-1, ..., WNOHANG). Each queued exit is followed
 * by a SIGCHLD to the process, so a SIGCHLD handler that calls
 * profile_reap() misses nothing; so is the tracer's end, once
 * profile_done() says so.
 *
 * One profile runs at a time per process. The tracer never sets
 * PTRACE_O_EXITKILL: if the process dies, the kernel detaches every
 * tracee and they carry on. A tracee about to exec a setuid or setgid
 * program, or one with file capabilities, is let go first: traced, it
 * would run without its privileges.
 */
#ifndef VIGIL_PROFILE_H
#define VIGIL_PROFILE_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct profile;

/* The kinds of system call counted in the totals. */
enum profile_kind {
	PROFILE_OPEN,		/* open openat openat2 creat */
	PROFILE_READ,		/* read pread64 readv preadv preadv2 */
	PROFILE_WRITE,		/* write pwrite64 writev pwritev pwritev2 */
	PROFILE_CLOSE,		/* close close_range */
	PROFILE_DUP,		/* dup dup2 dup3 fcntl(F_DUPFD) */
	PROFILE_OTHER
};
#define PROFILE_NKINDS	6

/* No size known (not a regular file, or it could not be seen). */
#define PROFILE_NOSIZE	UINT64_MAX

/*
 * One path, as /proc/PID/fd names it: an absolute path for a file,
 * "pipe:[N]", "socket:[N]" or "anon_inode:..." for the rest.
 */
struct profile_file {
	char		*path;
	uint64_t	 opens;		/* that succeeded */
	uint64_t	 reads;		/* that returned bytes */
	uint64_t	 rbytes;
	uint64_t	 writes;
	uint64_t	 wbytes;
	uint64_t	 closes;
	uint64_t	 cycles;	/* opened, written and closed on one fd */
	uint64_t	 cycle_bytes;	/* written in those cycles */
	uint64_t	 unchanged;	/* opens finding the size, mtime and
					   inode of the open before */
	uint64_t	 size;		/* at the last open, or PROFILE_NOSIZE */
	uint64_t	 cost;		/* what it is sorted by */
	pid_t		 pid;		/* the process with the most calls on it */
	char		 comm[16];	/* its command name */
	uint64_t	 pid_calls;	/* how many */
	u_int		 procs;		/* processes of that name on it (a
					   loop forks a new one each time) */
};

/* What the whole profile saw. */
struct profile_totals {
	uint64_t	 calls[PROFILE_NKINDS];	/* completed system calls */
	uint64_t	 failed_opens;
	uint64_t	 stops;		/* ptrace stops handled */
	uint64_t	 signals;	/* passed on to the tracee */
	u_int		 processes;	/* seen, including forked ones */
	u_int		 threads;
	u_int		 denied;	/* tasks of the tree we could not attach */
	u_int		 privileged;	/* let go to exec a privileged program */
	double		 seconds;	/* wall clock, start to end */
	double		 tracer_cpu;	/* the tracer thread's CPU seconds */
};

/*
 * The one-line cause of a failed attach to pid with errno err, looking for
 * Yama and the process under the /proc at procdir.
 */
void	profile_cause(int, pid_t, const char *, char *, size_t);

struct profile	*profile_create(void);
/* Stop the profile if it runs and wait for it, then free it. */
void	profile_free(struct profile *);
/*
 * Start tracing pid and every process and thread below it. Returns 0 once
 * all of them are attached, or -1 with a one-line cause in *cause (free()).
 */
int	profile_start(struct profile *, pid_t, char **);
/* Ask the tracer to let go of every tracee; returns at once. */
void	profile_stop(struct profile *);
/* Whether the tracer has finished (stopped, or the whole tree exited). */
int	profile_done(struct profile *);
/* Wait until the tracer has finished. */
void	profile_wait(struct profile *);

/*
 * The process's replacement for waitpid(-1, &status, WNOHANG): a child
 * that exited, 0 if none did, -1 (ECHILD) if there are none.
 */
pid_t	profile_reap(int *);

/*
 * The results, once done: the files sorted by cost, most first (the
 * array is the profile's), and the totals.
 */
u_int	profile_files(struct profile *, struct profile_file ***);
const struct profile_totals *profile_totals(struct profile *);
/*
 * The findings for one file over a profile of seconds, spelled out
 * ("re-opened 1.9x/s, 433 B each, unchanged"); empty if there are none.
 */
void	profile_finding(const struct profile_file *, double, char *, size_t);

#endif
