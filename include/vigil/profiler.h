/*
 * The server's profile of a pane, on the engine of profile.h: one at a
 * time, ended by its duration, profile --stop, the pane's processes all
 * exiting, the pane closing or the server exiting; its report goes to the
 * vigil command waiting for it, or for a key to a file and a message.
 */
#ifndef VIGIL_PROFILER_H
#define VIGIL_PROFILER_H

#include <sys/types.h>

#include <stdint.h>

#include "vigil/vigil.h"

struct profile_file;
struct profile_totals;

#define PROFILER_MIN_MS	1000		/* --for at least */
#define PROFILER_MAX_MS	(3600 * 1000)	/* and at most */

#define PROFILER_JSON	0x1	/* the report as JSON */
#define PROFILER_KEY	0x2	/* from a key: a file and a message */

/*
 * Profile the pane's process tree for ms. With a peer, it waits for the
 * report (the command returns CMD_RETURN_WAIT); with PROFILER_KEY, the
 * report goes to *path (xmalloc'd, NULL if there is no state directory).
 * Returns 0, or -1 with a one-line *cause.
 */
int	profiler_start(struct pane *, uint64_t, int, struct peer *, char **,
	    char **);
/* End the profile of a pane (NULL: whichever runs); -1 with *cause if none. */
int	profiler_stop(struct pane *, char **);
/* Is the pane being profiled? *ms is for how long so far (may be NULL). */
int	profiler_running(const struct pane *, uint64_t *);
/* Once a SIGCHLD is handled: a profile that has finished reports. */
void	profiler_check(void);
/* The pane is being freed: its profile ends. */
void	profiler_pane_closed(struct pane *);
/* The server is exiting: end the profile; then, gone, wait for it. */
void	profiler_shutdown(void);
void	profiler_free_all(void);

/* What a report is of, and why the profile ended. */
struct profiler_about {
	u_int		 pane;		/* id */
	const char	*target;	/* "main:0" when it started */
	pid_t		 pid;
	const char	*ended;		/* "duration", "stopped", "exited"... */
};

/* The report, as text or with PROFILER_JSON as JSON, appended to out. */
void	profiler_report(struct evbuffer *, int, const struct profiler_about *,
	    struct profile_file **, u_int, const struct profile_totals *);
/*
 * The top finding in one line: the costliest file with a finding, else the
 * costliest file; brief, its name without the directory and one finding.
 */
void	profiler_top(char *, size_t, struct profile_file **, u_int, double,
	    int);

#endif
