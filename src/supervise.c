/*
 * The supervisor: a timer that samples every pane's process tree, feeds
 * each pane's warnings, logs their changes, and draws each pane's resource
 * view on the status line.
 *
 * Panes only record when they last printed (pane->output_at); everything
 * else is read here, on the timer, so a busy pane costs nothing extra.
 */

#include "config.h"

#include <sys/queue.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/agent.h"
#include "vigil/client.h"
#include "vigil/filesample.h"
#include "vigil/json.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/policy.h"
#include "vigil/sample.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

#define SUPERVISE_BAR_CELLS	4
#define SUPERVISE_SPARK_CELLS	8
#define SUPERVISE_WARN_PERCENT	75	/* of the budget: warning colour */
#define SUPERVISE_AGENT_LINES	12	/* lines of text the state rules read */
#define SUPERVISE_PRESSURE_WAIT	10000	/* ms between pressure hibernations */

/* What the supervisor keeps for one pane. */
struct supervise_pane {
	u_int				 id;
	int				 sampled;	/* numbers to show */
	int				 watched;	/* warnings fed */
	struct policy			 policy;
	struct agent			 agent;

	/* The screen's last lines of text, as of output at lines_at. */
	char				*lines[SUPERVISE_AGENT_LINES];
	u_int				 nlines;
	uint64_t			 lines_at;

	uint64_t			 suspend_failed; /* ms, last try */

	/* The agent profile, and what it was chosen from. */
	const struct agent_profile	*profile;
	uint64_t			 profile_key;
	u_int				 profile_gen;

	/* Who it was, for the log once the pane has gone. */
	char				*session;
	u_int				 index;
	char				*command;
	pid_t				 pid;

	TAILQ_ENTRY(supervise_pane)	 entry;
};
static TAILQ_HEAD(, supervise_pane) supervise_panes =
    TAILQ_HEAD_INITIALIZER(supervise_panes);

static struct sampler	*supervise_sampler;
static struct event	*supervise_timer;
static uint64_t		 supervise_last;	/* ms of the last sample */
static int		 supervise_log_errno;	/* last event log failure */

static void	supervise_run(int);
static int	supervise_listed(struct pane *);
static void	supervise_status_state(struct session *, struct pane *,
		    char **);
static void	supervise_status(struct status_line *, struct session *,
		    struct pane *, const struct style *);

uint64_t
supervise_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

time_t
supervise_wall(uint64_t ms)
{
	uint64_t	now = supervise_now();

	return (time(NULL) - (time_t)((now > ms ? now - ms : 0) / 1000));
}

void
supervise_limits(struct policy_limits *l)
{
	l->budget = options_get_number(OPT_PANE_BUDGET);
	l->fd_limit = options_get_number(OPT_FD_LIMIT);
	l->thread_limit = options_get_number(OPT_THREAD_LIMIT);
	l->growth = (double)options_get_number(OPT_GROWTH_WARNING);
	l->fd_growth = (double)options_get_number(OPT_FD_GROWTH_WARNING);
	l->window = options_get_number(OPT_GROWTH_WINDOW);
	l->reread_rate = (double)options_get_number(OPT_REREAD_WARNING);
	l->reread_calls = (double)options_get_number(OPT_REREAD_CALLS);
	l->dup_limit = options_get_number(OPT_DUP_OPEN_LIMIT);
	l->spin_cpu = (double)options_get_number(OPT_SPIN_WARNING);
	l->reopen_rate = (double)options_get_number(OPT_REOPEN_WARNING);
	l->sustain = options_get_number(OPT_WARNING_SUSTAIN);
	l->clear = options_get_number(OPT_WARNING_CLEAR);
}

static struct supervise_pane *
supervise_find(u_int id)
{
	struct supervise_pane	*sp;

	TAILQ_FOREACH(sp, &supervise_panes, entry) {
		if (sp->id == id)
			return (sp);
	}
	return (NULL);
}

char *
supervise_state_path(const char *name)
{
	const char	*state = getenv("XDG_STATE_HOME");
	const char	*home = getenv("HOME");
	char		*path;

	if (state != NULL && *state == '/')
		xasprintf(&path, "%s/vigil/%s", state, name);
	else if (home != NULL && *home == '/')
		xasprintf(&path, "%s/.local/state/vigil/%s", home, name);
	else
		return (NULL);
	return (path);
}

char *
supervise_event_path(void)
{
	return (supervise_state_path("events.jsonl"));
}

int
supervise_mkdirs(char *path)
{
	char	*cp;

	for (cp = path + 1; (cp = strchr(cp, '/')) != NULL; cp++) {
		*cp = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*cp = '/';
			return (-1);
		}
		*cp = '/';
	}
	return (0);
}

/*
 * Say once per kind of failure, in the server log and on every attached
 * terminal, that the event log can't be written; warnings go on anyway.
 */
static void
supervise_log_failed(const char *path, int error)
{
	struct client	*c;

	if (supervise_log_errno != error) {
		log_warnx("event log %s: %s", path, strerror(error));
		TAILQ_FOREACH(c, &clients, entry)
			client_message(c, "event log %s: %s", path,
			    strerror(error));
	}
	supervise_log_errno = error;
}

