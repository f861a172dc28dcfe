/* Tests for options: the table, defaults, parsing every type, errors. */

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/colour.h"
#include "vigil/keys.h"
#include "vigil/options.h"
#include "vigil/style.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

/* Every test starts from the defaults. */
static void
setup(void)
{
	options_init();
}

/* Release the option strings so leak checkers stay quiet. */
static void
teardown(void)
{
	options_free();
}

/* Every option by name, with its default as options_to_string writes it. */
static const struct {
	enum option_id	 id;
	const char	*name;
	const char	*value;
} options_defaults[] = {
	{ OPT_PREFIX, "prefix", "C-\\" },
	{ OPT_MOUSE, "mouse", "on" },
	{ OPT_ESCAPE_TIME, "escape-time", "10ms" },
	{ OPT_REPEAT_TIME, "repeat-time", "500ms" },
	{ OPT_REMAIN_ON_EXIT, "remain-on-exit", "failed" },
	{ OPT_DEFAULT_SHELL, "default-shell", "" },
	{ OPT_DEFAULT_TERMINAL, "default-terminal", "xterm-256color" },
	{ OPT_HISTORY_LIMIT, "history-limit", "2000" },
	{ OPT_HISTORY_BYTES, "history-bytes", "16M" },
	{ OPT_STATUS, "status", "on" },
	{ OPT_STATUS_POSITION, "status-position", "bottom" },
	{ OPT_STATUS_INTERVAL, "status-interval", "1s" },
	{ OPT_STATUS_STYLE, "status-style", "fg=black,bg=green" },
	{ OPT_STATUS_CURRENT_STYLE, "status-current-style",
	    "fg=green,bg=black,bold" },
	{ OPT_PANE_BORDER_STYLE, "pane-border-style", "fg=colour240" },
	{ OPT_PANE_ACTIVE_BORDER_STYLE, "pane-active-border-style",
	    "fg=green" },
	{ OPT_MESSAGE_STYLE, "message-style", "fg=black,bg=yellow" },
	{ OPT_DISPLAY_TIME, "display-time", "1500ms" },
	{ OPT_SET_TITLES, "set-titles", "on" },
	{ OPT_MAIN_PANE_SIZE, "main-pane-size", "50" },
	{ OPT_TERMINAL_RGB, "terminal-rgb", "auto" },
	{ OPT_SUPERVISE, "supervise", "on" },
	{ OPT_SAMPLE_INTERVAL, "sample-interval", "1s" },
	{ OPT_SAMPLE_SLOW_INTERVAL, "sample-slow-interval", "10s" },
	{ OPT_PANE_BUDGET, "pane-budget", "2G" },
	{ OPT_FD_LIMIT, "fd-limit", "1000" },
	{ OPT_THREAD_LIMIT, "thread-limit", "1000" },
	{ OPT_GROWTH_WARNING, "growth-warning", "20M" },
	{ OPT_FD_GROWTH_WARNING, "fd-growth-warning", "5" },
	{ OPT_GROWTH_WINDOW, "growth-window", "5m" },
	{ OPT_REREAD_WARNING, "reread-warning", "1M" },
	{ OPT_REREAD_CALLS, "reread-calls", "20" },
	{ OPT_DUP_OPEN_LIMIT, "dup-open-limit", "8" },
	{ OPT_SPIN_WARNING, "spin-warning", "90" },
	{ OPT_WARNING_SUSTAIN, "warning-sustain", "30s" },
	{ OPT_WARNING_CLEAR, "warning-clear", "30s" },
	{ OPT_REOPEN_WARNING, "reopen-warning", "1" },
	{ OPT_WARNING_PROFILE, "warning-profile", "3s" },
	{ OPT_FILE_SAMPLE, "file-sample", "off" },
	{ OPT_EVENT_LOG, "event-log", "on" },
	{ OPT_STATUS_WARNING_STYLE, "status-warning-style",
	    "fg=black,bg=yellow" },
	{ OPT_STATUS_CRITICAL_STYLE, "status-critical-style",
	    "fg=white,bg=red,bold" },
	{ OPT_WAITING_ALERT, "waiting-alert", "bell" },
	{ OPT_NOTIFY_COMMAND, "notify-command", "" },
	{ OPT_SUSPEND_AFTER, "suspend-after", "30m" },
	{ OPT_SUSPEND_METHOD, "suspend-method", "auto" },
	{ OPT_SUSPEND_RECLAIM, "suspend-reclaim", "on" },
	{ OPT_HIBERNATE_AFTER, "hibernate-after", "4h" },
	{ OPT_HIBERNATE_PRESSURE, "hibernate-pressure", "20" },
};

