/* What the benchmarks share: statistics, programs, a scratch directory. */
#ifndef BENCH_H
#define BENCH_H

#include <sys/types.h>

#include <stddef.h>

/* Sort v; its median into *mid, its extremes into *lo and *hi. */
void	 bench_stats(double *, u_int, double *, double *, double *);
/* The median of v (sorted in place). */
double	 bench_median(double *, u_int);

/* Run argv with no input and its output thrown away; its exit status. */
int	 bench_quiet(char *const []);
/* A program by path, or found on PATH, into out; 0 if it is there. */
int	 bench_which(const char *, char *, size_t);
/*
 * The programs measured: vigil by its path, made absolute (exit if it is
 * not there), and tmux by path if given, else on PATH. 1 if tmux is there.
 */
int	 bench_programs(char *, char *, size_t);

/* Seconds on the monotonic clock. */
double	 bench_clock(void);

/*
 * A server to end (PROG -S SOCK kill-server) when the scratch directory
 * is removed, at exit or on a signal; bench_server_kill ends it now.
 */
void	 bench_server_add(const char *, const char *);
void	 bench_server_kill(const char *);

/* Make a new directory vigil-bench-XXXXXX in $TMPDIR (or /tmp). */
void	 bench_tmpdir(char *, size_t);
/*
 * A scratch directory in $TMPDIR (or /tmp), removed with everything in it
 * at exit and on SIGINT, SIGTERM and SIGHUP; and HOME, XDG_RUNTIME_DIR and
 * XDG_STATE_HOME pointed at it, so that vigil and tmux servers started
 * from here are private and read no user configuration.
 */
const char *bench_private(void);
void	 bench_private_remove(void);

#endif
