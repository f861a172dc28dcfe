/*
 * The sampler's cost: CPU time per supervised process per sample.
 *
 * A tree of N processes shaped like a pane running coding agents (a few
 * levels deep; some processes with threads, some holding 20-50 files,
 * pipes and sockets, some with 50-200 MiB of touched heap) sleeps while
 * one sampler samples it as the server's timer does: once a second, with
 * smaps_rollup and the fd links read on their slow cadence. CPU time is
 * getrusage(RUSAGE_SELF): the kernel's work for /proc is charged to the
 * reader, so it counts. The method and the results: docs/performance.md.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "vigil/procfs.h"
#include "vigil/sample.h"

#define BENCH_FANOUT	4	/* children per process: depth 4 at 100 */
#define BENCH_FILES	4	/* scratch files the tree holds open */
#define BENCH_STACK	(256 * 1024)	/* of each sleeping thread */
#define BENCH_READY_MS	60000	/* longest wait for the next ready pid */
#define BENCH_T0	1000000	/* the first sample's clock, ms */
#define BENCH_STEP_MS	1000	/* between samples, as the server's timer */
#define BENCH_MAX_SIZES	8
#define BENCH_MAX_PROCS	10000
#define BENCH_MAX_REPEATS 101
#define BENCH_NREADERS	9	/* rows of bench_readers */
#define BENCH_BIG_MIB	32	/* smaps_rollup timed apart above this */

#define nitems(a) (sizeof (a) / sizeof (a)[0])

/* The three ways the tree is sampled; see bench_mode_about. */
enum bench_mode {
	BENCH_STEADY,
	BENCH_FAST,
	BENCH_FULL,
	BENCH_NMODES
};

static const char *bench_mode_names[BENCH_NMODES] = {
	"steady", "fast", "full"
};
static const char *bench_mode_about[BENCH_NMODES] = {
	"a sample a second; PSS and fd walk every 10 s (the default)",
	"the fast files only: stat, statm, io, fd count",
	"PSS and fd walk at every sample (sampler_refresh)",
};
/* Beside the modes: each /proc reader timed on its own (largest tree). */
#define BENCH_READERS	(1u << BENCH_NMODES)

/* What one run of K samples cost, in µs per sample. */
struct bench_run {
	double		cpu;		/* user + system */
	double		user;
	double		sys;
	double		wall;
};

/* The tree as the sampler saw it after its first sample. */
struct bench_seen {
	u_int		procs;
	u_int		threads;
	u_int		fds;
	uint64_t	rss;
	uint64_t	pss;
	u_int		total;		/* processes in /proc */
};

/* One tree size's results: per mode, the median of the runs. */
struct bench_result {
	u_int			n;
	struct bench_seen	seen;
	struct bench_run	median[BENCH_NMODES];
	struct bench_run	min[BENCH_NMODES];
	struct bench_run	max[BENCH_NMODES];
	int			readers;	/* measured for this size */
	double			reader[BENCH_NREADERS + 1];	/* µs/call */
	u_int			calls[BENCH_NREADERS + 1];	/* processes */
	uint64_t		rss[BENCH_NREADERS + 1];	/* theirs */
};

struct bench_opts {
	u_int		sizes[BENCH_MAX_SIZES];
	u_int		nsizes;
	u_int		samples;
	u_int		repeats;
	u_int		modes;		/* a bit per enum bench_mode */
	int		markdown;
	int		smoke;
};

/* For the exit and signal paths: the tree's process group, the files. */
static volatile sig_atomic_t	bench_group = -1;
static char			bench_dir[256];
static char			bench_files[BENCH_FILES][300];
static volatile sig_atomic_t	bench_nfiles;
static u_int			bench_mib_max = UINT_MAX;
static int			bench_progress;

/* Threads of process i: some have an agent's idle workers. */
static u_int
bench_threads(u_int i)
{
	return (i % 3 == 1 ? 2 + i % 11 : 0);
}

/* Open fds process i adds to its three: 20 to 50 for some. */
static u_int
bench_fds(u_int i)
{
	return (i % 4 == 2 ? 20 + (i * 7) % 31 : 0);
}

/* MiB of private memory process i touches: 50 to 200 for some. */
static u_int
bench_mib(u_int i)
{
	u_int	mib = i % 10 == 3 ? 50 + (i * 37) % 151 : 0;

	return (mib < bench_mib_max ? mib : bench_mib_max);
}

/* A thread that only sleeps. */
static void *
bench_sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return (NULL);
}

