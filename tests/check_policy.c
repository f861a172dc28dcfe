/*
 * Tests for the warnings (policy.c): limits with hysteresis, sustained
 * growth, rates while silent and files open many times, each fed a
 * synthetic series of samples; then the helpers (slope, history, sizes,
 * names) and the thinning of the history ring.
 */

#include "config.h"

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/policy.h"

#define MIB	(1024.0 * 1024)
#define GIB	(1024.0 * 1024 * 1024)
#define T0	1000000ULL	/* ms: a monotonic clock well away from 0 */
#define SEC	1000ULL
#define NOTYET	UINT64_MAX	/* a time that never came */
#define BIT(k)	(1u << (k))

/* What one series did to the warnings. */
struct run {
	struct policy		p;
	struct policy_limits	l;
	u_int			raised, cleared;	/* the last update's */
	u_int			nraised[POLICY_KINDS];
	u_int			ncleared[POLICY_KINDS];
	uint64_t		raised_at[POLICY_KINDS];  /* first; NOTYET */
	uint64_t		cleared_at[POLICY_KINDS];
	char			raised_msg[POLICY_KINDS][160];
};

/* One sample of a series: the numbers at step i and how long silent. */
typedef void	series_fn(u_int, struct sample_numbers *, uint64_t *);

static struct run	r;

/* Start a series with the default limits. */
static void
run_init(struct run *rr)
{
	u_int	k;

	memset(rr, 0, sizeof *rr);
	policy_init(&rr->p);
	policy_limits_default(&rr->l);
	for (k = 0; k < POLICY_KINDS; k++)
		rr->raised_at[k] = rr->cleared_at[k] = NOTYET;
}

/* Feed one sample and count the transitions it made. */
static void
run_feed(struct run *rr, const struct sample_numbers *n,
    const struct sample_dup *dups, u_int ndups, uint64_t silent,
    uint64_t now)
{
	u_int	k;

	rr->raised = rr->cleared = 0xdeadbeef;
	policy_update(&rr->p, &rr->l, n, dups, ndups, silent, now, &rr->raised,
	    &rr->cleared);
	ck_assert_msg((rr->raised & rr->cleared) == 0 &&
	    rr->raised < BIT(POLICY_KINDS) && rr->cleared < BIT(POLICY_KINDS),
	    "at %llu ms: raised %#x cleared %#x", (unsigned long long)now,
	    rr->raised, rr->cleared);
	for (k = 0; k < POLICY_KINDS; k++) {
		if (rr->raised & BIT(k)) {
			ck_assert_msg(rr->p.w[k].active, "%s raised at %llu "
			    "but not active", policy_kind_name(k),
			    (unsigned long long)now);
			if (rr->nraised[k]++ == 0) {
				rr->raised_at[k] = now;
				memcpy(rr->raised_msg[k],
				    rr->p.w[k].message, sizeof rr->raised_msg[k]);
			}
		}
		if (rr->cleared & BIT(k)) {
			ck_assert_msg(!rr->p.w[k].active, "%s cleared at %llu "
			    "but still active", policy_kind_name(k),
			    (unsigned long long)now);
			if (rr->ncleared[k]++ == 0)
				rr->cleared_at[k] = now;
		}
	}
}

/* Feed a whole series, one sample every step ms from T0. */
static void
run_series(struct run *rr, series_fn *fn, u_int count, uint64_t step)
{
	struct sample_numbers	n;
	uint64_t		silent;
	u_int			i;

	for (i = 0; i < count; i++) {
		memset(&n, 0, sizeof n);
		silent = 0;
		fn(i, &n, &silent);
		run_feed(rr, &n, NULL, 0, silent, T0 + i * step);
	}
}

/* Seconds after T0 a transition came, or -1 if it never did. */
static long long
run_sec(uint64_t at)
{
	return (at == NOTYET ? -1 : ((long long)at - (long long)T0) /
	    (long long)SEC);
}

/* The magnitude of a difference relative to what was wanted. */
static double
rel_err(double got, double want)
{
	double	d = got - want;

	if (d < 0)
		d = -d;
	return (d / (want < 0 ? -want : want));
}

/* Limits: over raises at once, held above 90%, cleared after "clear". */

struct limit_case {
	enum policy_kind	 kind;
	uint64_t		 limit;
	uint64_t		 over, hold, below;
	const char		*message;	/* at the raise */
};

static const struct limit_case limit_cases[] = {
	{ POLICY_FOOTPRINT, 1ULL << 30, 3ULL << 29, 950ULL << 20,
	  800ULL << 20, "footprint 1.5G over budget 1.0G" },
	{ POLICY_FOOTPRINT, 5, 6, 5, 4, "footprint 6B over budget 5B" },
	{ POLICY_FDS, 5, 6, 5, 4, NULL },
	{ POLICY_FDS, 1000, 1001, 900, 899, NULL },
	{ POLICY_THREADS, 5, 6, 5, 4, "threads 6 over limit 5" },
	{ POLICY_THREADS, 1000, 1500, 950, 800,
	  "threads 1500 over limit 1000" },
};

/* Set the limit a case is about. */
static void
limit_set(struct policy_limits *l, enum policy_kind kind, uint64_t v)
{
	switch (kind) {
	case POLICY_FOOTPRINT:
		l->budget = v;
		break;
	case POLICY_FDS:
		l->fd_limit = (u_int)v;
		break;
	case POLICY_THREADS:
		l->thread_limit = (u_int)v;
		break;
	default:
		ck_abort_msg("no limit for %s", policy_kind_name(kind));
	}
}

/* The numbers with just the field a case is about set to v. */
static void
limit_numbers(struct sample_numbers *n, enum policy_kind kind, uint64_t v)
{
	memset(n, 0, sizeof *n);
	n->procs = 1;
	n->threads = 1;
	n->footprint = 1;
	n->fds = 1;
	switch (kind) {
	case POLICY_FOOTPRINT:
		n->footprint = v;
		break;
	case POLICY_FDS:
		n->fds = (u_int)v;
		break;
	case POLICY_THREADS:
		n->threads = (u_int)v;
		break;
	default:
		break;
	}
}

/*
 * Below for 5 s, over for 5 s, in the hold band for 60 s, then below with
 * one blip back into the band at 80 s: raised once at 5 s, cleared once at
 * 81 + 30 s, nothing else.
 */
