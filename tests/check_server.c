/*
 * End to end for the server: sessions that outlive their terminals, several
 * clients, control commands from the shell, a hostile socket, shutdown.
 *
 * Each test gets a private directory used as HOME, XDG_RUNTIME_DIR and the
 * home of an explicit socket (-S), so its server is its own; teardown kills
 * every process with that HOME, which catches the server and its panes.
 */

#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "vigil/proctree.h"
#include "vigil/proto.h"

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"

#define WAIT		10000
#define MAX_ARGS	24

static struct h_term	*ta, *tb;

static void
srv_setup(void)
{
	srv_make("srv");
}

static void
srv_teardown(void)
{
	h_free(ta);
	h_free(tb);
	ta = tb = NULL;
	srv_remove();
}

static void
srv_sweep_left(void)
{
	srv_sweep("srv");
}

/*
 * Run vigil (with -S for this test unless nosock) without a terminal;
 * returns its exit status with stdout and stderr together in *out.
 */
static int
vrun(char **out, const char *extra_env, int nosock, const char *arg, ...)
{
	const char	*args[SRV_MAX_ARGS + 1];
	va_list		 ap;
	int		 n = 0;

	va_start(ap, arg);
	for (; arg != NULL; arg = va_arg(ap, const char *)) {
		if (n == SRV_MAX_ARGS)
			ck_abort_msg("vrun: too many arguments");
		args[n++] = arg;
	}
	va_end(ap);
	args[n] = NULL;
	return (srv_runv(out, extra_env, nosock, args));
}

/* Run a command that must succeed; returns its output. */
static char *
vok(const char *arg, ...)
{
	char	*argv[MAX_ARGS + 1], *out;
	va_list	 ap;
	int	 n = 0, status;

	va_start(ap, arg);
	for (; arg != NULL && n < MAX_ARGS; arg = va_arg(ap, const char *))
		argv[n++] = (char *)arg;
	va_end(ap);
	argv[n] = NULL;
	status = vrun(&out, NULL, 0, argv[0], argv[1], argv[2], argv[3],
	    argv[4], argv[5], argv[6], argv[7], argv[8], argv[9], argv[10],
	    argv[11], NULL);
	ck_assert_msg(status == 0, "vigil %s %s %s: exit %d: %s", argv[0],
	    n > 1 ? argv[1] : "", n > 2 ? argv[2] : "", status, out);
	return (out);
}

/* Wait until a pane's captured screen holds text. */
static char *
wait_capture(const char *target, const char *text)
{
	struct timespec	 ts = { 0, 50 * 1000 * 1000 };
	char		*out = NULL;
	int		 i;

	for (i = 0; i < h_scaled(WAIT) / 50; i++) {
		free(out);
		if (vrun(&out, NULL, 0, "capture", "-t", target, NULL) == 0 &&
		    strstr(out, text) != NULL)
			return (out);
		nanosleep(&ts, NULL);
	}
	ck_abort_msg("\"%s\" never in capture of %s; last:\n%.2000s", text,
	    target, out);
	return (NULL);
}

/* A client attached to a session in a rows x cols terminal. */
static struct h_term *
attach(int rows, int cols, const char *session)
{
	char	*argv[] = { (char *)vigil_bin(), "-S", srv_sock, "attach",
		    "-t", (char *)session, NULL };
	char	*env[] = { srv_home_env, NULL };

	return (h_spawn(rows, cols, argv, env));
}

START_TEST(test_detach_attach)
{
	char	*out, *row0, *row1;

	free(vok("new", "-d", "-s", "a", "-x", "80", "-y", "24",
	    "printf 'hello-from-a\\n'; exec cat", NULL));
	ta = attach(24, 80, "a");
	h_assert_text_at(ta, 0, 0, "hello-from-a", WAIT);
	h_assert(ta, h_wait_quiet(ta, 300, WAIT));
	h_sendf(ta, "typed-one\r");
	h_assert_text_at(ta, 2, 0, "typed-one", WAIT);
	row0 = h_row_text(ta, 0);
	row1 = h_row_text(ta, 1);

	h_send_key(ta, "C-\\");
	h_send_key(ta, "d");
	h_assert_exit(ta, WAIT, 0);
	h_assert(ta, !h_altscreen(ta));
	h_assert_text(ta, "[detached (from session a)]", 0);
	h_free(ta);
	ta = NULL;

	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "a: 1 pane") != NULL &&
	    strstr(out, "attached") == NULL, "ls after detach: %s", out);
	free(out);

	/* The same screen comes back, and the pane still answers. */
	tb = attach(24, 80, "a");
	h_assert_row(tb, 0, row0, WAIT);
	h_assert_row(tb, 1, row1, WAIT);
	h_assert_text_at(tb, 2, 0, "typed-one", 0);
	h_sendf(tb, "typed-two\r");
	h_assert_text_at(tb, 4, 0, "typed-two", WAIT);
	free(row0);
	free(row1);
}
END_TEST

