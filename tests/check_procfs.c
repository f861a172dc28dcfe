/*
 * Tests for the /proc readers (procfs.c): the parsers from tables, every
 * reader against a hand-made /proc tree, then against this very process
 * and a child of it.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/procfs.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

/* The fields of a stat line after the state, from ppid to starttime. */
#define STAT_TAIL "1 2 3 0 -1 4194560 10 0 0 0 7 3 0 0 20 0 1 0 5555"

/* What a stat line must give. */
struct stat_good {
	const char	*line;
	pid_t		 pid;
	const char	*comm;
	char		 state;
	pid_t		 ppid;
	pid_t		 pgrp;
	pid_t		 sid;
	u_int		 flags;
	unsigned long long utime;
	unsigned long long stime;
	long		 threads;
	unsigned long long starttime;
};

static const struct stat_good stat_good[] = {
	/* A whole line as this kernel writes it. */
	{ "1234 (bash) S 1 1234 1234 34816 1234 4194560 2210 9000 1 4 17 9 "
	  "30 12 20 0 1 0 31554 9449472 1303 18446744073709551615 "
	  "94420000000000 94420000900000 140720000000000 0 0 0 65536 "
	  "3686404 1266761467 0 0 0 17 1 0 0 0 0 0 94420001000000 "
	  "94420001050000 94420010000000 140720000001000 140720000001005 "
	  "140720000001005 140720000002030 0\n",
	  1234, "bash", 'S', 1, 1234, 1234, 4194560, 17, 9, 1, 31554 },
	/* A name that looks like the end of itself and more. */
	{ "42 (a) R 1 () S 7 42 42 0 -1 4194304 0 0 0 0 1 2 0 0 20 0 3 0 99",
	  42, "a) R 1 (", 'S', 7, 42, 42, 4194304, 1, 2, 3, 99 },
	{ "7 (Web Content) S " STAT_TAIL,
	  7, "Web Content", 'S', 1, 2, 3, 4194560, 7, 3, 1, 5555 },
	{ "8 () R " STAT_TAIL "\n",
	  8, "", 'R', 1, 2, 3, 4194560, 7, 3, 1, 5555 },
	{ "9 (abcdefghijklmno) D " STAT_TAIL,
	  9, "abcdefghijklmno", 'D', 1, 2, 3, 4194560, 7, 3, 1, 5555 },
	{ "10 ((sd-pam)) S " STAT_TAIL,
	  10, "(sd-pam)", 'S', 1, 2, 3, 4194560, 7, 3, 1, 5555 },
	{ "11 (a\nb) S " STAT_TAIL,
	  11, "a\nb", 'S', 1, 2, 3, 4194560, 7, 3, 1, 5555 },
	/* Longer than the kernel allows: cut to fit. */
	{ "12 (0123456789abcdefghijklmnopqrstuvwxyz) S " STAT_TAIL,
	  12, "0123456789abcdefghijklmnopqrstu", 'S', 1, 2, 3, 4194560, 7, 3,
	  1, 5555 },
	/* A zombie, a kernel thread, an idle kernel worker. */
	{ "555 (sh) Z 554 554 10 0 -1 4227084 150 0 0 0 3 1 0 0 20 0 1 0 "
	  "777 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 "
	  "0 0 0 0 0 0 0 0 0 0\n",
	  555, "sh", 'Z', 554, 554, 10, 4227084, 3, 1, 1, 777 },
	{ "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24 0 "
	  "0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 0 0 0 "
	  "0 0 0 0 0 0 0 0 0 0 0\n",
	  2, "kthreadd", 'S', 0, 0, 0, 2129984, 0, 0, 1, 24 },
	{ "33 (kworker/0:1H-kblockd) I 2 0 0 0 -1 69238880 0 0 0 0 0 5 0 0 "
	  "0 -20 1 0 80 0 0 18446744073709551615\n",
	  33, "kworker/0:1H-kblockd", 'I', 2, 0, 0, 69238880, 0, 5, 1, 80 },
	/* Real-time priority and nice are negative; counters saturate. */
	{ "13 (rt) S 1 2 3 0 -1 0 0 0 0 0 99999999999999999999999 "
	  "18446744073709551615 -5 -6 -100 -20 99999999999999999999 0 "
	  "18446744073709551616",
	  13, "rt", 'S', 1, 2, 3, 0, ULLONG_MAX, ULLONG_MAX, LONG_MAX,
	  ULLONG_MAX },
	{ "2147483647 (max) S 2147483647 2147483647 2147483647 0 -1 "
	  "4294967295 0 0 0 0 0 0 0 0 20 0 1 0 1",
	  INT_MAX, "max", 'S', INT_MAX, INT_MAX, INT_MAX, 4294967295u, 0, 0,
	  1, 1 },
};

START_TEST(test_procfs_stat_good)
{
	const struct stat_good	*t = &stat_good[_i];
	struct procfs_stat	 st;
	int			 r;

	memset(&st, 0xa5, sizeof st);
	r = procfs_parse_stat(t->line, &st);
	ck_assert_msg(r == 0, "parse '%s': got %d (%s)", t->line, r,
	    strerror(errno));
	ck_assert_msg(st.pid == t->pid && strcmp(st.comm, t->comm) == 0 &&
	    st.state == t->state, "parse '%s': got pid %ld comm '%s' state "
	    "'%c'", t->line, (long)st.pid, st.comm, st.state);
	ck_assert_msg(st.ppid == t->ppid && st.pgrp == t->pgrp &&
	    st.sid == t->sid && st.flags == t->flags, "parse '%s': got ppid "
	    "%ld pgrp %ld sid %ld flags %u", t->line, (long)st.ppid,
	    (long)st.pgrp, (long)st.sid, st.flags);
	ck_assert_msg(st.utime == t->utime && st.stime == t->stime &&
	    st.threads == t->threads && st.starttime == t->starttime,
	    "parse '%s': got utime %llu stime %llu threads %ld start %llu",
	    t->line, st.utime, st.stime, st.threads, st.starttime);
}
END_TEST

static const char *stat_bad[] = {
	"",
	"\n",
	"garbage",
	"1",
	"1 ",
	"1 (x",
	"1 (x)",
	"1 (x) ",
	"1 (x) R",
	"1 (x) R 1 2 3 0 -1 4194304 0 0 0 0 7",
	/* Everything but starttime. */
	"1 (x) R 1 2 3 0 -1 4194304 0 0 0 0 7 3 0 0 20 0 1 0",
	"1 (x) R 1 2 3 0 -1 4194304 0 0 0 0 7 3 0 0 20 0 1 0 \n",
	"x (a) R " STAT_TAIL,
	"-1 (a) R " STAT_TAIL,
	" 1 (a) R " STAT_TAIL,
	"1(a) R " STAT_TAIL,
	"1 a) R " STAT_TAIL,
	"1 )a( R " STAT_TAIL,
	"1 (a)R " STAT_TAIL,
	"1 (a) 1 " STAT_TAIL,
	"1 (a) RR " STAT_TAIL,
	"1 (a) R" STAT_TAIL,
	"1 (a) R  " STAT_TAIL "x",
	"1 (a) \x01 " STAT_TAIL,
	/* Ids that no pid_t holds, flags that no u_int holds. */
	"2147483648 (a) R " STAT_TAIL,
	"99999999999999999999999 (a) R " STAT_TAIL,
	"1 (a) R 4294967296 2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"1 (a) R 1 -2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"1 (a) R 1 2 3 0 -1 4294967296 0 0 0 0 7 3 0 0 20 0 1 0 5",
	/* Counters that are never negative. */
	"1 (a) R 1 2 3 0 -1 0 0 0 0 0 -7 3 0 0 20 0 1 0 5",
	"1 (a) R 1 2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 -1 0 5",
	"1 (a) R 1 2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 -5",
	/* Junk in a field, and signs with no number. */
	"1 (a) R 1 2 3 0 -1 abc 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"1 (a) R 1x 2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"1 (a) R 1 2 3 0 - 0 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"1 (a) R 1 2 3 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5.5",
	"1 (a) R 1 2 3 0\t-1 0 0 0 0 0 7 3 0 0 20 0 1 0 5",
	"\xff\xfe(\x01)\x80 \x81",
	"((((((((((",
	"))))))))))",
};

