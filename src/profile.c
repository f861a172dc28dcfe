/*
 * The hot-file profiler's engine: a ptrace tracer of a process tree.
 *
 * profile_start() starts a tracer thread that seizes every thread of every
 * process below the root (rescanning /proc until a pass finds nothing new,
 * as processes fork while we attach) and then loops on waitpid(-1, __WALL):
 * each syscall stop is read with PTRACE_GET_SYSCALL_INFO and counted, each
 * fork, clone and exec event updates what we know of the tree, each signal
 * is passed back on resume, each group-stop is kept with PTRACE_LISTEN.
 *
 * Paths come from /proc/TID/fd/N at the return of an open, so they are
 * absolute and one file has one name however it was opened. Each process
 * has a table of its descriptors pointing at open file descriptions
 * (shared by dup and fork, as in the kernel), so an open-write-close cycle
 * is counted when the last descriptor of a description that was opened
 * and written during the profile goes (close, dup2 over it, or exit).
 * Descriptors opened before the profile are named the first time they are
 * used. After an exec, a descriptor may have been closed by O_CLOEXEC, so
 * each one is checked against /proc once before it is trusted again.
 *
 * Only the tracer thread touches the tables; the results are read once it
 * has finished. Everything shared with other threads is under a lock.
 *
 * The kernel runs a setuid, setgid or file-capability program exec'd by
 * a tracee without its privileges (unless the tracer could trace it
 * anyway): sudo would fail while traced. So at the entry of each exec the
 * program is looked at, and a thread about to run such a one is let go.
 */

#include "config.h"

#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>

#include <linux/audit.h>
#include <linux/close_range.h>
#include <linux/kcmp.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigil/log.h"
#include "vigil/proctree.h"
#include "vigil/profile.h"
#include "vigil/xmalloc.h"

#define PROFILE_OPTIONS	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | \
	PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC)
#define PROFILE_SYSCALL_STOP	(SIGTRAP | 0x80)
#define PROFILE_WAKE		SIGURG	/* ignored by default if stray */
#define PROFILE_POKE_MS		20	/* how often a stop request is repeated */
#define PROFILE_PASSES		16	/* attach passes over /proc at most */
#define PROFILE_MAXFD		(1 << 20)
#define PROFILE_TBUCKETS	256
#define PROFILE_PBUCKETS	4096
#define PROFILE_CALL_COST	1024	/* a call weighs as much as 1 KB copied */

#if defined(__x86_64__)
#define PROFILE_ARCH		AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define PROFILE_ARCH		AUDIT_ARCH_AARCH64
#else
#define PROFILE_ARCH		0	/* take every call as native */
#endif

/* What a system call does to descriptors. */
enum profile_op {
	PROFILE_OP_NONE,
	PROFILE_OP_OPEN,
	PROFILE_OP_READ,
	PROFILE_OP_WRITE,
	PROFILE_OP_CLOSE,
	PROFILE_OP_CLOSE_RANGE,
	PROFILE_OP_DUP,		/* the new descriptor is the return value */
	PROFILE_OP_DUP2		/* the new descriptor is the second argument */
};

static const enum profile_kind profile_op_kind[] = {
	PROFILE_OTHER, PROFILE_OPEN, PROFILE_READ, PROFILE_WRITE,
	PROFILE_CLOSE, PROFILE_CLOSE, PROFILE_DUP, PROFILE_DUP
};

/* A process's share of a path's calls. */
struct profile_who {
	pid_t			 pid;
	char			 comm[16];
	uint64_t		 calls;
};

/* A path and what we keep to tell whether it changed between opens. */
struct profile_path {
	struct profile_file	 f;
	int			 seen;		/* stat taken at an open */
	uint64_t		 mtime_ns;
	uint64_t		 ino;
	uint64_t		 dev;
	struct profile_who	*who;
	u_int			 nwho;
	struct profile_path	*next;
};

/* An open file description, shared by dup and fork. */
struct profile_ofd {
	struct profile_path	*path;
	u_int			 refs;
	int			 opened;	/* by an open we saw */
	uint64_t		 writes;
	uint64_t		 written;
};

/* A descriptor; verify if it may have gone at an exec. */
struct profile_slot {
	struct profile_ofd	*ofd;
	int			 verify;
};

/* A descriptor table, shared by threads and CLONE_FILES processes. */
struct profile_fdt {
	u_int			 refs;
	u_int			 n;
	struct profile_slot	*slots;
};

struct profile_proc {
	pid_t			 pid;
	char			 comm[16];
	struct profile_fdt	*fdt;
	u_int			 refs;		/* threads */
	struct profile_proc	*next;
};

struct profile_thread {
	pid_t			 tid;
	struct profile_proc	*proc;
	enum profile_op		 op;		/* of the call it is in */
	uint64_t		 args[6];
	struct profile_thread	*next;
};

struct profile {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	pthread_t		 thread;
	int			 started;	/* the thread was created */
	int			 joined;
	int			 attached;	/* 1 ok, -1 failed, 0 not yet */
	int			 stop;		/* asked to stop */
	int			 done;
	char			 cause[256];
	pid_t			 tracer;	/* the thread's tid */
	timer_t			 timer;		/* repeats a stop request */
	int			 has_timer;

	/* The tracer thread's alone while it runs. */
	pid_t			 root;
	int			 stopping;
	struct timespec		 start;
	struct profile_thread	*threads[PROFILE_TBUCKETS];
	u_int			 nthreads;
	struct profile_proc	*procs[PROFILE_TBUCKETS];
	struct profile_path	*paths[PROFILE_PBUCKETS];
	u_int			 npaths;
	struct profile_totals	 totals;

	struct profile_file	**sorted;
	u_int			 nsorted;
};

/*
 * While a profile runs its tracer is the process's only waiter; exits it
 * reaps wait here for profile_reap().
 */
struct profile_exit {
	pid_t			 pid;
	int			 status;
};
static pthread_mutex_t		 profile_reap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct profile		*profile_reaper;
static struct profile_exit	*profile_exits;
static u_int			 profile_nexits;
static u_int			 profile_exits_size;

static void	profile_ofd_release(struct profile_ofd *, int);
static void	profile_thread_free(struct profile *, struct profile_thread *,
		    int);

