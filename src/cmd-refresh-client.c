/* refresh-client: repaint the whole terminal. */

#include "config.h"

#include <curses.h>

#include "vigil/cmd.h"
#include "vigil/tty.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_refresh_client_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_refresh_client_entry = {
	.name = "refresh-client",
	.alias = "refresh",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_refresh_client_exec,
};

static enum cmd_retval
cmd_refresh_client_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct client	*c = ctx->client;

	(void)self;
	if (c == NULL)
		return (CMD_RETURN_NORMAL);
	/* The terminal may show anything: forget what ncurses thinks it has. */
	tty_select(c->tty);
	clearok(curscr, TRUE);
	c->flags |= CLIENT_REDRAW;
	return (CMD_RETURN_NORMAL);
}
