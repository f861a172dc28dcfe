/* select-layout: lay the panes out with a named preset. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/layout.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_select_layout_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_select_layout_entry = {
	.name = "select-layout",
	.alias = "selectl",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 1,
	.usage = "[tiled|even-horizontal|even-vertical|main-vertical|"
	    "main-horizontal]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_select_layout_exec,
};

static enum cmd_retval
cmd_select_layout_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct session	*s = ctx->session;
	int		 preset;

	if (args->argc == 0) {
		session_select_preset(s, s->preset >= 0 ? s->preset :
		    LAYOUT_TILED);
		return (CMD_RETURN_NORMAL);
	}
	if ((preset = layout_preset_from_string(args->argv[0])) == -1) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "unknown layout '%s'", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	session_select_preset(s, preset);
	return (CMD_RETURN_NORMAL);
}