/* The table lists every option once, in id order. */
START_TEST(test_options_table)
{
	const struct option_def	*od;
	int			 id;

	ck_assert_int_eq(NITEMS(options_defaults), OPTION_COUNT);
	for (id = 0; id < OPTION_COUNT; id++) {
		od = options_def(id);
		ck_assert_msg(od->name != NULL && od->help != NULL &&
		    od->default_value != NULL, "option %d is incomplete", id);
		ck_assert_msg(options_find(od->name) == id,
		    "options_find('%s') = %d, expected %d", od->name,
		    options_find(od->name), id);
		ck_assert_msg(od->type != OPTION_CHOICE || od->choices != NULL,
		    "choice option %s has no choices", od->name);
	}
}
END_TEST

/* Each option's name and default value. */
START_TEST(test_options_default)
{
	const struct option_def	*od = options_def(options_defaults[_i].id);
	char			*s;

	ck_assert_str_eq(od->name, options_defaults[_i].name);
	s = options_to_string(options_defaults[_i].id);
	ck_assert_msg(strcmp(s, options_defaults[_i].value) == 0,
	    "default of %s: got '%s', expected '%s'", od->name, s,
	    options_defaults[_i].value);
	free(s);
}
END_TEST

/* Defaults through the typed getters. */
START_TEST(test_options_get)
{
	const struct style	*sy;
	struct key		 key, want;

	ck_assert_int_eq(options_get_number(OPT_MOUSE), 1);
	ck_assert_int_eq(options_get_number(OPT_ESCAPE_TIME), 10);
	ck_assert_int_eq(options_get_number(OPT_DISPLAY_TIME), 1500);
	ck_assert_int_eq(options_get_number(OPT_STATUS_INTERVAL), 1000);
	ck_assert_int_eq(options_get_number(OPT_HISTORY_LIMIT), 2000);
	ck_assert_int_eq(options_get_number(OPT_REMAIN_ON_EXIT),
	    REMAIN_FAILED);
	ck_assert_int_eq(options_get_number(OPT_STATUS_POSITION),
	    STATUS_POSITION_BOTTOM);
	ck_assert_int_eq(options_get_number(OPT_TERMINAL_RGB),
	    TERMINAL_RGB_AUTO);
	ck_assert_str_eq(options_get_string(OPT_DEFAULT_SHELL), "");
	ck_assert_str_eq(options_get_string(OPT_DEFAULT_TERMINAL),
	    "xterm-256color");
	key = options_get_key(OPT_PREFIX);
	ck_assert(key_from_string("C-\\", &want) == 0);
	ck_assert_int_eq(key.code, want.code);
	ck_assert_int_eq(key.mods, want.mods);
	sy = options_get_style(OPT_STATUS_STYLE);
	ck_assert_int_eq(sy->fg, 0);
	ck_assert_int_eq(sy->bg, 2);
	ck_assert_int_eq(sy->attrs, 0);
}
END_TEST