/* The call's effect on descriptors, from its number and arguments. */
static enum profile_op
profile_op(uint64_t nr, const uint64_t *args)
{
	switch (nr) {
#ifdef SYS_open
	case SYS_open:
#endif
#ifdef SYS_creat
	case SYS_creat:
#endif
#ifdef SYS_openat2
	case SYS_openat2:
#endif
	case SYS_openat:
		return (PROFILE_OP_OPEN);
	case SYS_read:
	case SYS_pread64:
	case SYS_readv:
	case SYS_preadv:
#ifdef SYS_preadv2
	case SYS_preadv2:
#endif
		return (PROFILE_OP_READ);
	case SYS_write:
	case SYS_pwrite64:
	case SYS_writev:
	case SYS_pwritev:
#ifdef SYS_pwritev2
	case SYS_pwritev2:
#endif
		return (PROFILE_OP_WRITE);
	case SYS_close:
		return (PROFILE_OP_CLOSE);
#ifdef SYS_close_range
	case SYS_close_range:
		return (PROFILE_OP_CLOSE_RANGE);
#endif
	case SYS_dup:
		return (PROFILE_OP_DUP);
#ifdef SYS_dup2
	case SYS_dup2:
#endif
	case SYS_dup3:
		return (PROFILE_OP_DUP2);
	case SYS_fcntl:
		if (args[1] == F_DUPFD || args[1] == F_DUPFD_CLOEXEC)
			return (PROFILE_OP_DUP);
		return (PROFILE_OP_NONE);
	}
	return (PROFILE_OP_NONE);
}

/* Read a small /proc file into buf; its length or -1. */
static ssize_t
profile_read_file(const char *path, char *buf, size_t size)
{
	ssize_t	n;
	int	fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return (-1);
	buf[n] = '\0';
	return (n);
}

/* A number after "key:" in a /proc/PID/status text; -1 if not there. */
static long
profile_status_field(const char *status, const char *key)
{
	const char	*p = status;
	size_t		 len = strlen(key);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, key, len) == 0 && p[len] == ':')
			return (strtol(p + len + 1, NULL, 10));
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return (-1);
}

/* The command name of a process, "?" if it is gone. */
static void
profile_comm(pid_t pid, char *comm, size_t size)
{
	char	path[64], buf[64];
	ssize_t	n;

	snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
	if ((n = profile_read_file(path, buf, sizeof buf)) <= 0) {
		snprintf(comm, size, "?");
		return;
	}
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	buf[size - 1] = '\0';	/* the kernel's are 15 characters at most */
	memcpy(comm, buf, size);
}

void
profile_cause(int err, pid_t pid, const char *procdir, char *buf, size_t len)
{
	char	path[PATH_MAX], text[4096];
	long	scope = -1, tracer = -1, uid = -1;

	snprintf(path, sizeof path, "%s/sys/kernel/yama/ptrace_scope",
	    procdir);
	if (profile_read_file(path, text, sizeof text) > 0)
		scope = strtol(text, NULL, 10);
	snprintf(path, sizeof path, "%s/%ld/status", procdir, (long)pid);
	if (profile_read_file(path, text, sizeof text) > 0) {
		tracer = profile_status_field(text, "TracerPid");
		uid = profile_status_field(text, "Uid");
	}

	switch (err) {
	case ESRCH:
		snprintf(buf, len, "no such process %ld", (long)pid);
		break;
	case EPERM:
	case EACCES:
		if (scope >= 2) {
			snprintf(buf, len, "ptrace not permitted "
			    "(kernel.yama.ptrace_scope=%ld)", scope);
		} else if (tracer > 0) {
			snprintf(buf, len, "process %ld is already traced by "
			    "process %ld", (long)pid, tracer);
		} else if (uid != -1 && geteuid() != 0 &&
		    (uid_t)uid != geteuid()) {
			snprintf(buf, len, "ptrace not permitted: process %ld "
			    "runs as another user", (long)pid);
		} else if (scope == 1) {
			snprintf(buf, len, "ptrace not permitted "
			    "(kernel.yama.ptrace_scope=1 and process %ld is "
			    "not below vigil)", (long)pid);
		} else
			snprintf(buf, len, "ptrace not permitted in this "
			    "container");
		break;
	case ENOSYS:
		snprintf(buf, len, "ptrace not available on this kernel");
		break;
	default:
		snprintf(buf, len, "ptrace: %s", strerror(err));
		break;
	}
}

/* Where a path lives in the hash (FNV-1a). */
static u_int
profile_hash(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (u_char)*s) * 16777619u;
	return (h % PROFILE_PBUCKETS);
}

/* Look at the file behind a descriptor; 0 if it is a regular file. */
static int
profile_stat_fd(pid_t tid, int fd, struct stat *sb)
{
	char	path[64];

	snprintf(path, sizeof path, "/proc/%ld/fd/%d", (long)tid, fd);
	if (stat(path, sb) != 0 || !S_ISREG(sb->st_mode))
		return (-1);
	return (0);
}

/* The name of a descriptor; -1 if it is not open. */
static int
profile_readlink(pid_t tid, int fd, char *buf, size_t size)
{
	char	path[64];
	ssize_t	n;

	snprintf(path, sizeof path, "/proc/%ld/fd/%d", (long)tid, fd);
	if ((n = readlink(path, buf, size - 1)) <= 0)
		return (-1);
	buf[n] = '\0';
	return (0);
}

/* The path of that name, made if new (with its size as it is now). */
static struct profile_path *
profile_path_get(struct profile *p, const char *name, pid_t tid, int fd)
{
	struct profile_path	*pp;
	struct stat		 sb;
	u_int			 h = profile_hash(name);

	for (pp = p->paths[h]; pp != NULL; pp = pp->next) {
		if (strcmp(pp->f.path, name) == 0)
			return (pp);
	}
	pp = xcalloc(1, sizeof *pp);
	pp->f.path = xstrdup(name);
	pp->f.size = PROFILE_NOSIZE;
	if (profile_stat_fd(tid, fd, &sb) == 0)
		pp->f.size = (uint64_t)sb.st_size;
	pp->next = p->paths[h];
	p->paths[h] = pp;
	p->npaths++;
	return (pp);
}

