/*
 * The cells we own: a pane's screen and its history.
 *
 * libvterm parses and keeps the terminal's state (cursor, modes, margins,
 * pen); its state layer tells us what to do to the cells, and the cells
 * are ours. A screen is an array of rows, each an array of 16-byte cells
 * (a character and the pen), so a line feed at the bottom moves row
 * structs, not cells: the row that leaves is encoded into the history and
 * comes back, erased, as the new bottom row. libvterm's own screen layer
 * moves every 40-byte cell of the screen for each line feed instead.
 *
 * The rules follow libvterm 0.1.4's screen layer, since that is what vigil
 * showed before and tests/check_grid.c compares the two cell by cell: an
 * erased cell takes the whole pen, a wide character's right half is a
 * padding cell and a cell is wide when the next one is padding, lines go
 * to the history only from the top of the main screen over its full width,
 * a screen that shrinks pushes lines above the cursor out of the top and
 * one that grows takes them back. Where libvterm goes wrong (it can push
 * the cursor's own line away), we do not, and the test knows.
 *
 * A cell with combining characters keeps them in its row's extended cells;
 * the row's array is compacted when it fills, so a row never holds more
 * than about twice what its cells use.
 *
 * The history keeps a line trimmed of trailing blank cells and encoded
 * compactly: a byte per printable ASCII cell, the pen only where it
 * changes, UTF-8 for other single characters, and the raw characters only
 * for what is left.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/colour.h"
#include "vigil/grid.h"
#include "vigil/style.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

struct grid {
	u_int			 sx, sy;
	struct grid_row		*screens[2];	/* main and alternate */
	int			 alt;
	int			 reverse;	/* DECSCNM */
	struct grid_cell	 pen;

	struct grid_history	*history;
	u_int			 dirty_top, dirty_bottom;
};

static const struct grid_cell grid_default_cell = {
	.ch = 0, .fg = COLOUR_DEFAULT, .bg = COLOUR_DEFAULT
};

/* Is a cell empty in the default pen, as a row is past its used cells? */
static int
grid_cell_default(const struct grid_cell *gc)
{
	return (memcmp(gc, &grid_default_cell, sizeof *gc) == 0);
}

/* Cells up to x of a row may now be other than default. */
static void
grid_row_use(struct grid_row *row, u_int x)
{
	if (x > row->used)
		row->used = x;
}

/* The rows of the screen being shown. */
static struct grid_row *
grid_rows(const struct grid *g)
{
	return (g->screens[g->alt]);
}

/* An erased cell: no character, the pen's attributes and colours. */
static struct grid_cell
grid_blank(const struct grid *g)
{
	struct grid_cell	blank = g->pen;

	blank.ch = 0;
	blank.flags = 0;
	return (blank);
}

/* Widen the dirty range to rows [top, bottom). */
static void
grid_dirty_rows(struct grid *g, u_int top, u_int bottom)
{
	if (bottom > g->sy)
		bottom = g->sy;
	if (top >= bottom)
		return;
	if (g->dirty_top >= g->dirty_bottom) {
		g->dirty_top = top;
		g->dirty_bottom = bottom;
		return;
	}
	if (top < g->dirty_top)
		g->dirty_top = top;
	if (bottom > g->dirty_bottom)
		g->dirty_bottom = bottom;
}

void
grid_row_init(struct grid_row *row, u_int sx)
{
	u_int	x;

	memset(row, 0, sizeof *row);
	row->cells = xreallocarray(NULL, sx != 0 ? sx : 1, sizeof *row->cells);
	for (x = 0; x < sx; x++)
		row->cells[x] = grid_default_cell;
}

void
grid_row_free(struct grid_row *row)
{
	free(row->cells);
	free(row->ext);
	memset(row, 0, sizeof *row);
}

