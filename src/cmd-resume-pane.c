/* resume-pane: let a suspended pane run again, or relaunch a hibernated one. */

#include "config.h"

#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/pane.h"
#include "vigil/suspend.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_resume_pane_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_resume_pane_entry = {
	.name = "resume-pane",
	.alias = "resume",
	.args_template = "t:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-t pane]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_resume_pane_exec,
};

static enum cmd_retval
cmd_resume_pane_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct pane	*p;
	char		*cause;

	if ((p = cmd_find_pane(ctx, args_get(cmd_get_args(self), 't'))) ==
	    NULL)
		return (CMD_RETURN_ERROR);
	if (p->flags & PANE_HIBERNATED) {
		if (pane_relaunch(p, "command", &cause) != 0) {
			cmd_error(ctx, "%s", cause);
			free(cause);
			return (CMD_RETURN_ERROR);
		}
		return (CMD_RETURN_NORMAL);
	}
	if (suspend_resume(p, "command") != 0) {
		cmd_error(ctx, "pane %%%u is not suspended", p->id);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