START_TEST(test_kill_client)
{
	char	*out;
	int	 status;

	free(vok("new", "-d", "-s", "f", "-x", "80", "-y", "24",
	    "for i in $(seq 1 4000); do echo line-$i; done; "
	    "echo ALL-DONE; exec cat", NULL));
	ta = attach(24, 80, "f");
	h_assert_text(ta, "line-", WAIT);
	/* Killed mid-output: no goodbye, no terminal restored by it. */
	kill(h_pid(ta), SIGKILL);
	h_free(ta);
	ta = NULL;

	out = wait_capture("f", "ALL-DONE");
	ck_assert_msg(strstr(out, "line-4000\n") != NULL, "capture: %s", out);
	free(out);
	status = vrun(&out, NULL, 0, "list-panes", "--json", "-t", "f", NULL);
	ck_assert_msg(status == 0 && strstr(out, "\"dead\": false") != NULL,
	    "list-panes: %d %s", status, out);
	free(out);

	tb = attach(24, 80, "f");
	h_assert_text(tb, "ALL-DONE", WAIT);
	h_assert_text(tb, "line-4000", 0);
	h_sendf(tb, "still-here\r");
	h_assert_text(tb, "still-here", WAIT);
}
END_TEST

START_TEST(test_two_clients)
{
	char	*out;
	int	 x;

	free(vok("new", "-d", "-s", "two", "-x", "100", "-y", "30",
	    "trap 'clear; stty size' WINCH; clear; stty size; "
	    "while :; do sleep 0.1; done", NULL));
	ta = attach(30, 100, "two");
	h_assert_row(ta, 0, "29 100", WAIT);

	/* A smaller client shrinks the session for both, and A says so. */
	tb = attach(15, 60, "two");
	h_assert_row(tb, 0, "14 60", WAIT);
	h_assert_text_at(ta, 0, 0, "14 60  ", WAIT);
	h_assert_text(ta, "60x14 (smallest client)", WAIT);
	h_assert_text_at(ta, 5, 60, "\xc2\xb7", WAIT);
	for (x = 60; x < 100; x += 13)
		h_assert_text_at(ta, 20, x, "\xc2\xb7", 0);
	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "[60x14] (attached: 2)") != NULL, "ls: %s",
	    out);
	free(out);

	/* Typing works from either; both see it. */
	h_sendf(tb, "x");
	h_assert(tb, h_wait_quiet(tb, 200, WAIT));

	/* When the small one leaves, the session grows back. */
	h_free(tb);
	tb = NULL;
	h_assert_row(ta, 0, "29 100", WAIT);
	h_assert_gone(ta, "smallest client", WAIT);
}
END_TEST

START_TEST(test_send_capture)
{
	char	*out;
	int	 status;
	long	 pid;

	free(vok("new", "-d", "-s", "sc", "-x", "80", "-y", "24",
	    "printf '\\033[31mred\\033[0m plain\\n'; exec cat", NULL));
	free(wait_capture("sc", "red plain"));
	free(vok("send", "-t", "sc:0", "hello world", "Enter", NULL));
	out = wait_capture("sc:0", "hello world\nhello world");
	free(out);

	status = vrun(&out, NULL, 0, "capture", "-e", "-t", "sc", NULL);
	ck_assert_msg(status == 0 && strstr(out, "\033[0;31mred\033[0m plain")
	    != NULL, "capture -e: %d %s", status, out);
	free(out);

	/* A pane id works as a target from anywhere; the JSON is usable. */
	out = vok("list-panes", "--json", NULL);
	ck_assert_msg(strstr(out, "\"session\": \"sc\", \"pane\": 0, "
	    "\"id\": \"%0\"") != NULL, "json: %s", out);
	ck_assert_msg(strstr(out, "\"size\": \"80x23\"") != NULL &&
	    strstr(out, "\"active\": true") != NULL, "json: %s", out);
	ck_assert_msg(sscanf(strstr(out, "\"pid\": "), "\"pid\": %ld", &pid)
	    == 1 && pid > 1 && kill(pid, 0) == 0, "pid in %s", out);
	free(out);

	free(vok("split", "-t", "sc", "-h", "echo second-pane; exec cat",
	    NULL));
	free(wait_capture("%1", "second-pane"));
	free(vok("kill-pane", "-t", "sc:1", NULL));
	out = vok("list-panes", "-t", "sc", NULL);
	ck_assert_msg(strstr(out, "sc:1") == NULL && strstr(out,
	    "sc:0: printf [80x23]") != NULL, "after kill-pane: %s", out);
	free(out);

	/* Errors: one line, exit 1. */
	status = vrun(&out, NULL, 0, "capture", "-t", "nosuch:0", NULL);
	ck_assert_msg(status == 1 && strcmp(out,
	    "vigil: no such session: nosuch\n") == 0, "%d '%s'", status, out);
	free(out);
	status = vrun(&out, NULL, 0, "send", "-t", "sc:7", "x", NULL);
	ck_assert_msg(status == 1 && strcmp(out,
	    "vigil: no such pane: 7\n") == 0, "%d '%s'", status, out);
	free(out);
	status = vrun(&out, NULL, 0, "new", "-d", "-s", "sc", NULL);
	ck_assert_msg(status == 1 && strcmp(out,
	    "vigil: duplicate session: sc\n") == 0, "%d '%s'", status, out);
	free(out);

	free(vok("kill", "-t", "sc", NULL));
	status = vrun(&out, NULL, 0, "ls", NULL);
	ck_assert_msg(status == 1 && strstr(out, "vigil: no server running on ")
	    != NULL, "ls after the last session: %d '%s'", status, out);
	free(out);
}
END_TEST

