/*
 * The server: the event loop, its socket, signals, and the pass that draws
 * after each wake-up.
 *
 * The server owns every session and pane and outlives the terminals that
 * show them. A vigil command connects to its socket (peer.c); an attached
 * command hands over its terminal's fd and the server draws on it directly.
 *
 * Callbacks only record what happened: a PTY read feeds the terminal state,
 * a key goes to a pane, SIGCHLD marks a pane exited. After each turn of the
 * loop one pass closes dead panes and sessions, lets detached clients go,
 * and redraws clients, only if something changed and at most 60 times a
 * second on average: a frame may follow another at once after a quiet
 * spell (a key's echo right after the status line's redraw), but a pane
 * that never stops gets one frame per interval.
 */

#include "config.h"

#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/peer.h"
#include "vigil/proctree.h"
#include "vigil/profile.h"
#include "vigil/profiler.h"
#include "vigil/render.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/supervise.h"
#include "vigil/suspend.h"
#include "vigil/sock.h"
#include "vigil/status.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

#define SERVER_FRAME_NS	(1000000000L / 60)	/* 60 frames a second */
#define SERVER_FRAME_BURST 3	/* frames that may come at once */
#define SERVER_GRACE	3	/* seconds from SIGHUP to SIGKILL on exit */
#define SERVER_FIRST	10	/* seconds to wait for the first command */

struct event_base	*server_base;
struct sessions		 sessions = TAILQ_HEAD_INITIALIZER(sessions);
struct clients		 clients = TAILQ_HEAD_INITIALIZER(clients);
char			*server_socket_path;

static int		 server_listen_fd = -1;
static struct event	*server_accept_ev;
static struct event	*server_accept_timer;	/* EMFILE back-off */
static int		 server_exiting;	/* leave the loop */
static int		 server_shutting_down;	/* killing panes */
static int		 server_started;	/* may exit when idle */
static u_long		 server_activity;
static long		 server_frame_budget = SERVER_FRAME_BURST *
			     SERVER_FRAME_NS;	/* ns of frames owed */
static struct timespec	 server_frame_at;	/* the budget's time */
static struct event	*server_frame_timer;
static struct event	*server_status_timer;
static struct event	*server_grace_timer;
static struct event	*server_signal_events[8];
static u_int		 server_nsignals;

/* Leave the loop after this pass. */
static void
server_exit(void)
{
	server_exiting = 1;
	if (server_base != NULL)
		event_base_loopbreak(server_base);
}

void
server_redraw_session(struct session *s)
{
	struct client	*c;

	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session == s)
			c->flags |= CLIENT_REDRAW;
	}
}

void
server_status_session(struct session *s)
{
	struct client	*c;

	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session == s)
			c->flags |= CLIENT_REDRAW_STATUS;
	}
}

/* Nothing to do: every callback is followed by a pass of the loop. */
void
server_wake(void)
{
}

/* Put every terminal back, for a fatal error on the way out. */
void
server_emergency_restore(void)
{
	struct client	*c;

	TAILQ_FOREACH(c, &clients, entry)
		tty_stop(c->tty);
	if (server_socket_path != NULL && server_listen_fd != -1)
		unlink(server_socket_path);
}

int
server_is_exiting(void)
{
	return (server_shutting_down);
}

void
server_touch_session(struct session *s)
{
	s->activity = ++server_activity;
}

struct session *
server_default_session(void)
{
	struct session	*s, *best = NULL;

	TAILQ_FOREACH(s, &sessions, entry) {
		if (TAILQ_EMPTY(&s->panes))
			continue;	/* being closed */
		if (best == NULL || s->activity > best->activity)
			best = s;
	}
	return (best);
}

void
server_command_ctx(struct cmd_ctx *ctx, struct peer *peer)
{
	struct pane	*p = NULL;

	memset(ctx, 0, sizeof *ctx);
	ctx->peer = peer;
	ctx->error_word = -1;
	if (peer->caller_pane != -1)
		p = pane_find_by_id(peer->caller_pane);
	if (p != NULL) {
		ctx->session = p->session;
		ctx->pane = p;
	} else if ((ctx->session = server_default_session()) != NULL)
		ctx->pane = ctx->session->active;
}