/* Count a call on a path for the process that made it. */
static void
profile_who_add(struct profile_path *pp, struct profile_proc *proc)
{
	struct profile_who	*w;
	u_int			 i;

	for (i = 0; i < pp->nwho; i++) {
		if (pp->who[i].pid == proc->pid)
			break;
	}
	if (i == pp->nwho) {
		pp->who = xreallocarray(pp->who, pp->nwho + 1, sizeof *pp->who);
		w = &pp->who[pp->nwho++];
		w->pid = proc->pid;
		w->calls = 0;
	}
	w = &pp->who[i];
	memcpy(w->comm, proc->comm, sizeof w->comm);
	w->calls++;
}

static struct profile_fdt *
profile_fdt_create(void)
{
	struct profile_fdt	*fdt;

	fdt = xcalloc(1, sizeof *fdt);
	fdt->refs = 1;
	return (fdt);
}

/* A copy of a table, as fork or exec makes one. */
static struct profile_fdt *
profile_fdt_copy(struct profile_fdt *from, int verify)
{
	struct profile_fdt	*fdt = profile_fdt_create();
	u_int			 i;

	fdt->n = from->n;
	fdt->slots = xcalloc(fdt->n == 0 ? 1 : fdt->n, sizeof *fdt->slots);
	for (i = 0; i < fdt->n; i++) {
		if ((fdt->slots[i].ofd = from->slots[i].ofd) == NULL)
			continue;
		fdt->slots[i].ofd->refs++;
		fdt->slots[i].verify = verify || from->slots[i].verify;
	}
	return (fdt);
}

/* Drop a reference to a table; closing if its descriptors really close. */
static void
profile_fdt_release(struct profile_fdt *fdt, int closing)
{
	u_int	i;

	if (--fdt->refs != 0)
		return;
	for (i = 0; i < fdt->n; i++) {
		if (fdt->slots[i].ofd != NULL)
			profile_ofd_release(fdt->slots[i].ofd, closing);
	}
	free(fdt->slots);
	free(fdt);
}

/* Drop a reference to a description; the last close ends a cycle. */
static void
profile_ofd_release(struct profile_ofd *ofd, int closing)
{
	if (--ofd->refs != 0)
		return;
	if (closing && ofd->opened && ofd->writes != 0) {
		ofd->path->f.cycles++;
		ofd->path->f.cycle_bytes += ofd->written;
	}
	free(ofd);
}

/* Put a description (or nothing) in a slot, dropping what was there. */
static void
profile_slot_set(struct profile_fdt *fdt, int fd, struct profile_ofd *ofd,
    int closing)
{
	u_int	n;

	if ((u_int)fd >= fdt->n) {
		if (ofd == NULL)
			return;
		n = (u_int)fd + 16;
		fdt->slots = xreallocarray(fdt->slots, n, sizeof *fdt->slots);
		memset(fdt->slots + fdt->n, 0,
		    (n - fdt->n) * sizeof *fdt->slots);
		fdt->n = n;
	}
	if (fdt->slots[fd].ofd != NULL)
		profile_ofd_release(fdt->slots[fd].ofd, closing);
	fdt->slots[fd].ofd = ofd;
	fdt->slots[fd].verify = 0;
}

/* A new description of a path in slot fd. */
static struct profile_ofd *
profile_ofd_create(struct profile_fdt *fdt, int fd, struct profile_path *pp,
    int opened)
{
	struct profile_ofd	*ofd;

	ofd = xcalloc(1, sizeof *ofd);
	ofd->path = pp;
	ofd->refs = 1;
	ofd->opened = opened;
	profile_slot_set(fdt, fd, ofd, 0);
	return (ofd);
}

/*
 * The description behind a thread's descriptor, named from /proc if we
 * have not seen it (opened before the profile, or by a call we don't
 * follow); NULL if the descriptor is not open.
 */
static struct profile_ofd *
profile_fd_get(struct profile *p, struct profile_thread *t, uint64_t arg)
{
	struct profile_fdt	*fdt = t->proc->fdt;
	struct profile_slot	*s;
	char			 name[PATH_MAX];
	int			 fd = (int)arg;

	if (arg >= PROFILE_MAXFD)
		return (NULL);
	s = (u_int)fd < fdt->n ? &fdt->slots[fd] : NULL;
	if (s != NULL && s->ofd != NULL && !s->verify)
		return (s->ofd);
	if (profile_readlink(t->tid, fd, name, sizeof name) != 0) {
		profile_slot_set(fdt, fd, NULL, 0);
		return (NULL);
	}
	if (s != NULL && s->ofd != NULL) {
		if (strcmp(s->ofd->path->f.path, name) == 0) {
			s->verify = 0;
			return (s->ofd);
		}
	}
	return (profile_ofd_create(fdt, fd, profile_path_get(p, name, t->tid,
	    fd), 0));
}

/* An open returned fd: name it and see whether the file changed. */
static void
profile_opened(struct profile *p, struct profile_thread *t, int64_t rval)
{
	struct profile_path	*pp;
	struct stat		 sb;
	char			 name[PATH_MAX];
	int			 fd = (int)rval;
	uint64_t		 mtime;

	if (rval < 0) {
		p->totals.failed_opens++;
		return;
	}
	if (profile_readlink(t->tid, fd, name, sizeof name) != 0)
		return;	/* closed already by another thread */
	pp = profile_path_get(p, name, t->tid, fd);
	pp->f.opens++;
	profile_who_add(pp, t->proc);
	if (profile_stat_fd(t->tid, fd, &sb) == 0) {
		mtime = (uint64_t)sb.st_mtim.tv_sec * 1000000000u +
		    (uint64_t)sb.st_mtim.tv_nsec;
		if (pp->seen && pp->f.size == (uint64_t)sb.st_size &&
		    pp->mtime_ns == mtime && pp->ino == sb.st_ino &&
		    pp->dev == sb.st_dev)
			pp->f.unchanged++;
		pp->seen = 1;
		pp->f.size = (uint64_t)sb.st_size;
		pp->mtime_ns = mtime;
		pp->ino = sb.st_ino;
		pp->dev = sb.st_dev;
	}
	profile_ofd_create(t->proc->fdt, fd, pp, 1);
}