/* Connect to the test's server. */
static int
srv_connect(void)
{
	struct sockaddr_un	sa;
	int			fd;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, srv_sock);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert_msg(fd != -1 && connect(fd, (struct sockaddr *)&sa,
	    sizeof sa) == 0, "connect %s: %s", srv_sock, strerror(errno));
	return (fd);
}

/* Send raw bytes, then read until the server closes (or a timeout). */
static size_t
srv_exchange(const void *data, size_t len, char *reply, size_t size)
{
	struct pollfd	pfd;
	size_t		got = 0;
	ssize_t		n;
	int		fd = srv_connect();

	ck_assert_msg(write(fd, data, len) == (ssize_t)len, "write");
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, h_scaled(WAIT)) > 0) {
		if ((n = read(fd, reply + got, size - got)) <= 0)
			break;
		got += n;
	}
	ck_assert_msg(n == 0, "server did not close the connection");
	close(fd);
	return (got);
}

static void
put32(u_char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

START_TEST(test_bad_peers)
{
	u_char	 hdr[PROTO_HEADER_SIZE + 8];
	char	 reply[256], *out;
	size_t	 n;

	free(vok("new", "-d", "-s", "g", "-x", "80", "-y", "24", "exec cat",
	    NULL));
	ta = attach(24, 80, "g");
	h_assert_text(ta, "[g]", WAIT);

	/* Garbage reads as another version: told ours, then closed. */
	n = srv_exchange("GARBAGE GARBAGE GARBAGE\n", 24, reply, sizeof reply);
	ck_assert_msg(n >= PROTO_HEADER_SIZE + 4 && reply[4] ==
	    PROTO_MSG_VERSION && reply[12] == PROTO_VERSION,
	    "garbage: %zu bytes back", n);

	/* A newer client: the same answer, which it can read. */
	put32(hdr, 99);
	put32(hdr + 4, PROTO_MSG_IDENTIFY);
	put32(hdr + 8, 0);
	n = srv_exchange(hdr, PROTO_HEADER_SIZE, reply, sizeof reply);
	ck_assert_msg(n >= PROTO_HEADER_SIZE + 4 && reply[4] ==
	    PROTO_MSG_VERSION, "version 99: %zu", n);

	/* Oversize, a command before IDENTIFY, an unknown type: closed. */
	put32(hdr, PROTO_VERSION);
	put32(hdr + 8, PROTO_MAX + 1);
	n = srv_exchange(hdr, PROTO_HEADER_SIZE, reply, sizeof reply);
	ck_assert_msg(n == 0, "oversize: %zu bytes back", n);
	put32(hdr + 4, PROTO_MSG_COMMAND);
	put32(hdr + 8, 3);
	memcpy(hdr + PROTO_HEADER_SIZE, "ls", 3);
	n = srv_exchange(hdr, PROTO_HEADER_SIZE + 3, reply, sizeof reply);
	ck_assert_msg(n == 0, "command first: %zu bytes back", n);
	put32(hdr + 4, 7777);
	put32(hdr + 8, 0);
	n = srv_exchange(hdr, PROTO_HEADER_SIZE, reply, sizeof reply);
	ck_assert_msg(n == 0, "unknown type: %zu bytes back", n);

	/* A truncated message from a peer that goes away. */
	close(write(srv_connect(), hdr, 5) == 5 ? srv_connect() : -1);

	/* Everyone else carries on. */
	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "g: 1 pane") != NULL, "ls: %s", out);
	free(out);
	h_sendf(ta, "after-garbage\r");
	h_assert_text(ta, "after-garbage", WAIT);
}
END_TEST

