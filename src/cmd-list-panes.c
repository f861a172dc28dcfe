/* list-panes: one line (or JSON object) per pane. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/json.h"
#include "vigil/pane.h"
#include "vigil/policy.h"
#include "vigil/profiler.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/vigil.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_list_panes_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_list_panes_entry = {
	.name = "list-panes",
	.alias = "lsp",
	.args_template = "aJt:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-a] [--json] [-t session]",
	.long_flags = "json=J,all=a",
	.flags = 0,
	.exec = cmd_list_panes_exec,
};

/* One pane as a JSON object. */
static void
cmd_list_panes_json(struct cmd_ctx *ctx, struct pane *p, int last)
{
	struct session		*s = p->session;
	const struct agent	*a;
	char			*session, *command, *name, *state, *rule;
	char			 profiling[32], sampling[32];
	uint64_t		 ms;

	session = json_string(s->name);
	command = json_string(p->command != NULL ? p->command : "");
	name = json_string(p->name);
	a = supervise_agent_of(p);
	if (suspend_is_suspended(p))
		state = xstrdup("\"suspended\", \"state_rule\": \"suspended\"");
	else if (a != NULL) {
		rule = json_string(a->rule);
		xasprintf(&state, "\"%s\", \"state_rule\": %s",
		    agent_state_name(a->state), rule);
		free(rule);
	} else
		state = xstrdup("null, \"state_rule\": null");
	if (profiler_running(p, &ms))
		snprintf(profiling, sizeof profiling, "%.1f", ms / 1000.0);
	else
		snprintf(profiling, sizeof profiling, "null");
	if (profiler_sampling(p, &ms))
		snprintf(sampling, sizeof sampling, "%.1f", ms / 1000.0);
	else
		snprintf(sampling, sizeof sampling, "null");
	cmd_print(ctx, "  {\"session\": %s, \"pane\": %u, \"id\": \"%%%u\", "
	    "\"name\": %s, \"command\": %s, \"pid\": %ld, \"size\": \"%ux%u\", "
	    "\"width\": %u, \"height\": %u, \"active\": %s, \"dead\": %s, "
	    "\"state\": %s, \"suspended\": %s, \"suspend_method\": \"%s\", "
	    "\"hibernated\": %s, \"profiling\": %s, \"sampling\": %s, "
	    "\"history_lines\": %u, \"history_bytes\": %zu}%s",
	    session, session_pane_index(s, p), p->id, name,
	    command, (long)p->pid, p->sx, p->sy, p->sx, p->sy,
	    p == s->active ? "true" : "false",
	    pane_is_dead(p) ? "true" : "false", state,
	    suspend_is_suspended(p) ? "true" : "false", suspend_method_name(p),
	    (p->flags & PANE_HIBERNATED) ? "true" : "false", profiling,
	    sampling, vt_history_size(p->vt), vt_history_bytes(p->vt), last ? "" : ",");
	free(state);
	free(session);
	free(command);
	free(name);
}

static void
cmd_list_panes_text(struct cmd_ctx *ctx, struct pane *p)
{
	struct session	*s = p->session;
	char		 size[16];

	policy_size(size, sizeof size, vt_history_bytes(p->vt));
	cmd_print(ctx, "%s:%u: %s [%ux%u] %%%u pid %ld [history %u, %s]%s%s%s%s%s",
	    s->name, session_pane_index(s, p), p->name, p->sx, p->sy, p->id,
	    (long)p->pid, vt_history_size(p->vt), size,
	    p == s->active ? " (active)" : "",
	    pane_is_dead(p) ? " (dead)" : "",
	    suspend_is_suspended(p) ? " (suspended)" : "",
	    profiler_running(p, NULL) ? " (profiling)" : "",
	    profiler_sampling(p, NULL) ? " (sampling files)" : "");
}

static enum cmd_retval
cmd_list_panes_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct session	*s, *only = NULL;
	struct pane	*p, **list = NULL;
	u_int		 n = 0, i;
	int		 json = args_has(args, 'J');

	if (!args_has(args, 'a') &&
	    (only = cmd_find_session(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	TAILQ_FOREACH(s, &sessions, entry) {
		if (only != NULL && s != only)
			continue;
		TAILQ_FOREACH(p, &s->panes, entry) {
			list = xreallocarray(list, n + 1, sizeof *list);
			list[n++] = p;
		}
	}
	if (json)
		cmd_print(ctx, "[");
	for (i = 0; i < n; i++) {
		if (json)
			cmd_list_panes_json(ctx, list[i], i == n - 1);
		else
			cmd_list_panes_text(ctx, list[i]);
	}
	if (json)
		cmd_print(ctx, "]");
	free(list);
	return (CMD_RETURN_NORMAL);
}
