/*
 * Process trees from /proc: who descends from whom.
 *
 * The parent is read from /proc/PID/stat. Its second field is the command
 * name in parentheses, which may itself hold ") " or spaces, so the fields
 * after it are found from the last ')'. Only the parent is wanted here, so
 * unlike procfs.c this takes a line cut short after it.
 */

#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/proctree.h"
#include "vigil/xmalloc.h"

/*
 * The parent and session from a stat line (the session -1 if the line
 * stops before it); -1 if there is no parent.
 */
static int
proctree_parse(const char *stat, pid_t *ppid, pid_t *sid)
{
	const char	*p = strrchr(stat, ')');
	char		 state;
	long		 pp, pgrp, s = -1;

	if (p == NULL || sscanf(p + 1, " %c %ld %ld %ld", &state, &pp, &pgrp,
	    &s) < 2 || pp < 0)
		return (-1);
	*ppid = (pid_t)pp;
	*sid = (pid_t)s;
	return (0);
}

pid_t
proctree_parse_ppid(const char *stat)
{
	pid_t	ppid, sid;

	return (proctree_parse(stat, &ppid, &sid) == 0 ? ppid : -1);
}

/* Read one process's parent and session; -1 if it is gone. */
static int
proctree_read(int dirfd, const char *name, pid_t *ppid, pid_t *sid)
{
	char	path[64], buf[512];
	ssize_t	n;
	int	fd;

	snprintf(path, sizeof path, "%s/stat", name);
	if ((fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	return (proctree_parse(buf, ppid, sid));
}

u_int
proctree_scan(const char *procdir, struct proctree_entry **out)
{
	struct proctree_entry	*list = NULL;
	struct dirent		*de;
	DIR			*d;
	u_int			 n = 0, size = 0;
	pid_t			 ppid, sid;

	*out = NULL;
	if ((d = opendir(procdir)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		if (proctree_read(dirfd(d), de->d_name, &ppid, &sid) != 0)
			continue;
		if (n == size) {
			size = size == 0 ? 256 : size * 2;
			list = xreallocarray(list, size, sizeof *list);
		}
		list[n].pid = (pid_t)strtol(de->d_name, NULL, 10);
		list[n].ppid = ppid;
		list[n++].sid = sid;
	}
	closedir(d);
	*out = list;
	return (n);
}

u_int
proctree_descendants(const char *procdir, pid_t root, pid_t **pids)
{
	return (proctree_descendants_skip(procdir, root, NULL, NULL, pids));
}

u_int
proctree_descendants_skip(const char *procdir, pid_t root,
    int (*skip)(pid_t, void *), void *arg, pid_t **pids)
{
	struct proctree_entry	*list;
	u_int			 n, i, found = 0, done = 0;
	int			 grew;

	n = proctree_scan(procdir, &list);
	*pids = xcalloc(n + 1, sizeof **pids);
	/* Grow the set until a pass adds nothing: parents may come later. */
	do {
		grew = 0;
		for (i = 0; i < n; i++) {
			u_int	j;
			int	in = list[i].ppid == root;

			for (j = 0; !in && j < found; j++)
				in = list[i].ppid == (*pids)[j];
			if (!in || list[i].pid == root)
				continue;
			if (skip == NULL || !skip(list[i].pid, arg)) {
				(*pids)[found++] = list[i].pid;
				grew = 1;
			}
			list[i].ppid = -1;	/* taken (or left out) */
			list[i].pid = -1;
		}
	} while (grew && ++done < n);
	free(list);
	return (found);
}