/* A descriptor closed: count it on its path. */
static void
profile_closed(struct profile_thread *t, uint64_t arg)
{
	struct profile_fdt	*fdt = t->proc->fdt;
	struct profile_ofd	*ofd;

	if (arg >= fdt->n || (ofd = fdt->slots[arg].ofd) == NULL)
		return;
	ofd->path->f.closes++;
	profile_who_add(ofd->path, t->proc);
	profile_slot_set(fdt, (int)arg, NULL, 1);
}

/* A descriptor duplicated onto newfd (which closes what was there). */
static void
profile_dup(struct profile *p, struct profile_thread *t, uint64_t oldfd,
    uint64_t newfd)
{
	struct profile_ofd	*ofd;

	if ((ofd = profile_fd_get(p, t, oldfd)) == NULL ||
	    newfd >= PROFILE_MAXFD)
		return;
	ofd->refs++;
	profile_closed(t, newfd);
	profile_slot_set(t->proc->fdt, (int)newfd, ofd, 1);
}

/* Bytes moved through a descriptor. */
static void
profile_moved(struct profile *p, struct profile_thread *t, uint64_t fd,
    int64_t rval, int write)
{
	struct profile_ofd	*ofd;
	struct profile_file	*f;

	if (rval <= 0 || (ofd = profile_fd_get(p, t, fd)) == NULL)
		return;
	f = &ofd->path->f;
	if (write) {
		f->writes++;
		f->wbytes += (uint64_t)rval;
		ofd->writes++;
		ofd->written += (uint64_t)rval;
	} else {
		f->reads++;
		f->rbytes += (uint64_t)rval;
	}
	profile_who_add(ofd->path, t->proc);
}

/* close_range without CLOSE_RANGE_CLOEXEC: every known descriptor goes. */
static void
profile_closed_range(struct profile_thread *t)
{
	struct profile_fdt	*fdt;
	uint64_t		 fd;

	if (t->args[2] & CLOSE_RANGE_CLOEXEC)
		return;
	if ((t->args[2] & CLOSE_RANGE_UNSHARE) && t->proc->fdt->refs > 1) {
		fdt = profile_fdt_copy(t->proc->fdt, 0);
		profile_fdt_release(t->proc->fdt, 0);
		t->proc->fdt = fdt;
	}
	for (fd = t->args[0]; fd <= t->args[1] && fd < t->proc->fdt->n; fd++)
		profile_closed(t, fd);
}

/*
 * Read a string of a tracee's at addr, a page at most at a time (a read
 * that crosses into an unmapped page fails whole). 0, or -1 if it can't
 * be read or does not fit.
 */
static int
profile_read_string(pid_t tid, uint64_t addr, char *buf, size_t len)
{
	struct iovec	local, remote;
	size_t		off = 0, n;
	ssize_t		got;

	while (off < len) {
		n = 4096 - (addr + off) % 4096;
		if (n > len - off)
			n = len - off;
		local.iov_base = buf + off;
		local.iov_len = n;
		remote.iov_base = (void *)(uintptr_t)(addr + off);
		remote.iov_len = n;
		if ((got = process_vm_readv(tid, &local, 1, &remote, 1, 0)) <= 0)
			return (-1);
		if (memchr(buf + off, '\0', got) != NULL)
			return (0);
		off += got;
	}
	return (-1);
}

/*
 * Is the program a thread is about to exec (execve or execveat, with its
 * arguments) setuid, setgid or with file capabilities? The name is read
 * from the thread's memory and found from its directory, as the kernel
 * will.
 */
static int
profile_privileged(pid_t tid, uint64_t nr, const uint64_t *args)
{
	char		name[PATH_MAX], path[PATH_MAX + 64];
	struct stat	sb;
	uint64_t	addr = args[0];
	int		dirfd = AT_FDCWD, flags = 0;

	if (nr == SYS_execveat) {
		dirfd = (int)args[0];
		addr = args[1];
		flags = (int)args[4];
	} else if (nr != SYS_execve)
		return (0);
	if (profile_read_string(tid, addr, name, sizeof name) != 0)
		return (0);
	if (name[0] == '/')
		snprintf(path, sizeof path, "%s", name);
	else if (name[0] == '\0' && (flags & AT_EMPTY_PATH))
		snprintf(path, sizeof path, "/proc/%ld/fd/%d", (long)tid, dirfd);
	else if (dirfd == AT_FDCWD)
		snprintf(path, sizeof path, "/proc/%ld/cwd/%s", (long)tid, name);
	else {
		snprintf(path, sizeof path, "/proc/%ld/fd/%d/%s", (long)tid,
		    dirfd, name);
	}
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return (0);
	if ((sb.st_mode & S_ISUID) ||
	    (sb.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		return (1);
	return (getxattr(path, "security.capability", NULL, 0) > 0);
}

/*
 * A syscall stop: note the call at entry, count it at exit. Returns 1 if
 * the thread was let go (to exec a privileged program), else 0.
 */
static int
profile_syscall(struct profile *p, struct profile_thread *t)
{
	struct __ptrace_syscall_info	 si;
	enum profile_op			 op;
	int64_t				 rval;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof si,
	    &si) <= 0)
		return (0);
	if (si.op == PTRACE_SYSCALL_INFO_ENTRY) {
		t->op = PROFILE_OP_NONE;
		if ((PROFILE_ARCH == 0 || si.arch == PROFILE_ARCH) &&
		    profile_privileged(t->tid, si.entry.nr, si.entry.args)) {
			log_debug("profile: task %ld execs a privileged program: "
			    "let go", (long)t->tid);
			p->totals.privileged++;
			if (ptrace(PTRACE_DETACH, t->tid, 0, 0) == 0 ||
			    errno != ESRCH)
				profile_thread_free(p, t, 0);
			return (1);
		}
		if (PROFILE_ARCH == 0 || si.arch == PROFILE_ARCH)
			t->op = profile_op(si.entry.nr, si.entry.args);
		p->totals.calls[profile_op_kind[t->op]]++;
		memcpy(t->args, si.entry.args, sizeof t->args);
		/* Name what is about to be closed while it is still open. */
		if (t->op == PROFILE_OP_CLOSE)
			profile_fd_get(p, t, t->args[0]);
		else if (t->op == PROFILE_OP_DUP2)
			profile_fd_get(p, t, t->args[1]);
		return (0);
	}
	if (si.op != PTRACE_SYSCALL_INFO_EXIT || t->op == PROFILE_OP_NONE)
		return (0);
	op = t->op;
	t->op = PROFILE_OP_NONE;
	rval = si.exit.rval;

	switch (op) {
	case PROFILE_OP_OPEN:
		profile_opened(p, t, rval);
		break;
	case PROFILE_OP_READ:
	case PROFILE_OP_WRITE:
		profile_moved(p, t, t->args[0], rval, op == PROFILE_OP_WRITE);
		break;
	case PROFILE_OP_CLOSE:
		/* Linux closes the descriptor even when close says EINTR. */
		if (rval == 0 || rval == -EINTR)
			profile_closed(t, t->args[0]);
		break;
	case PROFILE_OP_CLOSE_RANGE:
		if (rval == 0)
			profile_closed_range(t);
		break;
	case PROFILE_OP_DUP:
		if (rval >= 0)
			profile_dup(p, t, t->args[0], (uint64_t)rval);
		break;
	case PROFILE_OP_DUP2:
		if (rval >= 0 && t->args[0] != t->args[1])
			profile_dup(p, t, t->args[0], t->args[1]);
		break;
	case PROFILE_OP_NONE:
		break;
	}
	return (0);
}

