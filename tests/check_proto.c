/* Tests for the wire format (proto.c) and JSON strings (json.c). */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "check_vigil.h"
#include "vigil/json.h"
#include "vigil/proto.h"
#include "vigil/utf8.h"

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

/* A header as it goes on the wire: three little-endian 32-bit numbers. */
static void
proto_test_header(u_char *hdr, uint32_t version, uint32_t type, uint32_t len)
{
	uint32_t	v[3] = { version, type, len };
	int		i;

	for (i = 0; i < 3; i++) {
		hdr[i * 4] = v[i] & 0xff;
		hdr[i * 4 + 1] = (v[i] >> 8) & 0xff;
		hdr[i * 4 + 2] = (v[i] >> 16) & 0xff;
		hdr[i * 4 + 3] = (v[i] >> 24) & 0xff;
	}
}

/* Take one message that must be there, and check its header. */
static void
proto_test_get(struct evbuffer *b, struct proto_msg *msg, uint32_t type,
    size_t len)
{
	char	*cause = NULL;
	int	 r;

	r = proto_get(b, msg, &cause);
	ck_assert_msg(r == 1, "proto_get: got %d (%s), want a message of "
	    "type %u", r, cause != NULL ? cause : "no cause", type);
	ck_assert_msg(msg->version == PROTO_VERSION && msg->type == type &&
	    msg->len == len, "proto_get: got version %u type %u len %zu, "
	    "want version %u type %u len %zu", msg->version, msg->type,
	    msg->len, PROTO_VERSION, type, len);
	ck_assert_msg(msg->data != NULL && msg->data[msg->len] == '\0',
	    "type %u: payload missing or not NUL-terminated", type);
}

/* The exact bytes of a message, then the same message back. */
START_TEST(test_proto_wire)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	u_char			 want[PROTO_HEADER_SIZE + 3], *got;
	size_t			 i;

	proto_test_header(want, PROTO_VERSION, 0x01020304, 3);
	memcpy(want + PROTO_HEADER_SIZE, "a\0c", 3);
	proto_put(b, 0x01020304, "a\0c", 3);
	ck_assert_uint_eq(evbuffer_get_length(b), sizeof want);
	got = evbuffer_pullup(b, -1);
	for (i = 0; i < sizeof want; i++) {
		ck_assert_msg(got[i] == want[i], "byte %zu: got %02x, want "
		    "%02x", i, got[i], want[i]);
	}

	proto_test_get(b, &msg, 0x01020304, 3);
	ck_assert_msg(memcmp(msg.data, "a\0c", 3) == 0, "payload %02x %02x "
	    "%02x", (u_char)msg.data[0], (u_char)msg.data[1],
	    (u_char)msg.data[2]);
	proto_msg_free(&msg);
	ck_assert_ptr_null(msg.data);
	ck_assert_uint_eq(evbuffer_get_length(b), 0);
	evbuffer_free(b);
}
END_TEST

/* Empty and non-empty payloads, back to back in one buffer. */
START_TEST(test_proto_back_to_back)
{
	static const struct {
		uint32_t	 type;
		const char	*data;
		size_t		 len;
	} in[] = {
		{ PROTO_MSG_RESIZE, NULL, 0 },
		{ PROTO_MSG_OUTPUT, "hello\n", 6 },
		{ PROTO_MSG_ATTACHED, "", 0 },
		{ PROTO_MSG_ERROR, "x", 1 },
		{ PROTO_MSG_OUTPUT, "\0\0\xff", 3 },
		{ PROTO_MSG_DETACH, NULL, 0 },
	};
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*cause = NULL;
	size_t			 total = 0;
	int			 i, r;

	for (i = 0; i < NITEMS(in); i++) {
		proto_put(b, in[i].type, in[i].data, in[i].len);
		total += PROTO_HEADER_SIZE + in[i].len;
	}
	ck_assert_uint_eq(evbuffer_get_length(b), total);
	for (i = 0; i < NITEMS(in); i++) {
		proto_test_get(b, &msg, in[i].type, in[i].len);
		ck_assert_msg(in[i].len == 0 ||
		    memcmp(msg.data, in[i].data, in[i].len) == 0,
		    "message %d (type %u): payload differs", i, in[i].type);
		total -= PROTO_HEADER_SIZE + in[i].len;
		ck_assert_msg(evbuffer_get_length(b) == total, "after message "
		    "%d: %zu bytes left, want %zu", i, evbuffer_get_length(b),
		    total);
		proto_msg_free(&msg);
	}
	r = proto_get(b, &msg, &cause);
	ck_assert_msg(r == 0 && msg.data == NULL, "empty buffer: got %d", r);
	evbuffer_free(b);
}
END_TEST

