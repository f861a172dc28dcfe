/* Tests for the socket's home and checks (sock.c) and tree walks (proctree.c). */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_vigil.h"
#include "vigil/proctree.h"
#include "vigil/sock.h"

static char	sk_dir[64];

static void
sk_setup(void)
{
	strcpy(sk_dir, "/tmp/vigil-sock-XXXXXX");
	ck_assert_msg(mkdtemp(sk_dir) != NULL, "mkdtemp: %s", strerror(errno));
}

static int
sk_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static void
sk_teardown(void)
{
	nftw(sk_dir, sk_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* sk_dir/name */
static char *
sk_path(const char *name)
{
	static char	path[128];

	snprintf(path, sizeof path, "%s/%s", sk_dir, name);
	return (path);
}

static void
sk_refused(const char *dir, const char *why)
{
	char	*cause = NULL;

	ck_assert_msg(sock_check_dir(dir, getuid(), 0, &cause) == -1,
	    "%s accepted", dir);
	ck_assert_msg(strstr(cause, why) != NULL, "%s: cause '%s', wanted "
	    "'%s'", dir, cause, why);
	free(cause);
}

START_TEST(test_check_dir)
{
	struct stat	 sb;
	char		*cause = NULL, d[128];

	snprintf(d, sizeof d, "%s", sk_path("made"));
	ck_assert_int_eq(sock_check_dir(d, getuid(), 1, &cause), 0);
	ck_assert(lstat(d, &sb) == 0 && S_ISDIR(sb.st_mode) &&
	    (sb.st_mode & 0777) == 0700);
	ck_assert_int_eq(sock_check_dir(d, getuid(), 0, &cause), 0);

	ck_assert_int_eq(chmod(d, 0777), 0);
	sk_refused(d, "mode 0777");
	ck_assert_int_eq(chmod(d, 0750), 0);
	sk_refused(d, "mode 0750");
	ck_assert_int_eq(chmod(d, 0700), 0);

	ck_assert_int_eq(symlink(d, sk_path("link")), 0);
	sk_refused(sk_path("link"), "symlink");
	ck_assert_int_eq(close(open(sk_path("file"), O_CREAT | O_WRONLY,
	    0600)), 0);
	sk_refused(sk_path("file"), "not a directory");
	sk_refused(sk_path("missing"), "No such file");

	if (geteuid() == 0) {
		ck_assert_int_eq(chown(d, 65534, 65534), 0);
		sk_refused(d, "owned by uid 65534");
	}
}
END_TEST

START_TEST(test_path)
{
	char	*path, *cause = NULL, *old = getenv("XDG_RUNTIME_DIR"), want[128];
	char	 saved[256] = "", longname[200];

	if (old != NULL)
		snprintf(saved, sizeof saved, "%s", old);
	setenv("XDG_RUNTIME_DIR", sk_dir, 1);
	path = sock_path("work", NULL, &cause);
	snprintf(want, sizeof want, "%s/vigil/work", sk_dir);
	ck_assert_msg(path != NULL && strcmp(path, want) == 0, "path %s",
	    path != NULL ? path : cause);
	free(path);
	path = sock_path(NULL, NULL, &cause);
	snprintf(want, sizeof want, "%s/vigil/default", sk_dir);
	ck_assert_str_eq(path, want);
	free(path);

	path = sock_path("x", "/some/where", &cause);
	ck_assert_str_eq(path, "/some/where");
	free(path);
	ck_assert_ptr_null(sock_path("", NULL, &cause));
	free(cause);
	ck_assert_ptr_null(sock_path("a/b", NULL, &cause));
	ck_assert_msg(strstr(cause, "bad socket name") != NULL, "%s", cause);
	free(cause);
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ck_assert_ptr_null(sock_path(longname, NULL, &cause));
	ck_assert_msg(strstr(cause, "too long") != NULL, "%s", cause);
	free(cause);

	/* An unsafe directory is refused, not fixed. */
	ck_assert_int_eq(chmod(sk_path("vigil"), 0755), 0);
	ck_assert_ptr_null(sock_path("work", NULL, &cause));
	free(cause);
	if (saved[0] != '\0')
		setenv("XDG_RUNTIME_DIR", saved, 1);
	else
		unsetenv("XDG_RUNTIME_DIR");
}
END_TEST

START_TEST(test_listen_connect)
{
	char			*cause = NULL, *path = sk_path("s");
	uid_t			 uid;
	int			 lfd, cfd, afd, fd, second;

	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "listen: %s", cause);
	cfd = sock_connect(path);
	ck_assert_msg(cfd != -1, "connect: %s", strerror(errno));
	afd = accept(lfd, NULL, NULL);
	ck_assert(afd != -1);
	ck_assert(sock_peer_allowed(afd, &uid) == 1 && uid == getuid());

	/* A live server is never replaced. */
	second = sock_listen(path, &cause);
	ck_assert_msg(second == -1 && strstr(cause, "already running") != NULL,
	    "second listen: %d %s", second, cause);
	free(cause);
	close(afd);
	close(cfd);
	close(lfd);

	/* A dead one's socket is. */
	ck_assert_int_eq(sock_connect(path), -1);
	ck_assert_int_eq(errno, ECONNREFUSED);
	lfd = sock_listen(path, &cause);
	ck_assert_msg(lfd != -1, "stale: %s", cause);
	close(lfd);
	unlink(path);

	/* Something else at the path stays. */
	fd = open(path, O_CREAT | O_WRONLY, 0600);
	close(fd);
	cause = NULL;
	ck_assert_int_eq(sock_listen(path, &cause), -1);
	ck_assert_msg(strstr(cause, "not a socket") != NULL, "%s", cause);
	free(cause);
	ck_assert_int_eq(access(path, F_OK), 0);
}
END_TEST

START_TEST(test_pass_fd)
{
	char	 buf[16];
	int	 sp[2], pipe1[2], pipe2[2], got = -1, n;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
	ck_assert_int_eq(pipe(pipe1), 0);
	ck_assert_int_eq(pipe(pipe2), 0);
	ck_assert_int_eq(sock_send_fd(sp[0], "hi", 2, pipe1[1]), 0);
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_msg(n == 2 && memcmp(buf, "hi", 2) == 0 && got != -1,
	    "recv %d got %d", n, got);
	ck_assert_int_eq(write(got, "x", 1), 1);
	ck_assert_int_eq(read(pipe1[0], buf, 1), 1);
	ck_assert_int_eq(buf[0], 'x');

	/* A second fd while one is held is closed, not kept. */
	ck_assert_int_eq(sock_send_fd(sp[0], "yo", 2, pipe2[1]), 0);
	close(pipe2[1]);
	n = sock_recv(sp[1], buf, sizeof buf, &got);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(read(pipe2[0], buf, 1), 0);	/* no writer left */
	close(got);
	close(sp[0]);
	close(sp[1]);
	close(pipe1[0]);
	close(pipe1[1]);
	close(pipe2[0]);
}
END_TEST

START_TEST(test_parse_ppid)
{
	ck_assert_int_eq(proctree_parse_ppid("123 (bash) S 45 123 123 0"), 45);
	ck_assert_int_eq(proctree_parse_ppid("123 (a) R 1 () S 77 1 1"), 77);
	ck_assert_int_eq(proctree_parse_ppid("9 (x y z) Z 1 9 9"), 1);
	ck_assert_int_eq(proctree_parse_ppid("garbage"), -1);
	ck_assert_int_eq(proctree_parse_ppid("1 (x) S"), -1);
	ck_assert_int_eq(proctree_parse_ppid(""), -1);
}
END_TEST

static void
sk_stat(const char *pid, const char *line)
{
	char	path[128];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", sk_dir, pid);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/%s/stat", sk_dir, pid);
	ck_assert((f = fopen(path, "w")) != NULL);
	fputs(line, f);
	fclose(f);
}