START_TEST(test_procfs_stat_bad)
{
	const char		*line = stat_bad[_i];
	struct procfs_stat	 st, before;
	int			 r;

	memset(&st, 0x5a, sizeof st);
	before = st;
	errno = 0;
	r = procfs_parse_stat(line, &st);
	ck_assert_msg(r == -1 && errno == EINVAL, "parse '%s': got %d, "
	    "errno %d, want -1 and EINVAL", line, r, errno);
	ck_assert_msg(memcmp(&st, &before, sizeof st) == 0, "parse '%s': "
	    "failed but changed its output", line);
}
END_TEST

/* A NUL ends the text, whatever follows; a huge name is cut. */
START_TEST(test_procfs_stat_hostile)
{
	static const char	 nul[] = "1 (a) R 1 2\0 3 0 -1 0 0 0 0 0 7 3 "
				    "0 0 20 0 1 0 5";
	struct procfs_stat	 st;
	char			*big;
	size_t			 len = 1 << 20;
	int			 r;

	ck_assert_int_eq(procfs_parse_stat(nul, &st), -1);

	/* A megabyte of name, full of ") R 1 (" to mislead. */
	big = malloc(len + 128);
	ck_assert_ptr_nonnull(big);
	memcpy(big, "77 (", 4);
	memset(big + 4, 'n', len);
	memcpy(big + 4 + len / 2, ") R 1 2 3 (", 11);
	snprintf(big + 4 + len, 124, ") T " STAT_TAIL);
	r = procfs_parse_stat(big, &st);
	ck_assert_msg(r == 0 && st.pid == 77 && st.state == 'T' &&
	    st.ppid == 1 && st.starttime == 5555, "big name: got %d, pid %ld "
	    "state '%c'", r, (long)st.pid, st.state);
	ck_assert_uint_eq(strlen(st.comm), sizeof st.comm - 1);
	ck_assert_msg(strspn(st.comm, "n") == sizeof st.comm - 1, "comm '%s'",
	    st.comm);

	/* The same without its last field. */
	snprintf(big + 4 + len, 124, ") T 1 2 3");
	ck_assert_int_eq(procfs_parse_stat(big, &st), -1);
	free(big);
}
END_TEST

/* A status as this kernel writes it, trimmed. */
static const char status_full[] =
    "Name:\tcheck_vigil\n"
    "Umask:\t0022\n"
    "State:\tS (sleeping)\n"
    "Tgid:\t11363\n"
    "Pid:\t11363\n"
    "PPid:\t11355\n"
    "Uid:\t1000\t1001\t1002\t1003\n"
    "Gid:\t100\t100\t100\t100\n"
    "FDSize:\t256\n"
    "Kthread:\t0\n"
    "VmPeak:\t    3060 kB\n"
    "VmHWM:\t    1700 kB\n"
    "VmRSS:\t    1612 kB\n"
    "RssAnon:\t     112 kB\n"
    "RssFile:\t    1500 kB\n"
    "RssShmem:\t       4 kB\n"
    "VmData:\t     360 kB\n"
    "VmSwap:\t      16 kB\n"
    "HugetlbPages:\t       0 kB\n"
    "Threads:\t3\n"
    "SigQ:\t4/96365\n"
    "Cpus_allowed_list:\t0-1\n"
    "voluntary_ctxt_switches:\t9\n";

/* A kernel thread's: no memory at all. */
static const char status_kthread[] =
    "Name:\tkthreadd\n"
    "Umask:\t0022\n"
    "State:\tS (sleeping)\n"
    "Tgid:\t2\n"
    "Pid:\t2\n"
    "PPid:\t0\n"
    "Uid:\t0\t0\t0\t0\n"
    "Kthread:\t1\n"
    "Threads:\t1\n"
    "SigQ:\t6/96365\n";

struct status_good {
	const char	*text;
	uint64_t	 rss;
	uint64_t	 rss_anon;
	uint64_t	 rss_file;
	uint64_t	 rss_shmem;
	uint64_t	 swap;
	long		 threads;
	uid_t		 uid;
};

static const struct status_good status_good[] = {
	{ status_full, 1612 * 1024, 112 * 1024, 1500 * 1024, 4 * 1024,
	  16 * 1024, 3, 1000 },
	{ status_kthread, 0, 0, 0, 0, 0, 1, 0 },
	/* A zombie has lost its memory too. */
	{ "Name:\tsh\nState:\tZ (zombie)\nPid:\t555\nUid:\t7\t7\t7\t7\n"
	  "Threads:\t1\n", 0, 0, 0, 0, 0, 1, 7 },
	{ "Pid:\t9\n", 0, 0, 0, 0, 0, 0, 0 },
	{ "Name:\tx\nVmRSS:\t4 kB", 4096, 0, 0, 0, 0, 0, 0 },
	{ "Name:\tx\r\nVmRSS:4kB\nThreads: 2 \n", 4096, 0, 0, 0, 0, 2, 0 },
	/* Keys match whole: VmRSSx and Rss are someone else's. */
	{ "Name:\tx\nVmRSSx:\t9 kB\nRss:\t9 kB\nvmrss:\t9 kB\n VmRSS:\t9 kB\n"
	  "VmRSS:\t1 kB\n", 1024, 0, 0, 0, 0, 0, 0 },
	/* The name is text, and may hold a colon. */
	{ "Name:\ta: b\nVmRSS:\t2 kB\n", 2048, 0, 0, 0, 0, 0, 0 },
	/* Overflow saturates, in the number or in kB to bytes. */
	{ "Name:\tx\nVmRSS:\t99999999999999999999999 kB\n"
	  "VmSwap:\t18014398509481984 kB\nRssAnon:\t18014398509481983 kB\n"
	  "Threads:\t99999999999999999999\nUid:\t4294967295\n",
	  UINT64_MAX, UINT64_C(18014398509481983) * 1024, 0, 0, UINT64_MAX,
	  LONG_MAX, 4294967295u },
};

