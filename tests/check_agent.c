/* Tests for agent state (agent.c): rules on recorded screens and times. */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/agent.h"
#include "vigil/cmd.h"
#include "vigil/xmalloc.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))
#define T0	1000000ULL

/* The bottom of real screens, as vigil captured them. */
static const char *const gemini_trust[] = {
	" │ Do you trust the files in this folder?                      │",
	" │ ● 1. Trust folder (agents)                                   │",
	" │   2. Trust parent folder (tmp)                               │",
	" │   3. Don't trust                                             │",
	" ╰──────────────────────────────────────────────────────────────╯",
};
static const char *const claude_permission[] = {
	" Bash command",
	"   rm -rf build",
	" Do you want to proceed?",
	" ❯ 1. Yes",
	"   2. Yes, and don't ask again for rm commands in this project",
	"   3. No, and tell Claude what to do differently (esc)",
};
static const char *const claude_working[] = {
	"✻ Pondering… (12s · ↑ 1.2k tokens · esc to interrupt)",
	"╭──────────────────────────────────────────────────────────╮",
	"│ >                                                        │",
	"╰──────────────────────────────────────────────────────────╯",
};
static const char *const shell_prompt[] = {
	"$ ls",
	"Makefile  src  tests",
	"$",
};
static const char *const aider_ask[] = {
	"Add src/main.c to the chat? (Y)es/(N)o/(D)on't ask again [Yes]:",
};
static const char *const apt_ask[] = {
	"Do you want to continue? [Y/n]",
};

static const struct {
	const char		*name;
	const char		*command;
	const char *const	*lines;
	u_int			 nlines;
	uint64_t		 quiet;		/* ms since the last output */
	double			 cpu;
	enum agent_state	 want;
	const char		*rule;		/* a part of it */
} screen_cases[] = {
	{ "gemini trust dialog", "gemini", gemini_trust, 5, 3000, 0.5,
	  AGENT_WAITING, "trust the files" },
	{ "claude permission", "claude", claude_permission, 6, 1000, 1.0,
	  AGENT_WAITING, "proceed" },
	{ "claude permission, just drawn", "claude", claude_permission, 6,
	  100, 1.0, AGENT_BUSY, "output 0.1 s ago" },
	{ "claude working, quiet", "claude", claude_working, 4, 5000, 0.0,
	  AGENT_BUSY, "esc to interrupt" },
	{ "shell prompt, quiet long", "bash", shell_prompt, 3, 60000, 0.0,
	  AGENT_IDLE, "quiet for 60 s" },
	{ "shell prompt, CPU", "bash", shell_prompt, 3, 60000, 50.0,
	  AGENT_BUSY, "CPU 50%" },
	{ "aider asks", "aider --model x", aider_ask, 1, 2000, 0.0,
	  AGENT_WAITING, "(Y\\)es" },
	{ "any program asks y/n", "apt-get install x", apt_ask, 1, 2000, 0.0,
	  AGENT_WAITING, "Y/n" },
};

/* A pane long quiet, then one sample of a screen. */
START_TEST(test_agent_screens)
{
	struct agent			 a;
	struct agent_limits		 l;
	struct agent_evidence		 e;
	const struct agent_profile	*p;
	const char			*names[1];

	agent_limits_default(&l);
	agent_init(&a, T0);
	names[0] = screen_cases[_i].command;
	p = agent_profile_for(names, 1);
	memset(&e, 0, sizeof e);
	e.now = T0 + 120000;
	e.output_at = e.now - screen_cases[_i].quiet;
	e.cpu_pct = screen_cases[_i].cpu;
	e.lines = screen_cases[_i].lines;
	e.nlines = screen_cases[_i].nlines;
	a.busy_at = screen_cases[_i].want == AGENT_IDLE ? T0 : e.now;
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == screen_cases[_i].want &&
	    strstr(a.rule, screen_cases[_i].rule) != NULL,
	    "%s (profile %s): %s '%s', want %s '%s'", screen_cases[_i].name,
	    p->name, agent_state_name(a.state), a.rule,
	    agent_state_name(screen_cases[_i].want), screen_cases[_i].rule);
}
END_TEST