/* Start n sleeping threads. */
static int
bench_spawn(u_int n)
{
	pthread_attr_t	attr;
	pthread_t	t;
	u_int		i;
	int		error;

	if (n == 0)
		return (0);
	if (pthread_attr_init(&attr) != 0)
		return (-1);
	error = pthread_attr_setstacksize(&attr, BENCH_STACK);
	if (error == 0)
		error = pthread_attr_setdetachstate(&attr,
		    PTHREAD_CREATE_DETACHED);
	for (i = 0; i < n && error == 0; i++)
		error = pthread_create(&t, &attr, bench_sleeper, NULL);
	pthread_attr_destroy(&attr);
	return (error == 0 ? 0 : -1);
}

/* Touch mib MiB of private anonymous memory, so it has page tables. */
static int
bench_touch(u_int mib)
{
	size_t	 len = (size_t)mib << 20;
	void	*p;

	if (mib == 0)
		return (0);
	p = mmap(NULL, len, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS,
	    -1, 0);
	if (p == MAP_FAILED)
		return (-1);
	memset(p, 0x5a, len);
	return (0);
}

/* Open at least n fds: the scratch files (some twice), pipes, sockets. */
static int
bench_open(u_int n)
{
	static const char	pattern[] = "ffpfs";
	u_int			k, opened = 0;
	int			pair[2];

	for (k = 0; opened < n; k++) {
		switch (pattern[k % (sizeof pattern - 1)]) {
		case 'f':
			if (open(bench_files[k % BENCH_FILES], O_RDONLY) == -1)
				return (-1);
			opened++;
			break;
		case 'p':
			if (pipe(pair) == -1)
				return (-1);
			opened += 2;
			break;
		default:
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) == -1)
				return (-1);
			opened += 2;
			break;
		}
	}
	return (0);
}

/*
 * Be process i of an n-process tree: fork the children first (a process
 * with threads had better not fork), then take on the load, say so on
 * ready and sleep until killed. Everything dies with its parent.
 */
static void __attribute__((noreturn))
bench_child(u_int i, u_int n, pid_t parent, int ready)
{
	pid_t	self = getpid(), pid;
	u_int	c;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1 || getppid() != parent)
		_exit(1);
	for (c = i * BENCH_FANOUT + 1; c <= i * BENCH_FANOUT + BENCH_FANOUT &&
	    c < n; c++) {
		if ((pid = fork()) == -1)
			_exit(1);
		if (pid == 0)
			bench_child(c, n, self, ready);
	}
	if (bench_touch(bench_mib(i)) != 0 || bench_open(bench_fds(i)) != 0 ||
	    bench_spawn(bench_threads(i)) != 0)
		_exit(1);
	if (write(ready, &self, sizeof self) != (ssize_t)sizeof self)
		_exit(1);
	close(ready);
	for (;;)
		pause();
}

/* Close every fd from fd up, as a pane's process starts with none. */
static void
bench_closefrom(int fd)
{
#ifdef HAVE_CLOSEFROM
	closefrom(fd);
#else
	long	max = sysconf(_SC_OPEN_MAX);

	for (; fd < (max > 0 ? max : 1024); fd++)
		close(fd);
#endif
}

/*
 * The tree's root: like a pane's process, a session leader with only
 * 0, 1 and 2 open (here /dev/null), and 3 to say it is ready.
 */
static void __attribute__((noreturn))
bench_root(u_int n, pid_t parent, int ready)
{
	int	fd;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	if (setsid() == -1 || (ready = fcntl(ready, F_DUPFD, 10)) == -1 ||
	    (fd = open("/dev/null", O_RDWR)) == -1)
		_exit(1);
	if (dup2(fd, 0) == -1 || dup2(fd, 1) == -1 || dup2(fd, 2) == -1 ||
	    dup2(ready, 3) == -1)
		_exit(1);
	bench_closefrom(4);
	bench_child(0, n, parent, 3);
}

/* Read the pids the tree reports ready: how many came before EOF or n. */
static u_int
bench_tree_wait(int fd, u_int n)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	pid_t		buf[64];
	size_t		got = 0;
	ssize_t		len;
	int		r;

	while (got < (size_t)n * sizeof *buf) {
		if ((r = poll(&pfd, 1, BENCH_READY_MS)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if ((len = read(fd, buf, sizeof buf)) == -1 && errno == EINTR)
			continue;
		if (len <= 0)
			break;
		got += (size_t)len;
	}
	return ((u_int)(got / sizeof *buf));
}

/* Fork a tree of n processes and wait until all are ready; its root. */
static pid_t
bench_tree_create(u_int n)
{
	pid_t	pid, self = getpid();
	int	p[2];
	u_int	ready;

	if (pipe2(p, O_CLOEXEC) == -1)
		err(1, "pipe2");
	fflush(NULL);
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		close(p[0]);
		bench_root(n, self, p[1]);
	}
	bench_group = pid;
	close(p[1]);
	ready = bench_tree_wait(p[0], n);
	close(p[0]);
	if (ready != n)
		errx(1, "a tree of %u processes: only %u became ready", n,
		    ready);
	return (pid);
}

