/*
 * libFuzzer harness for the wire format: whatever a peer sends is cut into
 * messages with proto_get, and each payload split with proto_strings and
 * proto_number as the server would. Nothing may crash or read past the
 * buffer, a message is never longer than PROTO_MAX, and every byte is either
 * consumed or left for a later read.
 *
 * Built by make fuzz with the rest of libvigil.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "vigil/proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evbuffer		*in = evbuffer_new();
	struct proto_msg	 msg;
	char			**list, *cause;
	uint32_t		 v;
	size_t			 before;
	int			 n, r;

	/* Two reads, split where the first byte says. */
	before = size > 0 ? data[0] % (size + 1) : 0;
	evbuffer_add(in, data, before);
	for (;;) {
		while ((r = proto_get(in, &msg, &cause)) == 1) {
			if (msg.len > PROTO_MAX || strlen(msg.data) > msg.len)
				abort();
			if (proto_strings(&msg, &list, &n, 4096) == 0) {
				if (n > 4096 || list[n] != NULL)
					abort();
				free(list);
			}
			proto_number(&msg, &v);
			proto_msg_free(&msg);
		}
		if (r == -1) {
			free(cause);
			break;
		}
		if (before == size)
			break;
		evbuffer_add(in, data + before, size - before);
		before = size;
	}
	evbuffer_free(in);
	return (0);
}
