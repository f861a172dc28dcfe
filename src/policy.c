/*
 * Warnings for runaway process trees.
 *
 * Three sorts of check, each with its own way of not firing on a blip:
 * - limits (footprint, fds, threads): on when over, held while above 90%;
 * - growth (footprint, fds): a least-squares slope over a window that the
 *   history must span, and both halves of the window must grow at half
 *   the rate too, so that one step up (a file loaded) is not a leak;
 * - rates while the pane is silent (re-reads, CPU spin): on when the rate
 *   has lasted "sustain" without the pane printing, held while at 70% of
 *   it and the pane still silent;
 * - files open many times by one process: on and off with the count;
 * - files re-opened or re-read, as a sample of the pane's files (a short
 *   profile) saw them: on and off with each sample, which is rare.
 * A warning clears once its hold condition has been false for "clear".
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vigil/policy.h"

#define POLICY_MIN_POINTS	6

static const char *policy_names[POLICY_KINDS] = {
	"footprint", "fds", "threads", "footprint-growth", "fd-growth",
	"reread", "dup-open", "cpu-spin", "reopen"
};

/*
 * Files of the system, not of the program: every program opens libraries,
 * locales and the like as it starts (a shell loop of sleep opens twenty
 * files each round), and reads /proc to look at itself.
 */
static const char *policy_system[] = {
	"/usr/", "/lib/", "/lib64/", "/etc/", "/proc/", "/sys/", "/dev/"
};

void
policy_init(struct policy *p)
{
	memset(p, 0, sizeof *p);
}

void
policy_limits_default(struct policy_limits *l)
{
	l->budget = 2ULL << 30;
	l->fd_limit = 1000;
	l->thread_limit = 1000;
	l->growth = 20.0 * 1024 * 1024;
	l->fd_growth = 5.0;
	l->window = 5 * 60 * 1000;
	l->reread_rate = 1024.0 * 1024;
	l->reread_calls = 20.0;
	l->dup_limit = 8;
	l->spin_cpu = 90.0;
	l->reopen_rate = 1.0;
	l->sustain = 30 * 1000;
	l->clear = 30 * 1000;
}

const char *
policy_kind_name(enum policy_kind kind)
{
	return (kind < POLICY_KINDS ? policy_names[kind] : "unknown");
}

const char *
policy_size(char *buf, size_t len, double v)
{
	const char	*units = "BKMGTP";

	/* 1023.6K would print as 1024K: that is 1.0M. */
	while (v >= 1023.5 && units[1] != '\0') {
		v /= 1024.0;
		units++;
	}
	if (*units != 'B' && v < 9.95)
		snprintf(buf, len, "%.1f%c", v, *units);
	else
		snprintf(buf, len, "%.0f%c", v, *units);
	return (buf);
}

/* A duration in short words: "45 s", "6 min", "2 h". */
static void
policy_duration(char *buf, size_t len, uint64_t ms)
{
	if (ms < 120 * 1000)
		snprintf(buf, len, "%llu s", (unsigned long long)ms / 1000);
	else if (ms < 120 * 60 * 1000)
		snprintf(buf, len, "%llu min", (unsigned long long)ms / 60000);
	else
		snprintf(buf, len, "%llu h", (unsigned long long)ms / 3600000);
}

static const struct policy_point *
policy_point(const struct policy *p, u_int i)
{
	return (&p->pts[(p->first + i) % POLICY_POINTS]);
}

/* Keep a point; points older than the window go. */
static void
policy_add_point(struct policy *p, const struct policy_limits *l,
    const struct sample_numbers *n, uint64_t now)
{
	struct policy_point	*pt;
	uint64_t		 step = l->window / (POLICY_POINTS / 2);

	/* Thin out so that the ring always spans the window. */
	if (p->npts > 0 && now - policy_point(p, p->npts - 1)->t < step)
		return;
	if (p->npts == POLICY_POINTS) {
		p->first = (p->first + 1) % POLICY_POINTS;
		p->npts--;
	}
	pt = &p->pts[(p->first + p->npts++) % POLICY_POINTS];
	pt->t = now;
	pt->footprint = n->footprint;
	pt->fds = n->fds;
	while (p->npts > 1 && now - policy_point(p, 0)->t > l->window) {
		p->first = (p->first + 1) % POLICY_POINTS;
		p->npts--;
	}
}

