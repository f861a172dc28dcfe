/*
 * Cgroups for panes.
 *
 * The server finds its own cgroup in each hierarchy that can freeze (the
 * cgroup v2 one, and the v1 one with the freezer controller) from
 * /proc/self/mountinfo and /proc/self/cgroup, and makes vigil-PID under it
 * if it may (as root, or in a delegated subtree); panes get a directory
 * each in there. It holds a flock on its directory for as long as it
 * runs: a directory nobody holds belongs to a server that is gone, even
 * one in another pid namespace, whose pids mean nothing here. The next
 * server thaws what such a server left frozen and removes it.
 */

#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigil/cgroup.h"
#include "vigil/log.h"
#include "vigil/procfs.h"
#include "vigil/xmalloc.h"

#define CGROUP_WAIT_MS	250	/* for a freeze or a thaw to show */
#define CGROUP_NAMES	16	/* vigil-PID, vigil-PID.1, ... */

/* One hierarchy, as far as we have looked at it. */
struct cgroup_tree {
	const char	*name;
	int		 tried;
	char		*base;		/* our own cgroup, as a directory */
	char		*own;		/* the same, as /proc/PID/cgroup says */
	char		*dir;		/* base/vigil-PID, or NULL */
	int		 lock;		/* flock held on dir */
};
static struct cgroup_tree cgroup_trees[CGROUP_KINDS] = {
	[CGROUP_V2] = { .name = "cgroup2", .lock = -1 },
	[CGROUP_FREEZER] = { .name = "freezer", .lock = -1 },
};

/* Write a short string to a file (a control file). */
static int
cgroup_write(const char *dir, const char *file, const char *value)
{
	char	path[PATH_MAX];
	ssize_t	n;
	int	fd, saved, len;

	len = snprintf(path, sizeof path, "%s/%s", dir, file);
	if (len < 0 || (size_t)len >= sizeof path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = write(fd, value, strlen(value));
	saved = errno;
	close(fd);
	errno = saved;
	return (n == (ssize_t)strlen(value) ? 0 : -1);
}

/* Read a small control file into buf; 0, or -1. */
static int
cgroup_read(const char *dir, const char *file, char *buf, size_t size)
{
	char	path[PATH_MAX];
	int	len;

	len = snprintf(path, sizeof path, "%s/%s", dir, file);
	if (len < 0 || (size_t)len >= sizeof path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	return (procfs_read_file(AT_FDCWD, path, buf, size));
}

/* Does a comma-separated list hold word? */
static int
cgroup_has_word(char *list, const char *word)
{
	char	*tok, *save;

	for (tok = strtok_r(list, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, word) == 0)
			return (1);
	}
	return (0);
}

/*
 * The hierarchy's mount point and the root it shows, from
 * /proc/self/mountinfo.
 */
static int
cgroup_find_mount(enum cgroup_kind k, char *mnt, size_t mlen, char *root,
    size_t rlen)
{
	FILE	*f;
	char	*line = NULL, *sep, *fstype, *opts, *save, *fields[5];
	size_t	 size = 0;
	u_int	 i;
	int	 found = 0;

	if ((f = fopen("/proc/self/mountinfo", "re")) == NULL)
		return (-1);
	while (!found && getline(&line, &size, f) != -1) {
		line[strcspn(line, "\n")] = '\0';
		if ((sep = strstr(line, " - ")) == NULL)
			continue;
		*sep = '\0';
		fstype = strtok_r(sep + 3, " ", &save);
		if (fstype == NULL || strtok_r(NULL, " ", &save) == NULL ||
		    (opts = strtok_r(NULL, " ", &save)) == NULL)
			continue;
		if (k == CGROUP_V2 && strcmp(fstype, "cgroup2") != 0)
			continue;
		if (k == CGROUP_FREEZER && (strcmp(fstype, "cgroup") != 0 ||
		    !cgroup_has_word(opts, "freezer")))
			continue;
		fields[0] = strtok_r(line, " ", &save);
		for (i = 1; i < 5 && fields[i - 1] != NULL; i++)
			fields[i] = strtok_r(NULL, " ", &save);
		/* Escaped names (\040) are not worth the trouble. */
		if (i < 5 || fields[4] == NULL || strchr(fields[3], '\\') ||
		    strchr(fields[4], '\\'))
			continue;
		snprintf(root, rlen, "%s", fields[3]);
		snprintf(mnt, mlen, "%s", fields[4]);
		found = 1;
	}
	free(line);
	fclose(f);
	return (found ? 0 : -1);
}

/*
 * A process's cgroup in a hierarchy from the text of its cgroup file:
 * "0::/path" for v2, "N:a,freezer:/path" for the v1 freezer.
 */
static int
cgroup_parse_own(enum cgroup_kind k, char *text, char *path, size_t len)
{
	char	*line, *next, *ctrl, *cg;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if ((ctrl = strchr(line, ':')) == NULL ||
		    (cg = strchr(ctrl + 1, ':')) == NULL)
			continue;
		*cg++ = '\0';
		*ctrl++ = '\0';
		if (k == CGROUP_V2 ? (strcmp(line, "0") == 0 && *ctrl == '\0') :
		    cgroup_has_word(ctrl, "freezer")) {
			snprintf(path, len, "%s", cg);
			return (0);
		}
	}
	return (-1);
}

