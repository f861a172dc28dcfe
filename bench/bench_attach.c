/*
 * An attached client cats a big file: how long until its screen shows the
 * end, and whether the program writing is slowed by the client, against
 * tmux.
 *
 * The payload is --size MB of base64 lines of 76 characters (seeded, the
 * same in every run). A run starts a detached session of 200x50 whose pane
 * waits on a FIFO and then runs
 *
 *	t0=$(date +%s%N); cat FILE; t1=$(date +%s%N); echo ...; echo MARKER
 *
 * and, but for the first kind, a client (PROG -S SOCK attach) in a PTY of
 * 200x51 whose output this program reads into a screen of its own (libvterm's
 * state layer and cheap rows: bench_term.c). Then it writes to the FIFO and
 * the clock starts. The client is:
 *
 *  - none: no client; only the pane's time;
 *  - full: read as fast as it comes;
 *  - slow: read 4 KB every 50 ms (80 KB/s), throughout;
 *  - slow-fast: read so while cat runs, then as fast as it comes;
 *  - stalled: not read at all while cat runs, then as fast as it comes.
 *
 * Three times are kept: "cat", the pane's own (a producer never held up by
 * its client takes the same time as with none); "screen", from the start
 * until the client's screen shows the marker (the wall time of an attached
 * `cat`); and, but for full, "catch-up": from the end of cat (when the
 * client is read again, at its own pace) until the marker shows. A run
 * whose client never shows the marker and the payload's last line above it
 * within BENCH_WAIT_S failed. Both multiplexers run with the same
 * history-limit and no other configuration; runs alternate between them.
 * Medians of --runs runs, with the spread.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "bench_term.h"

#define BENCH_MAX_RUNS	21
#define BENCH_WAIT_S	120	/* longest for a cat or a catch-up */
#define BENCH_HISTORY	"2000"
#define BENCH_SX	200
#define BENCH_SY	50	/* the pane; the client has a status line more */
#define BENCH_SLOW_READ	4096	/* a slow client reads this ... */
#define BENCH_SLOW_MS	50	/* ... this often */
#define BENCH_MARKER	"vigil-bench-end"

enum bench_target { BENCH_VIGIL, BENCH_TMUX };
static const char *bench_target_names[] = { "vigil", "tmux" };

enum bench_client { C_NONE, C_FULL, C_SLOW, C_SLOW_FAST, C_STALL };
static const char *bench_client_names[] = {
	"none", "full", "slow", "slow-fast", "stalled"
};
static const char *bench_client_about[] = {
	"no client attached",
	"a client read as fast as it comes",
	"a client read 4 KB every 50 ms (80 KB/s) throughout",
	"a client read 4 KB every 50 ms while cat runs, then at full speed",
	"a client not read at all while cat runs, then at full speed"
};
#define BENCH_CLIENTS	5

/* One run's times in seconds; -1 if not measured. */
struct bench_result {
	double	cat;
	double	screen;
	double	catchup;
};

static const char *bench_dir;
static char	 bench_prog[2][PATH_MAX];
static char	 bench_payload[PATH_MAX];
static char	 bench_last[128];	/* the payload's last line */
static uint64_t	 bench_seed = 42;

/* xorshift64*: the payload is the same on every run and machine. */
static uint64_t
bench_rand(void)
{
	bench_seed ^= bench_seed >> 12;
	bench_seed ^= bench_seed << 25;
	bench_seed ^= bench_seed >> 27;
	return (bench_seed * 2685821657736338717ULL);
}

/* Write size bytes of base64 lines to path; keep the last line. */
static void
bench_make(const char *path, size_t size)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char	 line[77];
	FILE	*f;
	size_t	 total;
	u_int	 x;

	if ((f = fopen(path, "w")) == NULL)
		err(1, "%s", path);
	for (total = 0; total < size; total += sizeof line) {
		for (x = 0; x < sizeof line - 1; x++)
			line[x] = b64[bench_rand() % 64];
		line[x] = '\n';
		if (fwrite(line, sizeof line, 1, f) != 1)
			err(1, "%s", path);
	}
	if (fclose(f) != 0)
		err(1, "%s", path);
	snprintf(bench_last, sizeof bench_last, "%.76s", line);
}

/* The seconds a pane wrote to path, or -1 if it has not yet. */
static double
bench_read_result(const char *path)
{
	long long	 ns;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return (ns < 0 ? -1 : ns / 1e9);
}

