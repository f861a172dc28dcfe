/*
 * Tests for the server socket (sock.c) and process trees (proctree.c).
 *
 * Each test gets a private directory under a per-tcase base in /tmp. The
 * base is made and removed by an unchecked fixture, which runs in the
 * runner itself, so it goes even when a forked test dies on an assertion.
 */

#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/proctree.h"
#include "vigil/sock.h"
#include "vigil/xmalloc.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

/* A uid that is not ours (nobody), for ownership tests run as root. */
#define SOCK_OTHER_UID 65534

static char	 sock_base[64];	/* per tcase, in the runner */
static char	 sock_dir[128];	/* per test */
static char	*sock_old_xdg;
static int	 sock_had_xdg;
static mode_t	 sock_old_umask;

/* Remove one entry of a tree, children first. */
static int
sock_test_rm_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	if (remove(path) != 0)
		fprintf(stderr, "check_sock: remove %s: %s\n", path,
		    strerror(errno));
	return (0);
}

/* rm -rf, without following symlinks. */
static void
sock_test_rm(const char *path)
{
	struct stat	sb;

	if (*path == '\0' || lstat(path, &sb) != 0)
		return;
	nftw(path, sock_test_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
sock_base_setup(void)
{
	snprintf(sock_base, sizeof sock_base, "/tmp/vigil-check-sock.XXXXXX");
	if (mkdtemp(sock_base) == NULL) {
		fprintf(stderr, "check_sock: mkdtemp %s: %s\n", sock_base,
		    strerror(errno));
		abort();
	}
}

static void
sock_base_teardown(void)
{
	sock_test_rm(sock_base);
	*sock_base = '\0';
}

static void
sock_setup(void)
{
	const char	*xdg = getenv("XDG_RUNTIME_DIR");

	snprintf(sock_dir, sizeof sock_dir, "%s/t.XXXXXX", sock_base);
	ck_assert_msg(mkdtemp(sock_dir) != NULL, "mkdtemp %s: %s", sock_dir,
	    strerror(errno));
	sock_had_xdg = xdg != NULL;
	sock_old_xdg = xdg != NULL ? xstrdup(xdg) : NULL;
	sock_old_umask = umask(022);
}

static void
sock_teardown(void)
{
	if (sock_had_xdg)
		setenv("XDG_RUNTIME_DIR", sock_old_xdg, 1);
	else
		unsetenv("XDG_RUNTIME_DIR");
	free(sock_old_xdg);
	sock_old_xdg = NULL;
	umask(sock_old_umask);
	sock_test_rm(sock_dir);
	*sock_dir = '\0';
}

/* A path in this test's directory (xmalloc'd). */
static char *
sock_test_path(const char *name)
{
	char	*path;

	xasprintf(&path, "%s/%s", sock_dir, name);
	return (path);
}

static char *
sock_test_mkdir(const char *name, mode_t mode)
{
	char	*path = sock_test_path(name);

	ck_assert_msg(mkdir(path, 0700) == 0, "mkdir %s: %s", path,
	    strerror(errno));
	ck_assert_msg(chmod(path, mode) == 0, "chmod %s: %s", path,
	    strerror(errno));
	return (path);
}

static void
sock_test_write(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	ck_assert_msg(f != NULL, "fopen %s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert_msg(fclose(f) == 0, "fclose %s: %s", path, strerror(errno));
}

/* Does cause hold want? Prints both if not. */
static void
sock_test_cause(const char *what, char *cause, const char *want)
{
	ck_assert_msg(cause != NULL && strstr(cause, want) != NULL,
	    "%s: cause '%s', want it to mention '%s'", what,
	    cause != NULL ? cause : "(null)", want);
}

/* Are we root? If not, say which check is skipped. */
static int
sock_test_root(const char *test)
{
	if (geteuid() == 0)
		return (1);
	fprintf(stderr, "check_sock: %s: not root, skipping the check with "
	    "uid %d\n", test, SOCK_OTHER_UID);
	return (0);
}

/* A missing directory is an error, or is made 0700 when asked. */
START_TEST(test_sock_dir_create)
{
	char		*path = sock_test_path("new"), *cause = NULL;
	struct stat	 sb;
	int		 r;

	r = sock_check_dir(path, getuid(), 0, &cause);
	ck_assert_msg(r == -1, "missing %s, no create: got %d", path, r);
	sock_test_cause("missing, no create", cause, path);
	ck_assert_msg(lstat(path, &sb) == -1 && errno == ENOENT,
	    "%s was made without create", path);
	free(cause);

	cause = NULL;
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == 0, "missing %s, create: got %d (%s)", path, r,
	    cause);
	ck_assert_msg(lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    (sb.st_mode & 07777) == 0700 && sb.st_uid == getuid(),
	    "made %s: mode %04o uid %ld", path, sb.st_mode & 07777,
	    (long)sb.st_uid);

	/* Even a umask that would let others in. */
	umask(0);
	free(path);
	path = sock_test_path("new0");
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == 0 && lstat(path, &sb) == 0 &&
	    (sb.st_mode & 07777) == 0700, "umask 0: got %d, mode %04o", r,
	    sb.st_mode & 07777);
	free(path);
}
END_TEST

/* An existing 0700 directory of ours passes, with or without create. */
START_TEST(test_sock_dir_ok)
{
	char	*path = sock_test_mkdir("ok", 0700), *cause = NULL;
	int	 r;

	r = sock_check_dir(path, getuid(), 0, &cause);
	ck_assert_msg(r == 0 && cause == NULL, "0700 %s: got %d (%s)", path,
	    r, cause);
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == 0 && cause == NULL, "0700 %s, create: got %d (%s)",
	    path, r, cause);
	free(path);
}
END_TEST