/* Thaw a cgroup (left frozen by a server that has gone). */
static void
cgroup_thaw(enum cgroup_kind k, const char *dir)
{
	if (k == CGROUP_V2)
		cgroup_write(dir, "cgroup.freeze", "0");
	else
		cgroup_write(dir, "freezer.state", "THAWED");
}

/*
 * Is this directory of another server stale? Its server held a flock on
 * it; if we can take one, it is gone. Where flock does not work, a pid
 * that no longer exists says the same (in our pid namespace).
 */
static int
cgroup_stale(int fd, const char *name)
{
	char	*end;
	long	 pid;

	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return (1);
	if (errno == EWOULDBLOCK)
		return (0);
	pid = strtol(name + 6, &end, 10);
	if ((*end != '\0' && *end != '.') || pid <= 0)
		return (0);
	return (kill((pid_t)pid, 0) == -1 && errno == ESRCH);
}

/* Thaw and remove what servers that are gone left; busy ones stay. */
static void
cgroup_sweep(enum cgroup_kind k, const char *base)
{
	DIR		*d, *d1;
	struct dirent	*de, *de1;
	char		 dir[PATH_MAX], sub[PATH_MAX];
	int		 fd, n;

	if ((d = opendir(base)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "vigil-", 6) != 0)
			continue;
		n = snprintf(dir, sizeof dir, "%s/%s", base, de->d_name);
		if (n < 0 || (size_t)n >= sizeof dir)
			continue;
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
			continue;
		if (!cgroup_stale(fd, de->d_name)) {
			close(fd);
			continue;
		}
		if ((d1 = opendir(dir)) != NULL) {
			while ((de1 = readdir(d1)) != NULL) {
				if ((de1->d_type != DT_DIR &&
				    de1->d_type != DT_UNKNOWN) ||
				    de1->d_name[0] == '.')
					continue;
				n = snprintf(sub, sizeof sub, "%s/%s", dir,
				    de1->d_name);
				if (n < 0 || (size_t)n >= sizeof sub)
					continue;
				cgroup_thaw(k, sub);
				if (rmdir(sub) != 0)
					log_debug("cgroup %s: %s", sub,
					    strerror(errno));
			}
			closedir(d1);
		}
		close(fd);
		if (rmdir(dir) == 0)
			log_debug("removed stale cgroup %s", dir);
	}
	closedir(d);
}

/* Make and lock our directory: vigil-PID, or vigil-PID.N if that is taken. */
static int
cgroup_make_server_dir(struct cgroup_tree *ct)
{
	char	path[PATH_MAX];
	u_int	i;
	int	fd;

	for (i = 0; i < CGROUP_NAMES; i++) {
		if (i == 0)
			snprintf(path, sizeof path, "%s/vigil-%ld", ct->base,
			    (long)getpid());
		else
			snprintf(path, sizeof path, "%s/vigil-%ld.%u", ct->base,
			    (long)getpid(), i);
		if (mkdir(path, 0755) == 0)
			break;
		if (errno != EEXIST) {
			log_debug("cgroup: %s: %s", path, strerror(errno));
			return (-1);
		}
	}
	if (i == CGROUP_NAMES)
		return (-1);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock(fd, LOCK_EX | LOCK_NB) != 0)
		log_debug("cgroup: lock %s: %s", path, strerror(errno));
	ct->lock = fd;
	ct->dir = xstrdup(path);
	return (0);
}