/* Bytes arriving one at a time: nothing is taken until a message is whole. */
START_TEST(test_proto_byte_at_a_time)
{
	struct evbuffer		*whole = evbuffer_new(), *b = evbuffer_new();
	struct proto_msg	 msg;
	char			*cause = NULL;
	u_char			*bytes;
	size_t			 len, first, i;
	int			 r;

	proto_put(whole, PROTO_MSG_ERROR, "no such pane", 12);
	first = evbuffer_get_length(whole);
	proto_put(whole, PROTO_MSG_DETACH, NULL, 0);
	len = evbuffer_get_length(whole);
	bytes = evbuffer_pullup(whole, -1);

	for (i = 0; i < first - 1; i++) {
		evbuffer_add(b, bytes + i, 1);
		r = proto_get(b, &msg, &cause);
		ck_assert_msg(r == 0, "after %zu of %zu bytes: got %d", i + 1,
		    first, r);
		ck_assert_msg(evbuffer_get_length(b) == i + 1, "after %zu "
		    "bytes: %zu left in the buffer", i + 1,
		    evbuffer_get_length(b));
	}
	evbuffer_add(b, bytes + first - 1, 1);
	proto_test_get(b, &msg, PROTO_MSG_ERROR, 12);
	ck_assert_str_eq(msg.data, "no such pane");
	ck_assert_uint_eq(evbuffer_get_length(b), 0);
	proto_msg_free(&msg);

	/* The second message (an empty one) the same way. */
	for (i = first; i < len - 1; i++) {
		evbuffer_add(b, bytes + i, 1);
		r = proto_get(b, &msg, &cause);
		ck_assert_msg(r == 0, "second message, byte %zu: got %d",
		    i - first + 1, r);
	}
	evbuffer_add(b, bytes + len - 1, 1);
	proto_test_get(b, &msg, PROTO_MSG_DETACH, 0);
	proto_msg_free(&msg);
	ck_assert_uint_eq(evbuffer_get_length(b), 0);

	evbuffer_free(b);
	evbuffer_free(whole);
}
END_TEST

/* A payload over PROTO_MAX is refused from its header alone. */
START_TEST(test_proto_oversize)
{
	static const uint32_t	 lens[] = { PROTO_MAX + 1, 0x7fffffff,
				     0xffffffff };
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	u_char			 hdr[PROTO_HEADER_SIZE];
	char			*cause, want[32];
	int			 i, r;

	for (i = 0; i < NITEMS(lens); i++) {
		proto_test_header(hdr, PROTO_VERSION, PROTO_MSG_COMMAND,
		    lens[i]);
		evbuffer_add(b, hdr, sizeof hdr);
		cause = NULL;
		r = proto_get(b, &msg, &cause);
		ck_assert_msg(r == -1, "length %u: got %d, want -1", lens[i],
		    r);
		snprintf(want, sizeof want, "%u bytes", lens[i]);
		ck_assert_msg(cause != NULL && strstr(cause, "oversize") !=
		    NULL && strstr(cause, want) != NULL, "length %u: cause "
		    "'%s'", lens[i], cause != NULL ? cause : "(null)");
		ck_assert_ptr_null(msg.data);
		free(cause);
		evbuffer_drain(b, evbuffer_get_length(b));
	}
	evbuffer_free(b);
}
END_TEST