/* Fill cells [left, right) of a row of sx cells with one cell. */
static void
grid_row_fill(struct grid_row *row, u_int sx, u_int left, u_int right,
    const struct grid_cell *gc)
{
	u_int	x;

	if (grid_cell_default(gc) && right >= row->used) {
		/* Past used they are so already. */
		for (x = left; x < row->used; x++)
			row->cells[x] = *gc;
		if (left < row->used)
			row->used = left;
	} else {
		for (x = left; x < right; x++)
			row->cells[x] = *gc;
		grid_row_use(row, right);
	}
	if (left == 0 && right == sx)
		row->next_ext = 0;	/* no cell refers to one now */
}

/* Make room for an extended cell, dropping those no cell refers to. */
static void
grid_row_compact(struct grid_row *row, u_int sx)
{
	uint32_t	(*ext)[GRID_MAX_CHARS];
	u_int		  x, used = 0, size;
	uint32_t	  ch;

	for (x = 0; x < sx; x++) {
		ch = row->cells[x].ch;
		if (ch != GRID_PADDING && (ch & GRID_EXTENDED))
			used++;
	}
	size = used * 2 + 4;
	ext = xreallocarray(NULL, size, sizeof *ext);
	used = 0;
	for (x = 0; x < sx; x++) {
		ch = row->cells[x].ch;
		if (ch == GRID_PADDING || (ch & GRID_EXTENDED) == 0)
			continue;
		memcpy(ext[used], row->ext[ch & ~GRID_EXTENDED], sizeof *ext);
		row->cells[x].ch = GRID_EXTENDED | used++;
	}
	free(row->ext);
	row->ext = ext;
	row->next_ext = used;
	row->size_ext = size;
}

void
grid_row_set_chars(struct grid_row *row, u_int sx, u_int x,
    const uint32_t *chars)
{
	u_int	k;

	grid_row_use(row, x + 1);
	/* Values that look like ours (padding, extended) are kept aside. */
	if (chars[0] < GRID_EXTENDED && chars[1] == 0) {
		row->cells[x].ch = chars[0];
		return;
	}
	row->cells[x].ch = 0;
	if (row->next_ext == row->size_ext)
		grid_row_compact(row, sx);
	for (k = 0; k < GRID_MAX_CHARS; k++) {
		row->ext[row->next_ext][k] = chars[k];
		if (chars[k] == 0)
			break;
	}
	row->cells[x].ch = GRID_EXTENDED | row->next_ext++;
}

u_int
grid_row_chars(const struct grid_row *row, u_int x, uint32_t *chars)
{
	uint32_t	ch = row->cells[x].ch;
	u_int		k;

	if (ch == GRID_PADDING || (ch & GRID_EXTENDED) == 0) {
		chars[0] = ch == GRID_PADDING ? 0 : ch;
		return (chars[0] != 0);
	}
	for (k = 0; k < GRID_MAX_CHARS; k++) {
		chars[k] = row->ext[ch & ~GRID_EXTENDED][k];
		if (chars[k] == 0)
			break;
	}
	return (k);
}

/*
 * Copy n cells of one row to another, taking their extended cells along. A
 * cell at a time: making room may compact the row, and every cell it holds
 * must refer to its own extended cells by then.
 */
static void
grid_row_copy(struct grid_row *dst, u_int dx, const struct grid_row *src,
    u_int sxx, u_int n, u_int sx)
{
	uint32_t	chars[GRID_MAX_CHARS + 1];
	uint32_t	ch;
	u_int		i;

	grid_row_use(dst, dx + n);
	for (i = 0; i < n; i++) {
		dst->cells[dx + i] = src->cells[sxx + i];
		ch = src->cells[sxx + i].ch;
		if (ch == GRID_PADDING || (ch & GRID_EXTENDED) == 0)
			continue;
		dst->cells[dx + i].ch = 0;
		chars[grid_row_chars(src, sxx + i, chars)] = 0;
		grid_row_set_chars(dst, sx, dx + i, chars);
	}
}

/* A screen of sy rows of sx cells, erased to the pen. */
static struct grid_row *
grid_screen_create(const struct grid *g, u_int sx, u_int sy)
{
	struct grid_row		*rows;
	struct grid_cell	 blank = grid_blank(g);
	u_int			 y;

	rows = xreallocarray(NULL, sy, sizeof *rows);
	for (y = 0; y < sy; y++) {
		grid_row_init(&rows[y], sx);
		grid_row_fill(&rows[y], sx, 0, sx, &blank);
	}
	return (rows);
}

