/*
 * Ingest: how fast a pane takes in what its program writes, against tmux
 * and against the bare PTY (the ceiling), at 200x50 and 80x24.
 *
 * A payload is written deterministically (seeded) to a file: plain base64
 * lines that scroll, dense colour (256-colour and true-colour SGR on every
 * few characters), Unicode with CJK wide characters, cursor motion (CUP and
 * erase, as a full-screen TUI repaints), and frames in synchronized output
 * (mode 2026). Each run starts a detached session whose only pane runs
 *
 *	sh -c 't0=$(date +%s%N); cat FILE; t1=$(date +%s%N); echo ...'
 *
 * and the time is the pane's own: cat returns once the server has read all
 * but the last PTY buffer, so the rate is the server's. The bare PTY is the
 * same cat in a PTY whose master this program reads as fast as it can. No
 * client is attached (that is another benchmark). Both multiplexers run
 * with the same history-limit and no other configuration. Each cell is the
 * median of --runs runs, in MB/s (10^6 bytes).
 */

#include "config.h"

#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define nitems(a) (sizeof (a) / sizeof (a)[0])

#define BENCH_MAX_RUNS	51
#define BENCH_WAIT_S	300	/* longest for one run */
#define BENCH_HISTORY	"2000"

/* What is measured: the PTY alone, or a multiplexer. */
enum bench_target { BENCH_BARE, BENCH_VIGIL, BENCH_TMUX };
static const char *bench_target_names[] = { "pty", "vigil", "tmux" };

/* The payloads. */
enum bench_payload { P_PLAIN, P_COLOUR, P_UNICODE, P_MOTION, P_SYNC };
static const char *bench_payload_names[] = {
	"plain", "colour", "unicode", "motion", "sync"
};
static const char *bench_payload_about[] = {
	"base64 lines of 76 characters, scrolling",
	"256-colour and true-colour SGR every 1-8 characters",
	"Latin, Greek, box drawing and CJK (wide) text",
	"full-screen repaints: CUP to each row, text, EL",
	"the same repaints, each frame in mode 2026"
};

static const struct {
	u_int	sx, sy;
} bench_sizes[] = { { 200, 50 }, { 80, 24 } };

static const char *bench_dir;
static char	 bench_vigil[PATH_MAX];
static char	 bench_tmux[PATH_MAX];
static uint64_t	 bench_seed = 42;

/* xorshift64*: the payloads are the same on every run and machine. */
static uint64_t
bench_rand(void)
{
	bench_seed ^= bench_seed >> 12;
	bench_seed ^= bench_seed << 25;
	bench_seed ^= bench_seed >> 27;
	return (bench_seed * 2685821657736338717ULL);
}

