/*
 * Input decoding: each row is bytes from the terminal and the events they
 * must give, checked whole, one byte at a time and split at every offset.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/input.h"
#include "vigil/keys.h"

#include "check_vigil.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* What the callback saw, as text: events separated by spaces. */
struct rec {
	struct input	*ip;
	char		 out[16384];
	size_t		 off;
	int		 last_paste;	/* merge paste chunks into one item */
	char		 data[4096];	/* escaped bytes of each key event */
	size_t		 doff;
	int		 recheck;	/* re-decode each key's own bytes */
};

/* Escape bytes for messages: printable ASCII as is, the rest as \xNN. */
static void
esc_into(char *dst, size_t size, const char *src, size_t len)
{
	size_t	i, off = 0;
	u_char	c;

	dst[0] = '\0';
	for (i = 0; i < len && off + 5 < size; i++) {
		c = src[i];
		if (c > 0x20 && c < 0x7f && c != '\\')
			dst[off++] = c;
		else
			off += snprintf(dst + off, size - off, "\\x%02x", c);
	}
	dst[off] = '\0';
}

/* Escape bytes into one of a few rotating static buffers. */
static const char *
esc(const char *src, size_t len)
{
	static char	buf[4][8192];
	static int	n;

	n = (n + 1) % 4;
	esc_into(buf[n], sizeof buf[n], src, len);
	return (buf[n]);
}

/* Append one item to the record. */
static void __attribute__((format(printf, 2, 3)))
rec_add(struct rec *r, const char *fmt, ...)
{
	va_list	ap;

	if (r->off != 0 && r->off < sizeof r->out - 1)
		r->out[r->off++] = ' ';
	va_start(ap, fmt);
	r->off += vsnprintf(r->out + r->off, sizeof r->out - r->off, fmt, ap);
	va_end(ap);
	if (r->off >= sizeof r->out)
		r->off = sizeof r->out - 1;
}

static const char *
mouse_action(enum input_mouse_action a)
{
	switch (a) {
	case INPUT_MOUSE_PRESS:
		return ("press");
	case INPUT_MOUSE_RELEASE:
		return ("release");
	case INPUT_MOUSE_DRAG:
		return ("drag");
	case INPUT_MOUSE_MOVE:
		return ("move");
	}
	return ("?");
}

static void	rec_cb(const struct input_event *, void *);

/* Decode a key's own bytes afresh: they must give that key and no other. */
static void
rec_recheck(const struct input_event *ev)
{
	struct rec	*sub;
	char		 want[64];

	sub = calloc(1, sizeof *sub);
	ck_assert(sub != NULL);
	sub->ip = input_create(rec_cb, sub);
	input_parse(sub->ip, ev->data, ev->len);
	input_flush(sub->ip);
	snprintf(want, sizeof want, "%s", key_to_string(ev->key));
	ck_assert_msg(strcmp(sub->out, want) == 0,
	    "key bytes '%s' alone: got '%s', want '%s'",
	    esc(ev->data, ev->len), sub->out, want);
	input_free(sub->ip);
	free(sub);
}

/* Record a key or mouse event. */
static void
rec_key_mouse(struct rec *r, const struct input_event *ev)
{
	const struct input_mouse	*m = &ev->mouse;
	char				 mods[8];

	if (ev->type == INPUT_KEY) {
		rec_add(r, "%s", key_to_string(ev->key));
		r->doff += snprintf(r->data + r->doff, sizeof r->data - r->doff,
		    "%s%s", r->doff == 0 ? "" : " ", esc(ev->data, ev->len));
		if (r->doff >= sizeof r->data)
			r->doff = sizeof r->data - 1;
		if (r->recheck)
			rec_recheck(ev);
		return;
	}
	snprintf(mods, sizeof mods, "%s%s%s",
	    (m->mods & KEYC_CTRL) ? "C" : "", (m->mods & KEYC_ALT) ? "M" : "",
	    (m->mods & KEYC_SHIFT) ? "S" : "");
	rec_add(r, "mouse(%s,%d,%d,%d,%s)", mouse_action(m->action),
	    m->button, m->x, m->y, mods[0] == '\0' ? "-" : mods);
}

/* The callback: describe each event; paste chunks join into one item. */
static void
rec_cb(const struct input_event *ev, void *arg)
{
	struct rec	*r = arg;

	/* Allowed from inside the callback. */
	(void)input_pending(r->ip);
	if (ev->type == INPUT_PASTE) {
		ck_assert_msg(ev->len > 0, "empty paste chunk");
		if (!r->last_paste)
			rec_add(r, "paste:");
		r->off += snprintf(r->out + r->off, sizeof r->out - r->off,
		    "%s", esc(ev->data, ev->len));
		if (r->off >= sizeof r->out)
			r->off = sizeof r->out - 1;
		r->last_paste = 1;
		return;
	}
	r->last_paste = 0;
	switch (ev->type) {
	case INPUT_PASTE_START:
		rec_add(r, "paste-start");
		break;
	case INPUT_PASTE_END:
		rec_add(r, "paste-end");
		break;
	case INPUT_FOCUS_IN:
		rec_add(r, "focus-in");
		break;
	case INPUT_FOCUS_OUT:
		rec_add(r, "focus-out");
		break;
	default:
		rec_key_mouse(r, ev);
		break;
	}
}

static struct rec *
rec_create(void)
{
	struct rec	*r;

	r = calloc(1, sizeof *r);
	ck_assert(r != NULL);
	r->ip = input_create(rec_cb, r);
	return (r);
}

static void
rec_free(struct rec *r)
{
	input_free(r->ip);
	free(r);
}