/* A fake server that answers every connection with another version. */
START_TEST(test_version_mismatch)
{
	struct sockaddr_un	sa;
	u_char			msg[PROTO_HEADER_SIZE + 4];
	char			*out, buf[4096];
	pid_t			pid;
	int			lfd, fd, status;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, srv_sock);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	ck_assert(bind(lfd, (struct sockaddr *)&sa, sizeof sa) == 0);
	ck_assert(listen(lfd, 4) == 0);
	if ((pid = fork()) == 0) {
		put32(msg, 2);
		put32(msg + 4, PROTO_MSG_VERSION);
		put32(msg + 8, 4);
		put32(msg + 12, 2);
		if ((fd = accept(lfd, NULL, NULL)) != -1) {
			if (read(fd, buf, sizeof buf) > 0 &&
			    write(fd, msg, sizeof msg) == sizeof msg)
				sleep(5);
		}
		_exit(0);
	}
	close(lfd);
	status = vrun(&out, NULL, 0, "ls", NULL);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ck_assert_msg(status == 1 && strncmp(out, "vigil: version mismatch: "
	    "this vigil speaks protocol 1, the server 2", 66) == 0 &&
	    strchr(out, '\n') == out + strlen(out) - 1,
	    "mismatch: %d '%s'", status, out);
	free(out);
}
END_TEST

/* vigil ls with XDG_RUNTIME_DIR at dir must refuse, naming why. */
static void
assert_refused(const char *dir, const char *why)
{
	char	*env, *out;
	int	 status;

	if (asprintf(&env, "XDG_RUNTIME_DIR=%s", dir) == -1)
		ck_abort_msg("asprintf");
	status = vrun(&out, env, 1, "new", "-d", NULL);
	ck_assert_msg(status == 1 && strstr(out, why) != NULL &&
	    strchr(out, '\n') == out + strlen(out) - 1,
	    "%s: wanted '%s', got %d '%s'", dir, why, status, out);
	free(out);
	free(env);
}

START_TEST(test_unsafe_dir)
{
	char	 path[100], good[100];
	char	*out;
	int	 status;

	snprintf(path, sizeof path, "%s/open", srv_dir);
	ck_assert(mkdir(path, 0700) == 0);
	snprintf(path, sizeof path, "%s/open/vigil", srv_dir);
	ck_assert(mkdir(path, 0700) == 0 && chmod(path, 0777) == 0);
	snprintf(path, sizeof path, "%s/open", srv_dir);
	assert_refused(path, "has mode 0777");

	snprintf(good, sizeof good, "%s/good", srv_dir);
	ck_assert(mkdir(good, 0700) == 0);
	snprintf(path, sizeof path, "%s/link", srv_dir);
	ck_assert(mkdir(path, 0700) == 0);
	snprintf(path, sizeof path, "%s/link/vigil", srv_dir);
	ck_assert(symlink(good, path) == 0);
	snprintf(path, sizeof path, "%s/link", srv_dir);
	assert_refused(path, "(a symlink)");

	if (geteuid() == 0) {
		snprintf(path, sizeof path, "%s/other", srv_dir);
		ck_assert(mkdir(path, 0700) == 0);
		snprintf(path, sizeof path, "%s/other/vigil", srv_dir);
		ck_assert(mkdir(path, 0700) == 0 && chown(path, 65534,
		    65534) == 0);
		snprintf(path, sizeof path, "%s/other", srv_dir);
		assert_refused(path, "is owned by uid 65534");
	}

	/* A good directory is made 0700 and a stale socket is replaced. */
	snprintf(path, sizeof path, "%s/fresh", srv_dir);
	ck_assert(mkdir(path, 0700) == 0);
	{
		struct sockaddr_un	sa;
		struct stat		sb;
		char			*env;
		int			fd;

		snprintf(good, sizeof good, "%s/fresh/vigil", srv_dir);
		ck_assert(mkdir(good, 0700) == 0);
		memset(&sa, 0, sizeof sa);
		sa.sun_family = AF_UNIX;
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s/default", good);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		ck_assert(bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0);
		close(fd);	/* a crashed server's socket */
		if (asprintf(&env, "XDG_RUNTIME_DIR=%s", path) == -1)
			ck_abort_msg("asprintf");
		status = vrun(&out, env, 1, "new", "-d", "-s", "st",
		    "exec cat", NULL);
		ck_assert_msg(status == 0, "stale socket: %d '%s'", status,
		    out);
		free(out);
		status = vrun(&out, env, 1, "ls", NULL);
		ck_assert_msg(status == 0 && strstr(out, "st: 1 pane") != NULL,
		    "ls on replaced socket: %d '%s'", status, out);
		free(out);
		ck_assert(stat(sa.sun_path, &sb) == 0 &&
		    S_ISSOCK(sb.st_mode) && (sb.st_mode & 077) == 0);
		status = vrun(&out, env, 1, "kill-server", NULL);
		free(out);
		free(env);
	}
}
END_TEST

