/* list-sessions: one line per session. */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "vigil/cmd.h"
#include "vigil/policy.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/supervise.h"
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

/* What a session's panes cost together, from the last sample. */
static void
cmd_list_sessions_cost(struct session *s, char *buf, size_t len)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	struct pane			*p;
	uint64_t			 footprint = 0;
	u_int				 sampled = 0, warnings = 0;
	char				 size[16];

	TAILQ_FOREACH(p, &s->panes, entry) {
		if (supervise_get(p, &t, &policy) != 0)
			continue;
		sampled++;
		footprint += t->n.footprint;
		warnings += policy_active(policy);
	}
	*buf = '\0';
	if (sampled == 0)
		return;
	policy_size(size, sizeof size, (double)footprint);
	if (warnings == 0)
		snprintf(buf, len, " footprint %s", size);
	else
		snprintf(buf, len, " footprint %s, %u warning%s", size,
		    warnings, warnings == 1 ? "" : "s");
}

static enum cmd_retval
cmd_list_sessions_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct session	*s;
	struct client	*c;
	struct tm	 tm;
	char		 when[64], att[32], cost[64];
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
		cmd_list_sessions_cost(s, cost, sizeof cost);
		cmd_print(ctx, "%s: %u pane%s (created %s) [%ux%u]%s%s", s->name,
		    n, n == 1 ? "" : "s", when, s->sx, s->sy, att, cost);
	}
	return (CMD_RETURN_NORMAL);
}