/* The size of a session: its smallest attached client, as tmux does. */
void
server_size_session(struct session *s)
{
	struct render_geometry	 rg;
	struct client		*c;
	u_int			 sx = 0, sy = 0, n = 0;
	int			 smaller = 0;

	TAILQ_FOREACH(c, &clients, entry) {
		if (c->session != s || (c->flags & (CLIENT_DEAD |
		    CLIENT_DETACH)))
			continue;
		render_geometry(c, &rg);
		if (n != 0 && (c->tty->sx != sx || rg.area_sy != sy))
			smaller = 1;
		if (n == 0 || c->tty->sx < sx)
			sx = c->tty->sx;
		if (n == 0 || rg.area_sy < sy)
			sy = rg.area_sy;
		n++;
	}
	if (n == 0)
		return;	/* keep the size it had */
	if (smaller)
		s->flags |= SESSION_SMALLER;
	else
		s->flags &= ~SESSION_SMALLER;
	session_resize(s, sx, sy);
	server_redraw_session(s);
}

/* Reap children; a pane whose process went keeps its last screen. */
static void
server_child_exited(void)
{
	struct pane	*p;
	pid_t		 pid;
	int		 status;

	for (;;) {
		/* waitpid(-1), unless a profile's tracer is the waiter now. */
		pid = profile_reap(&status);
		if (pid == 0 || (pid == -1 && errno == ECHILD))
			break;
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			fatal("waitpid");
		}
		/* Orphans of panes come to us too (we are a subreaper). */
		if ((p = pane_find_by_pid(pid)) == NULL)
			continue;
		/* A stopped child is not an exit; waitpid without WUNTRACED. */
		pane_exited(p, status);
		server_status_session(p->session);
		server_redraw_session(p->session);
	}
	/* The tracer's end comes as a SIGCHLD too. */
	profiler_check();
}

/*
 * Is this process another vigil server? One started from a pane is adopted
 * by us (we are a subreaper) but its sessions are not ours to end.
 */
static int
server_is_other_server(pid_t pid, void *arg)
{
	const char	*self = arg;
	char		 path[64], exe[PATH_MAX];
	ssize_t		 n;

	snprintf(path, sizeof path, "/proc/%ld/exe", (long)pid);
	if ((n = readlink(path, exe, sizeof exe - 1)) <= 0)
		return (0);
	exe[n] = '\0';
	return (strcmp(exe, self) == 0);
}

/* Signal every process below the server: panes and what they left. */
static u_int
server_signal_descendants(int sig)
{
	char	 self[PATH_MAX];
	pid_t	*pids;
	u_int	 n, i;
	ssize_t	 len;

	if ((len = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0)
		len = 0;
	self[len] = '\0';
	n = proctree_descendants_skip("/proc", getpid(),
	    len > 0 ? server_is_other_server : NULL, self, &pids);
	for (i = 0; i < n; i++)
		kill(pids[i], sig);
	free(pids);
	return (n);
}

static void
server_grace_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	(void)arg;
	log_debug("grace period over: SIGKILL to what is left");
	server_signal_descendants(SIGKILL);
	server_exit();
}

/* Close the socket so no new command finds a server that is going. */
static void
server_close_socket(void)
{
	if (server_listen_fd == -1)
		return;
	event_del(server_accept_ev);
	evtimer_del(server_accept_timer);
	close(server_listen_fd);
	server_listen_fd = -1;
	if (server_socket_path != NULL)
		unlink(server_socket_path);
}

void
server_shutdown(void)
{
	struct timeval	 tv = { SERVER_GRACE, 0 };
	struct client	*c;
	struct session	*s;

	if (server_shutting_down)
		return;
	server_shutting_down = 1;
	log_debug("shutting down");
	server_close_socket();
	profiler_shutdown();
	TAILQ_FOREACH(c, &clients, entry)
		client_detach(c, "server exited");
	/* Hang up every pane (their process groups), then the rest. */
	TAILQ_FOREACH(s, &sessions, entry)
		session_kill(s);
	if (server_signal_descendants(SIGHUP) == 0)
		return;
	evtimer_add(server_grace_timer, &tv);
}

static void
server_signal_cb(int sig, short events, void *arg)
{
	struct client	*c;

	(void)events;
	(void)arg;
	switch (sig) {
	case SIGCHLD:
		server_child_exited();
		break;
	case SIGWINCH:
		TAILQ_FOREACH(c, &clients, entry)
			client_resize(c);
		break;
	case SIGTERM:
	case SIGINT:
		log_debug("signal %d: shutting down", sig);
		server_shutdown();
		break;
	}
}

