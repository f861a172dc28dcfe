/* stats: what each pane's process tree costs, as a table or JSON. */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/filesample.h"
#include "vigil/json.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/policy.h"
#include "vigil/procfs.h"
#include "vigil/sample.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/utf8.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_stats_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_stats_entry = {
	.name = "stats",
	.alias = NULL,
	.args_template = "Jpt:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[--json] [--procs] [-t target]",
	.long_flags = "json=J,procs=p",
	.flags = 0,
	.exec = cmd_stats_exec,
};

/*
 * A line of the table. Names, paths and messages come from programs and
 * may hold anything: what is not printable goes out as \\ooo.
 */
static void __attribute__((format(printf, 2, 3)))
cmd_stats_line(struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list	 ap;
	char	*line, *safe;

	va_start(ap, fmt);
	xvasprintf(&line, fmt, ap);
	va_end(ap);
	safe = utf8_printable(line);
	cmd_print(ctx, "%s", safe);
	free(safe);
	free(line);
}

static void
cmd_stats_since(char *buf, size_t len, uint64_t since)
{
	time_t		t = supervise_wall(since);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The numbers every JSON object shares. */
static void
cmd_stats_json_numbers(struct cmd_ctx *ctx, const struct sample_numbers *n,
    const char *indent)
{
	u_int	k;
	char	kinds[256];
	size_t	off = 0;

	for (k = 0; k < PROCFS_FD_KINDS; k++) {
		off += snprintf(kinds + off, sizeof kinds - off, "%s\"%s\": %u",
		    k == 0 ? "" : ", ", procfs_fd_kind_name(k),
		    n->fds_kind[k]);
	}
	cmd_print(ctx, "%s\"procs\": %u, \"threads\": %u, \"cpu_pct\": %.1f, "
	    "\"rss_bytes\": %llu, \"pss_bytes\": %llu, \"swap_bytes\": %llu, "
	    "\"footprint_bytes\": %llu, \"fds\": %u, \"fds_by_kind\": {%s}, "
	    "\"rchar_per_s\": %.0f, \"wchar_per_s\": %.0f, "
	    "\"read_bytes_per_s\": %.0f, \"write_bytes_per_s\": %.0f, "
	    "\"syscr_per_s\": %.1f, \"syscw_per_s\": %.1f,", indent,
	    n->procs, n->threads, n->cpu_pct, (unsigned long long)n->rss,
	    (unsigned long long)n->pss, (unsigned long long)n->swap,
	    (unsigned long long)n->footprint, n->fds, kinds, n->rchar_s,
	    n->wchar_s, n->read_bytes_s, n->write_bytes_s, n->syscr_s,
	    n->syscw_s);
}

static void
cmd_stats_json_dups(struct cmd_ctx *ctx, const struct sample_dup *dups,
    u_int n, const char *indent, const char *end)
{
	char	*path;
	u_int	 i;

	if (n == 0) {
		cmd_print(ctx, "%s\"dup_open_files\": []%s", indent, end);
		return;
	}
	cmd_print(ctx, "%s\"dup_open_files\": [", indent);
	for (i = 0; i < n; i++) {
		path = json_string(dups[i].path);
		cmd_print(ctx, "%s  {\"path\": %s, \"count\": %u, "
		    "\"pid\": %ld}%s", indent, path, dups[i].count,
		    (long)dups[i].pid, i == n - 1 ? "" : ",");
		free(path);
	}
	cmd_print(ctx, "%s]%s", indent, end);
}

/* A pane's agent state, rule, profile and since when; null if unknown. */
static void
cmd_stats_json_state(struct cmd_ctx *ctx, struct pane *p, const char *indent)
{
	const struct agent	*a = supervise_agent_of(p);
	char			*rule, since[32];

	if (suspend_is_suspended(p)) {
		cmd_stats_since(since, sizeof since, suspend_since(p));
		cmd_print(ctx, "%s\"suspended\": true, \"suspended_since\": "
		    "\"%s\", \"suspend_method\": \"%s\",", indent, since,
		    suspend_method_name(p));
	} else {
		cmd_print(ctx, "%s\"suspended\": false, \"suspended_since\": "
		    "null, \"suspend_method\": \"%s\",", indent,
		    suspend_method_name(p));
	}
	cmd_print(ctx, "%s\"suspend_after\": %llu,", indent,
	    (unsigned long long)supervise_suspend_after(p) / 1000);
	if (a == NULL) {
		cmd_print(ctx, "%s\"state\": null, \"state_rule\": null, "
		    "\"agent\": null, \"state_since\": null,", indent);
		return;
	}
	rule = json_string(a->rule);
	cmd_stats_since(since, sizeof since, a->since);
	cmd_print(ctx, "%s\"state\": \"%s\", \"state_rule\": %s, "
	    "\"agent\": \"%s\", \"state_since\": \"%s\",", indent,
	    agent_state_name(a->state), rule, a->profile != NULL ?
	    a->profile->name : "any", since);
	free(rule);
}

/* How a pane's files are sampled (see filesample.h), in a JSON object. */
static void
cmd_stats_json_sample(struct cmd_ctx *ctx, struct pane *p, const char *indent)
{
	struct filesample_info	 info;
	char			 since[32], last[40], *off;

	filesample_info(p, &info);
	if (info.last != 0) {
		cmd_stats_since(since, sizeof since, info.last);
		snprintf(last, sizeof last, "\"%s\"", since);
	} else
		snprintf(last, sizeof last, "null");
	off = info.off != NULL ? json_string(info.off) : xstrdup("null");
	cmd_print(ctx, "%s\"file_sample\": {\"for\": %.1f, \"every\": %.1f, "
	    "\"runs\": %u, \"last\": %s, \"off\": %s},", indent,
	    info.length / 1000.0, info.every / 1000.0, info.runs, last, off);
	free(off);
}

/* One pane's active warnings, in a JSON array. */
static void
cmd_stats_json_warnings(struct cmd_ctx *ctx, const struct policy *policy)
{
	char	*msg, *file, since[32];
	u_int	 k, left;

	left = policy != NULL ? policy_active(policy) : 0;
	cmd_print(ctx, "   \"warnings\": [%s", left == 0 ? "]" : "");
	for (k = 0; left > 0 && k < POLICY_KINDS; k++) {
		if (!policy->w[k].active)
			continue;
		msg = json_string(policy->w[k].message);
		file = policy->w[k].file[0] != '\0' ?
		    json_string(policy->w[k].file) : xstrdup("null");
		cmd_stats_since(since, sizeof since, policy->w[k].since);
		cmd_print(ctx, "     {\"kind\": \"%s\", \"message\": %s, "
		    "\"since\": \"%s\", \"file\": %s}%s", policy_kind_name(k),
		    msg, since, file, --left == 0 ? "" : ",");
		free(msg);
		free(file);
	}
	if (policy != NULL && policy_active(policy) > 0)
		cmd_print(ctx, "   ]");
}

/* One pane as a JSON object. */
static void
cmd_stats_json(struct cmd_ctx *ctx, struct pane *p, int last)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	struct sample_numbers		 zero;
	char				*session, *command;
	int				 sampled;

	sampled = supervise_get(p, &t, &policy) == 0;
	session = json_string(p->session->name);
	command = json_string(p->command != NULL ? p->command : p->name);
	cmd_print(ctx, "  {\"session\": %s, \"pane\": %u, \"id\": \"%%%u\", "
	    "\"command\": %s, \"pid\": %ld, \"dead\": %s, \"sampled\": %s,",
	    session, session_pane_index(p->session, p), p->id, command,
	    (long)p->pid, pane_is_dead(p) ? "true" : "false",
	    sampled ? "true" : "false");
	free(session);
	free(command);
	cmd_stats_json_state(ctx, p, "   ");
	memset(&zero, 0, sizeof zero);
	cmd_stats_json_numbers(ctx, sampled ? &t->n : &zero, "   ");
	cmd_stats_json_dups(ctx, sampled ? t->dups : NULL, sampled ?
	    t->ndups : 0, "   ", ",");
	cmd_stats_json_sample(ctx, p, "   ");
	cmd_stats_json_warnings(ctx, sampled ? policy : NULL);
	cmd_print(ctx, "  }%s", last ? "" : ",");
}

