/*
 * One process's files under /proc, read relative to its directory.
 *
 * Each file is read whole into a bounded buffer on the stack and parsed as
 * text that may be hostile: a command name is chosen by the process, and
 * the parsers are also fed fixtures and fuzzers. Numbers that overflow
 * saturate (counters) or are refused (ids); lines of any length are fine.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>

#include <linux/magic.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/procfs.h"
#include "vigil/xmalloc.h"

/* Big enough for stat, status, io and smaps_rollup of any process. */
#define PROCFS_BUFSIZE	4096

/* How the value of a "Key: value" line is read. */
enum procfs_unit {
	PROCFS_TEXT,		/* only the key's presence matters */
	PROCFS_NUMBER,		/* the first number */
	PROCFS_KB		/* a number of kB, kept in bytes */
};

struct procfs_key {
	const char		*name;
	enum procfs_unit	 unit;
};

enum {
	STATUS_NAME,
	STATUS_PID,
	STATUS_RSS,
	STATUS_RSS_ANON,
	STATUS_RSS_FILE,
	STATUS_RSS_SHMEM,
	STATUS_SWAP,
	STATUS_THREADS,
	STATUS_UID,
	STATUS_NKEYS
};
static const struct procfs_key procfs_status_keys[STATUS_NKEYS] = {
	[STATUS_NAME] =		{ "Name", PROCFS_TEXT },
	[STATUS_PID] =		{ "Pid", PROCFS_NUMBER },
	[STATUS_RSS] =		{ "VmRSS", PROCFS_KB },
	[STATUS_RSS_ANON] =	{ "RssAnon", PROCFS_KB },
	[STATUS_RSS_FILE] =	{ "RssFile", PROCFS_KB },
	[STATUS_RSS_SHMEM] =	{ "RssShmem", PROCFS_KB },
	[STATUS_SWAP] =		{ "VmSwap", PROCFS_KB },
	[STATUS_THREADS] =	{ "Threads", PROCFS_NUMBER },
	[STATUS_UID] =		{ "Uid", PROCFS_NUMBER },
};

enum {
	ROLLUP_RSS,
	ROLLUP_PSS,
	ROLLUP_SHARED_CLEAN,
	ROLLUP_SHARED_DIRTY,
	ROLLUP_PRIVATE_CLEAN,
	ROLLUP_PRIVATE_DIRTY,
	ROLLUP_SWAP,
	ROLLUP_SWAP_PSS,
	ROLLUP_NKEYS
};
static const struct procfs_key procfs_rollup_keys[ROLLUP_NKEYS] = {
	[ROLLUP_RSS] =		{ "Rss", PROCFS_KB },
	[ROLLUP_PSS] =		{ "Pss", PROCFS_KB },
	[ROLLUP_SHARED_CLEAN] =	{ "Shared_Clean", PROCFS_KB },
	[ROLLUP_SHARED_DIRTY] =	{ "Shared_Dirty", PROCFS_KB },
	[ROLLUP_PRIVATE_CLEAN] = { "Private_Clean", PROCFS_KB },
	[ROLLUP_PRIVATE_DIRTY] = { "Private_Dirty", PROCFS_KB },
	[ROLLUP_SWAP] =		{ "Swap", PROCFS_KB },
	[ROLLUP_SWAP_PSS] =	{ "SwapPss", PROCFS_KB },
};

enum {
	IO_RCHAR,
	IO_WCHAR,
	IO_SYSCR,
	IO_SYSCW,
	IO_READ_BYTES,
	IO_WRITE_BYTES,
	IO_CANCELLED,
	IO_NKEYS
};
static const struct procfs_key procfs_io_keys[IO_NKEYS] = {
	[IO_RCHAR] =		{ "rchar", PROCFS_NUMBER },
	[IO_WCHAR] =		{ "wchar", PROCFS_NUMBER },
	[IO_SYSCR] =		{ "syscr", PROCFS_NUMBER },
	[IO_SYSCW] =		{ "syscw", PROCFS_NUMBER },
	[IO_READ_BYTES] =	{ "read_bytes", PROCFS_NUMBER },
	[IO_WRITE_BYTES] =	{ "write_bytes", PROCFS_NUMBER },
	[IO_CANCELLED] =	{ "cancelled_write_bytes", PROCFS_NUMBER },
};

