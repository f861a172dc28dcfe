/*
 * Tests for the config language: splitting lines into words, quoting them
 * back, the path, and loading a file of commands.
 */

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/agent.h"
#include "vigil/config.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

#define SPLIT_MAX 8

/* Lines that split, and the words and columns they give. */
static const struct {
	const char	*in;
	u_int		 n;
	struct {
		const char	*text;
		u_int		 col;
	} w[SPLIT_MAX];
} split_good[] = {
	/* Blanks and comments. */
	{ "", 0, { { NULL, 0 } } },
	{ "   ", 0, { { NULL, 0 } } },
	{ "\t \t", 0, { { NULL, 0 } } },
	{ "# comment", 0, { { NULL, 0 } } },
	{ "   # indented comment 'with \"quotes", 0, { { NULL, 0 } } },
	{ "set mouse on", 3, { { "set", 1 }, { "mouse", 5 }, { "on", 11 } } },
	{ "  set\tmouse   on  ", 3,
	    { { "set", 3 }, { "mouse", 7 }, { "on", 15 } } },
	{ "set mouse on # and a comment", 3,
	    { { "set", 1 }, { "mouse", 5 }, { "on", 11 } } },
	{ "x # \"unterminated", 1, { { "x", 1 } } },
	{ "a\r", 1, { { "a", 1 } } },
	{ "\xc3\xa9 x", 2, { { "\xc3\xa9", 1 }, { "x", 4 } } },

	/* '#' starts a comment only at the start of a word. */
	{ "set status-style fg=#ff0000", 3,
	    { { "set", 1 }, { "status-style", 5 }, { "fg=#ff0000", 18 } } },
	{ "a#b", 1, { { "a#b", 1 } } },
	{ "a #b", 1, { { "a", 1 } } },
	{ "'#' x", 2, { { "#", 1 }, { "x", 5 } } },
	{ "\"#\" x", 2, { { "#", 1 }, { "x", 5 } } },
	{ "a\\#b \\#c", 2, { { "a#b", 1 }, { "#c", 6 } } },

	/* Single quotes are literal. */
	{ "'single quoted' x", 2, { { "single quoted", 1 }, { "x", 17 } } },
	{ "'C-\\'", 1, { { "C-\\", 1 } } },
	{ "'a\\nb'", 1, { { "a\\nb", 1 } } },
	{ "'say \"hi\"'", 1, { { "say \"hi\"", 1 } } },
	{ "''", 1, { { "", 1 } } },

	/* An unquoted backslash escapes any character. */
	{ "C-\\\\", 1, { { "C-\\", 1 } } },
	{ "\\ a", 1, { { " a", 1 } } },
	{ "\\'x\\\"", 1, { { "'x\"", 1 } } },
	{ "\\u0041", 1, { { "u0041", 1 } } },

	/* Double quotes and their escapes. */
	{ "\"double quoted\"", 1, { { "double quoted", 1 } } },
	{ "\"\"", 1, { { "", 1 } } },
	{ "\"a\\\"b\"", 1, { { "a\"b", 1 } } },
	{ "\"a\\\\b\"", 1, { { "a\\b", 1 } } },
	{ "\"\\n\\t\\e\"", 1, { { "\n\t\033", 1 } } },
	{ "\"it's\"", 1, { { "it's", 1 } } },
	{ "\"\\u0041\"", 1, { { "A", 1 } } },
	{ "\"\\u00e9\"", 1, { { "\xc3\xa9", 1 } } },
	{ "\"\\u20AC\"", 1, { { "\xe2\x82\xac", 1 } } },
	{ "\"\\U0001F600\"", 1, { { "\xf0\x9f\x98\x80", 1 } } },
	{ "\"\\U0010FFFF\"", 1, { { "\xf4\x8f\xbf\xbf", 1 } } },
	{ "\"\\u00411\"", 1, { { "A1", 1 } } },

	/* Parts join into one word, which starts at its first character. */
	{ "a\"b c\"d", 1, { { "ab cd", 1 } } },
	{ "x a\"b c\"d y", 3, { { "x", 1 }, { "ab cd", 3 }, { "y", 11 } } },
	{ "'a'\"b\"c\\d", 1, { { "abcd", 1 } } },
	{ "'a b'c", 1, { { "a bc", 1 } } },

	/* Semicolons. */
	{ ";", 1, { { ";", 1 } } },
	{ "a ; b", 3, { { "a", 1 }, { ";", 3 }, { "b", 5 } } },
	{ "kill-pane;", 2, { { "kill-pane", 1 }, { ";", 10 } } },
	{ "set -g x;  y", 5, { { "set", 1 }, { "-g", 5 }, { "x", 8 },
	    { ";", 9 }, { "y", 12 } } },
	{ "'a';", 2, { { "a", 1 }, { ";", 4 } } },
	{ "a;b", 1, { { "a;b", 1 } } },
	{ "';'", 1, { { ";", 1 } } },
	{ "a\\;", 1, { { "a;", 1 } } },
	{ "a';'", 1, { { "a;", 1 } } },
	{ "';'a", 1, { { ";a", 1 } } },
};

