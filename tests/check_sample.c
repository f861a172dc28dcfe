/*
 * Tests for the process-table sampler (sample.c), live: each test forks
 * real children (process trees, memory, fds, CPU and I/O) and compares what
 * the sampler says with /proc read here independently.
 *
 * Every child is recorded; the teardown kills and reaps them. A failing
 * test in fork mode exits without its teardown, so a guard process, told
 * each pid, kills them all when the test process goes away first.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/types.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/sample.h"

#define MIB		(1024ULL * 1024)
#define SAMPLE_KIDS	16
#define ID		7	/* the root id of most tests */

static struct sampler	*sp;
static pid_t		 kids[SAMPLE_KIDS];
static u_int		 nkids;
static pid_t		 guard_pid = -1;
static int		 guard_fd = -1;
static char		 tmpdir[PATH_MAX];

static uint64_t
ms_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

static void
sleep_ms(u_int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		/* nothing */;
}

/* Close every fd from 3 up except keep. */
static void
close_from_3(int keep)
{
	int	fd;

	for (fd = 3; fd < 1024; fd++) {
		if (fd != keep)
			close(fd);
	}
}

/* Make the test's scratch directory (every test has one). */
static void
tmpdir_make(void)
{
	char	tmpl[] = "/tmp/check_sample.XXXXXX", *dir;

	ck_assert_msg((dir = mkdtemp(tmpl)) != NULL, "mkdtemp: %s",
	    strerror(errno));
	ck_assert_msg(realpath(dir, tmpdir) != NULL, "realpath %s: %s", dir,
	    strerror(errno));
}

/* Remove the files a test made, then its directory. */
static void
tmpdir_remove(void)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[PATH_MAX + 256];

	if (tmpdir[0] == '\0' || (d = opendir(tmpdir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", tmpdir, de->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(tmpdir);
	tmpdir[0] = '\0';
}

/*
 * The guard: read pids until told 0; if the test dies first, kill them and
 * remove the scratch directory.
 */
static void
guard_run(int fd)
{
	pid_t	pids[SAMPLE_KIDS * 2], pid;
	u_int	n = 0, i;

	for (;;) {
		ssize_t	len = read(fd, &pid, sizeof pid);

		if (len == -1 && errno == EINTR)
			continue;
		if (len != (ssize_t)sizeof pid)
			break;
		if (pid == 0)
			_exit(0);
		if (n < SAMPLE_KIDS * 2)
			pids[n++] = pid;
	}
	for (i = 0; i < n; i++) {
		kill(-pids[i], SIGKILL);
		kill(pids[i], SIGKILL);
	}
	tmpdir_remove();
	_exit(0);
}

/* Record a child, with the guard too. */
static void
kid_add(pid_t pid)
{
	ck_assert_msg(nkids < SAMPLE_KIDS, "too many children");
	kids[nkids++] = pid;
	ck_assert_msg(write(guard_fd, &pid, sizeof pid) == sizeof pid,
	    "guard: %s", strerror(errno));
}

/*
 * Fork a child in a session of its own, like a pane, that dies with us.
 * Returns 0 in the child: it must end with _exit and never assert.
 */
static pid_t
kid_fork(void)
{
	pid_t	pid, parent = getpid();
	int	fds[2];
	char	c;

	ck_assert_msg(pipe(fds) == 0, "pipe: %s", strerror(errno));
	pid = fork();
	ck_assert_msg(pid != -1, "fork: %s", strerror(errno));
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent || setsid() == -1)
			_exit(1);
		close(guard_fd);	/* the guard waits for its last writer */
		close(fds[0]);
		if (write(fds[1], "", 1) != 1)
			_exit(1);
		close(fds[1]);
		return (0);
	}
	kid_add(pid);
	close(fds[1]);
	/* Not before it is a session leader: see sample.h on sessions. */
	ck_assert_msg(read(fds[0], &c, 1) == 1, "child %ld did not start",
	    (long)pid);
	close(fds[0]);
	return (pid);
}

/* Tell a pipe a pid (from a child: _exit if it can't). */
static void
kid_say(int fd, pid_t pid)
{
	if (write(fd, &pid, sizeof pid) != sizeof pid)
		_exit(1);
}

/* Wait up to 5 s for a child to say a pid on a pipe. */
static pid_t
kid_hear(int fd)
{
	struct pollfd	pfd = { fd, POLLIN, 0 };
	pid_t		pid = -1;

	ck_assert_msg(poll(&pfd, 1, 5000) == 1, "no word from a child in 5 s");
	ck_assert_msg(read(fd, &pid, sizeof pid) == sizeof pid,
	    "a child's word: %s", strerror(errno));
	return (pid);
}

static void
setup(void)
{
	int	fds[2];

	sp = NULL;
	nkids = 0;
	tmpdir_make();
	ck_assert_msg(pipe2(fds, O_CLOEXEC) == 0, "pipe: %s", strerror(errno));
	guard_pid = fork();
	ck_assert_msg(guard_pid != -1, "fork: %s", strerror(errno));
	if (guard_pid == 0) {
		close_from_3(fds[0]);
		guard_run(fds[0]);
	}
	close(fds[0]);
	guard_fd = fds[1];
}

