/*
 * Panes: a program spawned in a PTY, fed through its terminal state.
 *
 * The PTY master is non-blocking. Each read callback takes at most one
 * buffer's worth so a pane flooding output cannot starve the others or the
 * keyboard; what the program is sent waits in a bounded queue written when
 * the PTY has room.
 */

#include "config.h"

#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/event.h>

#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/profiler.h"
#include "vigil/server.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

#define PANE_READ_SIZE		65536
#define PANE_WRITE_MAX		(16 * 1024 * 1024)	/* queued input cap */
#define PANE_DRAIN_MAX		(4 * 1024 * 1024)	/* read after exit */

static struct panes	all_panes = TAILQ_HEAD_INITIALIZER(all_panes);
static u_int		next_pane_id;

static void	pane_read_cb(int, short, void *);
static void	pane_write_cb(int, short, void *);
static void	pane_vt_output(const char *, size_t, void *);
static void	pane_vt_title(const char *, void *);
static void	pane_vt_bell(void *);
static void	pane_vt_notify(const char *, void *);
static void	pane_vt_progress(int, int, void *);

static const struct vt_callbacks pane_vt_callbacks = {
	.output = pane_vt_output,
	.title = pane_vt_title,
	.bell = pane_vt_bell,
	.notify = pane_vt_notify,
	.progress = pane_vt_progress,
};

/* The short name a pane shows: the first word of its command, basename. */
static char *
pane_make_name(const char *command, const char *shell)
{
	const char	*s = command != NULL ? command : shell;
	const char	*end, *slash;
	size_t		 n;

	while (*s == ' ' || *s == '\t')
		s++;
	/* "exec claude" is claude. */
	if (strncmp(s, "exec", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
		s += 4;
		while (*s == ' ' || *s == '\t')
			s++;
	}
	end = s + strcspn(s, " \t");
	for (slash = s; slash < end; slash++) {
		if (*slash == '/')
			s = slash + 1;
	}
	n = end - s;
	if (n == 0)
		return (xstrdup(command != NULL ? "sh" : "shell"));
	return (xstrndup(s, n));
}

/*
 * The shell for panes without a command: default-shell, else SHELL of the
 * command that made the session, else ours.
 */
static const char *
pane_shell(struct session *s)
{
	const char	*shell = options_get_string(OPT_DEFAULT_SHELL);
	char		**env;

	if (shell == NULL || *shell == '\0') {
		shell = NULL;
		for (env = s->environ; env != NULL && *env != NULL; env++) {
			if (strncmp(*env, "SHELL=", 6) == 0) {
				shell = *env + 6;	/* the first, as getenv */
				break;
			}
		}
		if (shell == NULL)
			shell = getenv("SHELL");
	}
	if (shell == NULL || *shell != '/' || access(shell, X_OK) != 0)
		shell = "/bin/sh";
	return (shell);
}

/*
 * In the child: the environment and directory of the command that made the
 * session; if that directory is gone, HOME.
 */
static void
pane_child_origin(struct pane *p)
{
	struct session	*s = p->session;
	const char	*home;
	char		**env;

	if (s->environ != NULL) {
		clearenv();
		for (env = s->environ; *env != NULL; env++)
			putenv(*env);
	}
	if (p->cwd != NULL && chdir(p->cwd) == 0)
		return;
	if (s->cwd != NULL && chdir(s->cwd) == 0)
		return;
	if ((home = getenv("HOME")) == NULL || chdir(home) != 0) {
		if (chdir("/") != 0)
			_exit(126);
	}
}

/* In the child: clean signals and environment, then exec the program. */
static void __attribute__((noreturn))
pane_child(struct pane *p, const char *shell, int cgroup_fd)
{
	sigset_t	 set;
	char		 argv0[256], idbuf[32];
	const char	*base;
	int		 sig;

	/* Into the pane's cgroup first, so all it starts is in there too. */
	suspend_child_join(cgroup_fd);
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);

	pane_child_origin(p);
	setenv("TERM", options_get_string(OPT_DEFAULT_TERMINAL), 1);
	snprintf(idbuf, sizeof idbuf, "%%%u", p->id);
	setenv("VIGIL_PANE", idbuf, 1);
	if (server_socket_path != NULL) {
		char	*vigil;

		xasprintf(&vigil, "%s,%s", server_socket_path, idbuf);
		setenv("VIGIL", vigil, 1);
	}
	unsetenv("COLUMNS");
	unsetenv("LINES");
	unsetenv("TMUX");
	unsetenv("TMUX_PANE");
#ifdef HAVE_CLOSEFROM
	closefrom(STDERR_FILENO + 1);
#endif

	if (p->command != NULL) {
		execl("/bin/sh", "sh", "-c", p->command, (char *)NULL);
		fprintf(stderr, "vigil: /bin/sh: %s\r\n", strerror(errno));
	} else {
		base = strrchr(shell, '/');
		base = base != NULL ? base + 1 : shell;
		snprintf(argv0, sizeof argv0, "-%s", base);
		execl(shell, argv0, (char *)NULL);
		fprintf(stderr, "vigil: %s: %s\r\n", shell, strerror(errno));
	}
	_exit(127);
}

