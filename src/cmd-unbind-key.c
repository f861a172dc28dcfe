/* unbind-key: remove a key binding, or all of a table's. */

#include "config.h"

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/keys.h"

static enum cmd_retval	cmd_unbind_key_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_unbind_key_entry = {
	.name = "unbind-key",
	.alias = "unbind",
	.args_template = "anqT:",
	.args_lower = 0,
	.args_upper = 1,
	.usage = "[-anq] [-T table] [key]",
	.exec = cmd_unbind_key_exec,
};

static enum cmd_retval
cmd_unbind_key_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct key	 key;
	const char	*table = KEY_TABLE_PREFIX;

	if (args_has(args, 'n'))
		table = KEY_TABLE_ROOT;
	if (args_get(args, 'T') != NULL)
		table = args_get(args, 'T');
	if (args_has(args, 'a')) {
		key_bindings_remove_all(table);
		return (CMD_RETURN_NORMAL);
	}
	if (args->argc != 1) {
		cmd_error(ctx, "unbind-key: missing key");
		return (CMD_RETURN_ERROR);
	}
	if (key_from_string(args->argv[0], &key) != 0) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "unknown key '%s'", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	if (key_bindings_remove(table, key) != 0 && !args_has(args, 'q')) {
		cmd_error_word(ctx, self, cmd_word_of_arg(self, 0),
		    "key '%s' is not bound", args->argv[0]);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
