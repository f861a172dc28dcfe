/*
 * The hot-file profiler's cost: how much slower a syscall-heavy program
 * runs while profiled. The workload is a child that opens, reads and
 * closes a 433-byte file --calls times (three system calls each, as an
 * agent re-reading its credentials does); a run is its wall time from the
 * byte that starts it to its exit, untraced and then under a profile. An
 * unprofiled pane costs nothing: nothing traces it.
 *
 * With --sample 1s/10s, the light mode's cost instead: the child does the
 * same loop for --window seconds and counts its rounds, untraced and then
 * profiled for 1s every 10s as the supervisor samples a pane (the worst
 * case: the supervisor samples only panes whose agent is idle, which a
 * busy loop never is); the slowdown is of its rounds a second over the
 * whole window. Each attach (profile_start, which the server waits for)
 * and each end (stop and wait) is timed too.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "vigil/options.h"
#include "vigil/profile.h"

#define BENCH_MAX_RUNS	32
#define BENCH_MAX_SAMPLES 4096

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* The workload: wait for go, then n rounds of open, read, close. */
static pid_t
bench_child(const char *path, u_int n, int *go)
{
	char	buf[4096], c;
	int	gp[2], fd;
	u_int	i;
	pid_t	pid;

	if (pipe(gp) != 0)
		exit(1);
	if ((pid = fork()) == 0) {
		close(gp[1]);
		if (read(gp[0], &c, 1) != 1)
			_exit(2);
		for (i = 0; i < n; i++) {
			if ((fd = open(path, O_RDONLY)) == -1)
				_exit(3);
			if (read(fd, buf, sizeof buf) <= 0)
				_exit(4);
			close(fd);
		}
		_exit(0);
	}
	close(gp[0]);
	*go = gp[1];
	return (pid);
}

/* One run's wall seconds; traced under a profile if p is given. */
static double
bench_run(const char *path, u_int n, struct profile *p, double *cpu,
    uint64_t *opens)
{
	struct profile_file	**files;
	char			 *cause;
	pid_t			  pid;
	double			  t0, t1;
	int			  go, status;
	u_int			  i, nf;

	pid = bench_child(path, n, &go);
	if (p != NULL && profile_start(p, pid, &cause) != 0) {
		fprintf(stderr, "bench_profile: %s\n", cause);
		kill(pid, SIGKILL);
		exit(1);
	}
	t0 = bench_now();
	if (write(go, "g", 1) != 1)
		exit(1);
	close(go);
	if (p == NULL) {
		if (waitpid(pid, &status, 0) != pid)
			exit(1);
	} else {
		while (profile_reap(&status) != pid)
			usleep(200);
	}
	t1 = bench_now();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_profile: workload failed (%#x)\n",
		    status);
		exit(1);
	}
	if (p != NULL) {
		profile_wait(p);
		*cpu = profile_totals(p)->tracer_cpu;
		nf = profile_files(p, &files);
		for (i = 0; i < nf; i++) {
			if (strcmp(files[i]->path, path) == 0)
				*opens = files[i]->opens;
		}
	}
	return (t1 - t0);
}

/*
 * The workload of --sample: wait for go, then rounds of open, read, close
 * for secs seconds; the count of rounds comes back on *out.
 */
static pid_t
bench_loop_child(const char *path, double secs, int *go, int *out)
{
	char		 buf[4096], c;
	int		 gp[2], op[2], fd;
	unsigned long	 n = 0;
	double		 end;
	pid_t		 pid;

	if (pipe(gp) != 0 || pipe(op) != 0)
		exit(1);
	if ((pid = fork()) == 0) {
		close(gp[1]);
		close(op[0]);
		if (read(gp[0], &c, 1) != 1)
			_exit(2);
		end = bench_now() + secs;
		do {
			if ((fd = open(path, O_RDONLY)) == -1)
				_exit(3);
			if (read(fd, buf, sizeof buf) <= 0)
				_exit(4);
			close(fd);
		} while (++n % 256 != 0 || bench_now() < end);
		if (write(op[1], &n, sizeof n) != sizeof n)
			_exit(5);
		_exit(0);
	}
	close(gp[0]);
	close(op[1]);
	*go = gp[1];
	*out = op[0];
	return (pid);
}

