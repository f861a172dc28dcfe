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
 * Attach the peer's terminal to a session. Returns the client, or NULL with
 * *cause (no terminal, not usable).
 */
struct client	*peer_attach(struct peer *, struct session *, char **);
/* Free peers that are done; 1 if any peer is left. */
int		 peer_collect(void);

#endif
