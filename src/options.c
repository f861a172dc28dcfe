/*
 * Options: the table of settings, their types, defaults and values.
 *
 * Every option is described by one row of options_table; values are parsed
 * from the same strings a config file holds, defaults included, so there is
 * one parser per type and nothing to keep in step by hand.
 */

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/style.h"
#include "vigil/xmalloc.h"

#define OPTIONS_SECOND	1000LL
#define OPTIONS_MINUTE	(60 * OPTIONS_SECOND)
#define OPTIONS_HOUR	(60 * OPTIONS_MINUTE)

#define OPTIONS_ANY_TYPE (~0)

static const char *const options_remain_choices[] = {
	"off", "on", "failed", NULL
};
static const char *const options_position_choices[] = {
	"bottom", "top", NULL
};
static const char *const options_rgb_choices[] = {
	"auto", "on", "off", NULL
};
static const char *const options_alert_choices[] = {
	"bell", "notify", "both", "off", NULL
};
static const char *const options_suspend_choices[] = {
	"auto", "cgroup", "freezer", "signals", NULL
};

/*
 * Colour defaults set both foreground and background wherever they set one,
 * so they read the same on dark and light terminals; borders use a grey
 * from the 256-colour ramp, which themes rarely redefine, unlike the first
 * 16 colours (Solarized's brightblack is its own background colour).
 */
