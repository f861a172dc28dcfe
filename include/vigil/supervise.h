/*
 * The supervisor: samples every pane's process tree on a timer, feeds the
 * warnings, writes them to the event log, and lends the numbers to the
 * status line and to the stats command.
 */
#ifndef VIGIL_SUPERVISE_H
#define VIGIL_SUPERVISE_H

#include <sys/types.h>

#include <stdint.h>
#include <time.h>

#include "vigil/agent.h"
#include "vigil/policy.h"
#include "vigil/sample.h"
#include "vigil/style.h"
#include "vigil/vigil.h"

/* Start sampling (in the server, once its event base exists) and stop. */
void		 supervise_start(void);
void		 supervise_stop(void);
/* supervise or sample-interval changed: act on it now. */
void		 supervise_options_changed(void);
/* Take a sample now (before a stats that has nothing yet to show). */
void		 supervise_sample(void);
/* How long ago the last sample was, in ms (UINT64_MAX: never). */
uint64_t	 supervise_age(void);
/*
 * A pane's tree and warnings from the last sample; 0, or -1 if it has not
 * been sampled yet.
 */
int		 supervise_get(struct pane *, const struct sample_tree **,
		     const struct policy **);
/* A pane's agent state, NULL if not known (supervise off). */
const struct agent *supervise_agent_of(struct pane *);
/* A pane's processes, heaviest first (see sampler_procs). */
u_int		 supervise_procs(struct pane *, const struct sample_proc ***);
/* Read a pane's costly files on the next sample. */
void		 supervise_refresh(struct pane *);
/*
 * The line a focused pane's border carries: its numbers and first warning
 * in words, and the style to draw it in. -1 if there is nothing to show.
 */
int		 supervise_label(struct pane *, char *, size_t,
		     const struct style **);
/*
 * A pane was suspended (on) or resumed, for why: log it, with members (a
 * JSON fragment or NULL), and update its state.
 */
void		 supervise_suspended(struct pane *, int, const char *,
		     const char *);
/* A pane was hibernated (why), or relaunched: log it. */
void		 supervise_hibernated(struct pane *, const char *);
void		 supervise_relaunched(struct pane *, const char *);
/* A reclaim helper's result (from the helper process). */
void		 supervise_reclaimed(struct pane *, long long, long long);
/* How long the pane may stay idle before it is suspended (0: never). */
uint64_t	 supervise_suspend_after(struct pane *);
/* "42s", "42m", "3h", "2d". */
void		 supervise_duration(char *, size_t, uint64_t);
/* The monotonic clock in ms, and such a time on the wall clock. */
uint64_t	 supervise_now(void);
time_t		 supervise_wall(uint64_t);
/* The thresholds the options set. */
void		 supervise_limits(struct policy_limits *);
/* Where warnings are logged: xmalloc'd, NULL if no directory is known. */
char		*supervise_event_path(void);
/* A file in the same directory ($XDG_STATE_HOME/vigil), the same way. */
char		*supervise_state_path(const char *);
/* Make the directories of a path that are missing, private to us. */
int		 supervise_mkdirs(char *);
/* A pane was profiled: log it, with members (a JSON fragment). */
void		 supervise_profiled(struct pane *, const char *);
/*
 * What a sample of a pane's files found (see filesample.h): the file
 * behind warnings (bits of kinds) with words on it; the files of a sample
 * for the reopen warning (none: it goes); that the pane can't be sampled.
 */
void		 supervise_files_named(struct pane *, u_int, const char *,
		     const char *);
void		 supervise_files_sampled(struct pane *,
		     const struct policy_file *, u_int, double);
void		 supervise_files_off(struct pane *, const char *);

#endif
