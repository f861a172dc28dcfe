/* send-prefix: send the prefix key to the active pane. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_send_prefix_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_send_prefix_entry = {
	.name = "send-prefix",
	.alias = NULL,
	.args_template = "t:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-t pane]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_send_prefix_exec,
};

static enum cmd_retval
cmd_send_prefix_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct pane	*p;

	if ((p = cmd_find_pane(ctx, args_get(cmd_get_args(self), 't'))) ==
	    NULL)
		return (CMD_RETURN_ERROR);
	pane_key(p, options_get_key(OPT_PREFIX));
	return (CMD_RETURN_NORMAL);
}