/* Kill and reap every child, then let the guard go. */
static void
teardown(void)
{
	pid_t	zero = 0;
	u_int	i, tries;

	for (i = 0; i < nkids; i++) {
		kill(-kids[i], SIGKILL);
		kill(kids[i], SIGKILL);
	}
	for (i = 0; i < nkids; i++)
		waitpid(kids[i], NULL, 0);	/* ECHILD if not ours */
	if (guard_fd != -1) {
		if (write(guard_fd, &zero, sizeof zero) != sizeof zero)
			kill(guard_pid, SIGKILL);
		close(guard_fd);
		waitpid(guard_pid, NULL, 0);
	}
	guard_fd = -1;
	/* Grandchildren that came to us as the subreaper. */
	for (tries = 0; tries < 50; tries++) {
		if (waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD)
			break;
		sleep_ms(2);
	}
	prctl(PR_SET_CHILD_SUBREAPER, 0);
	sampler_free(sp);
	sp = NULL;
	tmpdir_remove();
	nkids = 0;
}

/* A process's parent, state and name from /proc; -1 if it has gone. */
static int
proc_stat(pid_t pid, pid_t *ppid, char *state, char *comm, size_t len)
{
	char	 path[64], buf[1024], *lp, *rp;
	ssize_t	 n;
	int	 fd, parent;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY)) == -1)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	if ((lp = strchr(buf, '(')) == NULL || (rp = strrchr(buf, ')')) == NULL)
		return (-1);
	if (comm != NULL)
		snprintf(comm, len, "%.*s", (int)(rp - lp - 1), lp + 1);
	if (sscanf(rp + 1, " %c %d", state, &parent) != 2)
		return (-1);
	*ppid = parent;
	return (0);
}

/* The children of pid named comm (NULL: any), sorted; how many. */
static u_int
proc_children(pid_t pid, const char *comm, pid_t *out, u_int max)
{
	struct dirent	*de;
	DIR		*d;
	pid_t		 p, ppid;
	char		 name[64], state;
	u_int		 n = 0, i, j;

	if ((d = opendir("/proc")) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if ((p = (pid_t)atoi(de->d_name)) <= 0)
			continue;
		if (proc_stat(p, &ppid, &state, name, sizeof name) != 0 ||
		    ppid != pid || state == 'Z')
			continue;
		if (comm != NULL && strcmp(name, comm) != 0)
			continue;
		if (n < max)
			out[n++] = p;
	}
	closedir(d);
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			p = out[j];
			out[j] = out[j - 1];
			out[j - 1] = p;
		}
	}
	return (n);
}

/* Wait up to 5 s for pid to have n children named comm. */
static void
wait_children(pid_t pid, const char *comm, u_int n, pid_t *out)
{
	u_int	got = 0, i;

	for (i = 0; i < 500; i++) {
		if ((got = proc_children(pid, comm, out, n)) == n)
			return;
		sleep_ms(10);
	}
	ck_abort_msg("pid %ld: %u children named %s after 5 s, want %u",
	    (long)pid, got, comm, n);
}

/* Wait up to 5 s for a process's parent to become ppid. */
static void
wait_parent(pid_t pid, pid_t want)
{
	pid_t	ppid = -1;
	char	state;
	u_int	i;

	for (i = 0; i < 500; i++) {
		if (proc_stat(pid, &ppid, &state, NULL, 0) == 0 && ppid == want)
			return;
		sleep_ms(10);
	}
	ck_abort_msg("pid %ld: parent %ld after 5 s, want %ld", (long)pid,
	    (long)ppid, (long)want);
}

/* Wait up to 5 s for a process's state (or -1: gone). */
static void
wait_state(pid_t pid, int want)
{
	pid_t	ppid;
	char	state = 0;
	int	got = -1;
	u_int	i;

	for (i = 0; i < 500; i++) {
		got = proc_stat(pid, &ppid, &state, NULL, 0) == 0 ? state : -1;
		if (got == want)
			return;
		sleep_ms(10);
	}
	ck_abort_msg("pid %ld: state %d after 5 s, want %d", (long)pid, got,
	    want);
}

/* Private_Dirty + Swap and Pss of a process, in bytes, from its rollup. */
static void
proc_rollup(pid_t pid, uint64_t *dirty_swap, uint64_t *pss)
{
	char			 path[64], line[256], key[64];
	unsigned long long	 kb;
	FILE			*f;
	int			 seen = 0;

	snprintf(path, sizeof path, "/proc/%ld/smaps_rollup", (long)pid);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
	*dirty_swap = *pss = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "%63[^:]: %llu kB", key, &kb) != 2)
			continue;
		if (strcmp(key, "Private_Dirty") == 0 ||
		    strcmp(key, "Swap") == 0) {
			*dirty_swap += kb * 1024;
			seen++;
		} else if (strcmp(key, "Pss") == 0) {
			*pss = kb * 1024;
			seen++;
		}
	}
	fclose(f);
	ck_assert_msg(seen == 3, "%s: %d of Private_Dirty, Swap, Pss", path,
	    seen);
}