/* One pane as a row of the table. */
static void
cmd_stats_row(struct cmd_ctx *ctx, struct pane *p, int w)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	char				 where[64], rss[16], pss[16], fp[16];
	char				 rd[16], wr[16], warn[200] = "";
	const struct agent		*a;
	u_int				 k;

	snprintf(where, sizeof where, "%s:%u", p->session->name,
	    session_pane_index(p->session, p));
	if (supervise_get(p, &t, &policy) != 0) {
		cmd_stats_line(ctx, "%-*.*s %7ld %-12.12s (not sampled yet)",
		    w, w, where, (long)p->pid, p->name);
		return;
	}
	for (k = 0; k < POLICY_KINDS; k++) {
		if (policy->w[k].active) {
			snprintf(warn + strlen(warn), sizeof warn - strlen(warn),
			    "%s%s", *warn == '\0' ? "" : "; ",
			    policy->w[k].message);
		}
	}
	a = supervise_agent_of(p);
	cmd_stats_line(ctx, "%-*.*s %7ld %-12.12s %-9s %5u %5u %5.1f %6s %6s "
	    "%9s %5u %7s %7s %s", w, w, where, (long)p->pid, p->name,
	    a != NULL ? agent_state_name(a->state) : "-", t->n.procs,
	    t->n.threads, t->n.cpu_pct,
	    policy_size(rss, sizeof rss, (double)t->n.rss),
	    policy_size(pss, sizeof pss, (double)t->n.pss),
	    policy_size(fp, sizeof fp, (double)t->n.footprint), t->n.fds,
	    policy_size(rd, sizeof rd, t->n.rchar_s),
	    policy_size(wr, sizeof wr, t->n.wchar_s), warn);
}