static void
grid_screen_free(struct grid_row *rows, u_int sy)
{
	u_int	y;

	for (y = 0; y < sy; y++)
		grid_row_free(&rows[y]);
	free(rows);
}

struct grid *
grid_create(u_int sx, u_int sy, u_int history_limit)
{
	struct grid	*g;

	g = xcalloc(1, sizeof *g);
	g->sx = sx != 0 ? sx : 1;
	g->sy = sy != 0 ? sy : 1;
	g->pen = grid_default_cell;
	g->screens[0] = grid_screen_create(g, g->sx, g->sy);
	g->screens[1] = grid_screen_create(g, g->sx, g->sy);
	g->history = grid_history_create(history_limit);
	grid_dirty_all(g);
	return (g);
}

void
grid_free(struct grid *g)
{
	if (g == NULL)
		return;
	grid_screen_free(g->screens[0], g->sy);
	grid_screen_free(g->screens[1], g->sy);
	grid_history_free(g->history);
	free(g);
}

void
grid_size(const struct grid *g, u_int *sx, u_int *sy)
{
	*sx = g->sx;
	*sy = g->sy;
}

struct grid_history *
grid_history(const struct grid *g)
{
	return (g->history);
}

void
grid_set_pen(struct grid *g, int attrs, int fg, int bg)
{
	g->pen.attrs = attrs;
	g->pen.fg = fg;
	g->pen.bg = bg;
}

void
grid_put(struct grid *g, u_int x, u_int y, const uint32_t *chars,
    u_int width, int protect)
{
	struct grid_row		*row;
	struct grid_cell	*gc;
	u_int			 i;

	if (x >= g->sx || y >= g->sy || chars[0] == 0)
		return;
	row = &grid_rows(g)[y];
	gc = &row->cells[x];
	gc->fg = g->pen.fg;
	gc->bg = g->pen.bg;
	gc->attrs = g->pen.attrs;
	gc->flags = protect ? GRID_PROTECTED : 0;
	if (chars[0] < GRID_EXTENDED && chars[1] == 0)
		gc->ch = chars[0];
	else
		grid_row_set_chars(row, g->sx, x, chars);
	for (i = 1; i < width && x + i < g->sx; i++)
		row->cells[x + i].ch = GRID_PADDING;
	grid_row_use(row, x + i);
	grid_dirty_rows(g, y, y + 1);
}

void
grid_put_ascii(struct grid *g, u_int x, u_int y, const char *s, u_int n,
    int protect)
{
	struct grid_row		*row;
	struct grid_cell	*gc, cell = g->pen;
	u_int			 i;

	if (x >= g->sx || y >= g->sy)
		return;
	if (n > g->sx - x)
		n = g->sx - x;
	cell.flags = protect ? GRID_PROTECTED : 0;
	row = &grid_rows(g)[y];
	grid_row_use(row, x + n);
	gc = &row->cells[x];
	for (i = 0; i < n; i++) {
		cell.ch = (u_char)s[i];
		gc[i] = cell;
	}
	grid_dirty_rows(g, y, y + 1);
}

/* Clip a rectangle to the screen; 0 if nothing is left. */
static int
grid_clip(const struct grid *g, const struct grid_rect *in,
    struct grid_rect *out)
{
	*out = *in;
	if (out->bottom > g->sy)
		out->bottom = g->sy;
	if (out->right > g->sx)
		out->right = g->sx;
	return (out->top < out->bottom && out->left < out->right);
}