/* Values that set, and how options_to_string writes them back. */
static const struct {
	enum option_id	 id;
	const char	*in;
	const char	*out;
	long long	 number;	/* for number-like types */
} options_good[] = {
	{ OPT_MOUSE, "off", "off", 0 },
	{ OPT_MOUSE, "on", "on", 1 },
	{ OPT_MOUSE, "no", "off", 0 },
	{ OPT_MOUSE, "yes", "on", 1 },
	{ OPT_MOUSE, "false", "off", 0 },
	{ OPT_MOUSE, "TRUE", "on", 1 },
	{ OPT_MOUSE, "0", "off", 0 },
	{ OPT_MOUSE, "1", "on", 1 },
	{ OPT_STATUS, "Off", "off", 0 },
	{ OPT_SET_TITLES, "OFF", "off", 0 },
	{ OPT_HISTORY_LIMIT, "0", "0", 0 },
	{ OPT_HISTORY_LIMIT, "1000000", "1000000", 1000000 },
	{ OPT_HISTORY_LIMIT, "50000", "50000", 50000 },
	{ OPT_HISTORY_LIMIT, "007", "7", 7 },
	{ OPT_HISTORY_BYTES, "0", "0", 0 },
	{ OPT_HISTORY_BYTES, "512K", "512K", 512 * 1024 },
	{ OPT_HISTORY_BYTES, "1T", "1T", 1LL << 40 },
	{ OPT_MAIN_PANE_SIZE, "10", "10", 10 },
	{ OPT_MAIN_PANE_SIZE, "90", "90", 90 },
	{ OPT_ESCAPE_TIME, "0", "0", 0 },
	{ OPT_ESCAPE_TIME, "0ms", "0", 0 },
	{ OPT_ESCAPE_TIME, "0s", "0", 0 },
	{ OPT_ESCAPE_TIME, "25ms", "25ms", 25 },
	{ OPT_ESCAPE_TIME, "10s", "10s", 10000 },
	{ OPT_ESCAPE_TIME, "10000ms", "10s", 10000 },
	{ OPT_REPEAT_TIME, "1500ms", "1500ms", 1500 },
	{ OPT_REPEAT_TIME, "2000ms", "2s", 2000 },
	{ OPT_STATUS_INTERVAL, "1h", "1h", 3600000 },
	{ OPT_STATUS_INTERVAL, "60m", "1h", 3600000 },
	{ OPT_STATUS_INTERVAL, "90s", "90s", 90000 },
	{ OPT_STATUS_INTERVAL, "120s", "2m", 120000 },
	{ OPT_STATUS_INTERVAL, "60000ms", "1m", 60000 },
	{ OPT_STATUS_INTERVAL, "0", "0", 0 },
	{ OPT_DISPLAY_TIME, "1m", "1m", 60000 },
	{ OPT_REMAIN_ON_EXIT, "off", "off", REMAIN_OFF },
	{ OPT_REMAIN_ON_EXIT, "on", "on", REMAIN_ON },
	{ OPT_REMAIN_ON_EXIT, "FAILED", "failed", REMAIN_FAILED },
	{ OPT_STATUS_POSITION, "top", "top", STATUS_POSITION_TOP },
	{ OPT_STATUS_POSITION, "bottom", "bottom", STATUS_POSITION_BOTTOM },
	{ OPT_TERMINAL_RGB, "on", "on", TERMINAL_RGB_ON },
	{ OPT_TERMINAL_RGB, "off", "off", TERMINAL_RGB_OFF },
	{ OPT_TERMINAL_RGB, "auto", "auto", TERMINAL_RGB_AUTO },
	{ OPT_DEFAULT_SHELL, "/bin/zsh", "/bin/zsh", 0 },
	{ OPT_DEFAULT_SHELL, "/opt/my shell/fish", "/opt/my shell/fish", 0 },
	{ OPT_DEFAULT_SHELL, "", "", 0 },
	{ OPT_DEFAULT_TERMINAL, "screen-256color", "screen-256color", 0 },
	{ OPT_PREFIX, "C-a", "C-a", 0 },
	{ OPT_PREFIX, "C-b", "C-b", 0 },
	{ OPT_STATUS_STYLE, "fg=white,bg=colour235",
	    "fg=white,bg=colour235", 0 },
	{ OPT_STATUS_STYLE, "bg=#102030 bold", "bg=#102030,bold", 0 },
	{ OPT_STATUS_STYLE, "default", "default", 0 },
	{ OPT_STATUS_STYLE, "", "default", 0 },
	{ OPT_MESSAGE_STYLE, "reverse", "reverse", 0 },
	{ OPT_FILE_SAMPLE, "2s/10m", "2s/10m", 2000 },
	{ OPT_FILE_SAMPLE, "1500ms/60s", "1500ms/1m", 1500 },
	{ OPT_FILE_SAMPLE, "off", "off", 0 },
	{ OPT_FILE_SAMPLE, "0", "off", 0 },
	{ OPT_WARNING_PROFILE, "0", "0", 0 },
	{ OPT_WARNING_PROFILE, "1m", "1m", 60000 },
	{ OPT_REOPEN_WARNING, "0", "0", 0 },
};

/* options_set stores the value; to_string and the getter agree. */
START_TEST(test_options_set_good)
{
	enum option_id	 id = options_good[_i].id;
	const char	*name = options_def(id)->name;
	enum option_type type = options_def(id)->type;
	char		*cause = NULL, *s;
	long long	 run, every;

	ck_assert_msg(options_set(id, options_good[_i].in, &cause) == 0,
	    "set %s '%s': %s", name, options_good[_i].in, cause);
	s = options_to_string(id);
	ck_assert_msg(strcmp(s, options_good[_i].out) == 0,
	    "set %s '%s': wrote '%s', expected '%s'", name,
	    options_good[_i].in, s, options_good[_i].out);
	free(s);
	if (type == OPTION_STRING)
		ck_assert_str_eq(options_get_string(id), options_good[_i].in);
	if (type == OPTION_SAMPLE) {
		options_get_sample(id, &run, &every);
		ck_assert_msg(run == options_good[_i].number,
		    "set %s '%s': ran %lld, expected %lld", name,
		    options_good[_i].in, run, options_good[_i].number);
	} else if (type != OPTION_STRING && type != OPTION_KEY &&
	    type != OPTION_STYLE) {
		ck_assert_msg(options_get_number(id) == options_good[_i].number,
		    "set %s '%s': got %lld, expected %lld", name,
		    options_good[_i].in, options_get_number(id),
		    options_good[_i].number);
	}
}
END_TEST

