/*
 * A private server for each end-to-end test (see srv.h). Teardown kills
 * every process with the test's HOME, which catches the server and its
 * panes; the sweep catches what a failed test (which skips its teardown)
 * left, by the runner's pid in the directory's name.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>

#include "check_vigil.h"
#include "harness.h"
#include "srv.h"

char	srv_dir[64];
char	srv_sock[128];
char	srv_home_env[128];

void
srv_make(const char *tag)
{
	/* The runner's pid in the name lets srv_sweep find what fails leave. */
	snprintf(srv_dir, sizeof srv_dir, "/tmp/vigil-%s-%ld-XXXXXX", tag,
	    (long)getppid());
	if (mkdtemp(srv_dir) == NULL)
		ck_abort_msg("mkdtemp: %s", strerror(errno));
	snprintf(srv_sock, sizeof srv_sock, "%s/sock", srv_dir);
	snprintf(srv_home_env, sizeof srv_home_env, "HOME=%s", srv_dir);
}

static int
srv_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

void
srv_remove(void)
{
	h_kill_env(srv_home_env);
	nftw(srv_dir, srv_rm, 16, FTW_DEPTH | FTW_PHYS);
}

void
srv_sweep(const char *tag)
{
	struct dirent	*de;
	DIR		*d;
	char		 want[64], prefix[64], path[300];

	snprintf(want, sizeof want, "HOME=/tmp/vigil-%s-%ld-*", tag,
	    (long)getpid());
	h_kill_env(want);
	snprintf(prefix, sizeof prefix, "vigil-%s-%ld-", tag, (long)getpid());
	if ((d = opendir("/tmp")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		snprintf(path, sizeof path, "/tmp/%s", de->d_name);
		nftw(path, srv_rm, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(d);
}

char **
srv_env(const char *extra)
{
	static char	 xdg[128], state[160], *env[10];
	int		 n = 0;

	snprintf(xdg, sizeof xdg, "XDG_RUNTIME_DIR=%s", srv_dir);
	snprintf(state, sizeof state, "XDG_STATE_HOME=%s/state", srv_dir);
	/* getenv takes the first: the extra one wins. */
	if (extra != NULL)
		env[n++] = (char *)extra;
	env[n++] = srv_home_env;
	env[n++] = xdg;
	env[n++] = state;
	env[n++] = "TERM=xterm-256color";
	env[n++] = "LANG=C.UTF-8";
	env[n++] = "PATH=/usr/local/bin:/usr/bin:/bin";
	env[n++] = "SHELL=/bin/sh";
	env[n] = NULL;
	return (env);
}

int
srv_runv(char **out, const char *extra_env, int nosock,
    const char *const *args)
{
	char		*argv[SRV_MAX_ARGS + 4], buf[4096];
	struct evbuffer	*eb = evbuffer_new();
	struct pollfd	 pfd;
	pid_t		 pid;
	ssize_t		 n;
	int		 argc = 0, fds[2], status = 0, waited = 0;

	argv[argc++] = (char *)vigil_bin();
	if (!nosock) {
		argv[argc++] = "-S";
		argv[argc++] = srv_sock;
	}
	for (; *args != NULL; args++) {
		if (argc == SRV_MAX_ARGS + 3)
			ck_abort_msg("srv_runv: too many arguments");
		argv[argc++] = (char *)*args;
	}
	argv[argc] = NULL;

	if (pipe(fds) != 0 || (pid = fork()) == -1)
		ck_abort_msg("srv_runv: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execve(argv[0], argv, srv_env(extra_env));
		_exit(127);
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	/* The pipe stays open in a server it starts: stop at the exit. */
	for (;;) {
		if (poll(&pfd, 1, 50) > 0) {
			if ((n = read(fds[0], buf, sizeof buf)) > 0) {
				evbuffer_add(eb, buf, n);
				continue;
			}
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if ((waited += 50) > h_scaled(SRV_WAIT)) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
	}
	while (poll(&pfd, 1, 0) > 0 && (n = read(fds[0], buf, sizeof buf)) > 0)
		evbuffer_add(eb, buf, n);
	close(fds[0]);
	evbuffer_add(eb, "", 1);
	*out = strdup((char *)evbuffer_pullup(eb, -1));
	evbuffer_free(eb);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
	    WTERMSIG(status));
}
