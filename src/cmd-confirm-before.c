/* confirm-before: ask y/n before running a command. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_confirm_before_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_confirm_before_entry = {
	.name = "confirm-before",
	.alias = "confirm",
	.args_template = "p:",
	.args_lower = 1,
	.args_upper = -1,
	.usage = "[-p prompt] command [arguments]",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_confirm_before_exec,
};

static void
cmd_confirm_before_done(struct client *c, const char *answer,
    const char *line)
{
	if (answer != NULL && (strcmp(answer, "y") == 0 ||
	    strcmp(answer, "Y") == 0))
		client_run_command(c, line);
}

static enum cmd_retval
cmd_confirm_before_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct cmd_list	*cl;
	char		*line, *prompt, *cause;
	u_int		 err;

	/* Check now that the command parses, so mistakes show at once. */
	cl = cmd_list_parse(args->argc, args->argv, NULL, &err, &cause);
	if (cl == NULL) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, err), "%s",
		    cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	line = cmd_list_print(cl);
	cmd_list_free(cl);
	if (ctx->client != NULL) {
		if (args_get(args, 'p') != NULL)
			prompt = xstrdup(args_get(args, 'p'));
		else
			xasprintf(&prompt, "%s? (y/n) ", line);
		client_prompt(ctx->client, prompt, 1, cmd_confirm_before_done,
		    line);
		free(prompt);
	}
	free(line);
	return (CMD_RETURN_NORMAL);
}
