/*
 * set-option: set an option, reset it, or toggle a flag; with -p, a pane's
 * own value of the few options a pane may override (suspend-after).
 */

#include "config.h"

#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/client.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/server.h"
#include "vigil/supervise.h"
#include "vigil/tty.h"
#include "vigil/vigil.h"
#include "vigil/vt.h"

static enum cmd_retval	cmd_set_option_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_set_option_entry = {
	.name = "set-option",
	.alias = "set",
	.args_template = "gpqut:",
	.args_lower = 1,
	.args_upper = 2,
	.usage = "[-gpqu] [-t pane] option [value]",
	.exec = cmd_set_option_exec,
};

/* Options take effect at once on running panes and clients. */
static void
cmd_set_option_apply(enum option_id id)
{
	struct client	*c;
	struct pane	*p;

	if (id == OPT_SAMPLE_INTERVAL || id == OPT_SUPERVISE)
		supervise_options_changed();
	if (id == OPT_HISTORY_LIMIT || id == OPT_HISTORY_BYTES) {
		TAILQ_FOREACH(p, pane_all(), all_entry)
			pane_set_history_limit(p);
	}
	TAILQ_FOREACH(c, &clients, entry) {
		if (id == OPT_MOUSE)
			tty_set_mouse(c->tty, options_get_number(OPT_MOUSE));
		if (id == OPT_STATUS || id == OPT_STATUS_POSITION)
			client_resize(c);
		c->flags |= CLIENT_REDRAW;
	}
}

/* A pane's own suspend-after (-p), or back to the configured one (-u). */
static enum cmd_retval
cmd_set_option_pane(struct cmd *self, struct cmd_ctx *ctx, int id)
{
	struct args	*args = cmd_get_args(self);
	struct pane	*p;
	long long	 ms;
	char		*cause;

	if (id != OPT_SUSPEND_AFTER) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "%s is not a pane option", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (args_has(args, 'u')) {
		p->suspend_after = -1;
		return (CMD_RETURN_NORMAL);
	}
	if (args->argc < 2) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "%s needs a value", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	if (parse_duration(args->argv[1], &ms, &cause) != 0) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 1), "%s",
		    cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	p->suspend_after = ms;
	return (CMD_RETURN_NORMAL);
}

static enum cmd_retval
cmd_set_option_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	char		*cause;
	int		 id;

	if ((id = options_find(args->argv[0])) == -1) {
		if (args_has(args, 'q'))
			return (CMD_RETURN_NORMAL);
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "unknown option '%s'", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	if (args_has(args, 'p') || args_has(args, 't'))
		return (cmd_set_option_pane(self, ctx, id));
	if (args_has(args, 'u')) {
		options_reset(id);
	} else if (options_set(id, args->argc > 1 ? args->argv[1] : NULL,
	    &cause) != 0) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self,
		    args->argc > 1 ? 1 : 0), "%s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	cmd_set_option_apply(id);
	return (CMD_RETURN_NORMAL);
}