START_TEST(test_limit_hysteresis)
{
	const struct limit_case	*lc = &limit_cases[_i];
	struct sample_numbers	 n;
	uint64_t		 v, now;
	u_int			 i, bit = BIT(lc->kind);
	const char		*name = policy_kind_name(lc->kind);

	run_init(&r);
	r.l.clear = 30 * SEC;
	limit_set(&r.l, lc->kind, lc->limit);
	for (i = 0; i < 150; i++) {
		if (i < 5)
			v = lc->below;
		else if (i < 10)
			v = lc->over;
		else if (i < 70 || i == 80)
			v = lc->hold;
		else
			v = lc->below;
		now = T0 + i * SEC;
		limit_numbers(&n, lc->kind, v);
		run_feed(&r, &n, NULL, 0, 0, now);
		ck_assert_msg(r.raised == (i == 5 ? bit : 0u),
		    "%s limit %llu: value %llu at %u s: raised %#x",
		    name, (unsigned long long)lc->limit,
		    (unsigned long long)v, i, r.raised);
		ck_assert_msg(r.cleared == (i == 111 ? bit : 0u),
		    "%s limit %llu: value %llu at %u s: cleared %#x",
		    name, (unsigned long long)lc->limit,
		    (unsigned long long)v, i, r.cleared);
		ck_assert_msg(r.p.w[lc->kind].active == (i >= 5 && i < 111),
		    "%s limit %llu: value %llu at %u s: active %d", name,
		    (unsigned long long)lc->limit, (unsigned long long)v, i,
		    r.p.w[lc->kind].active);
		ck_assert_msg(policy_active(&r.p) ==
		    (u_int)r.p.w[lc->kind].active, "%s at %u s: %u active",
		    name, i, policy_active(&r.p));
	}
	ck_assert_msg(r.p.w[lc->kind].since == T0 + 5 * SEC,
	    "%s over from 5 s: since %lld s", name,
	    run_sec(r.p.w[lc->kind].since));
	if (lc->message != NULL) {
		ck_assert_msg(strcmp(r.raised_msg[lc->kind], lc->message) == 0,
		    "%s limit %llu over %llu: message '%s', want '%s'", name,
		    (unsigned long long)lc->limit,
		    (unsigned long long)lc->over, r.raised_msg[lc->kind],
		    lc->message);
	} else {
		char	want[32];

		snprintf(want, sizeof want, "fds %llu ",
		    (unsigned long long)lc->over);
		ck_assert_msg(strncmp(r.raised_msg[lc->kind], want,
		    strlen(want)) == 0, "fd limit %llu over %llu: message "
		    "'%s' doesn't start '%s'", (unsigned long long)lc->limit,
		    (unsigned long long)lc->over, r.raised_msg[lc->kind],
		    want);
	}
}
END_TEST

/* A value that stays over raises once, however long it lasts. */
START_TEST(test_limit_once)
{
	struct sample_numbers	n;
	u_int			i;

	run_init(&r);
	limit_numbers(&n, POLICY_FOOTPRINT, 3ULL << 30);
	for (i = 0; i < 600; i++)
		run_feed(&r, &n, NULL, 0, 0, T0 + i * SEC);
	ck_assert_msg(r.nraised[POLICY_FOOTPRINT] == 1 &&
	    r.raised_at[POLICY_FOOTPRINT] == T0 &&
	    r.ncleared[POLICY_FOOTPRINT] == 0, "3G for 10 min over 2G: "
	    "raised %u times first at %lld s, cleared %u times",
	    r.nraised[POLICY_FOOTPRINT], run_sec(r.raised_at[POLICY_FOOTPRINT]),
	    r.ncleared[POLICY_FOOTPRINT]);
	ck_assert_msg(r.p.w[POLICY_FOOTPRINT].since == T0,
	    "since %llu, want %llu",
	    (unsigned long long)r.p.w[POLICY_FOOTPRINT].since,
	    (unsigned long long)T0);
}
END_TEST

/* Series that each set off one kind of warning, for the switch-off test. */

static void
series_footprint(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	(void)silent;
	n->footprint = 3ULL << 30;
}

static void
series_fds(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	(void)silent;
	n->fds = 5000;
}

static void
series_threads(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	(void)silent;
	n->threads = 5000;
}

/* +40 MiB a minute, one sample a second. */
static void
series_growth(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)silent;
	n->footprint = (uint64_t)(100 * MIB + 40 * MIB * i / 60.0);
}

/* +10 fds a minute, one sample a second. */
static void
series_fd_growth(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)silent;
	n->fds = 20 + i / 6;
}

/* 5 MiB/s of re-reads from the page cache while silent for long. */
static void
series_reread(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	n->rchar_s = 5 * MIB;
	n->syscr_s = 200;
	n->read_bytes_s = 0;
	*silent = 10 * 60 * SEC;
}

static void
series_spin(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	n->cpu_pct = 99;
	*silent = 10 * 60 * SEC;
}

static void
series_nothing(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	(void)n;
	(void)silent;
}

static const struct {
	enum policy_kind	 kind;
	series_fn		*fn;
} off_cases[] = {
	{ POLICY_FOOTPRINT, series_footprint },
	{ POLICY_FDS, series_fds },
	{ POLICY_THREADS, series_threads },
	{ POLICY_GROWTH, series_growth },
	{ POLICY_FD_GROWTH, series_fd_growth },
	{ POLICY_REREAD, series_reread },
	{ POLICY_DUP_OPEN, series_nothing },
	{ POLICY_SPIN, series_spin },
};

/* Zero the limit of one kind. */
static void
limit_off(struct policy_limits *l, enum policy_kind kind)
{
	switch (kind) {
	case POLICY_FOOTPRINT:
		l->budget = 0;
		break;
	case POLICY_FDS:
		l->fd_limit = 0;
		break;
	case POLICY_THREADS:
		l->thread_limit = 0;
		break;
	case POLICY_GROWTH:
		l->growth = 0;
		break;
	case POLICY_FD_GROWTH:
		l->fd_growth = 0;
		break;
	case POLICY_REREAD:
		l->reread_rate = 0;
		break;
	case POLICY_DUP_OPEN:
		l->dup_limit = 0;
		break;
	case POLICY_SPIN:
		l->spin_cpu = 0;
		break;
	default:
		ck_abort_msg("kind %d", kind);
	}
}

/* Three minutes of a series (a file open 9 times throughout). */
static void
off_run(struct run *rr, series_fn *fn)
{
	struct sample_dup	dup = { "/var/tmp/x.db", 9, 42 };
	struct sample_numbers	n;
	uint64_t		silent;
	u_int			i;

	for (i = 0; i < 180; i++) {
		memset(&n, 0, sizeof n);
		silent = 0;
		fn(i, &n, &silent);
		run_feed(rr, &n, &dup, 1, silent, T0 + i * SEC);
	}
}

/* Each series raises its warning, and not once its limit is 0. */
START_TEST(test_limit_zero_off)
{
	enum policy_kind	 kind = off_cases[_i].kind;
	const char		*name = policy_kind_name(kind);

	run_init(&r);
	r.l.window = 60 * SEC;
	off_run(&r, off_cases[_i].fn);
	ck_assert_msg(r.nraised[kind] == 1, "%s with its default limit: "
	    "raised %u times", name, r.nraised[kind]);

	run_init(&r);
	r.l.window = 60 * SEC;
	limit_off(&r.l, kind);
	off_run(&r, off_cases[_i].fn);
	ck_assert_msg(r.nraised[kind] == 0 && !r.p.w[kind].active,
	    "%s with limit 0: raised %u times (first at %lld s: '%s')",
	    name, r.nraised[kind], run_sec(r.raised_at[kind]),
	    r.raised_msg[kind]);
}
END_TEST

/* Growth: the slope over a window the history spans, in both halves. */

/* Grows +40 MiB/min for 3 min, then flat for 3 min. */
static void
series_grow_stop(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)silent;
	if (i > 180)
		i = 180;
	n->footprint = (uint64_t)(100 * MIB + 40 * MIB * i / 60.0);
}

