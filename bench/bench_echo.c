/*
 * Keystroke echo latency through an attached client, against tmux, with the
 * neighbour pane idle and with it flooding output.
 *
 * A run starts a session of 200x50 whose first pane is the neighbour (idle:
 * `sleep`; flooding: `while :; do cat FILE; done` on --flood MB of seeded
 * base64 lines) and splits it top and bottom; the new pane, the active one,
 * runs this program with --pane: in raw mode, for every byte it reads it
 * writes "ESC[H" and a token K0000001, K0000002, ... at its top left. A
 * client (PROG -S SOCK attach) runs in a PTY of 200x51 whose output this
 * program reads into a screen of its own (libvterm's state layer and cheap
 * rows: bench_term.c), as a terminal would.
 *
 * After the client has drawn and a second of settling, --keys keys are
 * typed one at a time, 20-40 ms apart (seeded), reading the client all the
 * while. A key's latency is from writing it to the PTY master until the
 * screen shows its own token where the first one showed: the token is new
 * for every key, so a full redraw that sends old text again cannot pass
 * for an echo. The screen is looked at after every read of at most 16 KB.
 * What the client was sent while the keys were typed is shown in KB/s.
 * A key not echoed within 2 s is lost. Per run: p50, p99 and max; the
 * table has the median of --runs runs of each, with the spread. Both
 * multiplexers run with the same history-limit and no other configuration;
 * runs alternate between them.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/utsname.h>

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bench.h"
#include "bench_term.h"

#define BENCH_MAX_RUNS	21
#define BENCH_MAX_KEYS	10000
#define BENCH_HISTORY	"2000"
#define BENCH_SX	200
#define BENCH_SY	50	/* the window; the client has a status line more */
#define BENCH_LOST_MS	2000	/* a key not echoed by then is lost */
#define BENCH_READ	16384	/* look at the screen after this much */
#define BENCH_TOKEN	"K%07u"

enum bench_target { BENCH_VIGIL, BENCH_TMUX };
static const char *bench_target_names[] = { "vigil", "tmux" };

enum bench_neighbour { N_IDLE, N_FLOOD };
static const char *bench_neighbour_names[] = { "idle", "flooding" };

/* One run: p50, p99, max (ms), keys lost, what the client was sent. */
struct bench_result {
	double	p50;
	double	p99;
	double	max;
	u_int	lost;
	double	kbs;
};

static const char *bench_dir;
static char	 bench_prog[2][PATH_MAX];
static char	 bench_self[PATH_MAX];
static char	 bench_flood[PATH_MAX];
static u_int	 bench_keys = 200;
static uint64_t	 bench_seed = 42;

/* xorshift64*: the payload and the pacing are the same on every run. */
static uint64_t
bench_rand(void)
{
	bench_seed ^= bench_seed >> 12;
	bench_seed ^= bench_seed << 25;
	bench_seed ^= bench_seed >> 27;
	return (bench_seed * 2685821657736338717ULL);
}

/* The echo pane: a new token at the top left for every byte read. */
static int
bench_pane(void)
{
	struct termios	tio;
	char		buf[32], c;
	u_int		n = 0;
	int		len;

	if (tcgetattr(0, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(0, TCSANOW, &tio);
	}
	len = snprintf(buf, sizeof buf, "\033[H\033[2J" BENCH_TOKEN, n);
	if (write(1, buf, len) != len)
		return (1);
	while (read(0, &c, 1) == 1) {
		len = snprintf(buf, sizeof buf, "\033[H" BENCH_TOKEN, ++n);
		if (write(1, buf, len) != len)
			return (1);
	}
	return (0);
}

/* Write size bytes of base64 lines to path. */
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
}

/* Keep reading the client for ms. */
static void
bench_read_for(struct bench_term *term, double ms)
{
	double	until = bench_clock() + ms / 1000, left;

	while ((left = until - bench_clock()) > 0)
		bench_term_pump(term, (int)(left * 1000) + 1, 0);
}

/* Type the keys; their latencies (ms, -1 if lost) into lat. */
static void
bench_type(struct bench_term *term, int row, int col, double *lat)
{
	char	token[32];
	double	t0, until;
	u_int	i;

	for (i = 0; i < bench_keys; i++) {
		bench_read_for(term, 20 + bench_rand() % 21);
		snprintf(token, sizeof token, BENCH_TOKEN, i + 1);
		t0 = bench_clock();
		until = t0 + BENCH_LOST_MS / 1000.0;
		lat[i] = -1;
		if (bench_term_send(term, "a", 1) != 0)
			continue;
		while (bench_clock() < until && !bench_term_eof(term)) {
			if (bench_term_at(term, row, col, token)) {
				lat[i] = (bench_clock() - t0) * 1000;
				break;
			}
			bench_term_pump(term, 1, BENCH_READ);
		}
	}
}

/* The p-th percentile (0 to 1) of n sorted values: the nearest rank. */
static double
bench_percentile(const double *v, u_int n, double p)
{
	u_int	i = (u_int)(p * n + 0.999999);

	if (i < 1)
		i = 1;
	return (v[(i > n ? n : i) - 1]);
}