/* Least-squares slope per minute over points in [from, to]; n points. */
static double
policy_fit(const struct policy *p, int which, uint64_t from, uint64_t to,
    u_int *count)
{
	const struct policy_point	*pt;
	double				 sx = 0, sy = 0, sxx = 0, sxy = 0;
	double				 x, y, d;
	uint64_t			 t0 = 0;
	u_int				 i, n = 0;

	for (i = 0; i < p->npts; i++) {
		pt = policy_point(p, i);
		if (pt->t < from || pt->t > to)
			continue;
		if (n == 0)
			t0 = pt->t;
		x = (double)(pt->t - t0) / 60000.0;
		y = which == 0 ? (double)pt->footprint : (double)pt->fds;
		sx += x;
		sy += y;
		sxx += x * x;
		sxy += x * y;
		n++;
	}
	if (count != NULL)
		*count = n;
	if (n < 3)
		return (0.0);
	d = n * sxx - sx * sx;
	if (d <= 0.0)
		return (0.0);
	return ((n * sxy - sx * sy) / d);
}

double
policy_slope(const struct policy *p, int which, uint64_t from)
{
	return (policy_fit(p, which, from, UINT64_MAX, NULL));
}

/*
 * Is there sustained growth of one series over the window? *slope gets the
 * whole window's slope; returns 2 if growing (on), 1 if still at half the
 * rate (hold), 0 if not.
 */
static int
policy_growing(const struct policy *p, const struct policy_limits *l,
    int which, double rate, uint64_t now, double *slope)
{
	uint64_t	from, mid;
	double		first, second;
	u_int		n;

	*slope = 0.0;
	if (rate <= 0.0 || l->window == 0 || p->npts == 0)
		return (0);
	from = now > l->window ? now - l->window : 0;
	mid = from + l->window / 2;
	*slope = policy_fit(p, which, from, now, &n);
	if (*slope < rate / 2)
		return (0);
	/* The history must span the window (a tenth of slack). */
	if (n < POLICY_MIN_POINTS ||
	    now - policy_point(p, 0)->t < l->window - l->window / 10)
		return (1);
	first = policy_fit(p, which, from, mid, NULL);
	second = policy_fit(p, which, mid, now, NULL);
	if (*slope >= rate && first >= rate / 2 && second >= rate / 2)
		return (2);
	return (1);
}

/*
 * A warning's words change while it is up, with the file found behind it
 * after them; once it is down they stay as they were, for the "cleared"
 * line of the log.
 */
static void
policy_say(struct policy_warning *w, const char *msg)
{
	size_t	used;

	if (!w->active)
		return;
	snprintf(w->message, sizeof w->message, "%s", msg);
	used = strlen(w->message);
	/* Cut short if need be: the message has a fixed size. */
	if (w->named[0] != '\0' && used + 2 < sizeof w->message)
		snprintf(w->message + used, sizeof w->message - used, ": %s",
		    w->named);
}

/* Move one warning along: on raises (after need ms), hold keeps it up. */
static void
policy_step(struct policy_warning *w, enum policy_kind kind, int on,
    int hold, uint64_t need, uint64_t clear, uint64_t now, u_int *raised,
    u_int *cleared)
{
	if (!w->active) {
		if (!on) {
			w->cond_since = 0;
			return;
		}
		if (w->cond_since == 0)
			w->cond_since = now;
		if (now - w->cond_since < need)
			return;
		w->active = 1;
		w->since = w->cond_since;
		w->off_since = 0;
		w->file[0] = w->named[0] = '\0';
		*raised |= 1u << kind;
		return;
	}
	if (hold || on) {
		w->off_since = 0;
		return;
	}
	if (w->off_since == 0)
		w->off_since = now;
	if (now - w->off_since >= clear) {
		w->active = 0;
		w->cond_since = 0;
		*cleared |= 1u << kind;
	}
}