/* The fields of a stat line after the state, from ppid to starttime. */
enum {
	STAT_PPID,
	STAT_PGRP,
	STAT_SID,
	STAT_TTY,
	STAT_TPGID,
	STAT_FLAGS,
	STAT_MINFLT,
	STAT_CMINFLT,
	STAT_MAJFLT,
	STAT_CMAJFLT,
	STAT_UTIME,
	STAT_STIME,
	STAT_CUTIME,
	STAT_CSTIME,
	STAT_PRIORITY,
	STAT_NICE,
	STAT_THREADS,
	STAT_ITREALVALUE,
	STAT_STARTTIME,
	STAT_NFIELDS,

	/* Optional: a line may stop before these. */
	STAT_VSIZE = STAT_NFIELDS,
	STAT_RSS,
	STAT_RSSLIM,
	STAT_STARTCODE,
	STAT_ENDCODE,
	STAT_STARTSTACK,
	STAT_NALL
};

static const char *procfs_kind_names[PROCFS_FD_KINDS] = {
	[PROCFS_FD_FILE] = "file",
	[PROCFS_FD_DIR] = "dir",
	[PROCFS_FD_PIPE] = "pipe",
	[PROCFS_FD_SOCKET] = "socket",
	[PROCFS_FD_ANON] = "anon_inode",
	[PROCFS_FD_OTHER] = "other",
};

int
procfs_open_pid(int procfd, pid_t pid)
{
	char	name[32];

	if (pid <= 0) {
		errno = EINVAL;
		return (-1);
	}
	snprintf(name, sizeof name, "%ld", (long)pid);
	return (openat(procfd, name, O_RDONLY|O_DIRECTORY|O_CLOEXEC));
}

int
procfs_read_file(int piddir, const char *name, char *buf, size_t size)
{
	const char	*nl;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd, saved;

	if ((fd = openat(piddir, name, O_RDONLY|O_CLOEXEC|O_NOCTTY)) == -1)
		return (-1);
	while (len < size - 1) {
		n = read(fd, buf + len, size - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			saved = errno;
			close(fd);
			errno = saved;
			return (-1);
		}
		if (n == 0)
			break;
		len += (size_t)n;
		/*
		 * A seq_file read stops short only at the end, so a short
		 * read ending a line saves the read that would return 0.
		 */
		if ((size_t)n < size - 1 - (len - (size_t)n) &&
		    buf[len - 1] == '\n')
			break;
	}
	close(fd);
	if (len == 0) {
		errno = ENOENT;
		return (-1);
	}
	if (len == size - 1 && buf[len - 1] != '\n' &&
	    (nl = memrchr(buf, '\n', len)) != NULL)
		len = (size_t)(nl - buf) + 1;
	buf[len] = '\0';
	return (0);
}

/* Parse a run of decimal digits at *pp, saturating at UINT64_MAX. */
static int
procfs_u64(const char **pp, uint64_t *out)
{
	const char	*p = *pp;
	uint64_t	 v = 0;
	u_int		 d;

	if (!isdigit((u_char)*p))
		return (-1);
	for (; isdigit((u_char)*p); p++) {
		d = (u_int)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			v = UINT64_MAX;
		else
			v = v * 10 + d;
	}
	*pp = p;
	*out = v;
	return (0);
}

/* Is this where a value ends: a blank, the end of the line or the text? */
static int
procfs_at_end(char c)
{
	return (c == '\0' || c == '\n' || c == ' ' || c == '\t');
}

/* Parse the value of a known key, after its colon. */
static int
procfs_parse_value(const char *p, enum procfs_unit unit, uint64_t *out)
{
	*out = 0;
	if (unit == PROCFS_TEXT)
		return (0);
	p += strspn(p, " \t");
	if (procfs_u64(&p, out) != 0)
		return (-1);
	if (unit == PROCFS_KB) {
		p += strspn(p, " \t");
		if (p[0] != 'k' || p[1] != 'B')
			return (-1);
		p += 2;
		*out = *out > UINT64_MAX / 1024 ? UINT64_MAX : *out * 1024;
	}
	return (procfs_at_end(*p) ? 0 : -1);
}

