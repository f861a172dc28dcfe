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
#define AGENT_NWAITING		8	/* patterns of a shipped profile */
#define AGENT_NBUSY		4
#define AGENT_SAMPLE		2000		/* ms: the agents' files are */
#define AGENT_SAMPLE_EVERY	(10 * 60000)	/* sampled for 2s every 10m */

/*
 * The shipped profiles; the last is for any program. Panes of the three
 * big agent CLIs have their files sampled (file-sample) while idle.
 */
static const struct {
	const char	*name;
	const char	*match;
	const char	*waiting[AGENT_NWAITING];
	const char	*busy[AGENT_NBUSY];
	int		 sampled;
} agent_defaults[] = {
	{ "claude", "(^|/)claude([ ]|$)", {
		"Do you want to (proceed|make this edit|create|allow)",
		"Yes, and don't ask again",
		"Do you trust the files in this folder\\?",
		"Would you like to proceed\\?",
		NULL }, { "esc to interrupt", NULL }, 1 },
	{ "codex", "(^|/)codex([ ]|$)", {
		"Allow command\\?",
		"Would you like to (run|make|apply)",
		"Do you trust the (files|contents)",
		"Yes, (proceed|allow)",
		NULL }, { "esc to interrupt", NULL }, 1 },
	{ "gemini", "(^|/)gemini([ ]|$)", {
		"Allow once",
		"Do you trust the files in this folder\\?",
		"Apply this change\\?",
		"Allow execution",
		NULL }, { "esc to cancel", NULL }, 1 },
	{ "aider", "(^|/)aider([ ]|$)", {
		"\\(Y\\)es/\\(N\\)o",
		NULL }, { NULL }, 0 },
	{ "any", "", {
		"\\((y/n|Y/n|y/N)\\)",
		"\\[(y/n|Y/n|y/N)\\]",
		"Do you want to proceed\\?",
		"Press (enter|Enter|any key) to continue",
		NULL }, { NULL }, 0 },
};
#define AGENT_NDEFAULTS (sizeof agent_defaults / sizeof agent_defaults[0])

TAILQ_HEAD(agent_profiles, agent_profile);
static struct agent_profiles	agent_profiles =
    TAILQ_HEAD_INITIALIZER(agent_profiles);
/* Removed profiles: agents may point at them until their next sample. */
static struct agent_profiles	agent_removed =
    TAILQ_HEAD_INITIALIZER(agent_removed);
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

/* Compile a pattern that passed agent_pattern_check; failing is a bug. */
static void
agent_compile(regex_t *re, const char *src)
{
	if (regcomp(re, src, REG_EXTENDED | REG_NOSUB) != 0)
		fatalx("agent pattern '%s' does not compile", src);
}

