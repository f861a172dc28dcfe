/* Tests for agent state (agent.c): rules on recorded screens and times. */

#include "config.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/agent.h"

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
	return (s);
}
