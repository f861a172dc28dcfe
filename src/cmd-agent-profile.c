/*
 * agent-profile: show, add, change or remove the profiles that tell what
 * an agent CLI shows (see agent.c). Every pattern and duration is checked
 * before anything changes, so a mistake leaves the profile as it was.
 */

#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/agent.h"
#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/config.h"
#include "vigil/options.h"
#include "vigil/xmalloc.h"

/* The flags that change a profile (-r removes it). */
#define CMD_AGENT_PROFILE_CHANGES	"BRWbcfmsw"

static enum cmd_retval	cmd_agent_profile_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_agent_profile_entry = {
	.name = "agent-profile",
	.alias = NULL,
	.args_template = "BRWb:c:f:m:rs:w:",
	.args_lower = 0,
	.args_upper = 1,
	.usage = "[-BRrW] [-b busy-pattern] [-c resume-command] "
	    "[-f file-sample] [-m match-pattern] [-s suspend-after] "
	    "[-w waiting-pattern] [name]",
	.exec = cmd_agent_profile_exec,
};

/* Was any of these flags given? */
static int
cmd_agent_profile_has(const struct args *args, const char *letters)
{
	for (; *letters != '\0'; letters++) {
		if (args_has(args, *letters))
			return (1);
	}
	return (0);
}

/* Names are printed bare and go into JSON and the environment unquoted. */
static int
cmd_agent_profile_name_ok(const char *name)
{
	const char	*s;

	if (*name == '\0' || *name == '-')
		return (0);
	for (s = name; *s != '\0'; s++) {
		if (!isalnum((u_char)*s) && strchr("-_.", *s) == NULL)
			return (0);
	}
	return (1);
}

/* Print one list of patterns, a command per pattern. */
static void
cmd_agent_profile_print_list(struct cmd_ctx *ctx, const char *name,
    char flag, const struct agent_patterns *ap)
{
	char	*quoted;
	u_int	 i;

	for (i = 0; i < ap->n; i++) {
		quoted = config_quote(ap->src[i]);
		cmd_print(ctx, "agent-profile -%c %s %s", flag, quoted, name);
		free(quoted);
	}
}

/*
 * Print a profile as the commands that make it again: the first clears
 * its lists and sets the rest, then a command per pattern.
 */
static void
cmd_agent_profile_print(struct cmd_ctx *ctx, const struct agent_profile *p)
{
	char	*match = NULL, *resume = NULL, when[32] = "", sample[64] = "";

	if (!agent_profile_is_generic(p))
		match = config_quote(p->match_src);
	if (p->resume_command != NULL)
		resume = config_quote(p->resume_command);
	if (p->suspend_after != -1)
		options_format_duration(p->suspend_after, when, sizeof when);
	if (p->file_sample != -1)
		options_format_sample(p->file_sample, p->file_sample_every,
		    sample, sizeof sample);
	cmd_print(ctx, "agent-profile -BW%s%s%s%s%s%s%s%s %s",
	    match != NULL ? " -m " : "", match != NULL ? match : "",
	    *when != '\0' ? " -s " : "", when,
	    *sample != '\0' ? " -f " : "", sample,
	    resume != NULL ? " -c " : "", resume != NULL ? resume : "",
	    p->name);
	free(match);
	free(resume);
	cmd_agent_profile_print_list(ctx, p->name, 'w', &p->waiting);
	cmd_agent_profile_print_list(ctx, p->name, 'b', &p->busy);
}

/* With no name: print every profile, or with -R start them all over. */
static enum cmd_retval
cmd_agent_profile_all(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args		*args = cmd_get_args(self);
	struct agent_profile	*p;

	if (args_has(args, 'R') && !cmd_agent_profile_has(args, "BWbcfmrsw")) {
		agent_profile_reset(NULL);
		return (CMD_RETURN_NORMAL);
	}
	if (cmd_agent_profile_has(args, CMD_AGENT_PROFILE_CHANGES "r")) {
		cmd_error_word(ctx, self, 0, "agent-profile: a profile name is "
		    "needed");
		return (CMD_RETURN_ERROR);
	}
	for (p = agent_profile_first(); p != NULL; p = agent_profile_next(p))
		cmd_agent_profile_print(ctx, p);
	return (CMD_RETURN_NORMAL);
}

/* Remove a profile (-r); the generic one stays. */
static enum cmd_retval
cmd_agent_profile_remove(struct cmd *self, struct cmd_ctx *ctx,
    struct agent_profile *p)
{
	struct args	*args = cmd_get_args(self);
	u_int		 word = cmd_word_of_arg(self, 0);

