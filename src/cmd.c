/*
 * Commands: the table, parsing words into commands, running them.
 *
 * Each command lives in its own cmd-NAME.c, described by a struct cmd_entry
 * (name, alias, flags template, positional range, usage, exec). Config
 * lines, key bindings and the prompt all go through cmd_list_parse.
 */

#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/config.h"
#include "vigil/pane.h"
#include "vigil/session.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

extern const struct cmd_entry cmd_agent_profile_entry;
extern const struct cmd_entry cmd_attach_session_entry;
extern const struct cmd_entry cmd_bind_key_entry;
extern const struct cmd_entry cmd_capture_pane_entry;
extern const struct cmd_entry cmd_command_prompt_entry;
extern const struct cmd_entry cmd_confirm_before_entry;
extern const struct cmd_entry cmd_detach_client_entry;
extern const struct cmd_entry cmd_display_message_entry;
extern const struct cmd_entry cmd_kill_pane_entry;
extern const struct cmd_entry cmd_kill_server_entry;
extern const struct cmd_entry cmd_kill_session_entry;
extern const struct cmd_entry cmd_list_keys_entry;
extern const struct cmd_entry cmd_list_panes_entry;
extern const struct cmd_entry cmd_list_sessions_entry;
extern const struct cmd_entry cmd_new_session_entry;
extern const struct cmd_entry cmd_next_layout_entry;
extern const struct cmd_entry cmd_profile_entry;
extern const struct cmd_entry cmd_refresh_client_entry;
extern const struct cmd_entry cmd_resize_pane_entry;
extern const struct cmd_entry cmd_resume_pane_entry;
extern const struct cmd_entry cmd_select_layout_entry;
extern const struct cmd_entry cmd_select_pane_entry;
extern const struct cmd_entry cmd_send_keys_entry;
extern const struct cmd_entry cmd_send_prefix_entry;
extern const struct cmd_entry cmd_set_option_entry;
extern const struct cmd_entry cmd_split_window_entry;
extern const struct cmd_entry cmd_stats_entry;
extern const struct cmd_entry cmd_suspend_pane_entry;
extern const struct cmd_entry cmd_unbind_key_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_agent_profile_entry,
	&cmd_attach_session_entry,
	&cmd_bind_key_entry,
	&cmd_capture_pane_entry,
	&cmd_command_prompt_entry,
	&cmd_confirm_before_entry,
	&cmd_detach_client_entry,
	&cmd_display_message_entry,
	&cmd_kill_pane_entry,
	&cmd_kill_server_entry,
	&cmd_kill_session_entry,
	&cmd_list_keys_entry,
	&cmd_list_panes_entry,
	&cmd_list_sessions_entry,
	&cmd_new_session_entry,
	&cmd_next_layout_entry,
	&cmd_profile_entry,
	&cmd_refresh_client_entry,
	&cmd_resize_pane_entry,
	&cmd_resume_pane_entry,
	&cmd_select_layout_entry,
	&cmd_select_pane_entry,
	&cmd_send_keys_entry,
	&cmd_send_prefix_entry,
	&cmd_set_option_entry,
	&cmd_split_window_entry,
	&cmd_stats_entry,
	&cmd_suspend_pane_entry,
	&cmd_unbind_key_entry,
	NULL
};

/* Find a command by name or alias; an unambiguous prefix also works. */
const struct cmd_entry *
cmd_find(const char *name, char **cause)
{
	const struct cmd_entry	*entry, *found = NULL;
	size_t			 n = strlen(name);
	u_int			 i;
	int			 ambiguous = 0;

	for (i = 0; cmd_table[i] != NULL; i++) {
		entry = cmd_table[i];
		if (strcmp(entry->name, name) == 0 ||
		    (entry->alias != NULL && strcmp(entry->alias, name) == 0))
			return (entry);
		if (n != 0 && strncmp(entry->name, name, n) == 0) {
			if (found != NULL)
				ambiguous = 1;
			found = entry;
		}
	}
	if (found != NULL && !ambiguous)
		return (found);
	xasprintf(cause, "%s command '%s'", ambiguous ? "ambiguous" :
	    "unknown", name);
	return (NULL);
}