/* Any group or other permission is refused, and the cause says which. */
static const mode_t sock_bad_modes[] = {
	0777, 0750, 0755, 0770, 0707, 0701, 0710, 0720, 0702, 0704, 0740
};

START_TEST(test_sock_dir_mode)
{
	mode_t		 mode = sock_bad_modes[_i];
	char		*path, *cause = NULL, name[16], want[16];
	struct stat	 sb;
	int		 r;

	snprintf(name, sizeof name, "m%04o", mode);
	path = sock_test_mkdir(name, mode);
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == -1, "mode %04o: got %d, want -1", mode, r);
	snprintf(want, sizeof want, "%04o", mode);
	sock_test_cause(name, cause, want);
	ck_assert_msg(lstat(path, &sb) == 0 && (sb.st_mode & 07777) == mode,
	    "mode %04o: changed to %04o", mode, sb.st_mode & 07777);
	free(cause);
	free(path);
}
END_TEST

/* A symlink is refused even when it points at a good directory. */
START_TEST(test_sock_dir_symlink)
{
	char		*good = sock_test_mkdir("good", 0700);
	char		*link = sock_test_path("link");
	char		*gone = sock_test_path("gone");
	char		*dangling = sock_test_path("dangling");
	char		*cause = NULL;
	struct stat	 sb;
	int		 r, create;

	ck_assert_int_eq(symlink(good, link), 0);
	for (create = 0; create <= 1; create++) {
		cause = NULL;
		r = sock_check_dir(link, getuid(), create, &cause);
		ck_assert_msg(r == -1, "symlink to %s, create %d: got %d", good,
		    create, r);
		sock_test_cause("symlink", cause, "symlink");
		free(cause);
	}

	/* A dangling one must not lead to a directory made at its target. */
	ck_assert_int_eq(symlink(gone, dangling), 0);
	cause = NULL;
	r = sock_check_dir(dangling, getuid(), 1, &cause);
	ck_assert_msg(r == -1, "dangling symlink, create: got %d", r);
	sock_test_cause("dangling symlink", cause, "symlink");
	ck_assert_msg(lstat(gone, &sb) == -1, "%s was created through the "
	    "symlink", gone);
	free(cause);

	free(dangling);
	free(gone);
	free(link);
	free(good);
}
END_TEST

START_TEST(test_sock_dir_file)
{
	char	*path = sock_test_path("file"), *cause = NULL;
	int	 r;

	sock_test_write(path, "not a directory\n");
	chmod(path, 0700);
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == -1, "regular file: got %d", r);
	sock_test_cause("regular file", cause, "not a directory");
	ck_assert_msg(strstr(cause, "symlink") == NULL, "regular file: "
	    "cause '%s' calls it a symlink", cause);
	free(cause);
	free(path);
}
END_TEST

/* A directory of another user is refused (only root can make one). */
START_TEST(test_sock_dir_owner)
{
	char	*path, *cause = NULL;
	int	 r;

	if (!sock_test_root("test_sock_dir_owner"))
		return;
	path = sock_test_mkdir("theirs", 0700);
	ck_assert_msg(chown(path, SOCK_OTHER_UID, SOCK_OTHER_UID) == 0,
	    "chown %s: %s", path, strerror(errno));
	r = sock_check_dir(path, getuid(), 1, &cause);
	ck_assert_msg(r == -1, "owned by %d: got %d", SOCK_OTHER_UID, r);
	sock_test_cause("other owner", cause, "65534");
	free(cause);

	/* The same directory is fine for its owner. */
	cause = NULL;
	r = sock_check_dir(path, SOCK_OTHER_UID, 0, &cause);
	ck_assert_msg(r == 0, "checked as uid %d: got %d (%s)", SOCK_OTHER_UID,
	    r, cause);
	free(path);
}
END_TEST

/* With XDG_RUNTIME_DIR the socket is $XDG_RUNTIME_DIR/vigil/NAME. */
START_TEST(test_sock_path_xdg)
{
	char		*want, *got, *dir = sock_test_path("vigil");
	char		*cause = NULL;
	struct stat	 sb;

	ck_assert_int_eq(setenv("XDG_RUNTIME_DIR", sock_dir, 1), 0);
	got = sock_path("work", NULL, &cause);
	xasprintf(&want, "%s/vigil/work", sock_dir);
	ck_assert_msg(got != NULL && strcmp(got, want) == 0, "name 'work': "
	    "got '%s' (%s), want '%s'", got, cause, want);
	ck_assert_msg(lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    (sb.st_mode & 07777) == 0700, "%s: mode %04o", dir,
	    sb.st_mode & 07777);
	free(want);
	free(got);

	/* No name is "default", in the directory now already there. */
	got = sock_path(NULL, NULL, &cause);
	xasprintf(&want, "%s/vigil/default", sock_dir);
	ck_assert_msg(got != NULL && strcmp(got, want) == 0, "no name: got "
	    "'%s' (%s), want '%s'", got, cause, want);
	free(want);
	free(got);

	/* Once others can get in, no socket path is given out. */
	ck_assert_int_eq(chmod(dir, 0755), 0);
	got = sock_path("work", NULL, &cause);
	ck_assert_msg(got == NULL, "directory 0755: got '%s'", got);
	sock_test_cause("directory 0755", cause, "0755");
	free(cause);
	free(dir);
}
END_TEST