START_TEST(test_procfs_status_good)
{
	const struct status_good	*t = &status_good[_i];
	struct procfs_status		 st;
	int				 r;

	memset(&st, 0xa5, sizeof st);
	r = procfs_parse_status(t->text, &st);
	ck_assert_msg(r == 0, "status %d: got %d (%s)", _i, r,
	    strerror(errno));
	ck_assert_msg(st.rss == t->rss && st.rss_anon == t->rss_anon &&
	    st.rss_file == t->rss_file && st.rss_shmem == t->rss_shmem &&
	    st.swap == t->swap, "status %d: got rss %ju anon %ju file %ju "
	    "shmem %ju swap %ju", _i, (uintmax_t)st.rss,
	    (uintmax_t)st.rss_anon, (uintmax_t)st.rss_file,
	    (uintmax_t)st.rss_shmem, (uintmax_t)st.swap);
	ck_assert_msg(st.threads == t->threads && st.uid == t->uid,
	    "status %d: got threads %ld uid %lu, want %ld and %lu", _i,
	    st.threads, (u_long)st.uid, t->threads, (u_long)t->uid);
}
END_TEST

static const char *status_bad[] = {
	"",
	"\n",
	"garbage",
	"\xff\xfe\x01:\x80",
	/* Neither a Name nor a Pid line. */
	"VmRSS:\t4 kB\nThreads:\t1\n",
	"Names:\tx\nPids:\t1\nname:\tx\n",
	"Name\tx\n",
	/* Values of keys we want that are not numbers, or not kB. */
	"Name:\tx\nVmRSS:\tabc kB\n",
	"Name:\tx\nVmRSS:\t\n",
	"Name:\tx\nVmRSS:\t12\n",
	"Name:\tx\nVmRSS:\t12 MB\n",
	"Name:\tx\nVmRSS:\t12 kBx\n",
	"Name:\tx\nVmRSS:\t-12 kB\n",
	"Name:\tx\nThreads:\t1x\n",
	"Name:\tx\nThreads:\t-1\n",
	"Pid:\tabc\n",
	"Name:\tx\nUid:\t4294967296\t0\t0\t0\n",
	"Name:\tx\nUid:\n",
};

START_TEST(test_procfs_status_bad)
{
	const char		*text = status_bad[_i];
	struct procfs_status	 st, before;
	int			 r;

	memset(&st, 0x5a, sizeof st);
	before = st;
	errno = 0;
	r = procfs_parse_status(text, &st);
	ck_assert_msg(r == -1 && errno == EINVAL, "status '%s': got %d, "
	    "errno %d, want -1 and EINVAL", text, r, errno);
	ck_assert_msg(memcmp(&st, &before, sizeof st) == 0, "status '%s': "
	    "failed but changed its output", text);
}
END_TEST

/* One line of hundreds of kilobytes between two we want. */
START_TEST(test_procfs_status_long_line)
{
	struct procfs_status	 st;
	size_t			 len = 300000;
	char			*s;

	s = malloc(len + 64);
	ck_assert_ptr_nonnull(s);
	strcpy(s, "Name:\t");
	memset(s + 6, 'x', len);
	memcpy(s + 6 + len / 2, "\tVmRSS:\t7 kB", 12);
	strcpy(s + 6 + len, "\nVmRSS:\t3 kB\nThreads:\t4");
	ck_assert_int_eq(procfs_parse_status(s, &st), 0);
	ck_assert_msg(st.rss == 3072 && st.threads == 4, "got rss %ju "
	    "threads %ld", (uintmax_t)st.rss, st.threads);
	free(s);
}
END_TEST

/* A rollup as this kernel writes it. */
static const char rollup_full[] =
    "557d08c15000-7ffca72bb000 ---p 00000000 00:00 0"
    "                          [rollup]\n"
    "Rss:                1616 kB\n"
    "Pss:                 241 kB\n"
    "Pss_Dirty:           116 kB\n"
    "Pss_Anon:            117 kB\n"
    "Pss_File:            125 kB\n"
    "Pss_Shmem:             3 kB\n"
    "Shared_Clean:       1500 kB\n"
    "Shared_Dirty:          2 kB\n"
    "Private_Clean:         5 kB\n"
    "Private_Dirty:       109 kB\n"
    "Referenced:         1616 kB\n"
    "Anonymous:           116 kB\n"
    "KSM:                   0 kB\n"
    "LazyFree:              0 kB\n"
    "AnonHugePages:         0 kB\n"
    "Shared_Hugetlb:        0 kB\n"
    "Private_Hugetlb:       0 kB\n"
    "Swap:                 12 kB\n"
    "SwapPss:               6 kB\n"
    "Locked:                0 kB\n";

START_TEST(test_procfs_rollup_good)
{
	struct procfs_rollup	r;

	ck_assert_int_eq(procfs_parse_rollup(rollup_full, &r), 0);
	ck_assert_msg(r.rss == 1616 * 1024 && r.pss == 241 * 1024 &&
	    r.shared_clean == 1500 * 1024 && r.shared_dirty == 2 * 1024 &&
	    r.private_clean == 5 * 1024 && r.private_dirty == 109 * 1024 &&
	    r.swap == 12 * 1024 && r.swap_pss == 6 * 1024, "got rss %ju pss "
	    "%ju sc %ju sd %ju pc %ju pd %ju swap %ju swappss %ju",
	    (uintmax_t)r.rss, (uintmax_t)r.pss, (uintmax_t)r.shared_clean,
	    (uintmax_t)r.shared_dirty, (uintmax_t)r.private_clean,
	    (uintmax_t)r.private_dirty, (uintmax_t)r.swap,
	    (uintmax_t)r.swap_pss);

	/* Pss_* before and after Pss, and SwapPss before Swap. */
	ck_assert_int_eq(procfs_parse_rollup("0-1 ---p 0 00:00 0 [rollup]\n"
	    "Pss_Anon: 11 kB\nPss_Dirty: 12 kB\nSwapPss: 1 kB\nPss: 13 kB\n"
	    "Pss_File: 14 kB\nPss_Shmem: 15 kB\nSwap: 2 kB\nRss: 16 kB\n"
	    "Pss_Foo: 17 kB\nPssx: 18 kB", &r), 0);
	ck_assert_msg(r.pss == 13 * 1024 && r.rss == 16 * 1024 &&
	    r.swap == 2048 && r.swap_pss == 1024 && r.private_dirty == 0,
	    "got pss %ju rss %ju swap %ju swappss %ju", (uintmax_t)r.pss,
	    (uintmax_t)r.rss, (uintmax_t)r.swap, (uintmax_t)r.swap_pss);

	/* Without the header, and without a newline at the end. */
	ck_assert_int_eq(procfs_parse_rollup("Rss: 1 kB\nPss: 99999999999999"
	    "9999999 kB", &r), 0);
	ck_assert_msg(r.rss == 1024 && r.pss == UINT64_MAX, "got rss %ju "
	    "pss %ju", (uintmax_t)r.rss, (uintmax_t)r.pss);
}
END_TEST

static const char *rollup_bad[] = {
	"",
	"\n",
	"00400000-ffffffffff601000 ---p 00000000 00:00 0  [rollup]\n",
	("00400000-ffffffffff601000 ---p 00000000 00:00 0  [rollup]\n"
	    "Pss_Anon: 5 kB\nPss: 5 kB\n"),
	"Rss: x kB\n",
	"Rss: 5 kB\nPss: 5\n",
	"Rss: 5 kB\nSwapPss: 5 pages\n",
	"\x80\x81\x82:\x83 kB",
};