static struct profile_thread *
profile_thread_find(struct profile *p, pid_t tid)
{
	struct profile_thread	*t;

	for (t = p->threads[tid % PROFILE_TBUCKETS]; t != NULL; t = t->next) {
		if (t->tid == tid)
			return (t);
	}
	return (NULL);
}

static struct profile_proc *
profile_proc_find(struct profile *p, pid_t pid)
{
	struct profile_proc	*proc;

	for (proc = p->procs[pid % PROFILE_TBUCKETS]; proc != NULL;
	    proc = proc->next) {
		if (proc->pid == pid)
			return (proc);
	}
	return (NULL);
}

/*
 * A process new to us. One just forked starts with a copy of its parent's
 * descriptors (or shares them, for CLONE_FILES); one found by the attach
 * starts empty and learns its descriptors as it uses them.
 */
static struct profile_proc *
profile_proc_create(struct profile *p, pid_t pid, pid_t ppid, int forked)
{
	struct profile_proc	*proc, *parent;

	proc = xcalloc(1, sizeof *proc);
	proc->pid = pid;
	profile_comm(pid, proc->comm, sizeof proc->comm);
	parent = ppid > 0 ? profile_proc_find(p, ppid) : NULL;
	if (parent != NULL &&
	    syscall(SYS_kcmp, parent->pid, pid, KCMP_FILES, 0, 0) == 0) {
		proc->fdt = parent->fdt;
		proc->fdt->refs++;
	} else if (parent != NULL && forked)
		proc->fdt = profile_fdt_copy(parent->fdt, 0);
	else
		proc->fdt = profile_fdt_create();
	proc->next = p->procs[pid % PROFILE_TBUCKETS];
	p->procs[pid % PROFILE_TBUCKETS] = proc;
	p->totals.processes++;
	return (proc);
}

/* A thread new to us: found by the attach or forked by a tracee. */
static struct profile_thread *
profile_thread_create(struct profile *p, pid_t tid, int forked)
{
	struct profile_thread	*t;
	struct profile_proc	*proc;
	char			 path[64], text[4096];
	long			 tgid = -1, ppid = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)tid);
	if (profile_read_file(path, text, sizeof text) > 0) {
		tgid = profile_status_field(text, "Tgid");
		ppid = profile_status_field(text, "PPid");
	}
	if (tgid <= 0)
		tgid = tid;
	if ((proc = profile_proc_find(p, (pid_t)tgid)) == NULL)
		proc = profile_proc_create(p, (pid_t)tgid, (pid_t)ppid, forked);
	proc->refs++;

	t = xcalloc(1, sizeof *t);
	t->tid = tid;
	t->proc = proc;
	t->op = PROFILE_OP_NONE;
	t->next = p->threads[tid % PROFILE_TBUCKETS];
	p->threads[tid % PROFILE_TBUCKETS] = t;
	p->nthreads++;
	p->totals.threads++;
	return (t);
}

/* Forget a process; exited if its descriptors closed with it. */
static void
profile_proc_free(struct profile *p, struct profile_proc *proc, int exited)
{
	struct profile_proc	**pp;

	for (pp = &p->procs[proc->pid % PROFILE_TBUCKETS]; *pp != proc;
	    pp = &(*pp)->next)
		;
	*pp = proc->next;
	profile_fdt_release(proc->fdt, exited);
	free(proc);
}

/* Forget a thread (it exited, or we let it go). */
static void
profile_thread_free(struct profile *p, struct profile_thread *t, int exited)
{
	struct profile_thread	**tp;

	for (tp = &p->threads[t->tid % PROFILE_TBUCKETS]; *tp != t;
	    tp = &(*tp)->next)
		;
	*tp = t->next;
	p->nthreads--;
	if (--t->proc->refs == 0)
		profile_proc_free(p, t->proc, exited);
	free(t);
}

/*
 * An exec: the process has a new name and an unshared table whose
 * close-on-exec descriptors are gone. A thread other than the leader
 * that execs takes the leader's tid; its own is never reported again.
 */
static void
profile_exec(struct profile *p, struct profile_thread *t)
{
	struct profile_thread	*old;
	struct profile_fdt	*fdt;
	unsigned long		 former;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &former) == 0 &&
	    (pid_t)former != t->tid &&
	    (old = profile_thread_find(p, (pid_t)former)) != NULL)
		profile_thread_free(p, old, 0);
	profile_comm(t->proc->pid, t->proc->comm, sizeof t->proc->comm);
	fdt = profile_fdt_copy(t->proc->fdt, 1);
	profile_fdt_release(t->proc->fdt, 0);
	t->proc->fdt = fdt;
	t->op = PROFILE_OP_NONE;
}

/* Hand an exit to profile_reap() and tell the process with SIGCHLD. */
static void
profile_queue_exit(pid_t pid, int status)
{
	pthread_mutex_lock(&profile_reap_lock);
	if (profile_nexits == profile_exits_size) {
		profile_exits_size = profile_exits_size * 2 + 8;
		profile_exits = xreallocarray(profile_exits,
		    profile_exits_size, sizeof *profile_exits);
	}
	profile_exits[profile_nexits].pid = pid;
	profile_exits[profile_nexits].status = status;
	profile_nexits++;
	pthread_mutex_unlock(&profile_reap_lock);
	kill(getpid(), SIGCHLD);
}