static void
server_add_signal(int sig)
{
	struct event	*ev;

	ev = evsignal_new(server_base, sig, server_signal_cb, NULL);
	evsignal_add(ev, NULL);
	server_signal_events[server_nsignals++] = ev;
}

/*
 * libevent installs its SIGCHLD handler without SA_NOCLDSTOP, so every
 * stop of a child wakes the loop, and a profile's tracees stop twice per
 * system call, each stop a SIGCHLD to this process (the tracer's). The
 * loop only wants exits: keep libevent's handler and add the flag, which
 * covers ptrace stops as well as job control.
 */
static void
server_no_stop_signals(void)
{
	struct sigaction	sa;

	if (sigaction(SIGCHLD, NULL, &sa) != 0)
		fatal("sigaction");
	sa.sa_flags |= SA_NOCLDSTOP;
	if (sigaction(SIGCHLD, &sa, NULL) != 0)
		fatal("sigaction");
}

/* Should this dead pane close now, by remain-on-exit? */
static int
server_pane_closes(struct pane *p)
{
	if (p->flags & PANE_HIBERNATED)
		return (0);
	switch (options_get_number(OPT_REMAIN_ON_EXIT)) {
	case REMAIN_ON:
		return (0);
	case REMAIN_FAILED:
		return (!pane_exit_failed(p));
	}
	return (1);
}

/* Close panes that exited and don't remain, and sessions left empty. */
static void
server_close_dead(void)
{
	struct session	*s, *s1;
	struct pane	*p, *p1;
	struct client	*c;

	TAILQ_FOREACH_SAFE(s, &sessions, entry, s1) {
		TAILQ_FOREACH_SAFE(p, &s->panes, entry, p1) {
			if (pane_is_dead(p) && server_pane_closes(p))
				session_remove_pane(s, p);
		}
		if (!TAILQ_EMPTY(&s->panes))
			continue;
		TAILQ_FOREACH(c, &clients, entry) {
			if (c->session == s)
				client_detach(c, "exited");
		}
		server_collect_clients();
		session_destroy(s);
	}
}

/* Let go of clients that detached: restore their terminals, tell them. */
void
server_collect_clients(void)
{
	struct client	*c, *c1;
	struct session	*s;
	struct peer	*peer;
	char		*reason;

	TAILQ_FOREACH_SAFE(c, &clients, entry, c1) {
		if (!(c->flags & CLIENT_DETACH))
			continue;
		peer = c->peer;
		s = c->session;
		reason = c->exit_reason;
		c->exit_reason = NULL;
		client_destroy(c);
		if (peer != NULL) {
			peer->client = NULL;
			if (reason != NULL)
				peer_exit(peer, 0, reason);
		}
		free(reason);
		/* The others may be bigger now. */
		if (session_exists(s))
			server_size_session(s);
	}
}

/*
 * On the way out, connections not showing a session have nothing more to
 * wait for, but a command that answers later (a profile) is let finish.
 */
static void
server_close_idle_peers(void)
{
	struct peer	*peer;

	TAILQ_FOREACH(peer, &peers, entry) {
		if (peer->client == NULL && !(peer->flags & PEER_CLOSING) &&
		    !peer_waiting(peer))
			peer_exit(peer, 1, NULL);
	}
}

/* Does any pane of the session have news to draw? */
static int
server_session_changed(struct session *s)
{
	struct pane	*p;

	if (s->flags & SESSION_REDRAW)
		return (1);
	TAILQ_FOREACH(p, &s->panes, entry) {
		if (vt_changed(p->vt))
			return (1);
	}
	return (0);
}

static long
server_ns_since(const struct timespec *then)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((now.tv_sec - then->tv_sec) * 1000000000L +
	    (now.tv_nsec - then->tv_nsec));
}

static void
server_frame_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	(void)arg;
}

/*
 * May a frame be drawn now? The budget grows by a frame each interval, up
 * to a few; if it is short, wake up when it will be enough.
 */