/* Key and style values through their getters. */
START_TEST(test_options_set_typed)
{
	const struct style	*sy;
	struct key		 key, want;
	char			*cause = NULL;

	ck_assert(options_set(OPT_PREFIX, "C-a", &cause) == 0);
	key = options_get_key(OPT_PREFIX);
	ck_assert(key_from_string("C-a", &want) == 0);
	ck_assert_int_eq(key.code, want.code);
	ck_assert_int_eq(key.mods, want.mods);

	ck_assert(options_set(OPT_PANE_BORDER_STYLE, "fg=#ff0000,dim",
	    &cause) == 0);
	sy = options_get_style(OPT_PANE_BORDER_STYLE);
	ck_assert_int_eq(sy->fg, COLOUR_RGB(0xff, 0, 0));
	ck_assert_int_eq(sy->bg, COLOUR_DEFAULT);
	ck_assert_int_eq(sy->attrs, ATTR_DIM);

	/* A style value replaces the old one, it does not add to it. */
	ck_assert(options_set(OPT_PANE_BORDER_STYLE, "bold", &cause) == 0);
	sy = options_get_style(OPT_PANE_BORDER_STYLE);
	ck_assert_int_eq(sy->fg, COLOUR_DEFAULT);
	ck_assert_int_eq(sy->attrs, ATTR_BOLD);
}
END_TEST