/* Profiles by the command or a process's name; the rest get "any". */
START_TEST(test_agent_profiles)
{
	static const struct {
		const char	*names[2];
		const char	*want;
	} cases[] = {
		{ { "claude", NULL }, "claude" },
		{ { "/usr/local/bin/claude --continue", NULL }, "claude" },
		{ { "sh", "codex" }, "codex" },
		{ { "node /x/bin/gemini", NULL }, "gemini" },
		{ { "aider", NULL }, "aider" },
		{ { "claudette", NULL }, "any" },
		{ { "vim", "bash" }, "any" },
	};
	const struct agent_profile	*p;
	u_int				 i;

	for (i = 0; i < (u_int)NITEMS(cases); i++) {
		p = agent_profile_for(cases[i].names, cases[i].names[1] ==
		    NULL ? 1 : 2);
		ck_assert_msg(strcmp(p->name, cases[i].want) == 0,
		    "'%s': profile %s, want %s", cases[i].names[0], p->name,
		    cases[i].want);
	}
}
END_TEST

/*
 * Over time: busy while printing, still busy in a short pause, idle once
 * quiet for idle-after; a bell or notification as the last output is
 * waiting, and output again is busy; exited and suspended win.
 */
START_TEST(test_agent_timeline)
{
	struct agent			 a;
	struct agent_limits		 l;
	struct agent_evidence		 e;
	const struct agent_profile	*p;
	const char			*names[] = { "claude" };
	int				 changed;

	agent_limits_default(&l);
	p = agent_profile_for(names, 1);
	agent_init(&a, T0);
	memset(&e, 0, sizeof e);
	e.lines = shell_prompt;
	e.nlines = 3;

	e.now = T0 + 1000;
	e.output_at = T0 + 900;
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_BUSY, "printing: %s",
	    agent_state_name(a.state));
	e.now = T0 + 6000;
	changed = agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_BUSY && !changed && strstr(a.rule,
	    "quiet for 5 s") != NULL, "pause: %s '%s'",
	    agent_state_name(a.state), a.rule);
	e.now = T0 + 11000;
	changed = agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_IDLE && changed && a.since == e.now,
	    "quiet 10 s: %s '%s'", agent_state_name(a.state), a.rule);

	/* A notification that ends the output. */
	e.output_at = e.now = T0 + 20000;
	e.notify_at = e.now + 1;
	e.notify_text = "Claude needs your permission";
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_BUSY, "notification, 0 s: %s '%s'",
	    agent_state_name(a.state), a.rule);
	e.now = T0 + 21000;
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_WAITING && strstr(a.rule,
	    "needs your permission") != NULL, "notification: %s '%s'",
	    agent_state_name(a.state), a.rule);
	/* Output after it: busy again. */
	e.output_at = e.now = T0 + 22000;
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_BUSY, "output after: %s '%s'",
	    agent_state_name(a.state), a.rule);
	/* A bell the same way. */
	e.bell_at = e.output_at = T0 + 30000;
	e.now = T0 + 31000;
	agent_update(&a, p, &l, &e);
	ck_assert_msg(a.state == AGENT_WAITING && strcmp(a.rule, "bell") == 0,
	    "bell: %s '%s'", agent_state_name(a.state), a.rule);

	e.suspended = 1;
	agent_update(&a, p, &l, &e);
	ck_assert_int_eq(a.state, AGENT_SUSPENDED);
	e.dead = 1;
	agent_update(&a, p, &l, &e);
	ck_assert_int_eq(a.state, AGENT_EXITED);
	ck_assert_str_eq(agent_state_name(AGENT_EXITED), "exited");
	ck_assert_str_eq(agent_state_name((enum agent_state)99), "unknown");
}
END_TEST

/* Each profile test starts from the shipped profiles. */
static void
profiles_reset(void)
{
	agent_profiles_free();
}

/*
 * Run a command line as the prompt does. Returns its status; *out gets
 * its output or its error, *word the word at fault (or -1).
 */
static int
profile_cmd(const char *line, char **out, int *word)
{
	struct cmd_list	*cl;
	struct cmd_ctx	 ctx;
	char		*cause;
	int		 status;

	if ((cl = cmd_list_parse_string(line, &cause)) == NULL) {
		*out = cause;
		if (word != NULL)
			*word = -1;
		return (-1);
	}
	memset(&ctx, 0, sizeof ctx);
	status = cmd_list_exec(cl, &ctx);
	if (status == CMD_RETURN_NORMAL)
		*out = xstrdup(ctx.output != NULL ? ctx.output : "");
	else
		*out = xstrdup(ctx.error != NULL ? ctx.error : "(no error)");
	if (word != NULL)
		*word = ctx.error_word;
	cmd_ctx_free(&ctx);
	cmd_list_free(cl);
	return (status);
}