/* Exactly PROTO_MAX bytes is allowed, and waits until it is all there. */
START_TEST(test_proto_max)
{
	struct evbuffer		*b = evbuffer_new(), *part = evbuffer_new();
	struct proto_msg	 msg;
	char			*big = malloc(PROTO_MAX), *cause = NULL;
	int			 r;

	ck_assert_ptr_nonnull(big);
	memset(big, 'm', PROTO_MAX);
	proto_put(b, PROTO_MSG_OUTPUT, big, PROTO_MAX);
	evbuffer_remove_buffer(b, part, PROTO_HEADER_SIZE + PROTO_MAX - 1);
	r = proto_get(part, &msg, &cause);
	ck_assert_msg(r == 0, "one byte short of PROTO_MAX: got %d (%s)", r,
	    cause != NULL ? cause : "no cause");
	evbuffer_add_buffer(part, b);
	proto_test_get(part, &msg, PROTO_MSG_OUTPUT, PROTO_MAX);
	ck_assert(memcmp(msg.data, big, PROTO_MAX) == 0);
	proto_msg_free(&msg);
	free(big);
	evbuffer_free(part);
	evbuffer_free(b);
}
END_TEST

/* A header of another version comes back at once, whatever its length. */
START_TEST(test_proto_other_version)
{
	static const uint32_t	 versions[] = { 0, 2, 99, 0xffffffff };
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	u_char			 hdr[PROTO_HEADER_SIZE];
	char			*cause = NULL;
	int			 i, r;

	for (i = 0; i < NITEMS(versions); i++) {
		proto_test_header(hdr, versions[i], PROTO_MSG_VERSION,
		    0xfffffff0);
		evbuffer_add(b, hdr, sizeof hdr);
		evbuffer_add(b, "\x07\0\0\0", 4);
		r = proto_get(b, &msg, &cause);
		ck_assert_msg(r == 1 && msg.version == versions[i] &&
		    msg.type == PROTO_MSG_VERSION && msg.len == 0 &&
		    msg.data != NULL && msg.data[0] == '\0', "version %u: got "
		    "%d, version %u type %u len %zu", versions[i], r,
		    msg.version, msg.type, msg.len);
		/* The header is taken; what follows is left alone. */
		ck_assert_msg(evbuffer_get_length(b) == 4, "version %u: %zu "
		    "bytes left, want 4", versions[i], evbuffer_get_length(b));
		proto_msg_free(&msg);
		evbuffer_drain(b, evbuffer_get_length(b));
	}
	evbuffer_free(b);
}
END_TEST

/* Put a list of strings and take it back with a limit of max. */
static int
proto_test_strings(char *const *in, int n, int max, char ***out, int *nout,
    struct proto_msg *msg)
{
	struct evbuffer	*b = evbuffer_new();
	size_t		 len = 0;
	int		 i;

	for (i = 0; i < n; i++)
		len += strlen(in[i]) + 1;
	proto_put_strings(b, PROTO_MSG_COMMAND, in, n);
	proto_test_get(b, msg, PROTO_MSG_COMMAND, len);
	evbuffer_free(b);
	return (proto_strings(msg, out, nout, max));
}