/*
 * The short flag for a "--name" word in a "name=X,..." list, or 0. Long
 * flags are only for what users type from the shell (--json).
 */
static char
cmd_long_flag(const char *list, const char *word)
{
	size_t	n = strlen(word);

	while (list != NULL && *list != '\0') {
		if (strncmp(list, word, n) == 0 && list[n] == '=')
			return (list[n + 1]);
		if ((list = strchr(list, ',')) != NULL)
			list++;
	}
	return (0);
}

/* Parse one command from words; errarg is relative to these words. */
static struct cmd *
cmd_parse(int argc, char **argv, u_int *errarg, char **cause)
{
	const struct cmd_entry	*entry;
	struct args		*args;
	struct cmd		*cmd;
	char			*why, **words, flag[3] = "-X";
	int			 i;

	if ((entry = cmd_find(argv[0], cause)) == NULL) {
		*errarg = 0;
		return (NULL);
	}
	words = xcalloc(argc + 1, sizeof *words);
	for (i = 0; i < argc; i++) {
		words[i] = argv[i];
		if (strcmp(argv[i], "--") == 0)
			break;
		if (i > 0 && strncmp(argv[i], "--", 2) == 0 &&
		    (flag[1] = cmd_long_flag(entry->long_flags,
		    argv[i] + 2)) != 0)
			words[i] = xstrdup(flag);
	}
	for (; i < argc; i++)
		words[i] = argv[i];
	args = args_parse(entry->args_template, entry->args_lower,
	    entry->args_upper, argc, words, errarg, &why);
	for (i = 0; i < argc; i++) {
		if (words[i] != argv[i])
			free(words[i]);
	}
	free(words);
	if (args == NULL) {
		xasprintf(cause, "%s: %s (usage: %s %s)", entry->name, why,
		    entry->name, entry->usage);
		free(why);
		return (NULL);
	}
	cmd = xcalloc(1, sizeof *cmd);
	cmd->entry = entry;
	cmd->args = args;
	return (cmd);
}

/* Add a command to a list. */
static void
cmd_list_append(struct cmd_list *cl, struct cmd *cmd)
{
	cl->cmds = xreallocarray(cl->cmds, cl->ncmds + 1, sizeof *cl->cmds);
	cl->cmds[cl->ncmds++] = cmd;
}

struct cmd_list *
cmd_list_parse(int argc, char **argv, const int *separators, u_int *errarg,
    char **cause)
{
	struct cmd_list	*cl;
	struct cmd	*cmd;
	int		 start = 0, i;
	u_int		 err;

	cl = xcalloc(1, sizeof *cl);
	cl->references = 1;
	for (i = 0; i <= argc; i++) {
		if (i < argc && (separators != NULL ? !separators[i] :
		    strcmp(argv[i], ";") != 0))
			continue;
		if (i == start) {
			start = i + 1;
			continue;
		}
		cmd = cmd_parse(i - start, argv + start, &err, cause);
		if (cmd == NULL) {
			*errarg = start + err;
			cmd_list_free(cl);
			return (NULL);
		}
		cmd->word = start;
		cmd_list_append(cl, cmd);
		start = i + 1;
	}
	if (cl->ncmds == 0) {
		*errarg = 0;
		xasprintf(cause, "no command");
		cmd_list_free(cl);
		return (NULL);
	}
	return (cl);
}

struct cmd_list *
cmd_list_parse_string(const char *line, char **cause)
{
	struct config_words	 cw;
	struct cmd_list		*cl;
	char			**argv, *why;
	u_int			 col, err, i;
	int			*seps;

	if (config_split(line, &cw, &col, &why) != 0) {
		xasprintf(cause, "column %u: %s", col, why);
		free(why);
		return (NULL);
	}
	argv = xcalloc(cw.n + 1, sizeof *argv);
	seps = xcalloc(cw.n + 1, sizeof *seps);
	for (i = 0; i < cw.n; i++) {
		argv[i] = cw.words[i].text;
		seps[i] = cw.words[i].separator;
	}
	cl = cmd_list_parse(cw.n, argv, seps, &err, cause);
	free(argv);
	free(seps);
	config_words_free(&cw);
	return (cl);
}

void
cmd_list_ref(struct cmd_list *cl)
{
	cl->references++;
}

