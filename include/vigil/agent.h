/*
 * Agent state: is the program in a pane busy, idle, or waiting for the
 * user, and by which rule. Pure logic on evidence gathered elsewhere (the
 * pane's output, bell and notifications, its tree's CPU, the bottom lines
 * of its screen), so tests run on recorded screens.
 */
#ifndef VIGIL_AGENT_H
#define VIGIL_AGENT_H

#include <sys/types.h>

#include <regex.h>
#include <stdint.h>

enum agent_state {
	AGENT_BUSY,
	AGENT_IDLE,
	AGENT_WAITING,
	AGENT_SUSPENDED,
	AGENT_EXITED
};

/* What an agent CLI shows: how to know it, when it asks, when it works. */
struct agent_profile {
	char		 *name;
	char		 *match_src;	/* extended regex on command names */
	regex_t		  match;
	char		**waiting_src;	/* on the screen's bottom lines */
	regex_t		 *waiting;
	u_int		  nwaiting;
	char		**busy_src;
	regex_t		 *busy;
	u_int		  nbusy;
	long long	  suspend_after;	/* ms, -1: the option's */
	char		 *resume_command;
};

/* What the state is decided from, at one moment (times in ms). */
struct agent_evidence {
	uint64_t		 now;
	uint64_t		 output_at;	/* last output of the pane */
	uint64_t		 title_at;	/* last title change */
	uint64_t		 bell_at;
	uint64_t		 notify_at;	/* OSC 9 or 777 */
	const char		*notify_text;
	int			 progress;	/* OSC 9;4 state */
	double			 cpu_pct;	/* of the tree */
	int			 dead;
	int			 suspended;
	const char *const	*lines;		/* bottom lines, top first */
	u_int			 nlines;
};

struct agent_limits {
	uint64_t	 busy_output;	/* output this recent: busy */
	double		 busy_cpu;	/* CPU this high: busy */
	uint64_t	 idle_after;	/* quiet this long: idle */
	uint64_t	 settle;	/* a prompt must stand this long */
};

struct agent {
	enum agent_state	 state;
	uint64_t		 since;		/* ms */
	char			 rule[160];	/* why, in words */
	const struct agent_profile *profile;
	uint64_t		 busy_at;	/* last busy evidence */
};

void		 agent_limits_default(struct agent_limits *);
void		 agent_init(struct agent *, uint64_t);
/*
 * Decide the state from the evidence; returns 1 if it changed (the rule
 * may change without the state).
 */
int		 agent_update(struct agent *, const struct agent_profile *,
		     const struct agent_limits *,
		     const struct agent_evidence *);
const char	*agent_state_name(enum agent_state);

/* The shipped profiles: claude, codex, gemini, aider, then any. */
void		 agent_profiles_init(void);
void		 agent_profiles_free(void);
/*
 * The profile for a pane whose command, or one of whose processes, has a
 * name that a profile's match fits; else the generic one.
 */
const struct agent_profile *agent_profile_for(const char *const *, u_int);

#endif
