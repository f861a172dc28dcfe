/* Decoding the attached terminal's input bytes into keys, mouse and paste. */

#include "config.h"

#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include "vigil/input.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/xmalloc.h"

/* Longest escape sequence read whole; the rest of a longer one is skipped. */
#define INPUT_SEQ_MAX		256
/* An unfinished sequence, with room to append the bytes that finish it. */
#define INPUT_PENDING_SIZE	(2 * INPUT_SEQ_MAX)
#define INPUT_PARAMS		16
/* Parameters stop growing here, well above any meaningful value. */
#define INPUT_PARAM_MAX		9999999

#define INPUT_BEL		0x07
#define INPUT_CAN		0x18
#define INPUT_SUB		0x1a
#define INPUT_ESC		0x1b

#define INPUT_PASTE_END_SEQ	"\033[201~"
#define INPUT_PASTE_END_LEN	6

/* What is being skipped after a sequence that grew too long. */
enum input_skip {
	INPUT_SKIP_NONE,
	INPUT_SKIP_CSI,		/* until a final byte */
	INPUT_SKIP_STRING	/* until BEL or ST */
};

struct input {
	input_cb	 cb;
	void		*arg;
	int		 paste;
	enum input_skip	 skip;
	u_char		 pending[INPUT_PENDING_SIZE];
	size_t		 npending;
};

/*
 * The outcome of decoding the bytes at the start of a buffer. A size of 0
 * means more bytes are needed, unless plain is set: then the buffer starts
 * with an ESC that introduces no sequence.
 */
struct input_step {
	size_t			 size;
	int			 plain;
	int			 emit;	/* ev holds an event */
	enum input_skip		 skip;	/* the skip state after this step */
	struct input_event	 ev;
};

/* A control sequence split into its parts. */
struct input_csi {
	u_char	prefix;			/* '<' '=' '>' '?', or 0 */
	int	bad;			/* intermediates or misplaced bytes */
	int	p[INPUT_PARAMS];	/* -1 if empty */
	int	sub[INPUT_PARAMS];	/* second sub-parameter, or -1 */
	u_int	n;			/* parameters, 0 if none at all */
	u_int	nsub;
	u_char	final;			/* 0 if broken off by another byte */
};

/* Record a key made from the first size bytes of buf. */
static void
input_step_key(struct input_step *st, const u_char *buf, size_t size,
    key_code code, int mods)
{
	struct key	k;

	k.code = code;
	k.mods = mods;
	st->size = size;
	st->emit = 1;
	st->ev.type = INPUT_KEY;
	st->ev.key = key_normalize(k);
	st->ev.data = (const char *)buf;
	st->ev.len = size;
}

/* Record an event other than a key made from size bytes. */
static void
input_step_event(struct input_step *st, const u_char *buf, size_t size,
    enum input_type type)
{
	st->size = size;
	st->emit = 1;
	st->ev.type = type;
	st->ev.data = (const char *)buf;
	st->ev.len = size;
}

/*
 * Decode one UTF-8 character. An invalid sequence becomes one U+FFFD for
 * its longest valid-looking start, so the byte that broke it begins the
 * next key and no later input is lost.
 */