static int
server_frame_due(void)
{
	struct timeval	tv;
	long		ns = server_ns_since(&server_frame_at);

	clock_gettime(CLOCK_MONOTONIC, &server_frame_at);
	if (ns > SERVER_FRAME_BURST * SERVER_FRAME_NS)
		ns = SERVER_FRAME_BURST * SERVER_FRAME_NS;
	server_frame_budget += ns;
	if (server_frame_budget > SERVER_FRAME_BURST * SERVER_FRAME_NS)
		server_frame_budget = SERVER_FRAME_BURST * SERVER_FRAME_NS;
	if (server_frame_budget >= SERVER_FRAME_NS)
		return (1);
	if (!evtimer_pending(server_frame_timer, NULL)) {
		tv.tv_sec = 0;
		tv.tv_usec = (SERVER_FRAME_NS - server_frame_budget) / 1000 + 1;
		evtimer_add(server_frame_timer, &tv);
	}
	return (0);
}

/* Does this client need drawing? */
static int
server_client_changed(struct client *c)
{
	if (c->flags & (CLIENT_DEAD | CLIENT_DETACH))
		return (0);
	return ((c->flags & (CLIENT_REDRAW | CLIENT_REDRAW_STATUS)) ||
	    server_session_changed(c->session));
}

/* Draw every client that needs it, then forget what was dirty. */
static void
server_draw(void)
{
	struct client	*c;
	struct session	*s;
	struct pane	*p;
	int		 any = 0;

	TAILQ_FOREACH(c, &clients, entry)
		any |= server_client_changed(c);
	if (!any || !server_frame_due())
		return;

	TAILQ_FOREACH(c, &clients, entry) {
		if (!server_client_changed(c))
			continue;
		if (c->tty->flags & TTY_BLOCKED) {
			/* It misses this frame; draw it whole when it drains. */
			c->flags |= CLIENT_REDRAW;
			continue;
		}
		render_client(c);
	}
	TAILQ_FOREACH(s, &sessions, entry) {
		s->flags &= ~SESSION_REDRAW;
		TAILQ_FOREACH(p, &s->panes, entry)
			vt_clean(p->vt);
	}
	server_frame_budget -= SERVER_FRAME_NS;
}

/*
 * Redraw the status line at the next minute (the clock shows no seconds)
 * or after status-interval if that is sooner.
 */
static void
server_status_timer_cb(int fd, short events, void *arg)
{
	struct client	*c;
	struct timeval	 tv = { 0, 0 };
	long long	 ms = options_get_number(OPT_STATUS_INTERVAL);

	(void)fd;
	(void)events;
	(void)arg;
	TAILQ_FOREACH(c, &clients, entry)
		c->flags |= CLIENT_REDRAW_STATUS;
	tv.tv_sec = status_next_tick(time(NULL));
	if (ms > 0 && ms < tv.tv_sec * 1000LL) {
		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
	}
	evtimer_add(server_status_timer, &tv);
}

/* Accept again after running out of fds. */
static void
server_accept_timer_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	(void)arg;
	if (server_listen_fd != -1)
		event_add(server_accept_ev, NULL);
}

static void
server_accept_cb(int fd, short events, void *arg)
{
	struct timeval	tv = { 1, 0 };
	uid_t		uid = (uid_t)-1;
	int		cfd;

	(void)events;
	(void)arg;
	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd == -1) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			/* Out of fds: wait instead of spinning on accept. */
			log_warnx("accept: %s: pausing for 1 s",
			    strerror(errno));
			event_del(server_accept_ev);
			evtimer_add(server_accept_timer, &tv);
		}
		return;
	}
	if (!sock_peer_allowed(cfd, &uid)) {
		log_warnx("refused a connection from uid %ld", (long)uid);
		close(cfd);
		return;
	}
	server_started = 1;
	peer_create(cfd, uid);
}

static void
server_first_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	(void)arg;
	server_started = 1;
}

/* One turn of the loop, then the pass. */
static void
server_loop(void)
{
	while (!server_exiting) {
		event_base_loop(server_base, EVLOOP_ONCE);
		server_close_dead();
		server_collect_clients();
		suspend_focus_pass();
		if (server_shutting_down)
			server_close_idle_peers();
		if (!server_exiting)
			server_draw();
		if (peer_collect() || !TAILQ_EMPTY(&sessions))
			continue;
		/* Nothing left to serve. */
		if (!server_shutting_down) {
			if (server_started)
				server_exit();
		} else if (!evtimer_pending(server_grace_timer, NULL) ||
		    server_signal_descendants(0) == 0)
			server_exit();
	}
}