static const struct option_def options_table[OPTION_COUNT] = {
	[OPT_PREFIX] = { "prefix", OPTION_KEY, "C-\\", 0, 0, NULL,
	    "the key that starts a command" },
	[OPT_MOUSE] = { "mouse", OPTION_FLAG, "on", 0, 0, NULL,
	    "focus panes with a click and pass the mouse to programs that ask" },
	[OPT_ESCAPE_TIME] = { "escape-time", OPTION_DURATION, "10ms",
	    0, 10 * OPTIONS_SECOND, NULL,
	    "how long to wait after ESC for the rest of a key sequence" },
	[OPT_REPEAT_TIME] = { "repeat-time", OPTION_DURATION, "500ms",
	    0, 10 * OPTIONS_SECOND, NULL,
	    "how long a repeatable key works again without the prefix" },
	[OPT_REMAIN_ON_EXIT] = { "remain-on-exit", OPTION_CHOICE, "failed",
	    0, 0, options_remain_choices,
	    "keep a pane whose program exited: never, always, or on failure" },
	[OPT_DEFAULT_SHELL] = { "default-shell", OPTION_STRING, "", 0, 0, NULL,
	    "the program new panes run; empty means $SHELL, then /bin/sh" },
	[OPT_DEFAULT_TERMINAL] = { "default-terminal", OPTION_STRING,
	    "xterm-256color", 0, 0, NULL, "the TERM set inside panes" },
	[OPT_HISTORY_LIMIT] = { "history-limit", OPTION_NUMBER, "2000",
	    0, 1000000, NULL, "lines of scrollback kept for each pane" },
	[OPT_HISTORY_BYTES] = { "history-bytes", OPTION_SIZE, "16M",
	    0, 1LL << 40, NULL,
	    "and the most memory each pane's scrollback may take" },
	[OPT_STATUS] = { "status", OPTION_FLAG, "on", 0, 0, NULL,
	    "show the status line" },
	[OPT_STATUS_POSITION] = { "status-position", OPTION_CHOICE, "bottom",
	    0, 0, options_position_choices, "where the status line goes" },
	[OPT_STATUS_INTERVAL] = { "status-interval", OPTION_DURATION, "1s",
	    0, OPTIONS_HOUR, NULL,
	    "how often the status line is redrawn; 0 means only on change" },
	[OPT_STATUS_STYLE] = { "status-style", OPTION_STYLE,
	    "fg=black,bg=green", 0, 0, NULL, "the style of the status line" },
	[OPT_STATUS_CURRENT_STYLE] = { "status-current-style", OPTION_STYLE,
	    "fg=green,bg=black,bold", 0, 0, NULL,
	    "the style of the current pane's entry on the status line" },
	[OPT_PANE_BORDER_STYLE] = { "pane-border-style", OPTION_STYLE,
	    "fg=colour240", 0, 0, NULL, "the style of pane borders" },
	[OPT_PANE_ACTIVE_BORDER_STYLE] = { "pane-active-border-style",
	    OPTION_STYLE, "fg=green", 0, 0, NULL,
	    "the style of the active pane's border" },
	[OPT_MESSAGE_STYLE] = { "message-style", OPTION_STYLE,
	    "fg=black,bg=yellow", 0, 0, NULL,
	    "the style of messages and the prompt" },
	[OPT_DISPLAY_TIME] = { "display-time", OPTION_DURATION, "1500ms",
	    0, OPTIONS_MINUTE, NULL,
	    "how long messages stay on the status line" },
	[OPT_SET_TITLES] = { "set-titles", OPTION_FLAG, "on", 0, 0, NULL,
	    "set the terminal's title to the active pane's title" },
	[OPT_MAIN_PANE_SIZE] = { "main-pane-size", OPTION_NUMBER, "50",
	    10, 90, NULL, "percent of the window the main pane takes" },
	[OPT_TERMINAL_RGB] = { "terminal-rgb", OPTION_CHOICE, "auto",
	    0, 0, options_rgb_choices,
	    "send 24-bit colour: auto if terminfo or COLORTERM says the terminal can" },
	[OPT_SUPERVISE] = { "supervise", OPTION_FLAG, "on", 0, 0, NULL,
	    "sample every pane's process tree and warn about runaways" },
	[OPT_SAMPLE_INTERVAL] = { "sample-interval", OPTION_DURATION, "1s",
	    100, OPTIONS_HOUR, NULL,
	    "how often each pane's process tree is sampled" },
	[OPT_SAMPLE_SLOW_INTERVAL] = { "sample-slow-interval",
	    OPTION_DURATION, "10s", 100, OPTIONS_HOUR, NULL,
	    "how often the costly smaps_rollup and fd links are read" },
	[OPT_PANE_BUDGET] = { "pane-budget", OPTION_SIZE, "2G",
	    0, 1LL << 50, NULL,
	    "the footprint a pane's tree may have: a full bar, then a warning" },
	[OPT_FD_LIMIT] = { "fd-limit", OPTION_NUMBER, "1000", 0, 100000000,
	    NULL, "warn when a pane's tree has more open fds; 0 never" },
	[OPT_THREAD_LIMIT] = { "thread-limit", OPTION_NUMBER, "1000",
	    0, 100000000, NULL,
	    "warn when a pane's tree has more threads; 0 never" },
	[OPT_GROWTH_WARNING] = { "growth-warning", OPTION_SIZE, "20M",
	    0, 1LL << 50, NULL,
	    "warn when the footprint grows this much a minute, sustained" },
	[OPT_FD_GROWTH_WARNING] = { "fd-growth-warning", OPTION_NUMBER, "5",
	    0, 100000000, NULL,
	    "warn when open fds grow by this many a minute, sustained" },
	[OPT_GROWTH_WINDOW] = { "growth-window", OPTION_DURATION, "5m",
	    10 * OPTIONS_SECOND, 24 * OPTIONS_HOUR, NULL,
	    "the span over which growth is measured" },
	[OPT_REREAD_WARNING] = { "reread-warning", OPTION_SIZE, "1M",
	    0, 1LL << 50, NULL,
	    "warn when a silent pane's tree reads this much a second" },
	[OPT_REREAD_CALLS] = { "reread-calls", OPTION_NUMBER, "20",
	    0, 100000000, NULL,
	    "and makes at least this many read calls a second" },
	[OPT_DUP_OPEN_LIMIT] = { "dup-open-limit", OPTION_NUMBER, "8",
	    0, 100000000, NULL,
	    "warn when a process holds one file open this many times; 0 never" },
	[OPT_SPIN_WARNING] = { "spin-warning", OPTION_NUMBER, "90",
	    0, 100000, NULL,
	    "warn when a silent pane's tree uses this much CPU (percent)" },
	[OPT_WARNING_SUSTAIN] = { "warning-sustain", OPTION_DURATION, "30s",
	    0, OPTIONS_HOUR, NULL,
	    "how long a rate must last (and a pane be silent) to warn" },
	[OPT_WARNING_CLEAR] = { "warning-clear", OPTION_DURATION, "30s",
	    0, OPTIONS_HOUR, NULL,
	    "how long a warning's cause must be gone before it clears" },
	[OPT_REOPEN_WARNING] = { "reopen-warning", OPTION_NUMBER, "1",
	    0, 1000000, NULL,
	    "warn when a sample finds a file re-opened this often a second; "
	    "0 never" },
	[OPT_WARNING_PROFILE] = { "warning-profile", OPTION_DURATION, "3s",
	    0, OPTIONS_MINUTE, NULL,
	    "profile a pane this long when it starts to re-read, to name the "
	    "file (0: never)" },
	[OPT_FILE_SAMPLE] = { "file-sample", OPTION_SAMPLE, "off", 0, 0, NULL,
	    "profile idle panes' files, e.g. 2s/10m (for 2s every 10m), "
	    "unless their agent says otherwise" },
	[OPT_EVENT_LOG] = { "event-log", OPTION_FLAG, "on", 0, 0, NULL,
	    "append warnings to $XDG_STATE_HOME/vigil/events.jsonl" },
	[OPT_STATUS_WARNING_STYLE] = { "status-warning-style", OPTION_STYLE,
	    "fg=black,bg=yellow", 0, 0, NULL,
	    "a pane's resources near its budget, or with a warning" },
	[OPT_STATUS_CRITICAL_STYLE] = { "status-critical-style", OPTION_STYLE,
	    "fg=white,bg=red,bold", 0, 0, NULL,
	    "a pane's resources over its budget or limits" },
	[OPT_WAITING_ALERT] = { "waiting-alert", OPTION_CHOICE, "bell",
	    0, 0, options_alert_choices,
	    "tell terminals that don't show a pane that starts waiting: "
	    "bell, notify (OSC 9), both or off" },
	[OPT_NOTIFY_COMMAND] = { "notify-command", OPTION_STRING, "", 0, 0,
	    NULL, "a command run (sh -c) when a pane starts waiting" },
	[OPT_SUSPEND_AFTER] = { "suspend-after", OPTION_DURATION, "30m",
	    0, 30LL * 24 * OPTIONS_HOUR, NULL,
	    "suspend a pane idle this long that no client shows (0: never)" },
	[OPT_SUSPEND_METHOD] = { "suspend-method", OPTION_CHOICE, "auto",
	    0, 0, options_suspend_choices,
	    "how new panes are suspended: auto, cgroup, freezer or signals" },
	[OPT_SUSPEND_RECLAIM] = { "suspend-reclaim", OPTION_FLAG, "on", 0, 0,
	    NULL, "ask the kernel to swap out a suspended pane's memory" },
	[OPT_HIBERNATE_AFTER] = { "hibernate-after", OPTION_DURATION, "4h",
	    0, 30LL * 24 * OPTIONS_HOUR, NULL,
	    "end a pane suspended this long whose agent has a resume command" },
	[OPT_HIBERNATE_PRESSURE] = { "hibernate-pressure", OPTION_NUMBER,
	    "20", 0, 100, NULL,
	    "memory pressure (PSI some avg10, %) that ends the oldest such "
	    "pane (0: off)" },
};