static void
input_utf8(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	u_char		c = buf[0], lo = 0x80, hi = 0xbf;
	size_t		need, i;
	key_code	code;

	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		code = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		code = c & 0x0f;
		lo = c == 0xe0 ? 0xa0 : 0x80;	/* overlong */
		hi = c == 0xed ? 0x9f : 0xbf;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		code = c & 0x07;
		lo = c == 0xf0 ? 0x90 : 0x80;	/* overlong */
		hi = c == 0xf4 ? 0x8f : 0xbf;	/* above U+10FFFF */
	} else {
		input_step_key(st, buf, 1, 0xfffd, 0);
		return;
	}
	for (i = 1; i < need; i++) {
		if (i == len) {
			if (flush)
				input_step_key(st, buf, i, 0xfffd, 0);
			return;
		}
		if (buf[i] < lo || buf[i] > hi) {
			input_step_key(st, buf, i, 0xfffd, 0);
			return;
		}
		code = (code << 6) | (buf[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	input_step_key(st, buf, need, code, 0);
}

/* Modifiers from an xterm parameter: 1 + shift 1, alt 2, ctrl 4, meta 8. */
static int
input_mods(int m)
{
	int	mods = 0;

	if (m < 2 || m > 256)
		return (0);
	m--;
	if (m & 1)
		mods |= KEYC_SHIFT;
	if (m & (2|8))
		mods |= KEYC_ALT;
	if (m & 4)
		mods |= KEYC_CTRL;
	return (mods);
}

/* Add one parameter byte (digit, ';' or ':') to a control sequence. */
static void
input_csi_param(struct input_csi *csi, u_char c)
{
	int	*v;

	if (csi->n == 0)
		csi->n = 1;
	if (c == ';') {
		csi->n++;
		csi->nsub = 0;
		return;
	}
	if (c == ':') {
		csi->nsub++;
		return;
	}
	if (csi->n > INPUT_PARAMS) {
		csi->bad = 1;
		return;
	}
	if (csi->nsub > 1)
		return;
	v = csi->nsub == 0 ? &csi->p[csi->n - 1] : &csi->sub[csi->n - 1];
	if (*v == -1)
		*v = 0;
	if (*v <= INPUT_PARAM_MAX)
		*v = *v * 10 + (c - '0');
}

/*
 * Split the control sequence after ESC [. Returns its length, or the
 * offset of a byte that cannot be part of it (final is then 0), or 0 if
 * unfinished; *toolong is set if it ran past INPUT_SEQ_MAX.
 */
static size_t
input_csi_parse(const u_char *buf, size_t len, struct input_csi *csi,
    int *toolong)
{
	size_t	i = 2;
	u_int	j;
	u_char	c;

	memset(csi, 0, sizeof *csi);
	for (j = 0; j < INPUT_PARAMS; j++)
		csi->p[j] = csi->sub[j] = -1;
	*toolong = 0;
	if (i < len && buf[i] >= 0x3c && buf[i] <= 0x3f)
		csi->prefix = buf[i++];
	for (; i < len && i < INPUT_SEQ_MAX; i++) {
		c = buf[i];
		if (c >= 0x40 && c <= 0x7e) {
			csi->final = c;
			return (i + 1);
		}
		if (c < 0x20 || c > 0x3f)
			return (i);
		if (c <= 0x2f || c >= 0x3c)
			csi->bad = 1;	/* intermediates or a late prefix */
		else if (!csi->bad)
			input_csi_param(csi, c);
	}
	if (i == INPUT_SEQ_MAX)
		*toolong = 1;
	return (*toolong ? i : 0);
}

/*
 * Fill in a mouse event from the button byte shared by the SGR and X10
 * encodings. Extra buttons (8-11) and impossible positions are dropped.
 */
static void
input_mouse(struct input_step *st, const u_char *buf, size_t size,
    int b, int x, int y, int release)
{
	struct input_mouse	*m = &st->ev.mouse;

	if (b < 0 || (b & 128) || x < 0 || y < 0)
		return;
	m->mods = 0;
	if (b & 4)
		m->mods |= KEYC_SHIFT;
	if (b & 8)
		m->mods |= KEYC_ALT;
	if (b & 16)
		m->mods |= KEYC_CTRL;
	if (b & 64) {
		if (release)
			return;	/* a wheel has no release */
		m->button = 4 + (b & 3);
		m->action = INPUT_MOUSE_PRESS;
	} else {
		m->button = (b & 3) == 3 ? 0 : (b & 3) + 1;
		if ((b & 32) && !release && m->button != 0)
			m->action = INPUT_MOUSE_DRAG;
		else if ((b & 32) && !release)
			m->action = INPUT_MOUSE_MOVE;
		else if (release || m->button == 0)
			m->action = INPUT_MOUSE_RELEASE;
		else
			m->action = INPUT_MOUSE_PRESS;
	}
	m->x = x;
	m->y = y;
	input_step_event(st, buf, size, INPUT_MOUSE);
}

/* Decode an X10 mouse report: ESC [ M and three raw bytes. */
static void
input_mouse_x10(const u_char *buf, size_t len, int flush,
    struct input_step *st)
{
	if (len < 6) {
		if (flush)
			st->size = len;
		return;
	}
	st->size = 6;
	if (buf[3] < 32 || buf[4] < 33 || buf[5] < 33)
		return;
	input_mouse(st, buf, 6, buf[3] - 32, buf[4] - 33, buf[5] - 33, 0);
}

/* Decode an SGR mouse report: ESC [ < b ; x ; y M or m. */
static void
input_mouse_sgr(const struct input_csi *csi, const u_char *buf, size_t size,
    struct input_step *st)
{
	if (csi->bad || csi->n != 3 || csi->p[1] < 1 || csi->p[2] < 1)
		return;
	input_mouse(st, buf, size, csi->p[0], csi->p[1] - 1, csi->p[2] - 1,
	    csi->final == 'm');
}

/* Map kitty's private-use numbers for keypad and F13-F20 to our keys. */
static key_code
input_kitty_key(key_code c)
{
	static const key_code	kp[] = {
		KEYC_KP_PERIOD, KEYC_KP_DIVIDE, KEYC_KP_MULT, KEYC_KP_MINUS,
		KEYC_KP_PLUS, KEYC_KP_ENTER, KEYC_KP_EQUAL, KEYC_KP_COMMA,
		KEYC_LEFT, KEYC_RIGHT, KEYC_UP, KEYC_DOWN, KEYC_PAGEUP,
		KEYC_PAGEDOWN, KEYC_HOME, KEYC_END, KEYC_INSERT, KEYC_DELETE
	};

	if (c >= 57376 && c <= 57383)
		return (KEYC_F1 + 12 + (c - 57376));
	if (c >= 57399 && c <= 57408)
		return (KEYC_KP_0 + (c - 57399));
	if (c >= 57409 && c < 57409 + sizeof kp / sizeof kp[0])
		return (kp[c - 57409]);
	return (KEYC_NONE);
}

/*
 * A character key with modifiers, from CSI code;mods u (kitty, fixterms)
 * or CSI 27;mods;code ~ (xterm modifyOtherKeys).
 */
static void
input_csi_char(struct input_step *st, const u_char *buf, size_t size,
    int code, int m, int event)
{
	key_code	c;

	if (code < 0 || event == 3)	/* kitty key release */
		return;
	c = code;
	if (c >= 57344 && c <= 57454) {	/* kitty functional keys */
		if ((c = input_kitty_key(c)) == KEYC_NONE)
			return;
	} else if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return;
	input_step_key(st, buf, size, c, input_mods(m));
}

/* Decode CSI n ~ keys, modifyOtherKeys and the paste start marker. */
static void
input_csi_tilde(const struct input_csi *csi, const u_char *buf, size_t size,
    struct input_step *st)
{
	static const key_code	keys[] = {
		[1] = KEYC_HOME, [2] = KEYC_INSERT, [3] = KEYC_DELETE,
		[4] = KEYC_END, [5] = KEYC_PAGEUP, [6] = KEYC_PAGEDOWN,
		[7] = KEYC_HOME, [8] = KEYC_END,
		[11] = KEYC_F1, [12] = KEYC_F1 + 1, [13] = KEYC_F1 + 2,
		[14] = KEYC_F1 + 3, [15] = KEYC_F1 + 4,
		[17] = KEYC_F1 + 5, [18] = KEYC_F1 + 6, [19] = KEYC_F1 + 7,
		[20] = KEYC_F1 + 8, [21] = KEYC_F1 + 9,
		[23] = KEYC_F1 + 10, [24] = KEYC_F1 + 11,
		[25] = KEYC_F1 + 12, [26] = KEYC_F1 + 13,
		[28] = KEYC_F1 + 14, [29] = KEYC_F1 + 15,
		[31] = KEYC_F1 + 16, [32] = KEYC_F1 + 17,
		[33] = KEYC_F1 + 18, [34] = KEYC_F1 + 19
	};
	int			p0 = csi->p[0];

	if (p0 == 200 && csi->n == 1)
		input_step_event(st, buf, size, INPUT_PASTE_START);
	else if (p0 == 27 && csi->n == 3)
		input_csi_char(st, buf, size, csi->p[2], csi->p[1], -1);
	else if (p0 > 0 && (size_t)p0 < sizeof keys / sizeof keys[0] &&
	    keys[p0] != 0 && csi->n <= 2)
		input_step_key(st, buf, size, keys[p0], input_mods(csi->p[1]));
}

/* Decode a complete control sequence without a private prefix. */
static void
input_csi_key(const struct input_csi *csi, const u_char *buf, size_t size,
    struct input_step *st)
{
	static const char	finals[] = "ABCDHFPQRS";
	static const key_code	keys[] = {
		KEYC_UP, KEYC_DOWN, KEYC_RIGHT, KEYC_LEFT, KEYC_HOME, KEYC_END,
		KEYC_F1, KEYC_F1 + 1, KEYC_F1 + 2, KEYC_F1 + 3
	};
	const char		*f;
	int			 p0 = csi->p[0], m = csi->p[1];

	switch (csi->final) {
	case 'I':
	case 'O':
		if (csi->n == 0)
			input_step_event(st, buf, size, csi->final == 'I' ?
			    INPUT_FOCUS_IN : INPUT_FOCUS_OUT);
		return;
	case 'u':
		if (csi->n <= 3)
			input_csi_char(st, buf, size, p0, m, csi->sub[1]);
		return;
	case '~':
		input_csi_tilde(csi, buf, size, st);
		return;
	case 'Z':
		if (csi->n <= 2 && (p0 == -1 || p0 == 1))
			input_step_key(st, buf, size, KEYC_TAB,
			    KEYC_SHIFT | input_mods(m));
		return;
	}
	if ((f = strchr(finals, csi->final)) == NULL)
		return;
	if (csi->n > 2 || (p0 != -1 && p0 != 1))
		return;
	/* CSI 1;1R is a cursor position report, not F3. */
	if (f - finals >= 6 && csi->n == 2 && m < 2)
		return;
	input_step_key(st, buf, size, keys[f - finals], input_mods(m));
}

/* Decode the Linux console's ESC [ [ A to ESC [ [ E, which are F1 to F5. */
static void
input_csi_linux(const u_char *buf, size_t len, int flush,
    struct input_step *st)
{
	if (len == 3)
		st->size = flush ? 3 : 0;
	else if (buf[3] >= 'A' && buf[3] <= 'E')
		input_step_key(st, buf, 4, KEYC_F1 + buf[3] - 'A', 0);
	else
		st->size = 3;
}

/*
 * Decode ESC [ ...: keys, mouse, focus and the paste marker. Complete
 * sequences that mean nothing to us (terminal replies) are swallowed.
 */
static void
input_csi(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	struct input_csi	csi;
	size_t			n;
	int			toolong;

	if (len >= 3 && buf[2] == '[') {
		input_csi_linux(buf, len, flush, st);
		return;
	}
	n = input_csi_parse(buf, len, &csi, &toolong);
	if (toolong) {
		st->size = n;
		st->skip = INPUT_SKIP_CSI;
		return;
	}
	if (n == 2 || (n == 0 && len == 2)) {
		/* ESC [ alone, or before a byte no CSI has: M-[, like tmux. */
		st->plain = n == 2 || flush;
		return;
	}
	if (n == 0) {
		/* After escape-time an unfinished sequence is dropped. */
		st->size = flush ? len : 0;
		return;
	}
	if (csi.final == 'M' && csi.prefix == 0 && csi.n == 0 && !csi.bad) {
		input_mouse_x10(buf, len, flush, st);
		return;
	}
	st->size = n;
	if (csi.final == 0)
		return;
	if (csi.prefix == '<' && (csi.final == 'M' || csi.final == 'm'))
		input_mouse_sgr(&csi, buf, n, st);
	else if (csi.prefix == 0 && !csi.bad)
		input_csi_key(&csi, buf, n, st);
}

/* Decode ESC O x: cursor keys, F1-F4 and the keypad in application mode. */
static void
input_ss3(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	static const char	finals[] = "ABCDHFPQRSpqrstuvwxyjklmnoMX";
	static const key_code	keys[] = {
		KEYC_UP, KEYC_DOWN, KEYC_RIGHT, KEYC_LEFT, KEYC_HOME, KEYC_END,
		KEYC_F1, KEYC_F1 + 1, KEYC_F1 + 2, KEYC_F1 + 3,
		KEYC_KP_0, KEYC_KP_0 + 1, KEYC_KP_0 + 2, KEYC_KP_0 + 3,
		KEYC_KP_0 + 4, KEYC_KP_0 + 5, KEYC_KP_0 + 6, KEYC_KP_0 + 7,
		KEYC_KP_0 + 8, KEYC_KP_0 + 9,
		KEYC_KP_MULT, KEYC_KP_PLUS, KEYC_KP_COMMA, KEYC_KP_MINUS,
		KEYC_KP_PERIOD, KEYC_KP_DIVIDE, KEYC_KP_ENTER, KEYC_KP_EQUAL
	};
	const char		*f;

	if (len < 3) {
		st->plain = flush;
		return;
	}
	if (buf[2] == '\0' || (f = strchr(finals, buf[2])) == NULL) {
		st->plain = 1;	/* M-O, then the byte */
		return;
	}
	input_step_key(st, buf, 3, keys[f - finals], 0);
}

/*
 * Whether ESC ] / P / _ starts an OSC, DCS or APC, which only terminal
 * replies send; checking the byte after keeps M-], M-P and M-_ as keys.
 */
static int
input_string_start(const u_char *buf)
{
	switch (buf[1]) {
	case ']':
		return (buf[2] >= '0' && buf[2] <= '9');
	case 'P':
		return ((buf[2] >= 0x30 && buf[2] <= 0x3f) || buf[2] == '!');
	case '_':
		return (buf[2] == 'G');	/* kitty graphics */
	}
	return (0);
}

/*
 * Swallow a string sequence up to BEL, ST, CAN or SUB; an ESC starting
 * anything but ST ends it and is decoded afresh.
 */
static void
input_string(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	size_t	i;

	if (len < 3) {
		st->plain = flush;
		return;
	}
	if (!input_string_start(buf)) {
		st->plain = 1;
		return;
	}
	for (i = 3; i < len && i < INPUT_SEQ_MAX; i++) {
		if (buf[i] == INPUT_BEL || buf[i] == INPUT_CAN ||
		    buf[i] == INPUT_SUB) {
			st->size = i + 1;
			return;
		}
		if (buf[i] == INPUT_ESC) {
			if (i + 1 < len && buf[i + 1] == '\\')
				st->size = i + 2;
			else if (i + 1 < len || flush)
				st->size = i;
			return;
		}
	}
	if (i == INPUT_SEQ_MAX) {
		st->size = i;
		st->skip = INPUT_SKIP_STRING;
	} else if (flush)
		st->size = len;
}

/* Decode an ESC: a sequence, or plain if it introduces none. */
static void
input_escape(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	if (len == 1) {
		st->plain = flush;
		return;
	}
	switch (buf[1]) {
	case '[':
		input_csi(buf, len, flush, st);
		break;
	case 'O':
		input_ss3(buf, len, flush, st);
		break;
	case ']':
	case 'P':
	case '_':
		input_string(buf, len, flush, st);
		break;
	default:
		st->plain = 1;
		break;
	}
}

/* Decode one key or sequence, without looking for an Alt prefix. */
static void
input_step_one(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	if (buf[0] == INPUT_ESC)
		input_escape(buf, len, flush, st);
	else if (buf[0] < 0x80)
		input_step_key(st, buf, 1, buf[0], 0);
	else
		input_utf8(buf, len, flush, st);
}

/*
 * Decode one key or sequence; an ESC that starts no sequence adds Alt to
 * the key after it (ESC ESC [ A is M-Up), or is Escape on its own.
 */
static void
input_step_alt(const u_char *buf, size_t len, int flush, struct input_step *st)
{
	struct input_step	inner;

	input_step_one(buf, len, flush, st);
	if (!st->plain)
		return;
	st->plain = 0;
	if (len > 1) {
		memset(&inner, 0, sizeof inner);
		input_step_one(buf + 1, len - 1, flush, &inner);
		if (inner.plain) {
			input_step_key(st, buf, 2, KEYC_ESCAPE, KEYC_ALT);
			return;
		}
		if (inner.size == 0)
			return;
		if (inner.emit && inner.ev.type == INPUT_KEY) {
			input_step_key(st, buf, inner.size + 1,
			    inner.ev.key.code, inner.ev.key.mods | KEYC_ALT);
			return;
		}
	}
	input_step_key(st, buf, 1, KEYC_ESCAPE, 0);
}

/* Inside a paste: pass bytes through until the end marker. */
static void
input_paste(const u_char *buf, size_t len, struct input_step *st)
{
	const u_char	*esc;
	size_t		 n;

	if (buf[0] == INPUT_ESC) {
		n = len < INPUT_PASTE_END_LEN ? len : INPUT_PASTE_END_LEN;
		if (memcmp(buf, INPUT_PASTE_END_SEQ, n) == 0) {
			if (n == INPUT_PASTE_END_LEN)
				input_step_event(st, buf, n, INPUT_PASTE_END);
			return;
		}
		esc = memchr(buf + 1, INPUT_ESC, len - 1);
	} else
		esc = memchr(buf, INPUT_ESC, len);
	n = esc == NULL ? len : (size_t)(esc - buf);
	input_step_event(st, buf, n, INPUT_PASTE);
}

/*
 * Skip the rest of a sequence that grew too long. A size of 0 with the
 * skip state cleared means it ended just before buf, which is decoded.
 */
static void
input_skip(enum input_skip skip, const u_char *buf, size_t len,
    struct input_step *st)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (skip == INPUT_SKIP_CSI) {
			if (buf[i] >= 0x40 && buf[i] <= 0x7e)
				st->size = i + 1;
			else if (buf[i] < 0x20 || buf[i] > 0x3f)
				st->size = i;
			else
				continue;
			return;
		}
		if (buf[i] == INPUT_BEL || buf[i] == INPUT_CAN ||
		    buf[i] == INPUT_SUB) {
			st->size = i + 1;
			return;
		}
		if (buf[i] == INPUT_ESC) {
			if (i + 1 == len)
				break;
			st->size = buf[i + 1] == '\\' ? i + 2 : i;
			return;
		}
	}
	st->size = i;
	st->skip = skip;
}

