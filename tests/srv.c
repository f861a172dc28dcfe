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
#include <ctype.h>
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

const char *
srv_path(const char *name)
{
	static char	path[256];

	snprintf(path, sizeof path, "%s/%s", srv_dir, name);
	return (path);
}

char *
srv_read(const char *name)
{
	char	*text = NULL;
	size_t	 len = 0, n;
	FILE	*f;

	if ((f = fopen(srv_path(name), "r")) == NULL)
		ck_abort_msg("read %s: %s", srv_path(name), strerror(errno));
	do {
		text = realloc(text, len + 4096 + 1);
		ck_assert_ptr_nonnull(text);
		n = fread(text + len, 1, 4096, f);
		len += n;
	} while (n == 4096);
	fclose(f);
	text[len] = '\0';
	return (text);
}

void
srv_write(const char *name, const char *text)
{
	FILE	*f;

	if ((f = fopen(srv_path(name), "w")) == NULL ||
	    fputs(text, f) == EOF || fclose(f) != 0)
		ck_abort_msg("write %s: %s", srv_path(name), strerror(errno));
}

/* Collect variadic arguments up to the NULL into args. */
static void
srv_args(const char **args, const char *arg, va_list ap)
{
	int	n = 0;

	for (; arg != NULL; arg = va_arg(ap, const char *)) {
		if (n == SRV_MAX_ARGS)
			ck_abort_msg("too many arguments");
		args[n++] = arg;
	}
	args[n] = NULL;
}

int
srv_run(char **out, const char *arg, ...)
{
	const char	*args[SRV_MAX_ARGS + 1];
	va_list		 ap;

	va_start(ap, arg);
	srv_args(args, arg, ap);
	va_end(ap);
	return (srv_runv(out, NULL, 0, args));
}

char *
srv_ok(const char *arg, ...)
{
	const char	*args[SRV_MAX_ARGS + 1];
	char		*out;
	va_list		 ap;
	int		 status;

	va_start(ap, arg);
	srv_args(args, arg, ap);
	va_end(ap);
	status = srv_runv(&out, NULL, 0, args);
	ck_assert_msg(status == 0, "vigil %s %s %s: exit %d: %s", args[0],
	    args[1] != NULL ? args[1] : "", args[1] != NULL && args[2] !=
	    NULL ? args[2] : "", status, out);
	return (out);
}

void
srv_sleep(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

long long
srv_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

struct h_term *
srv_attach(int rows, int cols, const char *session)
{
	char	*argv[] = { (char *)vigil_bin(), "-S", srv_sock, "attach",
		    "-t", (char *)session, NULL };
	char	*env[] = { srv_home_env, NULL };

	return (h_spawn(rows, cols, argv, env));
}

/* Read a process's state and parent from its stat; -1 if it has gone. */
int
srv_stat(pid_t pid, struct srv_proc *p)
{
	FILE	*f;
	char	 path[64], buf[1024], *cp;
	int	 ok;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	/* The name may hold anything: the fields follow the last ')'. */
	ok = fgets(buf, sizeof buf, f) != NULL &&
	    (cp = strrchr(buf, ')')) != NULL && cp[1] == ' ' && cp[2] != '\0';
	fclose(f);
	if (!ok)
		return (-1);
	p->pid = pid;
	p->state = cp[2];
	p->ppid = (pid_t)atol(cp + 4);
	return (0);
}

/* Every process now in /proc. */
int
srv_procs(struct srv_proc *procs, int max)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	if ((d = opendir("/proc")) == NULL)
		ck_abort_msg("/proc: %s", strerror(errno));
	while ((de = readdir(d)) != NULL && n < max) {
		if (isdigit((unsigned char)de->d_name[0]) &&
		    srv_stat((pid_t)atol(de->d_name), &procs[n]) == 0)
			n++;
	}
	closedir(d);
	return (n);
}

/* A process and all its live descendants, found here from /proc. */
int
srv_tree(pid_t root, pid_t *tree, int max)
{
	static struct srv_proc	procs[32768];
	int			n, found = 1, i, j, k, have;

	n = srv_procs(procs, 32768);
	tree[0] = root;
	do {
		have = found;
		for (i = 0; i < n && found < max; i++) {
			if (procs[i].state == 'Z' || procs[i].state == 'X')
				continue;
			for (j = 0; j < found && tree[j] != procs[i].ppid; j++)
				/* nothing */;
			for (k = 0; k < found && tree[k] != procs[i].pid; k++)
				/* nothing */;
			if (j < found && k == found)
				tree[found++] = procs[i].pid;
		}
	} while (found != have);
	return (found);
}