START_TEST(test_growth_linear)
{
	struct sample_numbers	n;
	uint64_t		now, low = NOTYET;
	double			slope, mib;
	u_int			i;
	long long		at;
	char			d[32];

	run_init(&r);
	r.l.window = 60 * SEC;
	r.l.clear = 30 * SEC;
	for (i = 0; i < 360; i++) {
		memset(&n, 0, sizeof n);
		series_grow_stop(i, &n, NULL);
		now = T0 + i * SEC;
		run_feed(&r, &n, NULL, 0, 0, now);
		slope = policy_slope(&r.p, 0, now - r.l.window);
		if (i > 180 && low == NOTYET && slope < r.l.growth / 2)
			low = now;
	}
	at = run_sec(r.raised_at[POLICY_GROWTH]);
	ck_assert_msg(at >= 54 && at <= 60, "+40M/min every 1 s, window "
	    "60 s: raised at %lld s, want once the history spans 54..60 s",
	    at);
	ck_assert_msg(r.nraised[POLICY_GROWTH] == 1 &&
	    r.ncleared[POLICY_GROWTH] == 1, "+40M/min for 3 min then flat: "
	    "raised %u times, cleared %u times", r.nraised[POLICY_GROWTH],
	    r.ncleared[POLICY_GROWTH]);
	ck_assert_msg(sscanf(r.raised_msg[POLICY_GROWTH],
	    "footprint +%lfM/min for %31[^\n]", &mib, d) == 2,
	    "growth message '%s'", r.raised_msg[POLICY_GROWTH]);
	ck_assert_msg(rel_err(mib, 40) <= 0.05, "growth message '%s': "
	    "slope %gM/min, want 40 within 5%%", r.raised_msg[POLICY_GROWTH],
	    mib);
	/* The growth began at least as long ago as the history it fills. */
	ck_assert_msg(sscanf(d, "%u s", &i) == 1 && i >= 54 && i <= 60 &&
	    r.p.w[POLICY_GROWTH].since <= r.raised_at[POLICY_GROWTH] -
	    54 * SEC, "growth raised at %lld s: '%s', since %lld s",
	    at, r.raised_msg[POLICY_GROWTH],
	    run_sec(r.p.w[POLICY_GROWTH].since));

	/* Cleared "clear" after the window's slope fell under half. */
	ck_assert_msg(low != NOTYET, "slope never fell after the stop");
	ck_assert_msg(r.cleared_at[POLICY_GROWTH] == low + r.l.clear,
	    "growth stopped at 180 s, slope under half at %lld s: cleared "
	    "at %lld s, want %lld s", run_sec(low),
	    run_sec(r.cleared_at[POLICY_GROWTH]), run_sec(low + r.l.clear));
	ck_assert_msg(r.cleared_at[POLICY_GROWTH] >= T0 + 180 * SEC +
	    r.l.clear, "cleared at %lld s, before 180 s + clear",
	    run_sec(r.cleared_at[POLICY_GROWTH]));
	ck_assert_msg(r.nraised[POLICY_FOOTPRINT] == 0 &&
	    r.nraised[POLICY_FD_GROWTH] == 0, "other warnings: footprint %u "
	    "fd-growth %u", r.nraised[POLICY_FOOTPRINT],
	    r.nraised[POLICY_FD_GROWTH]);
}
END_TEST

/* Flat, one step of 500 MiB at 90 s, flat: a file loaded, not a leak. */
static void
series_step(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)silent;
	n->footprint = (uint64_t)(i < 90 ? 500 * MIB : 1000 * MIB);
	n->fds = i < 90 ? 50 : 400;
}

/* A small deterministic noise, -16..16 MiB and -3..3 fds. */
static uint32_t	noise_state;

static void
series_noise(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)i;
	(void)silent;
	noise_state = noise_state * 1103515245u + 12345u;
	n->footprint = (uint64_t)(GIB - 16 * MIB +
	    (double)((noise_state >> 8) % 33) * MIB);
	n->fds = 100 - 3 + (noise_state >> 16) % 7;
}

/* Flat with a spike of +1 GiB and 300 fds for one sample at 70 s. */
static void
series_spike(u_int i, struct sample_numbers *n, uint64_t *silent)
{
	(void)silent;
	n->footprint = (uint64_t)(i == 70 ? 2 * GIB : GIB);
	n->fds = i == 70 ? 400 : 100;
}

static const struct {
	const char	*name;
	series_fn	*fn;
} flat_cases[] = {
	{ "flat, one step up of 500M and 350 fds, flat", series_step },
	{ "1G +-16M of noise, 100 +-3 fds", series_noise },
	{ "1G with one spike to 2G and 400 fds", series_spike },
};

/* None of these is growth, whatever the window sees. */
START_TEST(test_growth_not)
{
	run_init(&r);
	r.l.window = 60 * SEC;
	noise_state = 1;
	run_series(&r, flat_cases[_i].fn, 300, SEC);
	ck_assert_msg(r.nraised[POLICY_GROWTH] == 0, "%s, window 60 s: "
	    "footprint growth raised at %lld s: '%s'", flat_cases[_i].name,
	    run_sec(r.raised_at[POLICY_GROWTH]),
	    r.raised_msg[POLICY_GROWTH]);
	ck_assert_msg(r.nraised[POLICY_FD_GROWTH] == 0, "%s, window 60 s: "
	    "fd growth raised at %lld s: '%s'", flat_cases[_i].name,
	    run_sec(r.raised_at[POLICY_FD_GROWTH]),
	    r.raised_msg[POLICY_FD_GROWTH]);
}
END_TEST

/* Growth of fds the same way: +10/min over a 60 s window. */
START_TEST(test_growth_fds)
{
	u_int		fds;
	double		slope;
	long long	at;
	char		d[32];

	run_init(&r);
	r.l.window = 60 * SEC;
	run_series(&r, series_fd_growth, 240, SEC);
	at = run_sec(r.raised_at[POLICY_FD_GROWTH]);
	ck_assert_msg(at >= 54 && at <= 60, "+10 fds/min every 1 s, window "
	    "60 s: raised at %lld s, want 54..60 s", at);
	ck_assert_msg(r.nraised[POLICY_FD_GROWTH] == 1, "raised %u times",
	    r.nraised[POLICY_FD_GROWTH]);
	ck_assert_msg(sscanf(r.raised_msg[POLICY_FD_GROWTH],
	    "fds %u (+%lf/min for %31[^)])", &fds, &slope, d) == 3,
	    "fd growth message '%s'", r.raised_msg[POLICY_FD_GROWTH]);
	ck_assert_msg(fds == 20 + (u_int)at / 6 && rel_err(slope, 10) <= 0.05,
	    "fd growth message '%s' at %lld s: want fds %u, +10/min",
	    r.raised_msg[POLICY_FD_GROWTH], at, 20 + (u_int)at / 6);
	ck_assert_msg(r.nraised[POLICY_GROWTH] == 0, "footprint growth "
	    "raised");
}
END_TEST

/* Re-reads: a silent pane reading the same pages over and over. */

