/*
 * The server socket: where it lives, who may use it, passing the tty.
 *
 * A multiplexer socket is a shell for whoever can connect to it, so the
 * directory must be ours alone (checked with lstat so a symlink planted in
 * /tmp is refused), and every connection's peer uid is checked again.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/sock.h"
#include "vigil/xmalloc.h"

int
sock_check_dir(const char *dir, uid_t uid, int create, char **cause)
{
	struct stat	sb;

	if (lstat(dir, &sb) == -1 && errno == ENOENT && create) {
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			xasprintf(cause, "can't create %s: %s", dir,
			    strerror(errno));
			return (-1);
		}
	}
	if (lstat(dir, &sb) == -1) {
		xasprintf(cause, "%s: %s", dir, strerror(errno));
		return (-1);
	}
	if (!S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "socket directory %s is not a directory%s",
		    dir, S_ISLNK(sb.st_mode) ? " (a symlink)" : "");
		return (-1);
	}
	if (sb.st_uid != uid) {
		xasprintf(cause, "socket directory %s is owned by uid %ld, "
		    "not %ld", dir, (long)sb.st_uid, (long)uid);
		return (-1);
	}
	if ((sb.st_mode & 077) != 0) {
		xasprintf(cause, "socket directory %s has mode %04o: others "
		    "could use it (want 0700)", dir, sb.st_mode & 07777);
		return (-1);
	}
	return (0);
}

char *
sock_path(const char *name, const char *path, char **cause)
{
	const char	*runtime = getenv("XDG_RUNTIME_DIR");
	char		*dir, *out;
	uid_t		 uid = getuid();

	if (path != NULL) {
		if (strlen(path) >= sizeof ((struct sockaddr_un *)0)->sun_path) {
			xasprintf(cause, "socket path too long: %s", path);
			return (NULL);
		}
		return (xstrdup(path));
	}
	if (name == NULL)
		name = "default";
	if (*name == '\0' || strchr(name, '/') != NULL ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		xasprintf(cause, "bad socket name '%s'", name);
		return (NULL);
	}
	if (runtime != NULL && *runtime == '/')
		xasprintf(&dir, "%s/vigil", runtime);
	else
		xasprintf(&dir, "/tmp/vigil-%ld", (long)uid);
	xasprintf(&out, "%s/%s", dir, name);
	if (strlen(out) >= sizeof ((struct sockaddr_un *)0)->sun_path) {
		xasprintf(cause, "socket path too long: %s", out);
		free(out);
		free(dir);
		return (NULL);
	}
	if (sock_check_dir(dir, uid, 1, cause) != 0) {
		free(out);
		free(dir);
		return (NULL);
	}
	free(dir);
	return (out);
}

static int
sock_addr(const char *path, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sa->sun_path) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	strcpy(sa->sun_path, path);
	return (0);
}

int
sock_connect(const char *path)
{
	struct sockaddr_un	sa;
	int			fd, saved;

	if (sock_addr(path, &sa) != 0)
		return (-1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return (-1);
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return (-1);
	}
	return (fd);
}

/* Remove a socket nobody answers on, if it is a socket and ours. */
static int
sock_remove_stale(const char *path, char **cause)
{
	struct stat	sb;
	int		fd;

	if (lstat(path, &sb) == -1)
		return (errno == ENOENT ? 0 : -1);
	if (!S_ISSOCK(sb.st_mode) || sb.st_uid != getuid()) {
		xasprintf(cause, "%s exists and is not a socket of ours", path);
		return (-1);
	}
	if ((fd = sock_connect(path)) != -1) {
		close(fd);
		xasprintf(cause, "a server is already running at %s", path);
		return (-1);
	}
	/* Only a refused connection proves nobody listens (not EMFILE). */
	if (errno != ECONNREFUSED) {
		xasprintf(cause, "can't tell whether a server is running at "
		    "%s: %s", path, strerror(errno));
		return (-1);
	}
	if (unlink(path) == -1 && errno != ENOENT) {
		xasprintf(cause, "can't remove stale %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

int
sock_listen(const char *path, char **cause)
{
	struct sockaddr_un	sa;
	mode_t			mask;
	int			fd;

	*cause = NULL;
	if (sock_addr(path, &sa) != 0) {
		xasprintf(cause, "socket path too long: %s", path);
		return (-1);
	}
	if (sock_remove_stale(path, cause) != 0) {
		if (*cause == NULL)
			xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd == -1) {
		xasprintf(cause, "socket: %s", strerror(errno));
		return (-1);
	}
	mask = umask(S_IXUSR | S_IRWXG | S_IRWXO);
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    listen(fd, 128) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		umask(mask);
		close(fd);
		return (-1);
	}
	umask(mask);
	return (fd);
}

int
sock_peer_allowed(int fd, uid_t *uid)
{
	struct ucred	cred;
	socklen_t	len = sizeof cred;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == -1)
		return (0);
	*uid = cred.uid;
	return (cred.uid == getuid() || cred.uid == 0);
}

int
sock_send_fd(int fd, const void *buf, size_t len, int pass)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(sizeof(int))];
	}		 cm;
	struct msghdr	 mh;
	struct iovec	 iov;
	struct cmsghdr	*c;
	ssize_t		 n;

	memset(&mh, 0, sizeof mh);
	iov.iov_base = (void *)buf;
	iov.iov_len = len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (pass != -1) {
		memset(&cm, 0, sizeof cm);
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof cm.buf;
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass, sizeof(int));
	}
	while (iov.iov_len > 0) {
		n = sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return (-1);
		iov.iov_base = (char *)iov.iov_base + n;
		iov.iov_len -= n;
		mh.msg_control = NULL;	/* the fd went with the first byte */
		mh.msg_controllen = 0;
	}
	return (0);
}

ssize_t
sock_recv(int fd, void *buf, size_t len, int *got)
{
	union {
		struct cmsghdr	hdr;
		char		buf[CMSG_SPACE(4 * sizeof(int))];
	}		 cm;
	struct msghdr	 mh;
	struct iovec	 iov = { buf, len };
	struct cmsghdr	*c;
	ssize_t		 n;
	size_t		 i, nfds;
	int		 fds[4];

	memset(&mh, 0, sizeof mh);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cm.buf;
	mh.msg_controllen = sizeof cm.buf;
	n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
	if (n == -1)
		return (-1);
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		nfds = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		if (nfds > 4)
			nfds = 4;
		memcpy(fds, CMSG_DATA(c), nfds * sizeof(int));
		for (i = 0; i < nfds; i++) {
			if (*got == -1)
				*got = fds[i];
			else
				close(fds[i]);
		}
	}
	return (n);
}