/* A limit (0 is none): on over it, held from 90% of it. */
static void
policy_limit_step(struct policy *p, enum policy_kind kind, uint64_t value,
    uint64_t limit, const struct policy_limits *l, uint64_t now,
    u_int *raised, u_int *cleared)
{
	policy_step(&p->w[kind], kind, limit > 0 && value > limit, limit > 0 &&
	    value >= limit - limit / 10, 0, l->clear, now, raised, cleared);
}

/* The limit checks: footprint, fds, threads. */
static void
policy_limits_check(struct policy *p, const struct policy_limits *l,
    const struct sample_numbers *n, uint64_t now, u_int *raised,
    u_int *cleared)
{
	struct policy_warning	*w;
	char			 msg[sizeof w->message];
	char			 a[16], b[16];
	double			 slope;

	w = &p->w[POLICY_FOOTPRINT];
	policy_limit_step(p, POLICY_FOOTPRINT, n->footprint, l->budget, l, now,
	    raised, cleared);
	policy_size(a, sizeof a, (double)n->footprint);
	policy_size(b, sizeof b, (double)l->budget);
	snprintf(msg, sizeof msg, "footprint %s over budget %s", a, b);
	policy_say(w, msg);

	w = &p->w[POLICY_FDS];
	policy_limit_step(p, POLICY_FDS, n->fds, l->fd_limit, l, now, raised,
	    cleared);
	slope = policy_slope(p, 1, now > l->window ? now - l->window : 0);
	if (slope >= 0.5)
		snprintf(msg, sizeof msg, "fds %u (+%.0f/min)", n->fds, slope);
	else
		snprintf(msg, sizeof msg, "fds %u over limit %u", n->fds,
		    l->fd_limit);
	policy_say(w, msg);

	w = &p->w[POLICY_THREADS];
	policy_limit_step(p, POLICY_THREADS, n->threads, l->thread_limit, l,
	    now, raised, cleared);
	snprintf(msg, sizeof msg, "threads %u over limit %u",
	    n->threads, l->thread_limit);
	policy_say(w, msg);
}

/*
 * One growth check (of footprint, which 0, or fds, 1): a growth sustained
 * over the window dates from the window's start. Returns the slope (0 if
 * falling) and how long it has grown, in words, in d.
 */
static double
policy_growth_step(struct policy *p, enum policy_kind kind, int which,
    double rate, const struct policy_limits *l, uint64_t now, u_int *raised,
    u_int *cleared, char *d, size_t dlen)
{
	struct policy_warning	*w = &p->w[kind];
	double			 slope;
	int			 g;

	g = policy_growing(p, l, which, rate, now, &slope);
	if (g == 2 && !w->active && w->cond_since == 0)
		w->cond_since = now > l->window ? now - l->window : 1;
	policy_step(w, kind, g == 2, g >= 1, 0, l->clear, now, raised,
	    cleared);
	policy_duration(d, dlen, w->active ? now - w->since : l->window);
	return (slope > 0 ? slope : 0);
}

/* The growth checks, footprint and fds. */
static void
policy_growth_check(struct policy *p, const struct policy_limits *l,
    const struct sample_numbers *n, uint64_t now, u_int *raised,
    u_int *cleared)
{
	char	msg[sizeof p->w[0].message], a[16], d[16];
	double	slope;

	slope = policy_growth_step(p, POLICY_GROWTH, 0, l->growth, l, now,
	    raised, cleared, d, sizeof d);
	policy_size(a, sizeof a, slope);
	snprintf(msg, sizeof msg, "footprint +%s/min for %s", a, d);
	policy_say(&p->w[POLICY_GROWTH], msg);

	slope = policy_growth_step(p, POLICY_FD_GROWTH, 1, l->fd_growth, l,
	    now, raised, cleared, d, sizeof d);
	snprintf(msg, sizeof msg, "fds %u (+%.0f/min for %s)", n->fds, slope,
	    d);
	policy_say(&p->w[POLICY_FD_GROWTH], msg);
}

/*
 * Has the pane printed nothing since the rate began (or, once warned,
 * since the warning went up)? "While silent" means all along.
 */
