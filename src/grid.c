/*
 * The history we own: lines scrolled off the top of a pane, in a ring.
 *
 * libvterm hands us each line it pushes out of the screen and asks for them
 * back when the screen grows taller. A line is kept trimmed of trailing
 * blank cells and encoded compactly, since libvterm's cells are 40 bytes
 * each: a byte per printable ASCII cell, the pen (attributes and colours)
 * only where it changes, UTF-8 for other single characters, and the raw
 * cell only for what is left (combining characters, odd widths).
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/grid.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

/* The encoding's operations; any other byte is an ASCII cell of width 1. */
#define GRID_PEN	0x01	/* + 10 bytes: attributes and colours */
#define GRID_RAW	0x02	/* + width, count, count x 4 bytes */
#define GRID_EMPTY	0x03	/* a cell with no character */
#define GRID_UTF8	0x04	/* + one UTF-8 character, width 1 */
#define GRID_WIDE	0x05	/* + one UTF-8 character, width 2 */
#define GRID_PEN_SIZE	10
/* The most one cell takes: a pen and a raw cell. */
#define GRID_CELL_MAX	(1 + GRID_PEN_SIZE + 3 + 4 * VTERM_MAX_CHARS_PER_CELL)

struct grid_line {
	int		 cols;		/* cells stored */
	u_char		*data;
	size_t		 len;
};

struct grid_history {
	struct grid_line *lines;	/* ring of limit lines */
	u_int		  limit;
	u_int		  first;	/* index of the oldest line */
	u_int		  count;
	size_t		  bytes;
};

/* Where a line is encoded, kept (and grown) from one line to the next. */
static u_char	*grid_buf;
static size_t	 grid_buf_size;

/* A colour as 4 bytes; only the bytes its type uses. */
static void
grid_put_colour(u_char *out, const VTermColor *c)
{
	out[0] = c->type;
	if (VTERM_COLOR_IS_INDEXED(c)) {
		out[1] = c->indexed.idx;
		out[2] = out[3] = 0;
	} else {
		out[1] = c->rgb.red;
		out[2] = c->rgb.green;
		out[3] = c->rgb.blue;
	}
}

static void
grid_get_colour(const u_char *in, VTermColor *c)
{
	memset(c, 0, sizeof *c);
	c->type = in[0];
	if (VTERM_COLOR_IS_INDEXED(c))
		c->indexed.idx = in[1];
	else {
		c->rgb.red = in[1];
		c->rgb.green = in[2];
		c->rgb.blue = in[3];
	}
}

/* A cell's pen as GRID_PEN_SIZE bytes. */
static void
grid_pen(const VTermScreenCell *cell, u_char *out)
{
	const VTermScreenCellAttrs	*a = &cell->attrs;
	uint16_t			 bits;

	bits = a->bold | a->underline << 1 | a->italic << 3 | a->blink << 4 |
	    a->reverse << 5 | a->strike << 6 | a->font << 7 | a->dwl << 11 |
	    a->dhl << 12;
	out[0] = bits & 0xff;
	out[1] = bits >> 8;
	grid_put_colour(out + 2, &cell->fg);
	grid_put_colour(out + 6, &cell->bg);
}

static void
grid_set_pen(const u_char *in, VTermScreenCell *cell)
{
	VTermScreenCellAttrs	*a = &cell->attrs;
	uint16_t		 bits = in[0] | in[1] << 8;

	memset(a, 0, sizeof *a);
	a->bold = bits & 1;
	a->underline = (bits >> 1) & 3;
	a->italic = (bits >> 3) & 1;
	a->blink = (bits >> 4) & 1;
	a->reverse = (bits >> 5) & 1;
	a->strike = (bits >> 6) & 1;
	a->font = (bits >> 7) & 15;
	a->dwl = (bits >> 11) & 1;
	a->dhl = (bits >> 12) & 3;
	grid_get_colour(in + 2, &cell->fg);
	grid_get_colour(in + 6, &cell->bg);
}

/* Encode n cells into out (room for GRID_CELL_MAX each); the length. */
static size_t
grid_encode(const VTermScreenCell *cells, int n, u_char *out)
{
	const VTermScreenCell	*cell;
	u_char			 pen[GRID_PEN_SIZE], last[GRID_PEN_SIZE];
	u_char			*p = out;
	int			 i, k, have = 0;

	for (i = 0; i < n; i++) {
		cell = &cells[i];
		grid_pen(cell, pen);
		if (!have || memcmp(pen, last, sizeof pen) != 0) {
			*p++ = GRID_PEN;
			memcpy(p, pen, sizeof pen);
			p += sizeof pen;
			memcpy(last, pen, sizeof last);
			have = 1;
		}
		for (k = 0; k < VTERM_MAX_CHARS_PER_CELL &&
		    cell->chars[k] != 0; k++)
			/* nothing */;
		if (k == 0 && cell->width == 1) {
			*p++ = GRID_EMPTY;
			continue;
		}
		if (k == 1 && cell->width == 1 && cell->chars[0] >= 0x20 &&
		    cell->chars[0] < 0x7f) {
			*p++ = (u_char)cell->chars[0];
			continue;
		}
		if (k == 1 && (cell->width == 1 || cell->width == 2) &&
		    cell->chars[0] <= 0x10ffff && (cell->chars[0] < 0xd800 ||
		    cell->chars[0] > 0xdfff)) {
			*p = cell->width == 1 ? GRID_UTF8 : GRID_WIDE;
			p += 1 + utf8_encode(cell->chars[0], (char *)p + 1);
			continue;
		}
		*p++ = GRID_RAW;
		*p++ = (u_char)cell->width;
		*p++ = (u_char)k;
		memcpy(p, cell->chars, k * sizeof cell->chars[0]);
		p += k * sizeof cell->chars[0];
	}
	return ((size_t)(p - out));
}