static double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Write one payload of about size bytes for a screen of sx x sy. */
static void
bench_make(enum bench_payload pl, const char *path, size_t size, u_int sx,
    u_int sy)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	static const char *const uni[] = {
		"é", "ß", "λ", "Ω", "─", "│", "┼", "漢", "字", "日", "本", "語",
		"a", "b", " ", "ñ", "€", "→"
	};
	FILE	*f;
	size_t	 total = 0;
	u_int	 x, y, n;
	int	 w;

	bench_seed = 42 + pl;
	if ((f = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	while (total < size) {
		switch (pl) {
		case P_PLAIN:
			for (x = 0; x < 76; x++)
				fputc(b64[bench_rand() % 64], f);
			fputc('\n', f);
			total += 77;
			break;
		case P_COLOUR:
			for (x = 0; x < sx - 1; x += n) {
				if (bench_rand() % 2)
					w = fprintf(f, "\033[38;5;%um",
					    (u_int)(bench_rand() % 256));
				else
					w = fprintf(f, "\033[48;2;%u;%u;%um",
					    (u_int)(bench_rand() % 256),
					    (u_int)(bench_rand() % 256),
					    (u_int)(bench_rand() % 256));
				total += w;
				for (n = 1 + bench_rand() % 8; n > 0 &&
				    x + n > sx - 1; n--)
					/* nothing */;
				if (n == 0)
					break;
				for (y = 0; y < n; y++)
					fputc(b64[bench_rand() % 64], f);
				total += n;
			}
			total += fprintf(f, "\033[m\n");
			break;
		case P_UNICODE:
			for (x = 0; x + 2 < sx; x += w) {
				n = bench_rand() % nitems(uni);
				w = n >= 7 && n <= 11 ? 2 : 1;
				fputs(uni[n], f);
				total += strlen(uni[n]);
			}
			fputc('\n', f);
			total++;
			break;
		case P_MOTION:
		case P_SYNC:
			if (pl == P_SYNC)
				total += fprintf(f, "\033[?2026h");
			for (y = 1; y <= sy; y++) {
				total += fprintf(f, "\033[%u;1H", y);
				n = bench_rand() % sx;
				for (x = 0; x < n; x++)
					fputc(b64[bench_rand() % 64], f);
				total += n + fprintf(f, "\033[K");
			}
			if (pl == P_SYNC)
				total += fprintf(f, "\033[?2026l");
			break;
		}
	}
	if (fclose(f) != 0)
		err(1, "%s", path);
}

/*
 * The command a pane runs: cat, timed from inside, into result with the
 * CPU time its server (the pane's parent) spent meanwhile.
 */
static char *
bench_pane_command(const char *payload, const char *result)
{
	char	*cmd;

	if (asprintf(&cmd, "t0=$(date +%%s%%N); read c0 x < /proc/$PPID/schedstat; "
	    "cat '%s'; read c1 x < /proc/$PPID/schedstat; t1=$(date +%%s%%N); "
	    "echo $((t1 - t0)) $((c1 - c0)) > '%s.tmp' && mv '%s.tmp' '%s'",
	    payload, result, result, result) == -1)
		err(1, "asprintf");
	return (cmd);
}

/* Wait for a result file; the nanoseconds in it, or -1, and the CPU's. */
static long long
bench_wait_result(const char *result, long long *cpu)
{
	struct timespec	 ts = { 0, 5000000 };
	double		 until = bench_now() + BENCH_WAIT_S;
	long long	 ns = -1;
	FILE		*f;

	while (bench_now() < until) {
		if ((f = fopen(result, "r")) != NULL) {
			if (fscanf(f, "%lld %lld", &ns, cpu) != 2)
				ns = -1;
			fclose(f);
			return (ns);
		}
		nanosleep(&ts, NULL);
	}
	return (-1);
}

/* The bare PTY: cat into a PTY we drain; seconds. */
static double
bench_bare(const char *payload, u_int sx, u_int sy)
{
	struct winsize	 ws = { .ws_row = sy, .ws_col = sx };
	char		 buf[65536];
	double		 t0 = bench_now();
	pid_t		 pid;
	ssize_t		 n;
	int		 fd, status;

	if ((pid = forkpty(&fd, NULL, NULL, &ws)) == -1)
		err(1, "forkpty");
	if (pid == 0) {
		execl("/bin/cat", "cat", payload, (char *)NULL);
		_exit(127);
	}
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n > 0)
			continue;
		if (n == -1 && errno == EINTR)
			continue;
		break;	/* EIO: the slave side is closed */
	}
	close(fd);
	waitpid(pid, &status, 0);
	return (bench_now() - t0);
}

/*
 * A multiplexer: a detached session of sx x sy running the timed cat;
 * seconds as the pane measured them, or -1, and the seconds of CPU its
 * server used meanwhile.
 */