/*
 * Fork the program into a new PTY at the pane's size and start reading
 * it; 0, or -1 with *cause.
 */
int
pane_start(struct pane *p, char **cause)
{
	struct winsize	 ws = { .ws_row = p->sy, .ws_col = p->sx };
	const char	*shell = pane_shell(p->session);
	pid_t		 pid;
	int		 fd, flags, cgroup_fd;

	cgroup_fd = suspend_pane_prepare(p);
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid == -1) {
		xasprintf(cause, "can't create pane: %s", strerror(errno));
		suspend_pane_spawned(p, cgroup_fd, -1);
		return (-1);
	}
	if (pid == 0)
		pane_child(p, shell, cgroup_fd);
	suspend_pane_spawned(p, cgroup_fd, pid);

	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == -1)
		fatal("fcntl pane pty");
	p->pid = pid;
	p->fd = fd;
	p->read_ev = event_new(server_base, p->fd, EV_READ | EV_PERSIST,
	    pane_read_cb, p);
	p->write_ev = event_new(server_base, p->fd, EV_WRITE | EV_PERSIST,
	    pane_write_cb, p);
	event_add(p->read_ev, NULL);
	clock_gettime(CLOCK_MONOTONIC, &p->started);
	p->output_at = supervise_now();
	log_debug("pane %%%u: pid %ld fd %d: %s", p->id, (long)pid, fd,
	    p->command != NULL ? p->command : shell);
	return (0);
}

struct pane *
pane_create(struct session *s, const char *command, u_int sx, u_int sy,
    char **cause)
{
	struct pane	*p = pane_new(s, command, sx, sy);

	if (pane_start(p, cause) != 0) {
		pane_destroy(p);
		return (NULL);
	}
	return (p);
}

/* A pane with no program yet: pane_start starts it. */
struct pane *
pane_new(struct session *s, const char *command, u_int sx, u_int sy)
{
	struct pane	*p;

	p = xcalloc(1, sizeof *p);
	p->id = next_pane_id++;
	p->session = s;
	p->command = command != NULL ? xstrdup(command) : NULL;
	p->name = pane_make_name(command, pane_shell(s));
	p->fd = -1;
	p->suspend_after = -1;
	p->sx = sx < 1 ? 1 : sx;
	p->sy = sy < 1 ? 1 : sy;
	p->vt = vt_create(p->sx, p->sy,
	    options_get_number(OPT_HISTORY_LIMIT), &pane_vt_callbacks, p);
	pane_set_history_limit(p);
	p->to_pty = evbuffer_new();
	TAILQ_INSERT_TAIL(&all_panes, p, all_entry);
	return (p);
}

/* Stop watching the PTY and close it. */
static void
pane_close_pty(struct pane *p)
{
	if (p->fd == -1)
		return;
	event_free(p->read_ev);
	event_free(p->write_ev);
	p->read_ev = p->write_ev = NULL;
	close(p->fd);
	p->fd = -1;
}

void
pane_destroy(struct pane *p)
{
	if (!(p->flags & PANE_EXITED) && p->pid > 0)
		kill(-p->pid, SIGHUP);
	/* A suspended tree must run to take the hangup. */
	suspend_pane_free(p);
	profiler_pane_closed(p);
	pane_close_pty(p);
	TAILQ_REMOVE(&all_panes, p, all_entry);
	vt_free(p->vt);
	evbuffer_free(p->to_pty);
	free(p->command);
	free(p->name);
	free(p->notify_text);
	free(p->hibernate_command);
	free(p->cwd);
	free(p);
}

/*
 * Start a hibernated pane again: its relaunch command in a new PTY, where
 * its program was. The old screen stays until the program draws.
 */