/* Duration units, largest first so formatting finds the largest exact one. */
static const struct {
	const char	*name;
	long long	 ms;
} options_units[] = {
	{ "h", OPTIONS_HOUR },
	{ "m", OPTIONS_MINUTE },
	{ "s", OPTIONS_SECOND },
	{ "ms", 1 }
};
#define OPTIONS_NUNITS (sizeof options_units / sizeof options_units[0])

/* A sampling's bounds: 1s to 10m, at most once a day. */
#define OPTIONS_SAMPLE_MIN	OPTIONS_SECOND
#define OPTIONS_SAMPLE_MAX	(10 * OPTIONS_MINUTE)
#define OPTIONS_SAMPLE_EVERY	(24 * OPTIONS_HOUR)

/* One option's value; which field is used depends on the option's type. */
struct options_value {
	long long	 number;	/* flag, number, duration, choice;
					   a sampling's length */
	long long	 every;		/* a sampling's period */
	char		*string;
	struct key	 key;
	struct style	 style;
};

static struct options_value	options_values[OPTION_COUNT];
static int			options_ready;

/* The value of an option, after checking it exists and has a listed type. */
static struct options_value *
options_value(enum option_id id, int types, const char *what)
{
	const struct option_def	*od = options_def(id);

	if (!options_ready)
		fatalx("option %s used before options_init", od->name);
	if (!(types & (1 << od->type)))
		fatalx("option %s is not %s", od->name, what);
	return (&options_values[id]);
}