/* A path given with -S is used as it is, and nothing is made for it. */
START_TEST(test_sock_path_given)
{
	static const char *const paths[] = { "/nonexistent/vigil-test/s",
	    "relative.sock", "a/b/../c" };
	char		*got, *cause = NULL;
	struct stat	 sb;
	int		 i;

	ck_assert_int_eq(setenv("XDG_RUNTIME_DIR", sock_dir, 1), 0);
	for (i = 0; i < NITEMS(paths); i++) {
		got = sock_path(i == 0 ? "ignored" : NULL, paths[i], &cause);
		ck_assert_msg(got != NULL && strcmp(got, paths[i]) == 0,
		    "-S '%s': got '%s' (%s)", paths[i], got, cause);
		free(got);
	}
	got = sock_path("a/b", paths[0], &cause);
	ck_assert_msg(got != NULL && strcmp(got, paths[0]) == 0, "-S with a "
	    "bad -L name: got '%s' (%s)", got, cause);
	free(got);
	ck_assert_msg(lstat("/nonexistent/vigil-test", &sb) == -1,
	    "sock_path made the directory of an -S path");
	got = sock_test_path("vigil");
	ck_assert_msg(lstat(got, &sb) == -1, "sock_path made %s for an -S "
	    "path", got);
	free(got);
}
END_TEST

/* Names that are empty or hold a '/' are refused before anything is made. */
static const char *const sock_bad_names[] = {
	"", "a/b", "/", "/abs", "a/", "../x"
};

START_TEST(test_sock_path_bad_name)
{
	const char	*name = sock_bad_names[_i];
	char		*got, *cause = NULL, *dir = sock_test_path("vigil");
	struct stat	 sb;

	ck_assert_int_eq(setenv("XDG_RUNTIME_DIR", sock_dir, 1), 0);
	got = sock_path(name, NULL, &cause);
	ck_assert_msg(got == NULL, "name '%s': got '%s'", name, got);
	sock_test_cause(name, cause, "bad socket name");
	ck_assert_msg(lstat(dir, &sb) == -1, "name '%s': made %s", name, dir);
	free(cause);
	free(dir);
}
END_TEST

/* Paths that don't fit in sun_path are refused, both ways of naming one. */
START_TEST(test_sock_path_long)
{
	size_t	 max = sizeof ((struct sockaddr_un *)0)->sun_path - 1;
	size_t	 dirlen;
	char	*path, *name, *got, *cause = NULL;

	path = xmalloc(max + 2);
	memset(path, 'p', max + 1);
	path[0] = '/';
	path[max] = '\0';
	got = sock_path(NULL, path, &cause);
	ck_assert_msg(got != NULL && strlen(got) == max, "-S of %zu bytes: "
	    "got '%s' (%s)", max, got, cause);
	free(got);
	path[max] = 'p';
	path[max + 1] = '\0';
	got = sock_path(NULL, path, &cause);
	ck_assert_msg(got == NULL, "-S of %zu bytes: got '%s'", max + 1, got);
	sock_test_cause("long -S", cause, "too long");
	free(cause);
	free(path);

	/* A long -L name in the runtime directory. */
	ck_assert_int_eq(setenv("XDG_RUNTIME_DIR", sock_dir, 1), 0);
	dirlen = strlen(sock_dir) + strlen("/vigil/");
	ck_assert_msg(dirlen < max, "test directory %s is too long", sock_dir);
	name = xmalloc(max - dirlen + 2);
	memset(name, 'n', max - dirlen + 1);
	name[max - dirlen] = '\0';
	cause = NULL;
	got = sock_path(name, NULL, &cause);
	ck_assert_msg(got != NULL && strlen(got) == max, "name of %zu bytes: "
	    "got '%s' (%s)", strlen(name), got, cause);
	free(got);
	name[max - dirlen] = 'n';
	name[max - dirlen + 1] = '\0';
	got = sock_path(name, NULL, &cause);
	ck_assert_msg(got == NULL, "name of %zu bytes: got '%s'", strlen(name),
	    got);
	sock_test_cause("long name", cause, "too long");
	free(cause);
	free(name);
}
END_TEST

/* Accept one connection on a non-blocking listener that must have one. */
static int
sock_test_accept(int lfd)
{
	struct pollfd	pfd = { lfd, POLLIN, 0 };
	int		fd;

	ck_assert_msg(poll(&pfd, 1, 2000) == 1, "no connection to accept");
	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	ck_assert_msg(fd != -1, "accept: %s", strerror(errno));
	return (fd);
}