/* Run a command line that must succeed; returns its output. */
static char *
profile_ok(const char *line)
{
	char	*out;

	ck_assert_msg(profile_cmd(line, &out, NULL) == 0, "'%s' failed: %s",
	    line, out);
	return (out);
}

/* The state and rule of one sample of a quiet screen for a command. */
static enum agent_state
profile_state(const char *command, const char *const *lines, u_int n,
    char *rule, size_t len)
{
	struct agent			 a;
	struct agent_limits		 l;
	struct agent_evidence		 e;
	const struct agent_profile	*p;

	agent_limits_default(&l);
	agent_init(&a, T0);
	p = agent_profile_for(&command, 1);
	memset(&e, 0, sizeof e);
	e.now = T0 + 120000;
	e.output_at = e.now - 3000;
	e.lines = lines;
	e.nlines = n;
	agent_update(&a, p, &l, &e);
	snprintf(rule, len, "%s", a.rule);
	return (a.state);
}

static const char *const aider_continue[] = {
	"Applied edit to src/main.c",
	"Run the tests now? Continue [yes]:",
};

/* -w adds a waiting pattern, -W clears the list; "any" still counts. */
START_TEST(test_agent_profile_waiting)
{
	enum agent_state	 state;
	char			 rule[160], *out;

	state = profile_state("aider", aider_continue, 2, rule, sizeof rule);
	ck_assert_msg(state == AGENT_IDLE, "shipped aider on '%s': %s '%s'",
	    aider_continue[1], agent_state_name(state), rule);
	free(profile_ok("agent-profile -w 'Continue \\[yes\\]:' aider"));
	state = profile_state("aider", aider_continue, 2, rule, sizeof rule);
	ck_assert_msg(state == AGENT_WAITING && strcmp(rule,
	    "screen: /Continue \\[yes\\]:/") == 0,
	    "aider with -w on '%s': %s '%s'", aider_continue[1],
	    agent_state_name(state), rule);
	/* The same pattern again is not a second one. */
	free(profile_ok("agent-profile -w 'Continue \\[yes\\]:' aider"));
	ck_assert_uint_eq(agent_profile_find("aider")->waiting.n, 2);

	free(profile_ok("agent-profile -W aider"));
	ck_assert_uint_eq(agent_profile_find("aider")->waiting.n, 0);
	state = profile_state("aider", aider_ask, 1, rule, sizeof rule);
	ck_assert_msg(state == AGENT_IDLE, "aider after -W on '%s': %s '%s'",
	    aider_ask[0], agent_state_name(state), rule);
	state = profile_state("aider", apt_ask, 1, rule, sizeof rule);
	ck_assert_msg(state == AGENT_WAITING && strstr(rule, "Y/n") != NULL,
	    "aider after -W on '%s' (any's): %s '%s'", apt_ask[0],
	    agent_state_name(state), rule);

	/* -B clears the busy text: claude's spinner line alone is idle. */
	state = profile_state("claude", claude_working, 4, rule, sizeof rule);
	ck_assert_msg(state == AGENT_BUSY, "claude working: %s '%s'",
	    agent_state_name(state), rule);
	free(profile_ok("agent-profile -B claude"));
	state = profile_state("claude", claude_working, 4, rule, sizeof rule);
	ck_assert_msg(state == AGENT_IDLE, "claude after -B: %s '%s'",
	    agent_state_name(state), rule);
	out = profile_ok("agent-profile claude");
	ck_assert_msg(strstr(out, "-b ") == NULL, "claude after -B: %s", out);
	free(out);
}
END_TEST

static const char *const opencode_ask[] = {
	"  Permission required: bash (npm test)",
	"  Allow? [a]lways [o]nce [r]eject",
};