int
agent_pattern_check(const char *src, char **cause)
{
	regex_t	re;
	char	why[128];
	int	error;

	if ((error = regcomp(&re, src, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(error, &re, why, sizeof why);
		xasprintf(cause, "bad pattern '%s': %s", src, why);
		return (-1);
	}
	regfree(&re);
	return (0);
}

void
agent_patterns_add(struct agent_patterns *ap, const char *src)
{
	u_int	i;

	for (i = 0; i < ap->n; i++) {
		if (strcmp(ap->src[i], src) == 0)
			return;
	}
	ap->re = xreallocarray(ap->re, ap->n + 1, sizeof *ap->re);
	ap->src = xreallocarray(ap->src, ap->n + 1, sizeof *ap->src);
	ap->re[ap->n] = xmalloc(sizeof *ap->re[ap->n]);
	agent_compile(ap->re[ap->n], src);
	ap->src[ap->n++] = xstrdup(src);
}

void
agent_patterns_clear(struct agent_patterns *ap)
{
	u_int	i;

	for (i = 0; i < ap->n; i++) {
		regfree(ap->re[i]);
		free(ap->re[i]);
		free(ap->src[i]);
	}
	free(ap->re);
	free(ap->src);
	memset(ap, 0, sizeof *ap);
}

/* Bumped whenever which profile a name gets may have changed. */
static u_int	agent_generation;

u_int
agent_profiles_generation(void)
{
	return (agent_generation);
}

void
agent_profile_set_match(struct agent_profile *p, const char *src)
{
	char	*copy = xstrdup(src);

	agent_generation++;
	if (p->match_src != NULL)
		regfree(&p->match);
	free(p->match_src);
	agent_compile(&p->match, copy);
	p->match_src = copy;
}

void
agent_profile_set_resume(struct agent_profile *p, const char *command)
{
	char	*copy = NULL;

	if (command != NULL && *command != '\0')
		copy = xstrdup(command);
	free(p->resume_command);
	p->resume_command = copy;
}

/* The index of the shipped profile of a name, or -1. */
static int
agent_default_index(const char *name)
{
	u_int	i;

	for (i = 0; i < AGENT_NDEFAULTS; i++) {
		if (strcmp(agent_defaults[i].name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The match for a profile's name alone: the command or a process named so. */
static char *
agent_name_match(const char *name)
{
	char	*re, *out;
	size_t	 n = 0;

	re = xmalloc(2 * strlen(name) + 1);
	for (; *name != '\0'; name++) {
		if (strchr(".[]()*+?{}|^$\\", *name) != NULL)
			re[n++] = '\\';
		re[n++] = *name;
	}
	re[n] = '\0';
	xasprintf(&out, "(^|/)%s([ ]|$)", re);
	free(re);
	return (out);
}

/* Give a profile its shipped patterns, or only its name's match. */
static void
agent_profile_fill(struct agent_profile *p, int shipped)
{
	char	*match;
	int	 i = shipped ? agent_default_index(p->name) : -1;
	u_int	 j;

	agent_patterns_clear(&p->waiting);
	agent_patterns_clear(&p->busy);
	p->suspend_after = -1;
	p->file_sample = -1;
	p->file_sample_every = 0;
	agent_profile_set_resume(p, NULL);
	if (i == -1) {
		match = agent_name_match(p->name);
		agent_profile_set_match(p, match);
		free(match);
		return;
	}
	agent_profile_set_match(p, agent_defaults[i].match);
	if (agent_defaults[i].sampled) {
		p->file_sample = AGENT_SAMPLE;
		p->file_sample_every = AGENT_SAMPLE_EVERY;
	}
	for (j = 0; j < AGENT_NWAITING && agent_defaults[i].waiting[j] !=
	    NULL; j++)
		agent_patterns_add(&p->waiting, agent_defaults[i].waiting[j]);
	for (j = 0; j < AGENT_NBUSY && agent_defaults[i].busy[j] != NULL; j++)
		agent_patterns_add(&p->busy, agent_defaults[i].busy[j]);
}

/* A profile outside any list. */
static struct agent_profile *
agent_profile_alloc(const char *name, int shipped)
{
	struct agent_profile	*p;

	p = xcalloc(1, sizeof *p);
	p->name = xstrdup(name);
	agent_profile_fill(p, shipped);
	return (p);
}

static void
agent_profile_free(struct agent_profile *p)
{
	if (p->match_src != NULL)
		regfree(&p->match);
	free(p->match_src);
	agent_patterns_clear(&p->waiting);
	agent_patterns_clear(&p->busy);
	free(p->resume_command);
	free(p->name);
	free(p);
}

void
agent_profiles_init(void)
{
	struct agent_profile	*p;
	u_int			 i;

	if (agent_ready)
		return;
	agent_ready = 1;
	for (i = 0; i < AGENT_NDEFAULTS; i++) {
		p = agent_profile_alloc(agent_defaults[i].name, 1);
		TAILQ_INSERT_TAIL(&agent_profiles, p, entry);
	}
}

void
agent_profiles_free(void)
{
	struct agent_profile	*p;

	while ((p = TAILQ_FIRST(&agent_profiles)) != NULL) {
		TAILQ_REMOVE(&agent_profiles, p, entry);
		agent_profile_free(p);
	}
	while ((p = TAILQ_FIRST(&agent_removed)) != NULL) {
		TAILQ_REMOVE(&agent_removed, p, entry);
		agent_profile_free(p);
	}
	agent_ready = 0;
}

struct agent_profile *
agent_profile_first(void)
{
	agent_profiles_init();
	return (TAILQ_FIRST(&agent_profiles));
}

struct agent_profile *
agent_profile_next(struct agent_profile *p)
{
	return (TAILQ_NEXT(p, entry));
}

struct agent_profile *
agent_profile_find(const char *name)
{
	struct agent_profile	*p;

	agent_profiles_init();
	TAILQ_FOREACH(p, &agent_profiles, entry) {
		if (strcmp(p->name, name) == 0)
			return (p);
	}
	return (NULL);
}

int
agent_profile_is_generic(const struct agent_profile *p)
{
	agent_profiles_init();
	return (p == TAILQ_LAST(&agent_profiles, agent_profiles));
}

struct agent_profile *
agent_profile_create(const char *name)
{
	struct agent_profile	*p, *generic;

	agent_profiles_init();
	agent_generation++;
	p = agent_profile_alloc(name, 0);
	/* Not TAILQ_LAST in the macro: it would be read again, changed. */
	generic = TAILQ_LAST(&agent_profiles, agent_profiles);
	TAILQ_INSERT_BEFORE(generic, p, entry);
	return (p);
}

void
agent_profile_remove(struct agent_profile *p)
{
	if (agent_profile_is_generic(p))
		fatalx("the generic agent profile cannot be removed");
	agent_generation++;
	TAILQ_REMOVE(&agent_profiles, p, entry);
	TAILQ_INSERT_TAIL(&agent_removed, p, entry);
}

struct agent_profile *
agent_profile_reset(const char *name)
{
	struct agent_profile	*p;

	agent_profiles_init();
	agent_generation++;
	if (name == NULL) {
		TAILQ_CONCAT(&agent_removed, &agent_profiles, entry);
		agent_ready = 0;
		agent_profiles_init();
		return (TAILQ_FIRST(&agent_profiles));
	}
	if ((p = agent_profile_find(name)) == NULL)
		p = agent_profile_create(name);
	agent_profile_fill(p, 1);
	return (p);
}

const struct agent_profile *
agent_profile_for(const char *const *names, u_int n)
{
	struct agent_profile	*p, *generic;
	u_int			 j;

	agent_profiles_init();
	generic = TAILQ_LAST(&agent_profiles, agent_profiles);
	TAILQ_FOREACH(p, &agent_profiles, entry) {
		if (p == generic)
			break;
		for (j = 0; j < n; j++) {
			if (names[j] != NULL && regexec(&p->match, names[j], 0,
			    NULL, 0) == 0)
				return (p);
		}
	}
	return (generic);
}

/* The first of a list of patterns that a bottom line fits, or NULL. */
static const char *
agent_match(const struct agent_patterns *ap, const struct agent_evidence *e)
{
	u_int	i, j;

	for (i = 0; i < ap->n; i++) {
		for (j = 0; j < e->nlines; j++) {
			if (e->lines[j] != NULL &&
			    regexec(ap->re[i], e->lines[j], 0, NULL, 0) == 0)
				return (ap->src[i]);
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
	any = TAILQ_LAST(&agent_profiles, agent_profiles);
	if ((p != NULL && (src = agent_match(&p->waiting, e)) != NULL) ||
	    (p != any && (src = agent_match(&any->waiting, e)) != NULL)) {
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

	if (p != NULL && (src = agent_match(&p->busy, e)) != NULL)
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
	if (e->hibernated) {
		state = AGENT_EXITED;
		snprintf(rule, sizeof rule, "hibernated: a key relaunches it");
	} else if (e->dead) {
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