static double
bench_mux(enum bench_target t, const char *payload, u_int sx, u_int sy,
    const char *tag, double *cpu)
{
	char		 sock[PATH_MAX], conf[PATH_MAX], result[PATH_MAX];
	char		 x[16], y[16], *cmd;
	long long	 ns, cpu_ns = 0;
	FILE		*f;

	snprintf(sock, sizeof sock, "%s/%s.sock", bench_dir, tag);
	snprintf(conf, sizeof conf, "%s/%s.conf", bench_dir, tag);
	snprintf(result, sizeof result, "%s/%s.result", bench_dir, tag);
	snprintf(x, sizeof x, "%u", sx);
	snprintf(y, sizeof y, "%u", sy);
	unlink(result);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "set %shistory-limit %s\n", t == BENCH_TMUX ? "-g " : "",
	    BENCH_HISTORY);
	fclose(f);
	cmd = bench_pane_command(payload, result);
	{
		char	*argv[] = { t == BENCH_TMUX ? bench_tmux : bench_vigil,
			    "-S", sock, "-f", conf, "new-session", "-d", "-x", x,
			    "-y", y, cmd, NULL };

		if (bench_quiet(argv) != 0)
			errx(1, "%s: new-session failed", argv[0]);
	}
	ns = bench_wait_result(result, &cpu_ns);
	*cpu = cpu_ns / 1e9;
	{
		char	*argv[] = { t == BENCH_TMUX ? bench_tmux : bench_vigil,
			    "-S", sock, "kill-server", NULL };

		bench_quiet(argv);
	}
	free(cmd);
	unlink(result);
	unlink(sock);
	return (ns < 0 ? -1 : ns / 1e9);
}