/* The server's pid: the parent of a pane's process. */
static pid_t
server_pid(const char *session)
{
	char	*out, path[64], stat[512];
	long	 pid;
	FILE	*f;

	out = vok("list-panes", "--json", "-t", session, NULL);
	ck_assert_msg(strstr(out, "\"pid\": ") != NULL &&
	    sscanf(strstr(out, "\"pid\": "), "\"pid\": %ld", &pid) == 1,
	    "no pid in %s", out);
	free(out);
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	ck_assert((f = fopen(path, "r")) != NULL);
	ck_assert(fgets(stat, sizeof stat, f) != NULL);
	fclose(f);
	return (proctree_parse_ppid(stat));
}

START_TEST(test_sigterm)
{
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };
	pid_t		*pids, server;
	u_int		 n, i, alive;
	int		 tries;

	/* Programs that ignore SIGHUP, one outside the pane's group. */
	free(vok("new", "-d", "-s", "k", "-x", "80", "-y", "24",
	    "trap '' HUP; setsid sleep 1001 & sleep 1002 & "
	    "echo started; exec sleep 1003", NULL));
	free(vok("split", "-t", "k", "exec cat", NULL));
	free(wait_capture("k:0", "started"));
	server = server_pid("k");
	ck_assert_msg(server > 1, "server pid %ld", (long)server);
	for (tries = 0; tries < 50; tries++) {
		n = proctree_descendants("/proc", server, &pids);
		if (n >= 4)
			break;
		free(pids);
		nanosleep(&ts, NULL);
	}
	/* sleep 1003 (was the shell), 1001, 1002, and cat. */
	ck_assert_msg(n >= 4, "only %u processes under the server", n);

	ta = attach(24, 80, "k");
	h_assert_text(ta, "[k]", WAIT);
	/* SIGHUP means nothing to a server without a terminal. */
	ck_assert(kill(server, SIGHUP) == 0);
	h_assert(ta, !h_wait_exit(ta, 300, NULL));
	ck_assert_msg(kill(server, 0) == 0, "SIGHUP killed the server");
	ck_assert(kill(server, SIGTERM) == 0);
	h_assert_exit(ta, WAIT, 0);
	h_assert(ta, !h_altscreen(ta));
	h_assert_text(ta, "[server exited]", 0);

	/* After the grace period nothing of any pane is left. */
	for (tries = 0; tries < h_scaled(WAIT) / 100; tries++) {
		alive = kill(server, 0) == 0;
		for (i = 0; i < n; i++)
			alive += kill(pids[i], 0) == 0;
		if (alive == 0)
			break;
		nanosleep(&ts, NULL);
	}
	for (i = 0; i < n; i++)
		ck_assert_msg(kill(pids[i], 0) == -1, "pid %ld survived",
		    (long)pids[i]);
	ck_assert_msg(kill(server, 0) == -1, "server survived");
	ck_assert_msg(access(srv_sock, F_OK) == -1, "socket left behind");
	free(pids);
}
END_TEST

/* A tool in a pane finds its host through $VIGIL. */
START_TEST(test_pane_environment)
{
	char	*cmd, *out;

	free(vok("new", "-d", "-s", "e", "-x", "100", "-y", "24", "exec sh",
	    NULL));
	if (asprintf(&cmd, "%s list-panes; echo \"V=$VIGIL P=$VIGIL_PANE\"",
	    vigil_bin()) == -1)
		ck_abort_msg("asprintf");
	free(vok("send", "-t", "e", "-l", cmd, NULL));
	free(vok("send", "-t", "e", "Enter", NULL));
	free(cmd);
	out = wait_capture("e", "P=%0");
	ck_assert_msg(strstr(out, "e:0: sh [100x23] %0") != NULL,
	    "list-panes from inside: %s", out);
	ck_assert_msg(strstr(out, srv_sock) != NULL, "VIGIL: %s", out);
	free(out);

	/* A later session's shell is the SHELL of the command that made it. */
	ck_assert_int_eq(vrun(&out, "SHELL=/bin/bash", 0, "new", "-d", "-s",
	    "b", NULL), 0);
	free(out);
	out = vok("list-panes", "-t", "b", NULL);
	ck_assert_msg(strncmp(out, "b:0: bash ", 10) == 0, "shell: %s", out);
	free(out);
}
END_TEST