START_TEST(test_procfs_rollup_bad)
{
	struct procfs_rollup	r, before;
	int			ret;

	memset(&r, 0x5a, sizeof r);
	before = r;
	errno = 0;
	ret = procfs_parse_rollup(rollup_bad[_i], &r);
	ck_assert_msg(ret == -1 && errno == EINVAL, "rollup '%s': got %d, "
	    "errno %d", rollup_bad[_i], ret, errno);
	ck_assert(memcmp(&r, &before, sizeof r) == 0);
}
END_TEST

START_TEST(test_procfs_io)
{
	static const char	*bad[] = {
		"", "\n", "garbage", "wchar: 1\n", "rchar:\n", "rchar: -1\n",
		"rchar: 1\nsyscr: x\n", "rchar: 1x\n",
	};
	struct procfs_io	io;
	int			i, r;

	ck_assert_int_eq(procfs_parse_io("rchar: 6976\nwchar: 12\n"
	    "syscr: 10\nsyscw: 2\nread_bytes: 4096\nwrite_bytes: 8192\n"
	    "cancelled_write_bytes: 512\n", &io), 0);
	ck_assert_msg(io.rchar == 6976 && io.wchar == 12 && io.syscr == 10 &&
	    io.syscw == 2 && io.read_bytes == 4096 && io.write_bytes == 8192 &&
	    io.cancelled_write_bytes == 512, "got %ju %ju %ju %ju %ju %ju %ju",
	    (uintmax_t)io.rchar, (uintmax_t)io.wchar, (uintmax_t)io.syscr,
	    (uintmax_t)io.syscw, (uintmax_t)io.read_bytes,
	    (uintmax_t)io.write_bytes, (uintmax_t)io.cancelled_write_bytes);

	/* Only rchar, saturating, in any order; write_bytes is not wchar. */
	ck_assert_int_eq(procfs_parse_io("write_bytes: 3\n"
	    "rchar: 18446744073709551616", &io), 0);
	ck_assert_msg(io.rchar == UINT64_MAX && io.write_bytes == 3 &&
	    io.wchar == 0 && io.syscr == 0, "got rchar %ju write_bytes %ju "
	    "wchar %ju", (uintmax_t)io.rchar, (uintmax_t)io.write_bytes,
	    (uintmax_t)io.wchar);

	for (i = 0; i < NITEMS(bad); i++) {
		errno = 0;
		r = procfs_parse_io(bad[i], &io);
		ck_assert_msg(r == -1 && errno == EINVAL, "io '%s': got %d, "
		    "errno %d", bad[i], r, errno);
	}
}
END_TEST

START_TEST(test_procfs_kind_names)
{
	static const char	*want[PROCFS_FD_KINDS] = {
		"file", "dir", "pipe", "socket", "anon_inode", "other"
	};
	int			 i;

	for (i = 0; i < PROCFS_FD_KINDS; i++)
		ck_assert_str_eq(procfs_fd_kind_name(i), want[i]);
	ck_assert_str_eq(procfs_fd_kind_name(PROCFS_FD_KINDS), "other");
	ck_assert_str_eq(procfs_fd_kind_name(-1), "other");
}
END_TEST

START_TEST(test_procfs_sysconf)
{
	ck_assert_int_eq(procfs_clock_ticks(), sysconf(_SC_CLK_TCK));
	ck_assert_int_eq(procfs_clock_ticks(), sysconf(_SC_CLK_TCK));
	ck_assert_int_gt(procfs_clock_ticks(), 0);
	ck_assert_int_eq(procfs_page_size(), getpagesize());
	ck_assert_int_eq(procfs_page_size(), sysconf(_SC_PAGESIZE));
}
END_TEST

/*
 * A /proc of our own making in a temporary directory: 100 is a busy
 * process with every kind of fd, 200 a kernel thread, 300 a process whose
 * files are empty, broken or missing, 400 a status too big for the buffer.
 */
static char	fixture_root[64];
static int	fixture_procfd = -1;

/* Write a fixture file of len bytes under the root. */
static void
fixture_write(const char *rel, const char *data, size_t len)
{
	char	path[256];
	int	fd;

	snprintf(path, sizeof path, "%s/%s", fixture_root, rel);
	fd = open(path, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
	ck_assert_msg(fd != -1, "create %s: %s", path, strerror(errno));
	ck_assert_msg(write(fd, data, len) == (ssize_t)len, "write %s", path);
	close(fd);
}

static void
fixture_puts(const char *rel, const char *data)
{
	fixture_write(rel, data, strlen(data));
}

static void
fixture_mkdir(const char *rel)
{
	char	path[256];

	snprintf(path, sizeof path, "%s/%s", fixture_root, rel);
	ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path,
	    strerror(errno));
}

/* A link in 100's fd directory; a target of "@x" is x under the root. */
static void
fixture_link(const char *name, const char *target)
{
	char	path[256], to[256];

	if (target[0] == '@') {
		snprintf(to, sizeof to, "%s/%s", fixture_root, target + 1);
		target = to;
	}
	snprintf(path, sizeof path, "%s/100/fd/%s", fixture_root, name);
	ck_assert_msg(symlink(target, path) == 0, "symlink %s: %s", path,
	    strerror(errno));
}

/* A status of about 6 KiB, cut by the 4 KiB buffer in VmSwap's number. */
static void
fixture_big_status(void)
{
	/* procfs_read_status reads 32767 bytes (Groups: can be long). */
	static char	buf[40000];
	size_t		len;

	len = (size_t)snprintf(buf, sizeof buf, "Name:\tbig\nVmRSS:\t8 kB\n");
	while (len < 32767 - 64) {
		memcpy(buf + len, "Pad:\t0123456789\n", 16);
		len += 16;
	}
	memset(buf + len, 'p', 32767 - 11 - len);
	len = 32767 - 11;
	buf[len - 1] = '\n';
	len += (size_t)snprintf(buf + len, sizeof buf - len,
	    "VmSwap:\t123456 kB\nThreads:\t7\n");
	ck_assert_int_eq(memcmp(buf + 32767 - 11, "VmSwap:\t123", 11), 0);
	while (len < 36000) {
		memcpy(buf + len, "Pad:\t0123456789\n", 16);
		len += 16;
	}
	fixture_write("400/status", buf, len);
}

