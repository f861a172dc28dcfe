/* display-message: show a message in the status line. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_display_message_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_display_message_entry = {
	.name = "display-message",
	.alias = "display",
	.args_template = "",
	.args_lower = 1,
	.args_upper = 1,
	.usage = "message",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_display_message_exec,
};

static enum cmd_retval
cmd_display_message_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);

	if (ctx->client != NULL)
		client_message(ctx->client, "%s", args->argv[0]);
	return (CMD_RETURN_NORMAL);
}