	if (cmd_agent_profile_has(args, CMD_AGENT_PROFILE_CHANGES)) {
		cmd_error_word(ctx, self, 0, "agent-profile: -r takes no other "
		    "flag");
		return (CMD_RETURN_ERROR);
	}
	if (p == NULL) {
		cmd_error_word(ctx, self, word, "no agent profile '%s'",
		    args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	if (agent_profile_is_generic(p)) {
		cmd_error_word(ctx, self, word, "the generic profile '%s' "
		    "cannot be removed", p->name);
		return (CMD_RETURN_ERROR);
	}
	agent_profile_remove(p);
	return (CMD_RETURN_NORMAL);
}

/* Check the pattern given with a flag; -1 with the error set if bad. */
static int
cmd_agent_profile_check_pattern(struct cmd *self, struct cmd_ctx *ctx,
    u_char flag)
{
	struct args	*args = cmd_get_args(self);
	const char	*src = args_get(args, flag);
	char		*cause;
	u_int		 word = cmd_word_of_flag(self, flag);

	if (src == NULL)
		return (0);
	if (args_has(args, flag) > 1 && flag != 'm') {
		cmd_error_word(ctx, self, word, "-%c given twice: one pattern "
		    "per command", flag);
		return (-1);
	}
	if (*src == '\0') {
		cmd_error_word(ctx, self, word, "-%c: an empty pattern fits "
		    "everything", flag);
		return (-1);
	}
	if (agent_pattern_check(src, &cause) != 0) {
		cmd_error_word(ctx, self, word, "%s", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/*
 * A value for -s or -f: "default" (-1, the option's) or parsed by parse.
 * 0, or -1 with the error set.
 */
static int
cmd_agent_profile_value(struct cmd *self, struct cmd_ctx *ctx, u_char flag,
    long long *v, long long *every)
{
	const char	*s = args_get(cmd_get_args(self), flag);
	char		*cause;
	int		 error;

	*v = -1;
	*every = 0;
	if (s == NULL || strcmp(s, "default") == 0)
		return (0);
	if (flag == 'f')
		error = parse_sample(s, v, every, &cause);
	else
		error = parse_duration(s, v, &cause);
	if (error != 0) {
		cmd_error_word(ctx, self, cmd_word_of_flag(self, flag), "%s",
		    cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/*
 * Check every value before anything changes; the suspend-after to set
 * (-1 for the option's) goes in *ms, the file sampling in sample[2]. 0,
 * or -1 with the error set.
 */
static int
cmd_agent_profile_check(struct cmd *self, struct cmd_ctx *ctx,
    const struct agent_profile *p, long long *ms, long long *sample)
{
	struct args	*args = cmd_get_args(self);
	long long	 unused;

	if (args_has(args, 'm') && p != NULL && agent_profile_is_generic(p)) {
		cmd_error_word(ctx, self, cmd_word_of_flag(self, 'm'),
		    "-m: the generic profile '%s' is for every program",
		    p->name);
		return (-1);
	}
	if (cmd_agent_profile_check_pattern(self, ctx, 'm') != 0 ||
	    cmd_agent_profile_check_pattern(self, ctx, 'w') != 0 ||
	    cmd_agent_profile_check_pattern(self, ctx, 'b') != 0)
		return (-1);
	if (cmd_agent_profile_value(self, ctx, 's', ms, &unused) != 0 ||
	    cmd_agent_profile_value(self, ctx, 'f', &sample[0],
	    &sample[1]) != 0)
		return (-1);
	return (0);
}

/* Print, remove, or check then change (or make) one profile. */
static enum cmd_retval
cmd_agent_profile_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args		*args = cmd_get_args(self);
	struct agent_profile	*p;
	const char		*name;
	long long		 ms, sample[2];

	if (args->argc == 0)
		return (cmd_agent_profile_all(self, ctx));
	name = args->argv[0];
	if (!cmd_agent_profile_name_ok(name)) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "bad profile name '%s' (letters, digits, '-', '_', '.')",
		    name);
		return (CMD_RETURN_ERROR);
	}
	p = agent_profile_find(name);
	if (args_has(args, 'r'))
		return (cmd_agent_profile_remove(self, ctx, p));
	if (!cmd_agent_profile_has(args, CMD_AGENT_PROFILE_CHANGES)) {
		if (p == NULL) {
			cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
			    "no agent profile '%s'", name);
			return (CMD_RETURN_ERROR);
		}
		cmd_agent_profile_print(ctx, p);
		return (CMD_RETURN_NORMAL);
	}
	if (cmd_agent_profile_check(self, ctx, p, &ms, sample) != 0)
		return (CMD_RETURN_ERROR);

	if (args_has(args, 'R'))
		p = agent_profile_reset(name);
	else if (p == NULL)
		p = agent_profile_create(name);
	if (args_has(args, 'W'))
		agent_patterns_clear(&p->waiting);
	if (args_has(args, 'B'))
		agent_patterns_clear(&p->busy);
	if (args_has(args, 'm'))
		agent_profile_set_match(p, args_get(args, 'm'));
	if (args_has(args, 'w'))
		agent_patterns_add(&p->waiting, args_get(args, 'w'));
	if (args_has(args, 'b'))
		agent_patterns_add(&p->busy, args_get(args, 'b'));
	if (args_has(args, 's'))
		p->suspend_after = ms;
	if (args_has(args, 'f')) {
		p->file_sample = sample[0];
		p->file_sample_every = sample[1];
	}
	if (args_has(args, 'c'))
		agent_profile_set_resume(p, args_get(args, 'c'));
	return (CMD_RETURN_NORMAL);
}