START_TEST(test_descendants)
{
	pid_t	*pids, child;
	u_int	 n, i;
	int	 found_child = 0, found_grand = 0, p[2];
	pid_t	 grand = -1;

	/* A fixture tree: 101 under 100, 102 under 101, 200 elsewhere. */
	sk_stat("100", "100 (root) S 1 100 100");
	sk_stat("101", "101 (a) b) S 100 100 100");
	sk_stat("102", "102 (c) S 101 100 100");
	sk_stat("200", "200 (d) S 1 200 200");
	n = proctree_descendants(sk_dir, 100, &pids);
	ck_assert_msg(n == 2 && ((pids[0] == 101 && pids[1] == 102) ||
	    (pids[0] == 102 && pids[1] == 101)), "fixture: %u", n);
	free(pids);

	/* A real child with a grandchild. */
	ck_assert_int_eq(pipe(p), 0);
	if ((child = fork()) == 0) {
		if ((grand = fork()) == 0) {
			pause();
			_exit(0);
		}
		if (write(p[1], &grand, sizeof grand) != sizeof grand)
			_exit(1);
		pause();
		_exit(0);
	}
	ck_assert_int_eq(read(p[0], &grand, sizeof grand), sizeof grand);
	n = proctree_descendants("/proc", getpid(), &pids);
	for (i = 0; i < n; i++) {
		found_child |= pids[i] == child;
		found_grand |= pids[i] == grand;
	}
	free(pids);
	kill(grand, SIGKILL);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(p[0]);
	close(p[1]);
	ck_assert_msg(found_child && found_grand, "child %d grandchild %d",
	    found_child, found_grand);
}
END_TEST

Suite *
suite_sock(void)
{
	Suite	*s = suite_create("sock");
	TCase	*tc = tcase_create("sock");

	tcase_add_checked_fixture(tc, sk_setup, sk_teardown);
	tcase_add_test(tc, test_check_dir);
	tcase_add_test(tc, test_path);
	tcase_add_test(tc, test_listen_connect);
	tcase_add_test(tc, test_pass_fd);
	tcase_add_test(tc, test_parse_ppid);
	tcase_add_test(tc, test_descendants);
	suite_add_tcase(s, tc);
	return (s);
}