/*
 * Append one event to the log as a JSON line: time, event, the pane, then
 * the event's own members (a JSON fragment).
 */
static void
supervise_log_line(struct supervise_pane *sp, const char *event,
    const char *members)
{
	char		*path, *line, *session, *command, now[32];
	struct tm	 tm;
	time_t		 t = time(NULL);
	struct stat	 sb;
	ssize_t		 n;
	int		 fd;

	if (!options_get_number(OPT_EVENT_LOG) ||
	    (path = supervise_event_path()) == NULL)
		return;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	session = json_string(sp->session);
	command = json_string(sp->command);
	xasprintf(&line, "{\"time\": \"%s\", \"event\": \"%s\", "
	    "\"session\": %s, \"pane\": %u, \"id\": \"%%%u\", \"command\": %s, "
	    "\"pid\": %ld, %s}\n", now, event, session, sp->index, sp->id,
	    command, (long)sp->pid, members);
	free(session);
	free(command);

	/* Never wait on a FIFO (or anything else) put in the file's place. */
	if (supervise_mkdirs(path) != 0 || (fd = open(path, O_WRONLY |
	    O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK,
	    0600)) == -1) {
		supervise_log_failed(path, errno);
		goto out;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		supervise_log_failed(path, EINVAL);
		close(fd);
		goto out;
	}
	n = write(fd, line, strlen(line));
	if (n != (ssize_t)strlen(line)) {
		supervise_log_failed(path, n == -1 ? errno : ENOSPC);
		/* Never leave half a line: cut back what went. */
		if (n > 0 && ftruncate(fd, lseek(fd, 0, SEEK_END) - n) != 0)
			log_warnx("event log %s: %s", path, strerror(errno));
	} else
		supervise_log_errno = 0;
	close(fd);
out:
	free(line);
	free(path);
}

/* Log one warning change, with the file behind it if it is known. */
static void
supervise_log_event(struct supervise_pane *sp, enum policy_kind kind,
    const struct policy_warning *w, const char *event)
{
	char		*members, *message, *file, since[32];
	struct tm	 tm;
	time_t		 st = supervise_wall(w->since);

	gmtime_r(&st, &tm);
	strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
	message = json_string(w->message);
	file = w->file[0] != '\0' ? json_string(w->file) : xstrdup("null");
	xasprintf(&members, "\"kind\": \"%s\", \"message\": %s, "
	    "\"since\": \"%s\", \"file\": %s", policy_kind_name(kind), message,
	    since, file);
	supervise_log_line(sp, event, members);
	free(members);
	free(message);
	free(file);
}

/* Log the warnings that went up (raised) or down (cleared), as bits. */
static void
supervise_log_changes(struct pane *p, struct supervise_pane *sp,
    u_int raised, u_int cleared)
{
	u_int	k;

	for (k = 0; k < POLICY_KINDS; k++) {
		if (!((raised | cleared) & (1u << k)))
			continue;
		log_debug("pane %%%u: %s %s: %s", p->id,
		    (raised & (1u << k)) ? "warning" : "cleared",
		    policy_kind_name(k), sp->policy.w[k].message);
		supervise_log_event(sp, k, &sp->policy.w[k],
		    (raised & (1u << k)) ? "warning" : "cleared");
	}
}

/* Who a pane is, for the log. */
static void
supervise_identify(struct pane *p, struct supervise_pane *sp)
{
	free(sp->session);
	sp->session = xstrdup(p->session->name);
	sp->index = session_pane_index(p->session, p);
	free(sp->command);
	sp->command = xstrdup(p->command != NULL ? p->command : p->name);
	sp->pid = p->pid;
}

/*
 * Run notify-command for a pane that starts waiting, in the background,
 * with what it is about in its environment. The server reaps it with the
 * other children that are not panes.
 */
static void
supervise_notify_command(struct pane *p, const struct supervise_pane *sp)
{
	const char	*cmd = options_get_string(OPT_NOTIFY_COMMAND);
	char		 id[16], index[16];
	sigset_t	 set;
	pid_t		 pid;
	int		 fd, sig;

	if (cmd == NULL || *cmd == '\0')
		return;
	snprintf(id, sizeof id, "%%%u", p->id);
	snprintf(index, sizeof index, "%u", session_pane_index(p->session, p));
	if ((pid = fork()) == -1) {
		log_warnx("notify-command: fork: %s", strerror(errno));
		return;
	}
	if (pid != 0)
		return;
	/* The server ignores and blocks signals a command must not. */
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	setsid();
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	closefrom(3);
	setenv("VIGIL_NOTIFY_PANE", id, 1);
	setenv("VIGIL_NOTIFY_SESSION", p->session->name, 1);
	setenv("VIGIL_NOTIFY_INDEX", index, 1);
	setenv("VIGIL_NOTIFY_COMMAND", p->command != NULL ? p->command :
	    p->name, 1);
	setenv("VIGIL_NOTIFY_AGENT", sp->agent.profile != NULL ?
	    sp->agent.profile->name : "any", 1);
	setenv("VIGIL_NOTIFY_RULE", sp->agent.rule, 1);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/*
 * A pane starts waiting: tell every terminal that does not have it in
 * front of the user (bell, OSC 9 or both), and run notify-command.
 */
static void
supervise_waiting(struct pane *p, const struct supervise_pane *sp)
{
	struct client	*c;
	char		*text;
	long long	 alert = options_get_number(OPT_WAITING_ALERT);

	xasprintf(&text, "%s:%u %s is waiting: %s", p->session->name,
	    session_pane_index(p->session, p), p->name, sp->agent.rule);
	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session == p->session && p == p->session->active)
			continue;
		if (alert == WAITING_ALERT_BELL || alert == WAITING_ALERT_BOTH)
			tty_bell(c->tty);
		if (alert == WAITING_ALERT_NOTIFY ||
		    alert == WAITING_ALERT_BOTH)
			tty_notify(c->tty, text);
	}
	free(text);
	supervise_notify_command(p, sp);
}

