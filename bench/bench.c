/* What the benchmarks share: statistics, programs, a scratch directory. */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <err.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define BENCH_SERVERS	8

static char	bench_dir[128];

/* Servers still running, ended before their sockets' directory goes. */
static struct {
	char	prog[PATH_MAX];
	char	sock[PATH_MAX];
} bench_servers[BENCH_SERVERS];

static int
bench_cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

void
bench_stats(double *v, u_int n, double *mid, double *lo, double *hi)
{
	qsort(v, n, sizeof *v, bench_cmp_double);
	*mid = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	*lo = v[0];
	*hi = v[n - 1];
}

double
bench_median(double *v, u_int n)
{
	double	mid, lo, hi;

	bench_stats(v, n, &mid, &lo, &hi);
	return (mid);
}

int
bench_quiet(char *const argv[])
{
	pid_t	pid;
	int	status, null;

	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		if ((null = open("/dev/null", O_RDWR)) != -1) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			err(1, "waitpid");
	}
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 128);
}

int
bench_which(const char *name, char *out, size_t len)
{
	char	*path, *dir, *save, *copy;

	if (strchr(name, '/') != NULL) {
		if (name != out)
			snprintf(out, len, "%s", name);
		return (access(out, X_OK));
	}
	if ((path = getenv("PATH")) == NULL || (copy = strdup(path)) == NULL)
		return (-1);
	for (dir = strtok_r(copy, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save)) {
		if ((size_t)snprintf(out, len, "%s/%s", dir, name) < len &&
		    access(out, X_OK) == 0) {
			free(copy);
			return (0);
		}
	}
	free(copy);
	return (-1);
}

int
bench_programs(char *vigil, char *tmux, size_t len)
{
	char	path[PATH_MAX];

	if (realpath(vigil, path) == NULL || access(path, X_OK) != 0)
		errx(1, "%s: not found (run from the build tree)", vigil);
	snprintf(vigil, len, "%s", path);
	return (bench_which(*tmux != '\0' ? tmux : "tmux", tmux, len) == 0);
}

double
bench_clock(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

void
bench_server_add(const char *prog, const char *sock)
{
	u_int	i;

	for (i = 0; i < BENCH_SERVERS; i++) {
		if (*bench_servers[i].sock == '\0') {
			snprintf(bench_servers[i].prog,
			    sizeof bench_servers[i].prog, "%s", prog);
			snprintf(bench_servers[i].sock,
			    sizeof bench_servers[i].sock, "%s", sock);
			return;
		}
	}
	errx(1, "too many servers");
}

void
bench_server_kill(const char *sock)
{
	u_int	i;

	for (i = 0; i < BENCH_SERVERS; i++) {
		if (*bench_servers[i].sock == '\0' ||
		    strcmp(bench_servers[i].sock, sock) != 0)
			continue;
		{
			char	*argv[] = { bench_servers[i].prog, "-S",
				    bench_servers[i].sock, "kill-server",
				    NULL };

			bench_quiet(argv);
		}
		unlink(bench_servers[i].sock);
		*bench_servers[i].sock = '\0';
	}
}

void
bench_private_remove(void)
{
	char	*argv[] = { "/bin/rm", "-rf", bench_dir, NULL };
	u_int	 i;

	for (i = 0; i < BENCH_SERVERS; i++) {
		if (*bench_servers[i].sock != '\0')
			bench_server_kill(bench_servers[i].sock);
	}
	if (*bench_dir != '\0')
		bench_quiet(argv);
	*bench_dir = '\0';
}

static void
bench_private_signal(int sig)
{
	bench_private_remove();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
bench_tmpdir(char *dir, size_t len)
{
	const char	*tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	if ((size_t)snprintf(dir, len, "%s/vigil-bench-XXXXXX", tmp) >= len)
		errx(1, "TMPDIR too long");
	if (mkdtemp(dir) == NULL)
		err(1, "mkdtemp %s", dir);
}

const char *
bench_private(void)
{
	bench_tmpdir(bench_dir, sizeof bench_dir);
	atexit(bench_private_remove);
	signal(SIGINT, bench_private_signal);
	signal(SIGTERM, bench_private_signal);
	signal(SIGHUP, bench_private_signal);
	setenv("HOME", bench_dir, 1);
	setenv("XDG_RUNTIME_DIR", bench_dir, 1);
	setenv("XDG_STATE_HOME", bench_dir, 1);
	unsetenv("TMUX");
	unsetenv("VIGIL");
	return (bench_dir);
}