START_TEST(test_reread_storm)
{
	struct sample_numbers	n;
	uint64_t		silent;
	u_int			i;
	const char		*want = "reads 5.0M/s while silent "
				    "(200 reads/s)";

	run_init(&r);
	for (i = 0; i < 150; i++) {
		memset(&n, 0, sizeof n);
		silent = 0;
		series_reread(i, &n, &silent);
		if (i >= 60)
			n.rchar_s = n.syscr_s = 0;	/* the storm stops */
		run_feed(&r, &n, NULL, 0, silent, T0 + i * SEC);
	}
	ck_assert_msg(r.raised_at[POLICY_REREAD] == T0 + 30 * SEC,
	    "rchar 5M/s syscr 200/s read_bytes 0 silent 10 min, sustain 30 s: "
	    "raised at %lld s, want 30 s", run_sec(r.raised_at[POLICY_REREAD]));
	ck_assert_msg(strcmp(r.raised_msg[POLICY_REREAD], want) == 0,
	    "re-read message '%s', want '%s'", r.raised_msg[POLICY_REREAD],
	    want);
	ck_assert_msg(r.cleared_at[POLICY_REREAD] == T0 + 90 * SEC &&
	    r.nraised[POLICY_REREAD] == 1 && r.ncleared[POLICY_REREAD] == 1,
	    "storm stopped at 60 s, clear 30 s: cleared at %lld s (%u "
	    "times, raised %u times), want 90 s",
	    run_sec(r.cleared_at[POLICY_REREAD]), r.ncleared[POLICY_REREAD],
	    r.nraised[POLICY_REREAD]);
	ck_assert_msg(r.nraised[POLICY_SPIN] == 0, "spin raised");
}
END_TEST

/*
 * A storm all along, the pane printing until 20 s: silent only from then,
 * so up "sustain" after that, not after the storm began.
 */
START_TEST(test_reread_went_silent)
{
	struct sample_numbers	n;
	uint64_t		silent, now;
	u_int			i;
	long long		at;

	run_init(&r);
	for (i = 0; i < 120; i++) {
		memset(&n, 0, sizeof n);
		series_reread(i, &n, &silent);
		now = T0 + i * SEC;
		silent = i < 20 ? 0 : now - (T0 + 20 * SEC);
		run_feed(&r, &n, NULL, 0, silent, now);
	}
	at = run_sec(r.raised_at[POLICY_REREAD]);
	ck_assert_msg(at >= 50 && at <= 52 && r.nraised[POLICY_REREAD] == 1,
	    "storm from 0 s, pane silent from 20 s, sustain 30 s: raised %u "
	    "times, first at %lld s, want once at 50..52 s",
	    r.nraised[POLICY_REREAD], at);
}
END_TEST

static const struct {
	const char	*name;
	double		 rchar, calls, disk;
	uint64_t	 silent;
} reread_not_cases[] = {
	{ "real disk reads", 5 * MIB, 200, 5 * MIB, 600 * SEC },
	{ "pane printed 1 s ago", 5 * MIB, 200, 0, 1 * SEC },
	{ "pane printed 29 s ago", 5 * MIB, 200, 0, 29 * SEC },
	{ "100K/s", 100 * 1024, 200, 0, 600 * SEC },
	{ "5 calls/s", 5 * MIB, 5, 0, 600 * SEC },
};

/* Not re-reads: disk reads, a pane that prints, low rates. */
START_TEST(test_reread_not)
{
	struct sample_numbers	n;
	u_int			i;

	run_init(&r);
	for (i = 0; i < 120; i++) {
		memset(&n, 0, sizeof n);
		n.rchar_s = reread_not_cases[_i].rchar;
		n.syscr_s = reread_not_cases[_i].calls;
		n.read_bytes_s = reread_not_cases[_i].disk;
		run_feed(&r, &n, NULL, 0, reread_not_cases[_i].silent,
		    T0 + i * SEC);
	}
	ck_assert_msg(r.nraised[POLICY_REREAD] == 0, "%s (rchar %g/s, "
	    "%g calls/s, disk %g/s, silent %llu ms): raised at %lld s: '%s'",
	    reread_not_cases[_i].name, reread_not_cases[_i].rchar,
	    reread_not_cases[_i].calls, reread_not_cases[_i].disk,
	    (unsigned long long)reread_not_cases[_i].silent,
	    run_sec(r.raised_at[POLICY_REREAD]), r.raised_msg[POLICY_REREAD]);
}
END_TEST

/* A small threshold gives a small rate, in bytes: "512B/s", not "512BB/s". */
START_TEST(test_reread_small)
{
	struct sample_numbers	n;
	u_int			i;
	const char		*want = "reads 512B/s while silent "
				    "(10 reads/s)";

	run_init(&r);
	r.l.reread_rate = 100;
	r.l.reread_calls = 1;
	for (i = 0; i <= 30; i++) {
		memset(&n, 0, sizeof n);
		n.rchar_s = 512;
		n.syscr_s = 10;
		run_feed(&r, &n, NULL, 0, 600 * SEC, T0 + i * SEC);
	}
	ck_assert_msg(r.nraised[POLICY_REREAD] == 1, "512 B/s over 100 B/s: "
	    "raised %u times", r.nraised[POLICY_REREAD]);
	ck_assert_msg(strcmp(r.raised_msg[POLICY_REREAD], want) == 0,
	    "rchar 512 B/s: message '%s', want '%s'",
	    r.raised_msg[POLICY_REREAD], want);
}
END_TEST

/* CPU spin: busy while silent for "sustain", held at 70%. */
START_TEST(test_spin)
{
	struct sample_numbers	n;
	u_int			i;
	const char		*want = "CPU 99% for 30 s while silent";

	run_init(&r);
	for (i = 0; i < 200; i++) {
		memset(&n, 0, sizeof n);
		if (i < 60)
			n.cpu_pct = 99;
		else if (i < 120)
			n.cpu_pct = 70;		/* held: over 70% of 90 */
		else
			n.cpu_pct = 10;
		run_feed(&r, &n, NULL, 0, 600 * SEC, T0 + i * SEC);
	}
	ck_assert_msg(r.raised_at[POLICY_SPIN] == T0 + 30 * SEC,
	    "cpu 99%% silent 10 min, sustain 30 s: raised at %lld s, want 30",
	    run_sec(r.raised_at[POLICY_SPIN]));
	ck_assert_msg(strcmp(r.raised_msg[POLICY_SPIN], want) == 0,
	    "spin message '%s', want '%s'", r.raised_msg[POLICY_SPIN], want);
	ck_assert_msg(r.cleared_at[POLICY_SPIN] == T0 + 150 * SEC &&
	    r.nraised[POLICY_SPIN] == 1 && r.ncleared[POLICY_SPIN] == 1,
	    "cpu 70%% from 60 s, 10%% from 120 s: cleared at %lld s (%u "
	    "times), want 150 s", run_sec(r.cleared_at[POLICY_SPIN]),
	    r.ncleared[POLICY_SPIN]);
}
END_TEST

/* A busy pane that prints again is no longer "busy while silent". */
static const struct {
	enum policy_kind	 kind;
	series_fn		*fn;
} prints_cases[] = {
	{ POLICY_SPIN, series_spin },
	{ POLICY_REREAD, series_reread },
};