int
pane_relaunch(struct pane *p, const char *why, char **cause)
{
	if (!(p->flags & PANE_HIBERNATED) || p->hibernate_command == NULL) {
		xasprintf(cause, "pane %%%u is not hibernated", p->id);
		return (-1);
	}
	pane_close_pty(p);
	suspend_pane_free(p);
	free(p->command);
	p->command = p->hibernate_command;
	p->hibernate_command = NULL;
	p->flags &= ~(PANE_EXITED | PANE_EOF | PANE_HIBERNATED | PANE_FOCUSED |
	    PANE_BELL);
	p->status = 0;
	/* What the old program said is not the new one's. */
	p->title_at = p->bell_at = p->notify_at = p->progress_at = 0;
	p->progress = p->progress_percent = 0;
	free(p->notify_text);
	p->notify_text = NULL;
	if (pane_start(p, cause) != 0) {
		p->flags |= PANE_EXITED;
		p->status = 127 << 8;
		return (-1);
	}
	supervise_relaunched(p, why);
	server_status_session(p->session);
	server_redraw_session(p->session);
	return (0);
}

void
pane_resize(struct pane *p, u_int sx, u_int sy)
{
	struct winsize	ws;

	if (sx < 1)
		sx = 1;
	if (sy < 1)
		sy = 1;
	if (sx == p->sx && sy == p->sy)
		return;
	p->sx = sx;
	p->sy = sy;
	vt_resize(p->vt, sx, sy);
	if (p->fd != -1) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = sx;
		ws.ws_row = sy;
		if (ioctl(p->fd, TIOCSWINSZ, &ws) == -1)
			log_debug("pane %%%u: TIOCSWINSZ: %s", p->id,
			    strerror(errno));
	}
}

/* The history's limits, in lines and in bytes, from the options. */
void
pane_set_history_limit(struct pane *p)
{
	vt_set_history_limit(p->vt, options_get_number(OPT_HISTORY_LIMIT),
	    options_get_number(OPT_HISTORY_BYTES));
}

void
pane_set_position(struct pane *p, u_int xoff, u_int yoff)
{
	p->xoff = xoff;
	p->yoff = yoff;
}

/* Read one buffer of output into the terminal state. */
static ssize_t
pane_read_once(struct pane *p)
{
	char	buf[PANE_READ_SIZE];
	ssize_t	n;

	n = read(p->fd, buf, sizeof buf);
	if (n > 0) {
		vt_write(p->vt, buf, n);
		return (n);
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return (-1);
	/* EOF or EIO: the last holder of the PTY's other side is gone. */
	p->flags |= PANE_EOF;
	event_del(p->read_ev);
	return (0);
}

static void
pane_read_cb(int fd, short events, void *arg)
{
	struct pane	*p = arg;

	(void)fd;
	(void)events;
	p->output_at = supervise_now();
	pane_read_once(p);
	server_wake();
}

static void
pane_write_cb(int fd, short events, void *arg)
{
	struct pane	*p = arg;

	(void)events;
	if (evbuffer_write(p->to_pty, fd) == -1 && errno != EAGAIN &&
	    errno != EINTR) {
		log_debug("pane %%%u: write: %s", p->id, strerror(errno));
		evbuffer_drain(p->to_pty, evbuffer_get_length(p->to_pty));
	}
	if (evbuffer_get_length(p->to_pty) == 0)
		event_del(p->write_ev);
}

void
pane_write(struct pane *p, const char *buf, size_t len)
{
	int	empty;

	if (p->fd == -1 || pane_is_dead(p) || len == 0)
		return;
	if (evbuffer_get_length(p->to_pty) + len > PANE_WRITE_MAX) {
		log_warnx("pane %%%u: input queue full, %zu bytes dropped",
		    p->id, len);
		return;
	}
	empty = evbuffer_get_length(p->to_pty) == 0;
	evbuffer_add(p->to_pty, buf, len);
	/* Straight to the program if nothing waited: a key's echo is sooner. */
	if (empty)
		pane_write_cb(p->fd, EV_WRITE, p);
	if (evbuffer_get_length(p->to_pty) != 0)
		event_add(p->write_ev, NULL);
}

static void
pane_vt_output(const char *buf, size_t len, void *arg)
{
	pane_write(arg, buf, len);
}

static void
pane_vt_title(const char *title, void *arg)
{
	struct pane	*p = arg;

	(void)title;
	p->title_at = supervise_now();
	server_status_session(p->session);
}

/* The program asked for a desktop notification: note it, for its state. */
static void
pane_vt_notify(const char *text, void *arg)
{
	struct pane	*p = arg;

	free(p->notify_text);
	p->notify_text = xstrdup(text);
	p->notify_at = supervise_now();
}

/* OSC 9;4 progress, as agents report a task's. */
static void
pane_vt_progress(int state, int percent, void *arg)
{
	struct pane	*p = arg;

	p->progress = state;
	p->progress_percent = percent;
	p->progress_at = supervise_now();
}

/* A bell: mark the pane (unless it is the one in use) and ring outside. */
static void
pane_vt_bell(void *arg)
{
	struct pane	*p = arg;
	struct client	*c;

	p->bell_at = supervise_now();
	if (p != p->session->active)
		p->flags |= PANE_BELL;
	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session == p->session)
			tty_bell(c->tty);
	}
	server_status_session(p->session);
}

