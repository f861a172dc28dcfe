/*
 * profile: trace a pane's process tree for a while and report the files it
 * opens, reads and writes most (see profiler.c). From the shell the vigil
 * command waits for the report; from a key the report goes to a file, and
 * the key again on the same pane ends it early.
 */

#include "config.h"

#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/options.h"
#include "vigil/profiler.h"
#include "vigil/vigil.h"

#define CMD_PROFILE_DEFAULT	(30 * 1000)	/* ms */

static enum cmd_retval	cmd_profile_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_profile_entry = {
	.name = "profile",
	.alias = NULL,
	.args_template = "f:Jst:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[--for duration] [--json] [--stop] [-t pane]",
	.long_flags = "for=f,json=J,stop=s",
	.flags = CMD_NEEDS_SESSION | CMD_LAST,
	.exec = cmd_profile_exec,
};

/* --stop: end the profile of the pane given, or whichever runs. */
static enum cmd_retval
cmd_profile_stop(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct pane	*p = NULL;
	char		*cause;

	if (args_has(args, 't') &&
	    (p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (profiler_stop(p, &cause) != 0) {
		cmd_error(ctx, "profile: %s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}

/* How long to profile, in ms; -1 with an error if it is not a duration. */
static long long
cmd_profile_duration(struct cmd *self, struct cmd_ctx *ctx)
{
	const char	*s = args_get(cmd_get_args(self), 'f');
	long long	 ms;
	char		*cause;

	if (s == NULL)
		return (CMD_PROFILE_DEFAULT);
	if (parse_duration(s, &ms, &cause) != 0) {
		cmd_error_word(ctx, self, cmd_word_of_flag(self, 'f'),
		    "profile: %s", cause);
		free(cause);
		return (-1);
	}
	if (ms < PROFILER_MIN_MS || ms > PROFILER_MAX_MS) {
		cmd_error_word(ctx, self, cmd_word_of_flag(self, 'f'),
		    "profile: --for must be between 1s and 1h, not %s", s);
		return (-1);
	}
	return (ms);
}

/* From a key: start, or end the pane's profile if it has one. */
static enum cmd_retval
cmd_profile_key(struct cmd_ctx *ctx, struct pane *p, long long ms)
{
	char	*cause, *path = NULL;

	if (profiler_running(p, NULL)) {
		profiler_stop(p, &cause);
		client_message(ctx->client, "profile %%%u: stopping", p->id);
		return (CMD_RETURN_NORMAL);
	}
	if (profiler_start(p, ms, PROFILER_KEY, NULL, &path, &cause) != 0) {
		cmd_error(ctx, "profile: %s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	client_message(ctx->client, "profiling %%%u for %llds (again to stop)",
	    p->id, ms / 1000);
	free(path);
	return (CMD_RETURN_NORMAL);
}

static enum cmd_retval
cmd_profile_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct pane	*p;
	long long	 ms;
	char		*cause;
	int		 flags = 0;

	if (ctx->peer == NULL && ctx->client == NULL) {
		cmd_error(ctx, "profile: not from the config file");
		return (CMD_RETURN_ERROR);
	}
	if (args_has(args, 's'))
		return (cmd_profile_stop(self, ctx));
	if ((ms = cmd_profile_duration(self, ctx)) == -1)
		return (CMD_RETURN_ERROR);
	if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (ctx->peer == NULL)
		return (cmd_profile_key(ctx, p, ms));

	if (args_has(args, 'J'))
		flags |= PROFILER_JSON;
	if (profiler_start(p, ms, flags, ctx->peer, NULL, &cause) != 0) {
		cmd_error(ctx, "profile: %s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_WAIT);
}