START_TEST(test_rate_prints)
{
	enum policy_kind	 kind = prints_cases[_i].kind;
	struct sample_numbers	 n;
	uint64_t		 now, silent;
	u_int			 i;

	run_init(&r);
	for (i = 0; i < 115; i++) {
		memset(&n, 0, sizeof n);
		prints_cases[_i].fn(i, &n, &silent);
		now = T0 + i * SEC;
		silent = i < 80 ? 600 * SEC : now - (T0 + 80 * SEC);
		run_feed(&r, &n, NULL, 0, silent, now);
	}
	ck_assert_msg(r.raised_at[kind] == T0 + 30 * SEC,
	    "%s silent: raised at %lld s, want 30 s", policy_kind_name(kind),
	    run_sec(r.raised_at[kind]));
	ck_assert_msg(r.cleared_at[kind] == T0 + 110 * SEC &&
	    r.ncleared[kind] == 1, "%s all along, the pane printed at 80 s, "
	    "clear 30 s: cleared %u times, first at %lld s, want 110 s",
	    policy_kind_name(kind), r.ncleared[kind],
	    run_sec(r.cleared_at[kind]));
}
END_TEST

/* Once down, a warning's words stay as they were for the "cleared" line. */
START_TEST(test_message_kept)
{
	struct sample_numbers	n;
	char			before[160], at_clear[160];
	u_int			i;

	run_init(&r);
	r.l.clear = 10 * SEC;
	memset(&n, 0, sizeof n);
	at_clear[0] = '\0';
	for (i = 0; i < 60; i++) {
		/* 3G, then 1.0G falling by 10M a second. */
		n.footprint = i < 10 ? 3ULL << 30 :
		    (uint64_t)(GIB - (i - 10) * 10 * MIB);
		memcpy(before, r.p.w[POLICY_FOOTPRINT].message, sizeof before);
		run_feed(&r, &n, NULL, 0, 0, T0 + i * SEC);
		if (r.cleared & BIT(POLICY_FOOTPRINT)) {
			ck_assert_msg(strcmp(before,
			    r.p.w[POLICY_FOOTPRINT].message) == 0, "at the "
			    "clear: '%s', was '%s'",
			    r.p.w[POLICY_FOOTPRINT].message, before);
			memcpy(at_clear, before, sizeof at_clear);
		}
	}
	ck_assert_msg(r.cleared_at[POLICY_FOOTPRINT] == T0 + 20 * SEC,
	    "3G until 10 s then under 2G, clear 10 s: cleared at %lld s",
	    run_sec(r.cleared_at[POLICY_FOOTPRINT]));
	ck_assert_msg(strcmp(at_clear, "footprint 934M over budget 2.0G") ==
	    0 && strcmp(r.p.w[POLICY_FOOTPRINT].message, at_clear) == 0,
	    "message at the clear '%s', 40 s later '%s', want both 'footprint "
	    "934M over budget 2.0G'", at_clear,
	    r.p.w[POLICY_FOOTPRINT].message);
}
END_TEST

static const struct {
	const char	*name;
	double		 cpu;
	uint64_t	 silent;
} spin_not_cases[] = {
	{ "99% while printing", 99, 500 },
	{ "99% printed 29 s ago", 99, 29 * SEC },
	{ "5% while silent", 5, 600 * SEC },
	{ "89% while silent", 89, 600 * SEC },
};

START_TEST(test_spin_not)
{
	struct sample_numbers	n;
	u_int			i;

	run_init(&r);
	for (i = 0; i < 120; i++) {
		memset(&n, 0, sizeof n);
		n.cpu_pct = spin_not_cases[_i].cpu;
		run_feed(&r, &n, NULL, 0, spin_not_cases[_i].silent,
		    T0 + i * SEC);
	}
	ck_assert_msg(r.nraised[POLICY_SPIN] == 0, "%s: raised at %lld s: "
	    "'%s'", spin_not_cases[_i].name, run_sec(r.raised_at[POLICY_SPIN]),
	    r.raised_msg[POLICY_SPIN]);
}
END_TEST

/* Files open many times at once. */

static const struct {
	const char		*name;
	struct sample_dup	 dups[4];
	u_int			 ndups;
	const char		*want;		/* NULL: no warning */
} dup_cases[] = {
	{ "one path 5 times", { { "/home/u/a.log", 5, 10 },
	  { "/tmp/b", 2, 10 } }, 2, "/home/u/a.log open 5 times" },
	{ "a path twice", { { "/tmp/b", 2, 10 } }, 1, NULL },
	{ "at the limit", { { "/tmp/c", 3, -1 } }, 1, "/tmp/c open 3 times" },
	{ "the worst of several", { { "/a", 4, 1 }, { "/b", 6, 2 },
	  { "/c", 2, 3 }, { "/d", 5, 4 } }, 4, "/b open 6 times (and more)" },
	{ "none", { { NULL, 0, 0 } }, 0, NULL },
};

START_TEST(test_dup_open)
{
	struct sample_numbers	 n;
	const char		*want = dup_cases[_i].want;
	u_int			 i;

	run_init(&r);
	r.l.dup_limit = 3;
	memset(&n, 0, sizeof n);
	for (i = 0; i < 60; i++) {
		run_feed(&r, &n, dup_cases[_i].dups, i < 10 ?
		    dup_cases[_i].ndups : 0, 0, T0 + i * SEC);
	}
	if (want == NULL) {
		ck_assert_msg(r.nraised[POLICY_DUP_OPEN] == 0, "%s, limit 3: "
		    "raised '%s'", dup_cases[_i].name,
		    r.raised_msg[POLICY_DUP_OPEN]);
		return;
	}
	ck_assert_msg(r.raised_at[POLICY_DUP_OPEN] == T0,
	    "%s, limit 3: raised at %lld s, want at once", dup_cases[_i].name,
	    run_sec(r.raised_at[POLICY_DUP_OPEN]));
	ck_assert_msg(strcmp(r.raised_msg[POLICY_DUP_OPEN], want) == 0,
	    "%s: message '%s', want '%s'", dup_cases[_i].name,
	    r.raised_msg[POLICY_DUP_OPEN], want);
	/* Its file is the one it names (stats --json "file"). */
	ck_assert_msg(strncmp(r.p.w[POLICY_DUP_OPEN].file, want,
	    strlen(r.p.w[POLICY_DUP_OPEN].file)) == 0 &&
	    strncmp(want + strlen(r.p.w[POLICY_DUP_OPEN].file), " open ", 6) ==
	    0, "%s: file '%s'", dup_cases[_i].name,
	    r.p.w[POLICY_DUP_OPEN].file);
	ck_assert_msg(r.cleared_at[POLICY_DUP_OPEN] == T0 + 40 * SEC &&
	    r.nraised[POLICY_DUP_OPEN] == 1, "%s until 10 s, clear 30 s: "
	    "cleared at %lld s, raised %u times", dup_cases[_i].name,
	    run_sec(r.cleared_at[POLICY_DUP_OPEN]), r.nraised[POLICY_DUP_OPEN]);
}
END_TEST

/* Files a sample of the pane's files saw: the reopen warning. */

#define HOME_CRED	"/home/me/.claude/.credentials.json"
#define NOSIZE		UINT64_MAX