/*
 * Input for a suspended pane wakes it first: what is typed is delivered
 * after the resume, in order.
 */
void
pane_wake(struct pane *p, const char *why)
{
	if (suspend_is_suspended(p))
		suspend_resume(p, why);
}

void
pane_key(struct pane *p, struct key k)
{
	char	*cause;

	if (p->flags & PANE_HIBERNATED) {
		/* A key relaunches it (and is not passed on). */
		if (pane_relaunch(p, "key", &cause) != 0) {
			log_warnx("%s", cause);
			free(cause);
		}
		return;
	}
	if (pane_is_dead(p))
		return;
	pane_wake(p, "key");
	vt_key(p->vt, k);
}

void
pane_paste_start(struct pane *p)
{
	if (pane_is_dead(p))
		return;
	pane_wake(p, "paste");
	vt_paste_start(p->vt);
}

void
pane_paste(struct pane *p, const char *buf, size_t len)
{
	if (pane_is_dead(p))
		return;
	pane_wake(p, "paste");
	vt_paste(p->vt, buf, len);
}

void
pane_paste_end(struct pane *p)
{
	if (!pane_is_dead(p))
		vt_paste_end(p->vt);
}

/* A mouse event at screen coordinates, for the pane if it wants mice. */
void
pane_mouse(struct pane *p, const struct input_mouse *m)
{
	int	x = m->x - (int)p->xoff, y = m->y - (int)p->yoff;

	if (pane_is_dead(p))
		return;
	if (x < 0)
		x = 0;
	if (y < 0)
		y = 0;
	if (x >= (int)p->sx)
		x = p->sx - 1;
	if (y >= (int)p->sy)
		y = p->sy - 1;
	pane_wake(p, "mouse");
	vt_mouse(p->vt, m, x, y);
}

void
pane_focus(struct pane *p, int in)
{
	if (pane_is_dead(p))
		return;
	if (in && !(p->flags & PANE_FOCUSED)) {
		p->flags |= PANE_FOCUSED;
		vt_focus(p->vt, 1);
	} else if (!in && (p->flags & PANE_FOCUSED)) {
		p->flags &= ~PANE_FOCUSED;
		vt_focus(p->vt, 0);
	}
}

void
pane_exited(struct pane *p, int status)
{
	size_t	total = 0;
	ssize_t	n;

	p->flags |= PANE_EXITED;
	p->status = status;
	log_debug("pane %%%u: %s", p->id, pane_exit_string(p));
	suspend_pane_exited(p);

	/* Show what the program wrote before it went. */
	while (p->fd != -1 && !(p->flags & PANE_EOF) &&
	    total < PANE_DRAIN_MAX) {
		if ((n = pane_read_once(p)) <= 0)
			break;
		total += n;
	}
	pane_close_pty(p);
	server_wake();
}

int
pane_is_dead(const struct pane *p)
{
	return ((p->flags & PANE_EXITED) != 0);
}

const char *
pane_exit_string(const struct pane *p)
{
	static char	buf[64];

	if (p->flags & PANE_HIBERNATED)
		return ("hibernated");
	if (!(p->flags & PANE_EXITED))
		return ("running");
	if (WIFSIGNALED(p->status)) {
		const char *name = sigabbrev_np(WTERMSIG(p->status));

		if (name != NULL)
			snprintf(buf, sizeof buf, "killed by SIG%s", name);
		else
			snprintf(buf, sizeof buf, "killed by signal %d",
			    WTERMSIG(p->status));
	} else
		snprintf(buf, sizeof buf, "exited %d", WEXITSTATUS(p->status));
	return (buf);
}

/* Did the program fail (non-zero status or a signal)? */
int
pane_exit_failed(const struct pane *p)
{
	if (!(p->flags & PANE_EXITED))
		return (0);
	return (WIFSIGNALED(p->status) || WEXITSTATUS(p->status) != 0);
}

struct pane *
pane_find_by_pid(pid_t pid)
{
	struct pane	*p;

	TAILQ_FOREACH(p, &all_panes, all_entry) {
		if (p->pid == pid)
			return (p);
	}
	return (NULL);
}

struct pane *
pane_find_by_id(u_int id)
{
	struct pane	*p;

	TAILQ_FOREACH(p, &all_panes, all_entry) {
		if (p->id == id)
			return (p);
	}
	return (NULL);
}

struct panes *
pane_all(void)
{
	return (&all_panes);
}