/*
 * Decode bytes cut into chunks at the given offsets, then flush; returns
 * what came out in a static buffer.
 */
static const char *
decode_cuts(const char *in, size_t len, const size_t *cuts, size_t ncuts,
    int recheck)
{
	static char	 out[16384];
	struct rec	*r = rec_create();
	size_t		 i, at = 0, next;

	r->recheck = recheck;
	for (i = 0; i <= ncuts; i++) {
		next = i < ncuts ? cuts[i] : len;
		input_parse(r->ip, in + at, next - at);
		at = next;
	}
	input_flush(r->ip);
	ck_assert_msg(!input_pending(r->ip), "decode '%s': still pending after "
	    "flush", esc(in, len));
	snprintf(out, sizeof out, "%s", r->out);
	rec_free(r);
	return (out);
}

static const char *
decode(const char *in, size_t len)
{
	return (decode_cuts(in, len, NULL, 0, 1));
}

/* Decode one byte per input_parse call. */
static const char *
decode_bytes(const char *in, size_t len)
{
	static char	 out[16384];
	struct rec	*r = rec_create();
	size_t		 i;

	for (i = 0; i < len; i++)
		input_parse(r->ip, in + i, 1);
	input_flush(r->ip);
	snprintf(out, sizeof out, "%s", r->out);
	rec_free(r);
	return (out);
}

/* Check bytes give want whole, byte by byte and split at every offset. */
static void
check_decode(const char *in, size_t len, const char *want)
{
	const char	*got;
	size_t		 k;

	got = decode(in, len);
	ck_assert_msg(strcmp(got, want) == 0,
	    "decode '%s': got '%s', want '%s'", esc(in, len), got, want);
	got = decode_bytes(in, len);
	ck_assert_msg(strcmp(got, want) == 0,
	    "decode '%s' a byte at a time: got '%s', want '%s'",
	    esc(in, len), got, want);
	for (k = 1; k < len; k++) {
		got = decode_cuts(in, len, &k, 1, 0);
		ck_assert_msg(strcmp(got, want) == 0,
		    "decode '%s' split at %zu: got '%s', want '%s'",
		    esc(in, len), k, got, want);
	}
}

struct decode_row {
	const char	*in;
	size_t		 len;
	const char	*want;
};
#define ROW(in, want)	{ in, sizeof in - 1, want }

#define ROWS_TEST(name, rows)						\
START_TEST(name)							\
{									\
	check_decode(rows[_i].in, rows[_i].len, rows[_i].want);		\
}									\
END_TEST

/* Control bytes, each followed by x to show the next byte is intact. */
static const struct decode_row c0_rows[] = {
	ROW("\x00x", "C-Space x"),
	ROW("\x01x", "C-a x"),
	ROW("\x03x", "C-c x"),
	ROW("\x08x", "C-h x"),
	ROW("\x09x", "Tab x"),
	ROW("\x0ax", "C-j x"),
	ROW("\x0dx", "Enter x"),
	ROW("\x1ax", "C-z x"),
	ROW("\x1bx", "M-x"),
	ROW("\x1b", "Escape"),
	ROW("\x1cx", "C-\\ x"),
	ROW("\x1dx", "C-] x"),
	ROW("\x1ex", "C-^ x"),
	ROW("\x1fx", "C-_ x"),
	ROW("\x7fx", "BSpace x"),
	ROW(" x", "Space x"),
	ROW("~", "~"),
};
ROWS_TEST(test_c0_rows, c0_rows)

/* Every control byte maps to its normal form, as a key and its name. */
START_TEST(test_c0_all)
{
	struct rec	*r;
	struct key	 want;
	char		 in[2], name[32];
	int		 c;

	for (c = 0; c < 0x20; c++) {
		if (c == 0x1b)
			continue;
		if (c == 0x00)
			want = (struct key){ ' ', KEYC_CTRL };
		else if (c == 0x09)
			want = (struct key){ KEYC_TAB, 0 };
		else if (c == 0x0d)
			want = (struct key){ KEYC_ENTER, 0 };
		else if (c <= 0x1a)
			want = (struct key){ 'a' + c - 1, KEYC_CTRL };
		else
			want = (struct key){ "\\]^_"[c - 0x1c], KEYC_CTRL };
		in[0] = c;
		r = rec_create();
		input_parse(r->ip, in, 1);
		snprintf(name, sizeof name, "%s", key_to_string(want));
		ck_assert_msg(strcmp(r->out, name) == 0,
		    "decode '\\x%02x': got '%s', want '%s'", c, r->out, name);
		rec_free(r);
	}
}
END_TEST

/* Printable ASCII decodes to itself. */
START_TEST(test_printable)
{
	char	in[1], want[8];
	int	c;

	for (c = 0x21; c < 0x7f; c++) {
		in[0] = c;
		snprintf(want, sizeof want, "%c", c);
		check_decode(in, 1, want);
	}
}
END_TEST

