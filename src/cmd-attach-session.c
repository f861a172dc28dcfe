/* attach-session: show a session on the terminal the command runs in. */

#include "config.h"

#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/peer.h"
#include "vigil/server.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_attach_session_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_attach_session_entry = {
	.name = "attach-session",
	.alias = "attach",
	.args_template = "t:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-t session]",
	.flags = 0,
	.exec = cmd_attach_session_exec,
};

static enum cmd_retval
cmd_attach_session_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct session	*s;
	char		*cause;

	if ((s = cmd_find_session(ctx, args_get(cmd_get_args(self), 't'))) ==
	    NULL) {
		if (ctx->session == NULL)
			cmd_error(ctx, "no sessions");
		return (CMD_RETURN_ERROR);
	}
	if (ctx->client != NULL) {
		client_set_session(ctx->client, s);
		return (CMD_RETURN_NORMAL);
	}
	if (ctx->peer == NULL) {
		cmd_error(ctx, "attach-session: not from the config file");
		return (CMD_RETURN_ERROR);
	}
	if (peer_attach(ctx->peer, s, &cause) == NULL) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