void
grid_erase(struct grid *g, const struct grid_rect *rect, int selective)
{
	struct grid_cell	 blank = grid_blank(g);
	struct grid_rect	 r;
	struct grid_row		*row;
	u_int			 x, y;

	if (!grid_clip(g, rect, &r))
		return;
	for (y = r.top; y < r.bottom; y++) {
		row = &grid_rows(g)[y];
		if (!selective) {
			grid_row_fill(row, g->sx, r.left, r.right, &blank);
			continue;
		}
		for (x = r.left; x < r.right; x++) {
			if (~row->cells[x].flags & GRID_PROTECTED)
				row->cells[x] = blank;
		}
		if (!grid_cell_default(&blank))
			grid_row_use(row, r.right);
	}
	grid_dirty_rows(g, r.top, r.bottom);
}

/* Lines move by whole rows: rotate them and erase those uncovered. */
static void
grid_scroll_rows(struct grid *g, const struct grid_rect *r, int down)
{
	struct grid_row		*rows = grid_rows(g), *keep, one;
	struct grid_cell	 blank = grid_blank(g);
	u_int			 n = down > 0 ? down : -down, height, y;

	height = r->bottom - r->top;
	if (down > 0 && r->top == 0 && !g->alt) {
		for (y = 0; y < n; y++)
			grid_history_push(g->history, &rows[y], g->sx);
	}
	/* A line feed moves one row: no allocation for it. */
	keep = n == 1 ? &one : xreallocarray(NULL, n, sizeof *keep);
	if (down > 0) {
		memcpy(keep, rows + r->top, n * sizeof *keep);
		memmove(rows + r->top, rows + r->top + n,
		    (height - n) * sizeof *rows);
		memcpy(rows + r->bottom - n, keep, n * sizeof *keep);
		y = r->bottom - n;
	} else {
		memcpy(keep, rows + r->bottom - n, n * sizeof *keep);
		memmove(rows + r->top + n, rows + r->top,
		    (height - n) * sizeof *rows);
		memcpy(rows + r->top, keep, n * sizeof *keep);
		y = r->top;
	}
	if (keep != &one)
		free(keep);
	for (; n > 0; n--, y++)
		grid_row_fill(&rows[y], g->sx, 0, g->sx, &blank);
}

/* Part of the width moves, or cells move sideways: copy them. */
static void
grid_scroll_cells(struct grid *g, const struct grid_rect *r, int down,
    int right)
{
	struct grid_row		*rows = grid_rows(g);
	struct grid_rect	 dst, src, rest = *r;
	u_int			 n, y;
	int			 step;

	dst = src = *r;
	if (right >= 0) {
		dst.right = r->right - right;
		src.left = r->left + right;
	} else {
		dst.left = r->left - right;
		src.right = r->right + right;
	}
	if (down >= 0) {
		dst.bottom = r->bottom - down;
		src.top = r->top + down;
	} else {
		dst.top = r->top - down;
		src.bottom = r->bottom + down;
	}
	n = dst.right - dst.left;
	step = down >= 0 ? 1 : -1;
	for (y = down >= 0 ? dst.top : dst.bottom - 1;
	    y >= dst.top && y < dst.bottom; y += step) {
		if (down == 0) {
			memmove(rows[y].cells + dst.left,
			    rows[y].cells + src.left, n * sizeof *rows->cells);
			grid_row_use(&rows[y], dst.left + n);
		} else
			grid_row_copy(&rows[y], dst.left, &rows[y + down],
			    src.left, n, g->sx);
	}

	if (down > 0)
		rest.top = r->bottom - down;
	else if (down < 0)
		rest.bottom = r->top - down;
	if (right > 0)
		rest.left = r->right - right;
	else if (right < 0)
		rest.right = r->left - right;
	grid_erase(g, &rest, 0);
}

void
grid_scroll(struct grid *g, const struct grid_rect *rect, int down, int right)
{
	struct grid_rect	r;
	u_int			height, width;

	if (!grid_clip(g, rect, &r) || (down == 0 && right == 0))
		return;
	height = r.bottom - r.top;
	width = r.right - r.left;
	if ((u_int)abs(down) >= height || (u_int)abs(right) >= width)
		grid_erase(g, &r, 0);
	else if (right == 0 && r.left == 0 && r.right == g->sx)
		grid_scroll_rows(g, &r, down);
	else
		grid_scroll_cells(g, &r, down, right);
	grid_dirty_rows(g, r.top, r.bottom);
}

