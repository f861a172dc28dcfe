/* resize-pane: move a pane's border, or zoom it to fill the session. */

#include "config.h"

#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/layout.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_resize_pane_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_resize_pane_entry = {
	.name = "resize-pane",
	.alias = "resizep",
	.args_template = "DLRUZt:",
	.args_lower = 0,
	.args_upper = 1,
	.usage = "[-DLRUZ] [-t pane] [adjustment]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_resize_pane_exec,
};

static enum cmd_retval
cmd_resize_pane_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct session	*s;
	struct pane	*p;
	char		*end;
	long		 n = 1;

	if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	s = p->session;
	if (args_has(args, 'Z')) {
		if (p != s->active)
			session_set_active(s, p);
		session_toggle_zoom(s);
		return (CMD_RETURN_NORMAL);
	}
	if (args->argc == 1) {
		n = strtol(args->argv[0], &end, 10);
		if (*end != '\0' || n < 1 || n > 10000) {
			cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
			    "bad adjustment '%s'", args->argv[0]);
			return (CMD_RETURN_ERROR);
		}
	}
	if (args_has(args, 'L'))
		session_move_border(s, p, LAYOUT_LEFTRIGHT, -n);
	else if (args_has(args, 'R'))
		session_move_border(s, p, LAYOUT_LEFTRIGHT, n);
	else if (args_has(args, 'U'))
		session_move_border(s, p, LAYOUT_TOPBOTTOM, -n);
	else if (args_has(args, 'D'))
		session_move_border(s, p, LAYOUT_TOPBOTTOM, n);
	return (CMD_RETURN_NORMAL);
}
