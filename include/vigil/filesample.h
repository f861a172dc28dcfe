/*
 * The hot-file profiler's light mode: short automatic profiles of a pane's
 * files, run by the supervisor when a reread or dup-open warning goes up
 * (warning-profile), to name the file behind it, and every so often while
 * the pane's agent is idle (file-sample), to find files re-opened or
 * re-read (the reopen warning). Between two samples nothing traces the
 * pane and nothing is installed in it.
 */
#ifndef VIGIL_FILESAMPLE_H
#define VIGIL_FILESAMPLE_H

#include <sys/types.h>

#include <stdint.h>

#include "vigil/vigil.h"

/* What stats shows of a pane's samples. */
struct filesample_info {
	uint64_t	 length;	/* ms a sample lasts; 0: never sampled */
	uint64_t	 every;		/* ms between two */
	u_int		 runs;		/* automatic profiles that ran out */
	uint64_t	 last;		/* ms when the last ended; 0: none */
	const char	*off;		/* why it is off for the pane, or NULL */
};

/* At each of the supervisor's samples: start a profile if one is due. */
void	filesample_run(uint64_t);
/* Warnings (bits of policy kinds) went up: profile to name the file. */
void	filesample_trigger(struct pane *, u_int);
/* For how long and how often a pane's files are sampled (ms; 0: never). */
void	filesample_period(struct pane *, uint64_t *, uint64_t *);
void	filesample_info(struct pane *, struct filesample_info *);
/* A pane's program was relaunched: it starts over, off no more. */
void	filesample_reset(struct pane *);
/* Forget every pane (supervise off, or the server exiting). */
void	filesample_free_all(void);

#endif
