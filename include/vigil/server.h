/* The event loop, signals, and the pass that draws after each wake-up. */
#ifndef VIGIL_SERVER_H
#define VIGIL_SERVER_H

#include "vigil/vigil.h"

struct event_base;

extern struct event_base	*server_base;
extern struct sessions		 sessions;
extern struct clients		 clients;

struct server_start {
	const char	 *session_name;
	char		**commands;	/* NULL-terminated; empty: one shell */
	int		  ncommands;
	int		  tty_fd;	/* the terminal to attach */
	const char	 *term;		/* its TERM */
};

/* Run vigil on the terminal until the last pane closes. Returns the exit status. */
int	server_run(const struct server_start *);
/* Ask the loop to stop after this pass. */
void	server_exit(int);
/* Every client showing the session redraws everything / the status. */
void	server_redraw_session(struct session *);
void	server_status_session(struct session *);
/* Something changed that the next pass should look at. */
void	server_wake(void);
/* Tear down: restore every terminal (also from fatal errors). */
void	server_emergency_restore(void);

#endif
