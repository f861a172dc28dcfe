/* An attached terminal: its keys, mouse and paste, the prefix, prompts. */
#ifndef VIGIL_CLIENT_H
#define VIGIL_CLIENT_H

#include "vigil/keys.h"
#include "vigil/vigil.h"

/*
 * Attach the terminal on fd (TERM, COLORTERM) to a session; the client owns
 * the fd from then on. Returns NULL with *cause if it can't be used.
 */
struct client	*client_create(int, const char *, const char *,
		     struct session *, char **);
/*
 * Leave the session: the next server pass restores the terminal, frees the
 * client and tells its command why (NULL: the command is gone already;
 * "detached" says from which session).
 */
void		 client_detach(struct client *, const char *);
/* Show another session on this client. */
void		 client_set_session(struct client *, struct session *);
/* Restore the terminal and free the client. */
void		 client_destroy(struct client *);
/* The terminal changed size: lay the session out again. */
void		 client_resize(struct client *);
/* Show a message in the status line for display-time. */
void		 client_message(struct client *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));
/*
 * Ask a question in the status line. The callback gets the answer (NULL if
 * cancelled) and a copy of data; with single set, the first key answers.
 */
void		 client_prompt(struct client *, const char *, int,
		     void (*)(struct client *, const char *, const char *),
		     const char *);
/* Run a command line as if typed at the prompt; errors become messages. */
void		 client_run_command(struct client *, const char *);
/* Show lines over the panes until a key closes them (takes the lines). */
void		 client_show_overlay(struct client *, char **, u_int);
/* Handle one key as if typed (used by tests through send-keys too). */
void		 client_key(struct client *, struct key);
/* Leave the prefix (or repeat) table. */
void		 client_end_key_table(struct client *);

#endif