/* An fd's kind from its link, classified here without procfs.c. */
static int
fd_kind(pid_t pid, const char *name)
{
	char		path[300], link[PATH_MAX];
	struct stat	st;
	ssize_t		n;

	snprintf(path, sizeof path, "/proc/%ld/fd/%s", (long)pid, name);
	if ((n = readlink(path, link, sizeof link - 1)) == -1)
		return (-1);
	link[n] = '\0';
	if (strncmp(link, "socket:[", 8) == 0)
		return (PROCFS_FD_SOCKET);
	if (strncmp(link, "pipe:[", 6) == 0)
		return (PROCFS_FD_PIPE);
	if (strncmp(link, "anon_inode:", 11) == 0)
		return (PROCFS_FD_ANON);
	if (link[0] == '/' && stat(path, &st) == 0) {
		if (S_ISREG(st.st_mode))
			return (PROCFS_FD_FILE);
		if (S_ISDIR(st.st_mode))
			return (PROCFS_FD_DIR);
	}
	return (PROCFS_FD_OTHER);
}

/* The entries of /proc/PID/fd, with their kinds. */
static u_int
proc_fds(pid_t pid, u_int *kinds)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[64];
	u_int		 n = 0;
	int		 k;

	memset(kinds, 0, PROCFS_FD_KINDS * sizeof *kinds);
	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	d = opendir(path);
	ck_assert_msg(d != NULL, "%s: %s", path, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		n++;
		if ((k = fd_kind(pid, de->d_name)) >= 0)
			kinds[k]++;
	}
	closedir(d);
	return (n);
}

/* Sample the roots now. */
static const struct sample_tree *
sample(const struct sample_root *roots, u_int n, int id)
{
	const struct sample_tree	*t;

	sampler_run(sp, roots, n, ms_now());
	t = sampler_tree(sp, id);
	ck_assert_msg(t != NULL, "no tree for root %d", id);
	ck_assert_msg(t->id == id, "tree for %d has id %d", id, t->id);
	return (t);
}

/* Is pid among a root's processes? */
static int
in_tree(int id, pid_t pid)
{
	const struct sample_proc	**list;
	u_int				  n, i;
	int				  found = 0;

	n = sampler_procs(sp, id, &list);
	for (i = 0; i < n; i++) {
		if (list[i]->pid == pid)
			found = 1;
	}
	free(list);
	return (found);
}

#define RATES_FMT "cpu %g%% rchar %g/s wchar %g/s read_bytes %g/s " \
	"write_bytes %g/s syscr %g/s syscw %g/s"
#define RATES(n) (n)->cpu_pct, (n)->rchar_s, (n)->wchar_s, \
	(n)->read_bytes_s, (n)->write_bytes_s, (n)->syscr_s, (n)->syscw_s

static int
rates_zero(const struct sample_numbers *n)
{
	return (n->cpu_pct == 0 && n->rchar_s == 0 && n->wchar_s == 0 &&
	    n->read_bytes_s == 0 && n->write_bytes_s == 0 && n->syscr_s == 0 &&
	    n->syscw_s == 0);
}

/* No rate below 0, nor beyond what a machine does (NaN fails too). */
static int
rates_sane(const struct sample_numbers *n)
{
	double	cpus = (double)sysconf(_SC_NPROCESSORS_ONLN);

	return (n->cpu_pct >= 0 && n->cpu_pct <= 100 * cpus + 10 &&
	    n->rchar_s >= 0 && n->rchar_s < 1e11 &&
	    n->wchar_s >= 0 && n->wchar_s < 1e11 &&
	    n->read_bytes_s >= 0 && n->read_bytes_s < 1e11 &&
	    n->write_bytes_s >= 0 && n->write_bytes_s < 1e11 &&
	    n->syscr_s >= 0 && n->syscr_s < 1e9 &&
	    n->syscw_s >= 0 && n->syscw_s < 1e9);
}

/* Make a file of size bytes in the scratch directory; its path in out. */
static void
tmpfile_make(const char *name, size_t size, char *out, size_t len)
{
	char	buf[4096];
	size_t	done;
	int	fd;

	snprintf(out, len, "%s/%s", tmpdir, name);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(fd != -1, "%s: %s", out, strerror(errno));
	memset(buf, 'v', sizeof buf);
	for (done = 0; done < size; done += sizeof buf) {
		ck_assert_msg(write(fd, buf, sizeof buf) == sizeof buf,
		    "%s: %s", out, strerror(errno));
	}
	close(fd);
}