/* Bad values and their messages; the option keeps its value. */
static const struct {
	enum option_id	 id;
	const char	*in;
	const char	*cause;
} options_bad[] = {
	{ OPT_MOUSE, "maybe", "mouse must be on or off" },
	{ OPT_MOUSE, "", "mouse must be on or off" },
	{ OPT_MOUSE, "on ", "mouse must be on or off" },
	{ OPT_STATUS, "2", "status must be on or off" },
	{ OPT_HISTORY_LIMIT, "1000001",
	    "history-limit must be between 0 and 1000000" },
	{ OPT_HISTORY_LIMIT, "-1",
	    "history-limit must be between 0 and 1000000" },
	{ OPT_HISTORY_LIMIT, "99999999999999999999",
	    "history-limit must be between 0 and 1000000" },
	{ OPT_HISTORY_LIMIT, "lots", "'lots' is not a number" },
	{ OPT_HISTORY_LIMIT, "", "'' is not a number" },
	{ OPT_HISTORY_LIMIT, "10k", "'10k' is not a number" },
	{ OPT_HISTORY_LIMIT, " 10", "' 10' is not a number" },
	{ OPT_HISTORY_LIMIT, "10 ", "'10 ' is not a number" },
	{ OPT_HISTORY_LIMIT, "+10", "'+10' is not a number" },
	{ OPT_HISTORY_LIMIT, "-", "'-' is not a number" },
	{ OPT_HISTORY_BYTES, "lots", "size 'lots' must start with a number" },
	{ OPT_HISTORY_BYTES, "2T", "history-bytes must be between 0 and 1T" },
	{ OPT_MAIN_PANE_SIZE, "9", "main-pane-size must be between 10 and 90" },
	{ OPT_MAIN_PANE_SIZE, "91",
	    "main-pane-size must be between 10 and 90" },
	{ OPT_ESCAPE_TIME, "10", "duration '10' needs a unit (ms, s, m, h)" },
	{ OPT_ESCAPE_TIME, "11s", "escape-time must be between 0 and 10s" },
	{ OPT_ESCAPE_TIME, "10001ms",
	    "escape-time must be between 0 and 10s" },
	{ OPT_ESCAPE_TIME, "5x",
	    "duration '5x' has an unknown unit 'x' (ms, s, m, h)" },
	{ OPT_ESCAPE_TIME, "5MS",
	    "duration '5MS' has an unknown unit 'MS' (ms, s, m, h)" },
	{ OPT_ESCAPE_TIME, "5 ms",
	    "duration '5 ms' has an unknown unit ' ms' (ms, s, m, h)" },
	{ OPT_ESCAPE_TIME, "-5ms", "duration '-5ms' must start with a number" },
	{ OPT_ESCAPE_TIME, " 5ms", "duration ' 5ms' must start with a number" },
	{ OPT_ESCAPE_TIME, "", "duration '' must start with a number" },
	{ OPT_ESCAPE_TIME, "1.5s",
	    "duration '1.5s' has an unknown unit '.5s' (ms, s, m, h)" },
	{ OPT_STATUS_INTERVAL, "2h",
	    "status-interval must be between 0 and 1h" },
	{ OPT_STATUS_INTERVAL, "99999999999999999999h",
	    "duration '99999999999999999999h' is too long" },
	{ OPT_STATUS_INTERVAL, "9999999999999999h",
	    "duration '9999999999999999h' is too long" },
	{ OPT_DISPLAY_TIME, "61s", "display-time must be between 0 and 1m" },
	{ OPT_REMAIN_ON_EXIT, "sometimes",
	    "remain-on-exit must be one of off, on, failed" },
	{ OPT_REMAIN_ON_EXIT, "",
	    "remain-on-exit must be one of off, on, failed" },
	{ OPT_STATUS_POSITION, "left",
	    "status-position must be one of bottom, top" },
	{ OPT_TERMINAL_RGB, "yes",
	    "terminal-rgb must be one of auto, on, off" },
	{ OPT_DEFAULT_TERMINAL, "", "default-terminal must not be empty" },
	{ OPT_DEFAULT_TERMINAL, "xterm 256color",
	    "default-terminal must not contain blanks" },
	{ OPT_DEFAULT_TERMINAL, "xterm\t",
	    "default-terminal must not contain blanks" },
	{ OPT_PREFIX, "C-", "unknown key 'C-'" },
	{ OPT_PREFIX, "", "unknown key ''" },
	{ OPT_STATUS_STYLE, "bolt", "unknown style item 'bolt'" },
	{ OPT_STATUS_STYLE, "fg=colour300", "bad colour 'colour300'" },
	{ OPT_HISTORY_LIMIT, NULL, "history-limit needs a value" },
	{ OPT_ESCAPE_TIME, NULL, "escape-time needs a value" },
	{ OPT_DEFAULT_SHELL, NULL, "default-shell needs a value" },
	{ OPT_STATUS_STYLE, NULL, "status-style needs a value" },
	{ OPT_PREFIX, NULL, "prefix needs a value" },
	{ OPT_REMAIN_ON_EXIT, NULL, "remain-on-exit needs a value" },
	{ OPT_FILE_SAMPLE, "2s", "sampling '2s' must be off or for/every, "
	    "as 2s/10m" },
	{ OPT_FILE_SAMPLE, "on", "sampling 'on' must be off or for/every, "
	    "as 2s/10m" },
	{ OPT_FILE_SAMPLE, "2/10m",
	    "duration '2' needs a unit (ms, s, m, h)" },
	{ OPT_FILE_SAMPLE, "2s/", "duration '' must start with a number" },
	{ OPT_FILE_SAMPLE, "500ms/1m", "sampling '500ms/1m' must last from 1s "
	    "to 10m" },
	{ OPT_FILE_SAMPLE, "11m/1h", "sampling '11m/1h' must last from 1s "
	    "to 10m" },
	{ OPT_FILE_SAMPLE, "2s/2s", "sampling '2s/2s' must come every so "
	    "often, longer than it lasts and at most 24h" },
	{ OPT_FILE_SAMPLE, "2s/25h", "sampling '2s/25h' must come every so "
	    "often, longer than it lasts and at most 24h" },
	{ OPT_FILE_SAMPLE, NULL, "file-sample needs a value" },
	{ OPT_WARNING_PROFILE, "2m", "warning-profile must be between 0 and "
	    "1m" },
	{ OPT_REOPEN_WARNING, "-1", "reopen-warning must be between 0 and "
	    "1000000" },
};

/* Errors give the message and never change the stored value. */
START_TEST(test_options_set_bad)
{
	enum option_id	 id = options_bad[_i].id;
	const char	*name = options_def(id)->name;
	char		*before, *after, *cause = NULL;
	int		 ok;

	before = options_to_string(id);
	ok = options_set(id, options_bad[_i].in, &cause);
	ck_assert_msg(ok == -1, "set %s '%s': succeeded", name,
	    options_bad[_i].in);
	ck_assert_msg(cause != NULL &&
	    strcmp(cause, options_bad[_i].cause) == 0,
	    "set %s '%s': cause '%s', expected '%s'", name,
	    options_bad[_i].in, cause, options_bad[_i].cause);
	after = options_to_string(id);
	ck_assert_msg(strcmp(before, after) == 0,
	    "set %s '%s': value changed from '%s' to '%s'", name,
	    options_bad[_i].in, before, after);
	free(cause);
	free(before);
	free(after);
}
END_TEST