/* Parse "on", "off" and their synonyms, ignoring case. Returns 0 or -1. */
int
parse_flag(const char *s, int *flag)
{
	static const char *const on[] = { "on", "yes", "true", "1" };
	static const char *const off[] = { "off", "no", "false", "0" };
	size_t			 i;

	for (i = 0; i < sizeof on / sizeof on[0]; i++) {
		if (strcasecmp(s, on[i]) == 0) {
			*flag = 1;
			return (0);
		}
		if (strcasecmp(s, off[i]) == 0) {
			*flag = 0;
			return (0);
		}
	}
	return (-1);
}

/* The unit named by s, or -1. */
static int
options_find_unit(const char *s)
{
	size_t	i;

	for (i = 0; i < OPTIONS_NUNITS; i++) {
		if (strcmp(s, options_units[i].name) == 0)
			return ((int)i);
	}
	return (-1);
}

/*
 * Parse a duration: an unsigned whole number and a unit (ms, s, m or h,
 * lower case), or "0" alone, into milliseconds. No blanks or signs.
 */
int
parse_duration(const char *s, long long *ms, char **cause)
{
	const char	*cp;
	long long	 n = 0;
	int		 unit;

	if (*s < '0' || *s > '9') {
		xasprintf(cause, "duration '%s' must start with a number", s);
		return (-1);
	}
	for (cp = s; *cp >= '0' && *cp <= '9'; cp++) {
		if (n > (LLONG_MAX - (*cp - '0')) / 10)
			goto too_long;
		n = n * 10 + (*cp - '0');
	}
	if (*cp == '\0' && n == 0) {
		*ms = 0;
		return (0);
	}
	if (*cp == '\0') {
		xasprintf(cause, "duration '%s' needs a unit (ms, s, m, h)", s);
		return (-1);
	}
	if ((unit = options_find_unit(cp)) == -1) {
		xasprintf(cause, "duration '%s' has an unknown unit '%s' "
		    "(ms, s, m, h)", s, cp);
		return (-1);
	}
	if (n > LLONG_MAX / options_units[unit].ms)
		goto too_long;
	*ms = n * options_units[unit].ms;
	return (0);

too_long:
	xasprintf(cause, "duration '%s' is too long", s);
	return (-1);
}

/* Write a duration in the largest unit that holds it exactly. */
void
options_format_duration(long long ms, char *buf, size_t len)
{
	size_t	i;

	if (ms == 0) {
		snprintf(buf, len, "0");
		return;
	}
	for (i = 0; i < OPTIONS_NUNITS - 1; i++) {
		if (ms % options_units[i].ms == 0)
			break;
	}
	snprintf(buf, len, "%lld%s", ms / options_units[i].ms,
	    options_units[i].name);
}

/* Size units, largest first so formatting finds the largest exact one. */
static const struct {
	char		 name;
	long long	 bytes;
} options_size_units[] = {
	{ 'T', 1LL << 40 },
	{ 'G', 1LL << 30 },
	{ 'M', 1LL << 20 },
	{ 'K', 1LL << 10 }
};
#define OPTIONS_NSIZES \
	(sizeof options_size_units / sizeof options_size_units[0])

