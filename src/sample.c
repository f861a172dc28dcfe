/*
 * Sampling process trees (see sample.h for who belongs to a tree).
 *
 * Each sample lists /proc, reads the stat of processes it has not seen
 * before (to learn their parent), and reads the cheap files of every
 * process in a tree through a handle on its /proc directory kept open from
 * sample to sample (a handle on a process that has gone fails every read,
 * so a reused pid is never mistaken for it). Processes outside every tree
 * are read once, and again only if their parent goes away (they may have
 * been re-parented to us, the subreaper) or if /proc lists their pid with
 * another inode (the pid was reused: procfs gives each process's directory
 * its own inode). This is cheaper than the kernel's children files, which
 * would have to be read for every thread of every process in a tree.
 *
 * smaps_rollup, status and the fd links cost far more, so they are read
 * per process every "slow" interval (smaps_rollup only if the process's
 * memory has moved), and the fd links also when the number of fds
 * changes (at most every 2 s). Each sample has a budget for that work.
 *
 * Between two readings of smaps_rollup, a process's footprint is the last
 * private dirty figure moved by however much its anonymous RSS has moved
 * since, plus its swap now: growth shows at once, and the figure is exact
 * again at each slow reading.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/resource.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/procfs.h"
#include "vigil/sample.h"
#include "vigil/xmalloc.h"

#define SAMPLE_SLOW_DEFAULT	10000	/* ms */
#define SAMPLE_FDS_MIN		2000	/* ms between fd walks on change */
#define SAMPLE_DEPTH_MAX	512	/* deepest ppid chain followed */
#define SAMPLE_ROLLUP_STILL	6	/* slow intervals a still one waits */
#define SAMPLE_HANDLES_MAX	4096	/* directories held open at most */
#define SAMPLE_WALK_MAX		8192	/* more fds: counted, not walked */
#define SAMPLE_WALK_BUDGET	16384	/* fd links read per sample */
#define SAMPLE_ROLLUP_BUDGET	(4ULL << 30)	/* RSS rolled up a sample */

struct sampler {
	int			 procfd;
	DIR			*dir;
	pid_t			 self;
	uint64_t		 slow;
	u_int			 gen;

	uint64_t		 rate_min;
	u_int			 nhandles;	/* directories held open */
	u_int			 max_handles;
	u_int			 walk_left;	/* fds this sample may walk */
	uint64_t		 rollup_left;	/* RSS it may roll up */
	struct sample_proc	**procs;	/* sorted by pid */
	u_int			 nprocs;

	struct sample_tree	*trees;
	u_int			 ntrees;
	int			*refresh;	/* root ids to read fully */
	u_int			 nrefresh;
};

/* A process as /proc lists it. */
struct sample_entry {
	pid_t	pid;
	ino_t	ino;
};

static int
sample_cmp_entry(const void *a, const void *b)
{
	pid_t	x = ((const struct sample_entry *)a)->pid;
	pid_t	y = ((const struct sample_entry *)b)->pid;

	return (x < y ? -1 : x > y);
}

