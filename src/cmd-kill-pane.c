/* kill-pane: close a pane and hang up its programs. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_kill_pane_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_kill_pane_entry = {
	.name = "kill-pane",
	.alias = "killp",
	.args_template = "t:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-t pane]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_kill_pane_exec,
};

static enum cmd_retval
cmd_kill_pane_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct pane	*p;

	if ((p = cmd_find_pane(ctx, args_get(cmd_get_args(self), 't'))) ==
	    NULL)
		return (CMD_RETURN_ERROR);
	/* A session left empty closes in the server's next pass. */
	session_remove_pane(p->session, p);
	ctx->pane = NULL;
	return (CMD_RETURN_NORMAL);
}
