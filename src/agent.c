/*
 * Agent state from evidence: busy, idle or waiting for the user.
 *
 * Waiting wins: a prompt on the bottom lines of the screen that has stood
 * still for "settle" (an agent asking to run a command, a trust dialog, a
 * yes/no), or a bell or desktop notification that was the last thing the
 * program sent. Then busy: recent output (agents animate a spinner while
 * they work), CPU, OSC 9;4 progress, a changing title, or the profile's
 * busy text ("esc to interrupt"). A pane is idle only once nothing has
 * said busy for "idle-after", so a pause between two steps is not idle.
 */

#include "config.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/agent.h"
#include "vigil/log.h"
#include "vigil/xmalloc.h"

#define AGENT_NOTIFY_SLACK	50	/* ms: a notification ends the output */

/* The shipped profiles; the last is for any program. */
static const struct {
	const char	*name;
	const char	*match;
	const char	*waiting[8];
	const char	*busy[4];
} agent_defaults[] = {
	{ "claude", "(^|/)claude([ ]|$)", {
		"Do you want to (proceed|make this edit|create|allow)",
		"Yes, and don't ask again",
		"Do you trust the files in this folder\\?",
		"Would you like to proceed\\?",
		NULL }, { "esc to interrupt", NULL } },
	{ "codex", "(^|/)codex([ ]|$)", {
		"Allow command\\?",
		"Would you like to (run|make|apply)",
		"Do you trust the (files|contents)",
		"Yes, (proceed|allow)",
		NULL }, { "esc to interrupt", NULL } },
	{ "gemini", "(^|/)gemini([ ]|$)", {
		"Allow once",
		"Do you trust the files in this folder\\?",
		"Apply this change\\?",
		"Allow execution",
		NULL }, { "esc to cancel", NULL } },
	{ "aider", "(^|/)aider([ ]|$)", {
		"\\(Y\\)es/\\(N\\)o",
		NULL }, { NULL } },
	{ "any", "", {
		"\\((y/n|Y/n|y/N)\\)",
		"\\[(y/n|Y/n|y/N)\\]",
		"Do you want to proceed\\?",
		"Press (enter|Enter|any key) to continue",
		NULL }, { NULL } },
};
#define AGENT_NPROFILES (sizeof agent_defaults / sizeof agent_defaults[0])

static struct agent_profile	agent_profiles[AGENT_NPROFILES];
static int			agent_ready;

static const char *agent_state_names[] = {
	"busy", "idle", "waiting", "suspended", "exited"
};

const char *
agent_state_name(enum agent_state state)
{
	if ((u_int)state >= sizeof agent_state_names /
	    sizeof agent_state_names[0])
		return ("unknown");
	return (agent_state_names[state]);
}

void
agent_limits_default(struct agent_limits *l)
{
	l->busy_output = 2000;
	l->busy_cpu = 5.0;
	l->idle_after = 10000;
	l->settle = 500;
}

void
agent_init(struct agent *a, uint64_t now)
{
	memset(a, 0, sizeof *a);
	a->state = AGENT_BUSY;
	a->since = now;
	a->busy_at = now;
	snprintf(a->rule, sizeof a->rule, "starting");
}

/* Compile a list of patterns; a bad one is a bug in the table. */
static regex_t *
agent_compile(const char *const *src, u_int *n, char ***copy)
{
	regex_t	*re;
	u_int	 i;

	for (*n = 0; src[*n] != NULL; (*n)++)
		/* nothing */;
	re = xcalloc(*n + 1, sizeof *re);
	*copy = xcalloc(*n + 1, sizeof **copy);
	for (i = 0; i < *n; i++) {
		if (regcomp(&re[i], src[i], REG_EXTENDED | REG_NOSUB) != 0)
			fatalx("agent pattern '%s' does not compile", src[i]);
		(*copy)[i] = xstrdup(src[i]);
	}
	return (re);
}

void
agent_profiles_init(void)
{
	struct agent_profile	*p;
	u_int			 i;

	if (agent_ready)
		return;
	for (i = 0; i < AGENT_NPROFILES; i++) {
		p = &agent_profiles[i];
		p->name = xstrdup(agent_defaults[i].name);
		p->match_src = xstrdup(agent_defaults[i].match);
		if (regcomp(&p->match, p->match_src, REG_EXTENDED |
		    REG_NOSUB) != 0)
			fatalx("agent match '%s' does not compile",
			    p->match_src);
		p->waiting = agent_compile(agent_defaults[i].waiting,
		    &p->nwaiting, &p->waiting_src);
		p->busy = agent_compile(agent_defaults[i].busy, &p->nbusy,
		    &p->busy_src);
		p->suspend_after = -1;
	}
	agent_ready = 1;
}

static void
agent_free_list(regex_t *re, char **src, u_int n)
{
	u_int	i;

	for (i = 0; i < n; i++) {
		regfree(&re[i]);
		free(src[i]);
	}
	free(re);
	free(src);
}