/* Decode up to max cells of a line; how many. */
static int
grid_decode(const struct grid_line *gl, VTermScreenCell *cells, int max)
{
	VTermScreenCell	 pen, *cell;
	const u_char	*p = gl->data, *end = gl->data + gl->len;
	int		 n = 0, k;

	memset(&pen, 0, sizeof pen);
	while (p < end && n < max) {
		if (*p == GRID_PEN) {
			grid_set_pen(p + 1, &pen);
			p += 1 + GRID_PEN_SIZE;
			continue;
		}
		cell = &cells[n++];
		*cell = pen;
		memset(cell->chars, 0, sizeof cell->chars);
		cell->width = 1;
		switch (*p) {
		case GRID_EMPTY:
			p++;
			break;
		case GRID_UTF8:
		case GRID_WIDE:
			cell->width = *p == GRID_WIDE ? 2 : 1;
			p += 1 + utf8_decode(p + 1, &cell->chars[0]);
			break;
		case GRID_RAW:
			cell->width = (char)p[1];
			k = p[2];
			memcpy(cell->chars, p + 3, k * sizeof cell->chars[0]);
			p += 3 + k * sizeof cell->chars[0];
			break;
		default:
			cell->chars[0] = *p++;
			break;
		}
	}
	return (n);
}

struct grid_history *
grid_history_create(u_int limit)
{
	struct grid_history	*gh;

	gh = xcalloc(1, sizeof *gh);
	gh->limit = limit;
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

/* Is a cell blank with the default background? Trailing ones are dropped. */
static int
grid_cell_blank(const VTermScreenCell *cell)
{
	if (cell->chars[0] != 0 && cell->chars[0] != ' ')
		return (0);
	if (!VTERM_COLOR_IS_DEFAULT_BG(&cell->bg))
		return (0);
	return (!cell->attrs.reverse && !cell->attrs.underline &&
	    !cell->attrs.strike);
}

void
grid_history_push(struct grid_history *gh, int cols,
    const VTermScreenCell *cells)
{
	struct grid_line	*gl;
	int			 n = cols;

	if (gh->limit == 0)
		return;
	while (n > 0 && grid_cell_blank(&cells[n - 1]))
		n--;

	if (gh->count == gh->limit) {
		gl = &gh->lines[gh->first];
		gh->bytes -= gl->len;
		free(gl->data);
		gh->first = (gh->first + 1) % gh->limit;
		gh->count--;
	}
	gl = &gh->lines[(gh->first + gh->count) % gh->limit];
	gl->cols = n;
	if ((size_t)n * GRID_CELL_MAX > grid_buf_size) {
		grid_buf_size = (size_t)n * GRID_CELL_MAX;
		grid_buf = xrealloc(grid_buf, grid_buf_size);
	}
	/* Exactly its size: lines are kept long. */
	gl->len = grid_encode(cells, n, grid_buf);
	gl->data = NULL;
	if (gl->len != 0) {
		gl->data = xmalloc(gl->len);
		memcpy(gl->data, grid_buf, gl->len);
	}
	gh->bytes += gl->len;
	gh->count++;
}

int
grid_history_pop(struct grid_history *gh, int cols, VTermScreenCell *cells,
    const VTermScreenCell *blank)
{
	struct grid_line	*gl;
	int			 i, n;

	if (gh->count == 0)
		return (0);
	gl = &gh->lines[(gh->first + gh->count - 1) % gh->limit];
	n = grid_decode(gl, cells, cols);
	/* A wide character cut in half at the edge becomes a blank. */
	if (n > 0 && n == cols && cells[n - 1].width == 2)
		cells[n - 1] = *blank;
	for (i = n; i < cols; i++)
		cells[i] = *blank;
	for (i = 0; i < cols; i++) {
		if (cells[i].width < 1)
			cells[i].width = 1;
	}
	gh->bytes -= gl->len;
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
	struct grid_line	*lines;
	u_int			 i, keep, skip;

	if (limit == gh->limit)
		return;
	keep = gh->count < limit ? gh->count : limit;
	skip = gh->count - keep;
	for (i = 0; i < skip; i++) {
		struct grid_line *gl = &gh->lines[(gh->first + i) % gh->limit];

		gh->bytes -= gl->len;
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