/* Kill the tree and reap it, with every orphan it left to us. */
static void
bench_tree_free(void)
{
	pid_t	group = bench_group;

	bench_group = -1;
	if (group > 0) {
		kill(-group, SIGKILL);
		kill(group, SIGKILL);	/* if not yet a group leader */
	}
	while (waitpid(-1, NULL, 0) != -1 || errno == EINTR)
		/* nothing */;
}

/* Files for the tree to hold open, in a directory of their own. */
static void
bench_scratch_create(void)
{
	int	fd, i;

	bench_tmpdir(bench_dir, sizeof bench_dir);
	for (i = 0; i < BENCH_FILES; i++) {
		snprintf(bench_files[i], sizeof bench_files[i], "%s/%d.log",
		    bench_dir, i);
		fd = open(bench_files[i], O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC,
		    0600);
		if (fd == -1)
			err(1, "%s", bench_files[i]);
		bench_nfiles = i + 1;
		if (write(fd, "vigil\n", 6) != 6)
			err(1, "%s", bench_files[i]);
		close(fd);
	}
}

/* Remove them; safe in a signal handler. */
static void
bench_scratch_remove(void)
{
	int	i;

	for (i = 0; i < bench_nfiles; i++)
		unlink(bench_files[i]);
	bench_nfiles = 0;
	if (bench_dir[0] != '\0')
		rmdir(bench_dir);
}

static void
bench_cleanup(void)
{
	bench_tree_free();
	bench_scratch_remove();
}

