/* kill-session: end a session, its panes and their programs. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_kill_session_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_kill_session_entry = {
	.name = "kill-session",
	.alias = "kill",
	.args_template = "t:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-t session]",
	.flags = 0,
	.exec = cmd_kill_session_exec,
};

static enum cmd_retval
cmd_kill_session_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct session	*s;

	if ((s = cmd_find_session(ctx, args_get(cmd_get_args(self), 't'))) ==
	    NULL)
		return (CMD_RETURN_ERROR);
	/* Its clients leave and it is freed in the server's next pass. */
	session_kill(s);
	ctx->session = NULL;
	ctx->pane = NULL;
	return (CMD_RETURN_NORMAL);
}
