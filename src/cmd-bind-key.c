/* bind-key: bind a key to commands. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/keys.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_bind_key_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_bind_key_entry = {
	.name = "bind-key",
	.alias = "bind",
	.args_template = "nrT:",
	.args_lower = 2,
	.args_upper = -1,
	.usage = "[-nr] [-T table] key command [arguments]",
	.exec = cmd_bind_key_exec,
};

static enum cmd_retval
cmd_bind_key_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct cmd_list	*cl;
	struct key	 key;
	const char	*table = KEY_TABLE_PREFIX;
	char		*cause;
	u_int		 err;

	if (args_has(args, 'n'))
		table = KEY_TABLE_ROOT;
	if (args_get(args, 'T') != NULL)
		table = args_get(args, 'T');
	if (strcmp(table, KEY_TABLE_ROOT) != 0 &&
	    strcmp(table, KEY_TABLE_PREFIX) != 0) {
		cmd_error(ctx, "unknown key table '%s' (root or prefix)", table);
		return (CMD_RETURN_ERROR);
	}
	if (key_from_string(args->argv[0], &key) != 0) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "unknown key '%s'", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	cl = cmd_list_parse(args->argc - 1, args->argv + 1, NULL, &err,
	    &cause);
	if (cl == NULL) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 1 + err), "%s",
		    cause);
		free(cause);
		return (CMD_RETURN_ERROR);
	}
	key_bindings_add(table, key, args_has(args, 'r'), cl);
	return (CMD_RETURN_NORMAL);
}