/* Touch n bytes of new memory so that it is resident and dirty. */
static void
kid_touch(size_t n)
{
	char	*p;

	if ((p = malloc(n)) == NULL)
		_exit(1);
	memset(p, 0x5a, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/* A shell with two sleeps is a tree of 3; a process outside is not in it. */
START_TEST(test_tree)
{
	const struct sample_tree	 *t;
	const struct sample_proc	**list;
	struct sample_root		  roots[1];
	pid_t				  root, other, sleeps[2];
	u_int				  n, i, total, in;
	char				  comm[64], state;
	pid_t				  ppid;

	if ((root = kid_fork()) == 0) {
		execl("/bin/sh", "sh", "-c", "sleep 100 & sleep 100 & wait",
		    (char *)NULL);
		_exit(127);
	}
	if ((other = kid_fork()) == 0) {
		execl("/bin/sleep", "sleep", "100", (char *)NULL);
		_exit(127);
	}
	wait_children(root, "sleep", 2, sleeps);
	for (i = 0; i < 500; i++) {
		if (proc_stat(other, &ppid, &state, comm, sizeof comm) == 0 &&
		    strcmp(comm, "sleep") == 0)
			break;
		sleep_ms(10);
	}

	sp = sampler_create("/proc", getpid());
	ck_assert_msg(sp != NULL, "sampler_create /proc: %s", strerror(errno));
	roots[0].id = ID;
	roots[0].pid = root;
	t = sample(roots, 1, ID);
	ck_assert_msg(t->pid == root, "tree pid %ld, want %ld", (long)t->pid,
	    (long)root);
	ck_assert_msg(t->n.procs == 3 && t->n.threads >= 3 && t->n.rss > 0 &&
	    t->n.fds > 0, "sh %ld with 2 sleeps: procs %u threads %u rss %llu "
	    "fds %u; want 3, >= 3, > 0, > 0", (long)root, t->n.procs,
	    t->n.threads, (unsigned long long)t->n.rss, t->n.fds);
	ck_assert_msg(rates_zero(&t->n), "first sample: " RATES_FMT,
	    RATES(&t->n));

	n = sampler_procs(sp, ID, &list);
	ck_assert_msg(n == 3, "sampler_procs: %u processes, want 3", n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(list[i]->pid == root || list[i]->pid ==
		    sleeps[0] || list[i]->pid == sleeps[1], "sampler_procs[%u]: "
		    "pid %ld, want one of %ld %ld %ld", i, (long)list[i]->pid,
		    (long)root, (long)sleeps[0], (long)sleeps[1]);
		ck_assert_msg(list[i]->root == ID, "pid %ld: root %d",
		    (long)list[i]->pid, list[i]->root);
		if (i > 0) {
			ck_assert_msg(list[i]->pid != list[i - 1]->pid &&
			    list[i - 1]->n.footprint >= list[i]->n.footprint,
			    "sampler_procs not heaviest first at %u", i);
		}
	}
	free(list);
	ck_assert_msg(!in_tree(ID, other), "outside pid %ld in the tree",
	    (long)other);
	ck_assert_msg(sampler_tree(sp, ID + 1) == NULL, "a tree for id %d",
	    ID + 1);

	total = sampler_count(sp, &in);
	ck_assert_msg(in == 3 && total > in, "sampler_count: %u in trees of "
	    "%u, want 3 in trees", in, total);
}
END_TEST

/* 64 MiB touched by a grandchild: footprint and pss as the rollup says. */
START_TEST(test_memory)
{
	const struct sample_tree	 *t;
	const struct sample_proc	**list;
	struct sample_root		  root;
	uint64_t			  fp_r, fp_g, pss_r, pss_g, fp, pss;
	pid_t				  pid, gpid;
	int				  ready[2];
	u_int				  n;

	ck_assert(pipe(ready) == 0);
	if ((pid = kid_fork()) == 0) {
		if ((gpid = fork()) == 0) {
			kid_touch(64 * MIB);
			kid_say(ready[1], getpid());
			for (;;)
				pause();
		}
		for (;;)
			pause();
	}
	gpid = kid_hear(ready[0]);
	kid_add(gpid);

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	proc_rollup(pid, &fp_r, &pss_r);
	proc_rollup(gpid, &fp_g, &pss_g);
	fp = fp_r + fp_g;
	pss = pss_r + pss_g;
	ck_assert_msg(t->n.procs == 2, "procs %u, want 2", t->n.procs);
	ck_assert_msg(t->n.footprint >= 64 * MIB, "64 MiB touched: footprint "
	    "%llu", (unsigned long long)t->n.footprint);
	ck_assert_msg(t->n.footprint >= fp - fp / 20 &&
	    t->n.footprint <= fp + fp / 20, "footprint %llu, rollups' "
	    "Private_Dirty + Swap %llu", (unsigned long long)t->n.footprint,
	    (unsigned long long)fp);
	ck_assert_msg(t->n.pss >= pss - pss / 20 && t->n.pss <= pss + pss / 20,
	    "pss %llu, rollups' Pss %llu", (unsigned long long)t->n.pss,
	    (unsigned long long)pss);
	ck_assert_msg(t->n.rss >= 64 * MIB, "rss %llu",
	    (unsigned long long)t->n.rss);

	n = sampler_procs(sp, ID, &list);
	ck_assert_msg(n == 2 && list[0]->pid == gpid &&
	    list[0]->n.footprint >= 64 * MIB, "heaviest first: %u processes, "
	    "first %ld with %llu, want %ld", n, n > 0 ? (long)list[0]->pid : 0L,
	    n > 0 ? (unsigned long long)list[0]->n.footprint : 0ULL,
	    (long)gpid);
	free(list);
}
END_TEST

/* Open 10 more fds (async-signal-safe: open only). */
static void
kid_open_more(int sig)
{
	int	i;

	(void)sig;
	for (i = 0; i < 10; i++)
		open("/dev/null", O_RDONLY);
}

/* Every kind of fd, counted exactly; one file open 4 times is a dup. */
START_TEST(test_fds)
{
	static const u_int want[PROCFS_FD_KINDS] = {
		[PROCFS_FD_FILE] = 9, [PROCFS_FD_DIR] = 1,
		[PROCFS_FD_PIPE] = 3, [PROCFS_FD_SOCKET] = 1,
		[PROCFS_FD_ANON] = 1, [PROCFS_FD_OTHER] = 3,
	};
	const struct sample_tree	*t;
	struct sample_root		 root;
	char				 files[5][PATH_MAX + 16];
	char				 dup[PATH_MAX + 16], name[16];
	u_int				 kinds[PROCFS_FD_KINDS], n, k, i;
	int				 ready[2], fd, pp[2], null;
	pid_t				 pid;

	for (i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "f%u", i);
		tmpfile_make(name, 0, files[i], sizeof files[i]);
	}
	tmpfile_make("dup", 4096, dup, sizeof dup);
	ck_assert(pipe(ready) == 0);
	if ((pid = kid_fork()) == 0) {
		if ((fd = fcntl(ready[1], F_DUPFD, 50)) == -1)
			_exit(1);
		close_from_3(fd);
		if ((null = open("/dev/null", O_RDWR)) == -1)
			_exit(1);
		for (i = 0; i < 3; i++) {
			if (dup2(null, (int)i) == -1)
				_exit(1);
		}
		if (null > 2)
			close(null);
		for (i = 0; i < 5; i++) {
			if (open(files[i], O_RDONLY) == -1)
				_exit(1);
		}
		for (i = 0; i < 4; i++) {
			if (open(dup, i % 2 ? O_RDWR : O_RDONLY) == -1)
				_exit(1);
		}
		if (pipe(pp) != 0 || socket(AF_UNIX, SOCK_STREAM, 0) == -1 ||
		    open(tmpdir, O_RDONLY | O_DIRECTORY) == -1 ||
		    eventfd(0, 0) == -1)
			_exit(1);
		signal(SIGUSR1, kid_open_more);
		kid_say(fd, getpid());
		for (;;)
			pause();
	}
	ck_assert_msg(kid_hear(ready[0]) == pid, "fd child not ready");

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	n = proc_fds(pid, kinds);
	ck_assert_msg(n == 18, "the child has %u fds, the test wants 18", n);
	ck_assert_msg(t->n.fds == n, "tree fds %u, /proc/%ld/fd has %u",
	    t->n.fds, (long)pid, n);
	for (k = 0; k < PROCFS_FD_KINDS; k++) {
		ck_assert_msg(kinds[k] == want[k], "/proc/%ld/fd: %u of %s, "
		    "want %u", (long)pid, kinds[k], procfs_fd_kind_name(k),
		    want[k]);
		ck_assert_msg(t->n.fds_kind[k] == kinds[k], "tree: %u fds of "
		    "kind %s, /proc/%ld/fd has %u", t->n.fds_kind[k],
		    procfs_fd_kind_name(k), (long)pid, kinds[k]);
	}
	ck_assert_msg(t->ndups == 1, "%u dups, want 1 (%s)", t->ndups,
	    t->ndups > 0 ? t->dups[0].path : "");
	ck_assert_msg(strcmp(t->dups[0].path, dup) == 0 &&
	    t->dups[0].count == 4 && t->dups[0].pid == pid,
	    "dup '%s' x%u pid %ld, want '%s' x4 pid %ld", t->dups[0].path,
	    t->dups[0].count, (long)t->dups[0].pid, dup, (long)pid);

	/* 10 more: the count follows at once, the kinds at the next walk. */
	kill(pid, SIGUSR1);
	for (i = 0; i < 500 && (n = proc_fds(pid, kinds)) != 28; i++)
		sleep_ms(10);
	ck_assert_msg(n == 28, "the child has %u fds after 10 more", n);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.fds == 28, "10 more fds: tree fds %u, want 28",
	    t->n.fds);
	sampler_refresh(sp, ID);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.fds == 28 && t->n.fds_kind[PROCFS_FD_OTHER] == 13 &&
	    t->n.fds_kind[PROCFS_FD_FILE] == 9, "after sampler_refresh: fds %u, "
	    "other %u (want 13), file %u (want 9)", t->n.fds,
	    t->n.fds_kind[PROCFS_FD_OTHER], t->n.fds_kind[PROCFS_FD_FILE]);
}
END_TEST

