/*
 * One process's files under /proc, read relative to an open handle on its
 * directory (/proc/PID). A handle outlives a recycled pid safely: once the
 * process is gone, every read through it fails (ESRCH or ENOENT) rather
 * than reading whoever got the pid next.
 *
 * Every reader returns 0, or -1 with errno set when the file can't be read
 * or parsed (the process vanished, the file is empty or malformed, or we
 * may not read it: EACCES). Callers skip such a process or field; nothing
 * here logs.
 */
#ifndef VIGIL_PROCFS_H
#define VIGIL_PROCFS_H

#include <sys/types.h>

#include <stdint.h>

/* /proc/PID/stat. */
struct procfs_stat {
	pid_t			 pid;
	char			 comm[32];	/* as the kernel gives it */
	char			 state;		/* R S D Z T t X I ... */
	pid_t			 ppid;
	pid_t			 pgrp;
	pid_t			 sid;
	u_int			 flags;		/* PF_*: 0x00200000 kthread */
	unsigned long long	 utime;		/* clock ticks */
	unsigned long long	 stime;
	unsigned long long	 cutime;	/* of reaped children */
	unsigned long long	 cstime;
	long			 threads;
	unsigned long long	 starttime;	/* ticks after boot */
	uint64_t		 start_stack;	/* 0 if not given */
};
#define PROCFS_PF_KTHREAD	0x00200000u

/*
 * /proc/PID/statm, in bytes: cheaper than status (three numbers, no
 * 59-line text). resident - shared is the anonymous RSS.
 */
struct procfs_statm {
	uint64_t	 size;
	uint64_t	 resident;
	uint64_t	 shared;	/* file-backed and shmem */
};

/* The memory numbers of /proc/PID/status, in bytes. */
struct procfs_status {
	uint64_t	 rss;		/* VmRSS */
	uint64_t	 rss_anon;	/* RssAnon */
	uint64_t	 rss_file;	/* RssFile */
	uint64_t	 rss_shmem;	/* RssShmem */
	uint64_t	 swap;		/* VmSwap */
	long		 threads;	/* Threads */
	uid_t		 uid;		/* real uid, first of Uid: */
};

/*
 * /proc/PID/smaps_rollup, in bytes. The kernel walks the page tables to
 * make it: milliseconds for a process of a gigabyte.
 */
struct procfs_rollup {
	uint64_t	 rss;
	uint64_t	 pss;
	uint64_t	 shared_clean;
	uint64_t	 shared_dirty;
	uint64_t	 private_clean;
	uint64_t	 private_dirty;
	uint64_t	 swap;
	uint64_t	 swap_pss;
};

/* /proc/PID/io: readable only by the owner (or with ptrace rights). */
struct procfs_io {
	uint64_t	 rchar;		/* bytes asked of read() and kin */
	uint64_t	 wchar;
	uint64_t	 syscr;
	uint64_t	 syscw;
	uint64_t	 read_bytes;	/* bytes fetched from storage */
	uint64_t	 write_bytes;
	uint64_t	 cancelled_write_bytes;
};

enum procfs_fd_kind {
	PROCFS_FD_FILE,		/* regular file */
	PROCFS_FD_DIR,
	PROCFS_FD_PIPE,
	PROCFS_FD_SOCKET,
	PROCFS_FD_ANON,		/* anon_inode: eventfd, epoll, inotify ... */
	PROCFS_FD_OTHER,	/* devices, ttys, memfd, namespaces ... */
	PROCFS_FD_KINDS
};

/* One open fd of a process. */
struct procfs_fd {
	int			 fd;
	enum procfs_fd_kind	 kind;
	char			*path;	/* files and directories, else NULL */
	dev_t			 dev;	/* of the file, when stat worked */
	ino_t			 ino;	/* 0 if unknown */
};

/*
 * Read a small text file (name relative to dirfd: a /proc/PID handle, or
 * AT_FDCWD) into buf as a string. What does not fit is dropped, and with
 * it a last line cut short, so that a number is never read half. An empty
 * file is an error (ENOENT): there is nothing there.
 */
int		 procfs_read_file(int, const char *, char *, size_t);

/* Open /proc/PID under the /proc at procfd; -1 if it's gone. */
int		 procfs_open_pid(int, pid_t);

/* Parse a stat line (the comm may hold spaces, parentheses, ") "). */
int		 procfs_parse_stat(const char *, struct procfs_stat *);
int		 procfs_read_stat(int, struct procfs_stat *);

int		 procfs_parse_statm(const char *, struct procfs_statm *);
int		 procfs_read_statm(int, struct procfs_statm *);

int		 procfs_parse_status(const char *, struct procfs_status *);
int		 procfs_read_status(int, struct procfs_status *);

int		 procfs_parse_rollup(const char *, struct procfs_rollup *);
int		 procfs_read_rollup(int, struct procfs_rollup *);

int		 procfs_parse_io(const char *, struct procfs_io *);
int		 procfs_read_io(int, struct procfs_io *);

/*
 * How many fds the process has open: the size of its fd directory where
 * the kernel gives it (Linux 6.2+), else by listing it. -1 if unreadable.
 */
int		 procfs_count_fds(int);
/*
 * Every open fd, classified from its link text and, for paths, a stat of
 * the file. Returns how many, with the list in *fds (procfs_free_fds), or
 * -1. An fd closed during the walk is skipped.
 */
int		 procfs_read_fds(int, struct procfs_fd **);
void		 procfs_free_fds(struct procfs_fd *, int);
/* "file", "dir", "pipe", "socket", "anon_inode", "other". */
const char	*procfs_fd_kind_name(enum procfs_fd_kind);

/* Clock ticks per second and the page size, read once. */
long		 procfs_clock_ticks(void);
long		 procfs_page_size(void);

#endif