void
grid_double_width(struct grid *g, u_int y)
{
	struct grid_rect	r = {
		.top = y, .bottom = y + 1, .left = g->sx / 2, .right = g->sx
	};

	grid_erase(g, &r, 0);
	grid_dirty_rows(g, y, y + 1);
}

void
grid_set_alternate(struct grid *g, int on)
{
	g->alt = on != 0;
	grid_dirty_all(g);
}

int
grid_alternate(const struct grid *g)
{
	return (g->alt);
}

void
grid_set_reverse(struct grid *g, int on)
{
	g->reverse = on != 0;
	grid_dirty_all(g);
}

/* Is a row empty from x to its end? */
static int
grid_row_empty(const struct grid_row *row, u_int sx)
{
	u_int	x;

	for (x = 0; x < sx && x < row->used; x++) {
		if (row->cells[x].ch != 0)
			return (0);
	}
	return (1);
}

/* Give a screen a new size; new cells are erased to the pen. */
static struct grid_row *
grid_screen_resize(struct grid *g, struct grid_row *rows, u_int sx, u_int sy)
{
	struct grid_row		*new;
	struct grid_cell	 blank = grid_blank(g);
	u_int			 y, x;

	for (y = sy; y < g->sy; y++)
		grid_row_free(&rows[y]);
	new = xreallocarray(rows, sy, sizeof *new);
	for (y = 0; y < sy; y++) {
		if (y >= g->sy) {
			grid_row_init(&new[y], sx);
			grid_row_fill(&new[y], sx, 0, sx, &blank);
			continue;
		}
		if (sx == g->sx)
			continue;
		new[y].cells = xreallocarray(new[y].cells, sx,
		    sizeof *new[y].cells);
		if (new[y].used > sx)
			new[y].used = sx;
		for (x = g->sx; x < sx; x++)
			new[y].cells[x] = blank;
		if (sx > g->sx && !grid_cell_default(&blank))
			grid_row_use(&new[y], sx);
	}
	return (new);
}

int
grid_resize(struct grid *g, u_int sx, u_int sy, u_int cursor)
{
	struct grid_rect	 all;
	struct grid_row		*rows, line;
	u_int			 y, blank_from, n;
	int			 delta = 0;

	if (sx == 0)
		sx = 1;
	if (sy == 0)
		sy = 1;
	if (!g->alt && sy < g->sy) {
		/* Lines above the cursor go to the history, blank ones below. */
		rows = g->screens[0];
		for (y = g->sy - 1; y >= sy; y--) {
			if (!grid_row_empty(&rows[y], g->sx) || y == cursor)
				break;
		}
		blank_from = y + 1;
		if (blank_from > sy) {
			/*
			 * Not past the cursor's own line: libvterm 0.1.4 pushes
			 * every line above the last one in use, and with text
			 * below the cursor that leaves its cursor on a negative
			 * row, where it writes outside its line records.
			 */
			n = blank_from - sy;
			if (n > cursor)
				n = cursor;
			all = (struct grid_rect){ 0, g->sy, 0, g->sx };
			grid_scroll(g, &all, n, 0);
			delta -= n;
		}
	}
	g->screens[0] = grid_screen_resize(g, g->screens[0], sx, sy);
	g->screens[1] = grid_screen_resize(g, g->screens[1], sx, sy);
	y = g->sy;
	g->sx = sx;
	g->sy = sy;

	all = (struct grid_rect){ 0, sy, 0, sx };
	for (; !g->alt && y < sy; y++) {
		if (!grid_history_pop(g->history, &line, sx))
			break;
		grid_scroll(g, &all, -1, 0);
		grid_row_free(&g->screens[0][0]);
		g->screens[0][0] = line;
		delta++;
	}
	grid_dirty_all(g);
	return (delta);
}