static int
policy_quiet(const struct policy_warning *w, uint64_t silent, uint64_t now)
{
	uint64_t	since = w->active ? w->since : w->cond_since;

	return (since == 0 || silent >= now - since);
}

/* Re-reads and CPU spin while silent, and files open many times. */
static void
policy_rate_check(struct policy *p, const struct policy_limits *l,
    const struct sample_numbers *n, const struct sample_dup *dups,
    u_int ndups, uint64_t silent, uint64_t now, u_int *raised,
    u_int *cleared)
{
	struct policy_warning	*w;
	char			 msg[sizeof w->message];
	char			 a[16], d[16];
	int			 quiet, on, hold;
	u_int			 i, worst = 0, over = 0;

	w = &p->w[POLICY_REREAD];
	quiet = policy_quiet(w, silent, now);
	on = l->reread_rate > 0 && quiet && n->rchar_s >= l->reread_rate &&
	    n->syscr_s >= l->reread_calls &&
	    n->read_bytes_s < n->rchar_s / 10;
	hold = l->reread_rate > 0 && quiet &&
	    n->rchar_s >= l->reread_rate * 0.7;
	policy_step(w, POLICY_REREAD, on, hold, l->sustain, l->clear, now,
	    raised, cleared);
	policy_size(a, sizeof a, n->rchar_s);
	snprintf(msg, sizeof msg,
	    "reads %s/s while silent (%.0f reads/s)", a, n->syscr_s);
	policy_say(w, msg);

	w = &p->w[POLICY_SPIN];
	quiet = policy_quiet(w, silent, now);
	on = l->spin_cpu > 0 && quiet && n->cpu_pct >= l->spin_cpu;
	hold = l->spin_cpu > 0 && quiet && n->cpu_pct >= l->spin_cpu * 0.7;
	policy_step(w, POLICY_SPIN, on, hold, l->sustain, l->clear, now,
	    raised, cleared);
	policy_duration(d, sizeof d, w->active ? now - w->since : l->sustain);
	snprintf(msg, sizeof msg, "CPU %.0f%% for %s while "
	    "silent", n->cpu_pct, d);
	policy_say(w, msg);

	w = &p->w[POLICY_DUP_OPEN];
	for (i = 0; i < ndups; i++) {
		if (l->dup_limit == 0 || dups[i].count < l->dup_limit)
			continue;
		if (over++ == 0 || dups[i].count > dups[worst].count)
			worst = i;
	}
	policy_step(w, POLICY_DUP_OPEN, over > 0, over > 0, 0, l->clear, now,
	    raised, cleared);
	if (over > 0) {
		snprintf(msg, sizeof msg, "%s open %u times%s",
		    dups[worst].path, dups[worst].count, over > 1 ?
		    " (and more)" : "");
		policy_say(w, msg);
		snprintf(w->file, sizeof w->file, "%s", dups[worst].path);
	}
}

void
policy_update(struct policy *p, const struct policy_limits *l,
    const struct sample_numbers *n, const struct sample_dup *dups,
    u_int ndups, uint64_t silent, uint64_t now, u_int *raised,
    u_int *cleared)
{
	*raised = *cleared = 0;
	policy_add_point(p, l, n, now);
	policy_limits_check(p, l, n, now, raised, cleared);
	policy_growth_check(p, l, n, now, raised, cleared);
	policy_rate_check(p, l, n, dups, ndups, silent, now, raised, cleared);
}

int
policy_system_file(const char *path)
{
	u_int	i;

	for (i = 0; i < sizeof policy_system / sizeof policy_system[0]; i++) {
		if (strncmp(path, policy_system[i], strlen(policy_system[i])) ==
		    0)
			return (1);
	}
	return (0);
}

/* Is a file re-opened (1) or re-read (2) over the limits? 0 if neither. */
static int
policy_file_over(const struct policy_limits *l, const struct policy_file *f,
    double secs)
{
	if (policy_system_file(f->path))
		return (0);
	if (l->reopen_rate > 0 && f->opens >= 2 &&
	    f->opens / secs >= l->reopen_rate)
		return (1);
	if (l->reread_rate > 0 && f->bytes / secs >= l->reread_rate &&
	    f->reads / secs >= l->reread_calls)
		return (2);
	return (0);
}