static const struct decode_row utf8_rows[] = {
	ROW("\xc3\xa9", "\xc3\xa9"),
	ROW("\xe2\x82\xac", "\xe2\x82\xac"),
	ROW("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"),
	ROW("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"),
	ROW("\xc2\x85", "\xc2\x85"),
	ROW("a\xc3\xa9z", "a \xc3\xa9 z"),
	/* Invalid: one U+FFFD per broken piece, the next byte intact. */
	ROW("\x80x", "\xef\xbf\xbd x"),
	ROW("\xbfx", "\xef\xbf\xbd x"),
	ROW("\xffx", "\xef\xbf\xbd x"),
	ROW("\xfex", "\xef\xbf\xbd x"),
	ROW("\xc3x", "\xef\xbf\xbd x"),
	ROW("\xe2\x82x", "\xef\xbf\xbd x"),
	ROW("\xf0\x9f\x98x", "\xef\xbf\xbd x"),
	ROW("\xc3\xc3\xa9", "\xef\xbf\xbd \xc3\xa9"),
	ROW("\xe2\x82\xe2\x82\xac", "\xef\xbf\xbd \xe2\x82\xac"),
	ROW("\xc0\xaf", "\xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xc1\xbf", "\xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xe0\x80\xaf", "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xf0\x80\x80\xaf",
	    "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xed\xa0\x80", "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xf4\x90\x80\x80",
	    "\xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd"),
	ROW("\xc3\x1b[A", "\xef\xbf\xbd Up"),
	/* Cut off at the end: U+FFFD once the escape-time flush comes. */
	ROW("\xe2\x82", "\xef\xbf\xbd"),
	ROW("\xf0\x9f\x98", "\xef\xbf\xbd"),
};
ROWS_TEST(test_utf8_rows, utf8_rows)

static const struct decode_row alt_rows[] = {
	ROW("\033a", "M-a"),
	ROW("\033A", "M-A"),
	ROW("\033\001", "C-M-a"),
	ROW("\033\000", "C-M-Space"),
	ROW("\033\t", "M-Tab"),
	ROW("\033\r", "M-Enter"),
	ROW("\033\x7f", "M-BSpace"),
	ROW("\033 ", "M-Space"),
	ROW("\033\033", "M-Escape"),
	ROW("\033\033\033", "M-Escape Escape"),
	ROW("\033\033x", "M-Escape x"),
	ROW("\033\xc3\xa9", "M-\xc3\xa9"),
	ROW("\033\033[A", "M-Up"),
	ROW("\033\033OA", "M-Up"),
	ROW("\033\033[1;5A", "C-M-Up"),
	ROW("\033\033[1;3A", "M-Up"),
	ROW("\033\033[3~", "M-Delete"),
	ROW("\033\033[97;5u", "C-M-a"),
	ROW("\033[", "M-["),
	ROW("\033[\001", "M-[ C-a"),
	ROW("\033O", "M-O"),
	ROW("\033Oa", "M-O a"),
	ROW("\033]", "M-]"),
	ROW("\033]x", "M-] x"),
	ROW("\033P", "M-P"),
	ROW("\033Px", "M-P x"),
	ROW("\033_", "M-_"),
	ROW("\033_x", "M-_ x"),
	ROW("\033^", "M-^"),
	ROW("\033X", "M-X"),
	/* An Alt prefix on something that is not a key is just Escape. */
	ROW("\033\033[I", "Escape focus-in"),
	ROW("\033\033[<0;1;1M", "Escape mouse(press,1,0,0,-)"),
	ROW("\033\033[?1;2c", "Escape"),
	ROW("\033\033[200~x\033[201~", "Escape paste-start paste:x paste-end"),
};
ROWS_TEST(test_alt_rows, alt_rows)

/* Modifier prefix for the xterm parameter m, as key_to_string writes it. */
static const char *
xterm_mods(int m)
{
	static char	buf[8];
	int		b = m - 1;

	snprintf(buf, sizeof buf, "%s%s%s", (b & 4) ? "C-" : "",
	    (b & (2|8)) ? "M-" : "", (b & 1) ? "S-" : "");
	return (buf);
}

/* Cursor keys, Home, End and F1-F4 in CSI and SS3 form, every modifier. */
START_TEST(test_cursor_keys)
{
	static const char	*finals = "ABCDHFPQRS";
	static const char	*names[] = { "Up", "Down", "Right", "Left",
				    "Home", "End", "F1", "F2", "F3", "F4" };
	char			 in[32], want[32];
	int			 i, m;

	for (i = 0; finals[i] != '\0'; i++) {
		snprintf(in, sizeof in, "\033[%c", finals[i]);
		check_decode(in, strlen(in), names[i]);
		snprintf(in, sizeof in, "\033O%c", finals[i]);
		check_decode(in, strlen(in), names[i]);
		for (m = 2; m <= 16; m++) {
			snprintf(in, sizeof in, "\033[1;%d%c", m, finals[i]);
			snprintf(want, sizeof want, "%s%s", xterm_mods(m),
			    names[i]);
			check_decode(in, strlen(in), want);
		}
	}
}
END_TEST

/* CSI n ~ keys, plain and with every modifier. */
START_TEST(test_tilde_keys)
{
	static const struct {
		int		 n;
		const char	*name;
	} keys[] = {
		{ 1, "Home" }, { 2, "Insert" }, { 3, "Delete" }, { 4, "End" },
		{ 5, "PageUp" }, { 6, "PageDown" }, { 7, "Home" }, { 8, "End" },
		{ 11, "F1" }, { 12, "F2" }, { 13, "F3" }, { 14, "F4" },
		{ 15, "F5" }, { 17, "F6" }, { 18, "F7" }, { 19, "F8" },
		{ 20, "F9" }, { 21, "F10" }, { 23, "F11" }, { 24, "F12" },
		{ 25, "F13" }, { 26, "F14" }, { 28, "F15" }, { 29, "F16" },
		{ 31, "F17" }, { 32, "F18" }, { 33, "F19" }, { 34, "F20" }
	};
	char		in[32], want[32];
	size_t		i;
	int		m;

	for (i = 0; i < nitems(keys); i++) {
		snprintf(in, sizeof in, "\033[%d~", keys[i].n);
		check_decode(in, strlen(in), keys[i].name);
		for (m = 1; m <= 16; m++) {
			snprintf(in, sizeof in, "\033[%d;%d~", keys[i].n, m);
			snprintf(want, sizeof want, "%s%s", xterm_mods(m),
			    keys[i].name);
			check_decode(in, strlen(in), want);
		}
	}
}
END_TEST

