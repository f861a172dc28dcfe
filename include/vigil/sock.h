/* The server socket: where it lives, who may use it, passing the tty. */
#ifndef VIGIL_SOCK_H
#define VIGIL_SOCK_H

#include <sys/types.h>

#include <stddef.h>

/*
 * The socket path: path itself (-S), else name (-L, default "default")
 * in the socket directory, $XDG_RUNTIME_DIR/vigil or /tmp/vigil-UID,
 * which is made 0700 if missing and must be safe (sock_check_dir).
 * Returns NULL with *cause.
 */
char	*sock_path(const char *, const char *, char **);
/*
 * Is dir a real directory (not a symlink) owned by uid with no group or
 * other permissions? Creates it 0700 if missing when create is set.
 * 0, or -1 with *cause naming what is wrong.
 */
int	 sock_check_dir(const char *, uid_t, int, char **);
/* Connect; -1 with errno (ENOENT, ECONNREFUSED: no server). */
int	 sock_connect(const char *);
/*
 * Listen at path, replacing a stale socket only if it is a socket we own.
 * Returns the fd (non-blocking, close-on-exec) or -1 with *cause.
 */
int	 sock_listen(const char *, char **);
/* May this connection's peer use us (same uid, or root)? */
int	 sock_peer_allowed(int, uid_t *);
/* Send bytes with an fd attached (-1: none); blocking, whole. 0 or -1. */
int	 sock_send_fd(int, const void *, size_t, int);
/*
 * Read what is there (non-blocking); fds that came with it go to *fd, or
 * are closed if *fd is already set. Returns as read(2).
 */
ssize_t	 sock_recv(int, void *, size_t, int *);

#endif
