/*
 * Idle cost and memory per pane, against tmux.
 *
 * Ten sessions of one 200x50 pane each, one client attached (in a PTY this
 * program drains). First every pane runs `sleep` (empty panes), then
 * every pane first prints --lines lines of 200 characters (so the history
 * is full) and then sleeps; then the same in true colour (a new 24-bit
 * foreground every 8 characters, 25 a line). Then nothing happens for --seconds, and:
 *
 *  - wakeups/s: the server's context switches (voluntary + involuntary,
 *    /proc/PID/status) over that time, per second: each is the server
 *    going to sleep and being woken;
 *  - memory: the server's private memory (Private_Clean + Private_Dirty
 *    + Swap of /proc/PID/smaps_rollup), from which an empty pane's cost
 *    (the difference between the empty run and a server with one pane,
 *    over nine panes) and the bytes per line of history (full minus
 *    empty, over the lines kept), plain and true colour, are worked out.
 *
 * Both multiplexers run with history-limit set to --lines and nothing
 * else configured. Medians of --runs runs.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define BENCH_PANES	10
#define BENCH_MAX_RUNS	21
#define BENCH_REPAINT_MS 25	/* between repaints: under 60 a second */

enum bench_target { BENCH_VIGIL, BENCH_TMUX };
static const char *bench_names[] = { "vigil", "tmux" };

static const char *bench_dir;
static char	bench_prog[2][PATH_MAX];
static u_int	bench_lines = 2000;
static u_int	bench_seconds = 10;
static u_int	bench_repaints = 200;

/* What one run measured. */
struct bench_result {
	double		wakeups;	/* the server's, a second, idle */
	long long	private;	/* the server's private bytes */
	double		repaint_ms;	/* server CPU for a full repaint */
	double		repaint_bytes;	/* and what the terminal got */
};

/* A number after "key" in a /proc file of pid (kB lines give bytes). */
static long long
bench_proc(pid_t pid, const char *file, const char *key)
{
	char		 path[64], line[256];
	long long	 v = -1;
	size_t		 len = strlen(key);
	FILE		*f;

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, file);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, len) == 0 && line[len] == ':') {
			v = strtoll(line + len + 1, NULL, 10);
			if (strstr(line, "kB") != NULL)
				v *= 1024;
			break;
		}
	}
	fclose(f);
	return (v);
}

/* The server's pid, from the pid of a pane's process (its parent). */
static pid_t
bench_server_pid(const char *marker)
{
	char	 path[PATH_MAX];
	FILE	*f;
	long	 pid = -1;
	int	 i;

	snprintf(path, sizeof path, "%s/%s", bench_dir, marker);
	for (i = 0; i < 2000; i++) {
		if ((f = fopen(path, "r")) != NULL) {
			if (fscanf(f, "%ld", &pid) != 1)
				pid = -1;
			fclose(f);
			if (pid > 0)
				return ((pid_t)pid);
		}
		usleep(10000);
	}
	return (-1);
}

/* Read what the client's terminal has; how many bytes. */
static size_t
bench_drain(int fd)
{
	char	buf[65536];
	ssize_t	n;
	size_t	total = 0;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		total += n;
	return (total);
}

/* Read the client's terminal as it comes, for ms; how many bytes. */
static size_t
bench_drain_for(int fd, int ms)
{
	struct pollfd	pfd = { .fd = fd, .events = POLLIN };
	struct timespec	ts;
	double		now, until;
	size_t		total = 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	until = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6 + ms;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
		if (now >= until)
			break;
		if (poll(&pfd, 1, (int)(until - now) + 1) > 0)
			total += bench_drain(fd);
	}
	return (total);
}