void
cmd_list_free(struct cmd_list *cl)
{
	u_int	i;

	if (cl == NULL || --cl->references > 0)
		return;
	for (i = 0; i < cl->ncmds; i++) {
		args_free(cl->cmds[i]->args);
		free(cl->cmds[i]);
	}
	free(cl->cmds);
	free(cl);
}

char *
cmd_list_print(const struct cmd_list *cl)
{
	char	*out = xstrdup(""), *args, *next;
	u_int	 i;

	for (i = 0; i < cl->ncmds; i++) {
		args = args_print(cl->cmds[i]->args);
		xasprintf(&next, "%s%s%s%s%s", out, i == 0 ? "" : " ; ",
		    cl->cmds[i]->entry->name, *args != '\0' ? " " : "", args);
		free(args);
		free(out);
		out = next;
	}
	return (out);
}

/*
 * Run each command in turn; the first error stops the list. A command that
 * waits must be the last: nothing after it would know when to run.
 */
enum cmd_retval
cmd_list_exec(struct cmd_list *cl, struct cmd_ctx *ctx)
{
	struct cmd	*cmd;
	enum cmd_retval	 retval;
	u_int		 i;

	ctx->error_word = -1;
	for (i = 0; i + 1 < cl->ncmds; i++) {
		cmd = cl->cmds[i];
		if (cmd->entry->flags & CMD_LAST) {
			cmd_error(ctx, "%s: must be the last command",
			    cmd->entry->name);
			ctx->error_word = cmd->word;
			return (CMD_RETURN_ERROR);
		}
	}
	cmd_list_ref(cl);
	for (i = 0; i < cl->ncmds; i++) {
		cmd = cl->cmds[i];
		if ((cmd->entry->flags & CMD_NEEDS_SESSION) &&
		    ctx->session == NULL) {
			cmd_error(ctx, "%s: needs a running session",
			    cmd->entry->name);
			ctx->error_word = cmd->word;
			cmd_list_free(cl);
			return (CMD_RETURN_ERROR);
		}
		retval = cmd->entry->exec(cmd, ctx);
		if (retval != CMD_RETURN_NORMAL) {
			cmd_list_free(cl);
			return (retval);
		}
	}
	cmd_list_free(cl);
	return (CMD_RETURN_NORMAL);
}

struct args *
cmd_get_args(struct cmd *cmd)
{
	return (cmd->args);
}

void
cmd_print(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*line;
	int	 n;

	va_start(ap, fmt);
	n = xvasprintf(&line, fmt, ap);
	va_end(ap);
	ctx->output = xrealloc(ctx->output, ctx->output_len + n + 2);
	memcpy(ctx->output + ctx->output_len, line, n);
	ctx->output_len += n;
	ctx->output[ctx->output_len++] = '\n';
	ctx->output[ctx->output_len] = '\0';
	free(line);
}

void
cmd_ctx_done(struct cmd_ctx *ctx)
{
	char	**lines = NULL, *s, *nl;
	u_int	  n = 0;

	if (ctx->client != NULL && ctx->output != NULL) {
		for (s = ctx->output; (nl = strchr(s, '\n')) != NULL;
		    s = nl + 1) {
			lines = xreallocarray(lines, n + 1, sizeof *lines);
			lines[n++] = xstrndup(s, nl - s);
		}
		client_show_overlay(ctx->client, lines, n);
	}
	cmd_ctx_free(ctx);
}

void
cmd_ctx_free(struct cmd_ctx *ctx)
{
	free(ctx->output);
	free(ctx->error);
	ctx->output = ctx->error = NULL;
	ctx->output_len = 0;
}

void
cmd_error(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list	ap;

	free(ctx->error);
	va_start(ap, fmt);
	xvasprintf(&ctx->error, fmt, ap);
	va_end(ap);
}

void
cmd_error_word(struct cmd_ctx *ctx, struct cmd *cmd, u_int word,
    const char *fmt, ...)
{
	va_list	ap;

	free(ctx->error);
	va_start(ap, fmt);
	xvasprintf(&ctx->error, fmt, ap);
	va_end(ap);
	ctx->error_word = cmd->word + word;
}

u_int
cmd_word_of_arg(struct cmd *cmd, int n)
{
	return (cmd->args->argv_index + n);
}

