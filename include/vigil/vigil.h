/* The shared structures: panes, sessions and attached clients. */
#ifndef VIGIL_VIGIL_H
#define VIGIL_VIGIL_H

#include <sys/queue.h>
#include <sys/types.h>

#include <stdint.h>

#include <time.h>

/* glibc's sys/queue.h lacks the _SAFE forms (removal while walking). */
#ifndef TAILQ_FOREACH_SAFE
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)			\
	for ((var) = TAILQ_FIRST(head);					\
	    (var) != NULL && ((tvar) = TAILQ_NEXT(var, field), 1);	\
	    (var) = (tvar))
#endif

struct event;
struct evbuffer;
struct input;
struct layout_cell;
struct peer;
struct suspension;
struct tty;
struct vt;

/* A program in a PTY, its terminal state and where it sits on screen. */
struct pane {
	u_int			 id;		/* unique for the server's life */
	struct session		*session;
	struct layout_cell	*cell;

	char			*command;	/* NULL runs the shell */
	char			*name;		/* short name for the status */
	pid_t			 pid;
	int			 fd;		/* PTY master, -1 once closed */
	struct event		*read_ev;
	struct event		*write_ev;
	struct evbuffer		*to_pty;

	struct vt		*vt;
	u_int			 xoff, yoff;
	u_int			 sx, sy;

	int			 flags;
#define PANE_EXITED	0x1	/* process reaped, status is valid */
#define PANE_EOF	0x2	/* PTY read returned end of file */
#define PANE_FOCUSED	0x4	/* focus-in was reported to the program */
#define PANE_BELL	0x8	/* rang the bell since it was last active */
#define PANE_HIBERNATED	0x10	/* ended to be relaunched (hibernate_command) */
	int			 status;	/* from waitpid */
	struct timespec		 started;
	uint64_t		 output_at;	/* ms (monotonic), last output */
	uint64_t		 title_at;	/* last title change */
	uint64_t		 bell_at;	/* last bell */
	uint64_t		 notify_at;	/* last OSC 9 or 777 */
	char			*notify_text;
	int			 progress;	/* OSC 9;4 state, 0 none */
	int			 progress_percent;
	uint64_t		 progress_at;

	struct suspension	*suspension;	/* see suspend.c */
	long long		 suspend_after;	/* ms, -1: as configured */
	char			*hibernate_command;	/* relaunched by a key */
	char			*cwd;		/* where it starts, or NULL */

	TAILQ_ENTRY(pane)	 entry;		/* in its session */
	TAILQ_ENTRY(pane)	 all_entry;	/* in all panes */
};
TAILQ_HEAD(panes, pane);

/* A set of panes tiled in one layout. */
struct session {
	u_int			 id;
	char			*name;
	struct panes		 panes;
	struct pane		*active;
	struct pane		*last;		/* previously active */
	struct layout_cell	*layout;
	char			*cwd;		/* where new panes start */
	char		       **environ;	/* their environment, or NULL */
	int			 preset;	/* last preset, -1 if none */
	struct pane		*zoomed;
	u_int			 sx, sy;	/* the area panes share */
	time_t			 created;
	u_long			 activity;	/* higher: used more recently */

	int			 flags;
#define SESSION_REDRAW	0x1	/* layout changed: redraw borders */
#define SESSION_SMALLER	0x2	/* a smaller client sets the size */

	TAILQ_ENTRY(session)	 entry;
};
TAILQ_HEAD(sessions, session);

/* A terminal attached to a session. */
struct client {
	struct peer		*peer;		/* the vigil command holding it */
	struct tty		*tty;
	struct input		*input;
	struct session		*session;

	int			 flags;
#define CLIENT_REDRAW		0x1	/* everything */
#define CLIENT_REDRAW_STATUS	0x2
#define CLIENT_EXIT		0x4	/* leave when output is written */
#define CLIENT_REPEAT		0x8	/* a repeatable key was pressed */
#define CLIENT_DEAD		0x10	/* terminal gone: stop using it */
#define CLIENT_DETACH		0x20	/* leave in the next pass */

	struct event		*read_ev;
	const char		*key_table;
	struct event		*key_timer;	/* repeat-time */
	struct event		*input_timer;	/* escape-time */

	char			*message;
	struct event		*message_timer;

	char			*prompt;	/* the prompt's question */
	char			*prompt_buf;	/* what was typed */
	size_t			 prompt_len;
	char			*prompt_data;	/* given back to the callback */
	void			(*prompt_cb)(struct client *, const char *,
				    const char *);
	int			 prompt_single;	/* answered by one key */

	char		       **overlay;	/* lines shown over the panes */
	u_int			 noverlay;
	u_int			 overlay_top;	/* first line shown */

	int			 exit_status;
	char			*exit_reason;	/* "detached", "exited" */
	int			 paste_pane;	/* id of the pane pasted to, -1 */

	TAILQ_ENTRY(client)	 entry;
};
TAILQ_HEAD(clients, client);

/* A connection on the server socket: one run of the vigil command. */
struct peer {
	int			 fd;
	uid_t			 uid;
	struct event		*read_ev;
	struct event		*write_ev;
	struct evbuffer		*in;
	struct evbuffer		*out;

	int			 tty_fd;	/* passed with IDENTIFY, or -1 */
	char			*term;
	char			*colorterm;
	char			*cwd;
	char		       **environ;	/* NULL-terminated, or NULL */
	int			 caller_pane;	/* pane it runs in, or -1 */

	int			 flags;
#define PEER_IDENTIFIED	0x1
#define PEER_CLOSING	0x2	/* close once the output is written */

	struct client		*client;	/* once attached */
	/* A command that answers later, told if the peer goes first. */
	void			(*gone_cb)(void *);
	void			*gone_arg;
	TAILQ_ENTRY(peer)	 entry;
};
TAILQ_HEAD(peers, peer);

#endif