/* Parse a size: a whole number of bytes, or of K, M, G or T (of 1024). */
int
parse_size(const char *s, long long *bytes, char **cause)
{
	const char	*cp;
	long long	 n = 0, unit = 1;
	size_t		 i;

	if (*s < '0' || *s > '9') {
		xasprintf(cause, "size '%s' must start with a number", s);
		return (-1);
	}
	for (cp = s; *cp >= '0' && *cp <= '9'; cp++) {
		if (n > (LLONG_MAX - (*cp - '0')) / 10)
			goto too_big;
		n = n * 10 + (*cp - '0');
	}
	if (*cp != '\0' && strcasecmp(cp, "B") != 0) {
		for (i = 0; i < OPTIONS_NSIZES; i++) {
			if ((*cp & ~0x20) == options_size_units[i].name)
				break;
		}
		if (i == OPTIONS_NSIZES || (cp[1] != '\0' &&
		    strcasecmp(cp + 1, "B") != 0 &&
		    strcasecmp(cp + 1, "iB") != 0)) {
			xasprintf(cause, "size '%s' has an unknown unit '%s' "
			    "(K, M, G, T)", s, cp);
			return (-1);
		}
		unit = options_size_units[i].bytes;
	}
	if (n > LLONG_MAX / unit)
		goto too_big;
	*bytes = n * unit;
	return (0);

too_big:
	xasprintf(cause, "size '%s' is too big", s);
	return (-1);
}

/* Write a size in the largest unit that holds it exactly. */
static void
options_format_size(long long bytes, char *buf, size_t len)
{
	size_t	i;

	for (i = 0; i < OPTIONS_NSIZES; i++) {
		if (bytes != 0 && bytes % options_size_units[i].bytes == 0) {
			snprintf(buf, len, "%lld%c", bytes /
			    options_size_units[i].bytes,
			    options_size_units[i].name);
			return;
		}
	}
	snprintf(buf, len, "%lld", bytes);
}

int
parse_sample(const char *s, long long *run, long long *every, char **cause)
{
	const char	*slash;
	char		*first;
	int		 error;

	if (strcmp(s, "off") == 0 || strcmp(s, "0") == 0) {
		*run = *every = 0;
		return (0);
	}
	if ((slash = strchr(s, '/')) == NULL) {
		xasprintf(cause, "sampling '%s' must be off or for/every, as "
		    "2s/10m", s);
		return (-1);
	}
	first = xstrndup(s, slash - s);
	error = parse_duration(first, run, cause);
	free(first);
	if (error != 0 || parse_duration(slash + 1, every, cause) != 0)
		return (-1);
	if (*run < OPTIONS_SAMPLE_MIN || *run > OPTIONS_SAMPLE_MAX) {
		xasprintf(cause, "sampling '%s' must last from 1s to 10m", s);
		return (-1);
	}
	if (*every <= *run || *every > OPTIONS_SAMPLE_EVERY) {
		xasprintf(cause, "sampling '%s' must come every so often, "
		    "longer than it lasts and at most 24h", s);
		return (-1);
	}
	return (0);
}

void
options_format_sample(long long run, long long every, char *buf, size_t len)
{
	char	a[32], b[32];

	if (run == 0) {
		snprintf(buf, len, "off");
		return;
	}
	options_format_duration(run, a, sizeof a);
	options_format_duration(every, b, sizeof b);
	snprintf(buf, len, "%s/%s", a, b);
}

/* Parse a size in the option's range. */
static int
options_parse_size(const struct option_def *od, const char *s,
    long long *bytes, char **cause)
{
	char	min[32], max[32];

	if (parse_size(s, bytes, cause) != 0)
		return (-1);
	if (*bytes < od->min || *bytes > od->max) {
		options_format_size(od->min, min, sizeof min);
		options_format_size(od->max, max, sizeof max);
		xasprintf(cause, "%s must be between %s and %s", od->name, min,
		    max);
		return (-1);
	}
	return (0);
}

/* Parse a whole number in the option's range. */
static int
options_parse_number(const struct option_def *od, const char *s,
    long long *n, char **cause)
{
	const char	*digits = (*s == '-') ? s + 1 : s;
	char		*end;

	if (*digits < '0' || *digits > '9') {
		xasprintf(cause, "'%s' is not a number", s);
		return (-1);
	}
	errno = 0;
	*n = strtoll(s, &end, 10);
	if (*end != '\0') {
		xasprintf(cause, "'%s' is not a number", s);
		return (-1);
	}
	if (errno == ERANGE || *n < od->min || *n > od->max) {
		xasprintf(cause, "%s must be between %lld and %lld", od->name,
		    od->min, od->max);
		return (-1);
	}
	return (0);
}