/* A flag set with no value toggles. */
START_TEST(test_options_toggle)
{
	char	*cause = NULL;

	ck_assert_int_eq(options_get_number(OPT_MOUSE), 1);
	ck_assert(options_set(OPT_MOUSE, NULL, &cause) == 0);
	ck_assert_int_eq(options_get_number(OPT_MOUSE), 0);
	ck_assert(options_set(OPT_MOUSE, NULL, &cause) == 0);
	ck_assert_int_eq(options_get_number(OPT_MOUSE), 1);
	ck_assert(options_set(OPT_STATUS, "off", &cause) == 0);
	ck_assert(options_set(OPT_STATUS, NULL, &cause) == 0);
	ck_assert_int_eq(options_get_number(OPT_STATUS), 1);
}
END_TEST

/* Reset, a second options_init, and names that must not match. */
START_TEST(test_options_reset)
{
	char	*cause = NULL;

	ck_assert(options_set(OPT_HISTORY_LIMIT, "5", &cause) == 0);
	ck_assert(options_set(OPT_DEFAULT_SHELL, "/bin/zsh", &cause) == 0);
	options_reset(OPT_HISTORY_LIMIT);
	ck_assert_int_eq(options_get_number(OPT_HISTORY_LIMIT), 2000);
	ck_assert_str_eq(options_get_string(OPT_DEFAULT_SHELL), "/bin/zsh");
	options_init();
	ck_assert_str_eq(options_get_string(OPT_DEFAULT_SHELL), "");

	ck_assert_int_eq(options_find("Mouse"), -1);
	ck_assert_int_eq(options_find("mouse "), -1);
	ck_assert_int_eq(options_find("mous"), -1);
	ck_assert_int_eq(options_find(""), -1);
	ck_assert_int_eq(options_find("status"), OPT_STATUS);
}
END_TEST

/* options_to_string reads back through options_set to the same value. */
START_TEST(test_options_round_trip)
{
	const char	*name;
	char		*s, *again, *cause = NULL;
	size_t		 i;
	int		 id;

	for (i = 0; i < (size_t)NITEMS(options_good) + 1; i++) {
		if (i > 0)
			ck_assert(options_set(options_good[i - 1].id,
			    options_good[i - 1].in, &cause) == 0);
		for (id = 0; id < OPTION_COUNT; id++) {
			name = options_def(id)->name;
			s = options_to_string(id);
			ck_assert_msg(options_set(id, s, &cause) == 0,
			    "%s: '%s' does not read back: %s", name, s, cause);
			again = options_to_string(id);
			ck_assert_msg(strcmp(s, again) == 0,
			    "%s: '%s' read back as '%s'", name, s, again);
			free(again);
			free(s);
		}
	}
}
END_TEST

static const struct {
	const char	*in;
	int		 ok;
	long long	 ms;
} durations[] = {
	{ "0", 0, 0 }, { "000", 0, 0 }, { "0ms", 0, 0 }, { "0h", 0, 0 },
	{ "1ms", 0, 1 }, { "500ms", 0, 500 }, { "30s", 0, 30000 },
	{ "5m", 0, 300000 }, { "2h", 0, 7200000 },
	{ "9223372036854775807ms", 0, 9223372036854775807LL },
	{ "9223372036854775808ms", -1, 0 }, { "2562047788016h", -1, 0 },
	{ "2562047788015h", 0, 2562047788015LL * 3600000 },
	{ "10", -1, 0 }, { "1", -1, 0 }, { "", -1, 0 }, { "ms", -1, 0 },
	{ "-1s", -1, 0 }, { "+1s", -1, 0 }, { "1 s", -1, 0 },
	{ "1s ", -1, 0 }, { "1d", -1, 0 }, { "1sec", -1, 0 },
	{ "1S", -1, 0 }, { "1m1s", -1, 0 }, { "0x10ms", -1, 0 },
};