/* Kill the tree on the way out of a fatal signal. */
static void
bench_signal(int sig)
{
	pid_t	group = bench_group;

	if (group > 0) {
		kill(-group, SIGKILL);
		kill(group, SIGKILL);
	}
	bench_scratch_remove();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The sampler must see exactly the tree's n processes; exit if not. */
static void
bench_check(struct sampler *s, u_int n, struct bench_seen *seen)
{
	const struct sample_tree	*t;
	u_int				 total, in;

	total = sampler_count(s, &in);
	t = sampler_tree(s, 0);
	if (t == NULL || t->n.procs != n || in != n)
		errx(1, "the sampler saw %u processes in the tree (%u in all "
		    "trees); the tree has %u", t == NULL ? 0 : t->n.procs, in,
		    n);
	if (seen == NULL)
		return;
	seen->procs = t->n.procs;
	seen->threads = t->n.threads;
	seen->fds = t->n.fds;
	seen->rss = t->n.rss;
	seen->pss = t->n.pss;
	seen->total = total;
}

static double
bench_tv_us(const struct timeval *tv)
{
	return ((double)tv->tv_sec * 1e6 + (double)tv->tv_usec);
}

static double
bench_ts_us(const struct timespec *ts)
{
	return ((double)ts->tv_sec * 1e6 + (double)ts->tv_nsec / 1e3);
}

/*
 * Sample the tree k times with a fresh sampler, after a first sample that
 * is not timed (it reads the stat of every process in /proc once).
 */
static void
bench_measure(enum bench_mode mode, pid_t root, u_int n, u_int k,
    struct bench_run *run, struct bench_seen *seen)
{
	struct sample_root	 sr = { .id = 0, .pid = root };
	struct sampler		*s;
	struct rusage		 r0, r1;
	struct timespec		 w0, w1;
	uint64_t		 now = BENCH_T0;
	u_int			 j;

	if ((s = sampler_create("/proc", getpid())) == NULL)
		err(1, "sampler_create /proc");
	if (mode == BENCH_FAST)
		sampler_set_slow(s, UINT64_MAX);
	sampler_run(s, &sr, 1, now);
	bench_check(s, n, seen);

	if (getrusage(RUSAGE_SELF, &r0) != 0)
		err(1, "getrusage");
	clock_gettime(CLOCK_MONOTONIC, &w0);
	for (j = 0; j < k; j++) {
		now += BENCH_STEP_MS;
		if (mode == BENCH_FULL)
			sampler_refresh(s, 0);
		sampler_run(s, &sr, 1, now);
	}
	clock_gettime(CLOCK_MONOTONIC, &w1);
	if (getrusage(RUSAGE_SELF, &r1) != 0)
		err(1, "getrusage");

	bench_check(s, n, NULL);
	sampler_free(s);
	run->user = (bench_tv_us(&r1.ru_utime) - bench_tv_us(&r0.ru_utime)) / k;
	run->sys = (bench_tv_us(&r1.ru_stime) - bench_tv_us(&r0.ru_stime)) / k;
	run->cpu = run->user + run->sys;
	run->wall = (bench_ts_us(&w1) - bench_ts_us(&w0)) / k;
}

/* The fields of a bench_run, to reduce them one by one. */
static const size_t bench_run_fields[] = {
	offsetof(struct bench_run, cpu),
	offsetof(struct bench_run, user),
	offsetof(struct bench_run, sys),
	offsetof(struct bench_run, wall),
};
#define BENCH_FIELD(r, f) \
	(*(double *)((char *)(r) + bench_run_fields[f]))

/* Reduce the runs of one mode to their medians and extremes, per field. */
static void
bench_reduce(struct bench_run *runs, u_int n, struct bench_result *res,
    enum bench_mode m)
{
	double	v[BENCH_MAX_REPEATS];
	u_int	i, f;

	for (f = 0; f < nitems(bench_run_fields); f++) {
		for (i = 0; i < n; i++)
			v[i] = BENCH_FIELD(&runs[i], f);
		bench_stats(v, n, &BENCH_FIELD(&res->median[m], f),
		    &BENCH_FIELD(&res->min[m], f),
		    &BENCH_FIELD(&res->max[m], f));
	}
}

static int
bench_read_stat(int dirfd)
{
	struct procfs_stat	st;

	return (procfs_read_stat(dirfd, &st));
}

static int
bench_read_status(int dirfd)
{
	struct procfs_status	st;

	return (procfs_read_status(dirfd, &st));
}

static int
bench_read_io(int dirfd)
{
	struct procfs_io	io;

	return (procfs_read_io(dirfd, &io));
}

static int
bench_read_count(int dirfd)
{
	return (procfs_count_fds(dirfd) < 0 ? -1 : 0);
}

static int
bench_read_rollup(int dirfd)
{
	struct procfs_rollup	ru;

	return (procfs_read_rollup(dirfd, &ru));
}

static int
bench_read_fds(int dirfd)
{
	struct procfs_fd	*fds;
	int			 n;

	if ((n = procfs_read_fds(dirfd, &fds)) < 0)
		return (-1);
	procfs_free_fds(fds, n);
	return (0);
}

/* What a file's openat and close cost without reading it. */
static int
bench_open_close(int dirfd)
{
	int	fd;

	if ((fd = openat(dirfd, "stat", O_RDONLY|O_CLOEXEC)) == -1)
		return (-1);
	close(fd);
	return (0);
}

static int
bench_read_statm(int dirfd)
{
	struct procfs_statm	sm;

	return (procfs_read_statm(dirfd, &sm));
}

/* One /proc reader timed on its own, over some of the tree's processes. */
struct bench_reader {
	const char	*name;
	int		(*read)(int);
	int		 big;		/* -1 every process, 0 small, 1 big */
};

static const struct bench_reader bench_readers[] = {
	{ "stat", bench_read_stat, -1 },
	{ "statm", bench_read_statm, -1 },
	{ "status (slow pass)", bench_read_status, -1 },
	{ "io", bench_read_io, -1 },
	{ "fd count: fstatfs + fstatat fd/", bench_read_count, -1 },
	{ "smaps_rollup, RSS < 32 MiB", bench_read_rollup, 0 },
	{ "smaps_rollup, RSS >= 32 MiB", bench_read_rollup, 1 },
	{ "fd walk: fd/ listed, readlinkat (+ fstatat) per fd",
	    bench_read_fds, -1 },
	{ "(openat + close of stat, no read)", bench_open_close, -1 },
};
_Static_assert(nitems(bench_readers) == BENCH_NREADERS, "bench_readers");

/* The tree's processes as the readers see them. */
struct bench_procs {
	int		*dirfds;
	uint64_t	*rss;
	u_int		 n;
	int		 procfd;
};

/* Open a handle on every process of the tree, as the sampler holds. */
static void
bench_procs_open(pid_t root, u_int n, struct bench_procs *bp,
    struct bench_seen *seen)
{
	struct sample_root		  sr = { .id = 0, .pid = root };
	const struct sample_proc	**list;
	struct sampler			 *s;
	u_int				  i;

	if ((s = sampler_create("/proc", getpid())) == NULL)
		err(1, "sampler_create /proc");
	sampler_run(s, &sr, 1, BENCH_T0);
	bench_check(s, n, seen);
	if ((bp->procfd = open("/proc", O_RDONLY|O_DIRECTORY|O_CLOEXEC)) == -1)
		err(1, "/proc");
	bp->n = sampler_procs(s, 0, &list);
	if ((bp->dirfds = calloc(bp->n, sizeof *bp->dirfds)) == NULL ||
	    (bp->rss = calloc(bp->n, sizeof *bp->rss)) == NULL)
		err(1, "calloc");
	for (i = 0; i < bp->n; i++) {
		bp->rss[i] = list[i]->n.rss;
		bp->dirfds[i] = procfs_open_pid(bp->procfd, list[i]->pid);
		if (bp->dirfds[i] == -1)
			err(1, "/proc/%ld", (long)list[i]->pid);
	}
	free(list);
	sampler_free(s);
}

static void
bench_procs_close(struct bench_procs *bp)
{
	u_int	i;

	for (i = 0; i < bp->n; i++)
		close(bp->dirfds[i]);
	close(bp->procfd);
	free(bp->dirfds);
	free(bp->rss);
}

/* Is process i one reader r is for? */
static int
bench_reader_wants(const struct bench_reader *r, const struct bench_procs *bp,
    u_int i)
{
	if (r->big == -1)
		return (1);
	return ((bp->rss[i] >= ((uint64_t)BENCH_BIG_MIB << 20)) == r->big);
}

static double
bench_cpu_us(void)
{
	struct rusage	ru;

	if (getrusage(RUSAGE_SELF, &ru) != 0)
		err(1, "getrusage");
	return (bench_tv_us(&ru.ru_utime) + bench_tv_us(&ru.ru_stime));
}

/* CPU µs per call of reader r, k times over its processes; 0 if none. */
static double
bench_reader_time(const struct bench_reader *r, const struct bench_procs *bp,
    u_int k, u_int *calls, uint64_t *rss)
{
	double	t0;
	u_int	i, j;

	*calls = 0;
	*rss = 0;
	for (i = 0; i < bp->n; i++) {
		if (bench_reader_wants(r, bp, i)) {
			(*calls)++;
			*rss += bp->rss[i];
		}
	}
	if (*calls == 0)
		return (0);
	t0 = bench_cpu_us();
	for (j = 0; j < k; j++) {
		for (i = 0; i < bp->n; i++) {
			if (bench_reader_wants(r, bp, i) &&
			    r->read(bp->dirfds[i]) != 0)
				err(1, "%s of process %u", r->name, i);
		}
	}
	return ((bench_cpu_us() - t0) / ((double)k * *calls));
}

/* CPU µs to list /proc as the sampler does (it is static in sample.c). */
static double
bench_list_time(u_int k, u_int *entries)
{
	struct dirent	*de;
	DIR		*d;
	double		 t0;
	u_int		 j;

	if ((d = opendir("/proc")) == NULL)
		err(1, "/proc");
	t0 = bench_cpu_us();
	for (j = 0; j < k; j++) {
		rewinddir(d);
		*entries = 0;
		while ((de = readdir(d)) != NULL) {
			if (de->d_name[0] >= '1' && de->d_name[0] <= '9' &&
			    strtol(de->d_name, NULL, 10) > 0)
				(*entries)++;
		}
	}
	t0 = (bench_cpu_us() - t0) / k;
	closedir(d);
	return (t0);
}

/*
 * Time every reader on the tree's processes (medians of the repeats);
 * the last row is the /proc listing, per sample rather than per process.
 */
static void
bench_readers_run(const struct bench_opts *o, pid_t root, u_int n,
    struct bench_result *res)
{
	struct bench_procs	bp;
	double			v[BENCH_NREADERS + 1][BENCH_MAX_REPEATS], lo, hi;
	u_int			k = o->samples / 10 + 1, r, i;

	bench_procs_open(root, n, &bp, &res->seen);
	for (r = 0; r < o->repeats; r++) {
		for (i = 0; i < BENCH_NREADERS; i++)
			v[i][r] = bench_reader_time(&bench_readers[i], &bp, k,
			    &res->calls[i], &res->rss[i]);
		v[i][r] = bench_list_time(k, &res->calls[i]);
	}
	for (i = 0; i <= BENCH_NREADERS; i++)
		bench_stats(v[i], o->repeats, &res->reader[i], &lo, &hi);
	bench_procs_close(&bp);
}

/* The largest tree size asked for. */
static u_int
bench_largest(const struct bench_opts *o)
{
	u_int	i, max = 0;

	for (i = 0; i < o->nsizes; i++) {
		if (o->sizes[i] > max)
			max = o->sizes[i];
	}
	return (max);
}

/* Measure one tree size: every mode, interleaved, repeats times. */
static void
bench_size(const struct bench_opts *o, u_int n, struct bench_result *res)
{
	struct bench_run	runs[BENCH_NMODES][BENCH_MAX_REPEATS];
	pid_t			root;
	u_int			r, m;
	int			first = 1;

	memset(res, 0, sizeof *res);
	res->n = n;
	if (bench_progress)
		fprintf(stderr, "bench_sample: a tree of %u processes ...", n);
	root = bench_tree_create(n);
	if ((o->modes & BENCH_READERS) && n == bench_largest(o)) {
		bench_readers_run(o, root, n, res);
		res->readers = 1;
	}
	for (r = 0; r < o->repeats; r++) {
		for (m = 0; m < BENCH_NMODES; m++) {
			if (~o->modes & (1u << m))
				continue;
			bench_measure(m, root, n, o->samples, &runs[m][r],
			    first ? &res->seen : NULL);
			first = 0;
		}
		if (bench_progress)
			fprintf(stderr, " %u", r + 1);
	}
	bench_tree_free();
	if (bench_progress)
		fprintf(stderr, "\n");
	for (m = 0; m < BENCH_NMODES; m++) {
		if (o->modes & (1u << m))
			bench_reduce(runs[m], o->repeats, res, m);
	}
}

/* The CPU's model name from /proc/cpuinfo, or "unknown". */
static void
bench_cpu_model(char *buf, size_t size)
{
	FILE	*f;
	char	 line[256], *p;

	snprintf(buf, size, "unknown");
	if ((f = fopen("/proc/cpuinfo", "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "model name", 10) != 0 ||
		    (p = strchr(line, ':')) == NULL)
			continue;
		p += strspn(p + 1, " \t") + 1;
		p[strcspn(p, "\n")] = '\0';
		snprintf(buf, size, "%s", p);
		break;
	}
	fclose(f);
}

/* The machine and the method, as a header for either format. */
static void
bench_print_header(const struct bench_opts *o)
{
	struct utsname	u;
	char		model[128];
	const char	*b = o->markdown ? "- " : "";
	u_int		m;

	bench_cpu_model(model, sizeof model);
	if (uname(&u) != 0)
		err(1, "uname");
	printf("%sSampler cost (bench/bench_sample)%s\n\n",
	    o->markdown ? "### " : "", o->markdown ? "" : ":");
	printf("%sMachine: %s, %ld CPUs online, %s %s %s\n", b, model,
	    sysconf(_SC_NPROCESSORS_ONLN), u.sysname, u.release, u.machine);
	printf("%sEach run: a fresh sampler, one untimed first sample, then "
	    "%u samples %d ms apart on a synthetic clock; median of %u "
	    "runs\n", b, o->samples, BENCH_STEP_MS, o->repeats);
	printf("%sCPU: getrusage(RUSAGE_SELF) user + system; wall: "
	    "CLOCK_MONOTONIC; every sample includes listing /proc\n", b);
	for (m = 0; m < BENCH_NMODES; m++) {
		if (o->modes & (1u << m))
			printf("%s%s: %s\n", b, bench_mode_names[m],
			    bench_mode_about[m]);
	}
	if (o->modes & BENCH_READERS)
		printf("%sreaders: each libvigil /proc reader alone, over the "
		    "largest tree's processes, %u times\n", b,
		    o->samples / 10 + 1);
	printf("\n");
}

/* What the sampler saw of each tree. */
static void
bench_print_trees(const struct bench_opts *o, const struct bench_result *res,
    u_int n)
{
	const struct bench_seen	*s;
	u_int			 i;

	for (i = 0; i < n; i++) {
		s = &res[i].seen;
		printf("%sTree of %u: %u threads, %u fds, RSS %llu MiB, "
		    "PSS %llu MiB; /proc held %u processes in all\n",
		    o->markdown ? "- " : "", s->procs, s->threads, s->fds,
		    (unsigned long long)(s->rss >> 20),
		    (unsigned long long)(s->pss >> 20), s->total);
	}
	printf("\n");
}

/* One row of the table, per process of n; no range for a derived row. */
static void
bench_print_row(const struct bench_opts *o, u_int n, const char *what,
    const struct bench_run *mid, const struct bench_run *lo,
    const struct bench_run *hi)
{
	char	range[64], core[32];

	if (lo != NULL) {
		snprintf(range, sizeof range, "%.1f-%.1f", lo->cpu / n,
		    hi->cpu / n);
		snprintf(core, sizeof core, "%.3f%%", mid->cpu / 1e4);
	} else {
		snprintf(range, sizeof range, "-");
		snprintf(core, sizeof core, "-");
	}
	if (o->markdown)
		printf("| %u | %s | **%.1f** | %s | %.1f / %.1f | %.1f | "
		    "%.2f | %s |\n", n, what, mid->cpu / n, range,
		    mid->user / n, mid->sys / n, mid->wall / n,
		    mid->cpu / 1e3, core);
	else
		printf("%5u  %-9s %9.1f %13s %7.1f %7.1f %9.1f %10.2f %9s\n",
		    n, what, mid->cpu / n, range, mid->user / n,
		    mid->sys / n, mid->wall / n, mid->cpu / 1e3, core);
}

/* The table: per tree size, every mode and the slow pass on its own. */
static void
bench_print_table(const struct bench_opts *o, const struct bench_result *res,
    u_int n)
{
	struct bench_run	slow;
	const struct bench_result *r;
	u_int			i, m;
	u_int			both = (1u << BENCH_FAST) | (1u << BENCH_FULL);

	if (o->markdown)
		printf("| Processes | Sample | CPU µs / process / sample | "
		    "min–max | user / sys µs | wall µs / process / sample | "
		    "CPU ms / sample | one core at 1 sample/s |\n"
		    "|---:|---|---:|---:|---:|---:|---:|---:|\n");
	else
		printf("procs  sample   us/proc CPU   min-max us   user    "
		    "sys  wall us/p  ms/sample  1 core %%\n");
	for (i = 0; i < n; i++) {
		r = &res[i];
		for (m = 0; m < BENCH_NMODES; m++) {
			if (o->modes & (1u << m))
				bench_print_row(o, r->n, bench_mode_names[m],
				    &r->median[m], &r->min[m], &r->max[m]);
		}
		if ((o->modes & both) != both)
			continue;
		slow.cpu = r->median[BENCH_FULL].cpu - r->median[BENCH_FAST].cpu;
		slow.user = r->median[BENCH_FULL].user -
		    r->median[BENCH_FAST].user;
		slow.sys = r->median[BENCH_FULL].sys - r->median[BENCH_FAST].sys;
		slow.wall = r->median[BENCH_FULL].wall -
		    r->median[BENCH_FAST].wall;
		bench_print_row(o, r->n, o->markdown ? "slow pass alone "
		    "(full − fast)" : "full-fast", &slow, NULL, NULL);
	}
	printf("\n");
}

/* One row of the readers' table. */
static void
bench_print_reader(const struct bench_opts *o, const char *name,
    const char *who, double us, const char *note)
{
	if (o->markdown)
		printf("| %s | %s | **%.1f** | %s |\n", name, who, us, note);
	else
		printf("%-52s %-16s %8.1f  %s\n", name, who, us, note);
}

/* Where the time goes: each reader alone, on the largest tree. */
static void
bench_print_readers(const struct bench_opts *o, const struct bench_result *r)
{
	char	who[64], note[64];
	double	mib;
	u_int	i;

	if (o->markdown)
		printf("| /proc reader (libvigil) | over | CPU µs per call | "
		    "|\n|---|---|---:|---|\n");
	else
		printf("%-52s %-16s %8s\n", "reader, on the tree of processes",
		    "over", "us/call");
	for (i = 0; i < BENCH_NREADERS; i++) {
		if (r->calls[i] == 0)
			continue;
		snprintf(who, sizeof who, "%u processes", r->calls[i]);
		mib = (double)r->rss[i] / (1 << 20);
		note[0] = '\0';
		if (bench_readers[i].read == bench_read_rollup)
			snprintf(note, sizeof note, "mean RSS %.1f MiB",
			    mib / r->calls[i]);
		if (bench_readers[i].big == 1 && mib > 0)
			snprintf(note, sizeof note, "mean RSS %.0f MiB: %.2f "
			    "µs per MiB", mib / r->calls[i],
			    r->reader[i] * r->calls[i] / mib);
		bench_print_reader(o, bench_readers[i].name, who,
		    r->reader[i], note);
	}
	snprintf(who, sizeof who, "%u in /proc", r->calls[i]);
	bench_print_reader(o, "list /proc, as each sample does", who,
	    r->reader[i], "per sample, not per process");
	printf("\n");
}

/* The targets, where the results say something about them. */
static void
bench_print_targets(const struct bench_opts *o, const struct bench_result *res,
    u_int n)
{
	const char	*b = o->markdown ? "- " : "";
	double		 per, core;
	u_int		 i;

	if (~o->modes & (1u << BENCH_STEADY))
		return;
	for (i = 0; i < n; i++) {
		per = res[i].median[BENCH_STEADY].cpu / res[i].n;
		core = res[i].median[BENCH_STEADY].cpu / 1e4;
		printf("%sSteady state at %u: %.1f µs per process per sample "
		    "(target ≤ 30: %s), %.3f%% of one core (target at 100: "
		    "≤ 1%%%s)\n", b, res[i].n, per, per <= 30 ? "met" :
		    "missed", core, res[i].n != 100 ? "" : core <= 1 ?
		    ": met" : ": missed");
	}
}

static void
bench_usage(void)
{
	fprintf(stderr, "usage: bench_sample [--markdown] [--smoke] "
	    "[--procs N,...] [--samples K]\n"
	    "                    [--repeats R] [--mode steady,fast,full,readers]\n");
	exit(2);
}

/* A number in [lo, hi], or usage. */
static u_int
bench_number(const char *s, u_int lo, u_int hi, char **end)
{
	unsigned long	v;

	errno = 0;
	v = strtoul(s, end, 10);
	if (*end == s || errno != 0 || v < lo || v > hi)
		bench_usage();
	return ((u_int)v);
}

/* Parse "10,100,300" into the tree sizes. */
static void
bench_parse_sizes(struct bench_opts *o, const char *s)
{
	char	*end;

	o->nsizes = 0;
	for (;;) {
		if (o->nsizes == BENCH_MAX_SIZES)
			bench_usage();
		o->sizes[o->nsizes++] = bench_number(s, 1, BENCH_MAX_PROCS,
		    &end);
		if (*end == '\0')
			return;
		if (*end != ',')
			bench_usage();
		s = end + 1;
	}
}

/* Parse "steady,fast" into the mode bits. */
static void
bench_parse_modes(struct bench_opts *o, const char *s)
{
	size_t	len;
	u_int	m;

	o->modes = 0;
	for (; *s != '\0'; s += len + (s[len] == ',')) {
		len = strcspn(s, ",");
		for (m = 0; m < BENCH_NMODES; m++) {
			if (strlen(bench_mode_names[m]) == len &&
			    strncmp(bench_mode_names[m], s, len) == 0)
				break;
		}
		if (m == BENCH_NMODES && len == 7 &&
		    strncmp(s, "readers", len) == 0)
			o->modes |= BENCH_READERS;
		else if (m == BENCH_NMODES)
			bench_usage();
		else
			o->modes |= 1u << m;
	}
	if (o->modes == 0)
		bench_usage();
}

static void
bench_parse(struct bench_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, 'm' },
		{ "smoke", no_argument, NULL, 's' },
		{ "procs", required_argument, NULL, 'n' },
		{ "samples", required_argument, NULL, 'k' },
		{ "repeats", required_argument, NULL, 'r' },
		{ "mode", required_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch;

	memset(o, 0, sizeof *o);
	o->sizes[0] = 10;
	o->sizes[1] = 100;
	o->nsizes = 2;
	o->samples = 200;
	o->repeats = 7;
	o->modes = ((1u << BENCH_NMODES) - 1) | BENCH_READERS;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			o->markdown = 1;
			break;
		case 's':
			o->smoke = 1;
			break;
		case 'n':
			bench_parse_sizes(o, optarg);
			break;
		case 'k':
			o->samples = bench_number(optarg, 1, 1000000, &end);
			break;
		case 'r':
			o->repeats = bench_number(optarg, 1,
			    BENCH_MAX_REPEATS, &end);
			break;
		case 'M':
			bench_parse_modes(o, optarg);
			break;
		default:
			bench_usage();
		}
	}
	if (optind != argc)
		bench_usage();
}