/* In --smoke: did the pane take in all of it? Its last line must show. */
static int
bench_check_screen(const char *payload)
{
	char	 sock[PATH_MAX], pane[PATH_MAX + 32], last[128], line[512];
	char	*cmd;
	FILE	*f, *p;
	int	 found = 0, status;

	if ((f = fopen(payload, "r")) == NULL)
		return (-1);
	*last = '\0';
	while (fgets(line, sizeof line, f) != NULL)
		snprintf(last, sizeof last, "%.76s", line);
	fclose(f);
	snprintf(sock, sizeof sock, "%s/check.sock", bench_dir);
	snprintf(pane, sizeof pane, "cat '%s'; exec sleep 100", payload);
	{
		char	*argv[] = { bench_vigil, "-S", sock, "-f", "/dev/null",
			    "new-session", "-d", "-x", "80", "-y", "24", pane,
			    NULL };

		if (bench_quiet(argv) != 0)
			return (-1);
	}
	if (asprintf(&cmd, "'%s' -S '%s' capture-pane -p", bench_vigil,
	    sock) == -1)
		err(1, "asprintf");
	for (status = 0; status < 100 && !found; status++) {
		if ((p = popen(cmd, "r")) == NULL)
			break;
		while (fgets(line, sizeof line, p) != NULL) {
			if (strncmp(line, last, strlen(last)) == 0)
				found = 1;
		}
		pclose(p);
		if (!found)
			usleep(50000);
	}
	free(cmd);
	{
		char	*argv[] = { bench_vigil, "-S", sock, "kill-server",
			    NULL };

		bench_quiet(argv);
	}
	return (found ? 0 : -1);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, 'm' },
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "size", required_argument, NULL, 'z' },
		{ "vigil", required_argument, NULL, 'v' },
		{ "tmux", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	double		 times[BENCH_MAX_RUNS], cpus[BENCH_MAX_RUNS], med[3];
	double		 cpu[3], mb;
	char		 payload[PATH_MAX], tag[32];
	struct utsname	 un;
	size_t		 size = 20 * 1000 * 1000;
	u_int		 runs = 5, s, pl, r, nsizes = nitems(bench_sizes);
	int		 ch, markdown = 0, smoke = 0, have_tmux;
	enum bench_target t;

	snprintf(bench_vigil, sizeof bench_vigil, "./vigil");
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
		case 'z':
			size = (size_t)strtoull(optarg, NULL, 10) * 1000 * 1000;
			if (size == 0)
				errx(1, "--size: megabytes, at least 1");
			break;
		case 'v':
			snprintf(bench_vigil, sizeof bench_vigil, "%s", optarg);
			break;
		case 't':
			snprintf(bench_tmux, sizeof bench_tmux, "%s", optarg);
			break;
		default:
			fprintf(stderr, "usage: bench_ingest [--markdown] "
			    "[--smoke] [--runs N] [--size MB] [--vigil PATH] "
			    "[--tmux PATH]\n");
			return (1);
		}
	}
	have_tmux = bench_programs(bench_vigil, bench_tmux, PATH_MAX);
	if (smoke) {
		size = 256 * 1000;
		runs = 1;
		nsizes = 1;
	}

	/* Private sockets and state: no user config, no event log. */
	bench_dir = bench_private();

	if (smoke) {
		snprintf(payload, sizeof payload, "%s/plain", bench_dir);
		bench_make(P_PLAIN, payload, size, 80, 24);
		if (bench_check_screen(payload) != 0) {
			errx(1, "smoke: the pane did not show the payload's "
			    "last line");
		}
	}

	uname(&un);
	if (markdown) {
		printf("Ingest of %.3g MB per payload, median of %u runs, MB/s; "
		    "the server's CPU ms per MB (%s %s, tmux %s)\n\n",
		    size / 1e6, runs, un.sysname,
		    un.release, have_tmux ? "found" : "not found");
		printf("| size | payload | pty | vigil | tmux | vigil/tmux | "
		    "vigil CPU | tmux CPU | vigil/tmux CPU |\n"
		    "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	} else {
		printf("ingest: %.3g MB per payload, median of %u runs, MB/s; "
		    "server CPU ms/MB%s\n", size / 1e6, runs, have_tmux ? "" :
		    " (tmux not found: no ratio)");
		printf("%-8s %-8s %9s %9s %9s %11s %7s %7s %9s\n", "size",
		    "payload", "pty", "vigil", "tmux", "vigil/tmux", "vCPU",
		    "tCPU", "CPU v/t");
	}
	for (s = 0; s < nsizes; s++) {
		for (pl = 0; pl < nitems(bench_payload_names); pl++) {
			snprintf(payload, sizeof payload, "%s/%s-%ux%u",
			    bench_dir, bench_payload_names[pl],
			    bench_sizes[s].sx, bench_sizes[s].sy);
			bench_make(pl, payload, size, bench_sizes[s].sx,
			    bench_sizes[s].sy);
			mb = 0;
			{
				struct stat	sb;

				if (stat(payload, &sb) == 0)
					mb = sb.st_size / 1e6;
			}
			for (t = BENCH_BARE; t <= BENCH_TMUX; t++) {
				med[t] = cpu[t] = -1;
				if (t == BENCH_TMUX && !have_tmux)
					continue;
				for (r = 0; r < runs; r++) {
					snprintf(tag, sizeof tag, "%s%u",
					    bench_target_names[t], r);
					cpus[r] = 0;
					times[r] = t == BENCH_BARE ?
					    bench_bare(payload,
					    bench_sizes[s].sx,
					    bench_sizes[s].sy) :
					    bench_mux(t, payload,
					    bench_sizes[s].sx,
					    bench_sizes[s].sy, tag, &cpus[r]);
					if (times[r] <= 0) {
						errx(1, "%s: %s: no result",
						    bench_target_names[t],
						    bench_payload_names[pl]);
					}
				}
				med[t] = mb / bench_median(times, runs);
				cpu[t] = bench_median(cpus, runs) * 1e3 / mb;
			}
			if (markdown) {
				printf("| %ux%u | %s | %.1f | %.1f | ",
				    bench_sizes[s].sx, bench_sizes[s].sy,
				    bench_payload_names[pl], med[0], med[1]);
				if (med[2] > 0)
					printf("%.1f | %.2f | %.1f | %.1f | "
					    "%.2f |\n", med[2], med[1] / med[2],
					    cpu[1], cpu[2], cpu[1] / cpu[2]);
				else
					printf("- | - | %.1f | - | - |\n",
					    cpu[1]);
			} else {
				printf("%3ux%-4u %-8s %9.1f %9.1f ",
				    bench_sizes[s].sx, bench_sizes[s].sy,
				    bench_payload_names[pl], med[0], med[1]);
				if (med[2] > 0)
					printf("%9.1f %10.2fx %7.1f %7.1f "
					    "%8.2fx\n", med[2], med[1] / med[2],
					    cpu[1], cpu[2], cpu[1] / cpu[2]);
				else
					printf("%9s %11s %7.1f %7s %9s\n", "-",
					    "-", cpu[1], "-", "-");
			}
			fflush(stdout);
			unlink(payload);
		}
	}
	if (!markdown) {
		printf("\npayloads:\n");
		for (pl = 0; pl < nitems(bench_payload_names); pl++)
			printf("  %-8s %s\n", bench_payload_names[pl],
			    bench_payload_about[pl]);
	}
	return (0);
}
