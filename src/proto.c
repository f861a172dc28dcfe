/*
 * The wire format between a vigil command and the server.
 *
 * Every message is a 12-byte header (protocol version, type, payload
 * length, each 4 bytes little-endian) and a payload of at most PROTO_MAX
 * bytes. Lists of strings travel as NUL-terminated strings one after the
 * other. The terminal's fd rides on IDENTIFY as SCM_RIGHTS ancillary data,
 * which the socket code handles; here are only bytes.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "vigil/proto.h"
#include "vigil/xmalloc.h"

static void
proto_put32(u_char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static uint32_t
proto_get32(const u_char *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

void
proto_put(struct evbuffer *out, uint32_t type, const void *data, size_t len)
{
	u_char	hdr[PROTO_HEADER_SIZE];

	proto_put32(hdr, PROTO_VERSION);
	proto_put32(hdr + 4, type);
	proto_put32(hdr + 8, len);
	evbuffer_add(out, hdr, sizeof hdr);
	if (len != 0)
		evbuffer_add(out, data, len);
}

void
proto_put_strings(struct evbuffer *out, uint32_t type, char *const *list,
    int n)
{
	struct evbuffer	*payload = evbuffer_new();
	size_t		 len, total = 0;
	int		 i;

	for (i = 0; i < n; i++) {
		len = strlen(list[i]) + 1;
		/* A list that would not fit loses its last strings. */
		if (total + len > PROTO_MAX)
			break;
		evbuffer_add(payload, list[i], len);
		total += len;
	}
	proto_put(out, type, evbuffer_pullup(payload, -1), total);
	evbuffer_free(payload);
}

void
proto_put_exit(struct evbuffer *out, int status, const char *reason)
{
	size_t	 len = reason != NULL ? strlen(reason) : 0;
	u_char	*buf;

	if (len > PROTO_MAX - 4)
		len = PROTO_MAX - 4;
	buf = xmalloc(4 + len);
	proto_put32(buf, (uint32_t)status);
	if (len != 0)
		memcpy(buf + 4, reason, len);
	proto_put(out, PROTO_MSG_EXIT, buf, 4 + len);
	free(buf);
}

int
proto_get(struct evbuffer *in, struct proto_msg *msg, char **cause)
{
	u_char	hdr[PROTO_HEADER_SIZE];
	size_t	have = evbuffer_get_length(in);

	memset(msg, 0, sizeof *msg);
	if (have < sizeof hdr)
		return (0);
	evbuffer_copyout(in, hdr, sizeof hdr);
	msg->version = proto_get32(hdr);
	msg->type = proto_get32(hdr + 4);
	msg->len = proto_get32(hdr + 8);
	if (msg->version != PROTO_VERSION) {
		/* Nothing after a header of another version can be trusted. */
		evbuffer_drain(in, sizeof hdr);
		msg->len = 0;
		msg->data = xstrdup("");
		return (1);
	}
	if (msg->len > PROTO_MAX) {
		xasprintf(cause, "oversize message (type %u, %zu bytes)",
		    msg->type, msg->len);
		return (-1);
	}
	if (have < sizeof hdr + msg->len)
		return (0);
	evbuffer_drain(in, sizeof hdr);
	msg->data = xmalloc(msg->len + 1);
	evbuffer_remove(in, msg->data, msg->len);
	msg->data[msg->len] = '\0';
	return (1);
}

void
proto_msg_free(struct proto_msg *msg)
{
	free(msg->data);
	msg->data = NULL;
}

int
proto_strings(const struct proto_msg *msg, char ***list, int *n, int max)
{
	size_t	i;
	int	count = 0;

	*list = NULL;
	*n = 0;
	if (msg->len != 0 && msg->data[msg->len - 1] != '\0')
		return (-1);
	for (i = 0; i < msg->len; i++) {
		if (msg->data[i] == '\0')
			count++;
	}
	if (count > max)
		return (-1);
	*list = xcalloc(count + 1, sizeof **list);
	for (i = 0; i < msg->len; i += strlen(msg->data + i) + 1)
		(*list)[(*n)++] = msg->data + i;
	return (0);
}

int
proto_number(const struct proto_msg *msg, uint32_t *v)
{
	if (msg->len < 4)
		return (-1);
	*v = proto_get32((const u_char *)msg->data);
	return (0);
}