/*
 * A minimal JSON syntax check, enough to catch a stray comma or a bad
 * escape: returns the rest after one value, or NULL.
 */
static const char	*srv_json_value(const char *, int);

static const char *
srv_json_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return (s);
}

static const char *
srv_json_string(const char *s)
{
	if (*s++ != '"')
		return (NULL);
	for (; *s != '"'; s++) {
		if ((unsigned char)*s < 0x20)
			return (NULL);
		if (*s != '\\')
			continue;
		s++;
		if (*s == 'u') {
			if (!isxdigit((unsigned char)s[1]) ||
			    !isxdigit((unsigned char)s[2]) ||
			    !isxdigit((unsigned char)s[3]) ||
			    !isxdigit((unsigned char)s[4]))
				return (NULL);
			s += 4;
		} else if (*s == '\0' || strchr("\"\\/bfnrt", *s) == NULL)
			return (NULL);
	}
	return (s + 1);
}

/* An array or an object: values (with keys for an object) and commas. */
static const char *
srv_json_list(const char *s, int depth, char close)
{
	s = srv_json_ws(s + 1);
	if (*s == close)
		return (s + 1);
	for (;;) {
		if (close == '}') {
			if ((s = srv_json_string(srv_json_ws(s))) == NULL ||
			    *(s = srv_json_ws(s)) != ':')
				return (NULL);
			s++;
		}
		if ((s = srv_json_value(s, depth + 1)) == NULL)
			return (NULL);
		s = srv_json_ws(s);
		if (*s == close)
			return (s + 1);
		if (*s++ != ',')
			return (NULL);
	}
}

static const char *
srv_json_value(const char *s, int depth)
{
	char	*end;

	s = srv_json_ws(s);
	if (depth > 32)
		return (NULL);
	if (*s == '{' || *s == '[')
		return (srv_json_list(s, depth, *s == '{' ? '}' : ']'));
	if (*s == '"')
		return (srv_json_string(s));
	if (strncmp(s, "true", 4) == 0 || strncmp(s, "null", 4) == 0)
		return (s + 4);
	if (strncmp(s, "false", 5) == 0)
		return (s + 5);
	if (*s != '-' && !isdigit((unsigned char)*s))
		return (NULL);
	strtod(s, &end);
	return (end == s ? NULL : end);
}

void
srv_assert_json(const char *what, const char *text)
{
	const char	*end = srv_json_value(text, 0);

	ck_assert_msg(end != NULL && *srv_json_ws(end) == '\0',
	    "%s: not valid JSON:\n%.3000s", what, text);
}

char *
srv_pane(const char *session)
{
	char	*out = srv_ok("list-panes", "--json", "-t", session, NULL);
	char	*p, *end, *obj;

	if ((p = strchr(out, '{')) == NULL || (end = strchr(p, '}')) == NULL)
		ck_abort_msg("no pane in %s", out);
	obj = strndup(p, end - p + 1);
	free(out);
	return (obj);
}

double
srv_num(const char *text, const char *field)
{
	char		 want[64];
	const char	*cp;

	snprintf(want, sizeof want, "\"%s\": ", field);
	if ((cp = strstr(text, want)) == NULL)
		return (-1);
	return (strtod(cp + strlen(want), NULL));
}

pid_t
srv_pane_pid(const char *session)
{
	char	*obj = srv_pane(session);
	double	 pid = srv_num(obj, "pid");

	ck_assert_msg(pid > 0, "no pid in %s", obj);
	free(obj);
	return ((pid_t)pid);
}

int
srv_pane_is(const char *session, const char *field)
{
	char	*obj = srv_pane(session), want[64];
	int	 yes;

	snprintf(want, sizeof want, "\"%s\": ", field);
	ck_assert_msg(strstr(obj, want) != NULL, "no %s in %s", field, obj);
	snprintf(want, sizeof want, "\"%s\": null", field);
	yes = strstr(obj, want) == NULL;
	free(obj);
	return (yes);
}

void
srv_wait_pane_is(const char *session, const char *field, int on, int ms)
{
	long long	end = srv_now() + h_scaled(ms);

	while (srv_pane_is(session, field) != on) {
		ck_assert_msg(srv_now() < end, "%s: %s never %s", session,
		    field, on ? "set" : "null");
		srv_sleep(50);
	}
}

long
srv_proc_status(pid_t pid, const char *key)
{
	char	 path[64], line[256];
	size_t	 n = strlen(key);
	long	 v = -1;
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return (v);
}