void
agent_profiles_free(void)
{
	struct agent_profile	*p;
	u_int			 i;

	if (!agent_ready)
		return;
	for (i = 0; i < AGENT_NPROFILES; i++) {
		p = &agent_profiles[i];
		regfree(&p->match);
		agent_free_list(p->waiting, p->waiting_src, p->nwaiting);
		agent_free_list(p->busy, p->busy_src, p->nbusy);
		free(p->name);
		free(p->match_src);
	}
	memset(agent_profiles, 0, sizeof agent_profiles);
	agent_ready = 0;
}

const struct agent_profile *
agent_profile_for(const char *const *names, u_int n)
{
	u_int	i, j;

	agent_profiles_init();
	for (i = 0; i < AGENT_NPROFILES - 1; i++) {
		for (j = 0; j < n; j++) {
			if (names[j] != NULL && regexec(&agent_profiles[i].match,
			    names[j], 0, NULL, 0) == 0)
				return (&agent_profiles[i]);
		}
	}
	return (&agent_profiles[AGENT_NPROFILES - 1]);
}

/* The first of a list of patterns that a bottom line fits, or NULL. */
static const char *
agent_match(const regex_t *re, char *const *src, u_int n,
    const struct agent_evidence *e)
{
	u_int	i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < e->nlines; j++) {
			if (e->lines[j] != NULL &&
			    regexec(&re[i], e->lines[j], 0, NULL, 0) == 0)
				return (src[i]);
		}
	}
	return (NULL);
}

/* Is the pane asking for the user? Says why in rule. */
static int
agent_asking(const struct agent_profile *p, const struct agent_limits *l,
    const struct agent_evidence *e, uint64_t quiet, char *rule, size_t len)
{
	const struct agent_profile	*any;
	const char			*src;

	if (quiet < l->settle)
		return (0);
	any = &agent_profiles[AGENT_NPROFILES - 1];
	if ((p != NULL && (src = agent_match(p->waiting, p->waiting_src,
	    p->nwaiting, e)) != NULL) || (p != any && (src = agent_match(
	    any->waiting, any->waiting_src, any->nwaiting, e)) != NULL)) {
		snprintf(rule, len, "screen: /%s/", src);
		return (1);
	}
	if (e->notify_at != 0 && e->notify_at + AGENT_NOTIFY_SLACK >=
	    e->output_at) {
		snprintf(rule, len, "notification: %s", e->notify_text != NULL ?
		    e->notify_text : "");
		return (1);
	}
	if (e->bell_at != 0 && e->bell_at + AGENT_NOTIFY_SLACK >=
	    e->output_at) {
		snprintf(rule, len, "bell");
		return (1);
	}
	return (0);
}

/* Is the pane working? Says why in rule. */
static int
agent_working(const struct agent_profile *p, const struct agent_limits *l,
    const struct agent_evidence *e, uint64_t quiet, char *rule, size_t len)
{
	const char	*src;

	if (p != NULL && (src = agent_match(p->busy, p->busy_src, p->nbusy,
	    e)) != NULL)
		snprintf(rule, len, "screen: /%s/", src);
	else if (quiet < l->busy_output)
		snprintf(rule, len, "output %.1f s ago", quiet / 1000.0);
	else if (e->cpu_pct >= l->busy_cpu)
		snprintf(rule, len, "CPU %.0f%%", e->cpu_pct);
	else if (e->progress == 1 || e->progress == 3)
		snprintf(rule, len, "progress (OSC 9;4)");
	else if (e->title_at != 0 && e->now - e->title_at < l->busy_output)
		snprintf(rule, len, "title changing");
	else
		return (0);
	return (1);
}

int
agent_update(struct agent *a, const struct agent_profile *p,
    const struct agent_limits *l, const struct agent_evidence *e)
{
	enum agent_state	state;
	char			rule[sizeof a->rule];
	uint64_t		quiet;

	agent_profiles_init();
	a->profile = p;
	quiet = e->now > e->output_at ? e->now - e->output_at : 0;
	if (e->dead) {
		state = AGENT_EXITED;
		snprintf(rule, sizeof rule, "the program has exited");
	} else if (e->suspended) {
		state = AGENT_SUSPENDED;
		snprintf(rule, sizeof rule, "suspended");
	} else if (agent_asking(p, l, e, quiet, rule, sizeof rule))
		state = AGENT_WAITING;
	else if (agent_working(p, l, e, quiet, rule, sizeof rule)) {
		state = AGENT_BUSY;
		a->busy_at = e->now;
	} else if (e->now - a->busy_at >= l->idle_after) {
		state = AGENT_IDLE;
		snprintf(rule, sizeof rule, "quiet for %llu s",
		    (unsigned long long)quiet / 1000);
	} else {
		/* Not long enough to call it idle: as it was. */
		state = a->state == AGENT_BUSY ? AGENT_BUSY : AGENT_IDLE;
		snprintf(rule, sizeof rule, "quiet for %llu s",
		    (unsigned long long)quiet / 1000);
	}
	memcpy(a->rule, rule, sizeof a->rule);
	if (state == a->state)
		return (0);
	a->state = state;
	a->since = e->now;
	return (1);
}