/* A spinning child: no rate on its first sample, then near a core. */
START_TEST(test_cpu)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	volatile unsigned long		 spin = 0;
	int				 ready[2];
	pid_t				 pid;

	ck_assert(pipe(ready) == 0);
	if ((pid = kid_fork()) == 0) {
		kid_say(ready[1], getpid());
		for (;;)
			spin++;
	}
	kid_hear(ready[0]);
	sleep_ms(300);		/* ticks a newcomer must not turn into a rate */

	sp = sampler_create("/proc", 0);
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 1 && rates_zero(&t->n), "first sample of "
	    "a spinner 300 ms old: procs %u " RATES_FMT, t->n.procs,
	    RATES(&t->n));
	sleep_ms(1000);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.cpu_pct > 50 && rates_sane(&t->n),
	    "spinner 1 s later: " RATES_FMT, RATES(&t->n));
}
END_TEST

/*
 * A root that keeps running children of 20 ms of CPU each, reaping them:
 * none lives to be sampled, but their time comes in through the root.
 */
START_TEST(test_cpu_short_lived)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	uint64_t			 end;
	int				 ready[2];
	pid_t				 pid, cpid;

	ck_assert(pipe(ready) == 0);
	if ((pid = kid_fork()) == 0) {
		kid_say(ready[1], getpid());
		for (;;) {
			if ((cpid = fork()) == 0) {
				for (end = ms_now() + 20; ms_now() < end;)
					/* spin */;
				_exit(0);
			}
			if (cpid == -1 || waitpid(cpid, NULL, 0) != cpid)
				_exit(1);
		}
	}
	kid_hear(ready[0]);

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	sample(&root, 1, ID);
	sleep_ms(1000);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.cpu_pct > 50 && rates_sane(&t->n), "children of "
	    "20 ms run back to back: procs %u " RATES_FMT, t->n.procs,
	    RATES(&t->n));
}
END_TEST