/* -m: which commands a profile is for; a new one goes before "any". */
START_TEST(test_agent_profile_match)
{
	static const struct {
		const char	*name;
		const char	*want;
	} cases[] = {
		{ "node /usr/lib/node_modules/opencode-ai/bin/opencode", "oc" },
		{ "opencode run", "oc" },
		{ "opencoder", "any" },
		{ "crush --yolo", "crush" },
		{ "/usr/local/bin/crush", "crush" },
		{ "crushed", "any" },
		{ "claude", "claude" },
		{ "aider", "aider" },
	};
	const struct agent_profile	*p, *last = NULL;
	enum agent_state		 state;
	char				 rule[160];
	u_int				 i;

	state = profile_state("opencode", opencode_ask, 2, rule, sizeof rule);
	ck_assert_msg(state == AGENT_IDLE, "opencode, no profile: %s '%s'",
	    agent_state_name(state), rule);
	free(profile_ok("agent-profile -m '(^|/)opencode( |$)' "
	    "-w '^ *Allow\\? \\[a\\]lways' oc"));
	free(profile_ok("agent-profile -w 'Crush wants to' crush"));
	for (i = 0; i < (u_int)NITEMS(cases); i++) {
		p = agent_profile_for(&cases[i].name, 1);
		ck_assert_msg(strcmp(p->name, cases[i].want) == 0,
		    "'%s': profile %s, want %s", cases[i].name, p->name,
		    cases[i].want);
	}
	state = profile_state("opencode run", opencode_ask, 2, rule,
	    sizeof rule);
	ck_assert_msg(state == AGENT_WAITING && strstr(rule, "lways") != NULL,
	    "opencode with its profile: %s '%s'", agent_state_name(state),
	    rule);

	/* In order: the shipped ones, the new ones, then "any". */
	for (p = agent_profile_first(); p != NULL; p = agent_profile_next(
	    (struct agent_profile *)p))
		last = p;
	ck_assert_str_eq(last->name, "any");
	ck_assert_msg(agent_profile_is_generic(last), "any is not generic");
	p = agent_profile_find("crush");
	ck_assert_msg(p != NULL && strcmp(agent_profile_next(
	    (struct agent_profile *)p)->name, "any") == 0,
	    "crush is not just before any");
	ck_assert_str_eq(p->match_src, "(^|/)crush([ ]|$)");
}
END_TEST

/*
 * A bad pattern or duration is an error about its word and changes
 * nothing, even with good values before it.
 */
START_TEST(test_agent_profile_errors)
{
	static const struct {
		const char	*line;
		int		 word;
		const char	*error;
	} cases[] = {
		{ "agent-profile -m x -w ok -b 'a(' claude", 6,
		  "bad pattern 'a(': " },
		{ "agent-profile -w 'x{2,1}' -s 5m claude", 2,
		  "bad pattern 'x{2,1}': " },
		{ "agent-profile -W -m '(' claude", 3, "bad pattern '(': " },
		{ "agent-profile -w ok -s 5 claude", 4,
		  "duration '5' needs a unit" },
		{ "agent-profile -s -1m claude", 2, "must start with a number" },
		{ "agent-profile -w '' claude", 2, "-w: an empty pattern" },
		{ "agent-profile -w a -w b claude", 4, "-w given twice" },
		{ "agent-profile -m x any", 2, "-m: the generic profile 'any'" },
		{ "agent-profile -r any", 2, "'any' cannot be removed" },
		{ "agent-profile -r -w x claude", 0, "-r takes no other flag" },
		{ "agent-profile -r nosuch", 2, "no agent profile 'nosuch'" },
		{ "agent-profile nosuch", 1, "no agent profile 'nosuch'" },
		{ "agent-profile -w x", 0, "a profile name is needed" },
		{ "agent-profile -R -W", 0, "a profile name is needed" },
		{ "agent-profile 'my agent'", 1, "bad profile name 'my agent'" },
		{ "agent-profile -w x -- -x", 4, "bad profile name '-x'" },
		{ "agent-profile claude ; agent-profile -b '[' codex", 5,
		  "bad pattern '[': " },
		{ "agent-profile -s 5m -f 2s claude", 4,
		  "sampling '2s' must be off or for/every" },
		{ "agent-profile -f 20m/1h claude", 2, "must last from 1s" },
	};
	char	*before, *after, *out;
	int	 word, status;
	u_int	 i;

	before = profile_ok("agent-profile");
	for (i = 0; i < (u_int)NITEMS(cases); i++) {
		status = profile_cmd(cases[i].line, &out, &word);
		ck_assert_msg(status != 0 && strstr(out, cases[i].error) !=
		    NULL && word == cases[i].word,
		    "'%s': status %d, word %d '%s'; want word %d '%s'",
		    cases[i].line, status, word, out, cases[i].word,
		    cases[i].error);
		ck_assert_msg(strchr(out, '\n') == NULL, "'%s': not one line: "
		    "'%s'", cases[i].line, out);
		free(out);
		after = profile_ok("agent-profile");
		ck_assert_msg(strcmp(before, after) == 0,
		    "'%s' changed the profiles:\n%s\nwas:\n%s", cases[i].line,
		    after, before);
		free(after);
	}
	free(before);
}
END_TEST