u_int
cmd_word_of_flag(struct cmd *cmd, u_char flag)
{
	return (flag < 128 ? cmd->args->value_index[flag] : 0);
}

/* A number with nothing else around it, or -1. */
static long
cmd_parse_index(const char *s)
{
	char	*end;
	long	 n;

	if (*s < '0' || *s > '9')
		return (-1);
	n = strtol(s, &end, 10);
	if (*end != '\0' || n > INT_MAX)
		return (-1);
	return (n);
}

/* A pane in s by the part of a target after any "SESSION:". */
static struct pane *
cmd_find_pane_in(struct cmd_ctx *ctx, struct session *s, const char *spec)
{
	struct pane	*p;
	long		 n;

	if (s->active == NULL)
		return (NULL);	/* being closed: no panes left */
	if (*spec == '\0')
		return (s == ctx->session && ctx->pane != NULL ? ctx->pane :
		    s->active);
	if (strcmp(spec, "next") == 0 || strcmp(spec, "+") == 0) {
		if (TAILQ_NEXT(s->active, entry) == NULL)
			return (TAILQ_FIRST(&s->panes));
		return (TAILQ_NEXT(s->active, entry));
	}
	if (strcmp(spec, "prev") == 0 || strcmp(spec, "-") == 0) {
		if (TAILQ_PREV(s->active, panes, entry) == NULL)
			return (TAILQ_LAST(&s->panes, panes));
		return (TAILQ_PREV(s->active, panes, entry));
	}
	if (strcmp(spec, "last") == 0 || strcmp(spec, "!") == 0)
		return (s->last);
	if (spec[0] == '%' && (n = cmd_parse_index(spec + 1)) >= 0) {
		p = pane_find_by_id(n);
		return (p != NULL && p->session == s ? p : NULL);
	}
	if ((n = cmd_parse_index(spec)) >= 0)
		return (session_pane_by_index(s, n));
	return (NULL);
}

struct pane *
cmd_find_pane(struct cmd_ctx *ctx, const char *target)
{
	struct session	*s = ctx->session;
	struct pane	*p = NULL;
	const char	*colon;
	char		*name;
	long		 n;

	if (target == NULL)
		target = "";
	if (target[0] == '%' && (n = cmd_parse_index(target + 1)) >= 0) {
		/* A pane id is unique across sessions. */
		if ((p = pane_find_by_id(n)) == NULL)
			cmd_error(ctx, "no such pane: %s", target);
		return (p);
	}
	if ((colon = strchr(target, ':')) != NULL) {
		name = xstrndup(target, colon - target);
		s = *name == '\0' ? ctx->session : session_find(name);
		free(name);
		if (s == NULL) {
			cmd_error(ctx, "no such session: %.*s",
			    (int)(colon - target), target);
			return (NULL);
		}
		target = colon + 1;
	} else if (*target != '\0' && session_find(target) != NULL &&
	    (s == NULL || cmd_find_pane_in(ctx, s, target) == NULL)) {
		/* A session name alone: its active pane. */
		s = session_find(target);
		target = "";
	}
	if (s == NULL) {
		cmd_error(ctx, "no session");
		return (NULL);
	}
	if ((p = cmd_find_pane_in(ctx, s, target)) == NULL)
		cmd_error(ctx, "no such pane: %s", target);
	return (p);
}

struct session *
cmd_find_session(struct cmd_ctx *ctx, const char *target)
{
	struct session	*s;
	struct pane	*p;
	char		*name;

	if (target == NULL || *target == '\0') {
		if (ctx->session == NULL || TAILQ_EMPTY(&ctx->session->panes)) {
			cmd_error(ctx, "no session");
			return (NULL);
		}
		return (ctx->session);
	}
	if (target[0] == '%') {
		if ((p = cmd_find_pane(ctx, target)) == NULL)
			return (NULL);
		return (p->session);
	}
	name = xstrndup(target, strcspn(target, ":"));
	s = *name == '\0' ? ctx->session : session_find(name);
	if (s == NULL || TAILQ_EMPTY(&s->panes)) {
		cmd_error(ctx, "no such session: %s", name);
		s = NULL;
	}
	free(name);
	return (s);
}