static void
fixture_setup(void)
{
	static const char	nulstat[] = "300 (a) R 1\0 2 3";

	snprintf(fixture_root, sizeof fixture_root, "/tmp/vigil-procfs.XXXXXX");
	ck_assert_msg(mkdtemp(fixture_root) != NULL, "mkdtemp: %s",
	    strerror(errno));

	fixture_mkdir("100");
	fixture_puts("100/stat", stat_good[0].line);
	fixture_puts("100/status", status_full);
	fixture_puts("100/smaps_rollup", rollup_full);
	fixture_puts("100/io", "rchar: 5\nwchar: 6\nsyscr: 7\nsyscw: 8\n"
	    "read_bytes: 9\nwrite_bytes: 10\ncancelled_write_bytes: 11\n");
	fixture_puts("data.txt", "some data\n");
	fixture_mkdir("somedir");
	fixture_mkdir("100/fd");
	fixture_link("0", "socket:[123]");
	fixture_link("1", "pipe:[9]");
	fixture_link("2", "anon_inode:[eventfd]");
	fixture_link("3", "@data.txt");
	fixture_link("4", "@data.txt");
	fixture_link("5", "@somedir");
	fixture_link("6", "/dev/null");
	fixture_link("7", "/x/gone (deleted)");
	fixture_link("8", "net:[4026531840]");
	fixture_link("9", "/memfd:x (deleted)");
	fixture_link("10", "/x/gone");
	fixture_puts("100/fd/11", "an fd whose link can't be read\n");
	fixture_link("notanfd", "socket:[1]");
	fixture_link("-1", "socket:[1]");
	fixture_link("2147483648", "socket:[1]");
	fixture_link("0x1", "socket:[1]");

	fixture_mkdir("200");
	fixture_puts("200/stat", stat_good[9].line);
	fixture_puts("200/status", status_kthread);
	fixture_puts("200/smaps_rollup", "");
	fixture_mkdir("200/fd");

	fixture_mkdir("300");
	fixture_puts("300/stat", "");
	fixture_write("300/status", nulstat, sizeof nulstat);
	fixture_puts("300/smaps_rollup", "not a rollup\n");
	fixture_puts("300/fd", "not a directory\n");

	fixture_mkdir("400");
	fixture_big_status();

	fixture_puts("500", "not a directory\n");

	fixture_procfd = open(fixture_root, O_RDONLY|O_DIRECTORY|O_CLOEXEC);
	ck_assert_msg(fixture_procfd != -1, "open %s: %s", fixture_root,
	    strerror(errno));
}

static int
fixture_remove(const char *path, const struct stat *sb, int type,
    struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return (remove(path));
}

static void
fixture_teardown(void)
{
	if (fixture_procfd != -1)
		close(fixture_procfd);
	fixture_procfd = -1;
	if (fixture_root[0] != '\0' &&
	    nftw(fixture_root, fixture_remove, 16, FTW_DEPTH|FTW_PHYS) != 0)
		fprintf(stderr, "remove %s: %s\n", fixture_root,
		    strerror(errno));
	fixture_root[0] = '\0';
}

/* Open a fixture process, which must be there. */
static int
fixture_open(pid_t pid)
{
	int	fd;

	fd = procfs_open_pid(fixture_procfd, pid);
	ck_assert_msg(fd != -1, "open fixture %ld: %s", (long)pid,
	    strerror(errno));
	return (fd);
}