static const struct reopen_case {
	const char		*name;
	struct policy_file	 files[4];
	u_int			 nfiles;
	double			 seconds;
	double			 reopen_rate;	/* 0: the default */
	const char		*want;		/* NULL: no warning */
	const char		*file;
} reopen_cases[] = {
	{ "credentials 1.9x/s", { { HOME_CRED, 19, 19, 19 * 433, 433, 1 } },
	  1, 10, 0, "re-opens .credentials.json 1.9x/s, 433B each, unchanged",
	  HOME_CRED },
	{ "0.9x/s is under 1", { { HOME_CRED, 9, 9, 9 * 433, 433, 1 } },
	  1, 10, 0, NULL, NULL },
	{ "one open in half a second", { { "/w/a", 1, 1, 10, 10, 1 } },
	  1, 0.5, 0, NULL, NULL },
	{ "a file that changes, size unknown", { { "/w/a.json", 6, 6, 600,
	  1024, 0 }, { "/w/fifo", 9, 0, 0, NOSIZE, 1 } }, 2, 3, 0,
	  "re-opens fifo 3.0x/s (and 1 more)", "/w/fifo" },
	{ "the system's files never", { { "/usr/lib/libc.so.6", 50, 50,
	  50 * 832, 2 << 20, 1 }, { "/etc/ld.so.cache", 50, 0, 0, 40000, 1 },
	  { "/proc/self/stat", 50, 50, 5000, 0, 0 }, { "/w/x", 5, 5, 50, 10,
	  1 } }, 4, 2, 0, "re-opens x 2.5x/s, 10B each, unchanged", "/w/x" },
	{ "read 5M/s, 40 reads/s", { { "/w/CHANGELOG.md", 1, 400, 50 << 20,
	  50 << 20, 1 } }, 1, 10, 0, "reads CHANGELOG.md 5.0M/s (40 reads/s)",
	  "/w/CHANGELOG.md" },
	{ "read fast in few calls", { { "/w/big", 1, 10, 50 << 20, 50 << 20,
	  1 } }, 1, 10, 0, NULL, NULL },
	{ "re-opened beats re-read", { { "/w/big", 1, 400, 50 << 20, 50 << 20,
	  1 }, { "/w/c", 4, 4, 4, 1, 1 } }, 2, 2, 0,
	  "re-opens c 2.0x/s, 1B each, unchanged (and 1 more)", "/w/c" },
	{ "reopen-warning 5", { { "/w/c", 8, 8, 8, 1, 1 } }, 1, 2, 5, NULL,
	  NULL },
	{ "nothing", { { NULL, 0, 0, 0, 0, 0 } }, 0, 2, 0, NULL, NULL },
};

/*
 * One sample: the warning is up at once with the worst file's words, or
 * not at all; the next sample that finds nothing takes it down at once.
 */
START_TEST(test_reopen)
{
	const struct reopen_case	*rc = &reopen_cases[_i];
	u_int				 raised, cleared;

	run_init(&r);
	if (rc->reopen_rate != 0)
		r.l.reopen_rate = rc->reopen_rate;
	policy_files(&r.p, &r.l, rc->files, rc->nfiles, rc->seconds, T0,
	    &raised, &cleared);
	if (rc->want == NULL) {
		ck_assert_msg(raised == 0 && !r.p.w[POLICY_REOPEN].active,
		    "%s: raised '%s'", rc->name, r.p.w[POLICY_REOPEN].message);
		return;
	}
	ck_assert_msg(raised == BIT(POLICY_REOPEN) && cleared == 0 &&
	    r.p.w[POLICY_REOPEN].since == T0, "%s: raised %#x cleared %#x",
	    rc->name, raised, cleared);
	ck_assert_msg(strcmp(r.p.w[POLICY_REOPEN].message, rc->want) == 0 &&
	    strcmp(r.p.w[POLICY_REOPEN].file, rc->file) == 0,
	    "%s: '%s' (%s), want '%s' (%s)", rc->name,
	    r.p.w[POLICY_REOPEN].message, r.p.w[POLICY_REOPEN].file, rc->want,
	    rc->file);
	policy_files(&r.p, &r.l, rc->files, 0, 2, T0 + 600 * SEC, &raised,
	    &cleared);
	ck_assert_msg(raised == 0 && cleared == BIT(POLICY_REOPEN) &&
	    strcmp(r.p.w[POLICY_REOPEN].file, rc->file) == 0,
	    "%s, then nothing: raised %#x cleared %#x, file '%s'", rc->name,
	    raised, cleared, r.p.w[POLICY_REOPEN].file);
}
END_TEST

/*
 * Between samples the warning holds whatever the other samples say; a
 * sample that still finds the file keeps it up, with the new rate.
 */
START_TEST(test_reopen_holds)
{
	struct policy_file	f = { "/w/c", 10, 10, 10, 5, 1 };
	struct sample_numbers	n;
	u_int			raised, cleared, i;

	run_init(&r);
	policy_files(&r.p, &r.l, &f, 1, 2, T0, &raised, &cleared);
	ck_assert(raised == BIT(POLICY_REOPEN));
	memset(&n, 0, sizeof n);
	for (i = 1; i <= 600; i++)
		run_feed(&r, &n, NULL, 0, 0, T0 + i * SEC);
	ck_assert_msg(r.p.w[POLICY_REOPEN].active &&
	    r.ncleared[POLICY_REOPEN] == 0, "cleared between samples");
	f.opens = 20;
	policy_files(&r.p, &r.l, &f, 1, 2, T0 + 601 * SEC, &raised, &cleared);
	ck_assert_msg(raised == 0 && cleared == 0 &&
	    r.p.w[POLICY_REOPEN].since == T0 &&
	    strcmp(r.p.w[POLICY_REOPEN].message, "re-opens c 10.0x/s, 5B "
	    "each, unchanged") == 0, "second sample: %#x %#x '%s'", raised,
	    cleared, r.p.w[POLICY_REOPEN].message);
}
END_TEST

/*
 * The file behind a reread warning: named once while it is up, its words
 * after the message as the numbers change, cut to fit; gone when the
 * warning comes up again.
 */