/*
 * Parse the "Key: value" lines of s: the value of each key in keys goes to
 * the same place in values and its bit into *seen. A key matches only as a
 * whole (Pss is not Pss_Anon); other lines are skipped. -1 if the value of
 * a key we want is malformed.
 */
static int
procfs_parse_keys(const char *s, const struct procfs_key *keys, u_int nkeys,
    uint64_t *values, uint32_t *seen)
{
	const char	*line, *end;
	size_t		 klen;
	u_int		 i;

	*seen = 0;
	memset(values, 0, nkeys * sizeof *values);
	for (line = s; *line != '\0'; line = end) {
		end = line + strcspn(line, "\n");
		if (*end == '\n')
			end++;
		klen = strcspn(line, ":\n");
		if (line[klen] != ':')
			continue;
		for (i = 0; i < nkeys; i++) {
			if (strlen(keys[i].name) == klen &&
			    memcmp(keys[i].name, line, klen) == 0)
				break;
		}
		if (i == nkeys)
			continue;
		if (procfs_parse_value(line + klen + 1, keys[i].unit,
		    &values[i]) != 0)
			return (-1);
		*seen |= 1u << i;
	}
	return (0);
}

/* The next space-separated number of a stat line, with its sign. */
static int
procfs_stat_token(const char **pp, uint64_t *v, int *neg)
{
	const char	*p = *pp;

	if (*p != ' ')
		return (-1);
	p += strspn(p, " ");
	*neg = (*p == '-');
	if (*neg)
		p++;
	if (procfs_u64(&p, v) != 0 || !procfs_at_end(*p))
		return (-1);
	*pp = p;
	return (0);
}

/* A pid (or pgrp or session) field: 0 up to what a pid_t holds. */
static int
procfs_stat_pid(uint64_t v, int neg, pid_t *out)
{
	if (neg || v > INT_MAX)
		return (-1);
	*out = (pid_t)v;
	return (0);
}

/*
 * The pid and the command name of a stat line. The name runs from the
 * first '(' to the last ')', since it may hold either; returns what
 * follows it.
 */
static const char *
procfs_stat_comm(const char *s, struct procfs_stat *st)
{
	const char	*p = s, *end;
	uint64_t	 v;
	size_t		 len;

	if (procfs_u64(&p, &v) != 0 || procfs_stat_pid(v, 0, &st->pid) != 0)
		return (NULL);
	if (p[0] != ' ' || p[1] != '(')
		return (NULL);
	p += 2;
	if ((end = strrchr(p, ')')) == NULL)
		return (NULL);
	len = (size_t)(end - p);
	if (len > sizeof st->comm - 1)
		len = sizeof st->comm - 1;
	memcpy(st->comm, p, len);
	st->comm[len] = '\0';
	return (end + 1);
}

int
procfs_parse_stat(const char *s, struct procfs_stat *out)
{
	struct procfs_stat	 st;
	const char		*p;
	uint64_t		 v[STAT_NALL];
	int			 neg[STAT_NALL], i;

	memset(&st, 0, sizeof st);
	if ((p = procfs_stat_comm(s, &st)) == NULL)
		goto bad;
	if (p[0] != ' ' || !isalpha((u_char)p[1]))
		goto bad;
	st.state = p[1];
	p += 2;
	for (i = 0; i < STAT_NFIELDS; i++) {
		if (procfs_stat_token(&p, &v[i], &neg[i]) != 0)
			goto bad;
	}
	for (; i < STAT_NALL; i++) {
		if (procfs_stat_token(&p, &v[i], &neg[i]) != 0)
			break;
	}
	/* Each exec maps a new stack (at a new place, with ASLR). */
	if (i == STAT_NALL && !neg[STAT_STARTSTACK])
		st.start_stack = v[STAT_STARTSTACK];
	if (procfs_stat_pid(v[STAT_PPID], neg[STAT_PPID], &st.ppid) != 0 ||
	    procfs_stat_pid(v[STAT_PGRP], neg[STAT_PGRP], &st.pgrp) != 0 ||
	    procfs_stat_pid(v[STAT_SID], neg[STAT_SID], &st.sid) != 0)
		goto bad;
	if (neg[STAT_FLAGS] || v[STAT_FLAGS] > UINT_MAX ||
	    neg[STAT_UTIME] || neg[STAT_STIME] || neg[STAT_THREADS] ||
	    neg[STAT_STARTTIME])
		goto bad;
	st.flags = (u_int)v[STAT_FLAGS];
	st.utime = v[STAT_UTIME];
	st.stime = v[STAT_STIME];
	st.cutime = neg[STAT_CUTIME] ? 0 : v[STAT_CUTIME];
	st.cstime = neg[STAT_CSTIME] ? 0 : v[STAT_CSTIME];
	if (v[STAT_THREADS] > LONG_MAX)
		st.threads = LONG_MAX;
	else
		st.threads = (long)v[STAT_THREADS];
	st.starttime = v[STAT_STARTTIME];
	*out = st;
	return (0);

bad:
	errno = EINVAL;
	return (-1);
}