START_TEST(test_procfs_fixture_open)
{
	static const pid_t	 gone[] = { 1, 99, 101, 1000 };
	int			 i, fd;

	for (i = 0; i < NITEMS(gone); i++) {
		errno = 0;
		fd = procfs_open_pid(fixture_procfd, gone[i]);
		ck_assert_msg(fd == -1 && errno == ENOENT, "pid %ld: got %d, "
		    "errno %d", (long)gone[i], fd, errno);
	}
	errno = 0;
	ck_assert_int_eq(procfs_open_pid(fixture_procfd, 500), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	errno = 0;
	ck_assert_int_eq(procfs_open_pid(fixture_procfd, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(procfs_open_pid(fixture_procfd, -100), -1);

	fd = fixture_open(100);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ne(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	close(fd);
}
END_TEST

START_TEST(test_procfs_fixture_busy)
{
	struct procfs_stat	st;
	struct procfs_status	ss;
	struct procfs_rollup	r;
	struct procfs_io	io;
	int			fd = fixture_open(100);

	ck_assert_int_eq(procfs_read_stat(fd, &st), 0);
	ck_assert_msg(st.pid == 1234 && strcmp(st.comm, "bash") == 0 &&
	    st.state == 'S' && st.ppid == 1 && st.starttime == 31554,
	    "got pid %ld comm '%s' state '%c' ppid %ld", (long)st.pid,
	    st.comm, st.state, (long)st.ppid);
	ck_assert_int_eq(procfs_read_status(fd, &ss), 0);
	ck_assert_msg(ss.rss == 1612 * 1024 && ss.swap == 16 * 1024 &&
	    ss.threads == 3 && ss.uid == 1000, "got rss %ju swap %ju threads "
	    "%ld uid %lu", (uintmax_t)ss.rss, (uintmax_t)ss.swap, ss.threads,
	    (u_long)ss.uid);
	ck_assert_int_eq(procfs_read_rollup(fd, &r), 0);
	ck_assert_msg(r.pss == 241 * 1024 && r.private_dirty == 109 * 1024,
	    "got pss %ju private_dirty %ju", (uintmax_t)r.pss,
	    (uintmax_t)r.private_dirty);
	ck_assert_int_eq(procfs_read_io(fd, &io), 0);
	ck_assert_msg(io.rchar == 5 && io.wchar == 6 && io.syscr == 7 &&
	    io.syscw == 8 && io.read_bytes == 9 && io.write_bytes == 10 &&
	    io.cancelled_write_bytes == 11, "got io %ju %ju ... %ju",
	    (uintmax_t)io.rchar, (uintmax_t)io.wchar,
	    (uintmax_t)io.cancelled_write_bytes);
	close(fd);
}
END_TEST

/* Find an fd in a list; it must be there once. */
static const struct procfs_fd *
fds_find(const struct procfs_fd *fds, int n, int fd)
{
	const struct procfs_fd	*found = NULL;
	int			 i;

	for (i = 0; i < n; i++) {
		if (fds[i].fd != fd)
			continue;
		ck_assert_msg(found == NULL, "fd %d listed twice", fd);
		found = &fds[i];
	}
	ck_assert_msg(found != NULL, "fd %d not listed", fd);
	return (found);
}

/* Check one fd's kind and path (NULL for none). */
static void
fds_check(const struct procfs_fd *fds, int n, int fd,
    enum procfs_fd_kind kind, const char *path)
{
	const struct procfs_fd	*f = fds_find(fds, n, fd);

	ck_assert_msg(f->kind == kind, "fd %d: kind %s, want %s", fd,
	    procfs_fd_kind_name(f->kind), procfs_fd_kind_name(kind));
	if (path == NULL) {
		ck_assert_msg(f->path == NULL, "fd %d: path '%s', want none",
		    fd, f->path);
	} else {
		ck_assert_msg(f->path != NULL && strcmp(f->path, path) == 0,
		    "fd %d: path '%s', want '%s'", fd,
		    f->path != NULL ? f->path : "(null)", path);
	}
}

START_TEST(test_procfs_fixture_fds)
{
	struct procfs_fd	*fds;
	struct stat		 data, dir, null;
	const struct procfs_fd	*f;
	char			 path[128], dpath[128];
	int			 fd = fixture_open(100), n, i;

	snprintf(path, sizeof path, "%s/data.txt", fixture_root);
	snprintf(dpath, sizeof dpath, "%s/somedir", fixture_root);
	ck_assert(stat(path, &data) == 0 && stat(dpath, &dir) == 0 &&
	    stat("/dev/null", &null) == 0);

	n = procfs_read_fds(fd, &fds);
	ck_assert_msg(n == 12, "got %d fds, want 12 (0 to 11)", n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(fds[i].fd >= 0 && fds[i].fd <= 11, "fd %d",
		    fds[i].fd);
	}
	fds_check(fds, n, 0, PROCFS_FD_SOCKET, NULL);
	fds_check(fds, n, 1, PROCFS_FD_PIPE, NULL);
	fds_check(fds, n, 2, PROCFS_FD_ANON, NULL);
	fds_check(fds, n, 3, PROCFS_FD_FILE, path);
	fds_check(fds, n, 4, PROCFS_FD_FILE, path);
	fds_check(fds, n, 5, PROCFS_FD_DIR, dpath);
	fds_check(fds, n, 6, PROCFS_FD_OTHER, NULL);
	fds_check(fds, n, 7, PROCFS_FD_FILE, "/x/gone (deleted)");
	fds_check(fds, n, 8, PROCFS_FD_OTHER, NULL);
	fds_check(fds, n, 9, PROCFS_FD_OTHER, NULL);
	fds_check(fds, n, 10, PROCFS_FD_OTHER, NULL);
	fds_check(fds, n, 11, PROCFS_FD_OTHER, NULL);

	for (i = 3; i <= 4; i++) {
		f = fds_find(fds, n, i);
		ck_assert_msg(f->dev == data.st_dev && f->ino == data.st_ino,
		    "fd %d: dev/ino %ju/%ju, want %ju/%ju", i,
		    (uintmax_t)f->dev, (uintmax_t)f->ino,
		    (uintmax_t)data.st_dev, (uintmax_t)data.st_ino);
	}
	f = fds_find(fds, n, 5);
	ck_assert(f->dev == dir.st_dev && f->ino == dir.st_ino);
	f = fds_find(fds, n, 6);
	ck_assert(f->dev == null.st_dev && f->ino == null.st_ino);
	for (i = 0; i <= 11; i++) {
		f = fds_find(fds, n, i);
		if (i < 3 || i > 6)
			ck_assert_msg(f->ino == 0, "fd %d: ino %ju", i,
			    (uintmax_t)f->ino);
	}
	procfs_free_fds(fds, n);

	/* The fd directory is not on procfs: its size is not a count. */
	ck_assert_int_eq(procfs_count_fds(fd), 12);
	close(fd);
}
END_TEST

/* A kernel thread: no memory, no fds, an empty smaps_rollup. */
START_TEST(test_procfs_fixture_kthread)
{
	struct procfs_stat	 st;
	struct procfs_status	 ss;
	struct procfs_rollup	 r;
	struct procfs_io	 io;
	struct procfs_fd	*fds = (struct procfs_fd *)&st;
	int			 fd = fixture_open(200);

	ck_assert_int_eq(procfs_read_stat(fd, &st), 0);
	ck_assert_msg(st.pid == 2 && (st.flags & PROCFS_PF_KTHREAD) &&
	    st.ppid == 0, "got pid %ld flags %#x", (long)st.pid, st.flags);
	memset(&ss, 0xff, sizeof ss);
	ck_assert_int_eq(procfs_read_status(fd, &ss), 0);
	ck_assert_msg(ss.rss == 0 && ss.rss_anon == 0 && ss.swap == 0 &&
	    ss.threads == 1 && ss.uid == 0, "got rss %ju threads %ld",
	    (uintmax_t)ss.rss, ss.threads);
	errno = 0;
	ck_assert_int_eq(procfs_read_rollup(fd, &r), -1);
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_int_eq(procfs_read_io(fd, &io), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(procfs_count_fds(fd), 0);
	ck_assert_int_eq(procfs_read_fds(fd, &fds), 0);
	ck_assert_ptr_null(fds);
	close(fd);
}
END_TEST

/* Empty, broken and missing files: -1 each, the right errno. */
START_TEST(test_procfs_fixture_broken)
{
	struct procfs_stat	 st;
	struct procfs_status	 ss;
	struct procfs_rollup	 r;
	struct procfs_io	 io;
	struct procfs_fd	*fds;
	int			 fd = fixture_open(300);

	errno = 0;
	ck_assert_int_eq(procfs_read_stat(fd, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_int_eq(procfs_read_status(fd, &ss), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(procfs_read_rollup(fd, &r), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(procfs_read_io(fd, &io), -1);
	ck_assert_int_eq(errno, ENOENT);
	errno = 0;
	ck_assert_int_eq(procfs_count_fds(fd), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	errno = 0;
	ck_assert_int_eq(procfs_read_fds(fd, &fds), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	ck_assert_ptr_null(fds);
	close(fd);

	/* No files at all. */
	fd = fixture_open(400);
	errno = 0;
	ck_assert_int_eq(procfs_read_stat(fd, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(procfs_count_fds(fd), -1);
	close(fd);
}
END_TEST

/* A file longer than the buffer: what fits, never half a number. */
START_TEST(test_procfs_fixture_big)
{
	struct procfs_status	ss;
	int			fd = fixture_open(400);

	ck_assert_int_eq(procfs_read_status(fd, &ss), 0);
	ck_assert_msg(ss.rss == 8192 && ss.swap == 0 && ss.threads == 0,
	    "got rss %ju swap %ju threads %ld, want 8192, 0 and 0",
	    (uintmax_t)ss.rss, (uintmax_t)ss.swap, ss.threads);
	close(fd);
}
END_TEST

/* Our own /proc/PID. */
static int
self_open(void)
{
	int	procfd, fd;

	procfd = open("/proc", O_RDONLY|O_DIRECTORY|O_CLOEXEC);
	ck_assert_msg(procfd != -1, "open /proc: %s", strerror(errno));
	fd = procfs_open_pid(procfd, getpid());
	ck_assert_msg(fd != -1, "open /proc/%ld: %s", (long)getpid(),
	    strerror(errno));
	close(procfd);
	return (fd);
}

START_TEST(test_procfs_self_stat)
{
	struct procfs_stat	st;
	struct procfs_status	ss;
	char			comm[17] = "";
	int			fd = self_open();

	ck_assert_int_eq(procfs_read_stat(fd, &st), 0);
	ck_assert_msg(st.pid == getpid() && st.ppid == getppid() &&
	    st.pgrp == getpgrp() && st.sid == getsid(0), "got pid %ld ppid "
	    "%ld pgrp %ld sid %ld", (long)st.pid, (long)st.ppid,
	    (long)st.pgrp, (long)st.sid);
	ck_assert_msg(st.state == 'R' && st.threads >= 1 &&
	    (st.flags & PROCFS_PF_KTHREAD) == 0 && st.starttime > 0,
	    "got state '%c' threads %ld flags %#x start %llu", st.state,
	    st.threads, st.flags, st.starttime);
	ck_assert_msg(prctl(PR_GET_NAME, comm, 0, 0, 0) == 0 &&
	    strcmp(st.comm, comm) == 0, "got comm '%s', want '%s'", st.comm,
	    comm);

	ck_assert_int_eq(procfs_read_status(fd, &ss), 0);
	ck_assert_msg(ss.rss > 0 && ss.rss_anon > 0 && ss.rss >= ss.rss_anon &&
	    ss.rss == ss.rss_anon + ss.rss_file + ss.rss_shmem &&
	    ss.uid == getuid() && ss.threads == st.threads, "got rss %ju anon "
	    "%ju file %ju shmem %ju uid %lu threads %ld", (uintmax_t)ss.rss,
	    (uintmax_t)ss.rss_anon, (uintmax_t)ss.rss_file,
	    (uintmax_t)ss.rss_shmem, (u_long)ss.uid, ss.threads);
	close(fd);
}
END_TEST

START_TEST(test_procfs_self_io)
{
	struct procfs_io	before, after;
	char			path[] = "/tmp/vigil-procfs-io.XXXXXX";
	char			buf[65536];
	ssize_t			n, total = 0;
	int			fd = self_open(), tmp;

	tmp = mkstemp(path);
	ck_assert_msg(tmp != -1, "mkstemp: %s", strerror(errno));
	unlink(path);
	memset(buf, 'z', sizeof buf);
	ck_assert_int_eq(write(tmp, buf, sizeof buf), sizeof buf);
	ck_assert_int_eq(lseek(tmp, 0, SEEK_SET), 0);

	ck_assert_int_eq(procfs_read_io(fd, &before), 0);
	while ((n = read(tmp, buf, sizeof buf)) > 0)
		total += n;
	ck_assert_int_eq(total, sizeof buf);
	ck_assert_int_eq(procfs_read_io(fd, &after), 0);
	ck_assert_msg(after.rchar >= before.rchar + sizeof buf &&
	    after.syscr >= before.syscr + 2, "rchar %ju to %ju, syscr %ju to "
	    "%ju", (uintmax_t)before.rchar, (uintmax_t)after.rchar,
	    (uintmax_t)before.syscr, (uintmax_t)after.syscr);
	ck_assert_msg(before.wchar >= sizeof buf, "wchar %ju after writing "
	    "%zu", (uintmax_t)before.wchar, sizeof buf);
	close(tmp);
	close(fd);
}
END_TEST

/* How many fds /proc/self/fd lists, less the one listing it. */
static int
self_count_fds(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	d = opendir("/proc/self/fd");
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] != '.')
			n++;
	}
	closedir(d);
	return (n - 1);
}

START_TEST(test_procfs_self_count)
{
	struct procfs_fd	*fds;
	int			 fd = self_open(), n, want, extra[3], i;

	want = self_count_fds();
	n = procfs_count_fds(fd);
	ck_assert_msg(n == want, "got %d fds, want %d", n, want);

	for (i = 0; i < 3; i++)
		ck_assert_int_ne(extra[i] = dup(fd), -1);
	n = procfs_count_fds(fd);
	ck_assert_msg(n == want + 3, "with 3 more: got %d fds, want %d", n,
	    want + 3);

	/* Listing ourselves shows the fd that lists. */
	n = procfs_read_fds(fd, &fds);
	ck_assert_msg(n == want + 4, "read_fds: got %d, want %d", n, want + 4);
	procfs_free_fds(fds, n);

	for (i = 0; i < 3; i++)
		close(extra[i]);
	ck_assert_int_eq(procfs_count_fds(fd), want);
	close(fd);
}
END_TEST

START_TEST(test_procfs_self_fds)
{
	struct procfs_fd	*fds;
	const struct procfs_fd	*a, *b;
	struct stat		 sb;
	char			 path[64] = "/tmp/vigil-procfs-fd.XXXXXX";
	int			 fd = self_open(), p[2], sv[2], f1, f2, dir;
	int			 null, n;

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	ck_assert_int_ne(f1 = mkstemp(path), -1);
	ck_assert_int_ne(f2 = open(path, O_RDONLY), -1);
	ck_assert_int_ne(dir = open("/tmp", O_RDONLY|O_DIRECTORY), -1);
	ck_assert_int_ne(null = open("/dev/null", O_RDWR), -1);
	ck_assert_int_eq(fstat(f1, &sb), 0);

	n = procfs_read_fds(fd, &fds);
	ck_assert_int_ge(n, 9);
	fds_check(fds, n, p[0], PROCFS_FD_PIPE, NULL);
	fds_check(fds, n, p[1], PROCFS_FD_PIPE, NULL);
	fds_check(fds, n, sv[0], PROCFS_FD_SOCKET, NULL);
	fds_check(fds, n, sv[1], PROCFS_FD_SOCKET, NULL);
	fds_check(fds, n, f1, PROCFS_FD_FILE, path);
	fds_check(fds, n, f2, PROCFS_FD_FILE, path);
	fds_check(fds, n, dir, PROCFS_FD_DIR, "/tmp");
	fds_check(fds, n, null, PROCFS_FD_OTHER, NULL);
	a = fds_find(fds, n, f1);
	b = fds_find(fds, n, f2);
	ck_assert_msg(a->dev == sb.st_dev && a->ino == sb.st_ino &&
	    b->dev == sb.st_dev && b->ino == sb.st_ino, "dev/ino %ju/%ju and "
	    "%ju/%ju, want %ju/%ju", (uintmax_t)a->dev, (uintmax_t)a->ino,
	    (uintmax_t)b->dev, (uintmax_t)b->ino, (uintmax_t)sb.st_dev,
	    (uintmax_t)sb.st_ino);
	procfs_free_fds(fds, n);

	/* Deleted, it is still a file, by the name the kernel gives it. */
	ck_assert_int_eq(unlink(path), 0);
	n = procfs_read_fds(fd, &fds);
	ck_assert_int_ge(n, 9);
	strcat(path, " (deleted)");
	fds_check(fds, n, f1, PROCFS_FD_FILE, path);
	a = fds_find(fds, n, f1);
	ck_assert_msg(a->dev == sb.st_dev && a->ino == sb.st_ino, "deleted: "
	    "dev/ino %ju/%ju, want %ju/%ju", (uintmax_t)a->dev,
	    (uintmax_t)a->ino, (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino);
	procfs_free_fds(fds, n);

	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
	close(f1);
	close(f2);
	close(dir);
	close(null);
	close(fd);
}
END_TEST

/*
 * A child seen alive, as a zombie and after it is reaped: a handle opened
 * while it lived must fail then, not read whoever comes next.
 */
START_TEST(test_procfs_child)
{
	struct procfs_stat	 st;
	struct procfs_status	 ss;
	struct procfs_rollup	 r;
	struct procfs_io	 io;
	struct procfs_fd	*fds;
	siginfo_t		 si;
	pid_t			 pid;
	int			 procfd, fd, p[2], status;
	char			 c;

	ck_assert_int_ne(procfd = open("/proc", O_RDONLY|O_DIRECTORY), -1);
	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		close(p[1]);
		if (read(p[0], &c, 1) == -1)
			_exit(1);
		_exit(7);
	}
	close(p[0]);
	ck_assert_int_ne(fd = procfs_open_pid(procfd, pid), -1);
	ck_assert_int_eq(procfs_read_stat(fd, &st), 0);
	ck_assert_msg(st.pid == pid && st.ppid == getpid() &&
	    st.state != 'Z', "alive: pid %ld ppid %ld state '%c'",
	    (long)st.pid, (long)st.ppid, st.state);

	/* Let it exit, but wait without reaping it. */
	close(p[1]);
	memset(&si, 0, sizeof si);
	ck_assert_int_eq(waitid(P_PID, pid, &si, WEXITED|WNOWAIT), 0);
	ck_assert_int_eq(si.si_pid, pid);
	ck_assert_int_eq(procfs_read_stat(fd, &st), 0);
	ck_assert_msg(st.pid == pid && st.state == 'Z' && st.ppid == getpid(),
	    "zombie: pid %ld state '%c'", (long)st.pid, st.state);
	memset(&ss, 0xff, sizeof ss);
	ck_assert_int_eq(procfs_read_status(fd, &ss), 0);
	ck_assert_msg(ss.rss == 0 && ss.rss_anon == 0 && ss.uid == getuid(),
	    "zombie: rss %ju uid %lu", (uintmax_t)ss.rss, (u_long)ss.uid);
	ck_assert_int_eq(procfs_read_rollup(fd, &r), -1);

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	errno = 0;
	ck_assert_int_eq(procfs_read_stat(fd, &st), -1);
	ck_assert_msg(errno == ESRCH || errno == ENOENT, "reaped: errno %d",
	    errno);
	ck_assert_int_eq(procfs_read_status(fd, &ss), -1);
	ck_assert_int_eq(procfs_read_io(fd, &io), -1);
	ck_assert_int_eq(procfs_read_rollup(fd, &r), -1);
	ck_assert_int_eq(procfs_count_fds(fd), -1);
	ck_assert_int_eq(procfs_read_fds(fd, &fds), -1);
	close(fd);
	close(procfd);
}
END_TEST

/*
 * As another user, read the process at piddir (ours, as root): which check
 * fails, or 0. stat and status are for all; io, smaps_rollup and the fd
 * links are not; the fd count from the directory's size is (Linux 6.2+).
 */
static int
other_user_check(int piddir, int want)
{
	struct procfs_stat	 st;
	struct procfs_status	 ss;
	struct procfs_io	 io;
	struct procfs_rollup	 r;
	struct procfs_fd	*fds;
	int			 n;

	if (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) != 0 ||
	    setresuid(65534, 65534, 65534) != 0)
		return (10);
	if (procfs_read_stat(piddir, &st) != 0 || st.pid != getppid())
		return (1);
	if (procfs_read_status(piddir, &ss) != 0 || ss.uid != 0)
		return (2);
	if (procfs_read_io(piddir, &io) != -1 || errno != EACCES)
		return (3);
	if (procfs_read_rollup(piddir, &r) != -1 || errno != EACCES)
		return (4);
	if (procfs_read_fds(piddir, &fds) != -1 || errno != EACCES)
		return (5);
	n = procfs_count_fds(piddir);
	if (n != want && (n != -1 || errno != EACCES))
		return (6);
	return (0);
}

START_TEST(test_procfs_other_user)
{
	pid_t	pid;
	int	fd, want, status;

	if (getuid() != 0)
		return;		/* only root can become someone else */
	fd = self_open();
	want = procfs_count_fds(fd);
	ck_assert_int_gt(want, 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0)
		_exit(other_user_check(fd, want));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "as uid 65534: check %d failed (status %#x)", WEXITSTATUS(status),
	    status);
	close(fd);
}
END_TEST

START_TEST(test_procfs_self_rollup)
{
	struct procfs_rollup	 before, after;
	size_t			 size = 64 << 20;
	char			*big;
	int			 fd = self_open();

	ck_assert_int_eq(procfs_read_rollup(fd, &before), 0);
	ck_assert_msg(before.pss > 0 && before.rss >= before.private_dirty &&
	    before.rss >= before.pss && before.rss == before.shared_clean +
	    before.shared_dirty + before.private_clean + before.private_dirty,
	    "rss %ju pss %ju sc %ju sd %ju pc %ju pd %ju",
	    (uintmax_t)before.rss, (uintmax_t)before.pss,
	    (uintmax_t)before.shared_clean, (uintmax_t)before.shared_dirty,
	    (uintmax_t)before.private_clean, (uintmax_t)before.private_dirty);

	big = malloc(size);
	ck_assert_ptr_nonnull(big);
	memset(big, 1, size);
	ck_assert_int_eq(procfs_read_rollup(fd, &after), 0);
	ck_assert_msg(after.private_dirty >= before.private_dirty +
	    (60 << 20), "private dirty %ju to %ju after touching %zu bytes",
	    (uintmax_t)before.private_dirty, (uintmax_t)after.private_dirty,
	    size);
	ck_assert_msg(after.pss >= before.pss + (60 << 20), "pss %ju to %ju",
	    (uintmax_t)before.pss, (uintmax_t)after.pss);
	ck_assert_int_eq(((volatile char *)big)[size - 1], 1);
	free(big);
	close(fd);
}
END_TEST

Suite *
suite_procfs(void)
{
	Suite	*s = suite_create("procfs");
	TCase	*tc;

	tc = tcase_create("procfs-parse");
	tcase_add_loop_test(tc, test_procfs_stat_good, 0, NITEMS(stat_good));
	tcase_add_loop_test(tc, test_procfs_stat_bad, 0, NITEMS(stat_bad));
	tcase_add_test(tc, test_procfs_stat_hostile);
	tcase_add_loop_test(tc, test_procfs_status_good, 0,
	    NITEMS(status_good));
	tcase_add_loop_test(tc, test_procfs_status_bad, 0, NITEMS(status_bad));
	tcase_add_test(tc, test_procfs_status_long_line);
	tcase_add_test(tc, test_procfs_rollup_good);
	tcase_add_loop_test(tc, test_procfs_rollup_bad, 0, NITEMS(rollup_bad));
	tcase_add_test(tc, test_procfs_io);
	tcase_add_test(tc, test_procfs_kind_names);
	tcase_add_test(tc, test_procfs_sysconf);
	suite_add_tcase(s, tc);

	/* Made once for the tests that read it, removed even if they fail. */
	tc = tcase_create("procfs-fixture");
	tcase_add_unchecked_fixture(tc, fixture_setup, fixture_teardown);
	tcase_add_test(tc, test_procfs_fixture_open);
	tcase_add_test(tc, test_procfs_fixture_busy);
	tcase_add_test(tc, test_procfs_fixture_fds);
	tcase_add_test(tc, test_procfs_fixture_kthread);
	tcase_add_test(tc, test_procfs_fixture_broken);
	tcase_add_test(tc, test_procfs_fixture_big);
	suite_add_tcase(s, tc);

	tc = tcase_create("procfs-live");
	tcase_add_test(tc, test_procfs_self_stat);
	tcase_add_test(tc, test_procfs_self_io);
	tcase_add_test(tc, test_procfs_self_count);
	tcase_add_test(tc, test_procfs_self_fds);
	tcase_add_test(tc, test_procfs_child);
	tcase_add_test(tc, test_procfs_other_user);
	tcase_add_test(tc, test_procfs_self_rollup);
	suite_add_tcase(s, tc);
	return (s);
}