/* parse_duration on its own, including the edges of long long. */
START_TEST(test_parse_duration)
{
	long long	 ms = -7;
	char		*cause = NULL;
	int		 ok;

	ok = parse_duration(durations[_i].in, &ms, &cause);
	ck_assert_msg(ok == durations[_i].ok,
	    "parse_duration('%s'): returned %d (%s), expected %d",
	    durations[_i].in, ok, cause, durations[_i].ok);
	if (ok == 0) {
		ck_assert_msg(ms == durations[_i].ms,
		    "parse_duration('%s'): got %lld, expected %lld",
		    durations[_i].in, ms, durations[_i].ms);
	} else {
		ck_assert_msg(ms == -7 && cause != NULL,
		    "parse_duration('%s'): output changed or no cause",
		    durations[_i].in);
	}
	free(cause);
}
END_TEST

static const struct {
	const char	*in;
	int		 ok;
	long long	 bytes;
} sizes[] = {
	{ "0", 0, 0 }, { "512", 0, 512 }, { "512B", 0, 512 }, { "1K", 0, 1024 },
	{ "20M", 0, 20LL << 20 }, { "2G", 0, 2LL << 30 }, { "3T", 0, 3LL << 40 },
	{ "2g", 0, 2LL << 30 }, { "2GB", 0, 2LL << 30 }, { "2GiB", 0, 2LL << 30 },
	{ "1536M", 0, 1536LL << 20 }, { "9223372036854775807", 0, LLONG_MAX },
	{ "8388608T", -1, 0 }, { "8388607T", 0, 8388607LL << 40 },
	{ "9223372036854775808", -1, 0 }, { "", -1, 0 }, { "G", -1, 0 },
	{ "-1K", -1, 0 }, { "1.5G", -1, 0 }, { "2X", -1, 0 }, { "2 G", -1, 0 },
	{ "2Gb ", -1, 0 }, { "2GG", -1, 0 }, { "2Gx", -1, 0 },
};

/* parse_size on its own, including the edges of long long. */
START_TEST(test_parse_size)
{
	long long	 bytes = -7;
	char		*cause = NULL;
	int		 ok;

	ok = parse_size(sizes[_i].in, &bytes, &cause);
	ck_assert_msg(ok == sizes[_i].ok,
	    "parse_size('%s'): returned %d (%s), expected %d", sizes[_i].in,
	    ok, cause, sizes[_i].ok);
	if (ok == 0) {
		ck_assert_msg(bytes == sizes[_i].bytes,
		    "parse_size('%s'): got %lld, expected %lld", sizes[_i].in,
		    bytes, sizes[_i].bytes);
	} else {
		ck_assert_msg(bytes == -7 && cause != NULL,
		    "parse_size('%s'): output changed or no cause",
		    sizes[_i].in);
	}
	free(cause);
}
END_TEST

/* Size options read back in the largest exact unit, and keep their range. */
START_TEST(test_options_size)
{
	char	*s, *cause = NULL;

	ck_assert_int_eq(options_get_number(OPT_PANE_BUDGET), 2LL << 30);
	ck_assert(options_set(OPT_PANE_BUDGET, "1536M", &cause) == 0);
	s = options_to_string(OPT_PANE_BUDGET);
	ck_assert_msg(strcmp(s, "1536M") == 0, "read back '%s'", s);
	free(s);
	ck_assert(options_set(OPT_PANE_BUDGET, "1025", &cause) == 0);
	s = options_to_string(OPT_PANE_BUDGET);
	ck_assert_msg(strcmp(s, "1025") == 0, "read back '%s'", s);
	free(s);
	ck_assert(options_set(OPT_PANE_BUDGET, "2048T", &cause) == -1);
	ck_assert_msg(cause != NULL && strstr(cause, "pane-budget must be "
	    "between 0 and 1024T") != NULL, "cause '%s'", cause);
	free(cause);
	ck_assert_int_eq(options_get_number(OPT_PANE_BUDGET), 1025);
}
END_TEST

/*
 * A sampling through its option: both durations kept, read back in the
 * largest exact units; a bad value keeps the old one.
 */
START_TEST(test_options_sample)
{
	long long	 run = -1, every = -1;
	char		*s, *cause = NULL;

	options_get_sample(OPT_FILE_SAMPLE, &run, &every);
	ck_assert_msg(run == 0 && every == 0, "default: %lld/%lld", run,
	    every);
	ck_assert(options_set(OPT_FILE_SAMPLE, "3s/120s", &cause) == 0);
	options_get_sample(OPT_FILE_SAMPLE, &run, &every);
	ck_assert_msg(run == 3000 && every == 120000, "3s/120s: %lld/%lld",
	    run, every);
	s = options_to_string(OPT_FILE_SAMPLE);
	ck_assert_str_eq(s, "3s/2m");
	free(s);
	ck_assert(options_set(OPT_FILE_SAMPLE, "3s/1s", &cause) == -1);
	free(cause);
	options_get_sample(OPT_FILE_SAMPLE, &run, &every);
	ck_assert_msg(run == 3000 && every == 120000, "kept: %lld/%lld", run,
	    every);
}
END_TEST