/* Parse a duration in the option's range. */
static int
options_parse_duration(const struct option_def *od, const char *s,
    long long *ms, char **cause)
{
	char	min[32], max[32];

	if (parse_duration(s, ms, cause) != 0)
		return (-1);
	if (*ms < od->min || *ms > od->max) {
		options_format_duration(od->min, min, sizeof min);
		options_format_duration(od->max, max, sizeof max);
		xasprintf(cause, "%s must be between %s and %s", od->name, min,
		    max);
		return (-1);
	}
	return (0);
}

/* Parse one of the option's choices, ignoring case, into its index. */
static int
options_parse_choice(const struct option_def *od, const char *s,
    long long *idx, char **cause)
{
	const char *const	*cp;
	char			*list, *tmp;

	for (cp = od->choices; *cp != NULL; cp++) {
		if (strcasecmp(s, *cp) == 0) {
			*idx = cp - od->choices;
			return (0);
		}
	}
	list = xstrdup("");
	for (cp = od->choices; *cp != NULL; cp++) {
		xasprintf(&tmp, "%s%s%s", list, *list == '\0' ? "" : ", ", *cp);
		free(list);
		list = tmp;
	}
	xasprintf(cause, "%s must be one of %s", od->name, list);
	free(list);
	return (-1);
}

/* Check a string option's value; most strings may be anything. */
static int
options_check_string(enum option_id id, const char *s, char **cause)
{
	const char	*name = options_table[id].name;

	switch (id) {
	case OPT_DEFAULT_TERMINAL:
		if (*s == '\0') {
			xasprintf(cause, "%s must not be empty", name);
			return (-1);
		}
		if (s[strcspn(s, " \t\r\n\v\f")] != '\0') {
			xasprintf(cause, "%s must not contain blanks", name);
			return (-1);
		}
		return (0);
	default:
		return (0);
	}
}

/* Parse a value for an option into new; NULL toggles a flag. */
static int
options_parse(enum option_id id, const char *s, struct options_value *new,
    char **cause)
{
	const struct option_def	*od = &options_table[id];
	int			 flag;

	if (s == NULL && od->type == OPTION_FLAG) {
		new->number = !options_values[id].number;
		return (0);
	}
	if (s == NULL) {
		xasprintf(cause, "%s needs a value", od->name);
		return (-1);
	}
	switch (od->type) {
	case OPTION_FLAG:
		if (parse_flag(s, &flag) != 0) {
			xasprintf(cause, "%s must be on or off", od->name);
			return (-1);
		}
		new->number = flag;
		return (0);
	case OPTION_NUMBER:
		return (options_parse_number(od, s, &new->number, cause));
	case OPTION_DURATION:
		return (options_parse_duration(od, s, &new->number, cause));
	case OPTION_SIZE:
		return (options_parse_size(od, s, &new->number, cause));
	case OPTION_SAMPLE:
		return (parse_sample(s, &new->number, &new->every, cause));
	case OPTION_STRING:
		if (options_check_string(id, s, cause) != 0)
			return (-1);
		new->string = xstrdup(s);
		return (0);
	case OPTION_CHOICE:
		return (options_parse_choice(od, s, &new->number, cause));
	case OPTION_KEY:
		if (key_from_string(s, &new->key) != 0) {
			xasprintf(cause, "unknown key '%s'", s);
			return (-1);
		}
		return (0);
	case OPTION_STYLE:
		new->style = STYLE_DEFAULT;
		return (style_parse(&new->style, s, cause));
	}
	fatalx("option %s has unknown type %d", od->name, (int)od->type);
}

/* Parse and store a value, leaving the old one in place on error. */
static int
options_assign(enum option_id id, const char *s, char **cause)
{
	struct options_value	new;

	memset(&new, 0, sizeof new);
	if (options_parse(id, s, &new, cause) != 0)
		return (-1);
	free(options_values[id].string);
	options_values[id] = new;
	return (0);
}

/* Give every option its default; calling it again resets them all. */
void
options_init(void)
{
	int	id;

	for (id = 0; id < OPTION_COUNT; id++)
		options_reset(id);
	options_ready = 1;
}