/* One run: -1 if the client never showed the echo pane. */
static int
bench_run(enum bench_target t, enum bench_neighbour nb, const char *tag,
    struct bench_result *res)
{
	static double		 lat[BENCH_MAX_KEYS];
	char			 sock[PATH_MAX], conf[PATH_MAX], x[16], y[16];
	char			*cmd, first[32];
	struct bench_term	*term;
	double			 mid, lo, hi, t0;
	size_t			 total;
	FILE			*f;
	u_int			 i, n;
	int			 row, col;

	snprintf(sock, sizeof sock, "%s/%s.sock", bench_dir, tag);
	snprintf(conf, sizeof conf, "%s/%s.conf", bench_dir, tag);
	snprintf(x, sizeof x, "%u", BENCH_SX);
	snprintf(y, sizeof y, "%u", BENCH_SY);
	if ((f = fopen(conf, "w")) == NULL)
		err(1, "%s", conf);
	fprintf(f, "set %shistory-limit %s\n", t == BENCH_TMUX ? "-g " : "",
	    BENCH_HISTORY);
	fclose(f);
	if (nb == N_FLOOD) {
		if (asprintf(&cmd, "while :; do cat '%s'; done",
		    bench_flood) == -1)
			err(1, "asprintf");
	} else if ((cmd = strdup("exec sleep 1000")) == NULL)
		err(1, "strdup");
	{
		char	*argv[] = { bench_prog[t], "-S", sock, "-f", conf,
			    "new-session", "-d", "-x", x, "-y", y, cmd, NULL };

		bench_server_add(bench_prog[t], sock);
		if (bench_quiet(argv) != 0)
			errx(1, "%s: new-session failed", argv[0]);
	}
	free(cmd);
	if (asprintf(&cmd, "exec '%s' --pane", bench_self) == -1)
		err(1, "asprintf");
	{
		char	*argv[] = { bench_prog[t], "-S", sock, "split-window",
			    "-v", cmd, NULL };

		if (bench_quiet(argv) != 0)
			errx(1, "%s: split-window failed", argv[0]);
	}
	free(cmd);
	{
		char	*argv[] = { bench_prog[t], "-S", sock, "attach", NULL };

		term = bench_term_attach(argv, BENCH_SX, BENCH_SY + 1);
	}
	snprintf(first, sizeof first, BENCH_TOKEN, 0);
	if (bench_term_wait(term, first, 10000, &row, &col) != 0) {
		bench_server_kill(sock);
		bench_term_free(term);
		return (-1);
	}
	bench_read_for(term, 1000);
	t0 = bench_clock();
	total = bench_term_total(term);
	bench_type(term, row, col, lat);
	res->kbs = (bench_term_total(term) - total) / 1e3 /
	    (bench_clock() - t0);
	bench_server_kill(sock);
	bench_term_free(term);
	unlink(conf);

	res->lost = 0;
	for (i = n = 0; i < bench_keys; i++) {
		if (lat[i] < 0)
			res->lost++;
		else
			lat[n++] = lat[i];
	}
	res->p50 = res->p99 = res->max = -1;
	if (n > 0) {
		bench_stats(lat, n, &mid, &lo, &hi);
		res->p50 = bench_percentile(lat, n, 0.50);
		res->p99 = bench_percentile(lat, n, 0.99);
		res->max = hi;
	}
	return (0);
}