/* The process with a pid, or NULL. */
static struct sample_proc *
sample_find(struct sampler *s, pid_t pid)
{
	u_int	lo = 0, hi = s->nprocs, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (s->procs[mid]->pid == pid)
			return (s->procs[mid]);
		if (s->procs[mid]->pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

static void
sample_free_dups(struct sample_dup *dups, u_int n)
{
	u_int	i;

	for (i = 0; i < n; i++)
		free(dups[i].path);
	free(dups);
}

/* Let go of a process's handle on its directory. */
static void
sample_close(struct sampler *s, struct sample_proc *p)
{
	if (p->dirfd != -1) {
		close(p->dirfd);
		p->dirfd = -1;
		if (p->held) {
			s->nhandles--;
			p->held = 0;
		}
	}
}

static void
sample_proc_free(struct sampler *s, struct sample_proc *p)
{
	sample_close(s, p);
	sample_free_dups(p->dups, p->ndups);
	free(p);
}

struct sampler *
sampler_create(const char *procdir, pid_t self)
{
	struct sampler	*s;
	struct rlimit	 rl;
	int		 fd, dfd;
	DIR		*dir;

	if ((fd = open(procdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (NULL);
	if ((dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (dir = fdopendir(dfd)) == NULL) {
		if (dfd != -1)
			close(dfd);
		close(fd);
		return (NULL);
	}
	s = xcalloc(1, sizeof *s);
	s->procfd = fd;
	s->dir = dir;
	s->self = self;
	s->slow = SAMPLE_SLOW_DEFAULT;
	/* A quarter of what we may open, for the processes in trees. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		s->max_handles = rl.rlim_cur / 4;
	else
		s->max_handles = SAMPLE_HANDLES_MAX;
	if (s->max_handles > SAMPLE_HANDLES_MAX)
		s->max_handles = SAMPLE_HANDLES_MAX;
	return (s);
}

static void
sample_free_trees(struct sampler *s)
{
	u_int	i;

	for (i = 0; i < s->ntrees; i++)
		sample_free_dups(s->trees[i].dups, s->trees[i].ndups);
	free(s->trees);
	s->trees = NULL;
	s->ntrees = 0;
}

void
sampler_free(struct sampler *s)
{
	u_int	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nprocs; i++)
		sample_proc_free(s, s->procs[i]);
	free(s->procs);
	sample_free_trees(s);
	free(s->refresh);
	closedir(s->dir);
	close(s->procfd);
	free(s);
}

void
sampler_set_slow(struct sampler *s, uint64_t ms)
{
	s->slow = ms;
}

void
sampler_release(struct sampler *s)
{
	u_int	i;

	for (i = 0; i < s->nprocs; i++)
		sample_close(s, s->procs[i]);
}

void
sampler_set_rate_min(struct sampler *s, uint64_t ms)
{
	s->rate_min = ms;
}

void
sampler_refresh(struct sampler *s, int id)
{
	s->refresh = xreallocarray(s->refresh, s->nrefresh + 1,
	    sizeof *s->refresh);
	s->refresh[s->nrefresh++] = id;
}

/* Every pid now in /proc with the inode of its directory, by pid. */
static u_int
sample_list(struct sampler *s, struct sample_entry **out)
{
	struct sample_entry	*list = NULL;
	struct dirent		*de;
	u_int			 n = 0, size = 0;
	char			*end;
	long			 v;

	rewinddir(s->dir);
	while ((de = readdir(s->dir)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		errno = 0;
		v = strtol(de->d_name, &end, 10);
		if (*end != '\0' || errno != 0 || v <= 0 || v > INT32_MAX)
			continue;
		if (n == size) {
			size = size == 0 ? 512 : size * 2;
			list = xreallocarray(list, size, sizeof *list);
		}
		list[n].pid = (pid_t)v;
		list[n++].ino = de->d_ino;
	}
	if (n > 1)
		qsort(list, n, sizeof *list, sample_cmp_entry);
	*out = list;
	return (n);
}

/* Read a process's stat into p; -1 if it has gone. */
static int
sample_read_stat(struct sample_proc *p)
{
	struct procfs_stat	st;

	if (procfs_read_stat(p->dirfd, &st) != 0 || st.pid != p->pid)
		return (-1);
	if (p->start != 0 && st.starttime != p->start)
		return (-1);		/* not the process we knew */
	p->start = st.starttime;
	p->ppid = st.ppid;
	p->sid = st.sid;
	p->state = st.state;
	memcpy(p->comm, st.comm, sizeof p->comm);
	p->n.threads = st.threads > 0 ? (u_int)st.threads : 0;
	/* Reaped children's time too: see sample_merge. */
	p->ticks_now = st.utime + st.stime + st.cutime + st.cstime;
	p->start_stack = st.start_stack;
	if (st.flags & PROCFS_PF_KTHREAD)
		p->state = 'K';		/* never in a tree */
	return (0);
}

/*
 * Read a process's stat through a handle opened for the purpose, kept only
 * if keep is set; -1 if it has gone.
 */
static int
sample_open_stat(struct sampler *s, struct sample_proc *p, int keep)
{
	if (p->dirfd == -1 &&
	    (p->dirfd = procfs_open_pid(s->procfd, p->pid)) == -1)
		return (-1);
	if (sample_read_stat(p) != 0) {
		sample_close(s, p);
		return (-1);
	}
	/* Past the cap, a process in a tree opens its directory each time. */
	if (keep && !p->held && s->nhandles < s->max_handles) {
		p->held = 1;
		s->nhandles++;
	} else if (!keep || !p->held)
		sample_close(s, p);
	return (0);
}

/*
 * A process seen for the first time: its stat, for its parent. Its handle
 * is kept only once it is found in a tree, so that the thousands of
 * processes of a busy machine don't cost a descriptor each.
 */
static struct sample_proc *
sample_new_proc(struct sampler *s, const struct sample_entry *e)
{
	struct sample_proc	*p;

	p = xcalloc(1, sizeof *p);
	p->pid = e->pid;
	p->ino = e->ino;
	p->dirfd = -1;
	p->root = -1;
	p->fresh = 1;
	p->gen = s->gen;
	if (sample_open_stat(s, p, 0) != 0) {
		sample_proc_free(s, p);
		return (NULL);
	}
	return (p);
}

/*
 * Merge the listing into the table: keep the processes still there, add
 * new ones, drop the ones that went.
 *
 * A process's CPU time includes its reaped children's (cutime), and so
 * does its /proc/PID/io: the work of children too short-lived to be
 * sampled is still counted. A child we did sample has had its work
 * counted up to its last sample: when it goes, that much is added to its
 * parent's starting point, so only its last moments come in through the
 * parent.
 */
static void
sample_merge(struct sampler *s, const struct sample_entry *list, u_int nlist)
{
	struct sample_proc	**procs, *p, *parent;
	struct {
		pid_t			 ppid;
		unsigned long long	 ticks;
		struct procfs_io	 io;
		int			 io_ok;
	}			 *gone = NULL;
	u_int			  i = 0, j = 0, n = 0, ngone = 0;

	procs = xreallocarray(NULL, nlist + 1, sizeof *procs);
	while (i < s->nprocs || j < nlist) {
		if (j == nlist || (i < s->nprocs &&
		    s->procs[i]->pid < list[j].pid)) {
			p = s->procs[i++];
			if (p->root != -1 && !p->fresh) {
				gone = xreallocarray(gone, ngone + 1,
				    sizeof *gone);
				gone[ngone].ppid = p->ppid;
				gone[ngone].ticks = p->ticks;
				gone[ngone].io = p->io;
				gone[ngone++].io_ok = p->io_ok;
			}
			sample_proc_free(s, p);
			continue;
		}
		if (i < s->nprocs && s->procs[i]->pid == list[j].pid &&
		    (s->procs[i]->ino == list[j].ino ||
		    s->procs[i]->dirfd != -1)) {
			/*
			 * The same process: its directory has the same inode,
			 * or we hold a handle that will tell if it is not.
			 */
			p = s->procs[i++];
			p->ino = list[j++].ino;
			procs[n++] = p;
			continue;
		}
		if (i < s->nprocs && s->procs[i]->pid == list[j].pid) {
			/* Another inode: most likely the pid was reused. */
			p = s->procs[i++];
			sample_proc_free(s, p);
		}
		if ((p = sample_new_proc(s, &list[j++])) != NULL)
			procs[n++] = p;
	}
	free(s->procs);
	s->procs = procs;
	s->nprocs = n;

	for (i = 0; i < ngone; i++) {
		parent = sample_find(s, gone[i].ppid);
		if (parent == NULL || parent->root == -1 || parent->fresh)
			continue;
		parent->ticks += gone[i].ticks;
		if (parent->io_ok && gone[i].io_ok) {
			parent->io.rchar += gone[i].io.rchar;
			parent->io.wchar += gone[i].io.wchar;
			parent->io.syscr += gone[i].io.syscr;
			parent->io.syscw += gone[i].io.syscw;
			parent->io.read_bytes += gone[i].io.read_bytes;
			parent->io.write_bytes += gone[i].io.write_bytes;
		}
	}
	free(gone);
}

/*
 * Bring stats up to date where it matters: processes in a tree (we hold
 * their handle), and those whose parent has gone, which may have been
 * re-parented to us. New ones were read when found.
 */
static void
sample_update_stats(struct sampler *s)
{
	struct sample_proc	*p;
	u_int			 i;

	for (i = 0; i < s->nprocs; i++) {
		p = s->procs[i];
		if (p->gen == s->gen)
			continue;
		if (p->root == -1 && p->dirfd == -1 && (p->ppid <= 1 ||
		    sample_find(s, p->ppid) != NULL))
			continue;
		if (sample_open_stat(s, p, p->root != -1) != 0) {
			p->state = 'X';
			continue;
		}
		p->gen = s->gen;
	}
}

/* The root whose process has this pid, or -1. */
static int
sample_root_of_pid(const struct sample_root *roots, u_int n, pid_t pid)
{
	u_int	i;

	for (i = 0; i < n; i++) {
		if (roots[i].pid == pid)
			return (roots[i].id);
	}
	return (-1);
}

/* The root an orphan of ours goes to: where it was, else its session's. */
static int
sample_orphan_root(struct sampler *s, struct sample_proc *p,
    const struct sample_root *roots, u_int n)
{
	struct sample_proc	*r;
	u_int			 i;

	for (i = 0; i < n; i++) {
		if (roots[i].id == p->root)
			return (p->root);
	}
	/* Only a root that leads its own session (the pane has setsid). */
	for (i = 0; i < n; i++) {
		r = sample_find(s, roots[i].pid);
		if (r != NULL && r->sid == r->pid && r->sid == p->sid)
			return (roots[i].id);
	}
	return (-1);
}

/* The root a process belongs to, following parents up. */
static int
sample_root_of(struct sampler *s, struct sample_proc *p,
    const struct sample_root *roots, u_int n)
{
	struct sample_proc	*q = p;
	int			 id, depth;

	for (depth = 0; depth < SAMPLE_DEPTH_MAX; depth++) {
		if ((id = sample_root_of_pid(roots, n, q->pid)) != -1)
			return (id);
		if (q->ppid == s->self && s->self > 0)
			return (sample_orphan_root(s, q, roots, n));
		if (q->ppid <= 1 || (q = sample_find(s, q->ppid)) == NULL)
			return (-1);
	}
	return (-1);
}

/*
 * Decide every process's tree: open a handle on those that joined one,
 * close it on those that left.
 */
static void
sample_assign(struct sampler *s, const struct sample_root *roots, u_int n)
{
	struct sample_proc	*p;
	int			*ids;
	u_int			 i, j;

	/* Decide all first: an orphan's old root is read while deciding. */
	ids = xreallocarray(NULL, s->nprocs + 1, sizeof *ids);
	for (i = 0; i < s->nprocs; i++) {
		p = s->procs[i];
		if (p->state == 'X' || p->state == 'K')
			ids[i] = -1;
		else
			ids[i] = sample_root_of(s, p, roots, n);
	}
	for (i = j = 0; i < s->nprocs; i++) {
		p = s->procs[i];
		if (ids[i] != -1 && p->root != ids[i]) {
			/* Joined: a handle to keep, and no rates yet. */
			if (sample_open_stat(s, p, 1) != 0)
				p->state = 'X';
			p->fresh = 1;
		}
		if (p->state == 'X') {
			/* Gone: if its pid is listed again, that's another. */
			sample_proc_free(s, p);
			continue;
		}
		s->procs[j++] = p;
		if (ids[i] == -1)
			sample_close(s, p);
		p->root = ids[i];
	}
	s->nprocs = j;
	free(ids);
}

/* Order regular files by identity (dev and inode, else path), the rest last. */
static int
sample_cmp_file(const void *a, const void *b)
{
	const struct procfs_fd	*x = a, *y = b;
	int			 xf, yf;

	xf = x->kind == PROCFS_FD_FILE && x->path != NULL;
	yf = y->kind == PROCFS_FD_FILE && y->path != NULL;
	if (xf != yf)
		return (xf ? -1 : 1);
	if (!xf)
		return (0);
	if (x->dev != y->dev)
		return (x->dev < y->dev ? -1 : 1);
	if (x->ino != y->ino)
		return (x->ino < y->ino ? -1 : 1);
	if (x->ino != 0)
		return (0);
	return (strcmp(x->path, y->path));
}

/* Keep a process's regular files that are open more than once. */
static void
sample_find_dups(struct sample_proc *p, struct procfs_fd *fds, int n)
{
	int	i, j;

	sample_free_dups(p->dups, p->ndups);
	p->dups = NULL;
	p->ndups = 0;
	if (n > 1)
		qsort(fds, n, sizeof *fds, sample_cmp_file);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && sample_cmp_file(&fds[i],
		    &fds[j]) == 0; j++)
			/* nothing */;
		if (fds[i].kind != PROCFS_FD_FILE || fds[i].path == NULL)
			break;		/* the rest are not files */
		if (j - i < 2)
			continue;
		p->dups = xreallocarray(p->dups, p->ndups + 1,
		    sizeof *p->dups);
		p->dups[p->ndups].path = xstrdup(fds[i].path);
		p->dups[p->ndups].count = j - i;
		p->dups[p->ndups++].pid = p->pid;
	}
}

/*
 * Walk a process's fd links: kinds and files open more than once. The
 * walk costs a system call or two per fd, inside the server's loop: a
 * process with more than SAMPLE_WALK_MAX is only counted, and a sample
 * walks at most SAMPLE_WALK_BUDGET fds (the rest wait for the next one).
 */
static void
sample_walk_fds(struct sampler *s, struct sample_proc *p, uint64_t now)
{
	struct procfs_fd	*fds = NULL;
	int			 n, i;

	if (p->n.fds > SAMPLE_WALK_MAX) {
		p->fds_at = now;
		p->fds_walked = (int)p->n.fds;
		return;
	}
	if (p->n.fds > s->walk_left && s->walk_left < SAMPLE_WALK_BUDGET)
		return;
	s->walk_left -= p->n.fds < s->walk_left ? p->n.fds : s->walk_left;
	if ((n = procfs_read_fds(p->dirfd, &fds)) < 0) {
		p->fds_at = now;	/* not ours to read: try slowly */
		return;
	}
	memset(p->n.fds_kind, 0, sizeof p->n.fds_kind);
	for (i = 0; i < n; i++)
		p->n.fds_kind[fds[i].kind]++;
	sample_find_dups(p, fds, n);
	procfs_free_fds(fds, n);
	p->fds_at = now;
	p->fds_walked = n;
	p->n.fds = (u_int)n;
}

/* Rates from the counters of the last sample to these. */
static void
sample_rates(struct sample_proc *p, const struct procfs_io *io, int io_ok,
    uint64_t now)
{
	double	dt = (double)(now - p->at) / 1000.0;
	long	hz = procfs_clock_ticks();

#define SAMPLE_RATE(a, b) ((a) >= (b) ? (double)((a) - (b)) / dt : 0.0)
	if (p->fresh || now <= p->at) {
		/* Nothing to compare with yet: no spike from a newcomer. */
		p->n.cpu_pct = 0.0;
		p->n.rchar_s = p->n.wchar_s = 0.0;
		p->n.read_bytes_s = p->n.write_bytes_s = 0.0;
		p->n.syscr_s = p->n.syscw_s = 0.0;
		return;
	}
	p->n.cpu_pct = hz > 0 ? SAMPLE_RATE(p->ticks_now, p->ticks) * 100.0 /
	    hz : 0.0;
	if (io_ok && p->io_ok) {
		p->n.rchar_s = SAMPLE_RATE(io->rchar, p->io.rchar);
		p->n.wchar_s = SAMPLE_RATE(io->wchar, p->io.wchar);
		p->n.read_bytes_s = SAMPLE_RATE(io->read_bytes,
		    p->io.read_bytes);
		p->n.write_bytes_s = SAMPLE_RATE(io->write_bytes,
		    p->io.write_bytes);
		p->n.syscr_s = SAMPLE_RATE(io->syscr, p->io.syscr);
		p->n.syscw_s = SAMPLE_RATE(io->syscw, p->io.syscw);
	}
#undef SAMPLE_RATE
}

/*
 * smaps_rollup, when it is due: every slow interval, but not while the
 * process's memory has not moved since the last reading (up to a few
 * intervals); and at once after an exec (a new name or stack) or when
 * half its anonymous memory has gone, since the estimate between readings
 * holds only while the process keeps its image.
 */
static void
sample_read_rollup(struct sampler *s, struct sample_proc *p, uint64_t now,
    int force)
{
	struct procfs_rollup	ru;
	int			due;
	uint64_t		age = now - p->rollup_at;

	due = age >= s->slow && (p->n.rss != p->rollup_rss ||
	    p->rss_anon != p->rollup_anon || p->n.swap != p->rollup_swap ||
	    age >= s->slow * SAMPLE_ROLLUP_STILL);
	if (force || due || strcmp(p->comm, p->rollup_comm) != 0 ||
	    p->start_stack != p->rollup_stack ||
	    p->rss_anon < p->rollup_anon / 2) {
		/* The walk costs ~12 us per MiB: so much per sample. */
		if (p->n.rss > s->rollup_left &&
		    s->rollup_left < SAMPLE_ROLLUP_BUDGET)
			goto estimate;
		s->rollup_left -= p->n.rss < s->rollup_left ? p->n.rss :
		    s->rollup_left;
		p->rollup_ok = procfs_read_rollup(p->dirfd, &ru) == 0;
		p->rollup_at = now;
		memcpy(p->rollup_comm, p->comm, sizeof p->rollup_comm);
		p->rollup_stack = p->start_stack;
		p->rollup_anon = p->rss_anon;
		if (p->rollup_ok) {
			p->n.pss = ru.pss;
			p->n.swap = ru.swap;
			p->rollup_dirty = ru.private_dirty;
		}
		p->rollup_rss = p->n.rss;
		p->rollup_swap = p->n.swap;
	}
estimate:
	if (p->rollup_ok) {
		int64_t	fp = (int64_t)p->rollup_dirty +
		    ((int64_t)p->rss_anon - (int64_t)p->rollup_anon);

		p->n.footprint = (fp > 0 ? (uint64_t)fp : 0) + p->n.swap;
	} else {
		p->n.pss = p->n.rss;
		p->n.footprint = p->rss_anon + p->n.swap;
	}
}

/* Read one process of a tree: its memory, I/O and fds. */
static void
sample_read_proc(struct sampler *s, struct sample_proc *p, uint64_t now,
    int full)
{
	struct procfs_statm	sm;
	struct procfs_status	st;
	struct procfs_io	io;
	int			io_ok, fds, slow;

	/* Past the handle cap: open the directory for this sample only. */
	if (p->dirfd == -1 &&
	    (p->dirfd = procfs_open_pid(s->procfd, p->pid)) == -1)
		return;
	if (procfs_read_statm(p->dirfd, &sm) == 0) {
		p->n.rss = sm.resident;
		p->rss_anon = sm.resident - sm.shared;
	}
	slow = full || p->slow_at == 0 || now - p->slow_at >= s->slow;
	if (slow) {
		/* Swap moves with RSS, so the slow pass will do. */
		if (procfs_read_status(p->dirfd, &st) == 0)
			p->n.swap = st.swap;
		p->slow_at = now;
	}
	sample_read_rollup(s, p, now, full || p->rollup_at == 0);

	/* A sample soon after the last (asked for) keeps the last rates. */
	if (p->fresh || now - p->at >= s->rate_min) {
		io_ok = procfs_read_io(p->dirfd, &io) == 0;
		sample_rates(p, &io, io_ok, now);
		p->ticks = p->ticks_now;
		if (io_ok)
			p->io = io;
		p->io_ok = io_ok;
		p->at = now;
	}

	fds = procfs_count_fds(p->dirfd);
	if (fds >= 0)
		p->n.fds = (u_int)fds;
	if (slow || p->fds_at == 0 || now - p->fds_at >= s->slow ||
	    (fds != p->fds_walked && now - p->fds_at >= SAMPLE_FDS_MIN))
		sample_walk_fds(s, p, now);
	p->n.procs = 1;
	p->fresh = 0;
	if (!p->held)
		sample_close(s, p);
}

/*
 * Add a process's files open more than once to its tree's list. They stay
 * per process: a file a parent and child both hold (inherited) is not one
 * held many times.
 */
static void
sample_tree_dups(struct sample_tree *t, const struct sample_proc *p)
{
	u_int	i;

	for (i = 0; i < p->ndups; i++) {
		t->dups = xreallocarray(t->dups, t->ndups + 1,
		    sizeof *t->dups);
		t->dups[t->ndups].path = xstrdup(p->dups[i].path);
		t->dups[t->ndups].count = p->dups[i].count;
		t->dups[t->ndups++].pid = p->pid;
	}
}

static void
sample_add(struct sample_numbers *to, const struct sample_numbers *n)
{
	u_int	k;

	to->procs += n->procs;
	to->threads += n->threads;
	to->cpu_pct += n->cpu_pct;
	to->rss += n->rss;
	to->pss += n->pss;
	to->swap += n->swap;
	to->footprint += n->footprint;
	to->fds += n->fds;
	for (k = 0; k < PROCFS_FD_KINDS; k++)
		to->fds_kind[k] += n->fds_kind[k];
	to->rchar_s += n->rchar_s;
	to->wchar_s += n->wchar_s;
	to->read_bytes_s += n->read_bytes_s;
	to->write_bytes_s += n->write_bytes_s;
	to->syscr_s += n->syscr_s;
	to->syscw_s += n->syscw_s;
}

static int
sample_wants_refresh(struct sampler *s, int id)
{
	u_int	i;

	for (i = 0; i < s->nrefresh; i++) {
		if (s->refresh[i] == id)
			return (1);
	}
	return (0);
}

void
sampler_run(struct sampler *s, const struct sample_root *roots, u_int n,
    uint64_t now)
{
	struct sample_proc	*p;
	struct sample_tree	*t;
	struct sample_entry	*list;
	u_int			 nlist, i, j;

	s->gen++;
	s->walk_left = SAMPLE_WALK_BUDGET;
	s->rollup_left = SAMPLE_ROLLUP_BUDGET;
	nlist = sample_list(s, &list);
	sample_merge(s, list, nlist);
	free(list);

	sample_update_stats(s);
	sample_assign(s, roots, n);

	sample_free_trees(s);
	s->trees = xcalloc(n + 1, sizeof *s->trees);
	s->ntrees = n;
	for (j = 0; j < n; j++) {
		s->trees[j].id = roots[j].id;
		s->trees[j].pid = roots[j].pid;
	}
	for (i = 0; i < s->nprocs; i++) {
		p = s->procs[i];
		if (p->root == -1 || p->state == 'Z')
			continue;
		for (j = 0; j < n && roots[j].id != p->root; j++)
			/* nothing */;
		if (j == n)
			continue;
		t = &s->trees[j];
		sample_read_proc(s, p, now, sample_wants_refresh(s, p->root));
		sample_add(&t->n, &p->n);
		sample_tree_dups(t, p);
	}
	s->nrefresh = 0;
}

const struct sample_tree *
sampler_tree(struct sampler *s, int id)
{
	u_int	i;

	for (i = 0; i < s->ntrees; i++) {
		if (s->trees[i].id == id)
			return (&s->trees[i]);
	}
	return (NULL);
}

static int
sample_cmp_heavy(const void *a, const void *b)
{
	const struct sample_proc *x = *(const struct sample_proc *const *)a;
	const struct sample_proc *y = *(const struct sample_proc *const *)b;

	if (x->n.footprint != y->n.footprint)
		return (x->n.footprint > y->n.footprint ? -1 : 1);
	return (x->pid < y->pid ? -1 : x->pid > y->pid);
}

u_int
sampler_procs(struct sampler *s, int id, const struct sample_proc ***out)
{
	const struct sample_proc	**list;
	u_int				  i, n = 0;

	list = xreallocarray(NULL, s->nprocs + 1, sizeof *list);
	for (i = 0; i < s->nprocs; i++) {
		if (s->procs[i]->root == id && s->procs[i]->state != 'Z' &&
		    s->procs[i]->state != 'X')
			list[n++] = s->procs[i];
	}
	qsort(list, n, sizeof *list, sample_cmp_heavy);
	*out = list;
	return (n);
}

u_int
sampler_count(struct sampler *s, u_int *in_trees)
{
	u_int	i, n = 0;

	for (i = 0; i < s->nprocs; i++) {
		if (s->procs[i]->root != -1)
			n++;
	}
	if (in_trees != NULL)
		*in_trees = n;
	return (s->nprocs);
}