/* Release the strings options hold; options_init must run again to use them. */
void
options_free(void)
{
	int	id;

	for (id = 0; id < OPTION_COUNT; id++) {
		free(options_values[id].string);
		options_values[id].string = NULL;
	}
	options_ready = 0;
}

/* The id of an option by its exact name, or -1. */
int
options_find(const char *name)
{
	int	id;

	for (id = 0; id < OPTION_COUNT; id++) {
		if (strcmp(name, options_table[id].name) == 0)
			return (id);
	}
	return (-1);
}

/* The table row of an option; an id outside the table is a bug. */
const struct option_def *
options_def(enum option_id id)
{
	if ((int)id < 0 || id >= OPTION_COUNT)
		fatalx("no option with id %d", (int)id);
	return (&options_table[id]);
}

/*
 * Parse and set a value. A NULL value toggles a flag, as "set mouse" does
 * with no value; other types need one. On error the option keeps its
 * value and -1 is returned with *cause set (xmalloc'd).
 */
int
options_set(enum option_id id, const char *s, char **cause)
{
	options_value(id, OPTIONS_ANY_TYPE, "any type");
	return (options_assign(id, s, cause));
}

/* Put an option back to its default; a default that fails to parse is a bug. */
void
options_reset(enum option_id id)
{
	const struct option_def	*od = options_def(id);
	char			*cause;

	if (options_assign(id, od->default_value, &cause) != 0)
		fatalx("default of %s: %s", od->name, cause);
}

/* The value of a flag, number, duration (ms) or choice (index). */
long long
options_get_number(enum option_id id)
{
	int	types;

	types = (1 << OPTION_FLAG) | (1 << OPTION_NUMBER) |
	    (1 << OPTION_DURATION) | (1 << OPTION_CHOICE) | (1 << OPTION_SIZE);
	return (options_value(id, types, "a number")->number);
}

/* The value of a string option. */
const char *
options_get_string(enum option_id id)
{
	return (options_value(id, 1 << OPTION_STRING, "a string")->string);
}

/* The value of a key option. */
struct key
options_get_key(enum option_id id)
{
	return (options_value(id, 1 << OPTION_KEY, "a key")->key);
}

/* The value of a style option; valid until it is next set. */
const struct style *
options_get_style(enum option_id id)
{
	return (&options_value(id, 1 << OPTION_STYLE, "a style")->style);
}

void
options_get_sample(enum option_id id, long long *run, long long *every)
{
	struct options_value	*ov;

	ov = options_value(id, 1 << OPTION_SAMPLE, "a sampling");
	*run = ov->number;
	*every = ov->every;
}

/*
 * The value as options_set reads it back (xmalloc'd). It is not quoted:
 * writing it into a config line may need quotes, e.g. for "C-\" or "".
 */
char *
options_to_string(enum option_id id)
{
	const struct option_def	*od = options_def(id);
	struct options_value	*ov;
	char			 buf[32];

	ov = options_value(id, OPTIONS_ANY_TYPE, "any type");
	switch (od->type) {
	case OPTION_FLAG:
		return (xstrdup(ov->number ? "on" : "off"));
	case OPTION_NUMBER:
		snprintf(buf, sizeof buf, "%lld", ov->number);
		return (xstrdup(buf));
	case OPTION_DURATION:
		options_format_duration(ov->number, buf, sizeof buf);
		return (xstrdup(buf));
	case OPTION_SIZE:
		options_format_size(ov->number, buf, sizeof buf);
		return (xstrdup(buf));
	case OPTION_SAMPLE:
		options_format_sample(ov->number, ov->every, buf, sizeof buf);
		return (xstrdup(buf));
	case OPTION_STRING:
		return (xstrdup(ov->string));
	case OPTION_CHOICE:
		return (xstrdup(od->choices[ov->number]));
	case OPTION_KEY:
		return (xstrdup(key_to_string(ov->key)));
	case OPTION_STYLE:
		return (xstrdup(style_to_string(&ov->style)));
	}
	fatalx("option %s has unknown type %d", od->name, (int)od->type);
}