int
procfs_read_stat(int piddir, struct procfs_stat *out)
{
	char	buf[PROCFS_BUFSIZE];

	if (procfs_read_file(piddir, "stat", buf, sizeof buf) != 0)
		return (-1);
	return (procfs_parse_stat(buf, out));
}

int
procfs_parse_statm(const char *s, struct procfs_statm *out)
{
	const char	*p = s;
	uint64_t	 v[3], page = (uint64_t)procfs_page_size();
	int		 i;

	for (i = 0; i < 3; i++) {
		while (i > 0 && *p == ' ')
			p++;
		if (procfs_u64(&p, &v[i]) != 0 || (*p != ' ' && *p != '\n' &&
		    *p != '\0'))
			goto bad;
	}
	if (v[1] > UINT64_MAX / page || v[2] > v[1])
		goto bad;
	out->size = v[0] > UINT64_MAX / page ? UINT64_MAX : v[0] * page;
	out->resident = v[1] * page;
	out->shared = v[2] * page;
	return (0);

bad:
	errno = EINVAL;
	return (-1);
}

int
procfs_read_statm(int piddir, struct procfs_statm *out)
{
	char	buf[256];

	if (procfs_read_file(piddir, "statm", buf, sizeof buf) != 0)
		return (-1);
	return (procfs_parse_statm(buf, out));
}

int
procfs_parse_status(const char *s, struct procfs_status *out)
{
	uint64_t	v[STATUS_NKEYS];
	uint32_t	seen;

	if (procfs_parse_keys(s, procfs_status_keys, STATUS_NKEYS, v,
	    &seen) != 0)
		goto bad;
	if ((seen & ((1u << STATUS_NAME)|(1u << STATUS_PID))) == 0)
		goto bad;
	if (v[STATUS_UID] > UINT32_MAX)
		goto bad;
	out->rss = v[STATUS_RSS];
	out->rss_anon = v[STATUS_RSS_ANON];
	out->rss_file = v[STATUS_RSS_FILE];
	out->rss_shmem = v[STATUS_RSS_SHMEM];
	out->swap = v[STATUS_SWAP];
	if (v[STATUS_THREADS] > LONG_MAX)
		out->threads = LONG_MAX;
	else
		out->threads = (long)v[STATUS_THREADS];
	out->uid = (uid_t)v[STATUS_UID];
	return (0);

bad:
	errno = EINVAL;
	return (-1);
}

int
procfs_read_status(int piddir, struct procfs_status *out)
{
	char	buf[PROCFS_BUFSIZE * 8];	/* Groups: can be long */

	if (procfs_read_file(piddir, "status", buf, sizeof buf) != 0)
		return (-1);
	return (procfs_parse_status(buf, out));
}

int
procfs_parse_rollup(const char *s, struct procfs_rollup *out)
{
	uint64_t	v[ROLLUP_NKEYS];
	uint32_t	seen;

	if (procfs_parse_keys(s, procfs_rollup_keys, ROLLUP_NKEYS, v,
	    &seen) != 0 || (seen & (1u << ROLLUP_RSS)) == 0) {
		errno = EINVAL;
		return (-1);
	}
	out->rss = v[ROLLUP_RSS];
	out->pss = v[ROLLUP_PSS];
	out->shared_clean = v[ROLLUP_SHARED_CLEAN];
	out->shared_dirty = v[ROLLUP_SHARED_DIRTY];
	out->private_clean = v[ROLLUP_PRIVATE_CLEAN];
	out->private_dirty = v[ROLLUP_PRIVATE_DIRTY];
	out->swap = v[ROLLUP_SWAP];
	out->swap_pss = v[ROLLUP_SWAP_PSS];
	return (0);
}