/* A child reading a 1 MiB file over and over. */
START_TEST(test_io)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	char				 path[PATH_MAX + 16], buf[65536];
	off_t				 off;
	int				 ready[2], fd;
	pid_t				 pid;

	tmpfile_make("data", MIB, path, sizeof path);
	ck_assert(pipe(ready) == 0);
	if ((pid = kid_fork()) == 0) {
		if ((fd = open(path, O_RDONLY)) == -1)
			_exit(1);
		kid_say(ready[1], getpid());
		for (;;) {
			for (off = 0; off < (off_t)MIB; off += sizeof buf) {
				if (pread(fd, buf, sizeof buf, off) <= 0)
					_exit(1);
			}
		}
	}
	kid_hear(ready[0]);
	sleep_ms(200);

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	ck_assert_msg(rates_zero(&t->n), "first sample of a reader: "
	    RATES_FMT, RATES(&t->n));
	sleep_ms(1000);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.rchar_s > MIB && t->n.syscr_s > 0 &&
	    rates_sane(&t->n), "reader 1 s later: " RATES_FMT, RATES(&t->n));
}
END_TEST

/*
 * A child that read 64 MiB and spun, then idled through two samples and
 * was reaped: its parent's counters now include the child's (the kernel
 * adds them at the reaping), but nothing was read or run in that interval.
 */
START_TEST(test_exit_between)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	char				 buf[65536], c;
	int				 ready[2], go[2], fd;
	pid_t				 pid, cpid;
	uint64_t			 done, end;

	ck_assert(pipe(ready) == 0 && pipe(go) == 0);
	if ((pid = kid_fork()) == 0) {
		if ((cpid = fork()) == 0) {
			if ((fd = open("/dev/zero", O_RDONLY)) == -1)
				_exit(1);
			for (done = 0; done < 64 * MIB; done += sizeof buf) {
				if (read(fd, buf, sizeof buf) != sizeof buf)
					_exit(1);
			}
			for (end = ms_now() + 300; ms_now() < end;)
				/* spin */;
			kid_say(ready[1], getpid());
			if (read(go[0], &c, 1) != 1)
				_exit(1);
			_exit(0);
		}
		waitpid(cpid, NULL, 0);
		for (;;)
			pause();
	}
	cpid = kid_hear(ready[0]);

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 2, "root and child: procs %u", t->n.procs);
	sleep_ms(200);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 2 && t->n.rchar_s < MIB &&
	    t->n.cpu_pct < 20 && rates_sane(&t->n), "child idle: procs %u "
	    RATES_FMT, t->n.procs, RATES(&t->n));

	ck_assert(write(go[1], "x", 1) == 1);
	wait_state(cpid, -1);
	sleep_ms(200);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 1 && rates_sane(&t->n), "child %ld "
	    "reaped: procs %u " RATES_FMT, (long)cpid, t->n.procs,
	    RATES(&t->n));
	ck_assert_msg(t->n.rchar_s < MIB && t->n.syscr_s < 100 &&
	    t->n.cpu_pct < 20, "idle child %ld (64 MiB read, 300 ms spun, "
	    "both already sampled) reaped by idle root %ld: " RATES_FMT,
	    (long)cpid, (long)pid, RATES(&t->n));
}
END_TEST