static const struct decode_row ss3_rows[] = {
	ROW("\033Op", "KP0"), ROW("\033Oq", "KP1"), ROW("\033Or", "KP2"),
	ROW("\033Os", "KP3"), ROW("\033Ot", "KP4"), ROW("\033Ou", "KP5"),
	ROW("\033Ov", "KP6"), ROW("\033Ow", "KP7"), ROW("\033Ox", "KP8"),
	ROW("\033Oy", "KP9"), ROW("\033Oj", "KP*"), ROW("\033Ok", "KP+"),
	ROW("\033Ol", "KP,"), ROW("\033Om", "KP-"), ROW("\033On", "KP."),
	ROW("\033Oo", "KP/"), ROW("\033OM", "KPEnter"), ROW("\033OX", "KP="),
	ROW("\033[Z", "S-Tab"),
	ROW("\033[1;5Z", "C-S-Tab"),
	ROW("\033[[A", "F1"), ROW("\033[[E", "F5"),
	ROW("\033[[Z", "Z"),
};
ROWS_TEST(test_ss3_rows, ss3_rows)

static const struct decode_row csiu_rows[] = {
	ROW("\033[97u", "a"),
	ROW("\033[97;5u", "C-a"),
	ROW("\033[65;5u", "C-a"),
	ROW("\033[97;3u", "M-a"),
	ROW("\033[97;7u", "C-M-a"),
	ROW("\033[97;2u", "a"),
	ROW("\033[97;6u", "C-a"),
	ROW("\033[97;9u", "M-a"),
	ROW("\033[97;5:1u", "C-a"),
	ROW("\033[97;5:2u", "C-a"),
	ROW("\033[97;5:3u", ""),
	ROW("\033[97:65;2u", "a"),
	ROW("\033[9u", "Tab"),
	ROW("\033[9;2u", "S-Tab"),
	ROW("\033[9;5u", "C-Tab"),
	ROW("\033[13u", "Enter"),
	ROW("\033[13;3u", "M-Enter"),
	ROW("\033[13;5u", "C-Enter"),
	ROW("\033[27u", "Escape"),
	ROW("\033[27;3u", "M-Escape"),
	ROW("\033[127u", "BSpace"),
	ROW("\033[127;5u", "C-BSpace"),
	ROW("\033[32;5u", "C-Space"),
	ROW("\033[109;5u", "Enter"),
	ROW("\033[105;5u", "Tab"),
	ROW("\033[91;5u", "Escape"),
	ROW("\033[104;5u", "C-h"),
	ROW("\033[233;3u", "M-\xc3\xa9"),
	ROW("\033[1114111u", "\xf4\x8f\xbf\xbf"),
	ROW("\033[57399u", "KP0"),
	ROW("\033[57408u", "KP9"),
	ROW("\033[57414;5u", "C-KPEnter"),
	ROW("\033[57409u", "KP."),
	ROW("\033[57416u", "KP,"),
	ROW("\033[57417u", "Left"),
	ROW("\033[57426u", "Delete"),
	ROW("\033[57376u", "F13"),
	ROW("\033[57383;2u", "S-F20"),
	ROW("\033[57441u", ""),
	ROW("\033[57358u", ""),
	ROW("\033[55296u", ""),
	ROW("\033[1114112u", ""),
	ROW("\033[99999999999999u", ""),
	ROW("\033[u", ""),
	/* xterm modifyOtherKeys. */
	ROW("\033[27;5;97~", "C-a"),
	ROW("\033[27;3;97~", "M-a"),
	ROW("\033[27;2;65~", "A"),
	ROW("\033[27;2;9~", "S-Tab"),
	ROW("\033[27;5;13~", "C-Enter"),
	ROW("\033[27;5;9~", "C-Tab"),
	ROW("\033[27;5;127~", "C-BSpace"),
	ROW("\033[27;7;49~", "C-M-1"),
	ROW("\033[27;5~", ""),
};
ROWS_TEST(test_csiu_rows, csiu_rows)

static const struct decode_row focus_rows[] = {
	ROW("\033[I", "focus-in"),
	ROW("\033[O", "focus-out"),
	ROW("a\033[Ob\033[Ic", "a focus-out b focus-in c"),
	ROW("\033[1Ix", "x"),
};
ROWS_TEST(test_focus_rows, focus_rows)