/*
 * The last lines of text on a pane's screen, top first (dialogs are airy,
 * so blank rows are skipped), read again only if the pane has printed
 * since: reading cells is the costly part of a sample of a quiet pane.
 */
static void
supervise_screen_lines(struct pane *p, struct supervise_pane *sp)
{
	u_int	sx, sy, y, i;
	char	*row, *tmp;

	if (sp->lines_at != 0 && sp->lines_at == p->output_at)
		return;
	for (i = 0; i < sp->nlines; i++)
		free(sp->lines[i]);
	sp->nlines = 0;
	sp->lines_at = p->output_at;
	vt_size(p->vt, &sx, &sy);
	for (y = sy; y > 0 && sp->nlines < SUPERVISE_AGENT_LINES; y--) {
		row = vt_row_text(p->vt, y - 1);
		if (row[strspn(row, " ")] == '\0')
			free(row);
		else
			sp->lines[sp->nlines++] = row;
	}
	for (i = 0; i < sp->nlines / 2; i++) {
		tmp = sp->lines[i];
		sp->lines[i] = sp->lines[sp->nlines - 1 - i];
		sp->lines[sp->nlines - 1 - i] = tmp;
	}
}

/* FNV-1a of a string. */
static uint64_t
supervise_hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (u_char)*s) * 1099511628211ULL;
	return (h);
}

/*
 * A pane's agent state from what it printed, rang and notified, its
 * tree's CPU and names, and the bottom lines of its screen. A pane that
 * starts waiting rings the bell of every terminal that doesn't have it
 * in front of the user.
 */
static void
supervise_agent(struct pane *p, struct supervise_pane *sp,
    const struct sample_tree *t, uint64_t now)
{
	struct agent_evidence		  e;
	struct agent_limits		  l;
	const struct sample_proc	**procs;
	const char			**names;
	uint64_t			  key;
	u_int				  nnames, i;

	memset(&e, 0, sizeof e);
	e.now = now;
	e.output_at = p->output_at;
	e.title_at = p->title_at;
	e.bell_at = p->bell_at;
	e.notify_at = p->notify_at;
	e.notify_text = p->notify_text;
	e.progress = p->progress;
	e.cpu_pct = t != NULL ? t->n.cpu_pct : 0.0;
	e.dead = pane_is_dead(p);
	e.suspended = suspend_is_suspended(p);
	e.hibernated = (p->flags & PANE_HIBERNATED) != 0;

	supervise_screen_lines(p, sp);
	e.lines = (const char *const *)sp->lines;
	e.nlines = sp->nlines;

	/*
	 * The profile from the pane's command and its processes' names,
	 * matched again only when those or the profiles have changed.
	 */
	nnames = supervise_procs(p, &procs);
	names = xcalloc(nnames + 1, sizeof *names);
	names[0] = p->command != NULL ? p->command : p->name;
	key = supervise_hash(names[0]);
	for (i = 0; i < nnames; i++) {
		names[i + 1] = procs[i]->comm;
		/* A sum: the same whatever order the processes come in. */
		key += supervise_hash(procs[i]->comm) ^ (uint64_t)procs[i]->pid;
	}
	if (sp->profile == NULL || key != sp->profile_key ||
	    sp->profile_gen != agent_profiles_generation()) {
		sp->profile = agent_profile_for(names, nnames + 1);
		sp->profile_key = key;
		sp->profile_gen = agent_profiles_generation();
	}
	agent_limits_default(&l);
	if (agent_update(&sp->agent, sp->profile, &l, &e)) {
		log_debug("pane %%%u: %s (%s)", p->id,
		    agent_state_name(sp->agent.state), sp->agent.rule);
		if (sp->agent.state == AGENT_WAITING)
			supervise_waiting(p, sp);
	}
	free(names);
	free(procs);
}

/* Start keeping a pane. */
static struct supervise_pane *
supervise_add(u_int id, uint64_t now)
{
	struct supervise_pane	*sp;

	sp = xcalloc(1, sizeof *sp);
	sp->id = id;
	policy_init(&sp->policy);
	agent_init(&sp->agent, now);
	TAILQ_INSERT_TAIL(&supervise_panes, sp, entry);
	return (sp);
}

/* Is the pane on the screen of an attached client? */
static int
supervise_shown(struct pane *p)
{
	struct client	*c;

	TAILQ_FOREACH(c, &clients, entry) {
		if (!(c->flags & (CLIENT_DEAD | CLIENT_DETACH)) &&
		    c->session == p->session &&
		    session_pane_visible(p->session, p))
			return (1);
	}
	return (0);
}