void
grid_get_cell(const struct grid *g, u_int x, u_int y, struct grid_cell *gc,
    uint32_t *chars, u_int *width)
{
	const struct grid_row	*row;
	u_int			 n;

	chars[0] = 0;
	if (x >= g->sx || y >= g->sy) {
		*gc = grid_default_cell;
		*width = 1;
		return;
	}
	row = &grid_rows(g)[y];
	*gc = row->cells[x];
	if (gc->ch == GRID_PADDING) {
		*width = 0;
		return;
	}
	if ((n = grid_row_chars(row, x, chars)) < GRID_MAX_CHARS)
		chars[n] = 0;
	*width = x + 1 < g->sx && row->cells[x + 1].ch == GRID_PADDING ? 2 : 1;
	if (g->reverse)
		gc->attrs ^= ATTR_REVERSE;
}

int
grid_dirty(const struct grid *g, u_int *top, u_int *bottom)
{
	if (g->dirty_top >= g->dirty_bottom)
		return (0);
	*top = g->dirty_top;
	*bottom = g->dirty_bottom;
	return (1);
}

void
grid_clean(struct grid *g)
{
	g->dirty_top = g->dirty_bottom = 0;
}

void
grid_dirty_all(struct grid *g)
{
	g->dirty_top = 0;
	g->dirty_bottom = g->sy;
}

/* The history encoding's operations; any other byte is an ASCII cell. */
#define GRID_OP_PEN	0x01	/* + 10 bytes: attributes, fg, bg */
#define GRID_OP_RAW	0x02	/* + width, count, count x 4 bytes */
#define GRID_OP_EMPTY	0x03	/* a cell with no character */
#define GRID_OP_UTF8	0x04	/* + one UTF-8 character, width 1 */
#define GRID_OP_WIDE	0x05	/* + one UTF-8 character, width 2 */
#define GRID_PEN_SIZE	10
/* The most one cell takes: a pen and a raw cell. */
#define GRID_CELL_MAX	(1 + GRID_PEN_SIZE + 3 + 4 * GRID_MAX_CHARS)

struct grid_line {
	u_char		*data;
	size_t		 len;
};

struct grid_history {
	struct grid_line *lines;	/* ring of limit lines */
	u_int		  limit;
	u_int		  first;	/* index of the oldest line */
	u_int		  count;
	size_t		  bytes;	/* what the lines cost, as counted */
	size_t		  max_bytes;	/* and what they may cost */
};

/* What a line costs: its encoding and its slot in the ring. */
#define GRID_LINE_COST(gl) ((gl)->len + sizeof (struct grid_line))

/* Where a line is encoded, kept (and grown) from one line to the next. */
static u_char	*grid_buf;
static size_t	 grid_buf_size;

static u_char *
grid_put32(u_char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
	return (p + 4);
}

static uint32_t
grid_get32(const u_char *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24);
}

/* Do two cells have the same pen? */
static int
grid_same_pen(const struct grid_cell *a, const struct grid_cell *b)
{
	return (a->attrs == b->attrs && a->fg == b->fg && a->bg == b->bg);
}

/* Encode one cell (width 1 or 2, 0 for padding on its own). */
static u_char *
grid_encode_cell(const struct grid_row *row, u_int x, u_int width, u_char *p)
{
	uint32_t	chars[GRID_MAX_CHARS];
	u_int		i, k;

	k = width == 0 ? 0 : grid_row_chars(row, x, chars);
	if (k == 0 && width == 1)
		*p++ = GRID_OP_EMPTY;
	else if (k == 1 && width == 1 && chars[0] >= 0x20 && chars[0] < 0x7f)
		*p++ = (u_char)chars[0];
	else if (k == 1 && chars[0] <= 0x10ffff &&
	    (chars[0] < 0xd800 || chars[0] > 0xdfff)) {
		*p = width == 1 ? GRID_OP_UTF8 : GRID_OP_WIDE;
		p += 1 + utf8_encode(chars[0], (char *)p + 1);
	} else {
		*p++ = GRID_OP_RAW;
		*p++ = (u_char)width;
		*p++ = (u_char)k;
		for (i = 0; i < k; i++)
			p = grid_put32(p, chars[i]);
	}
	return (p);
}