START_TEST(test_stalled_client)
{
	char	*out;

	free(vok("new", "-d", "-s", "slow", "-x", "80", "-y", "24",
	    "sleep 1; seq -f tick-%g 1 200000; echo FLOOD-END; exec cat",
	    NULL));
	/* A reads nothing: its terminal fills up while the pane floods. */
	ta = attach(24, 80, "slow");
	tb = attach(24, 80, "slow");
	h_assert_text(tb, "tick-", WAIT);
	h_assert_text(tb, "FLOOD-END", 3 * WAIT);
	h_assert_text(tb, "tick-200000", 0);
	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "(attached: 2)") != NULL, "ls: %s", out);
	free(out);
	h_sendf(tb, "typed-by-b\r");
	h_assert_text(tb, "typed-by-b", WAIT);

	/* When A reads again it is drawn whole, as B sees it. */
	h_assert_text(ta, "FLOOD-END", 3 * WAIT);
	h_assert_text(ta, "typed-by-b", WAIT);
}
END_TEST

/*
 * A client that reads nothing while a pane scrolls for seconds falls so far
 * behind that the frames queued for it are thrown away: when it reads again
 * it must still end with exactly the screen the other client has (drawn
 * whole, not as changes to frames it never got). bench_attach measures
 * what this saves (a slow client's catch-up).
 */
START_TEST(test_stalled_client_drops)
{
	char	*a, *b;
	int	 row;

	free(vok("new", "-d", "-s", "drop", "-x", "80", "-y", "24",
	    "sleep 1; end=$(($(date +%s) + 3)); while [ $(date +%s) -lt $end ]; "
	    "do seq -f 'scroll-%g-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' "
	    "1 3000; done; echo DROP-END; exec cat", NULL));
	ta = attach(24, 80, "drop");
	tb = attach(24, 80, "drop");
	h_assert_text(tb, "scroll-", WAIT);
	h_assert_text(tb, "DROP-END", 5 * WAIT);
	h_assert(tb, h_wait_quiet(tb, 300, WAIT));

	h_assert_text(ta, "DROP-END", 3 * WAIT);
	h_assert(ta, h_wait_quiet(ta, 300, WAIT));
	/* The pane's rows; the status line changes every second. */
	for (row = 0; row < 23; row++) {
		a = h_row_text(ta, row);
		b = h_row_text(tb, row);
		ck_assert_msg(strcmp(a, b) == 0, "row %d: A '%s', B '%s'", row,
		    a, b);
		free(a);
		free(b);
	}
}
END_TEST

/* CPU time (utime + stime, in clock ticks) of a process. */
static long
proc_ticks(pid_t pid)
{
	char		 path[64], buf[1024], *p;
	unsigned long	 ut, st;
	FILE		*f;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) != 2)
		return (-1);
	return ((long)(ut + st));
}

START_TEST(test_out_of_fds)
{
	struct timespec	 ts = { 1, 0 };
	char		*out, *limited;
	pid_t		 server;
	long		 before, after;
	int		 fds[64], i, status;

	/* A server started with only 24 fds. */
	if (asprintf(&limited, "ulimit -n 24 && exec \"%s\" -S \"%s\" new -d "
	    "-s fd 'exec cat'", vigil_bin(), srv_sock) == -1)
		ck_abort_msg("asprintf");
	{
		char	*argv[] = { "/bin/sh", "-c", limited, NULL };
		pid_t	 pid = fork();

		if (pid == 0) {
			execve(argv[0], argv, srv_env(NULL));
			_exit(127);
		}
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "limited server: status %d", status);
	}
	free(limited);
	server = server_pid("fd");

	/* More connections than it has fds: it must wait, not spin. */
	for (i = 0; i < 64; i++)
		fds[i] = srv_connect();
	nanosleep(&ts, NULL);
	before = proc_ticks(server);
	nanosleep(&ts, NULL);
	after = proc_ticks(server);
	ck_assert_msg(before >= 0 && after - before < 30,
	    "server used %ld ticks in 1 s out of fds", after - before);
	for (i = 0; i < 64; i++)
		close(fds[i]);

	/* And serves again once fds are free. */
	nanosleep(&ts, NULL);
	status = vrun(&out, NULL, 0, "ls", NULL);
	ck_assert_msg(status == 0 && strstr(out, "fd: 1 pane") != NULL,
	    "ls after: %d '%s'", status, out);
	free(out);
}
END_TEST