/* The words of the reopen warning for its worst file. */
static void
policy_file_say(char *buf, size_t len, const struct policy_file *f,
    int how, double secs, u_int more)
{
	const char	*name = strrchr(f->path, '/');
	char		 size[16], each[48] = "", tail[32] = "";

	name = name != NULL && name[1] != '\0' ? name + 1 : f->path;
	if (more > 0)
		snprintf(tail, sizeof tail, " (and %u more)", more);
	if (how == 2) {
		policy_size(size, sizeof size, f->bytes / secs);
		snprintf(buf, len, "reads %s %s/s (%.0f reads/s)%s", name, size,
		    f->reads / secs, tail);
		return;
	}
	if (f->size != UINT64_MAX) {
		policy_size(size, sizeof size, (double)f->size);
		snprintf(each, sizeof each, ", %s each%s", size,
		    f->unchanged ? ", unchanged" : "");
	}
	snprintf(buf, len, "re-opens %s %.1fx/s%s%s", name, f->opens / secs,
	    each, tail);
}

void
policy_files(struct policy *p, const struct policy_limits *l,
    const struct policy_file *files, u_int n, double seconds, uint64_t now,
    u_int *raised, u_int *cleared)
{
	struct policy_warning	*w = &p->w[POLICY_REOPEN];
	const struct policy_file *f, *worst = NULL;
	char			 msg[sizeof w->message];
	double			 secs = seconds > 0 ? seconds : 1;
	u_int			 i, over = 0;
	int			 how, worst_how = 0;

	*raised = *cleared = 0;
	/* The worst is the most re-opened, else the most read. */
	for (i = 0; i < n; i++) {
		f = &files[i];
		if ((how = policy_file_over(l, f, secs)) == 0)
			continue;
		over++;
		if (worst == NULL || how < worst_how || (how == worst_how &&
		    (how == 1 ? f->opens > worst->opens :
		    f->bytes > worst->bytes))) {
			worst = f;
			worst_how = how;
		}
	}
	policy_step(w, POLICY_REOPEN, over > 0, over > 0, 0, 0, now, raised,
	    cleared);
	if (worst == NULL)
		return;
	policy_file_say(msg, sizeof msg, worst, worst_how, secs, over - 1);
	policy_say(w, msg);
	snprintf(w->file, sizeof w->file, "%s", worst->path);
}

u_int
policy_name_file(struct policy *p, u_int kinds, const char *path,
    const char *words)
{
	struct policy_warning	*w;
	char			 msg[sizeof w->message];
	u_int			 k, named = 0;

	for (k = 0; k < POLICY_KINDS; k++) {
		w = &p->w[k];
		if (!(kinds & (1u << k)) || !w->active || w->named[0] != '\0')
			continue;
		snprintf(w->file, sizeof w->file, "%s", path);
		snprintf(w->named, sizeof w->named, "%s", words);
		memcpy(msg, w->message, sizeof msg);
		policy_say(w, msg);
		named |= 1u << k;
	}
	return (named);
}

u_int
policy_active(const struct policy *p)
{
	u_int	k, n = 0;

	for (k = 0; k < POLICY_KINDS; k++)
		n += p->w[k].active != 0;
	return (n);
}

uint64_t
policy_history(const struct policy *p, uint64_t window, uint64_t now,
    uint64_t *out, u_int n)
{
	const struct policy_point	*pt;
	uint64_t			 from, max = 0, b;
	u_int				 i;

	memset(out, 0, n * sizeof *out);
	if (n == 0 || window == 0)
		return (0);
	from = now > window ? now - window : 0;
	for (i = 0; i < p->npts; i++) {
		pt = policy_point(p, i);
		if (pt->t < from || pt->t > now)
			continue;
		b = (pt->t - from) * n / (window + 1);
		if (b >= n)
			b = n - 1;
		if (pt->footprint > out[b])
			out[b] = pt->footprint;
		if (pt->footprint > max)
			max = pt->footprint;
	}
	return (max);
}
