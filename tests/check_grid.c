/*
 * The cells we own (grid.c), two ways.
 *
 * The history's compact lines: every kind of cell comes back as it went in
 * (pens, ASCII, UTF-8, wide, combining, odd values), trimmed of trailing
 * blanks; a plain line costs about a byte a cell.
 *
 * The screen, differentially: the same bytes go to a vt (libvterm's state
 * layer driving our grid) and to a plain libvterm screen, the layer vigil
 * used before, and every cell, the cursor and the history's length must
 * agree after every chunk: hand-written sequences of the kinds vttest
 * exercises, recorded sessions of real agent TUIs, and seeded random input
 * with resizes between chunks. The libvterm side gets the bytes after
 * vt.c's filter (vt_set_feed_hook), so both parse the same stream.
 *
 * Two differences are by design and the comparison allows for them: a
 * trailing blank of the default pen comes back from the history empty
 * where it was a space (the same on screen and in text), and the history
 * keeps cells without the screen's reverse (DECSCNM), where libvterm's
 * copy bakes the reverse in; the reference here un-bakes it.
 */

#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vterm.h>

#include "check_vigil.h"
#include "vigil/colour.h"
#include "vigil/grid.h"
#include "vigil/style.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

static uint64_t	grid_seed = 7;

static uint32_t
grid_rand(void)
{
	grid_seed ^= grid_seed << 13;
	grid_seed ^= grid_seed >> 7;
	grid_seed ^= grid_seed << 17;
	return ((uint32_t)grid_seed);
}

/* A random colour of any kind. */
static int
grid_colour(void)
{
	switch (grid_rand() % 3) {
	case 0:
		return (grid_rand() % 256);
	case 1:
		return (COLOUR_RGB(grid_rand() % 256, grid_rand() % 256,
		    grid_rand() % 256));
	}
	return (COLOUR_DEFAULT);
}

/* Fill a row with random cells of every kind the encoding tells apart. */
static void
grid_random_row(struct grid_row *row, u_int sx)
{
	static const uint32_t odd[] = { 0xe9, 0x3bb, 0x2500, 0x1f600 };
	uint32_t	chars[GRID_MAX_CHARS + 1];
	u_int		x, k;

	for (x = 0; x < sx; x++) {
		memset(chars, 0, sizeof chars);
		switch (grid_rand() % 8) {
		case 0:
			break;				/* empty */
		case 1:
			if (x + 1 < sx) {
				chars[0] = 0x6f22;	/* wide CJK */
				row->cells[x + 1].ch = GRID_PADDING;
			} else
				chars[0] = 'w';
			break;
		case 2:
			chars[0] = odd[grid_rand() % 4];
			break;
		case 3:
			chars[0] = 'e';			/* combining marks */
			for (k = 1; k < 1 + grid_rand() % 6; k++)
				chars[k] = 0x301 + k;
			break;
		case 4:
			chars[0] = 0xd800;		/* not UTF-8: raw */
			break;
		case 5:
			chars[0] = 0x80000001;		/* looks like ours */
			break;
		default:
			chars[0] = 0x20 + grid_rand() % 95;
			break;
		}
		row->cells[x].fg = grid_colour();
		row->cells[x].bg = grid_colour();
		row->cells[x].attrs = grid_rand() % 4 == 0 ?
		    grid_rand() & 0x3ff : 0;
		grid_row_set_chars(row, sx, x, chars);
		if (row->cells[x + (x + 1 < sx)].ch == GRID_PADDING &&
		    chars[0] == 0x6f22)
			x++;
	}
	/* A last cell that is not blank: nothing is trimmed. */
	if (row->cells[sx - 1].ch != GRID_PADDING) {
		chars[0] = 'z';
		chars[1] = 0;
		grid_row_set_chars(row, sx, sx - 1, chars);
	}
	row->used = sx;		/* pens were set here too */
}

/* The first cell where two rows differ to anyone reading them, or -1. */
static int
grid_row_differs(const struct grid_row *a, const struct grid_row *b, u_int sx)
{
	uint32_t	ca[GRID_MAX_CHARS + 1], cb[GRID_MAX_CHARS + 1];
	u_int		x, na, nb;

	for (x = 0; x < sx; x++) {
		if ((a->cells[x].ch == GRID_PADDING) !=
		    (b->cells[x].ch == GRID_PADDING))
			return ((int)x);
		if (a->cells[x].ch == GRID_PADDING)
			continue;
		na = grid_row_chars(a, x, ca);
		nb = grid_row_chars(b, x, cb);
		if (na != nb || memcmp(ca, cb, na * sizeof *ca) != 0)
			return ((int)x);
		if (a->cells[x].attrs != b->cells[x].attrs ||
		    a->cells[x].fg != b->cells[x].fg ||
		    a->cells[x].bg != b->cells[x].bg)
			return ((int)x);
	}
	return (-1);
}

START_TEST(test_grid_roundtrip)
{
	struct grid_history	*gh = grid_history_create(64);
	struct grid_row		 in[64], out;
	u_int			 line, lines = 64, cols = 120;
	int			 x;

	for (line = 0; line < lines; line++) {
		grid_row_init(&in[line], cols);
		grid_random_row(&in[line], cols);
		grid_history_push(gh, &in[line], cols);
	}
	ck_assert_uint_eq(grid_history_size(gh), lines);
	for (line = lines; line > 0; line--) {
		ck_assert_int_eq(grid_history_pop(gh, &out, cols), 1);
		x = grid_row_differs(&in[line - 1], &out, cols);
		ck_assert_msg(x == -1, "line %u cell %d: in %08x, out %08x",
		    line - 1, x, in[line - 1].cells[x].ch, out.cells[x].ch);
		grid_row_free(&out);
		grid_row_free(&in[line - 1]);
	}
	ck_assert_int_eq(grid_history_pop(gh, &out, cols), 0);
	ck_assert_uint_eq(grid_history_bytes(gh), 0);
	grid_history_free(gh);
}
END_TEST

/*
 * A cap in bytes: the oldest lines go so that the history never costs
 * more; the newest stay, in order; a lower cap drops more at once; a line
 * that costs more than the cap leaves nothing.
 */
