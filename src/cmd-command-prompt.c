/* command-prompt: type a command in the status line and run it. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_command_prompt_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_command_prompt_entry = {
	.name = "command-prompt",
	.alias = NULL,
	.args_template = "p:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-p prompt]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_command_prompt_exec,
};

static void
cmd_command_prompt_done(struct client *c, const char *answer,
    const char *data)
{
	(void)data;
	if (answer != NULL && *answer != '\0')
		client_run_command(c, answer);
}

static enum cmd_retval
cmd_command_prompt_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	const char	*prompt = args_get(cmd_get_args(self), 'p');

	if (ctx->client == NULL)
		return (CMD_RETURN_NORMAL);
	client_prompt(ctx->client, prompt != NULL ? prompt : ":", 0,
	    cmd_command_prompt_done, NULL);
	return (CMD_RETURN_NORMAL);
}