/* How long a pane may stay idle before it is suspended; 0 for never. */
uint64_t
supervise_suspend_after(struct pane *p)
{
	struct supervise_pane	*sp = supervise_find(p->id);

	if (p->suspend_after >= 0)
		return ((uint64_t)p->suspend_after);
	if (sp != NULL && sp->agent.profile != NULL &&
	    sp->agent.profile->suspend_after >= 0)
		return ((uint64_t)sp->agent.profile->suspend_after);
	return ((uint64_t)options_get_number(OPT_SUSPEND_AFTER));
}

/* "42s", "42m", "3h", "2d": how long, for the status line. */
void
supervise_duration(char *buf, size_t len, uint64_t ms)
{
	uint64_t	s = ms / 1000;

	if (s < 60)
		snprintf(buf, len, "%llus", (unsigned long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%llum", (unsigned long long)s / 60);
	else if (s < 48 * 3600)
		snprintf(buf, len, "%lluh", (unsigned long long)s / 3600);
	else
		snprintf(buf, len, "%llud", (unsigned long long)s / 86400);
}

/*
 * Suspend a pane that has been idle for suspend-after and that nobody
 * can see. Idle means no output, no prompt, under the busy CPU share, for
 * that long: agent_update resets the time on anything else. A failure is
 * not tried again for a minute.
 */
static void
supervise_auto_suspend(struct pane *p, struct supervise_pane *sp,
    uint64_t now)
{
	uint64_t	 after = supervise_suspend_after(p);
	char		 why[64], idle[16], *cause;

	if (after == 0 || sp->agent.state != AGENT_IDLE || pane_is_dead(p) ||
	    suspend_is_suspended(p) || now - sp->agent.since < after ||
	    (sp->suspend_failed != 0 && now - sp->suspend_failed < 60000) ||
	    supervise_shown(p))
		return;
	supervise_duration(idle, sizeof idle, now - sp->agent.since);
	snprintf(why, sizeof why, "idle %s, not shown", idle);
	if (suspend_pane(p, why, &cause) != 0) {
		log_warnx("pane %%%u: can't suspend: %s", p->id, cause);
		free(cause);
		sp->suspend_failed = now;
	}
}

/* The pane's record, for a line in the log even with supervise off. */
static struct supervise_pane *
supervise_log_pane(struct pane *p, struct supervise_pane *tmp)
{
	struct supervise_pane	*sp = supervise_find(p->id);

	if (sp == NULL) {
		memset(tmp, 0, sizeof *tmp);
		tmp->id = p->id;
		sp = tmp;
	}
	/* A pane being closed is out of its session: keep what we knew. */
	if (supervise_listed(p) || sp->session == NULL)
		supervise_identify(p, sp);
	return (sp);
}

/* Is the pane in its session's list (not on its way out)? */
static int
supervise_listed(struct pane *p)
{
	struct pane	*p1;

	TAILQ_FOREACH(p1, &p->session->panes, entry) {
		if (p1 == p)
			return (1);
	}
	return (0);
}

/* Forget a record made for one line of the log. */
static void
supervise_log_done(struct supervise_pane *sp, struct supervise_pane *tmp)
{
	if (sp == tmp) {
		free(tmp->session);
		free(tmp->command);
	}
}

void
supervise_suspended(struct pane *p, int on, const char *why,
    const char *members)
{
	struct supervise_pane		*sp, tmp;
	const struct sample_tree	*t = NULL;
	char				*reason, *line;
	uint64_t			 now = supervise_now();

	/* With supervise off, the pane is known only for this line. */
	if (supervise_find(p->id) == NULL && supervise_sampler != NULL &&
	    options_get_number(OPT_SUPERVISE) && supervise_listed(p))
		supervise_add(p->id, now);
	sp = supervise_log_pane(p, &tmp);
	if (supervise_sampler != NULL)
		t = sampler_tree(supervise_sampler, (int)p->id);
	reason = json_string(why);
	if (on) {
		xasprintf(&line, "\"method\": \"%s\", \"reason\": %s, "
		    "\"footprint\": %llu%s%s", suspend_method_name(p), reason,
		    t != NULL ? (unsigned long long)t->n.footprint : 0ULL,
		    members != NULL ? ", " : "",
		    members != NULL ? members : "");
	} else {
		xasprintf(&line, "\"reason\": %s%s%s", reason,
		    members != NULL ? ", " : "", members != NULL ? members : "");
	}
	supervise_log_line(sp, on ? "suspended" : "resumed", line);
	free(line);
	free(reason);
	/* The state says so at once, not at the next sample. */
	if (sp != &tmp && supervise_listed(p) && !pane_is_dead(p))
		supervise_agent(p, sp, t, now);
	supervise_log_done(sp, &tmp);
}

void
supervise_reclaimed(struct pane *p, long long before, long long after)
{
	struct supervise_pane	*sp, tmp;
	char			*line;

	sp = supervise_log_pane(p, &tmp);
	xasprintf(&line, "\"memory_before\": %lld, \"memory_after\": %lld",
	    before, after);
	supervise_log_line(sp, "reclaimed", line);
	free(line);
	supervise_log_done(sp, &tmp);
}

void
supervise_profiled(struct pane *p, const char *members)
{
	struct supervise_pane	*sp, tmp;

	sp = supervise_log_pane(p, &tmp);
	supervise_log_line(sp, "profiled", members);
	supervise_log_done(sp, &tmp);
}

void
supervise_hibernated(struct pane *p, const char *why)
{
	struct supervise_pane		*sp, tmp;
	const struct sample_tree	*t = NULL;
	char				*reason, *command, *cwd, *line;

	sp = supervise_log_pane(p, &tmp);
	if (supervise_sampler != NULL)
		t = sampler_tree(supervise_sampler, (int)p->id);
	reason = json_string(why);
	command = json_string(p->hibernate_command);
	cwd = json_string(p->cwd != NULL ? p->cwd : "");
	xasprintf(&line, "\"reason\": %s, \"footprint\": %llu, "
	    "\"relaunch\": %s, \"cwd\": %s", reason, t != NULL ?
	    (unsigned long long)t->n.footprint : 0ULL, command, cwd);
	supervise_log_line(sp, "hibernated", line);
	free(line);
	free(reason);
	free(command);
	free(cwd);
	supervise_log_done(sp, &tmp);
}

/* Log an event that has a reason alone. */
static void
supervise_log_reason(struct supervise_pane *sp, const char *event,
    const char *why)
{
	char	*reason, *line;

	reason = json_string(why);
	xasprintf(&line, "\"reason\": %s", reason);
	supervise_log_line(sp, event, line);
	free(line);
	free(reason);
}

void
supervise_relaunched(struct pane *p, const char *why)
{
	struct supervise_pane	*sp, tmp;

	sp = supervise_log_pane(p, &tmp);
	supervise_log_reason(sp, "relaunched", why);
	/* A new program: its state starts over. */
	if (sp != &tmp) {
		agent_init(&sp->agent, supervise_now());
		sp->suspend_failed = 0;
	}
	filesample_reset(p);
	supervise_log_done(sp, &tmp);
}

/*
 * The process whose directory a hibernated pane restarts in: the first
 * whose name the agent's profile matches, else the heaviest (the agent,
 * usually, not the shell it was started from), else the pane's own.
 */
static pid_t
supervise_agent_pid(struct pane *p, const struct agent_profile *profile)
{
	const struct sample_proc	**procs;
	pid_t				  pid = p->pid;
	u_int				  n, i;

	n = supervise_procs(p, &procs);
	for (i = 0; i < n; i++) {
		if (*profile->match_src != '\0' && regexec(&profile->match,
		    procs[i]->comm, 0, NULL, 0) == 0) {
			pid = procs[i]->pid;
			break;
		}
	}
	if (i == n && n > 0)
		pid = procs[0]->pid;
	free(procs);
	return (pid);
}

/*
 * Hibernate a suspended pane whose agent has a resume command: after
 * hibernate-after, or the oldest such pane while memory pressure is over
 * hibernate-pressure.
 */
static void
supervise_hibernate(uint64_t now)
{
	static uint64_t		 last;		/* a pressure hibernation */
	struct supervise_pane	*sp;
	struct pane		*p, *oldest = NULL;
	const struct agent_profile *profile;
	char			 why[64], ago[16], *cause;
	uint64_t		 after = options_get_number(OPT_HIBERNATE_AFTER);
	long long		 limit = options_get_number(OPT_HIBERNATE_PRESSURE);
	double			 pressure = -1;

	TAILQ_FOREACH(sp, &supervise_panes, entry) {
		if ((p = pane_find_by_id(sp->id)) == NULL ||
		    !suspend_is_suspended(p) || sp->agent.profile == NULL ||
		    sp->agent.profile->resume_command == NULL)
			continue;
		profile = sp->agent.profile;
		if (after > 0 && now - suspend_since(p) >= after) {
			supervise_duration(ago, sizeof ago, now -
			    suspend_since(p));
			snprintf(why, sizeof why, "suspended %s", ago);
			if (suspend_hibernate(p, profile->resume_command,
			    supervise_agent_pid(p, profile), why,
			    &cause) != 0) {
				log_warnx("pane %%%u: %s", p->id, cause);
				free(cause);
			}
			continue;
		}
		if (oldest == NULL || suspend_since(p) < suspend_since(oldest))
			oldest = p;
	}
	/*
	 * avg10 is an average over 10 s: after ending one, give it that long
	 * to show the memory given back, or one spike would end them all.
	 */
	if (oldest == NULL || limit == 0 || (last != 0 && now - last <
	    SUPERVISE_PRESSURE_WAIT) ||
	    (pressure = suspend_pressure("/proc/pressure/memory")) < limit)
		return;
	last = now;
	sp = supervise_find(oldest->id);
	profile = sp->agent.profile;
	snprintf(why, sizeof why, "memory pressure %.0f%%", pressure);
	if (suspend_hibernate(oldest, profile->resume_command,
	    supervise_agent_pid(oldest, profile), why, &cause) != 0) {
		log_warnx("pane %%%u: %s", oldest->id, cause);
		free(cause);
	}
}

/* Feed a pane's new numbers to its warnings and log what changed. */
static void
supervise_update(struct pane *p, struct supervise_pane *sp,
    const struct sample_tree *t, const struct policy_limits *l,
    uint64_t now)
{
	uint64_t	silent;
	u_int		raised, cleared;

	supervise_identify(p, sp);
	silent = now > p->output_at ? now - p->output_at : 0;
	policy_update(&sp->policy, l, &t->n, t->dups, t->ndups, silent, now,
	    &raised, &cleared);
	sp->watched = 1;
	supervise_log_changes(p, sp, raised, cleared);
	/*
	 * Which file? A short profile will say. (A dup-open warning knows
	 * its file: the descriptors held open say it, not their calls.)
	 */
	if (raised & (1u << POLICY_REREAD))
		filesample_trigger(p, 1u << POLICY_REREAD);
}

void
supervise_files_named(struct pane *p, u_int kinds, const char *path,
    const char *words)
{
	struct supervise_pane	*sp = supervise_find(p->id);
	u_int			 named, k;

	if (sp == NULL)
		return;
	named = policy_name_file(&sp->policy, kinds, path, words);
	for (k = 0; k < POLICY_KINDS; k++) {
		if (named & (1u << k)) {
			log_debug("pane %%%u: %s found: %s", p->id,
			    policy_kind_name(k), sp->policy.w[k].message);
			supervise_log_event(sp, k, &sp->policy.w[k], "found");
		}
	}
}

void
supervise_files_sampled(struct pane *p, const struct policy_file *files,
    u_int n, double seconds)
{
	struct supervise_pane	*sp = supervise_find(p->id);
	struct policy_limits	 l;
	u_int			 raised, cleared;

	if (sp == NULL)
		return;
	supervise_limits(&l);
	policy_files(&sp->policy, &l, files, n, seconds, supervise_now(),
	    &raised, &cleared);
	supervise_log_changes(p, sp, raised, cleared);
}

void
supervise_files_off(struct pane *p, const char *why)
{
	struct supervise_pane	*sp, tmp;

	sp = supervise_log_pane(p, &tmp);
	supervise_log_reason(sp, "file-sample-off", why);
	supervise_log_done(sp, &tmp);
}

/*
 * Forget a pane; its warnings end with it, logged as event ("closed": the
 * pane or the server has gone; "stopped": supervise was turned off).
 */
static void
supervise_pane_free(struct supervise_pane *sp, const char *event)
{
	u_int	k;

	for (k = 0; sp->session != NULL && k < POLICY_KINDS; k++) {
		if (sp->policy.w[k].active)
			supervise_log_event(sp, k, &sp->policy.w[k], event);
	}
	for (k = 0; k < sp->nlines; k++)
		free(sp->lines[k]);
	free(sp->session);
	free(sp->command);
	free(sp);
}

void
supervise_sample(void)
{
	supervise_run(0);
}

uint64_t
supervise_age(void)
{
	if (supervise_last == 0)
		return (UINT64_MAX);
	return (supervise_now() - supervise_last);
}

/*
 * Take a sample. Only the timer's samples move the warnings on: a sample
 * asked for by a command comes at any moment, and its rates are the last
 * timer sample's (see sampler_set_rate_min).
 */
static void
supervise_run(int timer)
{
	struct supervise_pane	*sp, *sp1;
	struct sample_root	*roots = NULL;
	const struct sample_tree *t;
	struct policy_limits	 l;
	struct client		*c;
	struct pane		*p;
	u_int			 n = 0;
	uint64_t		 now = supervise_now();

	if (supervise_sampler == NULL)
		return;
	TAILQ_FOREACH(p, pane_all(), all_entry) {
		/* An exited pane's pid may be someone else's by now. */
		roots = xreallocarray(roots, n + 1, sizeof *roots);
		roots[n].id = (int)p->id;
		roots[n++].pid = pane_is_dead(p) ? -1 : p->pid;
		if (supervise_find(p->id) == NULL)
			supervise_add(p->id, now);
	}
	sampler_set_slow(supervise_sampler,
	    options_get_number(OPT_SAMPLE_SLOW_INTERVAL));
	sampler_set_rate_min(supervise_sampler,
	    options_get_number(OPT_SAMPLE_INTERVAL) / 2);
	sampler_run(supervise_sampler, roots, n, now);
	free(roots);

	supervise_limits(&l);
	supervise_last = now;
	TAILQ_FOREACH_SAFE(sp, &supervise_panes, entry, sp1) {
		if ((p = pane_find_by_id(sp->id)) == NULL) {
			TAILQ_REMOVE(&supervise_panes, sp, entry);
			supervise_pane_free(sp, "closed");
			continue;
		}
		t = sampler_tree(supervise_sampler, (int)p->id);
		if (timer) {
			supervise_agent(p, sp, t, now);
			supervise_auto_suspend(p, sp, now);
		}
		if (t == NULL)
			continue;
		if (options_get_number(OPT_SUPERVISE) && (timer ||
		    !sp->watched))
			supervise_update(p, sp, t, &l, now);
		sp->sampled = 1;
	}
	if (timer && options_get_number(OPT_SUPERVISE)) {
		supervise_hibernate(now);
		filesample_run(now);
	}
	TAILQ_FOREACH(c, &clients, entry)
		c->flags |= CLIENT_REDRAW_STATUS;
	server_wake();
}

/*
 * supervise off: every warning ends ("stopped"), and the sampler lets go
 * of its handles; stats still samples on demand, without warnings.
 */
static void
supervise_off(void)
{
	struct supervise_pane	*sp;

	while ((sp = TAILQ_FIRST(&supervise_panes)) != NULL) {
		TAILQ_REMOVE(&supervise_panes, sp, entry);
		supervise_pane_free(sp, "stopped");
	}
	filesample_free_all();
	if (supervise_sampler != NULL)
		sampler_release(supervise_sampler);
}

static void
supervise_timer_cb(int fd, short events, void *arg)
{
	long long	ms = options_get_number(OPT_SAMPLE_INTERVAL);
	struct timeval	tv = { ms / 1000, (ms % 1000) * 1000 };

	(void)fd;
	(void)events;
	(void)arg;
	if (options_get_number(OPT_SUPERVISE))
		supervise_run(1);
	else if (!TAILQ_EMPTY(&supervise_panes))
		supervise_off();
	evtimer_del(supervise_timer);
	evtimer_add(supervise_timer, &tv);
}

void
supervise_options_changed(void)
{
	if (supervise_timer == NULL)
		return;
	if (!options_get_number(OPT_SUPERVISE))
		supervise_off();
	supervise_timer_cb(-1, 0, NULL);
}

void
supervise_start(void)
{
	if ((supervise_sampler = sampler_create("/proc", getpid())) == NULL)
		log_warnx("supervisor: /proc: %s", strerror(errno));
	status_register_pane_segment(supervise_status);
	status_register_pane_part(supervise_status_state);
	supervise_timer = evtimer_new(server_base, supervise_timer_cb, NULL);
	supervise_timer_cb(-1, 0, NULL);
}

void
supervise_stop(void)
{
	struct supervise_pane	*sp;

	if (supervise_timer != NULL)
		event_free(supervise_timer);
	supervise_timer = NULL;
	sampler_free(supervise_sampler);
	supervise_sampler = NULL;
	while ((sp = TAILQ_FIRST(&supervise_panes)) != NULL) {
		TAILQ_REMOVE(&supervise_panes, sp, entry);
		supervise_pane_free(sp, "closed");
	}
	filesample_free_all();
	supervise_last = 0;
}

int
supervise_get(struct pane *p, const struct sample_tree **t,
    const struct policy **policy)
{
	struct supervise_pane	*sp = supervise_find(p->id);

	if (sp == NULL || !sp->sampled || supervise_sampler == NULL ||
	    (*t = sampler_tree(supervise_sampler, (int)p->id)) == NULL)
		return (-1);
	*policy = &sp->policy;
	return (0);
}

const struct agent *
supervise_agent_of(struct pane *p)
{
	struct supervise_pane	*sp = supervise_find(p->id);

	if (sp == NULL || !options_get_number(OPT_SUPERVISE))
		return (NULL);
	return (&sp->agent);
}

u_int
supervise_procs(struct pane *p, const struct sample_proc ***procs)
{
	if (supervise_sampler == NULL) {
		*procs = NULL;
		return (0);
	}
	return (sampler_procs(supervise_sampler, (int)p->id, procs));
}

void
supervise_refresh(struct pane *p)
{
	if (supervise_sampler != NULL)
		sampler_refresh(supervise_sampler, (int)p->id);
}

/* "suspended 42m · 1.2G": since when, and the footprint it holds. */
static void
supervise_suspended_text(struct pane *p, char *buf, size_t len)
{
	const struct sample_tree	*t = NULL;
	char				 ago[16], fp[16];

	supervise_duration(ago, sizeof ago, supervise_now() -
	    suspend_since(p));
	if (supervise_sampler != NULL)
		t = sampler_tree(supervise_sampler, (int)p->id);
	if (t != NULL) {
		policy_size(fp, sizeof fp, (double)t->n.footprint);
		snprintf(buf, len, "suspended %s · %s", ago, fp);
	} else
		snprintf(buf, len, "suspended %s", ago);
}

/* A pane waiting for the user says so after its name: "0:claude?". */
static void
supervise_status_state(struct session *s, struct pane *p, char **text)
{
	const struct agent	*a = supervise_agent_of(p);
	char			*next;

	(void)s;
	if (a == NULL || a->state != AGENT_WAITING || pane_is_dead(p))
		return;
	xasprintf(&next, "%s?", *text);
	free(*text);
	*text = next;
}

/* How bad a pane looks: its critical, warning or normal style. */
static const struct style *
supervise_style(const struct sample_tree *t, const struct policy *policy,
    const struct style *normal)
{
	uint64_t	budget = options_get_number(OPT_PANE_BUDGET);

	if (policy->w[POLICY_FOOTPRINT].active ||
	    policy->w[POLICY_FDS].active || policy->w[POLICY_THREADS].active)
		return (options_get_style(OPT_STATUS_CRITICAL_STYLE));
	if (policy_active(policy) > 0 || (budget > 0 &&
	    t->n.footprint * 100 >= budget * SUPERVISE_WARN_PERCENT))
		return (options_get_style(OPT_STATUS_WARNING_STYLE));
	return (normal);
}

int
supervise_label(struct pane *p, char *buf, size_t len,
    const struct style **style)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	char				 fp[16], budget[16], io[16];
	char				 text[64];
	const char			*first = NULL;
	u_int				 k;

	if (suspend_is_suspended(p)) {
		supervise_suspended_text(p, text, sizeof text);
		snprintf(buf, len, " %s · a key resumes it ", text);
		*style = NULL;
		return (0);
	}
	if (!options_get_number(OPT_SUPERVISE) || pane_is_dead(p) ||
	    supervise_get(p, &t, &policy) != 0)
		return (-1);
	policy_size(fp, sizeof fp, (double)t->n.footprint);
	*budget = '\0';
	if (options_get_number(OPT_PANE_BUDGET) > 0)
		policy_size(budget, sizeof budget,
		    (double)options_get_number(OPT_PANE_BUDGET));
	policy_size(io, sizeof io, t->n.rchar_s + t->n.wchar_s);
	for (k = 0; k < POLICY_KINDS && first == NULL; k++) {
		if (policy->w[k].active)
			first = policy->w[k].message;
	}
	snprintf(buf, len, " %s%s%s · %u procs · %u fds · %.0f%% CPU · "
	    "I/O %s/s%s%s ", fp, *budget != '\0' ? " of " : "", budget,
	    t->n.procs, t->n.fds, t->n.cpu_pct, io, first != NULL ? " · " : "",
	    first != NULL ? first : "");
	*style = supervise_style(t, policy, NULL);
	return (0);
}

/* A bar of cells for a fraction, in eighths: "█▋  ". */
static void
supervise_bar(char *buf, size_t len, double frac)
{
	static const char *const eighths[] = {
		" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"
	};
	int	left, i, e;
	size_t	off = 0;

	if (frac < 0)
		frac = 0;
	left = (int)(frac * SUPERVISE_BAR_CELLS * 8 + 0.5);
	if (left > SUPERVISE_BAR_CELLS * 8)
		left = SUPERVISE_BAR_CELLS * 8;
	if (left == 0 && frac > 0)
		left = 1;
	for (i = 0; i < SUPERVISE_BAR_CELLS; i++) {
		e = left >= 8 ? 8 : left;
		left -= e;
		off += snprintf(buf + off, len - off, "%s", eighths[e]);
		if (off >= len)
			break;
	}
}

/* A sparkline of the footprint over the growth window. */
static void
supervise_spark(char *buf, size_t len, const struct policy *policy,
    uint64_t now)
{
	static const char *const levels[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	uint64_t	v[SUPERVISE_SPARK_CELLS], max, min = UINT64_MAX;
	size_t		off = 0;
	u_int		i;
	int		lv;

	max = policy_history(policy, options_get_number(OPT_GROWTH_WINDOW),
	    now, v, SUPERVISE_SPARK_CELLS);
	for (i = 0; i < SUPERVISE_SPARK_CELLS; i++) {
		if (v[i] != 0 && v[i] < min)
			min = v[i];
	}
	*buf = '\0';
	for (i = 0; i < SUPERVISE_SPARK_CELLS && off < len; i++) {
		if (v[i] == 0) {
			off += snprintf(buf + off, len - off, " ");
			continue;
		}
		lv = max > min ? (int)((v[i] - min) * 7 / (max - min)) : 0;
		off += snprintf(buf + off, len - off, "%s", levels[lv]);
	}
}

/*
 * A pane's resource view after its name: footprint bar and number, fds,
 * I/O rate, sparkline, and the first warning; coloured by how bad it is.
 */
static void
supervise_status(struct status_line *sl, struct session *s, struct pane *p,
    const struct style *base)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	const struct style		*style;
	struct status_segment		*seg;
	char				 bar[64], fp[16], io[16], spark[64];
	char				 warn[48] = "";
	uint64_t			 budget;
	u_int				 k, prefix;

	(void)s;
	if (suspend_is_suspended(p)) {
		supervise_suspended_text(p, spark, sizeof spark);
		seg = status_add(sl, 0, base, (int)p->id, " %s", spark);
		seg->priority = STATUS_PRIORITY_PART;
		return;
	}
	if (!options_get_number(OPT_SUPERVISE) || pane_is_dead(p) ||
	    supervise_get(p, &t, &policy) != 0)
		return;
	budget = options_get_number(OPT_PANE_BUDGET);
	supervise_bar(bar, sizeof bar, budget > 0 ?
	    (double)t->n.footprint / budget : 0);
	policy_size(fp, sizeof fp, (double)t->n.footprint);
	policy_size(io, sizeof io, t->n.rchar_s + t->n.wchar_s);
	supervise_spark(spark, sizeof spark, policy, supervise_now());
	for (k = 0; k < POLICY_KINDS; k++) {
		if (policy->w[k].active) {
			snprintf(warn, sizeof warn, " !%s", policy_kind_name(k));
			break;
		}
	}
	style = supervise_style(t, policy, base);

	seg = status_add(sl, 0, style, (int)p->id, " ▕%s▏%s%s %ufd %s/s %s",
	    bar, fp, warn, t->n.fds, io, spark);
	prefix = 2 + SUPERVISE_BAR_CELLS + 1 + status_width(fp) +
	    status_width(warn);
	seg->priority = STATUS_PRIORITY_PART;
	seg->min_width = prefix;
}
