/* detach-client: leave the session running without this terminal. */

#include "config.h"

#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_detach_client_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_detach_client_entry = {
	.name = "detach-client",
	.alias = "detach",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_detach_client_exec,
};

/*
 * Until vigil runs as a server that outlives its terminal, detaching would
 * end every pane, so it says so instead.
 */
static enum cmd_retval
cmd_detach_client_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	(void)self;
	cmd_error(ctx, "detach: not available yet (panes live in this "
	    "process until the server lands)");
	return (CMD_RETURN_ERROR);
}