/* Each line gives exactly the words and columns listed. */
START_TEST(test_config_split_good)
{
	struct config_words	 cw;
	const char		*in = split_good[_i].in;
	char			*cause = NULL;
	u_int			 errcol = 0, i;

	ck_assert_msg(config_split(in, &cw, &errcol, &cause) == 0,
	    "split '%s': error at %u: %s", in, errcol, cause);
	ck_assert_msg(cw.n == split_good[_i].n, "split '%s': %u words, "
	    "expected %u", in, cw.n, split_good[_i].n);
	for (i = 0; i < cw.n; i++) {
		ck_assert_msg(strcmp(cw.words[i].text,
		    split_good[_i].w[i].text) == 0,
		    "split '%s': word %u is '%s', expected '%s'", in, i,
		    cw.words[i].text, split_good[_i].w[i].text);
		ck_assert_msg(cw.words[i].col == split_good[_i].w[i].col,
		    "split '%s': word %u '%s' at column %u, expected %u", in, i,
		    cw.words[i].text, cw.words[i].col, split_good[_i].w[i].col);
	}
	config_words_free(&cw);
	ck_assert(cw.n == 0 && cw.words == NULL);
}
END_TEST

/* Lines that do not split, with the column at fault and the message. */
static const struct {
	const char	*in;
	u_int		 col;
	const char	*cause;
} split_bad[] = {
	{ "'abc", 1, "unterminated quote" },
	{ "x \"abc", 3, "unterminated quote" },
	{ "a\"b", 2, "unterminated quote" },
	{ "ok 'it''s", 8, "unterminated quote" },
	{ "\"ab\\\"", 1, "unterminated quote" },
	{ "'C-\\", 1, "unterminated quote" },
	{ "a\\", 2, "trailing backslash" },
	{ "set x \\", 7, "trailing backslash" },
	{ "\"a\\", 3, "trailing backslash" },
	{ "\"\\q\"", 2, "unknown escape '\\q'" },
	{ "x \"\\'\"", 4, "unknown escape '\\''" },
	{ "\"\\\x01\"", 2, "unknown escape" },
	{ "\"\\u12\"", 2, "\\u needs 4 hex digits" },
	{ "\"\\u12g4\"", 2, "\\u needs 4 hex digits" },
	{ "\"\\u", 2, "\\u needs 4 hex digits" },
	{ "\"\\U0001F60\"", 2, "\\U needs 8 hex digits" },
	{ "x \"ab\\U0011ffff\"", 6, "invalid code point U+11FFFF" },
	{ "\"\\UFFFFFFFF\"", 2, "invalid code point U+FFFFFFFF" },
	{ "\"\\uD800\"", 2, "invalid code point U+D800" },
	{ "\"\\udfff\"", 2, "invalid code point U+DFFF" },
	{ "\"\\u0000\"", 2, "invalid code point U+0000" },
};

/* Errors give the column and message, and no words. */
START_TEST(test_config_split_bad)
{
	struct config_words	 cw = { NULL, 99 };
	const char		*in = split_bad[_i].in;
	char			*cause = NULL;
	u_int			 errcol = 0;

	ck_assert_msg(config_split(in, &cw, &errcol, &cause) == -1,
	    "split '%s': succeeded with %u words", in, cw.n);
	ck_assert_msg(cause != NULL && strcmp(cause, split_bad[_i].cause) == 0,
	    "split '%s': cause '%s', expected '%s'", in, cause,
	    split_bad[_i].cause);
	ck_assert_msg(errcol == split_bad[_i].col,
	    "split '%s': error at column %u, expected %u", in, errcol,
	    split_bad[_i].col);
	ck_assert_msg(cw.n == 0 && cw.words == NULL,
	    "split '%s': words left after an error", in);
	free(cause);
}
END_TEST

