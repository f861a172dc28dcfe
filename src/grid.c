/*
 * The history we own: lines scrolled off the top of a pane, in a ring.
 *
 * libvterm hands us each line it pushes out of the screen and asks for them
 * back when the screen grows taller. Lines are stored trimmed of trailing
 * blank cells. A later change replaces this with compact style runs.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigil/grid.h"
#include "vigil/xmalloc.h"

struct grid_line {
	int		 cols;		/* cells stored */
	VTermScreenCell	*cells;
};

struct grid_history {
	struct grid_line *lines;	/* ring of limit lines */
	u_int		  limit;
	u_int		  first;	/* index of the oldest line */
	u_int		  count;
	size_t		  bytes;
};

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
		free(gh->lines[(gh->first + i) % gh->limit].cells);
		gh->lines[(gh->first + i) % gh->limit].cells = NULL;
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
		gh->bytes -= gl->cols * sizeof *gl->cells;
		free(gl->cells);
		gh->first = (gh->first + 1) % gh->limit;
		gh->count--;
	}
	gl = &gh->lines[(gh->first + gh->count) % gh->limit];
	gl->cols = n;
	gl->cells = NULL;
	if (n != 0) {
		gl->cells = xreallocarray(NULL, n, sizeof *gl->cells);
		memcpy(gl->cells, cells, n * sizeof *gl->cells);
	}
	gh->bytes += n * sizeof *gl->cells;
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
	n = gl->cols < cols ? gl->cols : cols;
	if (n != 0)
		memcpy(cells, gl->cells, n * sizeof *cells);
	/* A wide character cut in half at the edge becomes a blank. */
	if (n > 0 && n == cols && cells[n - 1].width == 2)
		cells[n - 1] = *blank;
	for (i = n; i < cols; i++)
		cells[i] = *blank;
	for (i = 0; i < cols; i++) {
		if (cells[i].width < 1)
			cells[i].width = 1;
	}
	gh->bytes -= gl->cols * sizeof *gl->cells;
	free(gl->cells);
	gl->cells = NULL;
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

		gh->bytes -= gl->cols * sizeof *gl->cells;
		free(gl->cells);
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
