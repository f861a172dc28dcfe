/* select-pane: focus a pane by number, direction, or the last one. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/layout.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_select_pane_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_select_pane_entry = {
	.name = "select-pane",
	.alias = "selectp",
	.args_template = "DLRUlt:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-DLRUl] [-t pane]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_select_pane_exec,
};

static enum cmd_retval
cmd_select_pane_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args		*args = cmd_get_args(self);
	struct session		*s;
	struct pane		*p;
	enum layout_direction	 dir;

	if (args_has(args, 'l'))
		p = cmd_find_pane(ctx, "last");
	else
		p = cmd_find_pane(ctx, args_get(args, 't'));
	if (p == NULL)
		return (CMD_RETURN_ERROR);
	s = p->session;

	if (args_has(args, 'L') || args_has(args, 'R') ||
	    args_has(args, 'U') || args_has(args, 'D')) {
		if (args_has(args, 'L'))
			dir = LAYOUT_DIR_LEFT;
		else if (args_has(args, 'R'))
			dir = LAYOUT_DIR_RIGHT;
		else if (args_has(args, 'U'))
			dir = LAYOUT_DIR_UP;
		else
			dir = LAYOUT_DIR_DOWN;
		if ((p = session_neighbour(s, p, dir)) == NULL)
			return (CMD_RETURN_NORMAL);
	}
	session_set_active(s, p);
	return (CMD_RETURN_NORMAL);
}