/* The detail of one pane: each process, heaviest first, and dup files. */
static void
cmd_stats_procs(struct cmd_ctx *ctx, struct pane *p, int json)
{
	const struct sample_proc	**procs;
	const struct sample_proc	 *q;
	char				  rss[16], pss[16], fp[16], rd[16];
	char				 *comm;
	u_int				  n, i, k, header = 0;

	n = supervise_procs(p, &procs);
	if (!json) {
		cmd_stats_line(ctx, "%s:%u %s (pid %ld): %u process%s",
		    p->session->name, session_pane_index(p->session, p),
		    p->name, (long)p->pid, n, n == 1 ? "" : "es");
		cmd_print(ctx, "%7s %7s %-15s S %4s %5s %6s %6s %9s %5s %7s",
		    "PID", "PPID", "COMMAND", "THR", "CPU%", "RSS", "PSS",
		    "FOOTPRINT", "FDS", "READ/s");
	} else
	{
		char	*session = json_string(p->session->name);

		cmd_print(ctx, "{\"session\": %s, \"pane\": %u, \"id\": \"%%%u\", "
		    "\"procs\": [", session, session_pane_index(p->session, p),
		    p->id);
		free(session);
	}
	for (i = 0; i < n; i++) {
		q = procs[i];
		if (json) {
			comm = json_string(q->comm);
			cmd_print(ctx, "  {\"pid\": %ld, \"ppid\": %ld, "
			    "\"command\": %s, \"state\": \"%c\",", (long)q->pid,
			    (long)q->ppid, comm, q->state);
			free(comm);
			cmd_stats_json_numbers(ctx, &q->n, "   ");
			cmd_stats_json_dups(ctx, q->dups, q->ndups, "   ", "");
			cmd_print(ctx, "  }%s", i == n - 1 ? "" : ",");
			continue;
		}
		cmd_stats_line(ctx, "%7ld %7ld %-15.15s %c %4u %5.1f %6s %6s %9s %5u "
		    "%7s", (long)q->pid, (long)q->ppid, q->comm, q->state,
		    q->n.threads, q->n.cpu_pct,
		    policy_size(rss, sizeof rss, (double)q->n.rss),
		    policy_size(pss, sizeof pss, (double)q->n.pss),
		    policy_size(fp, sizeof fp, (double)q->n.footprint),
		    q->n.fds, policy_size(rd, sizeof rd, q->n.rchar_s));
	}
	if (json)
		cmd_print(ctx, "]}");
	else {
		for (i = 0; i < n; i++) {
			for (k = 0; k < procs[i]->ndups; k++) {
				if (header++ == 0)
					cmd_print(ctx, "open more than once:");
				cmd_stats_line(ctx, "  %ux %s (pid %ld)",
				    procs[i]->dups[k].count,
				    procs[i]->dups[k].path,
				    (long)procs[i]->pid);
			}
		}
	}
	free(procs);
}