/* A reply past the message cap (a colourful capture -e) comes in pieces. */
START_TEST(test_big_capture)
{
	char	*out;
	int	 status;

	free(vok("new", "-d", "-s", "big", "-x", "200", "-y", "61",
	    "awk 'BEGIN { for (i = 0; i < 11800; i++) printf "
	    "\"\\033[38;2;%d;%d;7m\\033[48;2;%d;3;%dmx\", i % 256, "
	    "int(i / 256), 255 - i % 256, (i * 7) % 256; "
	    "printf \"\\033[0mEND\" }'; exec cat", NULL));
	free(wait_capture("big", "END"));
	status = vrun(&out, NULL, 0, "capture", "-e", "-t", "big", NULL);
	ck_assert_msg(status == 0 && strlen(out) > PROTO_MAX &&
	    strstr(out, "mx\033[0m\nEND\n") != NULL, "capture -e: exit %d, %zu "
	    "bytes", status, strlen(out));
	free(out);
}
END_TEST

/* A number after "key": in a list-panes --json reply; -1 if none. */
static long long
json_field(const char *out, const char *key)
{
	const char	*at = strstr(out, key);
	long long	 v;

	if (at == NULL || sscanf(at + strlen(key), "\": %lld", &v) != 1)
		return (-1);
	return (v);
}

/*
 * history-bytes caps a pane's history in memory as history-limit does in
 * lines, at once on a running pane; list-panes says what it holds.
 */
START_TEST(test_history_bytes)
{
	char		*out;
	long long	 lines, bytes;
	int		 status;

	free(vok("new", "-d", "-s", "hb", "-x", "80", "-y", "24",
	    "for i in $(seq 1 3000); do echo history-line-$i; done; "
	    "echo ALL-DONE; exec cat", NULL));
	free(wait_capture("hb", "ALL-DONE"));
	out = vok("list-panes", "--json", "-t", "hb", NULL);
	lines = json_field(out, "\"history_lines");
	bytes = json_field(out, "\"history_bytes");
	ck_assert_msg(lines == 2000 && bytes > 2000 * 17 && bytes < 2000 * 40,
	    "default limits: %s", out);
	free(out);

	free(vok("set", "history-bytes", "4K", NULL));
	out = vok("list-panes", "--json", "-t", "hb", NULL);
	lines = json_field(out, "\"history_lines");
	bytes = json_field(out, "\"history_bytes");
	ck_assert_msg(bytes <= 4096 && bytes > 3000 && lines > 4096 / 40 &&
	    lines < 4096 / 17, "4K: %s", out);
	free(out);
	out = vok("list-panes", "-t", "hb", NULL);
	ck_assert_msg(strstr(out, " [history ") != NULL &&
	    (strstr(out, ", 3.") != NULL || strstr(out, ", 4.0K]") != NULL),
	    "text: %s", out);
	free(out);

	/* New lines keep within it; 0 keeps none. */
	free(vok("send", "-t", "hb", "more", "Enter", NULL));
	free(wait_capture("hb", "more\nmore"));
	out = vok("list-panes", "--json", "-t", "hb", NULL);
	ck_assert_msg(json_field(out, "\"history_bytes") <= 4096, "%s", out);
	free(out);
	free(vok("set", "history-bytes", "0", NULL));
	out = vok("list-panes", "--json", "-t", "hb", NULL);
	ck_assert_msg(json_field(out, "\"history_lines") == 0 &&
	    json_field(out, "\"history_bytes") == 0, "0: %s", out);
	free(out);

	status = vrun(&out, NULL, 0, "set", "history-bytes", "lots", NULL);
	ck_assert_msg(status == 1 && strstr(out, "'lots'") != NULL &&
	    strchr(out, '\n') == strrchr(out, '\n'), "%d '%s'", status, out);
	free(out);
}
END_TEST

/*
 * What panes print can't hurt the server: a CSI with more arguments than
 * libvterm holds, and cells heavy with attributes, RGB and combining marks
 * captured with -e.
 */
