/* next-layout: lay the panes out with the next preset. */

#include "config.h"

#include "vigil/cmd.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_next_layout_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_next_layout_entry = {
	.name = "next-layout",
	.alias = "nextl",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_next_layout_exec,
};

static enum cmd_retval
cmd_next_layout_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	(void)self;
	session_next_preset(ctx->session);
	return (CMD_RETURN_NORMAL);
}