START_TEST(test_grid_max_bytes)
{
	struct grid_history	*gh = grid_history_create(1000);
	struct grid_row		 in, out;
	uint32_t		 chars[2] = { 0, 0 };
	u_int			 line, x, kept;

	grid_history_set_max_bytes(gh, 4096);
	grid_row_init(&in, 80);
	for (line = 0; line < 500; line++) {
		for (x = 0; x < 80; x++) {
			chars[0] = 'A' + (line + x) % 26;
			grid_row_set_chars(&in, 80, x, chars);
			in.cells[x].fg = line % 2 == 0 ? 3 :
			    COLOUR_RGB(200, 100, line % 256);
		}
		grid_history_push(gh, &in, 80);
		ck_assert_msg(grid_history_bytes(gh) <= 4096,
		    "line %u: %zu bytes", line, grid_history_bytes(gh));
	}
	kept = grid_history_size(gh);
	/* 80 characters, a pen and a slot: about 107 bytes a line. */
	ck_assert_msg(kept >= 4096 / 120 && kept < 4096 / 80,
	    "%u lines kept in 4096 bytes", kept);
	ck_assert_int_eq(grid_history_pop(gh, &out, 80), 1);
	ck_assert_uint_eq(out.cells[0].ch, 'A' + 499 % 26);
	grid_row_free(&out);

	grid_history_set_max_bytes(gh, 1024);
	ck_assert_uint_le(grid_history_bytes(gh), 1024);
	ck_assert_uint_lt(grid_history_size(gh), kept / 3);
	ck_assert_int_eq(grid_history_pop(gh, &out, 80), 1);
	ck_assert_uint_eq(out.cells[0].ch, 'A' + 498 % 26);
	grid_row_free(&out);

	grid_history_set_max_bytes(gh, 50);
	ck_assert_uint_eq(grid_history_size(gh), 0);
	grid_history_push(gh, &in, 80);
	ck_assert_uint_eq(grid_history_size(gh), 0);
	ck_assert_uint_eq(grid_history_bytes(gh), 0);
	grid_row_free(&in);
	grid_history_free(gh);
}
END_TEST

/* Trailing blanks go and come back; plain text is a byte a cell. */
START_TEST(test_grid_plain)
{
	struct grid_history	*gh = grid_history_create(4);
	struct grid_row		 in, out;
	uint32_t		 chars[2] = { 0, 0 };
	u_int			 x;

	grid_row_init(&in, 200);
	for (x = 0; x < 150; x++) {
		chars[0] = 'a' + x % 26;
		grid_row_set_chars(&in, 200, x, chars);
		in.cells[x].fg = 7;
	}
	grid_history_push(gh, &in, 200);
	/* The characters, one pen, and the line's slot in the ring. */
	ck_assert_msg(grid_history_bytes(gh) <= 150 + 11 + 16,
	    "a 150-character line costs %zu bytes", grid_history_bytes(gh));
	/* A narrower screen takes what fits, a wider one pads. */
	ck_assert_int_eq(grid_history_pop(gh, &out, 100), 1);
	ck_assert_int_eq(grid_row_differs(&in, &out, 100), -1);
	grid_row_free(&out);
	grid_history_push(gh, &in, 200);
	ck_assert_int_eq(grid_history_pop(gh, &out, 250), 1);
	ck_assert_int_eq(grid_row_differs(&in, &out, 200), -1);
	for (x = 200; x < 250; x++)
		ck_assert_uint_eq(out.cells[x].ch, 0);
	grid_row_free(&out);
	grid_row_free(&in);
	grid_history_free(gh);
}
END_TEST

/* Combining characters rewritten over and over keep a row's store small. */
START_TEST(test_grid_extended)
{
	struct grid_row	row;
	uint32_t	chars[GRID_MAX_CHARS + 1], got[GRID_MAX_CHARS];
	u_int		i, x;

	grid_row_init(&row, 10);
	for (i = 0; i < 5000; i++) {
		x = i % 10;
		memset(chars, 0, sizeof chars);
		chars[0] = 'a' + x;
		chars[1] = 0x300 + i % 64;
		chars[2] = i % 3 == 0 ? 0x327 : 0;
		grid_row_set_chars(&row, 10, x, chars);
		ck_assert_uint_le(row.size_ext, 2 * 10 + 4);
	}
	for (x = 0; x < 10; x++) {
		i = 4990 + x;
		ck_assert_uint_eq(grid_row_chars(&row, x, got),
		    i % 3 == 0 ? 3 : 2);
		ck_assert_uint_eq(got[0], 'a' + x);
		ck_assert_uint_eq(got[1], 0x300 + i % 64);
	}
	grid_row_free(&row);
}
END_TEST

/*
 * A run of ASCII put straight into a row (vt.c's fast path) is in the row's
 * used cells: a line feed takes it into the history whole, and an erase
 * clears it.
 */
START_TEST(test_grid_put_ascii)
{
	struct grid		*g = grid_create(20, 3, 10);
	struct grid_rect	 all = { 0, 3, 0, 20 }, line = { 1, 2, 0, 20 };
	struct grid_row		 row;
	struct grid_cell	 gc;
	uint32_t		 chars[GRID_MAX_CHARS];
	u_int			 width, x;

	grid_put_ascii(g, 2, 0, "hello", 5, 0);
	grid_put_ascii(g, 15, 1, "world!!", 7, 1);
	grid_scroll(g, &all, 1, 0);
	ck_assert(grid_history_pop(grid_history(g), &row, 20));
	for (x = 0; x < 5; x++)
		ck_assert_uint_eq(row.cells[2 + x].ch, (uint32_t)"hello"[x]);
	grid_row_free(&row);
	grid_get_cell(g, 19, 0, &gc, chars, &width);
	ck_assert_uint_eq(chars[0], 'd');	/* clipped at the edge */
	ck_assert(gc.flags & GRID_PROTECTED);
	grid_put_ascii(g, 0, 1, "abc", 3, 0);
	grid_erase(g, &line, 0);
	for (x = 0; x < 3; x++) {
		grid_get_cell(g, x, 1, &gc, chars, &width);
		ck_assert_uint_eq(chars[0], 0);
	}
	grid_free(g);
}
END_TEST

