/* split-window: start a command in a new pane beside or below one. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/layout.h"
#include "vigil/session.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_split_window_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_split_window_entry = {
	.name = "split-window",
	.alias = "splitw",
	.args_template = "bhvl:t:",
	.args_lower = 0,
	.args_upper = -1,
	.usage = "[-bhv] [-l size[%]] [-t pane] [command]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_split_window_exec,
};

/* The new pane's size from -l: cells, or a percentage of the pane. */
static int
cmd_split_window_size(const char *value, u_int whole)
{
	char	*end;
	long	 n;

	if (value == NULL)
		return (-1);
	n = strtol(value, &end, 10);
	if (end == value || n < 0 || n > 100000)
		return (-2);
	if (*end == '%' && end[1] == '\0')
		return (n > 100 ? -2 : (int)(whole * n / 100));
	return (*end == '\0' ? (int)n : -2);
}

/* The command words joined back into one command line. */
static char *
cmd_split_window_command(struct args *args)
{
	char	*line, *next;
	int	 i;

	if (args->argc == 0)
		return (NULL);
	line = xstrdup(args->argv[0]);
	for (i = 1; i < args->argc; i++) {
		xasprintf(&next, "%s %s", line, args->argv[i]);
		free(line);
		line = next;
	}
	return (line);
}

static enum cmd_retval
cmd_split_window_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args		*args = cmd_get_args(self);
	struct pane		*target, *p;
	enum layout_type	 type = LAYOUT_TOPBOTTOM;
	char			*command, *cause;
	int			 size;

	if ((target = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (args_has(args, 'h'))
		type = LAYOUT_LEFTRIGHT;
	size = cmd_split_window_size(args_get(args, 'l'),
	    type == LAYOUT_LEFTRIGHT ? target->sx : target->sy);
	if (size == -2) {
		cmd_error(ctx, "bad size '%s'", args_get(args, 'l'));
		return (CMD_RETURN_ERROR);
	}
	command = cmd_split_window_command(args);
	p = session_spawn(target->session, target, type, size,
	    args_has(args, 'b'), command, &cause);
	free(command);
	if (p == NULL) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
