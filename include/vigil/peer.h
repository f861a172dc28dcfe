/* A connection on the server socket: messages in, command results out. */
#ifndef VIGIL_PEER_H
#define VIGIL_PEER_H

#include "vigil/vigil.h"

extern struct peers	peers;

/* Take a connection accepted from a uid that may use us. */
struct peer	*peer_create(int, uid_t);
void		 peer_free(struct peer *);
/* Tell the command to exit with this status (reason may be NULL), then close. */
void		 peer_exit(struct peer *, int, const char *);
/*
 * Keep the peer waiting for a command that answers later (one that
 * returned CMD_RETURN_WAIT): gone is called with arg if the peer closes
 * first (the vigil command was killed, the server exits). The command
 * answers with peer_output, then peer_exit.
 */
void		 peer_wait(struct peer *, void (*)(void *), void *);
int		 peer_waiting(const struct peer *);
void		 peer_output(struct peer *, const char *, size_t);
/*
 * Attach the peer's terminal to a session. Returns the client, or NULL with
 * *cause (no terminal, not usable).
 */
struct client	*peer_attach(struct peer *, struct session *, char **);
/* Free peers that are done; 1 if any peer is left. */
int		 peer_collect(void);

#endif
