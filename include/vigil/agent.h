/*
 * Agent state: is the program in a pane busy, idle, or waiting for the
 * user, and by which rule. Pure logic on evidence gathered elsewhere (the
 * pane's output, bell and notifications, its tree's CPU, the bottom lines
 * of its screen), so tests run on recorded screens.
 */
#ifndef VIGIL_AGENT_H
#define VIGIL_AGENT_H

#include <sys/types.h>
#include <sys/queue.h>

#include <regex.h>
#include <stdint.h>

enum agent_state {
	AGENT_BUSY,
	AGENT_IDLE,
	AGENT_WAITING,
	AGENT_SUSPENDED,
	AGENT_EXITED
};

/* Extended regexes in the order given, with their text for printing. */
struct agent_patterns {
	char		**src;
	regex_t		**re;	/* each allocated alone: a regex_t may not move */
	u_int		  n;
};

/* What an agent CLI shows: how to know it, when it asks, when it works. */
struct agent_profile {
	char			*name;
	char			*match_src;	/* on command names */
	regex_t			 match;
	struct agent_patterns	 waiting;	/* on the screen's bottom lines */
	struct agent_patterns	 busy;
	long long		 suspend_after;	/* ms; -1: the option's */
	long long		 file_sample;	/* ms to profile its files for,
						   0 never; -1: the option's */
	long long		 file_sample_every; /* ms */
	char			*resume_command; /* or NULL */
	TAILQ_ENTRY(agent_profile) entry;
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
	int			 hibernated;	/* ended, to be relaunched */
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

/*
 * The profiles are an ordered list, the generic "any" always last; it
 * starts as the shipped ones: claude, codex, gemini, aider, then any.
 */
void		 agent_profiles_init(void);
/* Free every profile, removed ones too: only once no agent points at one. */
void		 agent_profiles_free(void);
/*
 * The profile for a pane whose command, or one of whose processes, has a
 * name that a profile's match fits (the first in order); else the generic
 * one.
 */
const struct agent_profile *agent_profile_for(const char *const *, u_int);
/* Changes whenever agent_profile_for might answer differently. */
u_int		 agent_profiles_generation(void);

/* The profiles in order, the generic one last; by name (NULL if none). */
struct agent_profile	*agent_profile_first(void);
struct agent_profile	*agent_profile_next(struct agent_profile *);
struct agent_profile	*agent_profile_find(const char *);
int			 agent_profile_is_generic(const struct agent_profile *);
/*
 * A new profile before the generic one, with no patterns, matching
 * commands named name: (^|/)name([ ]|$).
 */
struct agent_profile	*agent_profile_create(const char *);
/*
 * Take a profile out of the list. Its memory stays until
 * agent_profiles_free, since agents may point at it until the next sample.
 */
void			 agent_profile_remove(struct agent_profile *);
/*
 * Start a profile over: a shipped one as shipped, any other as new
 * (created if it does not exist). With NULL every profile is removed and
 * the shipped ones come back.
 */
struct agent_profile	*agent_profile_reset(const char *);
/* Does a pattern compile? 0, or -1 with *cause set (xmalloc'd). */
int			 agent_pattern_check(const char *, char **);
/*
 * Changes; patterns must have passed agent_pattern_check. An empty or
 * NULL resume command is none.
 */
void			 agent_profile_set_match(struct agent_profile *,
			     const char *);
void			 agent_profile_set_resume(struct agent_profile *,
			     const char *);
/* Add a pattern at the end, unless the list has it already. */
void			 agent_patterns_add(struct agent_patterns *,
			     const char *);
void			 agent_patterns_clear(struct agent_patterns *);

#endif