static const struct decode_row sgr_rows[] = {
	ROW("\033[<0;1;1M", "mouse(press,1,0,0,-)"),
	ROW("\033[<0;10;20m", "mouse(release,1,9,19,-)"),
	ROW("\033[<1;5;6M", "mouse(press,2,4,5,-)"),
	ROW("\033[<2;5;6M", "mouse(press,3,4,5,-)"),
	ROW("\033[<2;5;6m", "mouse(release,3,4,5,-)"),
	ROW("\033[<3;5;6M", "mouse(release,0,4,5,-)"),
	ROW("\033[<32;3;4M", "mouse(drag,1,2,3,-)"),
	ROW("\033[<34;3;4M", "mouse(drag,3,2,3,-)"),
	ROW("\033[<35;3;4M", "mouse(move,0,2,3,-)"),
	ROW("\033[<64;1;1M", "mouse(press,4,0,0,-)"),
	ROW("\033[<65;1;1M", "mouse(press,5,0,0,-)"),
	ROW("\033[<66;1;1M", "mouse(press,6,0,0,-)"),
	ROW("\033[<67;1;1M", "mouse(press,7,0,0,-)"),
	ROW("\033[<64;1;1m", ""),
	ROW("\033[<4;1;1M", "mouse(press,1,0,0,S)"),
	ROW("\033[<8;1;1M", "mouse(press,1,0,0,M)"),
	ROW("\033[<16;1;1M", "mouse(press,1,0,0,C)"),
	ROW("\033[<28;1;1M", "mouse(press,1,0,0,CMS)"),
	ROW("\033[<80;7;8M", "mouse(press,4,6,7,C)"),
	ROW("\033[<73;7;8M", "mouse(press,5,6,7,M)"),
	ROW("\033[<89;7;8M", "mouse(press,5,6,7,CM)"),
	ROW("\033[<48;3;4M", "mouse(drag,1,2,3,C)"),
	ROW("\033[<52;3;4M", "mouse(drag,1,2,3,CS)"),
	ROW("\033[<0;300;200M", "mouse(press,1,299,199,-)"),
	ROW("\033[<128;1;1M", ""),
	ROW("\033[<129;1;1M", ""),
	ROW("\033[<0;0;1M", ""),
	ROW("\033[<0;1;0M", ""),
	ROW("\033[<0;1M", ""),
	ROW("\033[<;1;1M", ""),
	ROW("\033[<0;1;1;1M", ""),
	ROW("\033[<0;1;1Mx", "mouse(press,1,0,0,-) x"),
};
ROWS_TEST(test_sgr_rows, sgr_rows)

static const struct decode_row x10_rows[] = {
	ROW("\033[M !!", "mouse(press,1,0,0,-)"),
	ROW("\033[M!*+", "mouse(press,2,9,10,-)"),
	ROW("\033[M\"!!", "mouse(press,3,0,0,-)"),
	ROW("\033[M#!!", "mouse(release,0,0,0,-)"),
	ROW("\033[M@++", "mouse(drag,1,10,10,-)"),
	ROW("\033[MC++", "mouse(move,0,10,10,-)"),
	ROW("\033[M`!!", "mouse(press,4,0,0,-)"),
	ROW("\033[Ma!!", "mouse(press,5,0,0,-)"),
	ROW("\033[M$!!", "mouse(press,1,0,0,S)"),
	ROW("\033[M(!!", "mouse(press,1,0,0,M)"),
	ROW("\033[M0!!", "mouse(press,1,0,0,C)"),
	ROW("\033[Mp!!", "mouse(press,4,0,0,C)"),
	ROW("\033[M \xff\xff", "mouse(press,1,222,222,-)"),
	ROW("\033[M\xa0!!", ""),
	ROW("\033[M\x1f!!x", "x"),
	ROW("\033[M \033!x", "x"),
	ROW("\033[M !!\033[M#!!",
	    "mouse(press,1,0,0,-) mouse(release,0,0,0,-)"),
	ROW("\033[M !", ""),
};
ROWS_TEST(test_x10_rows, x10_rows)

/* Terminal replies and other sequences that are not keys vanish whole. */
static const struct decode_row swallow_rows[] = {
	ROW("\033[?1;2cx", "x"),
	ROW("\033[>0;276;0cx", "x"),
	ROW("\033[12;5Rx", "x"),
	ROW("\033[1;1Rx", "x"),
	ROW("\033[1;5R", "C-F3"),
	ROW("\033[?2004;1$yx", "x"),
	ROW("\033[2Ax", "x"),
	ROW("\033[1;2;3Ax", "x"),
	ROW("\033[5;5;5~x", "x"),
	ROW("\033[99~x", "x"),
	ROW("\033[0~x", "x"),
	ROW("\033[201~x", "x"),
	ROW("\033[200;1~x", "x"),
	ROW("\033[1 qx", "x"),
	ROW("\033[=5ux", "x"),
	ROW("\033[?97;5ux", "x"),
	ROW("\033[1;<5Ax", "x"),
	ROW("\033[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0Ax", "x"),
	ROW("\033]11;rgb:0000/0000/0000\033\\x", "x"),
	ROW("\033]11;rgb:ffff/ffff/ffff\007x", "x"),
	ROW("\033]52;c;aGVsbG8=\007x", "x"),
	ROW("\033]0;title\030x", "x"),
	ROW("\033]0;title\032x", "x"),
	ROW("\033]0;title\033[A", "Up"),
	ROW("\033P1$r0m\033\\x", "x"),
	ROW("\033P>|xterm(367)\033\\x", "x"),
	ROW("\033P!|00000000\033\\x", "x"),
	ROW("\033P1+r6b6275\033\\x", "x"),
	ROW("\033_Gi=1;OK\033\\x", "x"),
	ROW("\033]11;rgb\033", "Escape"),
	/* A sequence broken by a control byte: the byte still counts. */
	ROW("\033[1\003", "C-c"),
	ROW("\033[1;5\033[B", "Down"),
	ROW("\033[<0;1\033a", "M-a"),
	ROW("\033[1\xc3\xa9", "\xc3\xa9"),
};
ROWS_TEST(test_swallow_rows, swallow_rows)

/* Make a sequence with n filler bytes between a head and a tail. */
static char *
make_long(const char *head, int fill, size_t n, const char *tail,
    size_t *len)
{
	size_t	hl = strlen(head), tl = strlen(tail);
	char	*s;

	s = malloc(hl + n + tl + 1);
	ck_assert(s != NULL);
	memcpy(s, head, hl);
	memset(s + hl, fill, n);
	memcpy(s + hl + n, tail, tl + 1);
	*len = hl + n + tl;
	return (s);
}

