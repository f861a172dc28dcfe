/*
 * The event loop, signals, and the pass that draws after each wake-up.
 *
 * Callbacks only record what happened: a PTY read feeds the terminal state,
 * a key goes to a pane, SIGCHLD marks a pane exited. After each turn of the
 * loop one pass closes dead panes and redraws clients, at most once per
 * frame interval, and only if something changed.
 */

#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/client.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/render.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

#define SERVER_FRAME_NS	(1000000000L / 60)	/* at most 60 frames a second */

struct event_base	*server_base;
struct sessions		 sessions = TAILQ_HEAD_INITIALIZER(sessions);
struct clients		 clients = TAILQ_HEAD_INITIALIZER(clients);

static int		 server_exiting;
static int		 server_exit_status;
static struct timespec	 server_last_frame;
static struct event	*server_frame_timer;
static struct event	*server_status_timer;
static struct event	*server_signal_events[8];
static u_int		 server_nsignals;

void
server_exit(int status)
{
	if (!server_exiting)
		server_exit_status = status;
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
}

/* Reap children; a pane whose process went keeps its last screen. */
static void
server_child_exited(void)
{
	struct pane	*p;
	pid_t		 pid;
	int		 status;

	for (;;) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid == 0 || (pid == -1 && errno == ECHILD))
			break;
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			fatal("waitpid");
		}
		if ((p = pane_find_by_pid(pid)) == NULL)
			continue;
		/* A stopped child is not an exit; waitpid without WUNTRACED. */
		pane_exited(p, status);
		server_status_session(p->session);
		server_redraw_session(p->session);
	}
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
	case SIGHUP:
		log_debug("signal %d: exiting", sig);
		server_exit(sig == SIGHUP ? 0 : 128 + sig);
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

/* Should this dead pane close now, by remain-on-exit? */
static int
server_pane_closes(struct pane *p)
{
	switch (options_get_number(OPT_REMAIN_ON_EXIT)) {
	case REMAIN_ON:
		return (0);
	case REMAIN_FAILED:
		return (!pane_exit_failed(p));
	}
	return (1);
}

/* Close panes that exited and don't remain; end when none is left. */
static void
server_close_dead(void)
{
	struct session	*s, *s1;
	struct pane	*p, *p1;

	for (s = TAILQ_FIRST(&sessions); s != NULL; s = s1) {
		s1 = TAILQ_NEXT(s, entry);
		for (p = TAILQ_FIRST(&s->panes); p != NULL; p = p1) {
			p1 = TAILQ_NEXT(p, entry);
			if (pane_is_dead(p) && server_pane_closes(p))
				session_remove_pane(s, p);
		}
		if (TAILQ_EMPTY(&s->panes)) {
			session_destroy(s);
			if (TAILQ_EMPTY(&sessions))
				server_exit(0);
		}
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

/* Is a frame due? If it is too soon, wake up when it will be. */
static int
server_frame_due(void)
{
	struct timeval	tv;
	long		ns = server_ns_since(&server_last_frame);

	if (ns >= SERVER_FRAME_NS)
		return (1);
	if (!evtimer_pending(server_frame_timer, NULL)) {
		tv.tv_sec = 0;
		tv.tv_usec = (SERVER_FRAME_NS - ns) / 1000 + 1;
		evtimer_add(server_frame_timer, &tv);
	}
	return (0);
}

/* Draw every client that needs it, then forget what was dirty. */
static void
server_draw(void)
{
	struct client	*c;
	struct session	*s;
	struct pane	*p;
	int		 any = 0;

	TAILQ_FOREACH(c, &clients, entry) {
		if (c->flags & CLIENT_DEAD)
			continue;
		if (server_session_changed(c->session))
			any = 1;
		if (c->flags & (CLIENT_REDRAW | CLIENT_REDRAW_STATUS))
			any = 1;
	}
	if (!any || !server_frame_due())
		return;

	TAILQ_FOREACH(c, &clients, entry) {
		if (c->flags & CLIENT_DEAD)
			continue;
		if (c->tty->flags & TTY_BLOCKED) {
			/* It misses this frame; draw it whole when it drains. */
			c->flags |= CLIENT_REDRAW;
			continue;
		}
		if ((c->flags & (CLIENT_REDRAW | CLIENT_REDRAW_STATUS)) ||
		    server_session_changed(c->session))
			render_client(c);
	}
	TAILQ_FOREACH(s, &sessions, entry) {
		s->flags &= ~SESSION_REDRAW;
		TAILQ_FOREACH(p, &s->panes, entry)
			vt_clean(p->vt);
	}
	clock_gettime(CLOCK_MONOTONIC, &server_last_frame);
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

/* Start the session: one pane per command, tiled. */
static struct session *
server_start_session(const struct server_start *ss, u_int sx, u_int sy)
{
	struct session	*s;
	char		*cause;

	s = session_create(ss->session_name, sx, sy);
	if (session_spawn_tiled(s, ss->commands, ss->ncommands, &cause) != 0) {
		fprintf(stderr, "vigil: %s\n", cause);
		free(cause);
		session_destroy(s);
		return (NULL);
	}
	return (s);
}

/* One turn of the loop, then the pass: close the dead, draw the changed. */
static void
server_loop(void)
{
	while (!server_exiting) {
		event_base_loop(server_base, EVLOOP_ONCE);
		server_close_dead();
		if (server_exiting)
			break;
		server_draw();
	}
}

static void
server_teardown(void)
{
	struct client	*c;
	struct session	*s;
	u_int		 i;

	while ((c = TAILQ_FIRST(&clients)) != NULL)
		client_destroy(c);
	while ((s = TAILQ_FIRST(&sessions)) != NULL)
		session_destroy(s);
	for (i = 0; i < server_nsignals; i++)
		event_free(server_signal_events[i]);
	server_nsignals = 0;
	event_free(server_frame_timer);
	event_free(server_status_timer);
	event_base_free(server_base);
	server_base = NULL;
}

int
server_run(const struct server_start *ss)
{
	struct session	*s;
	struct client	*c;
	char		*cause;
	u_int		 sx = 80, sy = 24;

	signal(SIGPIPE, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	if ((server_base = event_base_new()) == NULL)
		fatalx("event_base_new failed");
	server_add_signal(SIGCHLD);
	server_add_signal(SIGWINCH);
	server_add_signal(SIGTERM);
	server_add_signal(SIGINT);
	server_add_signal(SIGHUP);
	server_frame_timer = evtimer_new(server_base, server_frame_cb, NULL);
	server_status_timer = evtimer_new(server_base, server_status_timer_cb,
	    NULL);

	tty_read_size(ss->tty_fd, &sx, &sy);
	if (options_get_number(OPT_STATUS) && sy > 1)
		sy--;
	if ((s = server_start_session(ss, sx, sy)) == NULL) {
		server_teardown();
		return (1);
	}
	if ((c = client_create(ss->tty_fd, ss->term, s, &cause)) == NULL) {
		server_teardown();
		fprintf(stderr, "vigil: %s\n", cause);
		free(cause);
		return (1);
	}
	log_set_fatal_hook(server_emergency_restore);
	server_status_timer_cb(-1, 0, NULL);

	server_loop();

	log_set_fatal_hook(NULL);
	server_teardown();
	return (server_exit_status);
}