/* The panes a target names: a session's, one pane, or every one. */
static u_int
cmd_stats_panes(struct cmd_ctx *ctx, const char *target, struct pane ***out)
{
	struct session	*s, *only = NULL;
	struct pane	*p, **list = NULL;
	u_int		 n = 0;

	if (target != NULL && session_find(target) != NULL)
		only = session_find(target);
	else if (target != NULL) {
		if ((p = cmd_find_pane(ctx, target)) == NULL)
			return (0);
		list = xmalloc(sizeof *list);
		list[n++] = p;
		*out = list;
		return (n);
	}
	TAILQ_FOREACH(s, &sessions, entry) {
		if (only != NULL && s != only)
			continue;
		TAILQ_FOREACH(p, &s->panes, entry) {
			list = xreallocarray(list, n + 1, sizeof *list);
			list[n++] = p;
		}
	}
	*out = list;
	return (n);
}

static enum cmd_retval
cmd_stats_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args		*args = cmd_get_args(self);
	const struct sample_tree *t;
	const struct policy	*policy;
	struct pane		**list = NULL, *p;
	u_int			 n, i, fresh = 0;
	int			 json = args_has(args, 'J'), w = 12;

	if (args_has(args, 'p')) {
		if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
			return (CMD_RETURN_ERROR);
		/* Looked at: read the costly numbers now. */
		supervise_refresh(p);
		supervise_sample();
		cmd_stats_procs(ctx, p, json);
		return (CMD_RETURN_NORMAL);
	}
	n = cmd_stats_panes(ctx, args_get(args, 't'), &list);
	if (ctx->error != NULL) {
		free(list);
		return (CMD_RETURN_ERROR);
	}
	for (i = 0; i < n; i++)
		fresh += supervise_get(list[i], &t, &policy) != 0;
	if (fresh > 0 || supervise_age() > 2 * (uint64_t)
	    options_get_number(OPT_SAMPLE_INTERVAL))
		supervise_sample();

	/* The PANE column as wide as its widest "session:index". */
	for (i = 0; i < n; i++) {
		char	where[64];
		int	len;

		len = snprintf(where, sizeof where, "%s:%u",
		    list[i]->session->name,
		    session_pane_index(list[i]->session, list[i]));
		if (len > w)
			w = len < 40 ? len : 40;
	}
	if (json)
		cmd_print(ctx, "[");
	else {
		cmd_print(ctx, "%-*s %7s %-12s %-9s %5s %5s %5s %6s %6s %9s "
		    "%5s %7s %7s %s", w, "PANE", "PID", "COMMAND", "STATE",
		    "PROCS", "THR",
		    "CPU%", "RSS", "PSS", "FOOTPRINT", "FDS", "READ/s",
		    "WRITE/s", "WARNINGS");
	}
	for (i = 0; i < n; i++) {
		if (json)
			cmd_stats_json(ctx, list[i], i == n - 1);
		else
			cmd_stats_row(ctx, list[i], w);
	}
	if (json)
		cmd_print(ctx, "]");
	free(list);
	return (CMD_RETURN_NORMAL);
}
