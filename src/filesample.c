/*
 * The hot-file profiler's light mode: samples of a pane's files.
 *
 * Why samples with ptrace, and not a seccomp filter on the open calls of
 * every pane, which would count each open for a fraction of the cost: a
 * filter can't be removed, and once its listener is closed (vigil killed,
 * or exiting while a nohup'd job of the pane lives on) the kernel fails
 * each filtered call with ENOSYS (seccomp_unotify(2)), so every open of
 * the processes that outlive vigil would fail. fanotify and eBPF need
 * privileges; LD_PRELOAD misses static programs and changes the agent's
 * environment. The profiler's tracees the kernel lets go if vigil dies, so
 * the light mode is that profiler for a few seconds now and then, and
 * nothing in between.
 *
 * One profile runs at a time in the server: a due sample waits while
 * another runs, a user's profile ends a sample (profiler_preempt), and so
 * does suspending the pane. A pane whose tree can't be traced (Yama 2 or
 * 3, a container without ptrace, a debugger attached) says so once in the
 * event log and is not sampled again until its program is relaunched.
 */

#include "config.h"

#include <sys/queue.h>

#include <stdlib.h>
#include <string.h>

#include "vigil/agent.h"
#include "vigil/filesample.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/policy.h"
#include "vigil/profile.h"
#include "vigil/profiler.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/xmalloc.h"

/* What the light mode keeps for one pane. */
struct filesample {
	u_int			 id;		/* the pane's */
	uint64_t		 last;		/* ms the last sample ran out;
						   0: none yet */
	u_int			 want;		/* kinds whose file is wanted */
	u_int			 kinds;		/* those the running one is for */
	int			 running;
	int			 fed;		/* its warnings had a sample */
	u_int			 runs;
	char			*off;		/* why it is not sampled */
	TAILQ_ENTRY(filesample)	 entry;
};
static TAILQ_HEAD(, filesample) filesamples =
    TAILQ_HEAD_INITIALIZER(filesamples);

static void	filesample_done(u_int, const char *, struct profile_file **,
		    u_int, const struct profile_totals *, void *);

static struct filesample *
filesample_find(u_int id)
{
	struct filesample	*fs;

	TAILQ_FOREACH(fs, &filesamples, entry) {
		if (fs->id == id)
			return (fs);
	}
	return (NULL);
}

static struct filesample *
filesample_add(u_int id)
{
	struct filesample	*fs;

	fs = xcalloc(1, sizeof *fs);
	fs->id = id;
	TAILQ_INSERT_TAIL(&filesamples, fs, entry);
	return (fs);
}

static void
filesample_remove(struct filesample *fs)
{
	TAILQ_REMOVE(&filesamples, fs, entry);
	free(fs->off);
	free(fs);
}

/* Keep a record for each pane, and none for panes gone. */
static void
filesample_sync(void)
{
	struct filesample	*fs, *fs1;
	struct pane		*p;

	TAILQ_FOREACH_SAFE(fs, &filesamples, entry, fs1) {
		if (pane_find_by_id(fs->id) == NULL)
			filesample_remove(fs);
	}
	TAILQ_FOREACH(p, pane_all(), all_entry) {
		if (filesample_find(p->id) == NULL)
			filesample_add(p->id);
	}
}

void
filesample_period(struct pane *p, uint64_t *length, uint64_t *every)
{
	const struct agent	*a = supervise_agent_of(p);
	long long		 run, period;

	if (a != NULL && a->profile != NULL && a->profile->file_sample != -1) {
		run = a->profile->file_sample;
		period = a->profile->file_sample_every;
	} else
		options_get_sample(OPT_FILE_SAMPLE, &run, &period);
	*length = (uint64_t)run;
	*every = (uint64_t)period;
}

/* Keep only the wanted kinds whose warning is up with no file named. */
static void
filesample_wanted(struct filesample *fs, struct pane *p)
{
	const struct sample_tree	*t;
	const struct policy		*policy;
	u_int				 k;

	if (options_get_number(OPT_WARNING_PROFILE) == 0 ||
	    supervise_get(p, &t, &policy) != 0) {
		fs->want = 0;
		return;
	}
	for (k = 0; k < POLICY_KINDS; k++) {
		if (!policy->w[k].active || policy->w[k].file[0] != '\0')
			fs->want &= ~(1u << k);
	}
}

/*
 * How long to profile a pane for now, 0 if nothing is due; the warnings
 * it is for in *kinds. A sample is due the first time the agent is idle
 * or waiting, then every so often while it is (not while it works, when
 * tracing costs most).
 */
static uint64_t
filesample_due(struct filesample *fs, struct pane *p, uint64_t now,
    u_int *kinds)
{
	const struct agent	*a = supervise_agent_of(p);
	uint64_t		 length, every, ms = 0;

	*kinds = 0;
	if (fs->off != NULL || fs->running || pane_is_dead(p) ||
	    (p->flags & PANE_HIBERNATED) || suspend_is_suspended(p))
		return (0);
	filesample_wanted(fs, p);
	if (fs->want != 0) {
		*kinds = fs->want;
		ms = (uint64_t)options_get_number(OPT_WARNING_PROFILE);
	}
	filesample_period(p, &length, &every);
	if (length == 0 && fs->fed) {
		/* Sampling was turned off: its warning goes. */
		supervise_files_sampled(p, NULL, 0, 0);
		fs->fed = 0;
	}
	if (length != 0 && (fs->last == 0 || now - fs->last >= every) &&
	    a != NULL &&
	    (a->state == AGENT_IDLE || a->state == AGENT_WAITING) &&
	    length > ms)
		ms = length;
	return (ms);
}