START_TEST(test_proto_strings)
{
	char			*in[] = { "new", "", "-s", "a b", "", "\xc3\xa9" };
	char			*empties[] = { "", "", "" };
	char			**out;
	struct proto_msg	 msg;
	int			 n, i, r;

	r = proto_test_strings(in, NITEMS(in), 16, &out, &n, &msg);
	ck_assert_msg(r == 0 && n == NITEMS(in), "got %d with %d strings, "
	    "want %d", r, n, NITEMS(in));
	for (i = 0; i < n; i++) {
		ck_assert_msg(strcmp(out[i], in[i]) == 0, "string %d: got "
		    "'%s', want '%s'", i, out[i], in[i]);
	}
	ck_assert_ptr_null(out[n]);
	free(out);
	proto_msg_free(&msg);

	/* Only empty strings: each is a lone NUL. */
	r = proto_test_strings(empties, 3, 3, &out, &n, &msg);
	ck_assert_msg(r == 0 && n == 3 && msg.len == 3, "three empty strings: "
	    "got %d, n %d, len %zu", r, n, msg.len);
	for (i = 0; i < n; i++)
		ck_assert_msg(out[i][0] == '\0', "string %d: '%s'", i, out[i]);
	ck_assert_ptr_null(out[3]);
	free(out);
	proto_msg_free(&msg);

	/* No strings at all: an empty payload and an empty list. */
	r = proto_test_strings(in, 0, 0, &out, &n, &msg);
	ck_assert_msg(r == 0 && n == 0 && out != NULL && out[0] == NULL,
	    "no strings: got %d, n %d", r, n);
	free(out);
	proto_msg_free(&msg);
}
END_TEST

/* Exactly max strings are allowed; one more is refused. */
START_TEST(test_proto_strings_max)
{
	char			*in[] = { "a", "", "c", "d" }, **out;
	struct proto_msg	 msg;
	int			 n, r;

	r = proto_test_strings(in, 4, 4, &out, &n, &msg);
	ck_assert_msg(r == 0 && n == 4, "4 strings, max 4: got %d, n %d", r,
	    n);
	free(out);

	r = proto_strings(&msg, &out, &n, 3);
	ck_assert_msg(r == -1 && out == NULL && n == 0, "4 strings, max 3: "
	    "got %d, n %d", r, n);
	r = proto_strings(&msg, &out, &n, 0);
	ck_assert_msg(r == -1 && out == NULL, "4 strings, max 0: got %d", r);
	proto_msg_free(&msg);
}
END_TEST

/* A payload whose last byte is not a NUL is not a list of strings. */
START_TEST(test_proto_strings_unterminated)
{
	static const struct {
		const char	*data;
		size_t		 len;
	} bad[] = {
		{ "abc", 3 },
		{ "ab\0cd", 5 },
		{ "\0\0x", 3 },
	};
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			**out;
	int			 i, n, r;

	for (i = 0; i < NITEMS(bad); i++) {
		proto_put(b, PROTO_MSG_ENVIRON, bad[i].data, bad[i].len);
		proto_test_get(b, &msg, PROTO_MSG_ENVIRON, bad[i].len);
		r = proto_strings(&msg, &out, &n, 16);
		ck_assert_msg(r == -1 && out == NULL && n == 0, "payload %d "
		    "(%zu bytes): got %d, n %d", i, bad[i].len, r, n);
		proto_msg_free(&msg);
	}
	evbuffer_free(b);
}
END_TEST

/* A list too big for one message loses its last strings, never the cap. */
START_TEST(test_proto_strings_cap)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*half = malloc(PROTO_MAX / 2);
	char			*over = malloc(PROTO_MAX + 1);
	char			*list[3], **out;
	int			 n, r;

	ck_assert(half != NULL && over != NULL);
	memset(half, 'x', PROTO_MAX / 2 - 1);
	half[PROTO_MAX / 2 - 1] = '\0';
	memset(over, 'y', PROTO_MAX);
	over[PROTO_MAX] = '\0';

	/* Two halves fill PROTO_MAX exactly, with their NULs; "tail" is lost. */
	list[0] = half;
	list[1] = half;
	list[2] = "tail";
	proto_put_strings(b, PROTO_MSG_ENVIRON, list, 3);
	proto_test_get(b, &msg, PROTO_MSG_ENVIRON, PROTO_MAX);
	r = proto_strings(&msg, &out, &n, 16);
	ck_assert_msg(r == 0 && n == 2 && strcmp(out[0], half) == 0 &&
	    strcmp(out[1], half) == 0, "two halves and a tail: got %d, n %d",
	    r, n);
	free(out);
	proto_msg_free(&msg);

	/* One string that can never fit: nothing from it on is sent. */
	list[0] = "first";
	list[1] = over;
	list[2] = "after";
	proto_put_strings(b, PROTO_MSG_ENVIRON, list, 3);
	proto_test_get(b, &msg, PROTO_MSG_ENVIRON, 6);
	r = proto_strings(&msg, &out, &n, 16);
	ck_assert_msg(r == 0 && n == 1 && strcmp(out[0], "first") == 0,
	    "first, oversize, after: got %d, n %d", r, n);
	free(out);
	proto_msg_free(&msg);
	ck_assert_uint_eq(evbuffer_get_length(b), 0);

	free(over);
	free(half);
	evbuffer_free(b);
}
END_TEST