/* Sleep until a time on bench_now's clock. */
static void
bench_until(double t)
{
	double	left = t - bench_now();

	if (left > 0)
		usleep((useconds_t)(left * 1e6));
}

/*
 * One window of the loop; its rounds a second. With length, profiled for
 * length every every (seconds) as the supervisor would, the first after
 * every/2; each attach's and end's milliseconds go to attach[] and end[].
 */
static double
bench_window(const char *path, double secs, double length, double every,
    double *attach, double *ending, u_int *nsamples)
{
	struct profile	*p;
	char		*cause;
	unsigned long	 rounds;
	double		 t0, next, t;
	pid_t		 pid;
	int		 go, out, status;

	pid = bench_loop_child(path, secs, &go, &out);
	t0 = bench_now();
	if (write(go, "g", 1) != 1)
		exit(1);
	close(go);
	*nsamples = 0;
	for (next = t0 + every / 2; length > 0 && next + length < t0 + secs -
	    0.1 && *nsamples < BENCH_MAX_SAMPLES; next += every) {
		bench_until(next);
		p = profile_create();
		t = bench_now();
		if (profile_start(p, pid, &cause) != 0) {
			fprintf(stderr, "bench_profile: %s\n", cause);
			kill(pid, SIGKILL);
			exit(1);
		}
		attach[*nsamples] = (bench_now() - t) * 1e3;
		bench_until(next + length);
		t = bench_now();
		profile_stop(p);
		profile_wait(p);
		ending[(*nsamples)++] = (bench_now() - t) * 1e3;
		profile_free(p);
	}
	if (read(out, &rounds, sizeof rounds) != sizeof rounds)
		exit(1);
	close(out);
	while (profile_reap(&status) != pid)
		usleep(1000);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_profile: loop failed (%#x)\n", status);
		exit(1);
	}
	return (rounds / (bench_now() - t0));
}

