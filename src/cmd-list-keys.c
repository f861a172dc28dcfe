/* list-keys: show every key binding over the panes. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/keys.h"
#include "vigil/options.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_list_keys_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_list_keys_entry = {
	.name = "list-keys",
	.alias = "lsk",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = CMD_NEEDS_SESSION,
	.exec = cmd_list_keys_exec,
};

/* Commands as bind takes them: separated by "\\;". */
static char *
cmd_list_print_escaped(const struct cmd_list *cl)
{
	char	*line = cmd_list_print(cl), *out, *at;
	size_t	 n = 0;

	for (at = line; (at = strstr(at, " ; ")) != NULL; at += 3)
		n++;
	out = xmalloc(strlen(line) + n + 1);
	for (at = line, n = 0; *at != '\0'; at++) {
		if (strncmp(at, " ; ", 3) == 0 && at > line) {
			memcpy(out + n, " \\; ", 4);
			n += 4;
			at += 2;
			continue;
		}
		out[n++] = *at;
	}
	out[n] = '\0';
	free(line);
	return (out);
}

/* Add a table's bindings to the lines. */
static void
cmd_list_keys_table(const char *table, char ***lines, u_int *n)
{
	struct key_binding	*kb;
	char			*cmds;
	const char		*key, *quote;

	for (kb = key_bindings_first(table); kb != NULL;
	    kb = key_bindings_next(table, kb)) {
		cmds = cmd_list_print_escaped(kb->cmds);
		*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
		key = key_to_string(kb->key);
		quote = "";
		if (strpbrk(key, ";\"'#\\ ") != NULL)
			quote = strchr(key, '\'') != NULL ? "\"" : "'";
		xasprintf(&(*lines)[(*n)++], "bind%s%s %s%s%s%*s %s",
		    kb->repeat ? " -r" : "   ", *table == 'r' ? " -n" : "   ",
		    quote, key, quote,
		    (int)(10 - strlen(key) - 2 * strlen(quote)) > 0 ?
		    (int)(10 - strlen(key) - 2 * strlen(quote)) : 0, "", cmds);
		free(cmds);
	}
}

static enum cmd_retval
cmd_list_keys_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	char	**lines = NULL;
	u_int	  n = 0, i;

	(void)self;
	if (ctx->client == NULL && ctx->peer == NULL)
		return (CMD_RETURN_NORMAL);
	if (ctx->client != NULL)
		cmd_print(ctx, "prefix is %s; keys below follow it "
		    "(-n: no prefix). q closes, arrows scroll.",
		    key_to_string(options_get_key(OPT_PREFIX)));
	cmd_list_keys_table(KEY_TABLE_ROOT, &lines, &n);
	cmd_list_keys_table(KEY_TABLE_PREFIX, &lines, &n);
	for (i = 0; i < n; i++) {
		cmd_print(ctx, "%s", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return (CMD_RETURN_NORMAL);
}