/* Overlong sequences are dropped with their tail; parsing resumes after. */
START_TEST(test_overlong)
{
	static const struct {
		const char	*head;
		int		 fill;
		const char	*tail;
		const char	*want;
	} rows[] = {
		{ "\033[", '1', "Ax", "x" },
		{ "\033[", ';', "~ab", "a b" },
		{ "\033[<", '9', "Mx", "x" },
		{ "\033[", '2', "\033[B", "Down" },
		{ "\033[", '2', "\003", "C-c" },
		{ "\033]0;", 'z', "\007x", "x" },
		{ "\033]0;", 'z', "\033\\x", "x" },
		{ "\033]0;", 'z', "\033[Ax", "Up x" },
		{ "\033P1$r", 'q', "\033\\\033[C", "Right" },
		{ "\033\033[", '5', "Ax", "Escape x" },
	};
	static const size_t	 sizes[] = { 250, 253, 254, 255, 256, 300,
				     1000, 2000 };
	size_t			 i, j, len;
	char			*in;

	for (i = 0; i < nitems(rows); i++) {
		for (j = 0; j < nitems(sizes); j++) {
			in = make_long(rows[i].head, rows[i].fill, sizes[j],
			    rows[i].tail, &len);
			check_decode(in, len, rows[i].want);
			free(in);
		}
	}
}
END_TEST

/* An overlong sequence stalled past escape-time is given up on flush. */
START_TEST(test_overlong_flush)
{
	struct rec	*r = rec_create();
	size_t		 len;
	char		*in;

	in = make_long("\033[", '1', 400, "", &len);
	input_parse(r->ip, in, len);
	ck_assert_msg(strcmp(r->out, "") == 0, "overlong: got '%s'", r->out);
	ck_assert_msg(input_pending(r->ip), "overlong: not pending");
	input_flush(r->ip);
	ck_assert_msg(!input_pending(r->ip), "overlong: pending after flush");
	input_parse(r->ip, "12x", 3);
	ck_assert_msg(strcmp(r->out, "1 2 x") == 0,
	    "after overlong and flush: got '%s', want '1 2 x'", r->out);
	free(in);
	rec_free(r);
}
END_TEST

/* Rows for ESC and unfinished sequences: events before and after flush. */
static const struct {
	const char	*in;
	const char	*before;
	int		 pending;
	const char	*after;
} pending_rows[] = {
	{ "\033", "", 1, "Escape" },
	{ "a\033", "a", 1, "a Escape" },
	{ "\033[", "", 1, "M-[" },
	{ "\033O", "", 1, "M-O" },
	{ "\033]", "", 1, "M-]" },
	{ "\033P", "", 1, "M-P" },
	{ "\033_", "", 1, "M-_" },
	{ "\033\033", "", 1, "M-Escape" },
	{ "\033\033[", "", 1, "M-Escape [" },
	{ "\033[1;5", "", 1, "" },
	{ "\033[<0;1;", "", 1, "" },
	{ "\033[M !", "", 1, "" },
	{ "\033[[", "", 1, "" },
	{ "\033]11;rgb:00", "", 1, "" },
	{ "\033]11;rgb:00\033", "", 1, "Escape" },
	{ "\xe2\x82", "", 1, "\xef\xbf\xbd" },
	{ "\033\xe2\x82", "", 1, "M-\xef\xbf\xbd" },
	{ "\033[A", "Up", 0, "Up" },
	{ "x", "x", 0, "x" },
};

START_TEST(test_pending)
{
	struct rec	*r = rec_create();
	const char	*in = pending_rows[_i].in;

	input_parse(r->ip, in, strlen(in));
	ck_assert_msg(strcmp(r->out, pending_rows[_i].before) == 0,
	    "decode '%s' before flush: got '%s', want '%s'",
	    esc(in, strlen(in)), r->out, pending_rows[_i].before);
	ck_assert_msg(!input_pending(r->ip) == !pending_rows[_i].pending,
	    "decode '%s': pending %d, want %d", esc(in, strlen(in)),
	    input_pending(r->ip), pending_rows[_i].pending);
	input_flush(r->ip);
	ck_assert_msg(strcmp(r->out, pending_rows[_i].after) == 0,
	    "decode '%s' after flush: got '%s', want '%s'",
	    esc(in, strlen(in)), r->out, pending_rows[_i].after);
	ck_assert_msg(!input_pending(r->ip), "decode '%s': pending after flush",
	    esc(in, strlen(in)));
	rec_free(r);
}
END_TEST

/* What waits is finished by the next bytes, or cut by a flush between. */
START_TEST(test_pending_then_more)
{
	struct rec	*r = rec_create();

	input_parse(r->ip, "\033", 1);
	input_parse(r->ip, "a", 1);
	ck_assert_msg(strcmp(r->out, "M-a") == 0, "ESC, a: got '%s'", r->out);
	input_parse(r->ip, "\033", 1);
	input_flush(r->ip);
	input_parse(r->ip, "a", 1);
	ck_assert_msg(strcmp(r->out, "M-a Escape a") == 0,
	    "ESC, flush, a: got '%s'", r->out);
	input_parse(r->ip, "\033[1;", 4);
	input_parse(r->ip, "5", 1);
	input_parse(r->ip, "Cz", 2);
	ck_assert_msg(strcmp(r->out, "M-a Escape a C-Right z") == 0,
	    "CSI in three reads: got '%s'", r->out);
	input_flush(r->ip);
	ck_assert_msg(strcmp(r->out, "M-a Escape a C-Right z") == 0,
	    "flush with nothing waiting: got '%s'", r->out);
	rec_free(r);
}
END_TEST

