/* detach-client: leave the session running without this terminal. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/server.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_detach_client_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_detach_client_entry = {
	.name = "detach-client",
	.alias = "detach",
	.args_template = "s:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-s session]",
	.flags = 0,
	.exec = cmd_detach_client_exec,
};

/* Detach this client, or with -s every client of a session. */
static enum cmd_retval
cmd_detach_client_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct session	*s;
	struct client	*c;
	u_int		 n = 0;

	if (!args_has(args, 's')) {
		if (ctx->client == NULL) {
			cmd_error(ctx, "detach-client: no client here "
			    "(use -s session)");
			return (CMD_RETURN_ERROR);
		}
		client_detach(ctx->client, "detached");
		return (CMD_RETURN_NORMAL);
	}
	if ((s = cmd_find_session(ctx, args_get(args, 's'))) == NULL)
		return (CMD_RETURN_ERROR);
	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session == s) {
			client_detach(c, "detached");
			n++;
		}
	}
	if (n == 0) {
		cmd_error(ctx, "no client attached to %s", s->name);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