/*
 * Encode the first n of a row's sx cells into out (room for GRID_CELL_MAX
 * each); the length. A wide character's padding is implied, not stored.
 */
static size_t
grid_encode(const struct grid_row *row, u_int n, u_int sx, u_char *out)
{
	const struct grid_cell	*gc, *last = &grid_default_cell;
	u_char			*p = out;
	u_int			 x, width;

	/* A line starts in the default pen, as grid_decode does. */
	for (x = 0; x < n; x++) {
		gc = &row->cells[x];
		if (gc->ch >= 0x20 && gc->ch < 0x7f &&
		    grid_same_pen(gc, last) && (x + 1 == sx ||
		    row->cells[x + 1].ch != GRID_PADDING)) {
			*p++ = (u_char)gc->ch;	/* the common case */
			continue;
		}
		if (gc->ch == GRID_PADDING)
			width = 0;
		else if (x + 1 < sx && row->cells[x + 1].ch == GRID_PADDING)
			width = 2;
		else
			width = 1;
		if (width != 0 && !grid_same_pen(gc, last)) {
			*p++ = GRID_OP_PEN;
			*p++ = gc->attrs & 0xff;
			*p++ = gc->attrs >> 8;
			p = grid_put32(p, (uint32_t)gc->fg);
			p = grid_put32(p, (uint32_t)gc->bg);
			last = gc;
		}
		p = grid_encode_cell(row, x, width, p);
		if (width == 2)
			x++;
	}
	return ((size_t)(p - out));
}

/* Decode a line into a row of sx cells; how many cells it filled. */
static u_int
grid_decode(const struct grid_line *gl, struct grid_row *row, u_int sx)
{
	struct grid_cell	 pen = grid_default_cell, *gc;
	uint32_t		 chars[GRID_MAX_CHARS + 1];
	const u_char		*p = gl->data, *end = gl->data + gl->len;
	u_int			 x = 0, width, k, i;

	while (p < end && x < sx) {
		if (*p == GRID_OP_PEN) {
			pen.attrs = p[1] | p[2] << 8;
			pen.fg = (int32_t)grid_get32(p + 3);
			pen.bg = (int32_t)grid_get32(p + 7);
			p += 1 + GRID_PEN_SIZE;
			continue;
		}
		memset(chars, 0, sizeof chars);
		width = 1;
		switch (*p) {
		case GRID_OP_EMPTY:
			p++;
			break;
		case GRID_OP_UTF8:
		case GRID_OP_WIDE:
			width = *p == GRID_OP_WIDE ? 2 : 1;
			p += 1 + utf8_decode(p + 1, &chars[0]);
			break;
		case GRID_OP_RAW:
			width = p[1];
			k = p[2];
			for (i = 0; i < k; i++)
				chars[i] = grid_get32(p + 3 + 4 * i);
			p += 3 + 4 * k;
			break;
		default:
			chars[0] = *p++;
			break;
		}
		gc = &row->cells[x];
		if (width == 0) {
			gc->ch = GRID_PADDING;
			x++;
			continue;
		}
		if (width == 2 && x + 1 == sx)
			break;		/* cut in half at the edge: left blank */
		*gc = pen;
		gc->ch = 0;
		gc->flags = 0;
		if (chars[0] != 0)
			grid_row_set_chars(row, sx, x, chars);
		x++;
		if (width == 2) {
			row->cells[x] = pen;
			row->cells[x++].ch = GRID_PADDING;
		}
	}
	grid_row_use(row, x);
	return (x);
}

struct grid_history *
grid_history_create(u_int limit)
{
	struct grid_history	*gh;

	gh = xcalloc(1, sizeof *gh);
	gh->limit = limit;
	gh->max_bytes = SIZE_MAX;
	if (limit != 0)
		gh->lines = xcalloc(limit, sizeof *gh->lines);
	return (gh);
}

void
grid_history_free(struct grid_history *gh)
{
	if (gh == NULL)
		return;
	grid_history_clear(gh);
	free(gh->lines);
	free(gh);
}

