/*
 * Warnings for runaway process trees: what a pane's samples over time say,
 * in words, with hysteresis so that a warning does not flap, and growth
 * and rates must be sustained, not one blip. Pure logic on numbers and times, no /proc and no server.
 */
#ifndef VIGIL_POLICY_H
#define VIGIL_POLICY_H

#include <sys/types.h>

#include <stdint.h>

#include "vigil/sample.h"

enum policy_kind {
	POLICY_FOOTPRINT,	/* footprint over the budget */
	POLICY_FDS,		/* open fds over the limit */
	POLICY_THREADS,		/* threads over the limit */
	POLICY_GROWTH,		/* footprint growing, sustained */
	POLICY_FD_GROWTH,	/* fds growing, sustained */
	POLICY_REREAD,		/* reading hard while silent */
	POLICY_DUP_OPEN,	/* one file open many times at once */
	POLICY_SPIN,		/* CPU busy while silent */
	POLICY_REOPEN,		/* a sample found a file re-opened, re-read */
	POLICY_KINDS
};

/* Thresholds, from the options. Zero turns a check off. */
struct policy_limits {
	uint64_t	budget;		/* footprint, bytes */
	u_int		fd_limit;
	u_int		thread_limit;
	double		growth;		/* footprint bytes per minute */
	double		fd_growth;	/* fds per minute */
	uint64_t	window;		/* ms the growth fit spans */
	double		reread_rate;	/* rchar bytes per second */
	double		reread_calls;	/* read calls per second */
	u_int		dup_limit;	/* fds on one file */
	double		spin_cpu;	/* percent of one core */
	double		reopen_rate;	/* opens of one file per second */
	uint64_t	sustain;	/* ms a rate must last */
	uint64_t	clear;		/* ms a warning must be over to clear */
};

struct policy_warning {
	int		 active;
	uint64_t	 since;		/* ms, when its condition began */
	char		 message[160];
	char		 file[256];	/* the file behind it, or "" */

	/* Private to policy.c. */
	char		 named[96];	/* what was found of the file */
	uint64_t	 cond_since;	/* 0: condition not met */
	uint64_t	 off_since;	/* 0: still holding */
};

/* One file as a sample of a pane's files (a short profile) saw it. */
struct policy_file {
	const char	*path;
	uint64_t	 opens;
	uint64_t	 reads;
	uint64_t	 bytes;		/* read */
	uint64_t	 size;		/* UINT64_MAX: not known */
	int		 unchanged;	/* every open found it as before */
};

/* One point of a pane's history. */
struct policy_point {
	uint64_t	 t;		/* ms */
	uint64_t	 footprint;
	u_int		 fds;
};

#define POLICY_POINTS	512

struct policy {
	struct policy_warning	 w[POLICY_KINDS];
	struct policy_point	 pts[POLICY_POINTS];	/* a ring */
	u_int			 first, npts;
};

void		 policy_init(struct policy *);
void		 policy_limits_default(struct policy_limits *);
/*
 * Feed one sample: the tree's numbers, the files open more than once, how
 * long the pane has printed nothing (ms) and the time. Sets bits (1 << kind)
 * in *raised and *cleared for the warnings that changed.
 */
void		 policy_update(struct policy *, const struct policy_limits *,
		     const struct sample_numbers *, const struct sample_dup *,
		     u_int, uint64_t, uint64_t, u_int *, u_int *);
/*
 * Feed what a sample of the pane's files saw over seconds: the reopen
 * warning is up or down by it at once, until the next sample (n 0: none,
 * or sampling ended). The system's files do not count.
 */
void		 policy_files(struct policy *, const struct policy_limits *,
		     const struct policy_file *, u_int, double, uint64_t,
		     u_int *, u_int *);
/*
 * Name the file behind the active warnings among kinds (bits) that have
 * none, with what was found of it ("data re-opened 20.0x/s") after their
 * message. Returns the kinds named.
 */
u_int		 policy_name_file(struct policy *, u_int, const char *,
		     const char *);
/*
 * Is a path the system's (libraries, locales, /etc, /proc...)? Such files
 * are never the file behind a warning.
 */
int		 policy_system_file(const char *);
/* "footprint", "fds", "threads", "footprint-growth", ... */
const char	*policy_kind_name(enum policy_kind);
/* How many warnings are active. */
u_int		 policy_active(const struct policy *);
/*
 * Least-squares slope of footprint (which = 0) or fds (which = 1) per
 * minute over the points from time from on; 0 with fewer than 3 points.
 */
double		 policy_slope(const struct policy *, int, uint64_t);
/*
 * The footprint history resampled into n buckets over the window (each the
 * largest value in it, 0 where there is none); returns the largest value.
 */
uint64_t	 policy_history(const struct policy *, uint64_t, uint64_t,
		     uint64_t *, u_int);
/* A size in short human form: "812K", "1.2G"; buf. */
const char	*policy_size(char *, size_t, double);

#endif