/* Listen, connect, and check the peer on both ends. */
START_TEST(test_sock_listen_connect)
{
	char		*path = sock_test_path("s"), *cause = NULL, buf[8];
	struct stat	 sb;
	uid_t		 uid;
	mode_t		 mask;
	int		 lfd, cfd, afd, fd, r;

	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "sock_listen %s: %s", path, cause);
	mask = umask(022);
	ck_assert_msg(mask == 022, "umask left at %04o", mask);
	ck_assert_msg(lstat(path, &sb) == 0 && S_ISSOCK(sb.st_mode) &&
	    sb.st_uid == getuid() && (sb.st_mode & 0777) == 0600,
	    "%s: mode %06o uid %ld", path, sb.st_mode, (long)sb.st_uid);
	ck_assert_msg(fcntl(lfd, F_GETFL) & O_NONBLOCK, "listener blocks");
	ck_assert_msg(fcntl(lfd, F_GETFD) & FD_CLOEXEC, "listener not "
	    "close-on-exec");

	cfd = sock_connect(path);
	ck_assert_msg(cfd != -1, "sock_connect %s: %s", path, strerror(errno));
	afd = sock_test_accept(lfd);

	uid = (uid_t)-1;
	r = sock_peer_allowed(afd, &uid);
	ck_assert_msg(r == 1 && uid == getuid(), "server end: got %d uid %ld, "
	    "want 1 uid %ld", r, (long)uid, (long)getuid());
	uid = (uid_t)-1;
	r = sock_peer_allowed(cfd, &uid);
	ck_assert_msg(r == 1 && uid == getuid(), "client end: got %d uid %ld",
	    r, (long)uid);

	ck_assert_int_eq(write(cfd, "ping", 4), 4);
	ck_assert_int_eq(read(afd, buf, sizeof buf), 4);
	ck_assert(memcmp(buf, "ping", 4) == 0);

	/* Not a socket at all: no peer. */
	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ne(fd, -1);
	r = sock_peer_allowed(fd, &uid);
	ck_assert_msg(r == 0, "/dev/null: got %d", r);
	close(fd);

	close(afd);
	close(cfd);
	close(lfd);
	free(path);
}
END_TEST

/* Connecting with no server: ENOENT, or ECONNREFUSED for a dead socket. */
START_TEST(test_sock_connect_none)
{
	char			*path = sock_test_path("none");
	struct sockaddr_un	 sa;
	int			 fd, s;

	errno = 0;
	fd = sock_connect(path);
	ck_assert_msg(fd == -1 && errno == ENOENT, "no file: got %d (%s)", fd,
	    strerror(errno));

	s = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	close(s);
	errno = 0;
	fd = sock_connect(path);
	ck_assert_msg(fd == -1 && errno == ECONNREFUSED, "dead socket: got %d "
	    "(%s)", fd, strerror(errno));
	free(path);
}
END_TEST

/* Bind a socket at path and close it without unlinking: a stale socket. */
static void
sock_test_stale(const char *path)
{
	struct sockaddr_un	sa;
	struct stat		sb;
	int			s;

	s = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_int_ne(s, -1);
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	ck_assert_msg(bind(s, (struct sockaddr *)&sa, sizeof sa) == 0,
	    "bind %s: %s", path, strerror(errno));
	close(s);
	ck_assert(lstat(path, &sb) == 0 && S_ISSOCK(sb.st_mode));
}

START_TEST(test_sock_listen_stale)
{
	char	*path = sock_test_path("s"), *cause = NULL;
	int	 lfd, cfd, afd;

	sock_test_stale(path);
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "stale socket: %s", cause);
	cfd = sock_connect(path);
	ck_assert_msg(cfd != -1, "connect after replacing: %s",
	    strerror(errno));
	afd = sock_test_accept(lfd);
	close(afd);
	close(cfd);
	close(lfd);
	free(path);
}
END_TEST

/* Only sockets are ever removed: a file or directory there is kept. */
START_TEST(test_sock_listen_not_socket)
{
	char		*path = sock_test_path("s"), *cause = NULL, buf[16];
	struct stat	 sb;
	FILE		*f;
	int		 lfd;

	sock_test_write(path, "keep\n");
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd == -1, "regular file: got fd %d", lfd);
	sock_test_cause("regular file", cause, "not a socket");
	free(cause);
	ck_assert_msg(lstat(path, &sb) == 0 && S_ISREG(sb.st_mode),
	    "%s is gone or changed", path);
	f = fopen(path, "r");
	ck_assert(f != NULL && fgets(buf, sizeof buf, f) != NULL);
	fclose(f);
	ck_assert_str_eq(buf, "keep\n");
	free(path);

	path = sock_test_mkdir("d", 0700);
	cause = NULL;
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd == -1, "directory: got fd %d", lfd);
	sock_test_cause("directory", cause, "not a socket");
	ck_assert_msg(lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode),
	    "%s is gone", path);
	free(cause);
	free(path);
}
END_TEST

/* A stale socket of another user is not ours to remove. */
START_TEST(test_sock_listen_not_ours)
{
	char		*path, *cause = NULL;
	struct stat	 sb;
	int		 lfd;

	if (!sock_test_root("test_sock_listen_not_ours"))
		return;
	path = sock_test_path("s");
	sock_test_stale(path);
	ck_assert_int_eq(lchown(path, SOCK_OTHER_UID, SOCK_OTHER_UID), 0);
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd == -1, "socket of uid %d: got fd %d", SOCK_OTHER_UID,
	    lfd);
	sock_test_cause("socket of another uid", cause, "not a socket of ours");
	ck_assert_msg(lstat(path, &sb) == 0 && S_ISSOCK(sb.st_mode) &&
	    sb.st_uid == SOCK_OTHER_UID, "%s was replaced", path);
	free(cause);
	free(path);
}
END_TEST