/*
 * Kernel threads and zombies have no memory to walk: opening their
 * smaps_rollup fails with ESRCH (or gives an empty file on older kernels).
 */
int
procfs_read_rollup(int piddir, struct procfs_rollup *out)
{
	char	buf[PROCFS_BUFSIZE];

	if (procfs_read_file(piddir, "smaps_rollup", buf, sizeof buf) != 0)
		return (-1);
	return (procfs_parse_rollup(buf, out));
}

int
procfs_parse_io(const char *s, struct procfs_io *out)
{
	uint64_t	v[IO_NKEYS];
	uint32_t	seen;

	if (procfs_parse_keys(s, procfs_io_keys, IO_NKEYS, v, &seen) != 0 ||
	    (seen & (1u << IO_RCHAR)) == 0) {
		errno = EINVAL;
		return (-1);
	}
	out->rchar = v[IO_RCHAR];
	out->wchar = v[IO_WCHAR];
	out->syscr = v[IO_SYSCR];
	out->syscw = v[IO_SYSCW];
	out->read_bytes = v[IO_READ_BYTES];
	out->write_bytes = v[IO_WRITE_BYTES];
	out->cancelled_write_bytes = v[IO_CANCELLED];
	return (0);
}

/* Another user's io gives EACCES, at open or at read. */
int
procfs_read_io(int piddir, struct procfs_io *out)
{
	char	buf[PROCFS_BUFSIZE];

	if (procfs_read_file(piddir, "io", buf, sizeof buf) != 0)
		return (-1);
	return (procfs_parse_io(buf, out));
}

/* The fd number an entry of the fd directory names, or -1. */
static int
procfs_fd_number(const char *name)
{
	const char	*p = name;
	uint64_t	 v;

	if (procfs_u64(&p, &v) != 0 || *p != '\0' || v > INT_MAX)
		return (-1);
	return ((int)v);
}

/* Open the fd directory of a process for listing. */
static DIR *
procfs_open_fd_dir(int piddir)
{
	DIR	*d;
	int	 fd, saved;

	fd = openat(piddir, "fd", O_RDONLY|O_DIRECTORY|O_CLOEXEC);
	if (fd == -1)
		return (NULL);
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return (d);
}

/*
 * On procfs (Linux 6.2 and later) the size of the fd directory is the
 * number of open fds; elsewhere, as in a fixture, it means nothing, and
 * a size of 0 may be an older kernel, so then count the entries. Listing
 * our own fd directory counts the fd that lists it.
 */
int
procfs_count_fds(int piddir)
{
	struct statfs	 sfs;
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	int		 n = 0, saved;

	if (fstatfs(piddir, &sfs) == 0 && sfs.f_type == PROC_SUPER_MAGIC &&
	    fstatat(piddir, "fd", &st, 0) == 0 && st.st_size > 0 &&
	    st.st_size <= INT_MAX)
		return ((int)st.st_size);

	if ((d = procfs_open_fd_dir(piddir)) == NULL)
		return (-1);
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (procfs_fd_number(de->d_name) != -1 && n < INT_MAX)
			n++;
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		errno = saved;
		return (-1);
	}
	return (n);
}

/* Does s end with suffix? */
static int
procfs_ends_with(const char *s, const char *suffix)
{
	size_t	slen = strlen(s), xlen = strlen(suffix);

	return (slen >= xlen && strcmp(s + slen - xlen, suffix) == 0);
}

/*
 * Classify a link that names a path by what it leads to. The link of a
 * deleted file still leads to the file on procfs, so a failed stat is
 * a dangling link of a fixture, or an fd closed under us: 1 then.
 */
static int
procfs_fd_path(int fddir, const char *name, const char *link,
    struct procfs_fd *f)
{
	struct statx	st;
	char		again[2];

