/*
 * The hot-file profiler's cost: how much slower a syscall-heavy program
 * runs while profiled. The workload is a child that opens, reads and
 * closes a 433-byte file --calls times (three system calls each, as an
 * agent re-reading its credentials does); a run is its wall time from the
 * byte that starts it to its exit, untraced and then under a profile. An
 * unprofiled pane costs nothing: nothing traces it.
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
#include "vigil/profile.h"

#define BENCH_MAX_RUNS	32

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

int
main(int argc, char **argv)
{
	char		 dir[4096], path[4200], buf[433];
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
		} else if (strcmp(argv[i], "--markdown") == 0)
			markdown = 1;
		else if (strcmp(argv[i], "--calls") == 0 && i + 1 < (u_int)argc)
			calls = (u_int)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < (u_int)argc)
			runs = (u_int)strtoul(argv[++i], NULL, 10);
		else {
			fprintf(stderr, "usage: bench_profile [--smoke] "
			    "[--markdown] [--calls N] [--runs N]\n");
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