/* The nanoseconds pid has been on a CPU (/proc/PID/schedstat). */
static long long
bench_cpu_ns(pid_t pid)
{
	char		 path[64];
	long long	 ns = -1;
	FILE		*f;

	snprintf(path, sizeof path, "/proc/%ld/schedstat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return (ns);
}

/*
 * Full repaints: the client is sent its prefix and r (refresh-client in
 * both; vigil's prefix is C-\\, tmux's C-b) every
 * BENCH_REPAINT_MS, reading its terminal all along; the server's CPU time
 * and the bytes the terminal got, per repaint, less what the same time
 * costs idle.
 */
static int
bench_repaint(enum bench_target t, pid_t server, int fd,
    double idle_ns_per_s, double *ms, double *bytes)
{
	const char	*key = t == BENCH_TMUX ? "\002r" : "\034r";
	long long	c0, c1;
	size_t		total = 0;
	u_int		i;

	bench_drain_for(fd, 200);
	c0 = bench_cpu_ns(server);
	for (i = 0; i < bench_repaints; i++) {
		if (write(fd, key, 2) != 2)
			return (-1);
		total += bench_drain_for(fd, BENCH_REPAINT_MS);
	}
	c1 = bench_cpu_ns(server);
	if (c0 < 0 || c1 < c0)
		return (-1);
	*ms = ((c1 - c0) - idle_ns_per_s * bench_repaints * BENCH_REPAINT_MS /
	    1e3) / bench_repaints / 1e6;
	*bytes = (double)total / bench_repaints;
	return (0);
}

/*
 * One run: panes sessions, each printing lines (0: none), in true colour
 * or not, one client; wakeups/s and private bytes of the server.
 */
static int
bench_run(enum bench_target t, u_int panes, u_int lines, int colour,
    struct bench_result *res)
{
	struct winsize	 ws = { .ws_row = 51, .ws_col = 200 };
	char		 sock[PATH_MAX], conf[PATH_MAX], cmd[PATH_MAX * 2];
	char		 server_cmd[PATH_MAX];
	char		 name[16];
	pid_t		 server = -1, client;
	long long	 c0, c1, ns0, ns1;
	FILE		*f;
	u_int		 i;
	int		 fd, flags, failed = 0;

	snprintf(sock, sizeof sock, "%s/%s.sock", bench_dir, bench_names[t]);
	snprintf(conf, sizeof conf, "%s/%s.conf", bench_dir, bench_names[t]);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "set %shistory-limit %u\n", t == BENCH_TMUX ? "-g " : "",
	    lines > 0 ? lines : bench_lines);
	fclose(f);
	for (i = 0; i < panes; i++) {
		/* The first pane says who its parent (the server) is. */
		snprintf(server_cmd, sizeof server_cmd, "echo $PPID > "
		    "'%s/server'; ", bench_dir);
		if (colour) {
			snprintf(cmd, sizeof cmd, "%sawk 'BEGIN { for (i = 0; "
			    "i < %u; i++) { for (j = 0; j < 25; j++) printf "
			    "\"\\033[38;2;%%d;%%d;%%dm%%08d\", (i * 7 + j) %% 256, "
			    "j * 10, i %% 256, i; printf \"\\033[m\\n\" } }'; "
			    "touch '%s/done%u'; exec sleep 1000",
			    i == 0 ? server_cmd : "", lines, bench_dir, i);
		} else {
			snprintf(cmd, sizeof cmd, "%si=0; while [ $i -lt %u ]; "
			    "do printf '%%0200d\\n' $i; i=$((i + 1)); done; "
			    "touch '%s/done%u'; exec sleep 1000",
			    i == 0 ? server_cmd : "", lines, bench_dir, i);
		}
		snprintf(name, sizeof name, "s%u", i);
		{
			char	*argv[] = { bench_prog[t], "-S", sock, "-f",
				    conf, "new-session", "-d", "-s", name,
				    "-x", "200", "-y", "50", cmd, NULL };

			if (bench_quiet(argv) != 0)
				errx(1, "%s: new-session failed",
				    bench_names[t]);
		}
	}
	for (i = 0; i < panes; i++) {
		snprintf(cmd, sizeof cmd, "%s/done%u", bench_dir, i);
		while (access(cmd, F_OK) != 0)
			usleep(20000);
		unlink(cmd);
	}
	server = bench_server_pid("server");
	snprintf(cmd, sizeof cmd, "%s/server", bench_dir);
	unlink(cmd);

	if ((client = forkpty(&fd, NULL, NULL, &ws)) == -1)
		err(1, "forkpty");
	if (client == 0) {
		setenv("TERM", "xterm-256color", 1);
		execl(bench_prog[t], bench_prog[t], "-S", sock, "attach", "-t",
		    "s0", (char *)NULL);
		_exit(127);
	}
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	/* Let it draw and settle, then count. */
	for (i = 0; i < 30; i++) {
		usleep(100000);
		bench_drain(fd);
	}
	c0 = bench_proc(server, "status", "voluntary_ctxt_switches") +
	    bench_proc(server, "status", "nonvoluntary_ctxt_switches");
	ns0 = bench_cpu_ns(server);
	for (i = 0; i < bench_seconds * 10; i++) {
		usleep(100000);
		bench_drain(fd);
	}
	c1 = bench_proc(server, "status", "voluntary_ctxt_switches") +
	    bench_proc(server, "status", "nonvoluntary_ctxt_switches");
	ns1 = bench_cpu_ns(server);
	res->wakeups = (c1 - c0) / (double)bench_seconds;
	res->private = bench_proc(server, "smaps_rollup", "Private_Clean") +
	    bench_proc(server, "smaps_rollup", "Private_Dirty") +
	    bench_proc(server, "smaps_rollup", "Swap");
	res->repaint_ms = res->repaint_bytes = 0;
	if (lines > 0 && (ns0 < 0 || ns1 < ns0 || bench_repaint(t, server, fd,
	    (ns1 - ns0) / (double)bench_seconds, &res->repaint_ms,
	    &res->repaint_bytes) != 0 || res->repaint_bytes < 200 * 50))
		failed = 1;

	{
		char	*argv[] = { bench_prog[t], "-S", sock, "kill-server",
			    NULL };

		bench_quiet(argv);
	}
	/*
	 * The client leaves on its own when the server goes; closing its
	 * terminal under it while it exits can hang a sanitizer's exit.
	 */
	for (i = 0; i < 100 && waitpid(client, NULL, WNOHANG) == 0; i++) {
		usleep(50000);
		bench_drain(fd);
	}
	if (i == 100) {
		kill(client, SIGKILL);
		waitpid(client, NULL, 0);
	}
	close(fd);
	unlink(sock);
	return (server > 0 && c0 >= 0 && c1 >= c0 && res->private > 0 &&
	    !failed ? 0 : -1);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, 'm' },
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "lines", required_argument, NULL, 'l' },
		{ "seconds", required_argument, NULL, 'S' },
		{ "vigil", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	double		 wk[BENCH_MAX_RUNS], one[BENCH_MAX_RUNS];
	double		 empty[BENCH_MAX_RUNS], full[BENCH_MAX_RUNS];
	double		 rgb[BENCH_MAX_RUNS], rp[4][BENCH_MAX_RUNS];
	double		 res[2][9];
	struct bench_result br;
	u_int		 runs = 5, r, nt = 2;
	int		 ch, markdown = 0, smoke = 0;
	enum bench_target t;

	snprintf(bench_prog[BENCH_VIGIL], PATH_MAX, "./vigil");
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			markdown = 1;
			break;
		case 's':
			smoke = 1;
			break;
		case 'r':
			runs = (u_int)strtoul(optarg, NULL, 10);
			if (runs < 1 || runs > BENCH_MAX_RUNS)
				errx(1, "--runs: 1 to %d", BENCH_MAX_RUNS);
			break;
		case 'l':
			bench_lines = (u_int)strtoul(optarg, NULL, 10);
			if (bench_lines < 100)
				errx(1, "--lines: at least 100");
			break;
		case 'S':
			bench_seconds = (u_int)strtoul(optarg, NULL, 10);
			if (bench_seconds < 1)
				errx(1, "--seconds: at least 1");
			break;
		case 'v':
			snprintf(bench_prog[BENCH_VIGIL], PATH_MAX, "%s",
			    optarg);
			break;
		default:
			fprintf(stderr, "usage: bench_idle [--markdown] "
			    "[--smoke] [--runs N] [--lines N] [--seconds N] "
			    "[--vigil PATH]\n");
			return (1);
		}
	}
	if (!bench_programs(bench_prog[BENCH_VIGIL], bench_prog[BENCH_TMUX],
	    PATH_MAX))
		nt = 1;
	if (smoke) {
		runs = 1;
		bench_lines = 100;
		bench_seconds = 1;
		bench_repaints = 10;
		nt = 1;
	}

	bench_dir = bench_private();

	for (t = BENCH_VIGIL; t < nt; t++) {
		for (r = 0; r < runs; r++) {
			if (bench_run(t, 1, 0, 0, &br) != 0)
				goto failed;
			one[r] = br.private;
			if (bench_run(t, BENCH_PANES, 0, 0, &br) != 0)
				goto failed;
			empty[r] = br.private;
			wk[r] = br.wakeups;
			if (bench_run(t, BENCH_PANES, bench_lines, 0, &br) != 0)
				goto failed;
			full[r] = br.private;
			rp[0][r] = br.repaint_ms;
			rp[1][r] = br.repaint_bytes;
			if (bench_run(t, BENCH_PANES, bench_lines, 1, &br) != 0)
				goto failed;
			rgb[r] = br.private;
			rp[2][r] = br.repaint_ms;
			rp[3][r] = br.repaint_bytes;
		}
		res[t][0] = bench_median(wk, runs);
		res[t][1] = (bench_median(empty, runs) -
		    bench_median(one, runs)) / (BENCH_PANES - 1) / 1024;
		res[t][2] = (bench_median(full, runs) -
		    bench_median(empty, runs)) / ((double)BENCH_PANES *
		    bench_lines);
		res[t][3] = (bench_median(rgb, runs) -
		    bench_median(empty, runs)) / ((double)BENCH_PANES *
		    bench_lines);
		res[t][4] = bench_median(full, runs) / 1048576;
		res[t][5] = bench_median(rp[0], runs);
		res[t][6] = bench_median(rp[1], runs) / 1024;
		res[t][7] = bench_median(rp[2], runs);
		res[t][8] = bench_median(rp[3], runs) / 1024;
	}
	if (markdown)
		printf("%u panes of 200x50 and one client, %u lines of history "
		    "each, idle for %u s; %u full repaints of the client; "
		    "median of %u runs\n\n| | vigil | tmux |\n|---|---:|---:|\n",
		    BENCH_PANES, bench_lines, bench_seconds, bench_repaints,
		    runs);
	else
		printf("idle: %u panes of 200x50, one client, %u lines of "
		    "history each, %u s; %u full repaints; median of %u runs\n"
		    "%-36s %10s %10s\n", BENCH_PANES, bench_lines,
		    bench_seconds, bench_repaints, runs, "", "vigil", "tmux");
	{
		static const char *rows[] = {
			"server wakeups/s", "empty pane (KiB)",
			"history bytes per line",
			"  the same in true colour",
			"server private, plain (MiB)",
			"full repaint, plain: CPU ms",
			"  bytes to the terminal (KiB)",
			"full repaint, true colour: CPU ms",
			"  bytes to the terminal (KiB)"
		};
		static const char *fmt[] = {
			"%.1f", "%.1f", "%.1f", "%.1f", "%.1f", "%.2f", "%.1f",
			"%.2f", "%.1f"
		};
		char	cell[2][32];
		u_int	i;

		for (i = 0; i < 9; i++) {
			snprintf(cell[0], sizeof cell[0], fmt[i], res[0][i]);
			if (nt == 2)
				snprintf(cell[1], sizeof cell[1], fmt[i],
				    res[1][i]);
			else
				snprintf(cell[1], sizeof cell[1], "-");
			if (markdown)
				printf("| %s | %s | %s |\n", rows[i], cell[0],
				    cell[1]);
			else
				printf("%-36s %10s %10s\n", rows[i], cell[0],
				    cell[1]);
		}
	}
	return (0);

failed:
	errx(1, "%s: a run went wrong (no server, or no numbers)",
	    bench_names[t]);
}