/* Each key event carries exactly the bytes it came from. */
START_TEST(test_key_data)
{
	static const char	in[] = "a\033[Ab\033\001\xc3\xa9\033[1;5A"
				    "\033[97;5u\033\033[B\x80\033OP\033[<0;1;1M"
				    "\r";
	static const char	want[] = "a \\x1b[A b \\x1b\\x01 \\xc3\\xa9 "
				    "\\x1b[1;5A \\x1b[97;5u \\x1b\\x1b[B \\x80 "
				    "\\x1bOP \\x0d";
	struct rec		*r;
	size_t			 i;
	int			 pass;

	for (pass = 0; pass < 2; pass++) {
		r = rec_create();
		r->recheck = 1;
		if (pass == 0)
			input_parse(r->ip, in, sizeof in - 1);
		for (i = 0; pass == 1 && i < sizeof in - 1; i++)
			input_parse(r->ip, in + i, 1);
		ck_assert_msg(strcmp(r->data, want) == 0,
		    "key bytes of '%s' (%s): got '%s', want '%s'",
		    esc(in, sizeof in - 1), pass ? "bytewise" : "whole",
		    r->data, want);
		rec_free(r);
	}
}
END_TEST

/* Check a paste input cut into three chunks at every pair of offsets. */
static void
check_paste_splits(const char *in, size_t len, const char *want,
    size_t start, size_t stop)
{
	struct rec	*r;
	const char	*got;
	size_t		 cuts[2];

	check_decode(in, len, want);
	for (cuts[0] = 1; cuts[0] < len; cuts[0]++) {
		for (cuts[1] = cuts[0]; cuts[1] < len; cuts[1]++) {
			got = decode_cuts(in, len, cuts, 2, 0);
			ck_assert_msg(strcmp(got, want) == 0,
			    "decode '%s' cut at %zu,%zu: got '%s', want '%s'",
			    esc(in, len), cuts[0], cuts[1], got, want);
			if (cuts[0] < start || cuts[1] > stop)
				continue;
			/* A flush inside a paste must change nothing. */
			r = rec_create();
			input_parse(r->ip, in, cuts[0]);
			input_flush(r->ip);
			input_parse(r->ip, in + cuts[0], cuts[1] - cuts[0]);
			input_flush(r->ip);
			input_parse(r->ip, in + cuts[1], len - cuts[1]);
			input_flush(r->ip);
			ck_assert_msg(strcmp(r->out, want) == 0,
			    "decode '%s' cut and flushed at %zu,%zu: got '%s'",
			    esc(in, len), cuts[0], cuts[1], r->out);
			rec_free(r);
		}
	}
}

static const struct decode_row paste_rows[] = {
	ROW("\033[200~hello\033[201~", "paste-start paste:hello paste-end"),
	ROW("\033[200~hello\033[201~ab",
	    "paste-start paste:hello paste-end a b"),
	ROW("x\033[200~a\033[201~y", "x paste-start paste:a paste-end y"),
	ROW("\033[200~\033[201~", "paste-start paste-end"),
	ROW("\033[200~a\033b\033[201~",
	    "paste-start paste:a\\x1bb paste-end"),
	ROW("\033[200~\033[A\001\r\033[201~",
	    "paste-start paste:\\x1b[A\\x01\\x0d paste-end"),
	ROW("\033[200~a\033[20b\033[201x\033[201\033[201~",
	    "paste-start paste:a\\x1b[20b\\x1b[201x\\x1b[201 paste-end"),
	ROW("\033[200~\033\033[201~", "paste-start paste:\\x1b paste-end"),
	ROW("\033[200~\033[\033[201~", "paste-start paste:\\x1b[ paste-end"),
	ROW("\033[200~\033[200~\033[201~",
	    "paste-start paste:\\x1b[200~ paste-end"),
	ROW("\033[200~\xc3\xa9\xff\033[201~",
	    "paste-start paste:\\xc3\\xa9\\xff paste-end"),
	ROW("\033[200~a\033[201~\033[200~b\033[201~",
	    "paste-start paste:a paste-end paste-start paste:b paste-end"),
	ROW("\033[200~ab\033[201~\033[A",
	    "paste-start paste:ab paste-end Up"),
};

START_TEST(test_paste)
{
	const char	*in = paste_rows[_i].in;
	size_t		 len = paste_rows[_i].len;
	const char	*p;
	size_t		 start, stop;

	/* Flushes are harmless only between the start and end markers. */
	p = strstr(in, "\033[200~");
	ck_assert(p != NULL);
	start = (size_t)(p - in) + 6;
	p = strstr(in + start, "\033[201~");
	ck_assert(p != NULL);
	stop = (size_t)(p - in) + 6;
	check_paste_splits(in, len, paste_rows[_i].want, start, stop);
}
END_TEST

/* Pasted bytes gathered raw, for pastes too big to compare as text. */
struct raw {
	char	*buf;
	size_t	 len;
	size_t	 size;
	int	 starts;
	int	 ends;
	int	 others;
};

static void
raw_cb(const struct input_event *ev, void *arg)
{
	struct raw	*raw = arg;

	if (ev->type == INPUT_PASTE_START)
		raw->starts++;
	else if (ev->type == INPUT_PASTE_END)
		raw->ends++;
	else if (ev->type != INPUT_PASTE)
		raw->others++;
	else {
		ck_assert(raw->len + ev->len <= raw->size);
		memcpy(raw->buf + raw->len, ev->data, ev->len);
		raw->len += ev->len;
	}
}