const char *
cgroup_server_dir(enum cgroup_kind k)
{
	struct cgroup_tree	*ct = &cgroup_trees[k];
	char			 mnt[PATH_MAX], root[PATH_MAX], own[PATH_MAX];
	char			 buf[4096];
	const char		*rel;
	size_t			 rlen;

	if (ct->tried)
		return (ct->dir);
	ct->tried = 1;
	if (cgroup_find_mount(k, mnt, sizeof mnt, root, sizeof root) != 0 ||
	    procfs_read_file(AT_FDCWD, "/proc/self/cgroup", buf, sizeof buf) !=
	    0 || cgroup_parse_own(k, buf, own, sizeof own) != 0) {
		log_debug("cgroup: no %s hierarchy", ct->name);
		return (NULL);
	}
	/* Our cgroup as seen from where the hierarchy is mounted. */
	rlen = strlen(root);
	if (strcmp(root, "/") == 0)
		rel = own;
	else if (strncmp(own, root, rlen) == 0 && (own[rlen] == '/' ||
	    own[rlen] == '\0'))
		rel = own + rlen;
	else {
		log_debug("cgroup: %s: %s is outside %s", ct->name, own, root);
		return (NULL);
	}
	xasprintf(&ct->base, "%s%s", mnt, strcmp(rel, "/") == 0 ? "" : rel);
	ct->own = xstrdup(strcmp(own, "/") == 0 ? "" : own);
	cgroup_sweep(k, ct->base);
	if (cgroup_make_server_dir(ct) != 0)
		return (NULL);

	/* Memory accounting and reclaim, if the parent lends the controller. */
	if (k == CGROUP_V2 && cgroup_read(ct->dir, "cgroup.controllers", buf,
	    sizeof buf) == 0 && strstr(buf, "memory") != NULL &&
	    cgroup_write(ct->dir, "cgroup.subtree_control", "+memory") != 0)
		log_debug("cgroup: %s: +memory: %s", ct->dir, strerror(errno));
	log_debug("cgroup: %s at %s", ct->name, ct->dir);
	return (ct->dir);
}

char *
cgroup_make(enum cgroup_kind k, const char *name)
{
	const char	*dir = cgroup_server_dir(k);
	char		*path, buf[64];
	int		 saved;

	if (dir == NULL)
		return (NULL);
	xasprintf(&path, "%s/%s", dir, name);
	/* Only a new one: one left from before may be frozen, or in use. */
	if (mkdir(path, 0755) != 0) {
		saved = errno;
		log_debug("cgroup: %s: %s", path, strerror(errno));
		free(path);
		errno = saved;
		return (NULL);
	}
	/* A kernel without the v2 freezer (before 5.2) has no cgroup.freeze. */
	if (cgroup_read(path, k == CGROUP_V2 ? "cgroup.freeze" :
	    "freezer.state", buf, sizeof buf) != 0) {
		log_debug("cgroup: %s: can't freeze: %s", path,
		    strerror(errno));
		rmdir(path);
		free(path);
		return (NULL);
	}
	return (path);
}

int
cgroup_remove(const char *dir)
{
	if (rmdir(dir) == 0 || errno == ENOENT)
		return (0);
	return (-1);
}

int
cgroup_open_procs(const char *dir)
{
	char	path[PATH_MAX];

	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	return (open(path, O_WRONLY | O_CLOEXEC));
}