void
grid_history_clear(struct grid_history *gh)
{
	u_int	i;

	for (i = 0; i < gh->count; i++) {
		free(gh->lines[(gh->first + i) % gh->limit].data);
		gh->lines[(gh->first + i) % gh->limit].data = NULL;
	}
	gh->first = gh->count = 0;
	gh->bytes = 0;
}

/*
 * Is a cell empty and of the default pen? Trailing ones are dropped, and
 * come back the same (a space comes back empty).
 */
static int
grid_cell_blank(const struct grid_cell *gc)
{
	return ((gc->ch == 0 || gc->ch == ' ') && gc->attrs == 0 &&
	    gc->fg == COLOUR_DEFAULT && gc->bg == COLOUR_DEFAULT);
}

/* Let the oldest line go. */
static void
grid_history_drop(struct grid_history *gh)
{
	struct grid_line	*gl = &gh->lines[gh->first];

	gh->bytes -= GRID_LINE_COST(gl);
	free(gl->data);
	gl->data = NULL;
	gh->first = (gh->first + 1) % gh->limit;
	gh->count--;
}

void
grid_history_push(struct grid_history *gh, const struct grid_row *row,
    u_int sx)
{
	struct grid_line	*gl;
	u_int			 n = row->used < sx ? row->used : sx;

	if (gh->limit == 0)
		return;
	while (n > 0 && grid_cell_blank(&row->cells[n - 1]))
		n--;

	if (gh->count == gh->limit)
		grid_history_drop(gh);
	gl = &gh->lines[(gh->first + gh->count) % gh->limit];
	if ((size_t)n * GRID_CELL_MAX > grid_buf_size) {
		grid_buf_size = (size_t)n * GRID_CELL_MAX;
		grid_buf = xrealloc(grid_buf, grid_buf_size);
	}
	/* Exactly its size: lines are kept long. */
	gl->len = grid_encode(row, n, sx, grid_buf);
	gl->data = NULL;
	if (gl->len != 0) {
		gl->data = xmalloc(gl->len);
		memcpy(gl->data, grid_buf, gl->len);
	}
	gh->bytes += GRID_LINE_COST(gl);
	gh->count++;
	while (gh->bytes > gh->max_bytes)
		grid_history_drop(gh);
}

int
grid_history_pop(struct grid_history *gh, struct grid_row *row, u_int sx)
{
	struct grid_line	*gl;

	if (gh->count == 0)
		return (0);
	gl = &gh->lines[(gh->first + gh->count - 1) % gh->limit];
	grid_row_init(row, sx);
	grid_decode(gl, row, sx);
	gh->bytes -= GRID_LINE_COST(gl);
	free(gl->data);
	gl->data = NULL;
	gh->count--;
	return (1);
}

u_int
grid_history_size(const struct grid_history *gh)
{
	return (gh->count);
}

size_t
grid_history_bytes(const struct grid_history *gh)
{
	return (gh->bytes);
}

/* Change the limit, dropping the oldest lines if there are too many. */
void
grid_history_set_limit(struct grid_history *gh, u_int limit)
{
	struct grid_line	*lines, *gl;
	u_int			 i, keep, skip;

	if (limit == gh->limit)
		return;
	keep = gh->count < limit ? gh->count : limit;
	skip = gh->count - keep;
	for (i = 0; i < skip; i++) {
		gl = &gh->lines[(gh->first + i) % gh->limit];
		gh->bytes -= GRID_LINE_COST(gl);
		free(gl->data);
	}
	lines = limit != 0 ? xcalloc(limit, sizeof *lines) : NULL;
	for (i = 0; i < keep; i++)
		lines[i] = gh->lines[(gh->first + skip + i) % gh->limit];
	free(gh->lines);
	gh->lines = lines;
	gh->limit = limit;
	gh->first = 0;
	gh->count = keep;
}

/* Cap what the lines cost, dropping the oldest if they cost more. */
void
grid_history_set_max_bytes(struct grid_history *gh, size_t max)
{
	gh->max_bytes = max;
	while (gh->count != 0 && gh->bytes > gh->max_bytes)
		grid_history_drop(gh);
}