/* -s and -c are stored, printed, and unset with "default" and "". */
START_TEST(test_agent_profile_suspend)
{
	struct agent_profile	*p;
	char			*out;

	p = agent_profile_find("claude");
	ck_assert_msg(p->suspend_after == -1 && p->resume_command == NULL,
	    "shipped claude: %lld '%s'", p->suspend_after,
	    p->resume_command != NULL ? p->resume_command : "(null)");
	free(profile_ok("agent-profile -s 90m -c 'claude --continue' claude"));
	ck_assert_msg(p->suspend_after == 90 * 60 * 1000LL &&
	    p->resume_command != NULL && strcmp(p->resume_command,
	    "claude --continue") == 0, "-s 90m -c: %lld '%s'",
	    p->suspend_after, p->resume_command);
	out = profile_ok("agent-profile claude");
	ck_assert_msg(strncmp(out, "agent-profile -BW -m '(^|/)claude([ ]|$)' "
	    "-s 90m -f 2s/10m -c 'claude --continue' claude\n", 80) == 0,
	    "printed: %s", out);
	free(out);

	free(profile_ok("agent-profile -s 0 any"));
	ck_assert_int_eq(agent_profile_find("any")->suspend_after, 0);
	out = profile_ok("agent-profile any");
	ck_assert_msg(strncmp(out, "agent-profile -BW -s 0 any\n", 27) == 0,
	    "printed: %s", out);
	free(out);

	free(profile_ok("agent-profile -s default -c '' claude"));
	ck_assert_msg(p->suspend_after == -1 && p->resume_command == NULL,
	    "unset: %lld '%s'", p->suspend_after, p->resume_command);
	out = profile_ok("agent-profile claude");
	ck_assert_msg(strstr(out, " -s ") == NULL && strstr(out, " -c ") ==
	    NULL, "printed after unset: %s", out);
	free(out);
}
END_TEST

/*
 * -f: the shipped agents are sampled, the rest as the option says; a
 * sampling is stored, printed, turned off and back to the option's.
 */
START_TEST(test_agent_profile_sample)
{
	struct agent_profile	*p = agent_profile_find("codex");
	char			*out;

	ck_assert_msg(p->file_sample == 2000 && p->file_sample_every ==
	    600000, "shipped codex: %lld/%lld", p->file_sample,
	    p->file_sample_every);
	ck_assert_int_eq(agent_profile_find("gemini")->file_sample, 2000);
	ck_assert_int_eq(agent_profile_find("aider")->file_sample, -1);
	ck_assert_int_eq(agent_profile_find("any")->file_sample, -1);

	free(profile_ok("agent-profile -f 5s/1h codex"));
	ck_assert_msg(p->file_sample == 5000 && p->file_sample_every ==
	    3600000, "-f 5s/1h: %lld/%lld", p->file_sample,
	    p->file_sample_every);
	out = profile_ok("agent-profile codex");
	ck_assert_msg(strstr(out, " -f 5s/1h codex\n") != NULL, "%s", out);
	free(out);
	free(profile_ok("agent-profile -f off codex"));
	ck_assert_int_eq(p->file_sample, 0);
	out = profile_ok("agent-profile codex");
	ck_assert_msg(strstr(out, " -f off codex\n") != NULL, "%s", out);
	free(out);
	free(profile_ok("agent-profile -f default codex"));
	ck_assert_int_eq(p->file_sample, -1);
	out = profile_ok("agent-profile codex");
	ck_assert_msg(strstr(out, " -f ") == NULL, "%s", out);
	free(out);

	/* -R gives the shipped sampling back; a new profile has none. */
	free(profile_ok("agent-profile -R codex"));
	ck_assert_int_eq(p->file_sample, 2000);
	free(profile_ok("agent-profile -w x newagent"));
	ck_assert_int_eq(agent_profile_find("newagent")->file_sample, -1);
}
END_TEST

/*
 * -r takes a profile out, but an agent that still points at it reads it
 * until its next sample; -R puts the shipped ones back.
 */