/* Start the pane's cat: it waits on the FIFO. 0, or -1 if it never read. */
static int
bench_go(const char *fifo)
{
	double	until = bench_clock() + 10;
	int	fd;

	while ((fd = open(fifo, O_WRONLY|O_NONBLOCK)) == -1) {
		if (errno != ENXIO || bench_clock() > until)
			return (-1);
		usleep(1000);
	}
	if (write(fd, "go\n", 3) != 3) {
		close(fd);
		return (-1);
	}
	close(fd);
	return (0);
}

/* Wait for the client's first screen, and for it to settle. */
static int
bench_settle(struct bench_term *term)
{
	double	until = bench_clock() + 10, first = -1;

	while (bench_clock() < until && !bench_term_eof(term)) {
		if (bench_term_pump(term, 10, 0) > 0 || first > 0) {
			if (first < 0)
				first = bench_clock();
			else if (bench_clock() - first > 0.3)
				return (0);
		}
	}
	return (-1);
}

/*
 * Read the client, as fast as it comes or slowly, until its screen shows
 * the marker and the payload's last line; the time it did, or -1.
 */
static double
bench_until_marker(struct bench_term *term, const char *marker, int slow)
{
	double	until = bench_clock() + BENCH_WAIT_S;
	int	seen = 1;

	for (;;) {
		if (seen && bench_term_find(term, marker, NULL, NULL) &&
		    bench_term_find(term, bench_last, NULL, NULL))
			return (bench_clock());
		if (bench_clock() > until || bench_term_eof(term))
			return (-1);
		if (slow) {
			seen = bench_term_read(term, BENCH_SLOW_READ) > 0;
			usleep(BENCH_SLOW_MS * 1000);
		} else
			seen = bench_term_pump(term, 10, 0) > 0;
	}
}

/* Hold a slow or stalled client until the pane's cat is done. */
static int
bench_hold(struct bench_term *term, enum bench_client c, const char *result)
{
	double	until = bench_clock() + BENCH_WAIT_S;

	while (access(result, F_OK) != 0) {
		if (bench_clock() > until)
			return (-1);
		if (c == C_SLOW || c == C_SLOW_FAST) {
			bench_term_read(term, BENCH_SLOW_READ);
			usleep(BENCH_SLOW_MS * 1000);
		} else
			usleep(5000);
	}
	return (0);
}

/* One run: 0, or -1 if the client never showed the end. */
static int
bench_run(enum bench_target t, enum bench_client c, const char *tag,
    struct bench_result *res)
{
	char			 sock[PATH_MAX], conf[PATH_MAX], fifo[PATH_MAX];
	char			 result[PATH_MAX], marker[128], x[16], y[16];
	char			*cmd;
	struct bench_term	*term = NULL;
	double			 t0, stop, end = -1, until;
	FILE			*f;

	snprintf(sock, sizeof sock, "%s/%s.sock", bench_dir, tag);
	snprintf(conf, sizeof conf, "%s/%s.conf", bench_dir, tag);
	snprintf(fifo, sizeof fifo, "%s/%s.go", bench_dir, tag);
	snprintf(result, sizeof result, "%s/%s.result", bench_dir, tag);
	snprintf(marker, sizeof marker, "%s %s", BENCH_MARKER, tag);
	snprintf(x, sizeof x, "%u", BENCH_SX);
	snprintf(y, sizeof y, "%u", BENCH_SY);
	res->cat = res->screen = res->catchup = -1;
	unlink(result);
	if (mkfifo(fifo, 0600) != 0)
		err(1, "mkfifo %s", fifo);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "set %shistory-limit %s\n", t == BENCH_TMUX ? "-g " : "",
	    BENCH_HISTORY);
	fclose(f);
	if (asprintf(&cmd, "read x < '%s'; t0=$(date +%%s%%N); cat '%s'; "
	    "t1=$(date +%%s%%N); echo $((t1 - t0)) > '%s.tmp' && "
	    "mv '%s.tmp' '%s'; echo '%s'; exec sleep 1000", fifo,
	    bench_payload, result, result, result, marker) == -1)
		err(1, "asprintf");
	{
		char	*argv[] = { bench_prog[t], "-S", sock, "-f", conf,
			    "new-session", "-d", "-x", x, "-y", y, cmd, NULL };

		bench_server_add(bench_prog[t], sock);
		if (bench_quiet(argv) != 0)
			errx(1, "%s: new-session failed", argv[0]);
	}
	free(cmd);
	if (c != C_NONE) {
		char	*argv[] = { bench_prog[t], "-S", sock, "attach", NULL };

		term = bench_term_attach(argv, BENCH_SX, BENCH_SY + 1);
		if (bench_settle(term) != 0)
			errx(1, "%s: the client drew nothing", argv[0]);
	}

	t0 = bench_clock();
	if (bench_go(fifo) != 0)
		errx(1, "%s: the pane did not start", bench_prog[t]);
	switch (c) {
	case C_NONE:
		until = t0 + BENCH_WAIT_S;
		while (access(result, F_OK) != 0 && bench_clock() < until)
			usleep(5000);
		break;
	case C_FULL:
		end = bench_until_marker(term, marker, 0);
		break;
	case C_SLOW:
	case C_SLOW_FAST:
	case C_STALL:
		if (bench_hold(term, c, result) != 0)
			break;
		stop = bench_clock();
		end = bench_until_marker(term, marker, c == C_SLOW);
		if (end > 0)
			res->catchup = end - stop;
		break;
	}
	if (end > 0)
		res->screen = end - t0;
	until = bench_clock() + BENCH_WAIT_S;
	while ((res->cat = bench_read_result(result)) < 0 &&
	    bench_clock() < until)
		usleep(5000);

	bench_server_kill(sock);
	if (term != NULL)
		bench_term_free(term);
	unlink(fifo);
	unlink(result);
	unlink(conf);
	if (res->cat < 0)
		errx(1, "%s: %s: the pane's cat never ended", bench_prog[t],
		    bench_client_names[c]);
	return (c != C_NONE && end < 0 ? -1 : 0);
}