/* Words, and how config_quote writes them. */
static const struct {
	const char	*word;
	const char	*quoted;
} quote_cases[] = {
	{ "plain", "plain" },
	{ "fg=#ff0000", "fg=#ff0000" },
	{ "(^|/)claude", "(^|/)claude" },
	{ "", "''" },
	{ "two words", "'two words'" },
	{ "#start", "'#start'" },
	{ "end;", "'end;'" },
	{ "a;b#c", "a;b#c" },
	{ "a\\?", "'a\\?'" },
	{ "say \"hi\"", "'say \"hi\"'" },
	{ "don't", "\"don't\"" },
	{ "don't\\?", "\"don't\\\\?\"" },
	{ "it's \"x\"", "\"it's \\\"x\\\"\"" },
	{ "tab\there", "\"tab\\there\"" },
	{ "line\nbreak", "\"line\\nbreak\"" },
	{ "\033[1m", "\"\\e[1m\"" },
	{ "bel\a", "\"bel\\u0007\"" },
	{ "\xc3\xa9t\xc3\xa9", "\xc3\xa9t\xc3\xa9" },
};

/* A quoted word splits back into that word alone. */
START_TEST(test_config_quote)
{
	struct config_words	 cw;
	const char		*word = quote_cases[_i].word;
	char			*quoted, *cause = NULL;
	u_int			 errcol = 0;

	quoted = config_quote(word);
	ck_assert_msg(strcmp(quoted, quote_cases[_i].quoted) == 0,
	    "quote '%s': got %s, want %s", word, quoted,
	    quote_cases[_i].quoted);
	ck_assert_msg(config_split(quoted, &cw, &errcol, &cause) == 0,
	    "split %s: error at %u: %s", quoted, errcol, cause);
	ck_assert_msg(cw.n == 1 && strcmp(cw.words[0].text, word) == 0,
	    "quote '%s' as %s: split back into %u words, the first '%s'", word,
	    quoted, cw.n, cw.n > 0 ? cw.words[0].text : "");
	config_words_free(&cw);
	free(quoted);
}
END_TEST

/* Agent profiles start as shipped in each loading test. */
static void
load_reset(void)
{
	agent_profiles_free();
}

/* Write a file in a new directory; its path is in path. */
static void
load_write(char *path, size_t len, const char *text)
{
	char	 dir[] = "/tmp/vigil-check-load.XXXXXX";
	FILE	*f;

	ck_assert(mkdtemp(dir) != NULL);
	snprintf(path, len, "%s/vigil.conf", dir);
	ck_assert_msg((f = fopen(path, "w")) != NULL && fputs(text, f) != EOF &&
	    fclose(f) == 0, "write %s", path);
}

/* Remove a file written by load_write and its directory. */
static void
load_remove(const char *path)
{
	char	dir[1024];

	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	ck_assert_msg(unlink(path) == 0 && rmdir(dir) == 0, "remove %s", path);
}

/*
 * agent-profile lines run in order; a bad pattern stops the file with
 * FILE:LINE:COL at its word, and its command changes nothing.
 */
START_TEST(test_config_load_agent_profile)
{
	struct agent_profile	*p;
	char			 path[1024], want[1200], *cause = NULL;

	load_write(path, sizeof path,
	    "# agent profiles\n"
	    "agent-profile -w 'Run the tests\\? \\[yes\\]' aider\n"
	    "agent-profile -s 1h -c \"claude --continue\" \\\n"
	    "    claude\n"
	    "agent-profile -w ok -b 'esc to (interrupt' claude\n"
	    "agent-profile -w never-read claude\n");
	ck_assert_msg(config_load(path, &cause) == -1, "loaded %s", path);
	snprintf(want, sizeof want, "%s:5:24: bad pattern 'esc to (interrupt': ",
	    path);
	ck_assert_msg(cause != NULL && strncmp(cause, want, strlen(want)) ==
	    0 && strchr(cause, '\n') == NULL, "error '%s', want '%s...'",
	    cause, want);
	free(cause);

	p = agent_profile_find("aider");
	ck_assert_msg(p->waiting.n == 2 && strcmp(p->waiting.src[1],
	    "Run the tests\\? \\[yes\\]") == 0, "aider: %u patterns, last '%s'",
	    p->waiting.n, p->waiting.src[p->waiting.n - 1]);
	p = agent_profile_find("claude");
	ck_assert_msg(p->suspend_after == 3600000 && p->resume_command != NULL &&
	    strcmp(p->resume_command, "claude --continue") == 0,
	    "claude: %lld '%s'", p->suspend_after, p->resume_command);
	ck_assert_msg(p->waiting.n == 4 && p->busy.n == 1 && strcmp(
	    p->busy.src[0], "esc to interrupt") == 0, "claude changed: %u "
	    "waiting, %u busy", p->waiting.n, p->busy.n);
	load_remove(path);

	/* A bad duration the same way. */
	load_write(path, sizeof path, "agent-profile -s 10 claude\n");
	ck_assert(config_load(path, &cause) == -1);
	snprintf(want, sizeof want, "%s:1:18: duration '10' needs a unit "
	    "(ms, s, m, h)", path);
	ck_assert_msg(strcmp(cause, want) == 0, "error '%s', want '%s'", cause,
	    want);
	free(cause);
	load_remove(path);
}
END_TEST