/* parse_sample on its own, and its writing back. */
START_TEST(test_parse_sample)
{
	static const struct {
		const char	*in;
		int		 ok;
		long long	 run, every;
		const char	*out;
	} t[] = {
		{ "off", 0, 0, 0, "off" }, { "0", 0, 0, 0, "off" },
		{ "1s/1001ms", 0, 1000, 1001, "1s/1001ms" },
		{ "10m/24h", 0, 600000, 86400000, "10m/24h" },
		{ "2s/10m", 0, 2000, 600000, "2s/10m" },
		{ "OFF", -1, 0, 0, NULL }, { "", -1, 0, 0, NULL },
		{ "/", -1, 0, 0, NULL }, { "2s/10m/1h", -1, 0, 0, NULL },
		{ "2s /10m", -1, 0, 0, NULL }, { "0/10m", -1, 0, 0, NULL },
		{ "999ms/1m", -1, 0, 0, NULL }, { "1s/1s", -1, 0, 0, NULL },
		{ "1s/1441m", -1, 0, 0, NULL },
	};
	long long	 run, every;
	char		*cause, buf[64];
	size_t		 i;
	int		 ok;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		run = every = -7;
		cause = NULL;
		ok = parse_sample(t[i].in, &run, &every, &cause);
		ck_assert_msg(ok == t[i].ok, "parse_sample('%s'): %d (%s)",
		    t[i].in, ok, cause);
		if (ok != 0) {
			ck_assert_msg(cause != NULL, "'%s': no cause", t[i].in);
			free(cause);
			continue;
		}
		ck_assert_msg(run == t[i].run && every == t[i].every,
		    "parse_sample('%s'): %lld/%lld", t[i].in, run, every);
		options_format_sample(run, every, buf, sizeof buf);
		ck_assert_msg(strcmp(buf, t[i].out) == 0, "'%s' written '%s'",
		    t[i].in, buf);
	}
}
END_TEST

/* parse_flag's words, and what it refuses. */
START_TEST(test_parse_flag)
{
	static const struct {
		const char	*in;
		int		 ok, flag;
	} t[] = {
		{ "on", 0, 1 }, { "off", 0, 0 }, { "yes", 0, 1 },
		{ "no", 0, 0 }, { "true", 0, 1 }, { "false", 0, 0 },
		{ "1", 0, 1 }, { "0", 0, 0 }, { "ON", 0, 1 }, { "No", 0, 0 },
		{ "", -1, 0 }, { "o", -1, 0 }, { "onn", -1, 0 },
		{ "2", -1, 0 }, { " on", -1, 0 }, { "y", -1, 0 },
	};
	int	flag, ok;
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		flag = -1;
		ok = parse_flag(t[i].in, &flag);
		ck_assert_msg(ok == t[i].ok && (ok != 0 || flag == t[i].flag),
		    "parse_flag('%s'): returned %d, flag %d", t[i].in, ok,
		    flag);
	}
}
END_TEST

/* The option table, setting every type, and the value parsers. */
Suite *
suite_options(void)
{
	Suite	*s = suite_create("options");
	TCase	*tc;

	tc = tcase_create("table");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_options_table);
	tcase_add_loop_test(tc, test_options_default, 0,
	    NITEMS(options_defaults));
	tcase_add_test(tc, test_options_get);
	tcase_add_test(tc, test_options_reset);
	suite_add_tcase(s, tc);

	tc = tcase_create("set");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_options_set_good, 0, NITEMS(options_good));
	tcase_add_test(tc, test_options_set_typed);
	tcase_add_loop_test(tc, test_options_set_bad, 0, NITEMS(options_bad));
	tcase_add_test(tc, test_options_toggle);
	tcase_add_test(tc, test_options_round_trip);
	tcase_add_test(tc, test_options_size);
	tcase_add_test(tc, test_options_sample);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse_duration, 0, NITEMS(durations));
	tcase_add_loop_test(tc, test_parse_size, 0, NITEMS(sizes));
	tcase_add_test(tc, test_parse_flag);
	tcase_add_test(tc, test_parse_sample);
	suite_add_tcase(s, tc);

	return (s);
}