/* --sample: the light mode's cost over whole windows. */
static int
bench_sampled(const char *path, const char *sample, double secs, u_int runs,
    int markdown)
{
	static double	 attach[BENCH_MAX_SAMPLES], ending[BENCH_MAX_SAMPLES];
	double		 plain[BENCH_MAX_RUNS], sampled[BENCH_MAX_RUNS];
	double		 am[BENCH_MAX_RUNS], em[BENCH_MAX_RUNS];
	double		 length, every, pm, pl, ph, sm, sl, sh, lo, hi;
	double		 a, amax = 0, e, loss, traced = 0;
	long long	 run, period;
	char		*cause;
	u_int		 i, n;

	if (parse_sample(sample, &run, &period, &cause) != 0 || run == 0) {
		fprintf(stderr, "bench_profile: --sample: %s\n", run == 0 ?
		    "off" : cause);
		return (1);
	}
	length = run / 1e3;
	every = period / 1e3;
	for (i = 0; i < runs; i++) {
		plain[i] = bench_window(path, secs, 0, every, attach, ending,
		    &n);
		sampled[i] = bench_window(path, secs, length, every, attach,
		    ending, &n);
		if (n == 0) {
			fprintf(stderr, "bench_profile: no sample in a window "
			    "of %.0fs\n", secs);
			return (1);
		}
		traced = n * length / secs;
		bench_stats(attach, n, &am[i], &lo, &hi);
		if (hi > amax)
			amax = hi;
		bench_stats(ending, n, &em[i], &lo, &hi);
	}
	bench_stats(plain, runs, &pm, &pl, &ph);
	bench_stats(sampled, runs, &sm, &sl, &sh);
	a = bench_median(am, runs);
	e = bench_median(em, runs);
	loss = 100 * (1 - sm / pm);
	if (markdown) {
		printf("| Workload | Sampling | Time traced | Untraced "
		    "rounds/s | Sampled rounds/s | Loss over the window | "
		    "Attach ms (worst) | End ms |\n"
		    "|---|---|---|---|---|---|---|---|\n");
		printf("| open+read+close loop, %.0fs | %s | %.1f%% | %.0f | "
		    "%.0f | **%.1f%%** | %.2f (%.2f) | %.2f |\n", secs, sample,
		    100 * traced, pm, sm, loss, a, amax, e);
	} else {
		printf("light mode overhead: open+read+close loop for %.0fs, "
		    "profiled %s, median of %u runs\n", secs, sample, runs);
		printf("  untraced  %10.0f rounds/s  (%.0f - %.0f)\n", pm, pl,
		    ph);
		printf("  sampled   %10.0f rounds/s  (%.0f - %.0f)\n", sm, sl,
		    sh);
		printf("  loss      %10.1f%% of the window (traced %.1f%% of "
		    "it)\n", loss, 100 * traced);
		printf("  attach    %10.2f ms median, %.2f ms worst (the "
		    "server waits)\n", a, amax);
		printf("  end       %10.2f ms median (stop and let go)\n", e);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	char		 dir[4096], path[4200], buf[433];
	const char	*sample = NULL;
	double		 window = 60;
	double		 plain[BENCH_MAX_RUNS], traced[BENCH_MAX_RUNS];
	double		 cpu[BENCH_MAX_RUNS], pm, pl, ph, tm, tl, th, cm, cl, ch;
	struct profile	*p;
	uint64_t	 opens = 0;
	u_int		 calls = 20000, runs = 5, i;
	int		 markdown = 0, fd;

	for (i = 1; i < (u_int)argc; i++) {
		if (strcmp(argv[i], "--smoke") == 0) {
			calls = 300;
			runs = 1;
			window = 3;
		} else if (strcmp(argv[i], "--sample") == 0 &&
		    i + 1 < (u_int)argc)
			sample = argv[++i];
		else if (strcmp(argv[i], "--window") == 0 &&
		    i + 1 < (u_int)argc)
			window = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "--markdown") == 0)
			markdown = 1;
		else if (strcmp(argv[i], "--calls") == 0 && i + 1 < (u_int)argc)
			calls = (u_int)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < (u_int)argc)
			runs = (u_int)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: bench_profile [--smoke] "
			    "[--markdown] [--calls N] [--runs N] "
			    "[--sample 1s/10s [--window seconds]]\n");
			return (1);
		}
	}
	if (runs == 0 || runs > BENCH_MAX_RUNS || calls == 0)
		runs = 1;

	bench_tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/credentials", dir);
	memset(buf, 'c', sizeof buf);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1 ||
	    write(fd, buf, sizeof buf) != sizeof buf)
		return (1);
	close(fd);

	if (sample != NULL) {
		if (window < 1)
			window = 1;
		i = bench_sampled(path, sample, window, runs, markdown);
		unlink(path);
		rmdir(dir);
		return ((int)i);
	}
	for (i = 0; i < runs; i++) {
		plain[i] = bench_run(path, calls, NULL, NULL, NULL);
		p = profile_create();
		opens = 0;
		traced[i] = bench_run(path, calls, p, &cpu[i], &opens);
		profile_free(p);
		/* What was measured is wrong if the opens were not seen. */
		if (opens != calls) {
			fprintf(stderr, "bench_profile: saw %llu opens of %u\n",
			    (unsigned long long)opens, calls);
			return (1);
		}
	}
	unlink(path);
	rmdir(dir);

	bench_stats(plain, runs, &pm, &pl, &ph);
	bench_stats(traced, runs, &tm, &tl, &th);
	bench_stats(cpu, runs, &cm, &cl, &ch);
	if (markdown) {
		printf("| Workload | Untraced µs/call | Profiled µs/call | "
		    "Slowdown | Tracer CPU µs/call |\n|---|---|---|---|---|\n");
		printf("| open+read+close x %u | %.2f | %.2f | **%.1fx** | "
		    "%.2f |\n", calls, pm * 1e6 / (3.0 * calls),
		    tm * 1e6 / (3.0 * calls), tm / pm, cm * 1e6 / (3.0 * calls));
	} else {
		printf("profile overhead: open+read+close x %u, median of %u "
		    "runs (wall time of the workload)\n", calls, runs);
		printf("  untraced  %8.2f ms  (%.2f - %.2f)  %6.2f us/call\n",
		    pm * 1e3, pl * 1e3, ph * 1e3, pm * 1e6 / (3.0 * calls));
		printf("  profiled  %8.2f ms  (%.2f - %.2f)  %6.2f us/call\n",
		    tm * 1e3, tl * 1e3, th * 1e3, tm * 1e6 / (3.0 * calls));
		printf("  slowdown  %8.1fx\n", tm / pm);
		printf("  tracer    %8.2f ms CPU  %6.2f us/call\n", cm * 1e3,
		    cm * 1e6 / (3.0 * calls));
	}
	return (0);
}