/* Start a profile; a pane that can't be traced is not tried again. */
static void
filesample_start(struct filesample *fs, struct pane *p, uint64_t ms,
    u_int kinds)
{
	char	*cause;

	if (profiler_sample(p, ms, filesample_done, NULL, &cause) != 0) {
		log_debug("pane %%%u: no file samples: %s", p->id, cause);
		fs->off = cause;
		fs->want = 0;
		supervise_files_off(p, cause);
		return;
	}
	fs->running = 1;
	fs->kinds = kinds;
}

void
filesample_run(uint64_t now)
{
	struct filesample	*fs, *best = NULL;
	struct pane		*p, *best_p = NULL;
	uint64_t		 ms, best_ms = 0;
	u_int			 kinds, best_kinds = 0;

	filesample_sync();
	TAILQ_FOREACH(fs, &filesamples, entry) {
		p = pane_find_by_id(fs->id);
		if ((ms = filesample_due(fs, p, now, &kinds)) == 0)
			continue;
		/* A warning's file first, then the longest without a sample. */
		if (best == NULL || (kinds != 0 && best_kinds == 0) ||
		    ((kinds != 0) == (best_kinds != 0) &&
		    fs->last < best->last)) {
			best = fs;
			best_p = p;
			best_ms = ms;
			best_kinds = kinds;
		}
	}
	if (best != NULL && !profiler_busy())
		filesample_start(best, best_p, best_ms, best_kinds);
}

void
filesample_trigger(struct pane *p, u_int kinds)
{
	struct filesample	*fs;

	if (options_get_number(OPT_WARNING_PROFILE) == 0)
		return;
	if ((fs = filesample_find(p->id)) == NULL)
		fs = filesample_add(p->id);
	fs->want |= kinds;
}

/* The files of a profile that may be behind a warning: not the system's. */
static u_int
filesample_files(struct profile_file **files, u_int n,
    struct profile_file ***out)
{
	u_int	i, m = 0;

	*out = xreallocarray(NULL, n + 1, sizeof **out);
	for (i = 0; i < n; i++) {
		if (profiler_is_file(files[i]->path) &&
		    !policy_system_file(files[i]->path))
			(*out)[m++] = files[i];
	}
	return (m);
}

/* Name the file behind the warnings a profile was for. */
static void
filesample_name(struct pane *p, u_int kinds, struct profile_file **files,
    u_int n, double secs)
{
	const struct profile_file	*f;
	struct profile_file		**list;
	char				 words[96];

	n = filesample_files(files, n, &list);
	if ((f = profiler_top_file(list, n, secs)) != NULL) {
		profiler_top(words, sizeof words, list, n, secs, 1);
		supervise_files_named(p, kinds, f->path, words);
	}
	free(list);
}

/* Hand the files of a sample to the warnings. */
static void
filesample_found(struct pane *p, struct profile_file **files, u_int n,
    double secs)
{
	struct profile_file	**list;
	struct policy_file	 *pf;
	u_int			  i;

	n = filesample_files(files, n, &list);
	pf = xreallocarray(NULL, n + 1, sizeof *pf);
	for (i = 0; i < n; i++) {
		pf[i].path = list[i]->path;
		pf[i].opens = list[i]->opens;
		pf[i].reads = list[i]->reads;
		pf[i].bytes = list[i]->rbytes;
		pf[i].size = list[i]->size == PROFILE_NOSIZE ? UINT64_MAX :
		    list[i]->size;
		pf[i].unchanged = list[i]->unchanged + 1 >= list[i]->opens;
	}
	supervise_files_sampled(p, pf, n, secs);
	free(pf);
	free(list);
}

/*
 * An automatic profile ended. Only one that ran its time says anything:
 * one ended early (by a user's profile, a suspend, the pane or the
 * server going) is tried again once it is due.
 */
static void
filesample_done(u_int id, const char *ended, struct profile_file **files,
    u_int n, const struct profile_totals *t, void *arg)
{
	struct filesample	*fs = filesample_find(id);
	struct pane		*p = pane_find_by_id(id);
	uint64_t		 length, every;
	u_int			 kinds;

	(void)arg;
	if (fs == NULL)
		return;
	kinds = fs->kinds;
	fs->running = 0;
	fs->kinds = 0;
	if (strcmp(ended, "duration") != 0 || p == NULL)
		return;
	fs->runs++;
	fs->last = supervise_now();
	if (kinds != 0) {
		filesample_name(p, kinds, files, n, t->seconds);
		fs->want &= ~kinds;
	}
	filesample_period(p, &length, &every);
	if (length != 0) {
		filesample_found(p, files, n, t->seconds);
		fs->fed = 1;
	}
}

void
filesample_info(struct pane *p, struct filesample_info *info)
{
	struct filesample	*fs = filesample_find(p->id);

	memset(info, 0, sizeof *info);
	filesample_period(p, &info->length, &info->every);
	if (fs != NULL) {
		info->runs = fs->runs;
		info->last = fs->last;
		info->off = fs->off;
	}
}

void
filesample_reset(struct pane *p)
{
	struct filesample	*fs = filesample_find(p->id);

	if (fs == NULL)
		return;
	free(fs->off);
	fs->off = NULL;
	fs->want = 0;
	fs->last = 0;
}

void
filesample_free_all(void)
{
	struct filesample	*fs;

	while ((fs = TAILQ_FIRST(&filesamples)) != NULL)
		filesample_remove(fs);
}
