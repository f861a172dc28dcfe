/* kill-server: end every session and the server. */

#include "config.h"

#include "vigil/cmd.h"
#include "vigil/server.h"

static enum cmd_retval	cmd_kill_server_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_kill_server_entry = {
	.name = "kill-server",
	.alias = NULL,
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = 0,
	.exec = cmd_kill_server_exec,
};

static enum cmd_retval
cmd_kill_server_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	(void)self;
	if (ctx->client == NULL && ctx->peer == NULL) {
		cmd_error(ctx, "kill-server: not from the config file");
		return (CMD_RETURN_ERROR);
	}
	server_shutdown();
	ctx->session = NULL;
	ctx->pane = NULL;
	return (CMD_RETURN_NORMAL);
}