/* Decode the bytes at the start of buf in the current state. */
static void
input_step(const struct input *ip, const u_char *buf, size_t len, int flush,
    struct input_step *st)
{
	memset(st, 0, sizeof *st);
	if (ip->paste) {
		input_paste(buf, len, st);
		return;
	}
	if (ip->skip != INPUT_SKIP_NONE) {
		input_skip(ip->skip, buf, len, st);
		if (st->size != 0 || st->skip != INPUT_SKIP_NONE)
			return;
	}
	input_step_alt(buf, len, flush, st);
}

/* Apply a step to the state and hand its event to the callback. */
static void
input_emit(struct input *ip, const struct input_step *st)
{
	ip->skip = st->skip;
	if (!st->emit)
		return;
	if (st->ev.type == INPUT_PASTE_START)
		ip->paste = 1;
	else if (st->ev.type == INPUT_PASTE_END)
		ip->paste = 0;
	ip->cb(&st->ev, ip->arg);
}

/*
 * Finish what waits in the pending buffer by appending new bytes to it;
 * returns how many new bytes were used. Bytes appended but not part of the
 * finished sequence are left to be decoded in place by the caller.
 */
static size_t
input_parse_pending(struct input *ip, const u_char *buf, size_t len)
{
	struct input_step	st;
	size_t			old, take, used = 0;

	while (ip->npending != 0 && used < len) {
		old = ip->npending;
		take = len - used;
		if (take > sizeof ip->pending - old)
			take = sizeof ip->pending - old;
		memcpy(ip->pending + old, buf + used, take);
		ip->npending = old + take;
		input_step(ip, ip->pending, ip->npending, 0, &st);
		if (st.size == 0) {
			if (ip->npending > INPUT_SEQ_MAX + 1)
				fatalx("input: %zu pending", ip->npending);
			used += take;
			continue;
		}
		input_emit(ip, &st);
		if (st.size >= old) {
			used += st.size - old;
			ip->npending = 0;
		} else {
			memmove(ip->pending, ip->pending + st.size,
			    old - st.size);
			ip->npending = old - st.size;
		}
	}
	return (used);
}

