/* new-session: start a session with one pane per command. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/options.h"
#include "vigil/peer.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/tty.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_new_session_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_new_session_entry = {
	.name = "new-session",
	.alias = "new",
	.args_template = "ds:x:y:",
	.args_lower = 0,
	.args_upper = -1,
	.usage = "[-d] [-s name] [-x width] [-y height] [command ...]",
	.flags = 0,
	.exec = cmd_new_session_exec,
};

/* A name nobody uses: -s, else "main", "main-2", ... */
static char *
cmd_new_session_name(struct cmd_ctx *ctx, const char *want)
{
	char	*name;
	u_int	 i;

	if (want != NULL) {
		if (*want == '\0' || strpbrk(want, ":.%") != NULL) {
			cmd_error(ctx, "bad session name '%s'", want);
			return (NULL);
		}
		if (session_find(want) != NULL) {
			cmd_error(ctx, "duplicate session: %s", want);
			return (NULL);
		}
		return (xstrdup(want));
	}
	if (session_find("main") == NULL)
		return (xstrdup("main"));
	for (i = 2;; i++) {
		xasprintf(&name, "main-%u", i);
		if (session_find(name) == NULL)
			return (name);
		free(name);
	}
}

/* The size: the terminal's, else -x and -y, else 80x24. */
static int
cmd_new_session_size(struct cmd_ctx *ctx, struct args *args, int fd,
    u_int *sx, u_int *sy)
{
	char		*cause;
	long long	 n;

	*sx = 80;
	*sy = 24;
	if (fd != -1 && tty_read_size(fd, sx, sy) == 0)
		;
	else {
		if (args_has(args, 'x')) {
			if ((n = args_number(args, 'x', 1, 10000, &cause)) < 0)
				goto bad;
			*sx = n;
		}
		if (args_has(args, 'y')) {
			if ((n = args_number(args, 'y', 1, 10000, &cause)) < 0)
				goto bad;
			*sy = n;
		}
	}
	if (options_get_number(OPT_STATUS) && *sy > 1)
		(*sy)--;
	return (0);
bad:
	cmd_error(ctx, "size: %s", cause);
	free(cause);
	return (-1);
}

/* Panes start where the command was run, with its environment. */
static void
cmd_new_session_origin(struct session *s, struct peer *peer)
{
	u_int	n = 0, i;

	if (peer == NULL)
		return;
	s->cwd = xstrdup(peer->cwd);
	if (peer->environ == NULL)
		return;
	while (peer->environ[n] != NULL)
		n++;
	s->environ = xcalloc(n + 1, sizeof *s->environ);
	for (i = 0; i < n; i++)
		s->environ[i] = xstrdup(peer->environ[i]);
}

static enum cmd_retval
cmd_new_session_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct peer	*peer = ctx->peer;
	struct session	*s;
	char		*name, *cause;
	u_int		 sx, sy;
	int		 detached = args_has(args, 'd'), fd = -1;

	if (ctx->client == NULL && peer == NULL) {
		cmd_error(ctx, "new-session: not from the config file");
		return (CMD_RETURN_ERROR);
	}
	if (server_is_exiting()) {
		cmd_error(ctx, "the server is exiting");
		return (CMD_RETURN_ERROR);
	}
	if (!detached && ctx->client == NULL) {
		if (peer->tty_fd == -1) {
			cmd_error(ctx, "not a terminal (use -d to start "
			    "detached)");
			return (CMD_RETURN_ERROR);
		}
		fd = peer->tty_fd;
	} else if (!detached)
		fd = ctx->client->tty->fd;
	if ((name = cmd_new_session_name(ctx, args_get(args, 's'))) == NULL)
		return (CMD_RETURN_ERROR);
	if (cmd_new_session_size(ctx, args, fd, &sx, &sy) != 0) {
		free(name);
		return (CMD_RETURN_ERROR);
	}
	s = session_create(name, sx, sy);
	free(name);
	cmd_new_session_origin(s, peer);
	if (session_spawn_tiled(s, args->argv, args->argc, &cause) != 0) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		session_destroy(s);
		return (CMD_RETURN_ERROR);
	}
	server_touch_session(s);
	ctx->session = s;
	ctx->pane = s->active;
	if (detached)
		return (CMD_RETURN_NORMAL);
	if (ctx->client != NULL) {
		client_set_session(ctx->client, s);
		return (CMD_RETURN_NORMAL);
	}
	if (peer_attach(peer, s, &cause) == NULL) {
		cmd_error(ctx, "%s", cause);
		free(cause);
		session_destroy(s);
		return (CMD_RETURN_ERROR);
	}
	return (CMD_RETURN_NORMAL);
}
