/*
 * libFuzzer harness for the input decoder and key names. The first four
 * bytes choose how the rest is cut into input_parse calls. Besides not
 * crashing: cut or whole, the events must be the same; every key must be in
 * normal form, print to a name that parses back to it, and decode from its
 * own bytes alone; and nothing may be left pending after input_flush.
 *
 * clang -fsanitize=fuzzer,address,undefined -DHAVE_CONFIG_H -I. -Iinclude \
 *     src/input.c src/keys.c src/xmalloc.c src/log.c \
 *     tests/fuzz/fuzz_input.c -o fuzz_input
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/cmd.h"
#include "vigil/input.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
void	cmd_list_free(struct cmd_list *);

/*
 * Stub for keys.c, which frees the commands of its bindings: nothing here
 * binds a key, and the command module would pull in the server. Weak, so
 * a real one wins.
 */
__attribute__((weak)) void
cmd_list_free(struct cmd_list *cmdlist)
{
	(void)cmdlist;
}

/* The events of one run, flattened; paste chunks join up. */
struct fuzz_log {
	struct input	*ip;
	u_char		*buf;
	size_t		 len;
	size_t		 size;
	int		 last_paste;
	int		 check;		/* check each event's invariants */
};

static void	fuzz_cb(const struct input_event *, void *);

static void
fuzz_log_add(struct fuzz_log *fl, const void *p, size_t n)
{
	if (fl->len + n > fl->size) {
		fl->size = (fl->len + n) * 2;
		fl->buf = xrealloc(fl->buf, fl->size);
	}
	memcpy(fl->buf + fl->len, p, n);
	fl->len += n;
}

/* A key name must parse back to the key. */
static void
fuzz_key_name(struct key k)
{
	struct key	back;
	const char	*s = key_to_string(k);

	if (key_from_string(s, &back) != 0)
		fatalx("key %x/%d: name '%s' does not parse", k.code, k.mods,
		    s);
	if (back.code != k.code || back.mods != k.mods)
		fatalx("key %x/%d: '%s' parses to %x/%d", k.code, k.mods, s,
		    back.code, back.mods);
}

/* A key's own bytes, decoded alone, must give exactly that key. */
static void
fuzz_key_bytes(const struct input_event *ev)
{
	struct fuzz_log	sub = { 0 };
	struct key	k;

	sub.ip = input_create(fuzz_cb, &sub);
	input_parse(sub.ip, ev->data, ev->len);
	input_flush(sub.ip);
	if (sub.len != 1 + sizeof k)
		fatalx("key bytes (%zu) give %zu log bytes", ev->len, sub.len);
	memcpy(&k, sub.buf + 1, sizeof k);
	if (k.code != ev->key.code || k.mods != ev->key.mods)
		fatalx("key bytes give %x/%d, not %x/%d", k.code, k.mods,
		    ev->key.code, ev->key.mods);
	input_free(sub.ip);
	free(sub.buf);
}

/* Check one event's invariants. */
static void
fuzz_check(const struct input_event *ev)
{
	struct key	n;

	if (ev->data == NULL || ev->len == 0)
		fatalx("event %d without bytes", ev->type);
	if (ev->type == INPUT_MOUSE) {
		if (ev->mouse.button < 0 || ev->mouse.button > 7 ||
		    ev->mouse.x < 0 || ev->mouse.y < 0)
			fatalx("bad mouse event");
		return;
	}
	if (ev->type != INPUT_KEY)
		return;
	if (ev->len > 258)
		fatalx("key from %zu bytes", ev->len);
	n = key_normalize(ev->key);
	if (n.code != ev->key.code || n.mods != ev->key.mods)
		fatalx("key %x/%d not in normal form", ev->key.code,
		    ev->key.mods);
	fuzz_key_name(ev->key);
	fuzz_key_bytes(ev);
}

static void
fuzz_cb(const struct input_event *ev, void *arg)
{
	struct fuzz_log	*fl = arg;
	u_char		 type = ev->type;

	(void)input_pending(fl->ip);
	if (fl->check)
		fuzz_check(ev);
	if (ev->type == INPUT_PASTE) {
		if (!fl->last_paste)
			fuzz_log_add(fl, &type, 1);
		fuzz_log_add(fl, ev->data, ev->len);
		fl->last_paste = 1;
		return;
	}
	fl->last_paste = 0;
	fuzz_log_add(fl, &type, 1);
	if (ev->type == INPUT_KEY)
		fuzz_log_add(fl, &ev->key, sizeof ev->key);
	else if (ev->type == INPUT_MOUSE)
		fuzz_log_add(fl, &ev->mouse, sizeof ev->mouse);
}

/* Decode data in chunks chosen by seed, flushing between if asked. */
static void
fuzz_run(struct fuzz_log *fl, const char *data, size_t len, uint32_t seed,
    int flushes)
{
	size_t	at = 0, n;

	fl->ip = input_create(fuzz_cb, fl);
	while (at < len) {
		if (seed == 0)
			n = len - at;
		else {
			seed = seed * 1103515245 + 12345;
			n = (seed >> 16) % 17;
			if ((seed >> 8) % 8 == 0)
				n = (seed >> 12) % 600;
			if (n > len - at)
				n = len - at;
		}
		input_parse(fl->ip, data + at, n);
		at += n;
		if (flushes && ((seed >> 24) % 5) == 0)
			input_flush(fl->ip);
	}
	input_flush(fl->ip);
	if (input_pending(fl->ip))
		fatalx("pending after flush");
	input_free(fl->ip);
}

/* Parse prefixes of the input as key names; what parses must print back. */
static void
fuzz_names(const char *data, size_t len)
{
	struct key	k;
	char		*s;
	size_t		n;

	for (n = 0; n <= len && n <= 24; n++) {
		s = xstrndup(data, n);
		if (key_from_string(s, &k) == 0)
			fuzz_key_name(k);
		free(s);
	}
	s = xstrndup(data, len);
	if (key_from_string(s, &k) == 0)
		fuzz_key_name(k);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *raw, size_t size)
{
	struct fuzz_log	 whole = { 0 }, cut = { 0 }, flushed = { 0 };
	const char	*data = (const char *)raw;
	uint32_t	 seed = 0x9e3779b9;

	if (size >= 4) {
		memcpy(&seed, raw, 4);
		seed |= 1;
		data += 4;
		size -= 4;
	}
	whole.check = 1;
	fuzz_run(&whole, data, size, 0, 0);
	fuzz_run(&cut, data, size, seed, 0);
	if (whole.len != cut.len || (whole.len != 0 &&
	    memcmp(whole.buf, cut.buf, whole.len) != 0))
		fatalx("events differ when the input is cut");
	flushed.check = 1;
	fuzz_run(&flushed, data, size, seed, 1);
	free(whole.buf);
	free(cut.buf);
	free(flushed.buf);
	fuzz_names(data, size);
	return (0);
}