START_TEST(test_agent_profile_remove)
{
	const char			*names[] = { "codex --full-auto" };
	const struct agent_profile	*p, *held;
	struct agent			 a;
	struct agent_limits		 l;
	struct agent_evidence		 e;
	char				*out;

	held = agent_profile_for(names, 1);
	ck_assert_str_eq(held->name, "codex");
	agent_limits_default(&l);
	agent_init(&a, T0);
	memset(&e, 0, sizeof e);
	e.now = T0 + 1000;
	agent_update(&a, held, &l, &e);

	free(profile_ok("agent-profile -r codex"));
	ck_assert_msg(agent_profile_find("codex") == NULL, "codex still found");
	p = agent_profile_for(names, 1);
	ck_assert_msg(strcmp(p->name, "any") == 0, "codex removed: profile %s",
	    p->name);
	ck_assert_msg(a.profile == held && strcmp(a.profile->name, "codex") ==
	    0 && a.profile->waiting.n > 0, "the held profile is gone");
	out = profile_ok("agent-profile");
	ck_assert_msg(strstr(out, "codex") == NULL, "listed: %s", out);
	free(out);

	/* Made again by name: a new profile, no shipped patterns. */
	free(profile_ok("agent-profile -s 1h codex"));
	p = agent_profile_for(names, 1);
	ck_assert_msg(strcmp(p->name, "codex") == 0 && p != held &&
	    p->waiting.n == 0, "codex again: %s, %u patterns", p->name,
	    p->waiting.n);
	/* -R with a name: as shipped, -R alone: all as shipped. */
	free(profile_ok("agent-profile -R codex"));
	ck_assert_msg(p->waiting.n == 4 && p->suspend_after == -1,
	    "-R codex: %u patterns, suspend-after %lld", p->waiting.n,
	    p->suspend_after);
	free(profile_ok("agent-profile -w x -s 1m crush ; agent-profile -r gemini"));
	free(profile_ok("agent-profile -R"));
	out = profile_ok("agent-profile");
	agent_profiles_free();
	{
		char	*shipped = profile_ok("agent-profile");

		ck_assert_msg(strcmp(out, shipped) == 0,
		    "after -R:\n%s\nshipped:\n%s", out, shipped);
		free(shipped);
	}
	free(out);
}
END_TEST

/* The listing is commands that make the same profiles again. */
START_TEST(test_agent_profile_list)
{
	char	*list, *again, *line, *next, *out;

	free(profile_ok("agent-profile -m '^(oc|opencode)( |$)' "
	    "-w \"don't\\\\?\" -b 'say \"hi\"' -s 2h -c 'oc --continue' oc"));
	free(profile_ok("agent-profile -w 'back\\\\slash #; x' -s 1500ms "
	    "aider"));
	free(profile_ok("agent-profile -W -w '^\\$ $' any"));
	free(profile_ok("agent-profile -r gemini"));
	list = profile_ok("agent-profile");
	ck_assert_msg(strstr(list, "agent-profile -BW -m '^(oc|opencode)( |$)' "
	    "-s 2h -c 'oc --continue' oc\nagent-profile -w \"don't\\\\?\" oc\n"
	    "agent-profile -b 'say \"hi\"' oc\nagent-profile -BW any\n"
	    "agent-profile -w '^\\$ $' any\n") != NULL, "listed:\n%s", list);
	ck_assert_msg(strstr(list, "agent-profile -w 'back\\\\slash #; x' "
	    "aider\n") != NULL, "listed:\n%s", list);

	/* On the shipped profiles, less gemini, the lines give it back. */
	agent_profiles_free();
	free(profile_ok("agent-profile -r gemini"));
	for (line = list; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		ck_assert_msg(next != NULL, "no newline: %s", line);
		*next++ = '\0';
		ck_assert_msg(profile_cmd(line, &out, NULL) == 0,
		    "'%s' does not run: %s", line, out);
		free(out);
		next[-1] = '\n';
	}
	again = profile_ok("agent-profile");
	ck_assert_msg(strcmp(list, again) == 0, "again:\n%s\nwas:\n%s", again,
	    list);
	free(again);
	free(list);
}
END_TEST

Suite *
suite_agent(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("agent");
	tc = tcase_create("rules");
	tcase_add_loop_test(tc, test_agent_screens, 0, NITEMS(screen_cases));
	tcase_add_test(tc, test_agent_profiles);
	tcase_add_test(tc, test_agent_timeline);
	suite_add_tcase(s, tc);

	/* The agent-profile command on the profiles. */
	tc = tcase_create("profiles");
	tcase_add_checked_fixture(tc, profiles_reset, profiles_reset);
	tcase_add_test(tc, test_agent_profile_waiting);
	tcase_add_test(tc, test_agent_profile_match);
	tcase_add_test(tc, test_agent_profile_errors);
	tcase_add_test(tc, test_agent_profile_suspend);
	tcase_add_test(tc, test_agent_profile_sample);
	tcase_add_test(tc, test_agent_profile_remove);
	tcase_add_test(tc, test_agent_profile_list);
	suite_add_tcase(s, tc);
	return (s);
}