pid_t
profile_reap(int *status)
{
	pid_t	pid;

	pthread_mutex_lock(&profile_reap_lock);
	if (profile_nexits != 0) {
		pid = profile_exits[0].pid;
		*status = profile_exits[0].status;
		memmove(profile_exits, profile_exits + 1,
		    --profile_nexits * sizeof *profile_exits);
	} else if (profile_reaper != NULL)
		pid = 0;
	else {
		do
			pid = waitpid(-1, status, WNOHANG);
		while (pid == -1 && errno == EINTR);
	}
	pthread_mutex_unlock(&profile_reap_lock);
	return (pid);
}

/* A task exited: a thread of ours, or any child of the process. */
static void
profile_exited(struct profile *p, pid_t pid, int status)
{
	struct profile_thread	*t;
	int			 leader;

	if ((t = profile_thread_find(p, pid)) != NULL) {
		leader = (t->tid == t->proc->pid);
		profile_thread_free(p, t, 1);
		if (!leader)
			return;
	}
	/*
	 * The tracer reaps a traced child of its own process for good; one
	 * of another parent stays a zombie for it, and the extra report of
	 * it is harmless (it is no child of ours).
	 */
	profile_queue_exit(pid, status);
}

/*
 * Is a task still ours to trace? A child's own first stop may come before
 * its parent's fork event, and by then the child may have exited or been
 * let go; a record made for it then would wait for it forever.
 */
static int
profile_is_ours(struct profile *p, pid_t tid)
{
	char	path[64], text[4096];
	long	tracer;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)tid);
	if (profile_read_file(path, text, sizeof text) <= 0)
		return (0);
	tracer = profile_status_field(text, "TracerPid");
	return (tracer == p->tracer || tracer == getpid());
}

/* While stopping: forget the records of tasks that are no longer ours. */
static void
profile_sweep(struct profile *p)
{
	struct profile_thread	*t, *next;
	u_int			 i;

	for (i = 0; i < PROFILE_TBUCKETS; i++) {
		for (t = p->threads[i]; t != NULL; t = next) {
			next = t->next;
			if (!profile_is_ours(p, t->tid)) {
				log_debug("profile: task %ld is gone",
				    (long)t->tid);
				profile_thread_free(p, t, 1);
			}
		}
	}
}

/* Let a thread run on to its next stop, or go if we are stopping. */
static void
profile_resume(struct profile *p, struct profile_thread *t, int sig)
{
	if (p->stopping) {
		if (ptrace(PTRACE_DETACH, t->tid, 0, sig) == 0 ||
		    errno != ESRCH)
			profile_thread_free(p, t, 0);
		/* On ESRCH it was killed; its exit is still to come. */
		return;
	}
	ptrace(PTRACE_SYSCALL, t->tid, 0, sig);
}

/* Whether a signal stops the process (the group-stop signals). */
static int
profile_stop_signal(int sig)
{
	return (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU);
}

/* A tracee stopped: find out why, then let it go on. */
static void
profile_stopped(struct profile *p, pid_t pid, int status)
{
	struct profile_thread	*t;
	int			 sig = WSTOPSIG(status), event = status >> 16;
	unsigned long		 msg;

	if ((t = profile_thread_find(p, pid)) == NULL)
		t = profile_thread_create(p, pid, 1);	/* before its parent's event */
	p->totals.stops++;

	if (sig == PROFILE_SYSCALL_STOP) {
		if (profile_syscall(p, t))
			return;
		sig = 0;
	} else if (event == PTRACE_EVENT_STOP) {
		/* A group-stop is kept, with LISTEN, until SIGCONT. */
		if (profile_stop_signal(sig) && !p->stopping) {
			ptrace(PTRACE_LISTEN, pid, 0, 0);
			return;
		}
		sig = 0;
	} else if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
	    event == PTRACE_EVENT_CLONE) {
		if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg) == 0 &&
		    profile_thread_find(p, (pid_t)msg) == NULL &&
		    profile_is_ours(p, (pid_t)msg))
			profile_thread_create(p, (pid_t)msg, 1);
		sig = 0;
	} else if (event == PTRACE_EVENT_EXEC) {
		profile_exec(p, t);
		sig = 0;
	} else if (event != 0)
		sig = 0;
	else
		p->totals.signals++;	/* signal-delivery-stop: pass it on */
	profile_resume(p, t, sig);
}

/*
 * Seize one thread and interrupt it, so its first stop starts the tracing.
 * 1 if new, 0 if ours already, -1 with errno if it can't be had.
 */
static int
profile_attach_task(struct profile *p, pid_t tid)
{
	char	path[64], text[4096];
	long	tracer;
	int	saved;

	if (profile_thread_find(p, tid) != NULL)
		return (0);
	if (ptrace(PTRACE_SEIZE, tid, 0, PROFILE_OPTIONS) == -1) {
		/* Forked by a tracee since: the kernel attached it for us. */
		saved = errno;
		snprintf(path, sizeof path, "/proc/%ld/status", (long)tid);
		if (saved == EPERM &&
		    profile_read_file(path, text, sizeof text) > 0) {
			tracer = profile_status_field(text, "TracerPid");
			if (tracer == p->tracer || tracer == getpid())
				return (0);
		}
		errno = saved;
		return (-1);
	}
	profile_thread_create(p, tid, 0);
	ptrace(PTRACE_INTERRUPT, tid, 0, 0);
	return (1);
}

