/* The wire format between a vigil command and the server. */
#ifndef VIGIL_PROTO_H
#define VIGIL_PROTO_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

struct evbuffer;

/*
 * Bump when any message changes. The header layout and PROTO_MSG_VERSION
 * never change, so any two versions can tell each other they differ.
 */
#define PROTO_VERSION		1
#define PROTO_HEADER_SIZE	12		/* version, type, length */
#define PROTO_MAX		(256 * 1024)	/* largest payload */

enum proto_type {
	/* Either way; payload: the sender's version as 4 bytes. */
	PROTO_MSG_VERSION = 1,

	/* Command to server. */
	PROTO_MSG_IDENTIFY = 10,	/* strings: TERM, COLORTERM, cwd,
					   caller pane; the tty fd rides on it */
	PROTO_MSG_ENVIRON,		/* strings: NAME=value ... */
	PROTO_MSG_COMMAND,		/* strings: argv */
	PROTO_MSG_RESIZE,		/* empty: read the tty size again */
	PROTO_MSG_DETACH,		/* empty: let go of the terminal */

	/* Server to command. */
	PROTO_MSG_OUTPUT = 20,		/* bytes for standard output */
	PROTO_MSG_ERROR,		/* bytes for standard error */
	PROTO_MSG_EXIT,			/* 4 bytes status, then a reason */
	PROTO_MSG_ATTACHED		/* empty: the server drives the tty */
};

struct proto_msg {
	uint32_t	 version;
	uint32_t	 type;
	size_t		 len;
	char		*data;		/* len bytes and a NUL; free() */
};

/* Queue one message. */
void	proto_put(struct evbuffer *, uint32_t, const void *, size_t);
/* Queue a message whose payload is NUL-terminated strings. */
void	proto_put_strings(struct evbuffer *, uint32_t, char *const *, int);
/* Queue an exit status and reason. */
void	proto_put_exit(struct evbuffer *, int, const char *);
/*
 * Take one whole message from the front of the buffer: 1 if there was one,
 * 0 if more bytes are needed, -1 with *cause if the header is bad (a
 * payload over PROTO_MAX). A header of another version is returned at once
 * with an empty payload, for the caller to answer with its version.
 */
int	proto_get(struct evbuffer *, struct proto_msg *, char **);
void	proto_msg_free(struct proto_msg *);
/*
 * Split a payload of NUL-terminated strings into a NULL-terminated array
 * (free the array only: the strings point into the payload). -1 if the
 * payload does not end with a NUL or has more than max strings.
 */
int	proto_strings(const struct proto_msg *, char ***, int *, int);
/* A 4-byte number payload (version, exit status); -1 if it isn't one. */
int	proto_number(const struct proto_msg *, uint32_t *);

#endif