/* The reference: a plain libvterm screen and a history of whole cells. */
struct grid_ref {
	VTerm		*vterm;
	VTermScreen	*screen;
	VTermState	*state;
	int		 reverse;

	VTermScreenCell	*lines[64];
	int		 cols[64];
	u_int		 first, count, limit;
};

static int
grid_ref_settermprop(VTermProp prop, VTermValue *val, void *arg)
{
	struct grid_ref	*ref = arg;

	if (prop == VTERM_PROP_REVERSE)
		ref->reverse = val->boolean;
	return (1);
}

/* A line leaves the top: keep it without the screen's reverse. */
static int
grid_ref_pushline(int cols, const VTermScreenCell *cells, void *arg)
{
	struct grid_ref	*ref = arg;
	u_int		 slot;
	int		 x;

	if (ref->limit == 0)
		return (1);
	if (ref->count == ref->limit) {
		free(ref->lines[ref->first]);
		ref->first = (ref->first + 1) % ref->limit;
		ref->count--;
	}
	slot = (ref->first + ref->count++) % ref->limit;
	ref->lines[slot] = malloc(cols * sizeof *cells);
	memcpy(ref->lines[slot], cells, cols * sizeof *cells);
	for (x = 0; x < cols; x++)
		ref->lines[slot][x].attrs.reverse ^= ref->reverse;
	ref->cols[slot] = cols;
	return (1);
}

/* What vigil's popline did: cut to the width, a wide cell cut is blank. */
static int
grid_ref_popline(int cols, VTermScreenCell *cells, void *arg)
{
	struct grid_ref	*ref = arg;
	VTermScreenCell	 blank;
	u_int		 slot;
	int		 x, n;

	if (ref->count == 0)
		return (0);
	slot = (ref->first + --ref->count) % ref->limit;
	memset(&blank, 0, sizeof blank);
	blank.width = 1;
	vterm_state_get_default_colors(ref->state, &blank.fg, &blank.bg);
	n = ref->cols[slot] < cols ? ref->cols[slot] : cols;
	for (x = 0; x < cols; x++) {
		cells[x] = x < n ? ref->lines[slot][x] : blank;
		cells[x].attrs.reverse ^= ref->reverse;
	}
	if (n == cols && cells[n - 1].width == 2)
		cells[n - 1] = blank;
	for (x = 0; x < cols; x++) {
		if (cells[x].width < 1)
			cells[x].width = 1;
	}
	free(ref->lines[slot]);
	return (1);
}

static const VTermScreenCallbacks grid_ref_callbacks = {
	.settermprop = grid_ref_settermprop,
	.sb_pushline = grid_ref_pushline,
	.sb_popline = grid_ref_popline,
};

static void
grid_ref_feed(const char *buf, size_t len, void *arg)
{
	struct grid_ref	*ref = arg;

	vterm_input_write(ref->vterm, buf, len);
}

static void
grid_ref_init(struct grid_ref *ref, u_int sx, u_int sy, u_int limit)
{
	memset(ref, 0, sizeof *ref);
	ref->limit = limit;
	ref->vterm = vterm_new(sy, sx);
	vterm_set_utf8(ref->vterm, 1);
	ref->state = vterm_obtain_state(ref->vterm);
	vterm_state_set_bold_highbright(ref->state, 0);
	ref->screen = vterm_obtain_screen(ref->vterm);
	vterm_screen_enable_altscreen(ref->screen, 1);
	vterm_screen_set_callbacks(ref->screen, &grid_ref_callbacks, ref);
	vterm_screen_set_damage_merge(ref->screen, VTERM_DAMAGE_SCROLL);
	vterm_screen_reset(ref->screen, 1);
}

static void
grid_ref_free(struct grid_ref *ref)
{
	while (ref->count > 0) {
		free(ref->lines[ref->first]);
		ref->first = (ref->first + 1) % ref->limit;
		ref->count--;
	}
	vterm_free(ref->vterm);
}