/* Seize every thread of a process; how many were new. */
static u_int
profile_attach_proc(struct profile *p, pid_t pid, u_int *denied)
{
	struct dirent	*de;
	DIR		*d;
	char		 path[64];
	u_int		 n = 0;
	long		 tid;
	int		 r;

	snprintf(path, sizeof path, "/proc/%ld/task", (long)pid);
	if ((d = opendir(path)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if ((tid = strtol(de->d_name, NULL, 10)) <= 0)
			continue;
		if ((r = profile_attach_task(p, (pid_t)tid)) == 1)
			n++;
		else if (r == -1 && errno != ESRCH)
			(*denied)++;
	}
	closedir(d);
	return (n);
}

/*
 * Seize the root and everything below it. Processes fork while we go, so
 * the tree is read again until a pass finds nothing new; what a seized
 * process forks from then on the kernel attaches itself.
 */
static int
profile_attach_tree(struct profile *p)
{
	pid_t	*pids;
	u_int	 i, j, n, added, denied = 0;

	if (profile_attach_task(p, p->root) == -1) {
		profile_cause(errno, p->root, "/proc", p->cause,
		    sizeof p->cause);
		return (-1);
	}
	for (i = 0; i < PROFILE_PASSES; i++) {
		denied = 0;
		added = profile_attach_proc(p, p->root, &denied);
		n = proctree_descendants("/proc", p->root, &pids);
		for (j = 0; j < n; j++)
			added += profile_attach_proc(p, pids[j], &denied);
		free(pids);
		if (added == 0)
			break;
	}
	p->totals.denied = denied;
	log_debug("profile %ld: %u threads of %u processes, %u denied",
	    (long)p->root, p->nthreads, p->totals.processes, denied);
	return (0);
}

/* Interrupt every tracee, so that each stops and is let go. */
static void
profile_begin_stop(struct profile *p)
{
	struct profile_thread	*t;
	u_int			 i;

	p->stopping = 1;
	for (i = 0; i < PROFILE_TBUCKETS; i++) {
		for (t = p->threads[i]; t != NULL; t = t->next)
			ptrace(PTRACE_INTERRUPT, t->tid, 0, 0);
	}
}

/* Wait for tracees until none is left. */
static void
profile_loop(struct profile *p)
{
	pid_t	pid;
	int	status, stop;

	while (p->nthreads != 0) {
		pthread_mutex_lock(&p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stop && !p->stopping)
			profile_begin_stop(p);

		pid = waitpid(-1, &status, __WALL);
		if (pid == -1) {
			/* Poked again while stopping: is anything left? */
			if (errno == EINTR) {
				if (p->stopping)
					profile_sweep(p);
				continue;
			}
			if (errno == ECHILD)
				break;
			fatal("waitpid");
		}
		if (WIFSTOPPED(status))
			profile_stopped(p, pid, status);
		else if (WIFEXITED(status) || WIFSIGNALED(status))
			profile_exited(p, pid, status);
	}
}

/* Forget any thread left (their tasks vanished unseen). */
static void
profile_forget(struct profile *p)
{
	u_int	i;

	for (i = 0; i < PROFILE_TBUCKETS; i++) {
		while (p->threads[i] != NULL)
			profile_thread_free(p, p->threads[i], 0);
	}
}

/* The tracer thread. */
static void *
profile_main(void *arg)
{
	struct profile		*p = arg;
	struct itimerspec	 its;
	struct timespec		 now, cpu;
	int			 error;

	p->tracer = (pid_t)syscall(SYS_gettid);
	error = profile_attach_tree(p);
	pthread_mutex_lock(&p->lock);
	p->attached = error ? -1 : 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	if (!error)
		profile_loop(p);
	profile_forget(p);

	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	p->totals.seconds = (now.tv_sec - p->start.tv_sec) +
	    (now.tv_nsec - p->start.tv_nsec) / 1e9;
	p->totals.tracer_cpu = cpu.tv_sec + cpu.tv_nsec / 1e9;

	/* Give the waiting back. */
	pthread_mutex_lock(&profile_reap_lock);
	profile_reaper = NULL;
	pthread_mutex_unlock(&profile_reap_lock);

	pthread_mutex_lock(&p->lock);
	memset(&its, 0, sizeof its);
	if (p->has_timer)
		timer_settime(p->timer, 0, &its, NULL);
	p->done = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	/*
	 * Only now have the process reap what is left, so that a SIGCHLD
	 * handler that asks profile_done() finds the profile done.
	 */
	kill(getpid(), SIGCHLD);
	return (NULL);
}

/* The wake signal only interrupts the tracer's waitpid. */
static void
profile_wake(int sig)
{
	(void)sig;
}

struct profile *
profile_create(void)
{
	struct profile	*p;

	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	return (p);
}

/* Start the thread with every signal but the wake blocked. */
static int
profile_spawn(struct profile *p)
{
	struct sigaction	 sa;
	sigset_t		 all, old;
	int			 error;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = profile_wake;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: waitpid must return */
	if (sigaction(PROFILE_WAKE, &sa, NULL) != 0)
		return (errno);
	sigfillset(&all);
	sigdelset(&all, PROFILE_WAKE);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	error = pthread_create(&p->thread, NULL, profile_main, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (error);
}

int
profile_start(struct profile *p, pid_t pid, char **cause)
{
	int	error;

	*cause = NULL;
	if (p->started) {
		*cause = xstrdup("this profile has run already");
		return (-1);
	}
	pthread_mutex_lock(&profile_reap_lock);
	if (profile_reaper != NULL) {
		pthread_mutex_unlock(&profile_reap_lock);
		*cause = xstrdup("another profile is running");
		return (-1);
	}
	profile_reaper = p;
	pthread_mutex_unlock(&profile_reap_lock);

	p->root = pid;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	if ((error = profile_spawn(p)) != 0) {
		pthread_mutex_lock(&profile_reap_lock);
		profile_reaper = NULL;
		pthread_mutex_unlock(&profile_reap_lock);
		xasprintf(cause, "no tracer thread: %s", strerror(error));
		return (-1);
	}
	p->started = 1;

	pthread_mutex_lock(&p->lock);
	while (p->attached == 0)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	if (p->attached < 0) {
		profile_wait(p);
		*cause = xstrdup(p->cause);
		return (-1);
	}
	return (0);
}

void
profile_stop(struct profile *p)
{
	struct sigevent		sev;
	struct itimerspec	its;

	pthread_mutex_lock(&p->lock);
	if (!p->started || p->done || p->stop) {
		pthread_mutex_unlock(&p->lock);
		return;
	}
	p->stop = 1;
	/*
	 * A signal that comes just before the tracer enters waitpid is lost,
	 * so it is repeated by a timer until the tracer is done.
	 */
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = PROFILE_WAKE;
	sev._sigev_un._tid = p->tracer;
	if (timer_create(CLOCK_MONOTONIC, &sev, &p->timer) == 0) {
		p->has_timer = 1;
		its.it_value.tv_sec = 0;
		its.it_value.tv_nsec = 1000000;
		its.it_interval.tv_sec = 0;
		its.it_interval.tv_nsec = PROFILE_POKE_MS * 1000000L;
		timer_settime(p->timer, 0, &its, NULL);
	} else {
		log_warnx("profile: timer_create: %s", strerror(errno));
		pthread_kill(p->thread, PROFILE_WAKE);
	}
	pthread_mutex_unlock(&p->lock);
}

int
profile_done(struct profile *p)
{
	int	done;

	pthread_mutex_lock(&p->lock);
	done = p->done;
	pthread_mutex_unlock(&p->lock);
	return (done);
}

void
profile_wait(struct profile *p)
{
	if (!p->started || p->joined)
		return;
	pthread_mutex_lock(&p->lock);
	while (!p->done)
		pthread_cond_wait(&p->cond, &p->lock);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	p->joined = 1;
	if (p->has_timer) {
		timer_delete(p->timer);
		p->has_timer = 0;
	}
}

void
profile_free(struct profile *p)
{
	struct profile_path	*pp, *next;
	u_int			 i;

	if (p == NULL)
		return;
	profile_stop(p);
	profile_wait(p);
	for (i = 0; i < PROFILE_PBUCKETS; i++) {
		for (pp = p->paths[i]; pp != NULL; pp = next) {
			next = pp->next;
			free(pp->f.path);
			free(pp->who);
			free(pp);
		}
	}
	free(p->sorted);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	free(p);
}

/* Most cost first, then by path. */
static int
profile_cmp(const void *a, const void *b)
{
	const struct profile_file	*fa = *(struct profile_file *const *)a;
	const struct profile_file	*fb = *(struct profile_file *const *)b;

	if (fa->cost != fb->cost)
		return (fa->cost > fb->cost ? -1 : 1);
	return (strcmp(fa->path, fb->path));
}

/* Fill in a path's cost and the process that did most. */
static void
profile_summarize(struct profile_path *pp)
{
	struct profile_file	*f = &pp->f;
	uint64_t		 calls, best = 0;
	u_int			 i, j, procs;

	f->cost = (f->opens + f->reads + f->writes + f->closes) *
	    PROFILE_CALL_COST + f->rbytes + f->wbytes;
	f->pid = -1;
	f->comm[0] = '\0';
	f->pid_calls = 0;
	f->procs = 0;
	/*
	 * The command name that made the most calls on it, over all its
	 * processes (a shell loop runs a new cat each time), and of those the
	 * process that made most.
	 */
	for (i = 0; i < pp->nwho; i++) {
		calls = procs = 0;
		for (j = 0; j < pp->nwho; j++) {
			if (strcmp(pp->who[j].comm, pp->who[i].comm) != 0)
				continue;
			if (j < i)
				break;	/* this name was counted */
			calls += pp->who[j].calls;
			procs++;
		}
		if (j < pp->nwho || calls <= best)
			continue;
		best = calls;
		f->procs = procs;
		memcpy(f->comm, pp->who[i].comm, sizeof f->comm);
	}
	for (i = 0; i < pp->nwho; i++) {
		if (strcmp(pp->who[i].comm, f->comm) == 0 &&
		    pp->who[i].calls > f->pid_calls) {
			f->pid = pp->who[i].pid;
			f->pid_calls = pp->who[i].calls;
		}
	}
}

u_int
profile_files(struct profile *p, struct profile_file ***out)
{
	struct profile_path	*pp;
	u_int			 i;

	*out = NULL;
	if (!profile_done(p))
		return (0);
	if (p->sorted == NULL && p->npaths != 0) {
		p->sorted = xreallocarray(NULL, p->npaths, sizeof *p->sorted);
		for (i = 0; i < PROFILE_PBUCKETS; i++) {
			for (pp = p->paths[i]; pp != NULL; pp = pp->next) {
				profile_summarize(pp);
				p->sorted[p->nsorted++] = &pp->f;
			}
		}
		qsort(p->sorted, p->nsorted, sizeof *p->sorted, profile_cmp);
	}
	*out = p->sorted;
	return (p->nsorted);
}

const struct profile_totals *
profile_totals(struct profile *p)
{
	return (&p->totals);
}

/* A byte count as people read it: 433 B, 70 KB, 111 MB. */
static void
profile_bytes(uint64_t n, char *buf, size_t len)
{
	if (n < 1024)
		snprintf(buf, len, "%llu B", (unsigned long long)n);
	else if (n < 1024 * 1024)
		snprintf(buf, len, "%.0f KB", n / 1024.0);
	else if (n < 1024ULL * 1024 * 1024)
		snprintf(buf, len, "%.0f MB", n / (1024.0 * 1024));
	else
		snprintf(buf, len, "%.1f GB", n / (1024.0 * 1024 * 1024));
}

/* Add one finding, separated from the ones before by "; ". */
static void
profile_say(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;
	size_t	used = strlen(buf);

	if (used != 0 && used + 2 < len) {
		memcpy(buf + used, "; ", 3);
		used += 2;
	}
	if (used >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + used, len - used, fmt, ap);
	va_end(ap);
}

void
profile_finding(const struct profile_file *f, double seconds, char *buf,
    size_t len)
{
	char	size[32], each[32];
	double	secs = seconds > 0 ? seconds : 1;

	if (len == 0)
		return;
	buf[0] = '\0';
	profile_bytes(f->size, size, sizeof size);
	if (f->opens >= 2) {
		if (f->size == PROFILE_NOSIZE)
			profile_say(buf, len, "re-opened %.1fx/s",
			    f->opens / secs);
		else {
			profile_say(buf, len, "re-opened %.1fx/s, %s each%s",
			    f->opens / secs, size,
			    f->unchanged + 1 >= f->opens ? ", unchanged" : "");
		}
	}
	if (f->size != PROFILE_NOSIZE && f->size != 0 &&
	    f->rbytes >= 2 * f->size) {
		profile_say(buf, len, "%s file read %.1fx/s", size,
		    (double)f->rbytes / f->size / secs);
	}
	if (f->cycles >= 2 && f->cycles * 2 >= f->writes) {
		profile_bytes(f->cycle_bytes / f->cycles, each, sizeof each);
		profile_say(buf, len, "written by open-write-close, %s per "
		    "cycle", each);
	}
}