/* "median (lo-hi)" of the n values in v. */
static const char *
bench_cell(double *v, u_int n)
{
	static char	buf[4][64];
	static u_int	next;
	char		*s = buf[next++ % 4];
	double		 mid, lo, hi;

	if (n == 0)
		return ("-");
	bench_stats(v, n, &mid, &lo, &hi);
	snprintf(s, sizeof buf[0], "%.2f (%.2f-%.2f)", mid, lo, hi);
	return (s);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "markdown", no_argument, NULL, 'm' },
		{ "smoke", no_argument, NULL, 's' },
		{ "runs", required_argument, NULL, 'r' },
		{ "keys", required_argument, NULL, 'k' },
		{ "flood", required_argument, NULL, 'f' },
		{ "vigil", required_argument, NULL, 'v' },
		{ "tmux", required_argument, NULL, 't' },
		{ "pane", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	/* [target][neighbour][p50, p99, max, KB/s][run] */
	static double	 v[2][2][4][BENCH_MAX_RUNS];
	double		 med[2][2][4], lo, hi;
	u_int		 lost[2][2] = { { 0 } }, nruns[2][2] = { { 0 } };
	struct bench_result res;
	struct utsname	 un;
	char		 tag[64];
	size_t		 flood = 10 * 1000 * 1000;
	u_int		 runs = 5, r, nt = 2, i, k;
	int		 ch, markdown = 0, smoke = 0, bad = 0;
	enum bench_target t;
	enum bench_neighbour nb;

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
		case 'k':
			bench_keys = (u_int)strtoul(optarg, NULL, 10);
			if (bench_keys < 1 || bench_keys > BENCH_MAX_KEYS)
				errx(1, "--keys: 1 to %d", BENCH_MAX_KEYS);
			break;
		case 'f':
			flood = (size_t)strtoull(optarg, NULL, 10) * 1000 * 1000;
			if (flood == 0)
				errx(1, "--flood: megabytes, at least 1");
			break;
		case 'v':
			snprintf(bench_prog[BENCH_VIGIL], PATH_MAX, "%s",
			    optarg);
			break;
		case 't':
			snprintf(bench_prog[BENCH_TMUX], PATH_MAX, "%s",
			    optarg);
			break;
		case 'p':
			return (bench_pane());
		default:
			fprintf(stderr, "usage: bench_echo [--markdown] "
			    "[--smoke] [--runs N] [--keys N] [--flood MB] "
			    "[--vigil PATH] [--tmux PATH]\n");
			return (1);
		}
	}
	if (!bench_programs(bench_prog[BENCH_VIGIL], bench_prog[BENCH_TMUX],
	    PATH_MAX))
		nt = 1;
	if (realpath("/proc/self/exe", bench_self) == NULL)
		err(1, "/proc/self/exe");
	if (smoke) {
		/* vigil alone: every key must come back, flood or not. */
		runs = 1;
		bench_keys = 20;
		flood = 1000 * 1000;
		nt = 1;
	}

	bench_dir = bench_private();
	snprintf(bench_flood, sizeof bench_flood, "%s/flood", bench_dir);
	bench_make(bench_flood, flood);

	for (r = 0; r < runs; r++) {
		for (nb = N_IDLE; nb <= N_FLOOD; nb++) {
			for (t = BENCH_VIGIL; t < nt; t++) {
				snprintf(tag, sizeof tag, "%s-%s-%u",
				    bench_target_names[t],
				    bench_neighbour_names[nb], r);
				if (bench_run(t, nb, tag, &res) != 0 ||
				    res.p50 < 0) {
					warnx("%s: %s: no key came back",
					    bench_target_names[t],
					    bench_neighbour_names[nb]);
					bad = 1;
					continue;
				}
				lost[t][nb] += res.lost;
				if (res.lost > 0)
					bad = 1;
				i = nruns[t][nb]++;
				v[t][nb][0][i] = res.p50;
				v[t][nb][1][i] = res.p99;
				v[t][nb][2][i] = res.max;
				v[t][nb][3][i] = res.kbs;
			}
		}
	}
	if (smoke) {
		if (!bad)
			printf("echo: smoke: %u keys, each came back, neighbour idle and flooding\n", bench_keys);
		return (bad);
	}

	uname(&un);
	if (markdown)
		printf("Echo of %u keys 20-40 ms apart in half of a 200x50 window, its "
		    "neighbour idle or flooding; median (min-max) of %u runs, "
		    "ms (%s %s%s)\n\n| neighbour | | p50 | p99 | max | lost "
		    "| client KB/s |\n|---|---|---:|---:|---:|---:|---:|\n", bench_keys, runs,
		    un.sysname, un.release, nt == 2 ? "" : "; tmux not found");
	else
		printf("echo: %u keys 20-40 ms apart, neighbour idle or "
		    "flooding; median (min-max) of %u runs, ms%s\n%-9s %-6s "
		    "%-22s %-22s %-22s %5s  %s\n", bench_keys, runs, nt == 2 ?
		    "" : " (tmux not found)", "neighbour", "", "p50", "p99",
		    "max", "lost", "client KB/s");
	for (nb = N_IDLE; nb <= N_FLOOD; nb++) {
		for (t = BENCH_VIGIL; t < nt; t++) {
			for (k = 0; k < 4; k++) {
				med[t][nb][k] = -1;
				if (nruns[t][nb] > 0)
					bench_stats(v[t][nb][k], nruns[t][nb],
					    &med[t][nb][k], &lo, &hi);
			}
			printf(markdown ? "| %s | %s | " : "%-9s %-6s ",
			    bench_neighbour_names[nb], bench_target_names[t]);
			for (k = 0; k < 3; k++)
				printf(markdown ? "%s | " : "%-22s ",
				    bench_cell(v[t][nb][k], nruns[t][nb]));
			printf(markdown ? "%u | " : "%5u  ", lost[t][nb]);
			printf(markdown ? "%s |\n" : "%s\n",
			    bench_cell(v[t][nb][3], nruns[t][nb]));
		}
	}
	if (nt == 2) {
		printf("\nvigil/tmux: p50 %.2f idle, %.2f flooding; p99 %.2f "
		    "idle, %.2f flooding\n",
		    med[0][N_IDLE][0] / med[1][N_IDLE][0],
		    med[0][N_FLOOD][0] / med[1][N_FLOOD][0],
		    med[0][N_IDLE][1] / med[1][N_IDLE][1],
		    med[0][N_FLOOD][1] / med[1][N_FLOOD][1]);
	}
	return (0);
}