/* Exit messages: a little-endian status, then the reason without a NUL. */
START_TEST(test_proto_exit)
{
	static const struct {
		int		 status;
		uint32_t	 want;
		const char	*reason;
	} in[] = {
		{ 0, 0, NULL },
		{ 3, 3, "detached (from session main)" },
		{ 255, 255, "" },
		{ -1, 0xffffffff, "killed" },
		{ 0x12345678, 0x12345678, "x" },
	};
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	uint32_t		 v;
	size_t			 len;
	int			 i, r;

	for (i = 0; i < NITEMS(in); i++) {
		len = in[i].reason != NULL ? strlen(in[i].reason) : 0;
		proto_put_exit(b, in[i].status, in[i].reason);
		proto_test_get(b, &msg, PROTO_MSG_EXIT, 4 + len);
		v = 0xdeadbeef;
		r = proto_number(&msg, &v);
		ck_assert_msg(r == 0 && v == in[i].want, "exit %d: got %d, "
		    "value %u, want %u", in[i].status, r, v, in[i].want);
		ck_assert_msg(len == 0 || strcmp(msg.data + 4, in[i].reason) ==
		    0, "exit %d: reason '%s', want '%s'", in[i].status,
		    msg.data + 4, in[i].reason);
		proto_msg_free(&msg);
	}
	evbuffer_free(b);
}
END_TEST

/* A reason too long for one message is cut to fit. */
START_TEST(test_proto_exit_long)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*reason = malloc(PROTO_MAX + 10);
	uint32_t		 v;

	ck_assert_ptr_nonnull(reason);
	memset(reason, 'r', PROTO_MAX + 9);
	reason[PROTO_MAX + 9] = '\0';
	proto_put_exit(b, 7, reason);
	proto_test_get(b, &msg, PROTO_MSG_EXIT, PROTO_MAX);
	ck_assert_int_eq(proto_number(&msg, &v), 0);
	ck_assert_uint_eq(v, 7);
	ck_assert(memcmp(msg.data + 4, reason, PROTO_MAX - 4) == 0);
	proto_msg_free(&msg);
	free(reason);
	evbuffer_free(b);
}
END_TEST

/* Number payloads: 4 little-endian bytes; shorter is not a number. */
START_TEST(test_proto_number)
{
	static const struct {
		const char	*data;
		size_t		 len;
		int		 r;
		uint32_t	 want;
	} in[] = {
		{ "\x01\0\0\0", 4, 0, 1 },
		{ "\x78\x56\x34\x12", 4, 0, 0x12345678 },
		{ "\xff\xff\xff\xff", 4, 0, 0xffffffff },
		{ "\x02\0\0\0 and more", 13, 0, 2 },
		{ "", 0, -1, 0 },
		{ "\x01", 1, -1, 0 },
		{ "\x01\0\0", 3, -1, 0 },
	};
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	uint32_t		 v;
	int			 i, r;

	for (i = 0; i < NITEMS(in); i++) {
		proto_put(b, PROTO_MSG_VERSION, in[i].data, in[i].len);
		proto_test_get(b, &msg, PROTO_MSG_VERSION, in[i].len);
		v = 0;
		r = proto_number(&msg, &v);
		ck_assert_msg(r == in[i].r && (r != 0 || v == in[i].want),
		    "payload %d (%zu bytes): got %d value %u, want %d value "
		    "%u", i, in[i].len, r, v, in[i].r, in[i].want);
		proto_msg_free(&msg);
	}
	evbuffer_free(b);
}
END_TEST

