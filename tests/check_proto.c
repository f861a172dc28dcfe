/* Tests for the wire format (proto.c) and JSON strings (json.c). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <event2/buffer.h>

#include "check_vigil.h"
#include "vigil/json.h"
#include "vigil/proto.h"

START_TEST(test_round_trip)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*cause;
	int			 r;

	proto_put(b, PROTO_MSG_OUTPUT, "hello", 5);
	proto_put(b, PROTO_MSG_RESIZE, NULL, 0);
	ck_assert_uint_eq(evbuffer_get_length(b), 2 * PROTO_HEADER_SIZE + 5);

	r = proto_get(b, &msg, &cause);
	ck_assert_msg(r == 1 && msg.version == PROTO_VERSION &&
	    msg.type == PROTO_MSG_OUTPUT && msg.len == 5 &&
	    strcmp(msg.data, "hello") == 0, "first: r %d type %u len %zu '%s'",
	    r, msg.type, msg.len, msg.data);
	proto_msg_free(&msg);
	r = proto_get(b, &msg, &cause);
	ck_assert_msg(r == 1 && msg.type == PROTO_MSG_RESIZE && msg.len == 0 &&
	    msg.data[0] == '\0', "second: r %d type %u", r, msg.type);
	proto_msg_free(&msg);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 0);
	evbuffer_free(b);
}
END_TEST

/* A message arriving a byte at a time is taken only when whole. */
START_TEST(test_byte_at_a_time)
{
	struct evbuffer		*whole = evbuffer_new(), *b = evbuffer_new();
	struct proto_msg	 msg;
	char			*cause;
	u_char			*bytes;
	size_t			 len, i;

	proto_put(whole, PROTO_MSG_ERROR, "no such pane", 12);
	len = evbuffer_get_length(whole);
	bytes = evbuffer_pullup(whole, -1);
	for (i = 0; i < len - 1; i++) {
		evbuffer_add(b, bytes + i, 1);
		ck_assert_msg(proto_get(b, &msg, &cause) == 0, "whole after "
		    "%zu of %zu bytes", i + 1, len);
		ck_assert_uint_eq(evbuffer_get_length(b), i + 1);
	}
	evbuffer_add(b, bytes + len - 1, 1);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_str_eq(msg.data, "no such pane");
	ck_assert_uint_eq(evbuffer_get_length(b), 0);
	proto_msg_free(&msg);
	evbuffer_free(b);
	evbuffer_free(whole);
}
END_TEST

static void
put32(u_char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

START_TEST(test_bad_headers)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	u_char			 hdr[PROTO_HEADER_SIZE];
	char			*cause = NULL;

	/* Oversize: refused from the header alone. */
	put32(hdr, PROTO_VERSION);
	put32(hdr + 4, PROTO_MSG_COMMAND);
	put32(hdr + 8, PROTO_MAX + 1);
	evbuffer_add(b, hdr, sizeof hdr);
	ck_assert_int_eq(proto_get(b, &msg, &cause), -1);
	ck_assert_msg(cause != NULL && strstr(cause, "oversize") != NULL,
	    "cause '%s'", cause);
	free(cause);
	evbuffer_drain(b, evbuffer_get_length(b));

	/* Exactly PROTO_MAX is fine once it is all there. */
	put32(hdr + 8, PROTO_MAX);
	evbuffer_add(b, hdr, sizeof hdr);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 0);
	evbuffer_drain(b, evbuffer_get_length(b));

	/* Another version comes back at once, payload left unread. */
	put32(hdr, 99);
	put32(hdr + 8, 0x7fffffff);
	evbuffer_add(b, hdr, sizeof hdr);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_msg(msg.version == 99 && msg.len == 0, "version %u len %zu",
	    msg.version, msg.len);
	proto_msg_free(&msg);
	evbuffer_free(b);
}
END_TEST

START_TEST(test_strings)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*in[] = { "new", "", "-s", "a b", NULL }, **out;
	char			*cause;
	int			 n;

	proto_put_strings(b, PROTO_MSG_COMMAND, in, 4);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_int_eq(proto_strings(&msg, &out, &n, 16), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(out[0], "new");
	ck_assert_str_eq(out[1], "");
	ck_assert_str_eq(out[3], "a b");
	ck_assert_ptr_null(out[4]);
	free(out);
	/* More strings than allowed, or no final NUL: refused. */
	ck_assert_int_eq(proto_strings(&msg, &out, &n, 3), -1);
	msg.len--;
	ck_assert_int_eq(proto_strings(&msg, &out, &n, 16), -1);
	proto_msg_free(&msg);
	evbuffer_free(b);
}
END_TEST

/* A list too big for one message loses its last strings, never the cap. */
START_TEST(test_strings_cap)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	char			*big = malloc(PROTO_MAX / 2), *list[3], **out;
	char			*cause;
	int			 n;

	memset(big, 'x', PROTO_MAX / 2 - 1);
	big[PROTO_MAX / 2 - 1] = '\0';
	list[0] = big;
	list[1] = big;
	list[2] = "tail";
	proto_put_strings(b, PROTO_MSG_ENVIRON, list, 3);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_msg(msg.len <= PROTO_MAX, "len %zu", msg.len);
	ck_assert_int_eq(proto_strings(&msg, &out, &n, 16), 0);
	ck_assert_msg(n == 2 && strcmp(out[1], big) == 0, "n %d", n);
	free(out);
	proto_msg_free(&msg);
	free(big);
	evbuffer_free(b);
}
END_TEST

START_TEST(test_exit_number)
{
	struct evbuffer		*b = evbuffer_new();
	struct proto_msg	 msg;
	uint32_t		 v;
	char			*cause;

	proto_put_exit(b, 3, "detached (from session main)");
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_int_eq(msg.type, PROTO_MSG_EXIT);
	ck_assert_int_eq(proto_number(&msg, &v), 0);
	ck_assert_uint_eq(v, 3);
	ck_assert_str_eq(msg.data + 4, "detached (from session main)");
	proto_msg_free(&msg);
	proto_put(b, PROTO_MSG_VERSION, "ab", 2);
	ck_assert_int_eq(proto_get(b, &msg, &cause), 1);
	ck_assert_int_eq(proto_number(&msg, &v), -1);
	proto_msg_free(&msg);
	evbuffer_free(b);
}
END_TEST

START_TEST(test_json_string)
{
	static const struct {
		const char	*in;
		const char	*out;
	} cases[] = {
		{ "plain", "\"plain\"" },
		{ "say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"" },
		{ "tab\there\nnl\x1b[0m\x7f", "\"tab\\u0009here\\u000anl"
		    "\\u001b[0m\\u007f\"" },
		{ "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80",
		    "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"" },
		{ "bad\xff", "\"bad\xef\xbf\xbd\"" },
		{ "cut\xe4\xb8", "\"cut\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "over\xc0\x80", "\"over\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "sur\xed\xa0\x80", "\"sur\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"" },
		{ "", "\"\"" },
	};
	char	*s;
	u_int	 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = json_string(cases[i].in);
		ck_assert_msg(strcmp(s, cases[i].out) == 0,
		    "json_string(%u): got %s, wanted %s", i, s, cases[i].out);
		free(s);
	}
}
END_TEST

Suite *
suite_proto(void)
{
	Suite	*s = suite_create("proto");
	TCase	*tc = tcase_create("proto");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_byte_at_a_time);
	tcase_add_test(tc, test_bad_headers);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_strings_cap);
	tcase_add_test(tc, test_exit_number);
	tcase_add_test(tc, test_json_string);
	suite_add_tcase(s, tc);
	return (s);
}
