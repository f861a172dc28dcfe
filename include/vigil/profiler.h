/*
 * The server's profile of a pane, on the engine of profile.h: one at a
 * time, ended by its duration, profile --stop, the pane's processes all
 * exiting, the pane closing or the server exiting; its report goes to the
 * vigil command waiting for it, or for a key to a file and a message.
 * An automatic profile (the supervisor's samples) has no report and is
 * not shown: its results go to a function, and a user's profile ends it.
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
#define PROFILER_PREEMPT_MS 200		/* a sample's end is waited for */

#define PROFILER_JSON	0x1	/* the report as JSON */
#define PROFILER_KEY	0x2	/* from a key: a file and a message */
#define PROFILER_AUTO	0x4	/* automatic: profiler_sample */

/*
 * What an automatic profile of the pane with this id saw, once it ended
 * and why ("duration", "exited", "preempted", "pane closed", "server
 * exit"); the files are valid for the call only.
 */
typedef void	(*profiler_cb)(u_int, const char *, struct profile_file **,
		    u_int, const struct profile_totals *, void *);

/*
 * Profile the pane's process tree for ms. With a peer, it waits for the
 * report (the command returns CMD_RETURN_WAIT); with PROFILER_KEY, the
 * report goes to *path (xmalloc'd, NULL if there is no state directory).
 * Returns 0, or -1 with a one-line *cause.
 */
int	profiler_start(struct pane *, uint64_t, int, struct peer *, char **,
	    char **);
/*
 * Profile the pane automatically for ms, if no other profile runs; cb
 * gets the results. Returns 0, or -1 with a one-line *cause.
 */
int	profiler_sample(struct pane *, uint64_t, profiler_cb, void *,
	    char **);
/*
 * End an automatic profile (of the pane; NULL: whichever runs), waiting
 * at most PROFILER_PREEMPT_MS for its tracer to let go. 0 if no profile
 * runs now (on the pane), 1 if the sample is still ending (a tracee asleep
 * in the kernel; it ends on its own later), -1 if a user's profile runs.
 */
int	profiler_preempt(struct pane *);
/* End the user's profile of a pane (NULL: whichever); -1, *cause if none. */
int	profiler_stop(struct pane *, char **);
/* Is the pane being profiled by a user? *ms: how long so far (or NULL). */
int	profiler_running(const struct pane *, uint64_t *);
/* Is it being profiled automatically? */
int	profiler_sampling(const struct pane *, uint64_t *);
/* Is any profile running? */
int	profiler_busy(void);
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
/* The file profiler_top names; NULL if no file was used. */
const struct profile_file *profiler_top_file(struct profile_file **, u_int,
	    double);
/* Is a name a file's (not a pipe's, socket's, terminal's or device's)? */
int	profiler_is_file(const char *);

#endif