START_TEST(test_name_file)
{
	struct sample_numbers	 n;
	uint64_t		 silent;
	char			 words[200];
	u_int			 i, named;

	run_init(&r);
	named = policy_name_file(&r.p, BIT(POLICY_REREAD), "/w/data", "x");
	ck_assert_msg(named == 0, "named a warning that is not up");
	for (i = 0; i < 31; i++) {
		memset(&n, 0, sizeof n);
		series_reread(i, &n, &silent);
		run_feed(&r, &n, NULL, 0, silent, T0 + i * SEC);
	}
	ck_assert(r.p.w[POLICY_REREAD].active);
	ck_assert_str_eq(r.p.w[POLICY_REREAD].file, "");
	named = policy_name_file(&r.p, BIT(POLICY_REREAD) |
	    BIT(POLICY_DUP_OPEN), "/w/data", "data re-opened 20.0x/s");
	ck_assert_msg(named == BIT(POLICY_REREAD), "named %#x", named);
	ck_assert_str_eq(r.p.w[POLICY_REREAD].message, "reads 5.0M/s while "
	    "silent (200 reads/s): data re-opened 20.0x/s");
	ck_assert_str_eq(r.p.w[POLICY_REREAD].file, "/w/data");

	/* The numbers change, the name stays; a second naming is none. */
	memset(&n, 0, sizeof n);
	series_reread(31, &n, &silent);
	n.rchar_s = 6 * MIB;
	run_feed(&r, &n, NULL, 0, silent, T0 + 31 * SEC);
	ck_assert_str_eq(r.p.w[POLICY_REREAD].message, "reads 6.0M/s while "
	    "silent (200 reads/s): data re-opened 20.0x/s");
	ck_assert(policy_name_file(&r.p, BIT(POLICY_REREAD), "/w/other",
	    "other") == 0);
	ck_assert_str_eq(r.p.w[POLICY_REREAD].file, "/w/data");

	/* Down, then up again: no name until a new one. */
	memset(&n, 0, sizeof n);
	for (i = 32; i < 70; i++)
		run_feed(&r, &n, NULL, 0, 0, T0 + i * SEC);
	ck_assert(!r.p.w[POLICY_REREAD].active);
	for (; i < 110; i++) {
		memset(&n, 0, sizeof n);
		series_reread(i, &n, &silent);
		run_feed(&r, &n, NULL, 0, silent, T0 + i * SEC);
	}
	ck_assert(r.p.w[POLICY_REREAD].active);
	ck_assert_str_eq(r.p.w[POLICY_REREAD].message, "reads 5.0M/s while "
	    "silent (200 reads/s)");
	ck_assert_str_eq(r.p.w[POLICY_REREAD].file, "");

	/* Long words are cut, and the message stays within its size. */
	memset(words, 'w', sizeof words - 1);
	words[sizeof words - 1] = '\0';
	policy_name_file(&r.p, BIT(POLICY_REREAD), "/w/data", words);
	ck_assert_msg(strlen(r.p.w[POLICY_REREAD].message) == 39 + 2 + 95 &&
	    strncmp(r.p.w[POLICY_REREAD].message, "reads 5.0M/s while silent "
	    "(200 reads/s): www", 44) == 0, "'%s'",
	    r.p.w[POLICY_REREAD].message);
}
END_TEST

/* The helpers. */

/* Footprint +12345 B/s and fds +3/s: a slope of exactly that a minute. */
START_TEST(test_slope_exact)
{
	struct sample_numbers	n;
	double			got;
	u_int			i;

	run_init(&r);
	r.l.window = 10 * 60 * SEC;
	memset(&n, 0, sizeof n);
	for (i = 0; i < 120; i++) {
		/* Flat for a minute, then linear. */
		n.footprint = 7000000 + (i < 60 ? 0 : 12345ULL * (i - 60));
		n.fds = 10 + (i < 60 ? 0 : 3 * (i - 60));
		run_feed(&r, &n, NULL, 0, 0, T0 + i * 5 * SEC / 2);
	}
	got = policy_slope(&r.p, 0, T0 + 60 * 5 * SEC / 2);
	ck_assert_msg(rel_err(got, 12345.0 * 60 / 2.5) < 1e-9, "footprint "
	    "+12345 B every 2.5 s: slope %.6f/min, want %.6f", got,
	    12345.0 * 60 / 2.5);
	got = policy_slope(&r.p, 1, T0 + 60 * 5 * SEC / 2);
	ck_assert_msg(rel_err(got, 3 * 60 / 2.5) < 1e-9, "fds +3 every "
	    "2.5 s: slope %.6f/min, want 72", got);
	got = policy_slope(&r.p, 1, T0);
	ck_assert_msg(got > 0 && got < 72, "fds flat then +72/min: slope "
	    "over all %.6f, want between", got);
}
END_TEST

/* Fewer than 3 points have no slope, however steep. */
START_TEST(test_slope_few)
{
	struct sample_numbers	n;
	u_int			i;
	double			got;

	run_init(&r);
	memset(&n, 0, sizeof n);
	got = policy_slope(&r.p, 0, 0);
	ck_assert_msg(got == 0, "no points: slope %g", got);
	for (i = 0; i < 3; i++) {
		n.footprint = (uint64_t)(GIB * i);
		n.fds = 1000 * i;
		run_feed(&r, &n, NULL, 0, 0, T0 + i * 10 * SEC);
		got = policy_slope(&r.p, 0, 0);
		if (i < 2) {
			ck_assert_msg(got == 0 && policy_slope(&r.p, 1, 0) == 0,
			    "%u points: slope %g", i + 1, got);
		} else {
			ck_assert_msg(rel_err(got, 6 * GIB) < 1e-9,
			    "3 points +1G every 10 s: slope %g, want %g", got,
			    6 * GIB);
		}
	}
	got = policy_slope(&r.p, 0, T0 + 10 * SEC);
	ck_assert_msg(got == 0, "2 points from 10 s: slope %g", got);
}
END_TEST

/* The largest value per bucket; points outside the window don't count. */
START_TEST(test_history)
{
	static const struct {
		uint64_t	t, v;
	} pts[] = {
		{ 9500, 100 },		/* before the window */
		{ 10300, 5 }, { 10800, 7 },	/* bucket 0 */
		{ 11500, 3 },		/* 1 */
		{ 15500, 9 },		/* 5 */
		{ 20000, 4 },		/* 9: now itself */
		{ 20500, 50 },		/* after now */
	};
	static const uint64_t	want[10] = { 7, 3, 0, 0, 0, 9, 0, 0, 0, 4 };
	struct sample_numbers	n;
	uint64_t		out[10], max;
	u_int			i;
	char			got[256];
	size_t			off = 0;

	run_init(&r);
	r.l.window = 60 * SEC;
	memset(&n, 0, sizeof n);
	for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
		n.footprint = pts[i].v;
		run_feed(&r, &n, NULL, 0, 0, T0 + pts[i].t);
	}
	ck_assert_msg(r.p.npts == 7, "7 points 300+ ms apart: %u kept",
	    r.p.npts);
	max = policy_history(&r.p, 10 * SEC, T0 + 20 * SEC, out, 10);
	for (i = 0; i < 10; i++) {
		off += (size_t)snprintf(got + off, sizeof got - off, "%s%llu",
		    i == 0 ? "" : " ", (unsigned long long)out[i]);
	}
	ck_assert_msg(memcmp(out, want, sizeof want) == 0 && max == 9,
	    "10 buckets over 10 s: got %s max %llu, want 7 3 0 0 0 9 0 0 0 4 "
	    "max 9", got, (unsigned long long)max);

	memset(out, 0xff, sizeof out);
	max = policy_history(&r.p, 0, T0 + 20 * SEC, out, 10);
	ck_assert_msg(max == 0 && out[0] == 0 && out[9] == 0,
	    "window 0: max %llu out[0] %llu", (unsigned long long)max,
	    (unsigned long long)out[0]);
	max = policy_history(&r.p, 10 * SEC, T0 + 20 * SEC, out, 0);
	ck_assert_msg(max == 0, "0 buckets: max %llu", (unsigned long long)max);
	max = policy_history(&r.p, 60 * SEC, T0 + 20 * SEC, out, 1);
	ck_assert_msg(max == 100 && out[0] == 100, "1 bucket over 60 s: %llu "
	    "max %llu, want 100", (unsigned long long)out[0],
	    (unsigned long long)max);
}
END_TEST