/* Make a directory under base. */
static void
make_dir(const char *base, const char *sub)
{
	char	path[1024];

	snprintf(path, sizeof path, "%s/%s", base, sub);
	ck_assert_msg(mkdir(path, 0700) == 0, "mkdir %s", path);
}

/* Write an empty file under base. */
static void
touch(const char *base, const char *file)
{
	char	 path[1024];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", base, file);
	ck_assert_msg((f = fopen(path, "w")) != NULL, "create %s", path);
	fclose(f);
}

/* Set or unset an environment variable. */
static void
set_env(const char *name, const char *value)
{
	if (value == NULL)
		ck_assert(unsetenv(name) == 0);
	else
		ck_assert(setenv(name, value, 1) == 0);
}

/* Check config_default_path against an expected path under base, or NULL. */
static void
check_default_path(const char *base, const char *want)
{
	char	*got = config_default_path(), expect[1024];

	if (want == NULL) {
		ck_assert_msg(got == NULL, "default path: got '%s', expected "
		    "none", got);
		return;
	}
	snprintf(expect, sizeof expect, "%s/%s", base, want);
	ck_assert_msg(got != NULL && strcmp(got, expect) == 0,
	    "default path: got '%s', expected '%s'", got, expect);
	free(got);
}

/* XDG first, then ~/.vigil.conf, only files that exist. */
START_TEST(test_config_default_path)
{
	char	 base[] = "/tmp/vigil-check-config.XXXXXX", xdg[1024];
	char	 cmd[1100], *home, *old_xdg;

	home = getenv("HOME") == NULL ? NULL : strdup(getenv("HOME"));
	old_xdg = getenv("XDG_CONFIG_HOME") == NULL ? NULL :
	    strdup(getenv("XDG_CONFIG_HOME"));
	ck_assert(mkdtemp(base) != NULL);
	snprintf(xdg, sizeof xdg, "%s/xdg", base);
	set_env("HOME", base);
	set_env("XDG_CONFIG_HOME", NULL);

	check_default_path(base, NULL);
	touch(base, ".vigil.conf");
	check_default_path(base, ".vigil.conf");
	make_dir(base, ".config");
	make_dir(base, ".config/vigil");
	check_default_path(base, ".vigil.conf");
	touch(base, ".config/vigil/vigil.conf");
	check_default_path(base, ".config/vigil/vigil.conf");

	/* An XDG directory replaces ~/.config; a relative one is ignored. */
	set_env("XDG_CONFIG_HOME", xdg);
	check_default_path(base, ".vigil.conf");
	make_dir(base, "xdg");
	make_dir(base, "xdg/vigil");
	touch(base, "xdg/vigil/vigil.conf");
	check_default_path(base, "xdg/vigil/vigil.conf");
	set_env("XDG_CONFIG_HOME", "xdg");
	check_default_path(base, ".config/vigil/vigil.conf");
	set_env("XDG_CONFIG_HOME", "");
	check_default_path(base, ".config/vigil/vigil.conf");

	set_env("XDG_CONFIG_HOME", NULL);
	set_env("HOME", NULL);
	check_default_path(base, NULL);

	set_env("HOME", home);
	set_env("XDG_CONFIG_HOME", old_xdg);
	free(home);
	free(old_xdg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	ck_assert(system(cmd) == 0);
}
END_TEST

/* Splitting lines into words and quoting them; loading files. */
Suite *
suite_config(void)
{
	Suite	*s = suite_create("config");
	TCase	*tc;

	/* config_split and config_default_path. */
	tc = tcase_create("split");
	tcase_add_loop_test(tc, test_config_split_good, 0, NITEMS(split_good));
	tcase_add_loop_test(tc, test_config_split_bad, 0, NITEMS(split_bad));
	tcase_add_test(tc, test_config_default_path);
	tcase_add_loop_test(tc, test_config_quote, 0, NITEMS(quote_cases));
	suite_add_tcase(s, tc);

	/* config_load running commands (those that need no server). */
	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, load_reset, load_reset);
	tcase_add_test(tc, test_config_load_agent_profile);
	suite_add_tcase(s, tc);

	return (s);
}
