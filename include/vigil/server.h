/* The server: event loop, socket, signals, and the pass that draws. */
#ifndef VIGIL_SERVER_H
#define VIGIL_SERVER_H

#include "vigil/vigil.h"

struct cmd_ctx;
struct event_base;

extern struct event_base	*server_base;
extern struct sessions		 sessions;
extern struct clients		 clients;
extern char			*server_socket_path;

/*
 * Start a server listening at path in a new process; returns 0 once it
 * accepts connections, or -1 with *cause.
 */
int		 server_start(const char *, char **);
/* SIGTERM: tell every client, hang up every pane, SIGKILL after grace. */
void		 server_shutdown(void);
/* Is the server on its way out (no new commands)? */
int		 server_is_exiting(void);
/* Every client showing the session redraws everything / the status. */
void		 server_redraw_session(struct session *);
void		 server_status_session(struct session *);
/* Size a session for its smallest attached client. */
void		 server_size_session(struct session *);
/* Mark a session as the one used most recently. */
void		 server_touch_session(struct session *);
/* The session commands use when none is named: the most recent. */
struct session	*server_default_session(void);
/* Where a command from a peer runs: its pane, else the default session. */
void		 server_command_ctx(struct cmd_ctx *, struct peer *);
/* Free the clients that detached, telling their commands why. */
void		 server_collect_clients(void);
/* Something changed that the next pass should look at. */
void		 server_wake(void);
/* Tear down: restore every terminal (also from fatal errors). */
void		 server_emergency_restore(void);

#endif
