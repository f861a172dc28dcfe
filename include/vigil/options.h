/* Options: the table of settings, their types, defaults and values. */
#ifndef VIGIL_OPTIONS_H
#define VIGIL_OPTIONS_H

#include "vigil/keys.h"
#include "vigil/style.h"

enum option_type {
	OPTION_FLAG,		/* on/off */
	OPTION_NUMBER,		/* integer in [min, max] */
	OPTION_DURATION,	/* 500ms, 30s, 5m, 2h; kept in milliseconds */
	OPTION_STRING,
	OPTION_CHOICE,		/* one of choices[]; kept as its index */
	OPTION_KEY,
	OPTION_STYLE,
	OPTION_SIZE,		/* bytes: 0, 512K, 20M, 2G */
	OPTION_SAMPLE		/* 2s/10m (for 2s every 10m) or off */
};

enum option_id {
	OPT_PREFIX,
	OPT_MOUSE,
	OPT_ESCAPE_TIME,
	OPT_REPEAT_TIME,
	OPT_REMAIN_ON_EXIT,
	OPT_DEFAULT_SHELL,
	OPT_DEFAULT_TERMINAL,
	OPT_HISTORY_LIMIT,
	OPT_HISTORY_BYTES,
	OPT_STATUS,
	OPT_STATUS_POSITION,
	OPT_STATUS_INTERVAL,
	OPT_STATUS_STYLE,
	OPT_STATUS_CURRENT_STYLE,
	OPT_PANE_BORDER_STYLE,
	OPT_PANE_ACTIVE_BORDER_STYLE,
	OPT_MESSAGE_STYLE,
	OPT_DISPLAY_TIME,
	OPT_SET_TITLES,
	OPT_MAIN_PANE_SIZE,
	OPT_TERMINAL_RGB,
	OPT_SUPERVISE,
	OPT_SAMPLE_INTERVAL,
	OPT_SAMPLE_SLOW_INTERVAL,
	OPT_PANE_BUDGET,
	OPT_FD_LIMIT,
	OPT_THREAD_LIMIT,
	OPT_GROWTH_WARNING,
	OPT_FD_GROWTH_WARNING,
	OPT_GROWTH_WINDOW,
	OPT_REREAD_WARNING,
	OPT_REREAD_CALLS,
	OPT_DUP_OPEN_LIMIT,
	OPT_SPIN_WARNING,
	OPT_WARNING_SUSTAIN,
	OPT_WARNING_CLEAR,
	OPT_REOPEN_WARNING,
	OPT_WARNING_PROFILE,
	OPT_FILE_SAMPLE,
	OPT_EVENT_LOG,
	OPT_STATUS_WARNING_STYLE,
	OPT_STATUS_CRITICAL_STYLE,
	OPT_WAITING_ALERT,
	OPT_NOTIFY_COMMAND,
	OPT_SUSPEND_AFTER,
	OPT_SUSPEND_METHOD,
	OPT_SUSPEND_RECLAIM,
	OPT_HIBERNATE_AFTER,
	OPT_HIBERNATE_PRESSURE,
	OPTION_COUNT
};

/* Values of the choice options. */
enum { REMAIN_OFF, REMAIN_ON, REMAIN_FAILED };
enum { STATUS_POSITION_BOTTOM, STATUS_POSITION_TOP };
enum { TERMINAL_RGB_AUTO, TERMINAL_RGB_ON, TERMINAL_RGB_OFF };
enum { WAITING_ALERT_BELL, WAITING_ALERT_NOTIFY, WAITING_ALERT_BOTH,
	WAITING_ALERT_OFF };

struct option_def {
	const char		 *name;
	enum option_type	  type;
	const char		 *default_value;
	long long		  min, max;	/* OPTION_NUMBER, OPTION_DURATION */
	const char *const	 *choices;	/* OPTION_CHOICE, NULL-terminated */
	const char		 *help;
};

void			 options_init(void);
void			 options_free(void);
/* The id of an option by name, or -1. */
int			 options_find(const char *);
const struct option_def	*options_def(enum option_id);
/* Parse and set a value. Returns 0, or -1 with *cause set (xmalloc'd). */
int			 options_set(enum option_id, const char *, char **);
/* Back to the default value. */
void			 options_reset(enum option_id);
long long		 options_get_number(enum option_id);
const char		*options_get_string(enum option_id);
struct key		 options_get_key(enum option_id);
const struct style	*options_get_style(enum option_id);
/* The value of a sampling option: for how long and how often (ms; 0: off). */
void			 options_get_sample(enum option_id, long long *,
			     long long *);
/* The value as it would be written in the config (xmalloc'd). */
char			*options_to_string(enum option_id);

/* Value parsers shared with the rest of the program. */
int	parse_flag(const char *, int *);
/* "500ms", "30s", "5m", "2h" or "0" into milliseconds. */
int	parse_duration(const char *, long long *, char **);
/* Milliseconds as parse_duration reads them, in the largest exact unit. */
void	options_format_duration(long long, char *, size_t);
/* "0", "512", "512K", "20M", "2G", "1T" (powers of 1024) into bytes. */
int	parse_size(const char *, long long *, char **);
/*
 * A sampling: "2s/10m" (for 2s, every 10m) into milliseconds, or "off"
 * (and "0") into 0 and 0.
 */
int	parse_sample(const char *, long long *, long long *, char **);
/* A sampling as parse_sample reads it. */
void	options_format_sample(long long, long long, char *, size_t);

#endif