/* A live server's socket is left alone. */
START_TEST(test_sock_listen_running)
{
	char		*path = sock_test_path("s"), *cause = NULL;
	struct stat	 before, after;
	int		 lfd, lfd2, cfd;

	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "first sock_listen: %s", cause);
	ck_assert_int_eq(lstat(path, &before), 0);
	lfd2 = sock_listen(path, &cause);
	ck_assert_msg(lfd2 == -1, "second sock_listen: got fd %d", lfd2);
	sock_test_cause("second listener", cause, "already running");
	free(cause);
	ck_assert_msg(lstat(path, &after) == 0 && after.st_ino == before.st_ino,
	    "%s was replaced", path);
	cfd = sock_connect(path);
	ck_assert_msg(cfd != -1, "first listener no longer reachable: %s",
	    strerror(errno));
	close(cfd);
	close(lfd);
	free(path);
}
END_TEST

/*
 * Out of fds, a live server's socket can't be told from a stale one, so it
 * must be left alone (it used to be unlinked).
 */
START_TEST(test_sock_listen_no_fds)
{
	char		*path = sock_test_path("s"), *cause = NULL;
	struct rlimit	 rl;
	struct stat	 before, after;
	int		 lfd, lfd2, fds[256], n = 0, i;

	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "first sock_listen: %s", cause);
	ck_assert_int_eq(lstat(path, &before), 0);
	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	rl.rlim_cur = 64;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	while (n < 256 && (fds[n] = dup(0)) != -1)
		n++;
	lfd2 = sock_listen(path, &cause);
	for (i = 0; i < n; i++)
		close(fds[i]);
	ck_assert_msg(lfd2 == -1, "sock_listen out of fds: got fd %d", lfd2);
	sock_test_cause("out of fds", cause, "can't tell whether");
	free(cause);
	ck_assert_msg(lstat(path, &after) == 0 && after.st_ino == before.st_ino,
	    "%s was removed or replaced", path);
	close(lfd);
	free(path);
}
END_TEST

/* A path that can't be reached gives a cause, not garbage. */
START_TEST(test_sock_listen_bad_dir)
{
	char	*file = sock_test_path("file"), *path, *cause = NULL;
	char	 want[128];
	int	 lfd;

	sock_test_write(file, "x");
	xasprintf(&path, "%s/s", file);
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd == -1, "under a file: got fd %d", lfd);
	snprintf(want, sizeof want, "%s", strerror(ENOTDIR));
	sock_test_cause("under a file", cause, want);
	free(cause);
	free(path);

	path = sock_test_path("missing/s");
	cause = NULL;
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd == -1, "missing directory: got fd %d", lfd);
	snprintf(want, sizeof want, "%s", strerror(ENOENT));
	sock_test_cause("missing directory", cause, want);
	free(cause);
	free(path);
	free(file);
}
END_TEST

/* Is fd's other end gone (EOF on a non-blocking read)? */
static int
sock_test_eof(int fd)
{
	char	c;

	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	return (read(fd, &c, 1) == 0);
}

/* Bytes and an fd go together; the fd received is the same pipe. */
START_TEST(test_sock_pass_fd)
{
	struct stat	 a, b;
	char		 buf[16];
	ssize_t		 n;
	int		 sp[2], p[2], got;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	ck_assert_int_eq(sock_send_fd(sp[0], "hello", 5, p[1]), 0);
	close(p[1]);

	got = -1;
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_msg(n == 5 && memcmp(buf, "hello", 5) == 0, "got %zd bytes "
	    "'%.*s'", n, n > 0 ? (int)n : 0, buf);
	ck_assert_msg(got != -1, "no fd came with the bytes");
	ck_assert_msg(fstat(got, &a) == 0 && fstat(p[0], &b) == 0 &&
	    a.st_ino == b.st_ino && S_ISFIFO(a.st_mode), "fd %d is not the "
	    "pipe", got);
	ck_assert_msg(fcntl(got, F_GETFD) & FD_CLOEXEC, "received fd not "
	    "close-on-exec");
	ck_assert_int_eq(write(got, "x", 1), 1);
	ck_assert_int_eq(read(p[0], buf, sizeof buf), 1);
	ck_assert_int_eq(buf[0], 'x');
	close(got);
	ck_assert_msg(sock_test_eof(p[0]), "a copy of the write end is open");

	/* Bytes alone leave *got as it was. */
	ck_assert_int_eq(sock_send_fd(sp[0], "ab", 2, -1), 0);
	got = -1;
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_msg(n == 2 && got == -1, "no fd: got %zd bytes, fd %d", n,
	    got);

	/* Nothing there: -1 at once; the other end closed: 0. */
	errno = 0;
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_msg(n == -1 && errno == EAGAIN, "empty: got %zd (%s)", n,
	    strerror(errno));
	close(sp[0]);
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_msg(n == 0 && got == -1, "closed: got %zd, fd %d", n, got);

	close(sp[1]);
	close(p[0]);
}
END_TEST