struct input *
input_create(input_cb cb, void *arg)
{
	struct input	*ip;

	ip = xcalloc(1, sizeof *ip);
	ip->cb = cb;
	ip->arg = arg;
	return (ip);
}

void
input_free(struct input *ip)
{
	free(ip);
}

/* Decode bytes; complete events are handed to the callback in order. */
void
input_parse(struct input *ip, const char *data, size_t len)
{
	const u_char		*buf = (const u_char *)data;
	struct input_step	 st;
	size_t			 used;

	used = input_parse_pending(ip, buf, len);
	buf += used;
	len -= used;
	while (len > 0) {
		input_step(ip, buf, len, 0, &st);
		if (st.size == 0) {
			if (len > INPUT_SEQ_MAX + 1)
				fatalx("input: %zu bytes pending", len);
			memcpy(ip->pending, buf, len);
			ip->npending = len;
			return;
		}
		input_emit(ip, &st);
		buf += st.size;
		len -= st.size;
	}
}

/*
 * Whether a timer should call input_flush. A partial paste end marker
 * is not counted: only more bytes can settle it.
 */
int
input_pending(const struct input *ip)
{
	if (ip->skip != INPUT_SKIP_NONE)
		return (1);
	return (ip->npending != 0 && !ip->paste);
}

/*
 * The escape-time ran out: decode whatever waits as plain keys, and give
 * up skipping an overlong sequence.
 */
void
input_flush(struct input *ip)
{
	struct input_step	st;

	ip->skip = INPUT_SKIP_NONE;
	while (ip->npending != 0) {
		input_step(ip, ip->pending, ip->npending, 1, &st);
		if (st.size == 0)
			break;
		input_emit(ip, &st);
		memmove(ip->pending, ip->pending + st.size,
		    ip->npending - st.size);
		ip->npending -= st.size;
	}
}