/* A root that died, reaped or not: an empty tree, no crash. */
START_TEST(test_vanished)
{
	const struct sample_tree	 *t;
	const struct sample_proc	**list;
	struct sample_root		  roots[2];
	pid_t				  reaped, zombie;
	u_int				  n, i;

	if ((reaped = kid_fork()) == 0) {
		for (;;)
			pause();
	}
	if ((zombie = kid_fork()) == 0) {
		for (;;)
			pause();
	}
	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	roots[0].id = ID;
	roots[0].pid = reaped;
	roots[1].id = ID + 1;
	roots[1].pid = zombie;
	sample(roots, 2, ID);
	for (i = 0; i < 2; i++) {
		t = sampler_tree(sp, roots[i].id);
		ck_assert_msg(t != NULL && t->n.procs == 1, "root %d alive: "
		    "procs %u", roots[i].id, t != NULL ? t->n.procs : 0);
	}

	kill(reaped, SIGKILL);
	ck_assert(waitpid(reaped, NULL, 0) == reaped);
	kill(zombie, SIGKILL);
	wait_state(zombie, 'Z');
	for (i = 0; i < 2; i++) {
		t = sample(roots, 2, roots[i].id);
		ck_assert_msg(t->n.procs == 0 && t->n.threads == 0 &&
		    t->n.rss == 0 && t->n.footprint == 0 && t->n.fds == 0 &&
		    t->ndups == 0 && rates_zero(&t->n), "root %d %s: procs %u "
		    "threads %u rss %llu footprint %llu fds %u", roots[i].id,
		    i == 0 ? "killed and reaped" : "a zombie", t->n.procs,
		    t->n.threads, (unsigned long long)t->n.rss,
		    (unsigned long long)t->n.footprint, t->n.fds);
		n = sampler_procs(sp, roots[i].id, &list);
		free(list);
		ck_assert_msg(n == 0, "root %d dead: %u processes", roots[i].id,
		    n);
	}
}
END_TEST

/*
 * A root R with a child M whose child G runs in a session of its own (if
 * own_session). M exits when told on go; G is then ours, as the subreaper.
 * Returns R; G's pid in *gpid.
 */
static pid_t
orphan_tree(int own_session, int *go, pid_t *gpid)
{
	int	ready[2], gopipe[2];
	pid_t	pid, mid;
	char	c;

	ck_assert(pipe(ready) == 0 && pipe(gopipe) == 0);
	if ((pid = kid_fork()) == 0) {
		if ((mid = fork()) == 0) {
			if (fork() == 0) {
				/* No death signal: it must outlive M. */
				if (own_session)
					setsid();
				kid_say(ready[1], getpid());
				for (;;)
					pause();
			}
			close(gopipe[1]);
			if (read(gopipe[0], &c, 1) < 0)
				_exit(1);
			_exit(0);
		}
		for (;;)
			pause();	/* M stays a zombie: never reaped */
	}
	close(gopipe[0]);
	*go = gopipe[1];
	*gpid = kid_hear(ready[0]);
	kid_add(*gpid);
	return (pid);
}

/* A grandchild seen in the tree stays in it once re-parented to us. */
START_TEST(test_orphan_sticky)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	pid_t				 gpid;
	int				 go;

	ck_assert(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = orphan_tree(1, &go, &gpid);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 3 && in_tree(ID, gpid), "R, M and G %ld "
	    "(own session): procs %u, G in tree %d", (long)gpid, t->n.procs,
	    in_tree(ID, gpid));

	ck_assert(write(go, "x", 1) == 1);
	wait_parent(gpid, getpid());
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 2 && in_tree(ID, gpid), "M gone, G %ld "
	    "re-parented to the sampler's process: procs %u (want R and G), "
	    "G in tree %d", (long)gpid, t->n.procs, in_tree(ID, gpid));
	close(go);
}
END_TEST

/*
 * A grandchild first seen once re-parented to us: counted if it is in the
 * root's session, not if in a session of its own.
 */
START_TEST(test_orphan_unseen)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	pid_t				 gpid;
	int				 go, own = _i;

	ck_assert(prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
	root.id = ID;
	root.pid = orphan_tree(own, &go, &gpid);
	ck_assert(write(go, "x", 1) == 1);
	wait_parent(gpid, getpid());

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == (own ? 1u : 2u) &&
	    in_tree(ID, gpid) == !own, "G %ld never seen, %s: procs %u, "
	    "G in tree %d", (long)gpid, own ? "own session" :
	    "root's session", t->n.procs, in_tree(ID, gpid));
	close(go);
}
END_TEST

/*
 * With a slow cadence of a minute: footprint follows new anonymous memory
 * at once, pss waits for the next rollup, which sampler_refresh brings.
 */
START_TEST(test_slow)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	uint64_t			 fp1, pss1, fp2, pss2, fp, pss;
	int				 ready[2], go[2];
	pid_t				 pid;
	char				 c;

	ck_assert(pipe(ready) == 0 && pipe(go) == 0);
	if ((pid = kid_fork()) == 0) {
		kid_touch(16 * MIB);
		kid_say(ready[1], getpid());
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		kid_touch(48 * MIB);
		kid_say(ready[1], getpid());
		for (;;)
			pause();
	}
	kid_hear(ready[0]);

	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	sampler_set_slow(sp, 60000);
	root.id = ID;
	root.pid = pid;
	t = sample(&root, 1, ID);
	fp1 = t->n.footprint;
	pss1 = t->n.pss;
	ck_assert_msg(fp1 >= 16 * MIB, "16 MiB touched: footprint %llu",
	    (unsigned long long)fp1);

	ck_assert(write(go[1], "x", 1) == 1);
	kid_hear(ready[0]);
	t = sample(&root, 1, ID);
	fp2 = t->n.footprint;
	pss2 = t->n.pss;
	proc_rollup(pid, &fp, &pss);
	ck_assert_msg(pss2 == pss1, "48 MiB more, slow 60 s: pss %llu then "
	    "%llu, want unchanged", (unsigned long long)pss1,
	    (unsigned long long)pss2);
	ck_assert_msg(fp2 >= fp1 + 45 * MIB, "48 MiB more: footprint %llu "
	    "then %llu", (unsigned long long)fp1, (unsigned long long)fp2);
	ck_assert_msg(fp2 >= fp - fp / 20 && fp2 <= fp + fp / 20,
	    "footprint between rollups %llu, rollup Private_Dirty + Swap %llu",
	    (unsigned long long)fp2, (unsigned long long)fp);

	sampler_refresh(sp, ID);
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.pss >= pss1 + 45 * MIB && t->n.pss >= pss - pss / 20 &&
	    t->n.pss <= pss + pss / 20, "after sampler_refresh: pss %llu "
	    "(was %llu), rollup Pss %llu", (unsigned long long)t->n.pss,
	    (unsigned long long)pss1, (unsigned long long)pss);
}
END_TEST