/* "median (lo-hi)" of the n values in v, or what is missing. */
static const char *
bench_cell(double *v, u_int n, u_int failed)
{
	static char	buf[4][64];
	static u_int	next;
	char		*s = buf[next++ % 4];
	double		 mid, lo, hi;
	int		 len;

	if (n == 0)
		return (failed > 0 ? "never" : "-");
	bench_stats(v, n, &mid, &lo, &hi);
	len = snprintf(s, sizeof buf[0], "%.2f (%.2f-%.2f)", mid, lo, hi);
	if (failed > 0)
		snprintf(s + len, sizeof buf[0] - len, " %u failed", failed);
	return (s);
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
	/* [target][client][run] */
	static double	 cat[2][BENCH_CLIENTS][BENCH_MAX_RUNS];
	static double	 screen[2][BENCH_CLIENTS][BENCH_MAX_RUNS];
	static double	 catchup[2][BENCH_CLIENTS][BENCH_MAX_RUNS];
	u_int		 nscreen[2][BENCH_CLIENTS] = { { 0 } };
	u_int		 failed[2][BENCH_CLIENTS] = { { 0 } };
	double		 med[2][BENCH_CLIENTS][2], lo, hi, none;
	struct bench_result res;
	struct utsname	 un;
	char		 tag[64];
	size_t		 size = 40 * 1000 * 1000;
	u_int		 runs = 5, r, nt = 2, i;
	int		 ch, markdown = 0, smoke = 0, bad = 0;
	enum bench_target t;
	enum bench_client c;

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
		case 'z':
			size = (size_t)strtoull(optarg, NULL, 10) * 1000 * 1000;
			if (size == 0)
				errx(1, "--size: megabytes, at least 1");
			break;
		case 'v':
			snprintf(bench_prog[BENCH_VIGIL], PATH_MAX, "%s",
			    optarg);
			break;
		case 't':
			snprintf(bench_prog[BENCH_TMUX], PATH_MAX, "%s",
			    optarg);
			break;
		default:
			fprintf(stderr, "usage: bench_attach [--markdown] "
			    "[--smoke] [--runs N] [--size MB] [--vigil PATH] "
			    "[--tmux PATH]\n");
			return (1);
		}
	}
	if (!bench_programs(bench_prog[BENCH_VIGIL], bench_prog[BENCH_TMUX],
	    PATH_MAX))
		nt = 1;
	if (smoke) {
		/* vigil alone: the end must show on every kind of client. */
		size = 2 * 1000 * 1000;
		runs = 1;
		nt = 1;
	}

	bench_dir = bench_private();
	snprintf(bench_payload, sizeof bench_payload, "%s/payload",
	    bench_dir);
	bench_make(bench_payload, size);

	for (r = 0; r < runs; r++) {
		for (c = C_NONE; c < BENCH_CLIENTS; c++) {
			for (t = BENCH_VIGIL; t < nt; t++) {
				snprintf(tag, sizeof tag, "%s-%s-%u",
				    bench_target_names[t],
				    bench_client_names[c], r);
				if (bench_run(t, c, tag, &res) != 0) {
					warnx("%s: %s client: the end never "
					    "showed", bench_target_names[t],
					    bench_client_names[c]);
					failed[t][c]++;
					bad = 1;
				}
				cat[t][c][r] = res.cat;
				if (res.screen > 0) {
					i = nscreen[t][c]++;
					screen[t][c][i] = res.screen;
					catchup[t][c][i] = res.catchup;
				}
			}
		}
	}
	if (smoke) {
		if (!bad)
			printf("attach: smoke: %.3g MB, the end showed on every kind of client\n", size / 1e6);
		return (bad);
	}

	for (t = BENCH_VIGIL; t < nt; t++) {
		for (c = C_NONE; c < BENCH_CLIENTS; c++) {
			bench_stats(cat[t][c], runs, &med[t][c][0], &lo, &hi);
			med[t][c][1] = -1;
			if (nscreen[t][c] > 0)
				bench_stats(screen[t][c], nscreen[t][c],
				    &med[t][c][1], &lo, &hi);
		}
	}

	uname(&un);
	printf(markdown ? "An attached client cats %.3g MB (base64 lines) in a "
	    "200x50 pane; median (min-max) of %u runs, seconds (%s %s%s)\n\n" :
	    "attach: cat of %.3g MB in a 200x50 pane, median (min-max) of %u "
	    "runs, seconds (%s %s%s)\n\n", size / 1e6, runs, un.sysname,
	    un.release, nt == 2 ? "" : "; tmux not found");

	/* The producer: the pane's own cat. */
	if (markdown)
		printf("The pane's own `cat`:\n\n| client | vigil | tmux | "
		    "vigil vs none | tmux vs none |\n"
		    "|---|---:|---:|---:|---:|\n");
	else
		printf("the pane's own cat (a producer held up by its client "
		    "takes longer than with none)\n%-9s %-24s %-24s %8s %8s\n",
		    "client", "vigil", "tmux", "vigil/no", "tmux/no");
	for (c = C_NONE; c < BENCH_CLIENTS; c++) {
		printf(markdown ? "| %s | %s | " : "%-9s %-24s ",
		    bench_client_names[c], bench_cell(cat[0][c], runs, 0));
		printf(markdown ? "%s |" : "%-24s", nt == 2 ?
		    bench_cell(cat[1][c], runs, 0) : "-");
		for (t = BENCH_VIGIL; t < 2; t++) {
			none = med[t][C_NONE][0];
			if (t < nt)
				printf(markdown ? " %.2fx |" : " %7.2fx",
				    med[t][c][0] / none);
			else
				printf(markdown ? " - |" : " %7s", "-");
		}
		printf("\n");
	}

	/* The client: until its screen shows the end. */
	if (markdown)
		printf("\nUntil the client shows the last line (screen) and, "
		    "from the end of cat, how long a slow or stalled client "
		    "takes to show it (catch-up):\n\n| client | vigil screen | tmux screen "
		    "| vigil/tmux | vigil catch-up | tmux catch-up |\n"
		    "|---|---:|---:|---:|---:|---:|\n");
	else
		printf("\nuntil the client shows the last line (screen); from "
		    "the end of cat, until a slow or stalled client shows it "
		    "(catch-up)\n%-9s %-24s %-24s %10s %-24s %-24s\n",
		    "client", "vigil screen", "tmux screen", "vigil/tmux",
		    "vigil catch-up", "tmux catch-up");
	for (c = C_FULL; c < BENCH_CLIENTS; c++) {
		printf(markdown ? "| %s | %s | " : "%-9s %-24s ",
		    bench_client_names[c], bench_cell(screen[0][c],
		    nscreen[0][c], failed[0][c]));
		printf(markdown ? "%s | " : "%-24s ", nt == 2 ?
		    bench_cell(screen[1][c], nscreen[1][c], failed[1][c]) :
		    "-");
		if (nt == 2 && med[0][c][1] > 0 && med[1][c][1] > 0)
			printf(markdown ? "%.2fx | " : "%9.2fx ",
			    med[0][c][1] / med[1][c][1]);
		else
			printf(markdown ? "- | " : "%10s ", "-");
		if (c == C_FULL) {
			printf(markdown ? "- | - |\n" : "%-24s %-24s\n", "-",
			    "-");
			continue;
		}
		printf(markdown ? "%s | " : "%-24s ",
		    bench_cell(catchup[0][c], nscreen[0][c], failed[0][c]));
		printf(markdown ? "%s |\n" : "%-24s\n", nt == 2 ?
		    bench_cell(catchup[1][c], nscreen[1][c], failed[1][c]) :
		    "-");
	}
	if (!markdown) {
		printf("\nclients:\n");
		for (c = C_NONE; c < BENCH_CLIENTS; c++)
			printf("  %-9s %s\n", bench_client_names[c],
			    bench_client_about[c]);
	}
	return (0);
}