/* An fd arriving when *got is already set is closed, not leaked. */
START_TEST(test_sock_pass_fd_extra)
{
	char	buf[4];
	ssize_t	n, total = 0;
	int	sp[2], p[2], q[2], got = -1, first;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(q, O_CLOEXEC), 0);
	ck_assert_int_eq(sock_send_fd(sp[0], "a", 1, p[1]), 0);
	ck_assert_int_eq(sock_send_fd(sp[0], "b", 1, q[1]), 0);
	close(p[1]);
	close(q[1]);

	first = -1;
	while (total < 2) {
		n = sock_recv(sp[1], buf + total, sizeof buf - total, &got);
		ck_assert_msg(n > 0, "recv after %zd bytes: got %zd (%s)",
		    total, n, strerror(errno));
		if (first == -1)
			first = got;
		total += n;
	}
	ck_assert_msg(memcmp(buf, "ab", 2) == 0, "got '%.2s'", buf);
	ck_assert_msg(got != -1 && got == first, "*got changed from %d to %d",
	    first, got);

	/* The first fd is kept and works; the second went nowhere. */
	ck_assert_int_eq(write(got, "x", 1), 1);
	ck_assert_int_eq(read(p[0], buf, 1), 1);
	ck_assert_msg(sock_test_eof(q[0]), "the second fd was leaked");
	close(got);
	ck_assert_msg(sock_test_eof(p[0]), "the first fd was copied");

	close(sp[0]);
	close(sp[1]);
	close(p[0]);
	close(q[0]);
}
END_TEST

#define SOCK_BIG (1024 * 1024)

/* The reader for test_sock_send_big: exit 0 if all came, with one fd. */
static void
sock_test_reader(int fd)
{
	static u_char	buf[SOCK_BIG];
	struct pollfd	pfd = { fd, POLLIN, 0 };
	size_t		total = 0, i;
	ssize_t		n;
	int		got = -1, fds = 0;

	alarm(20);
	for (;;) {
		if (poll(&pfd, 1, 10000) != 1)
			_exit(10);
		/* Read slowly, so the sender waits on a full buffer. */
		n = sock_recv(fd, buf + total, SOCK_BIG - total < 2048 ?
		    SOCK_BIG - total : 2048, &got);
		if (n == -1 && errno == EAGAIN)
			continue;
		if (n <= 0)
			break;
		total += n;
		usleep(20);
		if (got != -1) {
			close(got);
			got = -1;
			fds++;
		}
		if (total == SOCK_BIG)
			break;
	}
	if (total != SOCK_BIG)
		_exit(11);
	if (fds != 1)
		_exit(12);
	for (i = 0; i < SOCK_BIG; i++) {
		if (buf[i] != (u_char)(i * 7))
			_exit(13);
	}
	_exit(0);
}

/* Interrupt system calls, so a blocking send stops part way. */
static void
sock_test_alarm(int sig)
{
	(void)sig;
}

/*
 * A send bigger than the socket buffer goes whole, the fd only once. A
 * blocking stream send on Linux only returns early when a signal arrives,
 * so a fast interval timer makes it come back part way, many times.
 */
START_TEST(test_sock_send_big)
{
	struct itimerval	 it = { { 0, 500 }, { 0, 500 } }, stop;
	struct sigaction	 sa, oldsa;
	u_char			*buf = xmalloc(SOCK_BIG);
	size_t			 i;
	pid_t			 pid;
	int			 sp[2], p[2], size = 4096, r, status;

	for (i = 0; i < SOCK_BIG; i++)
		buf[i] = i * 7;
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	setsockopt(sp[0], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(sp[0]);
		sock_test_reader(sp[1]);
	}
	close(sp[1]);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sock_test_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &oldsa);	/* no SA_RESTART */
	setitimer(ITIMER_REAL, &it, NULL);
	r = sock_send_fd(sp[0], buf, SOCK_BIG, p[1]);
	memset(&stop, 0, sizeof stop);
	setitimer(ITIMER_REAL, &stop, NULL);
	sigaction(SIGALRM, &oldsa, NULL);
	close(sp[0]);
	if (r != 0)
		kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(r == 0, "sock_send_fd of %d bytes: %s", SOCK_BIG,
	    strerror(errno));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "reader: status %#x (10 timeout, 11 short, 12 fd count, 13 data)",
	    status);
	close(p[0]);
	close(p[1]);
	free(buf);
}
END_TEST

/* /proc/PID/stat lines and the parent pid in them. */
static const struct {
	const char	*line;
	pid_t		 ppid;
} proctree_lines[] = {
	{ "123 (bash) S 45 123 123 34816 123 4194560 1 2 0 0\n", 45 },
	{ "1 (systemd) S 0 1 1 0 -1 4194560", 0 },
	{ "123 (a) R 1 () S 77 0 0 0", 77 },
	{ "9 (a b) c) D 4321 9 9", 4321 },
	{ "9 ((sd-pam)) S 8 9 9", 8 },
	{ "9 ()) Z 12 9", 12 },
	{ "9 (x) S 2147483647 1", 2147483647 },
	{ "", -1 },
	{ "garbage", -1 },
	{ "123 bash S 45", -1 },
	{ "123 (bash)", -1 },
	{ "123 (bash) S", -1 },
	{ "123 (bash) S x 1", -1 },
	{ "123 (bash) S -5 1", -1 },
	{ "123 (abc S 45", -1 },
};

START_TEST(test_proctree_parse)
{
	const char	*line = proctree_lines[_i].line;
	pid_t		 got = proctree_parse_ppid(line);

	ck_assert_msg(got == proctree_lines[_i].ppid, "parse '%s': got %ld, "
	    "want %ld", line, (long)got, (long)proctree_lines[_i].ppid);
}
END_TEST