static int
grid_ref_colour(const VTermColor *c, int is_fg)
{
	if (is_fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return (COLOUR_DEFAULT);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (c->indexed.idx);
	return (COLOUR_RGB(c->rgb.red, c->rgb.green, c->rgb.blue));
}

/* A reference cell as vt_get_cell showed it when libvterm had the cells. */
static void
grid_ref_cell(struct grid_ref *ref, u_int x, u_int y, struct vt_cell *gc)
{
	VTermScreenCell	cell;
	VTermPos	pos = { .row = y, .col = x };
	u_int		i;

	memset(gc, 0, sizeof *gc);
	gc->width = 1;
	gc->fg = gc->bg = COLOUR_DEFAULT;
	vterm_screen_get_cell(ref->screen, pos, &cell);
	if (cell.chars[0] == (uint32_t)-1) {
		gc->width = 0;
		return;
	}
	for (i = 0; i < VT_MAX_CHARS && cell.chars[i] != 0; i++)
		gc->chars[i] = cell.chars[i];
	gc->width = cell.width == 2 ? 2 : 1;
	gc->attrs |= cell.attrs.bold ? ATTR_BOLD : 0;
	gc->attrs |= cell.attrs.font == 1 ? ATTR_DIM : 0;
	gc->attrs |= cell.attrs.italic ? ATTR_ITALIC : 0;
	if (cell.attrs.underline == VTERM_UNDERLINE_SINGLE)
		gc->attrs |= ATTR_UNDERLINE;
	else if (cell.attrs.underline == VTERM_UNDERLINE_DOUBLE)
		gc->attrs |= ATTR_DUNDERLINE;
	else if (cell.attrs.underline == VTERM_UNDERLINE_CURLY)
		gc->attrs |= ATTR_CURLY;
	gc->attrs |= cell.attrs.blink ? ATTR_BLINK : 0;
	gc->attrs |= cell.attrs.reverse ? ATTR_REVERSE : 0;
	gc->attrs |= cell.attrs.strike ? ATTR_STRIKE : 0;
	gc->fg = grid_ref_colour(&cell.fg, 1);
	gc->bg = grid_ref_colour(&cell.bg, 0);
}

/* A space of the default pen is an empty cell. */
static void
grid_normalise(struct vt_cell *gc, int reverse)
{
	if (gc->chars[0] == ' ' && gc->chars[1] == 0 && gc->fg ==
	    COLOUR_DEFAULT && gc->bg == COLOUR_DEFAULT &&
	    gc->attrs == (reverse ? ATTR_REVERSE : 0))
		gc->chars[0] = 0;
}

/* Compare everything; describe the first difference in why. */
static int
grid_compare(struct vt *vt, struct grid_ref *ref, char *why, size_t size)
{
	struct vt_cell		a, b;
	struct vt_cursor	cursor;
	VTermPos		pos;
	u_int			sx, sy, x, y;

	vt_size(vt, &sx, &sy);
	vterm_get_size(ref->vterm, (int *)&y, (int *)&x);
	if (x != sx || y != sy) {
		snprintf(why, size, "size %ux%u, libvterm %ux%u", sx, sy, x, y);
		return (0);
	}
	for (y = 0; y < sy; y++) {
		for (x = 0; x < sx; x++) {
			vt_get_cell(vt, x, y, &a);
			grid_ref_cell(ref, x, y, &b);
			grid_normalise(&a, ref->reverse);
			grid_normalise(&b, ref->reverse);
			if (memcmp(&a, &b, sizeof a) == 0)
				continue;
			snprintf(why, size, "cell %u,%u: U+%04X+%04X w%d "
			    "attrs %x fg %x bg %x; libvterm U+%04X+%04X w%d "
			    "attrs %x fg %x bg %x", x, y, a.chars[0], a.chars[1],
			    a.width, a.attrs, a.fg, a.bg, b.chars[0],
			    b.chars[1], b.width, b.attrs, b.fg, b.bg);
			return (0);
		}
	}
	vt_get_cursor(vt, &cursor);
	vterm_state_get_cursorpos(ref->state, &pos);
	if (cursor.x != (u_int)pos.col || cursor.y != (u_int)pos.row) {
		snprintf(why, size, "cursor %u,%u, libvterm %d,%d", cursor.x,
		    cursor.y, pos.col, pos.row);
		return (0);
	}
	if (vt_history_size(vt) != ref->count) {
		snprintf(why, size, "history %u lines, libvterm %u",
		    vt_history_size(vt), ref->count);
		return (0);
	}
	return (1);
}

static const struct vt_callbacks grid_vt_callbacks;

/* A vt and its reference, fed the same. */
struct grid_pair {
	struct vt	*vt;
	struct grid_ref	 ref;
};

static void
grid_pair_init(struct grid_pair *gp, u_int sx, u_int sy, u_int limit)
{
	grid_ref_init(&gp->ref, sx, sy, limit);
	gp->vt = vt_create(sx, sy, limit, &grid_vt_callbacks, NULL);
	vt_set_feed_hook(gp->vt, grid_ref_feed, &gp->ref);
}

static void
grid_pair_free(struct grid_pair *gp)
{
	vt_free(gp->vt);
	grid_ref_free(&gp->ref);
}

static void
grid_pair_resize(struct grid_pair *gp, u_int sx, u_int sy)
{
	struct vt_cursor	cursor;
	VTermPos		pos;
	u_int			ox, oy, limit;

	vt_size(gp->vt, &ox, &oy);
	if (ox == sx && oy == sy)
		return;
	/* First: vt_resize may feed a margin reset the reference must see. */
	vterm_set_size(gp->ref.vterm, sy, sx);
	vt_resize(gp->vt, sx, sy);

	/*
	 * libvterm pushed the cursor's line into the history and left its
	 * cursor above the screen, where it would write out of bounds; the
	 * grid stops at the cursor's line. Check that, then start both anew.
	 */
	vterm_state_get_cursorpos(gp->ref.state, &pos);
	if (pos.row >= 0)
		return;
	vt_get_cursor(gp->vt, &cursor);
	ck_assert_uint_eq(cursor.y, 0);
	ck_assert_uint_lt(vt_history_size(gp->vt), gp->ref.count + 1);
	limit = gp->ref.limit;
	grid_pair_free(gp);
	grid_pair_init(gp, sx, sy, limit);
}

/* Both screens as text, to see a difference (GRID_DUMP=1 in the env). */
static void
grid_dump(struct grid_pair *gp)
{
	struct vt_cell	a, b;
	u_int		sx, sy, x, y;

	vt_size(gp->vt, &sx, &sy);
	for (y = 0; y < sy; y++) {
		fprintf(stderr, "%2u |", y);
		for (x = 0; x < sx; x++) {
			vt_get_cell(gp->vt, x, y, &a);
			fputc(a.width == 0 ? '>' : (a.chars[0] >= 0x20 &&
			    a.chars[0] < 0x7f ? (int)a.chars[0] : (a.chars[0] ?
			    '?' : '.')), stderr);
		}
		fprintf(stderr, "| |");
		for (x = 0; x < sx; x++) {
			grid_ref_cell(&gp->ref, x, y, &b);
			fputc(b.width == 0 ? '>' : (b.chars[0] >= 0x20 &&
			    b.chars[0] < 0x7f ? (int)b.chars[0] : (b.chars[0] ?
			    '?' : '.')), stderr);
		}
		fprintf(stderr, "|\n");
	}
}

/* Feed one chunk to both and compare; fail with what and where. */
static void
grid_pair_check(struct grid_pair *gp, const char *buf, size_t len,
    const char *what)
{
	char	why[256], shown[64];
	size_t	i, n = 0;

	vt_write(gp->vt, buf, len);
	if (grid_compare(gp->vt, &gp->ref, why, sizeof why))
		return;
	for (i = len > 20 ? len - 20 : 0; i < len && n + 5 < sizeof shown;
	    i++) {
		if ((u_char)buf[i] < 0x20 || (u_char)buf[i] >= 0x7f)
			n += snprintf(shown + n, sizeof shown - n, "\\x%02x",
			    (u_char)buf[i]);
		else
			shown[n++] = buf[i];
	}
	shown[n] = '\0';
	if (getenv("GRID_DUMP") != NULL)
		grid_dump(gp);
	ck_abort_msg("%s: %s (after ...%s)", what, why, shown);
}

/* Hand-written sequences, vttest's kinds of things, one at a time. */
static const char *grid_sequences[] = {
	"hello\r\nworld\r\n\033[31mred\033[0m \033[1;4mbold\033[m",
	/* Fill, then scroll the whole screen and a region. */
	"\033#8\033[3;7r\033[7;1H\n\n\033[3;1H\033M\033M\033[r",
	/* Insert and delete characters and lines, erase characters. */
	"abcdefghij\033[1;3H\033[2@\033[2P\033[4X\033[2;1H\033[2L\033[1M",
	/* Left and right margins, then scroll inside them. */
	"\033#8\033[?69h\033[5;15s\033[2;6r\033[6;5H\n\n\033[2S\033[3T"
	    "\033[?69l\033[r",
	/* Erase in display and line, every kind. */
	"\033#8\033[5;10H\033[0J\033[3;10H\033[1J\033[2;3H\033[K\033[4;3H"
	    "\033[1K\033[6H\033[2K\033[2J",
	/* Selective erase keeps protected cells. */
	"\033[1\"qprot\033[0\"qnot\033[1;1H\033[?2K\033[2;1Hxy\033[?J",
	/* Wide and combining characters, and overwriting halves. */
	"\xe6\xbc\xa2\xe5\xad\x97 e\xcc\x81 a\xcc\x80\xcc\x81\xcc\x82 "
	    "\033[1;2Hx\033[2;1H\xf0\x9f\x98\x80\033[2;1Hz",
	/* A wide character at the right edge wraps. */
	"\033[1;80H\xe6\xbc\xa2\033[3;79H\xe6\xbc\xa2\xe6\xbc\xa2",
	/* Pens: 256 colours, true colour, reverse, dim, strike, erase. */
	"\033[38;5;202;48;2;1;2;3;2;7;9mpen\033[K\033[0m\033[44m\033[2;1H"
	    "\033[K\033[m",
	/* The alternate screen, and back. */
	"main\033[?1049h\033[31malt\033[2J\033[5;5Hx\033[?1049l\033[m",
	"\033[?47halt47\033[?47l\033[?1047hx\033[?1047l",
	/* Screen reverse, then a scroll into the history while reversed. */
	"\033[?5h\033[24;1H\n\nrev\033[?5l",
	/* Double width and height lines. */
	"\033#8\033[3H\033#6\033[4H\033#3\033[5H\033#4\033[3H\033#5",
	/* Insert mode, autowrap off, origin mode, tabs. */
	"\033[4hins\033[1;1Hxx\033[4l\033[?7l\033[1;75Habcdefghij\033[?7h"
	    "\033[5;10r\033[?6h\033[Hor\033[?6l\033[r\tt\033[3g\033[1;9H\033H"
	    "\r\t|",
	/* A full reset. */
	"\033[31mxyz\033[?1049h\033c",
	/* Scroll by more than the region, and backward index at the top. */
	"\033[2;5r\033[10S\033[10T\033[r\033[H\033M\033[99L\033[99M",
	/* Many lines: the history fills and drops its oldest. */
	"1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n10\r\n11\r\n12\r\n"
	    "13\r\n14\r\n15\r\n16\r\n17\r\n18\r\n19\r\n20\r\n21\r\n22\r\n"
	    "23\r\n24\r\n25\r\n26\r\n27\r\n28\r\n29\r\n30\r\n31\r\n32\r\n",
};

START_TEST(test_grid_sequences)
{
	struct grid_pair	gp;
	u_int			i;
	char			what[32];

	grid_pair_init(&gp, 80, 24, 16);
	for (i = 0; i < sizeof grid_sequences / sizeof grid_sequences[0];
	    i++) {
		snprintf(what, sizeof what, "sequence %u", i);
		grid_pair_check(&gp, grid_sequences[i],
		    strlen(grid_sequences[i]), what);
	}
	/* Shrink below the cursor, grow back from the history, go narrow. */
	grid_pair_resize(&gp, 80, 10);
	grid_pair_check(&gp, "", 0, "shrink");
	grid_pair_resize(&gp, 80, 30);
	grid_pair_check(&gp, "", 0, "grow");
	grid_pair_resize(&gp, 7, 30);
	grid_pair_check(&gp, "\xe6\xbc\xa2\xe6\xbc\xa2\xe6\xbc\xa2\r\n", 11,
	    "narrow");
	grid_pair_resize(&gp, 120, 40);
	grid_pair_check(&gp, "", 0, "wide");
	grid_pair_free(&gp);
}
END_TEST

/*
 * Where libvterm's screen layer crashed and the grid must not: a wide
 * character on a screen (or a double-width line) one cell wide, REP of a
 * wide character at the edge, a line feed below a top margin the screen
 * shrank past, text at a cursor restored below the last line, and a
 * shrink that would push the cursor's own line away.
 */
#define GRID_WRITE(vt, s) vt_write(vt, s, sizeof s - 1)

START_TEST(test_grid_narrow)
{
	struct vt		*vt;
	struct vt_cell		 cell;
	struct vt_cursor	 cursor;
	u_int			 x, y;

	vt = vt_create(1, 3, 10, &grid_vt_callbacks, NULL);
	GRID_WRITE(vt, "\xe6\xbc\xa2\xe6\xbc\xa2");
	vt_get_cell(vt, 0, 1, &cell);
	ck_assert_uint_eq(cell.chars[0], 0x6f22);
	ck_assert_int_eq(cell.width, 1);
	vt_resize(vt, 3, 3);
	GRID_WRITE(vt, "\033[H\033#6\xe6\xbc\xa2\033[1;2H\xe6\xbc\xa2\033[9b");
	vt_resize(vt, 10, 10);
	GRID_WRITE(vt, "\033[8;10r\0337");
	vt_resize(vt, 10, 4);
	GRID_WRITE(vt, "\n\n\n\n\0338\033[4hxyz\xe6\xbc\xa2");
	vt_get_cursor(vt, &cursor);
	ck_assert_uint_lt(cursor.y, 4);

	/* Text on every row, the cursor at the top: it keeps its line. */
	vt_resize(vt, 10, 8);
	for (y = 1; y <= 8; y++) {
		char	line[16];

		snprintf(line, sizeof line, "\033[%uHrow%u", y, y);
		vt_write(vt, line, strlen(line));
	}
	GRID_WRITE(vt, "\033[2;1H");
	vt_resize(vt, 10, 3);
	vt_get_cursor(vt, &cursor);
	ck_assert_uint_eq(cursor.y, 0);
	vt_get_cell(vt, 0, 0, &cell);
	ck_assert_uint_eq(cell.chars[0], 'r');
	vt_get_cell(vt, 3, 0, &cell);
	ck_assert_uint_eq(cell.chars[0], '2');

	/* A resize inside an escape: the margins are fixed after it ends. */
	vt_resize(vt, 10, 10);
	GRID_WRITE(vt, "\033[2J\033[8;10r\033(");
	vt_resize(vt, 10, 4);
	GRID_WRITE(vt, "B\n\n\n\n\n");
	for (y = 0; y < 4; y++) {
		for (x = 0; x < 10; x++) {
			vt_get_cell(vt, x, y, &cell);
			ck_assert_msg(cell.chars[0] != 'B', "B at %u,%u", x, y);
		}
	}
	vt_free(vt);
}
END_TEST

/* Append a random piece of terminal output, weighted to what programs do. */
static size_t
grid_random_piece(char *out, size_t size)
{
	static const char *finals = "@ABCDEFGHIJKLMPSTXZ`adefghlmnqrsu";
	static const char *escs[] = {
		"\0337", "\0338", "\033D", "\033E", "\033M", "\033H", "\033#8",
		"\033#3", "\033#4", "\033#5", "\033#6", "\033=", "\033>", "\033c",
		"\033(0", "\033(B", "\r", "\n", "\b", "\t", "\x0b", "\x0c",
		"\x0e", "\x0f", "\x07", "\r\n", "\033[?1049h", "\033[?1049l",
		"\033[?47h", "\033[?47l", "\033[?5h", "\033[?5l", "\033[?69h",
		"\033[?69l", "\033[?6h", "\033[?6l", "\033[?7h", "\033[?7l",
		"\033[4h", "\033[4l", "\033[r", "\033[1\"q", "\033[0\"q",
		"\033[?J", "\033[?1J", "\033[?K", "\033[?2K", "\033[2J",
		"\033]0;title\007", "\033]8;;http://x\033\\",
	};
	static const char *utf8[] = {
		"\xc3\xa9", "\xce\xbb", "\xe2\x94\x80", "\xe6\xbc\xa2",
		"\xf0\x9f\x98\x80", "\xcc\x81", "\xcc\x80\xcc\x82", "\xe2\x80\x8b",
		"\xef\xbc\xa1", "\xe3\x80\x80", "\xef\xbf\xbd",
	};
	size_t	n = 0, k;
	u_int	i, args;

	switch (grid_rand() % 10) {
	case 0:
	case 1:
	case 2:
		k = 1 + grid_rand() % 40;
		for (i = 0; i < k && n < size; i++)
			out[n++] = 0x20 + grid_rand() % 95;
		return (n);
	case 3:
		return (snprintf(out, size, "%s",
		    utf8[grid_rand() % (sizeof utf8 / sizeof utf8[0])]));
	case 4:
	case 5:
		return (snprintf(out, size, "%s",
		    escs[grid_rand() % (sizeof escs / sizeof escs[0])]));
	case 6:
		/* An SGR of a few parameters, colours among them. */
		n = snprintf(out, size, "\033[");
		args = grid_rand() % 4;
		for (i = 0; i < args; i++) {
			switch (grid_rand() % 4) {
			case 0:
				n += snprintf(out + n, size - n, "38;5;%u;",
				    grid_rand() % 256);
				break;
			case 1:
				n += snprintf(out + n, size - n, "48;2;%u;%u;%u;",
				    grid_rand() % 256, grid_rand() % 256,
				    grid_rand() % 256);
				break;
			default:
				n += snprintf(out + n, size - n, "%u;",
				    grid_rand() % 110);
				break;
			}
		}
		n += snprintf(out + n, size - n, "%um", grid_rand() % 10);
		return (n);
	default:
		/* A CSI with up to three small parameters. */
		n = snprintf(out, size, "\033[%s", grid_rand() % 8 == 0 ? "?" :
		    "");
		args = grid_rand() % 4;
		for (i = 0; i < args; i++)
			n += snprintf(out + n, size - n, "%s%u", i ? ";" : "",
			    grid_rand() % (i == 0 ? 30 : 90));
		n += snprintf(out + n, size - n, "%c",
		    finals[grid_rand() % strlen(finals)]);
		return (n);
	}
}

/* Seeded random input in chunks, with resizes between some of them. */
START_TEST(test_grid_random)
{
	struct grid_pair	gp;
	char			buf[4096], what[64];
	size_t			len;
	u_int			round, chunk, sx, sy;

	grid_seed = 0x9e3779b97f4a7c15ULL + _i;
	grid_pair_init(&gp, 40, 12, 20);
	for (round = 0; round < 300; round++) {
		if (grid_rand() % 6 == 0) {
			/* libvterm's screen crashes on a wide character that
			 * finds a row of one cell (test_grid_narrow). */
			sx = 4 + grid_rand() % 87;
			sy = 1 + grid_rand() % 30;
			grid_pair_resize(&gp, sx, sy);
		}
		for (chunk = 0, len = 0; chunk < 40 && len + 512 < sizeof buf;
		    chunk++)
			len += grid_random_piece(buf + len, sizeof buf - len);
		snprintf(what, sizeof what, "seed %d round %u", _i, round);
		grid_pair_check(&gp, buf, len, what);
	}
	grid_pair_free(&gp);
}
END_TEST

/*
 * Runs of printable ASCII skip libvterm (vt.c's vt_run): everything that
 * changes where or how such a run lands, around and between long runs.
 * Character sets in all four sets and shifts (SO, SI, LS2, LS3, single
 * shifts), insert mode, autowrap, origin mode with margins, double-width
 * lines, protected cells, combining characters after a run, open UTF-8
 * before one, wide characters overwritten, escapes libvterm and xterm read
 * differently, long strings cut short, and runs wrapping at the edge.
 */
static const char *grid_run_noise[] = {
	"\r\n", "\r\n", "\r\n", "\r", "\n", "\b\b", "\t", "\033[K",
	"\033(0", "\033(B", "\033(A", "\033)0", "\033)B", "\033*0", "\033*B",
	"\033+0", "\033+A", "\033+B", "\x0e", "\x0f", "\033n", "\033o",
	"\033N", "\033O", "\033(\n0", "\033\n(0", "\033((0", "\033 (B",
	"\033[4h", "\033[4l", "\033[4;20h", "\033[?7l", "\033[?7h",
	"\033[?6h", "\033[?6l", "\033[?6;7h", "\033[?0006h", "\033[?6\000h",
	"\033[?69h\033[5;30s", "\033[?69l", "\033[3;9r", "\033[r",
	"\033#6", "\033#5", "\033#3", "\033[1\"q", "\033[0\"q", "\033[?2K",
	"\xcc\x81", "\xcc\x80\xcc\x82", "\xe2", "\xe2\x94", "\xf8", "\xc3\xa9",
	"\xe6\xbc\xa2", "\xf0\x9f\x98\x80", "\033c", "\033[!p", "\0337",
	"\0338", "\033 [1;2;3m", "\033\n[1m", "\033[31m", "\033[m",
	"\033[2;5H", "\033[1;70H", "\033[1;78H", "\033[99C", "\033[3@",
	"\033]0;t\007", "\033[?1049h", "\033[?1049l", "\033[?5h", "\033[?5l",
};

static size_t
grid_run_piece(char *out, size_t size, u_int sx)
{
	size_t	n = 0, k;
	u_int	i;

	if (grid_rand() % 3 != 0)
		return (snprintf(out, size, "%s", grid_run_noise[grid_rand() %
		    (sizeof grid_run_noise / sizeof grid_run_noise[0])]));
	/* A run: a few characters up to three rows' worth. */
	k = 1 + grid_rand() % (grid_rand() % 2 ? 12 : 3 * sx);
	for (i = 0; i < k && n < size; i++)
		out[n++] = 0x20 + grid_rand() % 95;
	return (n);
}

START_TEST(test_grid_runs)
{
	struct grid_pair	gp;
	char			buf[8192], what[64];
	size_t			len;
	u_int			round, chunk, sx, sy;

	grid_seed = 0x51ed270b27a3d1c5ULL + _i;
	sx = 80;
	grid_pair_init(&gp, sx, 12, 20);
	for (round = 0; round < 250; round++) {
		if (grid_rand() % 8 == 0) {
			sx = 3 + grid_rand() % 120;
			sy = 1 + grid_rand() % 20;
			grid_pair_resize(&gp, sx, sy);
		}
		for (chunk = 0, len = 0; chunk < 30 &&
		    len + 3 * 123 + 64 < sizeof buf; chunk++)
			len += grid_run_piece(buf + len, sizeof buf - len, sx);
		if (grid_rand() % 16 == 0) {
			/* A string too long to hold, cut by an escape. */
			len += snprintf(buf + len, sizeof buf - len, "\033]0;");
			while (len < sizeof buf - 64)
				buf[len++] = 'x';
			len += snprintf(buf + len, sizeof buf - len, "%s",
			    grid_rand() % 2 ? "\033(0" : "\033[?6h");
		}
		snprintf(what, sizeof what, "seed %d round %u", _i, round);
		grid_pair_check(&gp, buf, len, what);
	}
	grid_pair_free(&gp);
}
END_TEST

/*
 * Recorded sessions (tests/fixtures/tui, README there): what real programs,
 * agent CLIs among them, wrote to a terminal while keys were sent, with the
 * points where the terminal was resized. A recording is a size, then
 * output ("o LEN\n" and LEN bytes) and resizes ("r COLS ROWS\n").
 */
struct grid_rec_event {
	const char	*buf;	/* NULL for a resize */
	size_t		 len;
	u_int		 sx, sy;
};

struct grid_rec {
	char			*data;
	size_t			 size;
	u_int			 sx, sy;
	struct grid_rec_event	*events;
	u_int			 nevents;
};

static const struct {
	const char	*name;
	int		 bytes;	/* small enough to feed a byte at a time */
} grid_recordings[] = {
	{ "claude", 1 },
	{ "codex", 0 },
	{ "gemini", 0 },
	{ "vim", 1 },
	{ "less", 0 },
	{ "top", 0 },
	{ "shell", 1 },
};
#define GRID_NRECORDINGS (sizeof grid_recordings / sizeof grid_recordings[0])

/* How a recording is cut into the chunks fed between comparisons. */
enum grid_chunking {
	GRID_RECORDED,		/* each read from the PTY, as recorded */
	GRID_WHOLE,		/* everything between two resizes at once */
	GRID_RANDOM,		/* seeded random sizes, 1 to 300 bytes */
	GRID_BYTES,		/* a byte at a time */
	GRID_NCHUNKINGS
};
static const char *grid_chunkings[] = {
	"recorded", "whole", "random", "bytes"
};

/* Read a recording; fail the test if it is missing or malformed. */
static void
grid_rec_load(struct grid_rec *gr, const char *name)
{
	const char	*srcdir = getenv("VIGIL_SRCDIR");
	char		 path[4096], line[64], *cp, *end, *nl;
	FILE		*f;
	long		 size;
	size_t		 len;
	u_int		 sx, sy, lineno = 0;

	snprintf(path, sizeof path, "%s/tests/fixtures/tui/%s.rec",
	    srcdir != NULL ? srcdir : ".", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s: cannot open", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	ck_assert_msg(size > 0, "%s: empty", path);
	rewind(f);
	memset(gr, 0, sizeof *gr);
	gr->data = xmalloc(size);
	gr->size = size;
	ck_assert_msg(fread(gr->data, 1, size, f) == (size_t)size, "%s: short "
	    "read", path);
	fclose(f);

	gr->events = xreallocarray(NULL, size / 4 + 1, sizeof *gr->events);
	cp = gr->data;
	end = gr->data + size;
	while (cp < end) {
		lineno++;
		nl = memchr(cp, '\n', end - cp);
		ck_assert_msg(nl != NULL, "%s: line %u: no line", path,
		    lineno);
		if (*cp == '#' && lineno > 1) {
			cp = nl + 1;
			continue;
		}
		ck_assert_msg((size_t)(nl - cp) < sizeof line, "%s: line %u: "
		    "line too long", path, lineno);
		memcpy(line, cp, nl - cp);
		line[nl - cp] = '\0';
		cp = nl + 1;
		if (lineno == 1) {
			ck_assert_msg(strcmp(line, "vigil-rec 1") == 0,
			    "%s: not a recording: '%s'", path, line);
			continue;
		}
		if (sscanf(line, "size %u %u", &sx, &sy) == 2) {
			gr->sx = sx;
			gr->sy = sy;
		} else if (sscanf(line, "r %u %u", &sx, &sy) == 2) {
			gr->events[gr->nevents].buf = NULL;
			gr->events[gr->nevents].sx = sx;
			gr->events[gr->nevents++].sy = sy;
		} else if (sscanf(line, "o %zu", &len) == 1) {
			ck_assert_msg(len + 1 <= (size_t)(end - cp) &&
			    cp[len] == '\n', "%s: line %u: %zu bytes "
			    "promised, %zu there", path, lineno, len,
			    (size_t)(end - cp));
			gr->events[gr->nevents].buf = cp;
			gr->events[gr->nevents++].len = len;
			cp += len + 1;
		} else
			ck_abort_msg("%s: line %u: bad line '%s'", path,
			    lineno, line);
	}
	ck_assert_msg(gr->sx > 0 && gr->sy > 0, "%s: no size", path);
}

static void
grid_rec_free(struct grid_rec *gr)
{
	free(gr->events);
	free(gr->data);
}

/* Feed one stretch of output between resizes, cut as asked. */
static void
grid_rec_feed(struct grid_pair *gp, const char *buf, size_t len,
    enum grid_chunking how, const char *name, size_t *offset)
{
	char	what[128];
	size_t	done, n;

	for (done = 0; done < len; done += n) {
		switch (how) {
		case GRID_RANDOM:
			n = 1 + grid_rand() % 300;
			break;
		case GRID_BYTES:
			n = 1;
			break;
		default:
			n = len;
			break;
		}
		if (n > len - done)
			n = len - done;
		snprintf(what, sizeof what, "%s.rec %s, bytes %zu-%zu", name,
		    grid_chunkings[how], *offset + done,
		    *offset + done + n - 1);
		grid_pair_check(gp, buf + done, n, what);
	}
	*offset += len;
}

/* A recording through the differential test, in one chunking. */
START_TEST(test_grid_recorded)
{
	u_int			 which = _i / GRID_NCHUNKINGS;
	const char		*name = grid_recordings[which].name;
	enum grid_chunking	 how = _i % GRID_NCHUNKINGS;
	struct grid_rec		 gr;
	struct grid_rec_event	*ev;
	struct grid_pair	 gp;
	char			*stretch, what[128];
	size_t			 len, offset = 0;
	u_int			 i;

	if (how == GRID_BYTES && !grid_recordings[which].bytes)
		return;
	grid_seed = 0x2545f4914f6cdd1dULL + _i;
	grid_rec_load(&gr, name);
	grid_pair_init(&gp, gr.sx, gr.sy, 50);
	stretch = xmalloc(gr.size);
	for (i = 0; i < gr.nevents; i++) {
		ev = &gr.events[i];
		if (ev->buf == NULL) {
			grid_pair_resize(&gp, ev->sx, ev->sy);
			snprintf(what, sizeof what, "%s.rec %s, resize to "
			    "%ux%u at byte %zu", name, grid_chunkings[how],
			    ev->sx, ev->sy, offset);
			grid_pair_check(&gp, "", 0, what);
			continue;
		}
		if (how == GRID_RECORDED) {
			grid_rec_feed(&gp, ev->buf, ev->len, how, name,
			    &offset);
			continue;
		}
		/* Join the output up to the next resize. */
		for (len = 0; i < gr.nevents && gr.events[i].buf != NULL; i++) {
			memcpy(stretch + len, gr.events[i].buf,
			    gr.events[i].len);
			len += gr.events[i].len;
		}
		i--;
		grid_rec_feed(&gp, stretch, len, how, name, &offset);
	}
	free(stretch);
	grid_pair_free(&gp);
	grid_rec_free(&gr);
}
END_TEST

Suite *
suite_grid(void)
{
	Suite	*s = suite_create("grid");
	TCase	*tc;

	tc = tcase_create("history");
	tcase_add_test(tc, test_grid_roundtrip);
	tcase_add_test(tc, test_grid_plain);
	tcase_add_test(tc, test_grid_max_bytes);
	tcase_add_test(tc, test_grid_extended);
	tcase_add_test(tc, test_grid_put_ascii);
	suite_add_tcase(s, tc);

	tc = tcase_create("screen");
	tcase_add_test(tc, test_grid_sequences);
	tcase_add_test(tc, test_grid_narrow);
	tcase_add_loop_test(tc, test_grid_random, 0, 8);
	tcase_add_loop_test(tc, test_grid_runs, 0, 8);
	suite_add_tcase(s, tc);

	tc = tcase_create("recorded");
	tcase_add_loop_test(tc, test_grid_recorded, 0,
	    GRID_NRECORDINGS * GRID_NCHUNKINGS);
	suite_add_tcase(s, tc);
	return (s);
}