/* Length of a well-formed UTF-8 character at s (RFC 3629), or 0. */
static size_t
json_test_utf8(const u_char *s)
{
	uint32_t	c;
	size_t		n, i;

	if (s[0] < 0x80)
		return (1);
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return (0);
	return (n);
}

/* Is s one JSON string (RFC 8259), quotes and all, in valid UTF-8? */
static const char *
json_test_invalid(const char *s)
{
	const u_char	*p = (const u_char *)s;
	size_t		 n;
	int		 i;

	if (*p++ != '"')
		return ("no opening quote");
	while (*p != '"') {
		if (*p == '\0')
			return ("no closing quote");
		if (*p < 0x20)
			return ("raw control character");
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (i = 1; i <= 4; i++) {
					if (strchr("0123456789abcdefABCDEF",
					    p[i]) == NULL || p[i] == '\0')
						return ("bad \\u escape");
				}
				p += 5;
			} else if (*p != '\0' && strchr("\"\\/bfnrt", *p) !=
			    NULL)
				p++;
			else
				return ("bad escape");
			continue;
		}
		if ((n = json_test_utf8(p)) == 0)
			return ("invalid UTF-8");
		p += n;
	}
	if (p[1] != '\0')
		return ("text after the closing quote");
	return (NULL);
}