u_int
cgroup_pids(const char *dir, pid_t **out)
{
	char	 path[PATH_MAX], *line = NULL;
	size_t	 size = 0;
	pid_t	*pids = NULL;
	u_int	 n = 0;
	long	 pid;
	FILE	*f;

	*out = NULL;
	snprintf(path, sizeof path, "%s/cgroup.procs", dir);
	if ((f = fopen(path, "re")) == NULL)
		return (0);
	while (getline(&line, &size, f) != -1) {
		if ((pid = strtol(line, NULL, 10)) <= 0)
			continue;
		pids = xreallocarray(pids, n + 1, sizeof *pids);
		pids[n++] = (pid_t)pid;
	}
	free(line);
	fclose(f);
	*out = pids;
	return (n);
}

int
cgroup_has(enum cgroup_kind k, const char *dir, int piddir)
{
	struct cgroup_tree	*ct = &cgroup_trees[k];
	char			 buf[4096], path[PATH_MAX], want[PATH_MAX];
	size_t			 blen;

	if (ct->base == NULL || ct->own == NULL)
		return (0);
	blen = strlen(ct->base);
	if (strncmp(dir, ct->base, blen) != 0)
		return (0);
	snprintf(want, sizeof want, "%s%s", ct->own, dir + blen);
	if (procfs_read_file(piddir, "cgroup", buf, sizeof buf) != 0 ||
	    cgroup_parse_own(k, buf, path, sizeof path) != 0)
		return (0);
	return (strcmp(path, want) == 0);
}

int
cgroup_freeze(enum cgroup_kind k, const char *dir, int freeze)
{
	struct timespec	 ts = { 0, 1000000 };
	char		 buf[512];
	u_int		 i;
	int		 done, saved;

	for (i = 0; i < CGROUP_WAIT_MS; i++) {
		if (k == CGROUP_V2) {
			if (i == 0 && cgroup_write(dir, "cgroup.freeze",
			    freeze ? "1" : "0") != 0)
				return (-1);
			if (cgroup_read(dir, "cgroup.events", buf,
			    sizeof buf) != 0)
				goto fail;
			done = strstr(buf, freeze ? "frozen 1" : "frozen 0") !=
			    NULL;
		} else {
			/* v1 asks for FROZEN again until it is. */
			if ((i == 0 || freeze) && cgroup_write(dir,
			    "freezer.state", freeze ? "FROZEN" : "THAWED") != 0)
				goto fail;
			if (cgroup_read(dir, "freezer.state", buf,
			    sizeof buf) != 0)
				goto fail;
			done = strncmp(buf, freeze ? "FROZEN" : "THAWED",
			    6) == 0;
		}
		if (done)
			return (0);
		nanosleep(&ts, NULL);
	}
	/* The kernel finishes it in its own time. */
	log_debug("cgroup %s: not %s after %d ms", dir,
	    freeze ? "frozen" : "thawed", CGROUP_WAIT_MS);
	return (0);

fail:
	saved = errno;
	if (freeze)
		cgroup_thaw(k, dir);
	errno = saved;
	return (-1);
}

int
cgroup_kill(const char *dir)
{
	return (cgroup_write(dir, "cgroup.kill", "1"));
}

long long
cgroup_memory(const char *dir)
{
	char	buf[64];

	if (cgroup_read(dir, "memory.current", buf, sizeof buf) != 0)
		return (-1);
	return (strtoll(buf, NULL, 10));
}

int
cgroup_reclaim(const char *dir, long long bytes)
{
	char	amount[32];

	snprintf(amount, sizeof amount, "%lld", bytes);
	/* EAGAIN: it could not take all; what it took is still gone. */
	if (cgroup_write(dir, "memory.reclaim", amount) != 0 &&
	    errno != EAGAIN)
		return (-1);
	return (0);
}

void
cgroup_done(void)
{
	struct cgroup_tree	*ct;
	u_int			 k;

	for (k = 0; k < CGROUP_KINDS; k++) {
		ct = &cgroup_trees[k];
		if (ct->dir != NULL && rmdir(ct->dir) != 0)
			log_debug("cgroup %s: %s", ct->dir, strerror(errno));
		if (ct->lock != -1)
			close(ct->lock);
		free(ct->dir);
		free(ct->base);
		free(ct->own);
		ct->dir = ct->base = ct->own = NULL;
		ct->lock = -1;
		ct->tried = 0;
	}
}