int
main(int argc, char **argv)
{
	struct bench_opts	 o;
	struct bench_result	 res[BENCH_MAX_SIZES];
	u_int			 i;

	bench_parse(&o, argc, argv);
	if (o.smoke) {
		/* Checks what the sampler saw, never how fast it was. */
		o.sizes[0] = 3;
		o.nsizes = 1;
		o.samples = 3;
		o.repeats = 1;
		bench_mib_max = 1;
	}
	bench_progress = !o.smoke && isatty(STDERR_FILENO);

	/* As the server is: orphans of the tree come to us to be reaped. */
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == -1)
		err(1, "PR_SET_CHILD_SUBREAPER");
	signal(SIGINT, bench_signal);
	signal(SIGTERM, bench_signal);
	signal(SIGHUP, bench_signal);
	if (atexit(bench_cleanup) != 0)
		errx(1, "atexit");
	bench_scratch_create();

	for (i = 0; i < o.nsizes; i++)
		bench_size(&o, o.sizes[i], &res[i]);

	bench_print_header(&o);
	bench_print_trees(&o, res, o.nsizes);
	bench_print_table(&o, res, o.nsizes);
	for (i = 0; i < o.nsizes; i++) {
		if (res[i].readers)
			bench_print_readers(&o, &res[i]);
	}
	if (!o.smoke)
		bench_print_targets(&o, res, o.nsizes);
	return (0);
}