static void
server_teardown(void)
{
	struct peer	*peer;
	struct session	*s;
	u_int		 i;

	/* Let every tracee go before anything else goes. */
	profiler_free_all();
	while ((peer = TAILQ_FIRST(&peers)) != NULL)
		peer_free(peer);
	supervise_stop();
	while ((s = TAILQ_FIRST(&sessions)) != NULL)
		session_destroy(s);
	suspend_done();
	server_close_socket();
	for (i = 0; i < server_nsignals; i++)
		event_free(server_signal_events[i]);
	server_nsignals = 0;
	event_free(server_accept_ev);
	event_free(server_accept_timer);
	event_free(server_frame_timer);
	event_free(server_status_timer);
	event_free(server_grace_timer);
	event_base_free(server_base);
	server_base = NULL;
}

/*
 * In the new server process: keep only the socket and the ready pipe (as
 * 3 and 4). Anything else inherited, such as the start lock, would live as
 * long as the server.
 */
static void
server_close_fds(int *lfd, int *ready)
{
	log_close();
	if (*lfd != 3) {
		if (*ready == 3)
			*ready = fcntl(*ready, F_DUPFD_CLOEXEC, 5);
		if (dup3(*lfd, 3, O_CLOEXEC) == -1)
			_exit(1);
		*lfd = 3;
	}
	if (*ready != 4) {
		if (dup3(*ready, 4, O_CLOEXEC) == -1)
			_exit(1);
		*ready = 4;
	}
#ifdef HAVE_CLOSEFROM
	closefrom(5);
#else
	{
		long	fd, max = sysconf(_SC_OPEN_MAX);

		for (fd = 5; fd < max; fd++)
			close(fd);
	}
#endif
}

/* In the new server process: detach from the terminal and the caller. */
static void
server_daemonize(void)
{
	int	fd;

	setsid();
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	if (chdir("/") != 0)
		log_warnx("chdir /: %s", strerror(errno));
	/* Orphaned pane processes come to us, so we can end them all. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
}

/* Run the server on a listening socket until nothing is left. */
static int
server_main(int lfd, int ready)
{
	struct timeval	tv = { SERVER_FIRST, 0 };

	if ((server_base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	server_listen_fd = lfd;
	server_add_signal(SIGCHLD);
	server_no_stop_signals();
	server_add_signal(SIGWINCH);
	server_add_signal(SIGTERM);
	server_add_signal(SIGINT);
	server_accept_ev = event_new(server_base, lfd, EV_READ | EV_PERSIST,
	    server_accept_cb, NULL);
	event_add(server_accept_ev, NULL);
	server_accept_timer = evtimer_new(server_base, server_accept_timer_cb,
	    NULL);
	server_frame_timer = evtimer_new(server_base, server_frame_cb, NULL);
	server_status_timer = evtimer_new(server_base, server_status_timer_cb,
	    NULL);
	server_grace_timer = evtimer_new(server_base, server_grace_cb, NULL);
	event_base_once(server_base, -1, EV_TIMEOUT, server_first_cb, NULL,
	    &tv);
	log_set_fatal_hook(server_emergency_restore);
	server_status_timer_cb(-1, 0, NULL);
	supervise_start();

	if (write(ready, "", 1) != 1)
		log_warnx("ready: %s", strerror(errno));
	close(ready);
	server_loop();

	log_set_fatal_hook(NULL);
	server_teardown();
	log_debug("server exited");
	return (0);
}

int
server_start(const char *path, char **cause)
{
	char	buf[512];
	ssize_t	n;
	pid_t	pid;
	int	lfd, pipefd[2], verbose = log_enabled();

	if ((lfd = sock_listen(path, cause)) == -1)
		return (-1);
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		fatal("pipe");
	if ((pid = fork()) == -1) {
		xasprintf(cause, "fork: %s", strerror(errno));
		close(lfd);
		close(pipefd[0]);
		close(pipefd[1]);
		unlink(path);
		return (-1);
	}
	if (pid == 0) {
		close(pipefd[0]);
		server_close_fds(&lfd, &pipefd[1]);
		if (verbose)
			log_reopen("vigil-server");
		server_daemonize();
		server_socket_path = xstrdup(path);
		_exit(server_main(lfd, pipefd[1]));
	}
	close(lfd);
	close(pipefd[1]);
	/* Wait for it to be ready, so our connection finds it serving. */
	do
		n = read(pipefd[0], buf, sizeof buf);
	while (n == -1 && errno == EINTR);
	close(pipefd[0]);
	if (n != 1) {
		xasprintf(cause, "the server did not start");
		return (-1);
	}
	return (0);
}