static const struct {
	double		 v;
	const char	*want;
} size_cases[] = {
	{ 0, "0B" },
	{ 512, "512B" },
	{ 1023, "1023B" },
	{ 1024, "1.0K" },
	{ 1536, "1.5K" },
	{ 10188, "9.9K" },		/* 9.949K */
	{ 10189, "10K" },		/* 9.950K */
	{ 812 * 1024, "812K" },
	{ 812 * MIB, "812M" },
	{ 1.2 * GIB, "1.2G" },
	{ 2 * GIB, "2.0G" },
	{ 1024 * GIB, "1.0T" },
	{ 1048575, "1.0M" },		/* 1023.999K */
};

START_TEST(test_size)
{
	char	buf[16];

	memset(buf, 'x', sizeof buf);
	policy_size(buf, sizeof buf, size_cases[_i].v);
	ck_assert_msg(strcmp(buf, size_cases[_i].want) == 0,
	    "policy_size(%.0f): '%s', want '%s'", size_cases[_i].v, buf,
	    size_cases[_i].want);
}
END_TEST

START_TEST(test_kind_name)
{
	static const char *want[POLICY_KINDS] = {
		[POLICY_FOOTPRINT] = "footprint",
		[POLICY_FDS] = "fds",
		[POLICY_THREADS] = "threads",
		[POLICY_GROWTH] = "footprint-growth",
		[POLICY_FD_GROWTH] = "fd-growth",
		[POLICY_REREAD] = "reread",
		[POLICY_DUP_OPEN] = "dup-open",
		[POLICY_SPIN] = "cpu-spin",
		[POLICY_REOPEN] = "reopen",
	};
	const char	*got;
	u_int		 k;

	for (k = 0; k < POLICY_KINDS; k++) {
		got = policy_kind_name(k);
		ck_assert_msg(got != NULL && strcmp(got, want[k]) == 0,
		    "policy_kind_name(%u): '%s', want '%s'", k, got, want[k]);
	}
	got = policy_kind_name(POLICY_KINDS);
	ck_assert_msg(strcmp(got, "unknown") == 0, "POLICY_KINDS: '%s'", got);
	got = policy_kind_name((enum policy_kind)99);
	ck_assert_msg(strcmp(got, "unknown") == 0, "99: '%s'", got);
	got = policy_kind_name((enum policy_kind)-1);
	ck_assert_msg(strcmp(got, "unknown") == 0, "-1: '%s'", got);
}
END_TEST

/*
 * A sample every 100 ms for 10 min with a 5 min window: the ring thins to
 * keep the whole window, so the slope stays right and growth is seen.
 */
START_TEST(test_thinning)
{
	struct sample_numbers	n;
	const struct policy_point *first;
	uint64_t		now, span;
	double			slope;
	u_int			i;
	long long		at;

	run_init(&r);
	r.l.window = 5 * 60 * SEC;
	memset(&n, 0, sizeof n);
	for (i = 0; i < 6000; i++) {
		now = T0 + i * 100ULL;
		n.footprint = (uint64_t)(GIB + 40 * MIB * i / 600.0);
		run_feed(&r, &n, NULL, 0, 0, now);
		ck_assert_msg(r.p.npts > 0 && r.p.npts <= POLICY_POINTS &&
		    r.p.first < POLICY_POINTS, "at %u: npts %u first %u", i,
		    r.p.npts, r.p.first);
		first = &r.p.pts[r.p.first];
		span = now - first->t;
		if (now - T0 >= r.l.window) {
			/* Older points go, up to one thinning step late. */
			ck_assert_msg(span >= r.l.window - 2 * SEC &&
			    span <= r.l.window + 2 * SEC,
			    "at %llu ms (%u points): history spans "
			    "%llu ms of a %llu ms window",
			    (unsigned long long)(now - T0), r.p.npts,
			    (unsigned long long)span,
			    (unsigned long long)r.l.window);
		}
	}
	ck_assert_msg(r.p.npts >= 200, "a 5 min window kept %u points",
	    r.p.npts);
	slope = policy_slope(&r.p, 0, now - r.l.window);
	ck_assert_msg(rel_err(slope, 40 * MIB) < 0.01, "+40M/min every "
	    "100 ms: slope %.0f, want %.0f", slope, 40 * MIB);
	at = run_sec(r.raised_at[POLICY_GROWTH]);
	ck_assert_msg(at >= 270 && at <= 300 && r.nraised[POLICY_GROWTH] == 1,
	    "growth raised %u times, first at %lld s, want once at 270..300",
	    r.nraised[POLICY_GROWTH], at);
}
END_TEST

Suite *
suite_policy(void)
{
	Suite	*s;
	TCase	*tc;
	int	 n;

	s = suite_create("policy");

	tc = tcase_create("limits");
	n = (int)(sizeof limit_cases / sizeof limit_cases[0]);
	tcase_add_loop_test(tc, test_limit_hysteresis, 0, n);
	tcase_add_test(tc, test_limit_once);
	tcase_add_test(tc, test_message_kept);
	n = (int)(sizeof off_cases / sizeof off_cases[0]);
	tcase_add_loop_test(tc, test_limit_zero_off, 0, n);
	suite_add_tcase(s, tc);

	tc = tcase_create("growth");
	tcase_add_test(tc, test_growth_linear);
	n = (int)(sizeof flat_cases / sizeof flat_cases[0]);
	tcase_add_loop_test(tc, test_growth_not, 0, n);
	tcase_add_test(tc, test_growth_fds);
	tcase_add_test(tc, test_thinning);
	suite_add_tcase(s, tc);

	tc = tcase_create("rates");
	tcase_add_test(tc, test_reread_storm);
	n = (int)(sizeof reread_not_cases / sizeof reread_not_cases[0]);
	tcase_add_loop_test(tc, test_reread_not, 0, n);
	tcase_add_test(tc, test_reread_small);
	tcase_add_test(tc, test_reread_went_silent);
	tcase_add_test(tc, test_spin);
	n = (int)(sizeof prints_cases / sizeof prints_cases[0]);
	tcase_add_loop_test(tc, test_rate_prints, 0, n);
	n = (int)(sizeof spin_not_cases / sizeof spin_not_cases[0]);
	tcase_add_loop_test(tc, test_spin_not, 0, n);
	n = (int)(sizeof dup_cases / sizeof dup_cases[0]);
	tcase_add_loop_test(tc, test_dup_open, 0, n);
	suite_add_tcase(s, tc);

	tc = tcase_create("files");
	n = (int)(sizeof reopen_cases / sizeof reopen_cases[0]);
	tcase_add_loop_test(tc, test_reopen, 0, n);
	tcase_add_test(tc, test_reopen_holds);
	tcase_add_test(tc, test_name_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("helpers");
	tcase_add_test(tc, test_slope_exact);
	tcase_add_test(tc, test_slope_few);
	tcase_add_test(tc, test_history);
	n = (int)(sizeof size_cases / sizeof size_cases[0]);
	tcase_add_loop_test(tc, test_size, 0, n);
	tcase_add_test(tc, test_kind_name);
	suite_add_tcase(s, tc);

	return (s);
}