/* A paste may hold NUL, ESC and partial markers, and has no size limit. */
START_TEST(test_paste_large)
{
	static char	 body[200000];
	struct raw	 raw = { 0 };
	struct input	*ip;
	size_t		 i, n;

	for (i = 0; i < sizeof body; i++)
		body[i] = (i * 7) % 128;	/* includes NUL and ESC */
	for (i = 1000; i + 6 < sizeof body; i += 1000) {
		memcpy(body + i, "\033[201", 5);
		body[i + 5] = 'x';
	}
	raw.size = sizeof body;
	raw.buf = malloc(raw.size);
	ck_assert(raw.buf != NULL);
	ip = input_create(raw_cb, &raw);
	input_parse(ip, "\033[200~", 6);
	for (i = 0; i < sizeof body; i += n) {
		n = 1 + (i * 13) % 4093;
		if (n > sizeof body - i)
			n = sizeof body - i;
		input_parse(ip, body + i, n);
	}
	input_parse(ip, "\033[201~", 6);
	ck_assert_msg(raw.starts == 1 && raw.ends == 1 && raw.others == 0,
	    "large paste: %d starts, %d ends, %d other events", raw.starts,
	    raw.ends, raw.others);
	ck_assert_msg(raw.len == sizeof body &&
	    memcmp(raw.buf, body, sizeof body) == 0,
	    "large paste: %zu of %zu bytes, or different", raw.len,
	    sizeof body);
	input_free(ip);
	free(raw.buf);
}
END_TEST

/* A partial end marker waits for more bytes, not for a flush. */
START_TEST(test_paste_pending)
{
	struct rec	*r = rec_create();

	input_parse(r->ip, "\033[200~ab\033[20", 12);
	ck_assert_msg(!input_pending(r->ip),
	    "partial paste end marker asks for a flush");
	input_flush(r->ip);
	ck_assert_msg(strcmp(r->out, "paste-start paste:ab") == 0,
	    "paste before end: got '%s'", r->out);
	input_parse(r->ip, "1~c", 3);
	ck_assert_msg(strcmp(r->out, "paste-start paste:ab paste-end c") == 0,
	    "paste end split: got '%s'", r->out);
	rec_free(r);
}
END_TEST

/* A long mixed stream gives the same events however it is chunked. */
START_TEST(test_chunking)
{
	static const char	in[] =
	    "a\033[A\033[<0;5;5M\033[200~p\033\033[201~"
	    "\033]11;rgb:1/2/3\007\xc3\xa9\033[97;5u\033OP"
	    "\033\033[B\033[M !!\033[I\x01\033[?1;2c\033a"
	    "\xe2\x82\xac\033[15;2~\033[<65;3;3M\x7fz";
	static const char	want[] =
	    "a Up mouse(press,1,4,4,-) paste-start "
	    "paste:p\\x1b paste-end \xc3\xa9 C-a F1 "
	    "M-Down mouse(press,1,0,0,-) focus-in C-a M-a "
	    "\xe2\x82\xac S-F5 mouse(press,5,2,2,-) "
	    "BSpace z";
	const char		*got;
	size_t			 cuts[16], len = sizeof in - 1;
	u_int			 seed = 1, i, n, round;

	check_decode(in, len, want);
	for (round = 0; round < 2000; round++) {
		n = 1 + round % nitems(cuts);
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			cuts[i] = (seed >> 8) % (len + 1);
		}
		/* Sort the offsets. */
		for (i = 1; i < n; i++) {
			size_t	v = cuts[i], j = i;

			for (; j > 0 && cuts[j - 1] > v; j--)
				cuts[j] = cuts[j - 1];
			cuts[j] = v;
		}
		got = decode_cuts(in, len, cuts, n, 0);
		ck_assert_msg(strcmp(got, want) == 0,
		    "decode '%s' in %u random chunks (round %u): got '%s'",
		    esc(in, len), n + 1, round, got);
	}
}
END_TEST

Suite *
suite_input(void)
{
	Suite	*s = suite_create("input");
	TCase	*tc;

	tc = tcase_create("control");
	tcase_add_loop_test(tc, test_c0_rows, 0, nitems(c0_rows));
	tcase_add_test(tc, test_c0_all);
	tcase_add_test(tc, test_printable);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8_rows, 0, nitems(utf8_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("alt");
	tcase_add_loop_test(tc, test_alt_rows, 0, nitems(alt_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("csi");
	tcase_add_test(tc, test_cursor_keys);
	tcase_add_test(tc, test_tilde_keys);
	tcase_add_loop_test(tc, test_ss3_rows, 0, nitems(ss3_rows));
	tcase_add_loop_test(tc, test_csiu_rows, 0, nitems(csiu_rows));
	tcase_add_loop_test(tc, test_focus_rows, 0, nitems(focus_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("mouse");
	tcase_add_loop_test(tc, test_sgr_rows, 0, nitems(sgr_rows));
	tcase_add_loop_test(tc, test_x10_rows, 0, nitems(x10_rows));
	suite_add_tcase(s, tc);

	tc = tcase_create("paste");
	tcase_add_loop_test(tc, test_paste, 0, nitems(paste_rows));
	tcase_add_test(tc, test_paste_large);
	tcase_add_test(tc, test_paste_pending);
	suite_add_tcase(s, tc);

	tc = tcase_create("garbage");
	tcase_add_loop_test(tc, test_swallow_rows, 0, nitems(swallow_rows));
	tcase_add_test(tc, test_overlong);
	tcase_add_test(tc, test_overlong_flush);
	suite_add_tcase(s, tc);

	tc = tcase_create("pending");
	tcase_add_loop_test(tc, test_pending, 0, nitems(pending_rows));
	tcase_add_test(tc, test_pending_then_more);
	suite_add_tcase(s, tc);

	tc = tcase_create("chunking");
	tcase_add_test(tc, test_key_data);
	tcase_add_test(tc, test_chunking);
	suite_add_tcase(s, tc);

	return (s);
}
