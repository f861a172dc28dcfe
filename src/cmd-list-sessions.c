/* list-sessions: one line per session. */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "vigil/cmd.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/vigil.h"

static enum cmd_retval	cmd_list_sessions_exec(struct cmd *,
			    struct cmd_ctx *);

const struct cmd_entry cmd_list_sessions_entry = {
	.name = "list-sessions",
	.alias = "ls",
	.args_template = "",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "",
	.flags = 0,
	.exec = cmd_list_sessions_exec,
};

static enum cmd_retval
cmd_list_sessions_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct session	*s;
	struct client	*c;
	struct tm	 tm;
	char		 when[64], att[32];
	u_int		 n, attached;

	(void)self;
	if (TAILQ_EMPTY(&sessions)) {
		cmd_error(ctx, "no sessions");
		return (CMD_RETURN_ERROR);
	}
	TAILQ_FOREACH(s, &sessions, entry) {
		if (TAILQ_EMPTY(&s->panes))
			continue;	/* being killed */
		n = session_count_panes(s);
		attached = 0;
		TAILQ_FOREACH(c, &clients, entry)
			attached += c->session == s;
		localtime_r(&s->created, &tm);
		strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y", &tm);
		att[0] = '\0';
		if (attached == 1)
			snprintf(att, sizeof att, " (attached)");
		else if (attached > 1)
			snprintf(att, sizeof att, " (attached: %u)", attached);
		cmd_print(ctx, "%s: %u pane%s (created %s) [%ux%u]%s", s->name,
		    n, n == 1 ? "" : "s", when, s->sx, s->sy, att);
	}
	return (CMD_RETURN_NORMAL);
}
