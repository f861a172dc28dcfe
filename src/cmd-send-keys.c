/* send-keys: type keys or text into a pane. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/keys.h"
#include "vigil/pane.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_send_keys_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_send_keys_entry = {
	.name = "send-keys",
	.alias = "send",
	.args_template = "lt:",
	.args_lower = 0,
	.args_upper = -1,
	.usage = "[-l] [-t pane] key ...",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_send_keys_exec,
};

/*
 * Each word that names a key ("C-c", "Enter", "Up") is sent as that key;
 * any other word, or every word with -l, is typed as text.
 */
static enum cmd_retval
cmd_send_keys_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct pane	*p;
	struct key	 key;
	char		*cause;
	int		 i;

	if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (args->argc > 0 && (p->flags & PANE_HIBERNATED)) {
		/* Relaunched first: every word goes to the new program. */
		if (pane_relaunch(p, "send-keys", &cause) != 0) {
			cmd_error(ctx, "%s", cause);
			free(cause);
			return (CMD_RETURN_ERROR);
		}
	}
	if (args->argc > 0)
		pane_wake(p, "send-keys");
	for (i = 0; i < args->argc; i++) {
		if (!args_has(args, 'l') &&
		    key_from_string(args->argv[i], &key) == 0)
			pane_key(p, key);
		else
			pane_write(p, args->argv[i], strlen(args->argv[i]));
	}
	return (CMD_RETURN_NORMAL);
}