/* Our own stat line gives our parent. */
START_TEST(test_proctree_parse_self)
{
	char	buf[1024];
	FILE	*f = fopen("/proc/self/stat", "r");
	pid_t	 got;

	ck_assert_msg(f != NULL, "/proc/self/stat: %s", strerror(errno));
	ck_assert(fgets(buf, sizeof buf, f) != NULL);
	fclose(f);
	got = proctree_parse_ppid(buf);
	ck_assert_msg(got == getppid(), "parse '%s': got %ld, want %ld", buf,
	    (long)got, (long)getppid());
}
END_TEST

/* Is pid in the list? */
static int
proctree_test_has(const pid_t *pids, u_int n, pid_t pid)
{
	u_int	i;

	for (i = 0; i < n; i++) {
		if (pids[i] == pid)
			return (1);
	}
	return (0);
}

/* The pids as text, for messages (static). */
static const char *
proctree_test_list(const pid_t *pids, u_int n)
{
	static char	buf[512];
	size_t		off = 0;
	u_int		i;

	buf[0] = '\0';
	for (i = 0; i < n && off < sizeof buf - 16; i++) {
		off += snprintf(buf + off, sizeof buf - off, "%s%ld",
		    i == 0 ? "" : ",", (long)pids[i]);
	}
	return (buf);
}

/* A child that forks a grandchild; both wait to be killed. */
static pid_t
proctree_test_fork(pid_t *grandchild)
{
	pid_t	child, gc, parent = getpid();
	int	p[2], status;

	*grandchild = -1;
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	child = fork();
	ck_assert_int_ne(child, -1);
	if (child == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(2);
		alarm(30);
		close(p[0]);
		if ((gc = fork()) == 0) {
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			alarm(30);
			for (;;)
				pause();
		}
		if (gc == -1 || write(p[1], &gc, sizeof gc) != sizeof gc)
			_exit(3);
		/* Reap the grandchild; say whether it died as we expect. */
		if (waitpid(gc, &status, 0) != gc)
			_exit(4);
		_exit(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 :
		    5);
	}
	close(p[1]);
	if (read(p[0], grandchild, sizeof *grandchild) != sizeof *grandchild)
		*grandchild = -1;
	close(p[0]);
	return (child);
}

/* A real child and grandchild are found below us in /proc, then gone. */
START_TEST(test_proctree_live)
{
	pid_t	*pids, *after, child, gc;
	u_int	 n, nafter;
	int	 status, reaped, found_child, found_gc, found_self;

	child = proctree_test_fork(&gc);
	n = proctree_descendants("/proc", getpid(), &pids);
	found_child = proctree_test_has(pids, n, child);
	found_gc = gc != -1 && proctree_test_has(pids, n, gc);
	found_self = proctree_test_has(pids, n, getpid());

	/* Kill and reap before any assertion can leave them behind. */
	if (gc != -1)
		kill(gc, SIGKILL);
	else
		kill(child, SIGKILL);
	reaped = waitpid(child, &status, 0) == child;
	nafter = proctree_descendants("/proc", getpid(), &after);

	ck_assert_msg(reaped && gc != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "child %ld: reaped %d, grandchild %ld, "
	    "status %#x", (long)child, reaped, (long)gc, status);
	ck_assert_msg(found_child && found_gc && !found_self, "below %ld: got "
	    "{%s}, want %ld and %ld", (long)getpid(),
	    proctree_test_list(pids, n), (long)child, (long)gc);
	ck_assert_msg(!proctree_test_has(after, nafter, child) &&
	    !proctree_test_has(after, nafter, gc), "after reaping: got {%s}",
	    proctree_test_list(after, nafter));
	free(after);
	free(pids);
}
END_TEST

/* Make dir/PID/stat saying ppid is the parent (or raw text if given). */
static void
proctree_test_proc(const char *dir, pid_t pid, pid_t ppid, const char *raw)
{
	char	path[PATH_MAX], line[128];

	snprintf(path, sizeof path, "%s/%ld", dir, (long)pid);
	ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path,
	    strerror(errno));
	snprintf(path, sizeof path, "%s/%ld/stat", dir, (long)pid);
	snprintf(line, sizeof line, "%ld (p%ld) S %ld %ld %ld 0 -1 4194560\n",
	    (long)pid, (long)pid, (long)ppid, (long)pid, (long)pid);
	sock_test_write(path, raw != NULL ? raw : line);
}

static int
proctree_test_cmp(const void *a, const void *b)
{
	pid_t	x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x < y ? -1 : x > y);
}

/* Descendants of root under procdir, sorted, must be exactly want. */
static void
proctree_test_want(const char *procdir, pid_t root, const pid_t *want,
    u_int nwant)
{
	pid_t	*pids;
	u_int	 n, i;
	int	 same;

	n = proctree_descendants(procdir, root, &pids);
	ck_assert_ptr_nonnull(pids);
	qsort(pids, n, sizeof *pids, proctree_test_cmp);
	same = n == nwant;
	for (i = 0; same && i < n; i++)
		same = pids[i] == want[i];
	ck_assert_msg(same, "root %ld: got {%s}, want %u pids", (long)root,
	    proctree_test_list(pids, n), nwant);
	free(pids);
}