/* Strings, and the JSON they must give. */
static const struct {
	const char	*in;
	const char	*out;
} json_cases[] = {
	{ "", "\"\"" },
	{ "plain", "\"plain\"" },
	{ "say \"hi\"", "\"say \\\"hi\\\"\"" },
	{ "C:\\dir\\", "\"C:\\\\dir\\\\\"" },
	{ "\\\"", "\"\\\\\\\"\"" },
	{ "a/b", "\"a/b\"" },
	{ "tab\there", "\"tab\\u0009here\"" },
	{ "\n\r\x01\x1f", "\"\\u000a\\u000d\\u0001\\u001f\"" },
	{ "\x1b[0m", "\"\\u001b[0m\"" },
	{ "del\x7f", "\"del\\u007f\"" },
	{ " ~", "\" ~\"" },

	/* Valid UTF-8 is kept, at the edges of each length too. */
	{ "caf\xc3\xa9", "\"caf\xc3\xa9\"" },
	{ "\xe4\xb8\xad\xf0\x9f\x98\x80", "\"\xe4\xb8\xad\xf0\x9f\x98\x80\"" },
	{ "\xc2\x80\xdf\xbf", "\"\xc2\x80\xdf\xbf\"" },
	{ "\xe0\xa0\x80\xed\x9f\xbf", "\"\xe0\xa0\x80\xed\x9f\xbf\"" },
	{ "\xee\x80\x80\xef\xbf\xbf", "\"\xee\x80\x80\xef\xbf\xbf\"" },
	{ "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf",
	    "\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"" },

	/* Each byte that doesn't start a valid character becomes U+FFFD. */
	{ "bad\xff", "\"bad\xef\xbf\xbd\"" },
	{ "\xfe\xf5", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\x80x", "\"\xef\xbf\xbdx\"" },
	{ "cut\xe4\xb8", "\"cut\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xe4\xb8x", "\"\xef\xbf\xbd\xef\xbf\xbdx\"" },
	{ "\xf0\x9f\x98", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xc3", "\"\xef\xbf\xbd\"" },
	{ "\xc3\"", "\"\xef\xbf\xbd\\\"\"" },
	{ "over\xc0\x80", "\"over\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xc1\xbf", "\"\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xe0\x80\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xf0\x8f\xbf\xbf",
	    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "sur\xed\xa0\x80", "\"sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xed\xbf\xbf", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
	{ "\xf4\x90\x80\x80",
	    "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
};

START_TEST(test_json_string)
{
	const char	*in = json_cases[_i].in, *want = json_cases[_i].out;
	const char	*why;
	char		*got = json_string(in);

	ck_assert_msg(strcmp(got, want) == 0, "json_string case %d: got %s, "
	    "want %s", _i, got, want);
	why = json_test_invalid(got);
	ck_assert_msg(why == NULL, "json_string case %d: %s is not a JSON "
	    "string: %s", _i, got, why);
	free(got);
}
END_TEST

/* Every string of one or two bytes, and some of three, gives valid JSON. */
/* Text made safe for a terminal: controls and bad bytes as \\ooo. */
static const struct {
	const char	*in, *out;
} printable_cases[] = {
	{ "plain text", "plain text" },
	{ "", "" },
	{ "caf\xc3\xa9 \xe4\xb8\xad", "caf\xc3\xa9 \xe4\xb8\xad" },
	{ "a\nb", "a\\012b" },
	{ "\x1b]0;pwned\x07", "\\033]0;pwned\\007" },
	{ "back\\slash", "back\\\\slash" },
	{ "del\x7f", "del\\177" },
	{ "c1 \xc2\x9b" "31m", "c1 \\302\\23331m" },
	{ "nbsp \xc2\xa0", "nbsp \xc2\xa0" },
	{ "bad \xff\xfe", "bad \\377\\376" },
	{ "cut \xe4\xb8", "cut \\344\\270" },
};

START_TEST(test_utf8_printable)
{
	char	*got = utf8_printable(printable_cases[_i].in);

	ck_assert_msg(strcmp(got, printable_cases[_i].out) == 0,
	    "printable '%s': got '%s', want '%s'", printable_cases[_i].in, got,
	    printable_cases[_i].out);
	free(got);
}
END_TEST

START_TEST(test_json_always_valid)
{
	static const u_char	 third[] = { 0x00, 0x22, 0x5c, 0x7f, 0x80,
				     0x9f, 0xa0, 0xbf, 0xc0, 0xe0, 0xf0, 0xff };
	char			 in[4], *got;
	const char		*why;
	u_int			 a, b, c;

	for (a = 1; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			for (c = 0; c < sizeof third; c++) {
				in[0] = a;
				in[1] = b;
				in[2] = third[c];
				in[3] = '\0';
				got = json_string(in);
				why = json_test_invalid(got);
				ck_assert_msg(why == NULL, "json_string "
				    "%02x %02x %02x: %s", a, b, third[c], why);
				free(got);
			}
		}
	}
}
END_TEST

Suite *
suite_proto(void)
{
	Suite	*s = suite_create("proto");
	TCase	*tc;

	/* Messages in and out of a buffer. */
	tc = tcase_create("message");
	tcase_add_test(tc, test_proto_wire);
	tcase_add_test(tc, test_proto_back_to_back);
	tcase_add_test(tc, test_proto_byte_at_a_time);
	tcase_add_test(tc, test_proto_oversize);
	tcase_add_test(tc, test_proto_max);
	tcase_add_test(tc, test_proto_other_version);
	suite_add_tcase(s, tc);

	/* Payloads: strings, exit status, numbers. */
	tc = tcase_create("payload");
	tcase_add_test(tc, test_proto_strings);
	tcase_add_test(tc, test_proto_strings_max);
	tcase_add_test(tc, test_proto_strings_unterminated);
	tcase_add_test(tc, test_proto_strings_cap);
	tcase_add_test(tc, test_proto_exit);
	tcase_add_test(tc, test_proto_exit_long);
	tcase_add_test(tc, test_proto_number);
	suite_add_tcase(s, tc);

	/* json_string. */
	tc = tcase_create("json");
	tcase_add_loop_test(tc, test_json_string, 0, NITEMS(json_cases));
	tcase_add_test(tc, test_json_always_valid);
	tcase_add_loop_test(tc, test_utf8_printable, 0, NITEMS(printable_cases));
	suite_add_tcase(s, tc);

	return (s);
}