/*
 * A root passed only from its second sample on (or left out of one) is
 * counted like any other: sampler_run takes the roots afresh each time.
 */
START_TEST(test_late_root)
{
	const struct sample_tree	*t;
	struct sample_root		 root;
	pid_t				 pid;

	if ((pid = kid_fork()) == 0) {
		for (;;)
			pause();
	}
	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	root.id = ID;
	root.pid = pid;
	if (_i == 0) {
		sampler_run(sp, NULL, 0, ms_now());
	} else {
		t = sample(&root, 1, ID);
		ck_assert_msg(t->n.procs == 1, "root %ld: procs %u", (long)pid,
		    t->n.procs);
		sampler_run(sp, NULL, 0, ms_now());
	}
	t = sample(&root, 1, ID);
	ck_assert_msg(t->n.procs == 1 && in_tree(ID, pid), "root %ld %s: "
	    "procs %u", (long)pid, _i == 0 ? "first passed on the second "
	    "sample" : "left out of one sample", t->n.procs);
}
END_TEST

/* No /proc, no sampler. */
START_TEST(test_create_fails)
{
	struct sampler	*s;

	s = sampler_create("/nonexistent/vigil-proc", getpid());
	ck_assert_msg(s == NULL, "sampler_create of a missing dir: %p",
	    (void *)s);
	s = sampler_create("/proc/self/stat", 0);
	ck_assert_msg(s == NULL, "sampler_create of a file: %p", (void *)s);
	sampler_free(NULL);
}
END_TEST

/*
 * The sampler holds at most a quarter of the fds it may open: past that,
 * processes of a tree are still all counted, their directories opened
 * for each sample only; and released handles come back.
 */
START_TEST(test_handle_cap)
{
	const struct sample_tree	*t;
	struct sample_root		 roots[1];
	struct rlimit			 rl;
	pid_t				 root, kids30[30];
	int				 fd, open_before, open_after;
	u_int				 i;

	if ((root = kid_fork()) == 0) {
		execl("/bin/sh", "sh", "-c", "i=0; while [ $i -lt 30 ]; do "
		    "sleep 100 & i=$((i + 1)); done; wait", (char *)NULL);
		_exit(127);
	}
	wait_children(root, "sleep", 30, kids30);
	ck_assert(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	rl.rlim_cur = 64;		/* 16 handles at most */
	ck_assert_msg(setrlimit(RLIMIT_NOFILE, &rl) == 0, "setrlimit: %s",
	    strerror(errno));
	sp = sampler_create("/proc", getpid());
	ck_assert(sp != NULL);
	roots[0].id = ID;
	roots[0].pid = root;
	for (i = 0; i < 3; i++) {
		t = sample(roots, 1, ID);
		ck_assert_msg(t->n.procs == 31 && t->n.rss > 0, "sample %u: "
		    "procs %u rss %llu, want 31 and > 0", i, t->n.procs,
		    (unsigned long long)t->n.rss);
		sleep_ms(50);
	}
	/* The next descriptor number: how many the sampler holds, roughly. */
	fd = dup(0);
	open_before = fd;
	close(fd);
	ck_assert_msg(open_before < 16 + 16, "%d fds open with a cap of 16",
	    open_before);
	sampler_release(sp);
	fd = dup(0);
	open_after = fd;
	close(fd);
	ck_assert_msg(open_after <= open_before, "release: %d then %d",
	    open_before, open_after);
	t = sample(roots, 1, ID);
	ck_assert_msg(t->n.procs == 31, "after release: procs %u",
	    t->n.procs);
}
END_TEST

Suite *
suite_sample(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("sample");

	tc = tcase_create("trees");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_tree);
	tcase_add_test(tc, test_vanished);
	tcase_add_test(tc, test_orphan_sticky);
	tcase_add_loop_test(tc, test_orphan_unseen, 0, 2);
	tcase_add_loop_test(tc, test_late_root, 0, 2);
	tcase_add_test(tc, test_create_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_memory);
	tcase_add_test(tc, test_fds);
	tcase_add_test(tc, test_cpu);
	tcase_add_test(tc, test_cpu_short_lived);
	tcase_add_test(tc, test_io);
	tcase_add_test(tc, test_exit_between);
	tcase_add_test(tc, test_slow);
	tcase_add_test(tc, test_handle_cap);
	suite_add_tcase(s, tc);

	return (s);
}