/* A /proc-like tree: 100 > 101 > 102, and 200 elsewhere. */
START_TEST(test_proctree_fixture)
{
	static const pid_t	 of100[] = { 101, 102 }, of101[] = { 102 };
	static const pid_t	 of1[] = { 100, 101, 102, 200 };
	char			*dir = sock_test_mkdir("proc", 0755), *path;

	proctree_test_proc(dir, 100, 1, NULL);
	proctree_test_proc(dir, 101, 100, NULL);
	proctree_test_proc(dir, 102, 101, NULL);
	proctree_test_proc(dir, 200, 1, NULL);

	proctree_test_want(dir, 100, of100, 2);
	proctree_test_want(dir, 101, of101, 1);
	proctree_test_want(dir, 102, NULL, 0);
	proctree_test_want(dir, 200, NULL, 0);
	proctree_test_want(dir, 1, of1, 4);
	proctree_test_want(dir, 999, NULL, 0);

	/*
	 * What else lives in /proc is skipped: names that aren't pids, a
	 * process gone before its stat was read, a stat that won't parse.
	 */
	xasprintf(&path, "%s/self", dir);
	ck_assert_int_eq(symlink("102", path), 0);
	free(path);
	xasprintf(&path, "%s/sys", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
	xasprintf(&path, "%s/300", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	free(path);
	proctree_test_proc(dir, 301, 100, "nonsense\n");
	proctree_test_want(dir, 100, of100, 2);
	proctree_test_want(dir, 1, of1, 4);

	/* No such directory: nothing. */
	xasprintf(&path, "%s/missing", dir);
	proctree_test_want(path, 1, NULL, 0);
	free(path);
	free(dir);
}
END_TEST

/* A long chain in any directory order, and a loop that must end. */
START_TEST(test_proctree_chain)
{
	char	*dir = sock_test_mkdir("proc", 0755);
	pid_t	 want[40], one;
	int	 i;

	for (i = 0; i < 40; i++) {
		proctree_test_proc(dir, 1000 + i, i == 0 ? 1 : 999 + i, NULL);
		want[i] = 1000 + i;
	}
	proctree_test_want(dir, 1000, want + 1, 39);
	proctree_test_want(dir, 1020, want + 21, 19);

	/* Parents that are each other's children (a corrupt fixture). */
	proctree_test_proc(dir, 600, 601, NULL);
	proctree_test_proc(dir, 601, 600, NULL);
	one = 601;
	proctree_test_want(dir, 600, &one, 1);
	one = 600;
	proctree_test_want(dir, 601, &one, 1);
	free(dir);
}
END_TEST

/* A tcase with a base directory for its tests, each with its own. */
static TCase *
sock_tcase(const char *name)
{
	TCase	*tc = tcase_create(name);

	tcase_add_unchecked_fixture(tc, sock_base_setup, sock_base_teardown);
	tcase_add_checked_fixture(tc, sock_setup, sock_teardown);
	return (tc);
}

Suite *
suite_sock(void)
{
	Suite	*s = suite_create("sock");
	TCase	*tc;

	/* sock_check_dir. */
	tc = sock_tcase("dir");
	tcase_add_test(tc, test_sock_dir_create);
	tcase_add_test(tc, test_sock_dir_ok);
	tcase_add_loop_test(tc, test_sock_dir_mode, 0, NITEMS(sock_bad_modes));
	tcase_add_test(tc, test_sock_dir_symlink);
	tcase_add_test(tc, test_sock_dir_file);
	tcase_add_test(tc, test_sock_dir_owner);
	suite_add_tcase(s, tc);

	/* sock_path. */
	tc = sock_tcase("path");
	tcase_add_test(tc, test_sock_path_xdg);
	tcase_add_test(tc, test_sock_path_given);
	tcase_add_loop_test(tc, test_sock_path_bad_name, 0,
	    NITEMS(sock_bad_names));
	tcase_add_test(tc, test_sock_path_long);
	suite_add_tcase(s, tc);

	/* sock_listen, sock_connect, sock_peer_allowed. */
	tc = sock_tcase("listen");
	tcase_add_test(tc, test_sock_listen_connect);
	tcase_add_test(tc, test_sock_connect_none);
	tcase_add_test(tc, test_sock_listen_stale);
	tcase_add_test(tc, test_sock_listen_not_socket);
	tcase_add_test(tc, test_sock_listen_not_ours);
	tcase_add_test(tc, test_sock_listen_running);
	tcase_add_test(tc, test_sock_listen_no_fds);
	tcase_add_test(tc, test_sock_listen_bad_dir);
	suite_add_tcase(s, tc);

	/* sock_send_fd and sock_recv. */
	tc = sock_tcase("fd");
	tcase_add_test(tc, test_sock_pass_fd);
	tcase_add_test(tc, test_sock_pass_fd_extra);
	tcase_add_test(tc, test_sock_send_big);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	/* proctree_parse_ppid and proctree_descendants. */
	tc = sock_tcase("proctree");
	tcase_add_loop_test(tc, test_proctree_parse, 0,
	    NITEMS(proctree_lines));
	tcase_add_test(tc, test_proctree_parse_self);
	tcase_add_test(tc, test_proctree_live);
	tcase_add_test(tc, test_proctree_fixture);
	tcase_add_test(tc, test_proctree_chain);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);

	return (s);
}