	/* A memfd looks like a deleted file but is memory. */
	if (strncmp(link, "/memfd:", 7) == 0 &&
	    procfs_ends_with(link, " (deleted)")) {
		f->kind = PROCFS_FD_OTHER;
		return (0);
	}
	/*
	 * The file's cached attributes only: asking its filesystem (a FUSE
	 * daemon or NFS server that has stopped answering) could block the
	 * server for as long as it likes.
	 */
	if (statx(fddir, name, AT_STATX_DONT_SYNC, STATX_TYPE | STATX_INO,
	    &st) == 0 && (st.stx_mask & STATX_TYPE)) {
		if (S_ISREG(st.stx_mode))
			f->kind = PROCFS_FD_FILE;
		else if (S_ISDIR(st.stx_mode))
			f->kind = PROCFS_FD_DIR;
		else
			f->kind = PROCFS_FD_OTHER;
		f->dev = makedev(st.stx_dev_major, st.stx_dev_minor);
		f->ino = (st.stx_mask & STATX_INO) ? st.stx_ino : 0;
	} else {
		if (errno == ENOENT &&
		    readlinkat(fddir, name, again, sizeof again) == -1 &&
		    errno == ENOENT)
			return (1);
		if (procfs_ends_with(link, " (deleted)"))
			f->kind = PROCFS_FD_FILE;
		else
			f->kind = PROCFS_FD_OTHER;
	}
	if (f->kind == PROCFS_FD_FILE || f->kind == PROCFS_FD_DIR)
		f->path = xstrdup(link);
	return (0);
}

/* Fill in one fd from its link; 1 if it was closed under us. */
static int
procfs_fd_get(int fddir, const char *name, int fd, struct procfs_fd *f)
{
	char	link[PATH_MAX];
	ssize_t	len;

	memset(f, 0, sizeof *f);
	f->fd = fd;
	f->kind = PROCFS_FD_OTHER;
	if ((len = readlinkat(fddir, name, link, sizeof link - 1)) == -1)
		return (errno == ENOENT ? 1 : 0);
	link[len] = '\0';

	if (strncmp(link, "socket:[", 8) == 0)
		f->kind = PROCFS_FD_SOCKET;
	else if (strncmp(link, "pipe:[", 6) == 0)
		f->kind = PROCFS_FD_PIPE;
	else if (strncmp(link, "anon_inode:", 11) == 0)
		f->kind = PROCFS_FD_ANON;
	else if (link[0] == '/')
		return (procfs_fd_path(fddir, name, link, f));
	return (0);
}

int
procfs_read_fds(int piddir, struct procfs_fd **fds)
{
	struct procfs_fd	*list = NULL;
	struct dirent		*de;
	DIR			*d;
	int			 n = 0, size = 0, fd, saved;

	*fds = NULL;
	if ((d = procfs_open_fd_dir(piddir)) == NULL)
		return (-1);
	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if ((fd = procfs_fd_number(de->d_name)) == -1)
			continue;
		if (n == size) {
			if (size > INT_MAX / 2)
				break;
			size = size == 0 ? 16 : size * 2;
			list = xreallocarray(list, (size_t)size, sizeof *list);
		}
		if (procfs_fd_get(dirfd(d), de->d_name, fd, &list[n]) == 0)
			n++;
	}
	saved = errno;
	closedir(d);
	if (saved != 0) {
		procfs_free_fds(list, n);
		errno = saved;
		return (-1);
	}
	if (n == 0) {
		free(list);
		list = NULL;
	}
	*fds = list;
	return (n);
}

void
procfs_free_fds(struct procfs_fd *fds, int n)
{
	int	i;

	if (fds == NULL)
		return;
	for (i = 0; i < n; i++)
		free(fds[i].path);
	free(fds);
}

const char *
procfs_fd_kind_name(enum procfs_fd_kind kind)
{
	if ((u_int)kind >= PROCFS_FD_KINDS)
		return ("other");
	return (procfs_kind_names[kind]);
}

long
procfs_clock_ticks(void)
{
	static long	ticks;

	if (ticks <= 0 && (ticks = sysconf(_SC_CLK_TCK)) <= 0)
		ticks = 100;
	return (ticks);
}

long
procfs_page_size(void)
{
	static long	size;

	if (size <= 0 && (size = sysconf(_SC_PAGESIZE)) <= 0)
		size = 4096;
	return (size);
}