START_TEST(test_hostile_pane)
{
	char	*out;
	int	 status;

	free(vok("new", "-d", "-s", "h", "-x", "100", "-y", "10",
	    "printf 'A\\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19mB"
	    "\\033[1;3;4;5;7;9;38;2;1;2;3;48;2;4;5;6m'; "
	    "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do "
	    "printf 'e\\314\\201\\314\\202\\314\\203\\314\\204\\314\\205'; "
	    "done; printf '\\033[0m END\\n'; exec cat", NULL));
	free(wait_capture("h", "END"));
	status = vrun(&out, NULL, 0, "capture", "-e", "-t", "h", NULL);
	ck_assert_msg(status == 0 && strncmp(out, "AB\033[", 4) == 0 &&
	    strstr(out, "m END") != NULL, "capture -e: %d '%.300s'", status,
	    out);
	free(out);
	out = vok("capture", "-t", "h", NULL);
	ck_assert_msg(strncmp(out, "AB\xcc\x81", 2) == 0, "capture '%.100s'",
	    out);
	free(out);
	free(vok("ls", NULL));
}
END_TEST

/* A command naming a session that has just lost its last pane fails. */
START_TEST(test_emptied_session)
{
	char	*out;
	int	 status;

	free(vok("new", "-d", "-s", "a", "exec cat", NULL));
	free(vok("new", "-d", "-s", "b", "exec cat", NULL));
	status = vrun(&out, NULL, 0, "kill-pane", "-t", "a:0", ";",
	    "select-pane", "-t", "a:next", NULL);
	ck_assert_msg(status == 1 && strstr(out, "vigil: ") != NULL,
	    "exit %d: '%s'", status, out);
	free(out);
	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "b: 1 pane") != NULL &&
	    strstr(out, "a: ") == NULL, "ls: '%s'", out);
	free(out);
}
END_TEST

/*
 * With the socket of a live server removed, `new` starts another server
 * on the same path at once (the first one holds no lock).
 */
START_TEST(test_socket_removed)
{
	char	*out;

	free(vok("new", "-d", "-s", "one", "exec cat", NULL));
	ck_assert(unlink(srv_sock) == 0);
	free(vok("new", "-d", "-s", "two", "exec cat", NULL));
	out = vok("ls", NULL);
	ck_assert_msg(strstr(out, "two: 1 pane") != NULL &&
	    strstr(out, "one:") == NULL, "ls: '%s'", out);
	free(out);
}
END_TEST

/* A server started from a pane is not a pane's process: kill-server of
 * the outer one leaves it running. */
START_TEST(test_nested_server)
{
	char	*cmd, *out, inner[160];
	int	 status, i;
	struct timespec	 ts = { 0, 100 * 1000 * 1000 };

	snprintf(inner, sizeof inner, "%s/inner", srv_dir);
	if (asprintf(&cmd, "env -u VIGIL %s -S %s new -d -s in 'exec cat' && "
	    "echo STARTED; exec cat", vigil_bin(), inner) == -1)
		ck_abort_msg("asprintf");
	free(vok("new", "-d", "-s", "out", cmd, NULL));
	free(cmd);
	free(wait_capture("out", "STARTED"));
	free(vok("kill-server", NULL));
	for (i = 0; i < 40 && access(srv_sock, F_OK) == 0; i++)
		nanosleep(&ts, NULL);
	/* Past the outer server's SIGKILL grace period. */
	for (i = 0; i < 35; i++)
		nanosleep(&ts, NULL);
	status = vrun(&out, NULL, 1, "-S", inner, "ls", NULL);
	ck_assert_msg(status == 0 && strstr(out, "in: 1 pane") != NULL,
	    "inner server: exit %d '%s'", status, out);
	free(out);
	free(vrun(&out, NULL, 1, "-S", inner, "kill-server", NULL) == 0 ?
	    out : out);
}
END_TEST

Suite *
suite_server(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("server");
	tc = tcase_create("server");
	tcase_add_checked_fixture(tc, srv_setup, srv_teardown);
	tcase_add_unchecked_fixture(tc, NULL, srv_sweep_left);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_detach_attach);
	tcase_add_test(tc, test_kill_client);
	tcase_add_test(tc, test_two_clients);
	tcase_add_test(tc, test_send_capture);
	tcase_add_test(tc, test_bad_peers);
	tcase_add_test(tc, test_version_mismatch);
	tcase_add_test(tc, test_unsafe_dir);
	tcase_add_test(tc, test_sigterm);
	tcase_add_test(tc, test_pane_environment);
	tcase_add_test(tc, test_stalled_client);
	tcase_add_test(tc, test_stalled_client_drops);
	tcase_add_test(tc, test_out_of_fds);
	tcase_add_test(tc, test_big_capture);
	tcase_add_test(tc, test_history_bytes);
	tcase_add_test(tc, test_hostile_pane);
	tcase_add_test(tc, test_emptied_session);
	tcase_add_test(tc, test_socket_removed);
	tcase_add_test(tc, test_nested_server);
	suite_add_tcase(s, tc);
	return (s);
}
