/* capture-pane: print a pane's screen as text, with -e its colours too. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/cmd.h"
#include "vigil/colour.h"
#include "vigil/style.h"
#include "vigil/utf8.h"
#include "vigil/vigil.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

static enum cmd_retval	cmd_capture_pane_exec(struct cmd *, struct cmd_ctx *);

const struct cmd_entry cmd_capture_pane_entry = {
	.name = "capture-pane",
	.alias = "capture",
	.args_template = "ept:",
	.args_lower = 0,
	.args_upper = 0,
	.usage = "[-e] [-t pane]",
	.flags = 0,
	.exec = cmd_capture_pane_exec,
};

/* Append an SGR colour: 30-37, 90-97, 38;5;N or 38;2;R;G;B (base 30/40). */
static size_t
cmd_capture_pane_colour(char *out, int c, int base)
{
	if (c == COLOUR_DEFAULT)
		return (sprintf(out, ";%d", base + 9));
	if (COLOUR_IS_RGB(c))
		return (sprintf(out, ";%d;2;%d;%d;%d", base + 8,
		    (c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff));
	if (c < 8)
		return (sprintf(out, ";%d", base + c));
	if (c < 16)
		return (sprintf(out, ";%d", base + 60 + c - 8));
	return (sprintf(out, ";%d;5;%d", base + 8, c));
}

/* The SGR sequence that sets a cell's whole style from a reset. */
static size_t
cmd_capture_pane_sgr(char *out, const struct vt_cell *cell)
{
	static const struct { int attr; int sgr; } map[] = {
		{ ATTR_BOLD, 1 }, { ATTR_DIM, 2 }, { ATTR_ITALIC, 3 },
		{ ATTR_UNDERLINE, 4 }, { ATTR_BLINK, 5 }, { ATTR_REVERSE, 7 },
		{ ATTR_INVISIBLE, 8 }, { ATTR_STRIKE, 9 },
		{ ATTR_DUNDERLINE, 21 }
	};
	size_t	n = sprintf(out, "\033[0");
	u_int	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (cell->attrs & map[i].attr)
			n += sprintf(out + n, ";%d", map[i].sgr);
	}
	if (cell->fg != COLOUR_DEFAULT)
		n += cmd_capture_pane_colour(out + n, cell->fg, 30);
	if (cell->bg != COLOUR_DEFAULT)
		n += cmd_capture_pane_colour(out + n, cell->bg, 40);
	out[n++] = 'm';
	return (n);
}

/* One row; trailing blanks (in the default style) are left off. */
static void
cmd_capture_pane_row(struct cmd_ctx *ctx, struct vt *vt, u_int y, u_int sx,
    int escapes)
{
	struct vt_cell	 cell, last = { .fg = COLOUR_DEFAULT,
			     .bg = COLOUR_DEFAULT };
	/* A cell: SGR with every attribute and two RGB colours, 6 characters. */
	char		*line = xmalloc(sx * (128 + VT_MAX_CHARS * UTF8_MAX) + 16);
	size_t		 n = 0, keep = 0;
	u_int		 x, i;
	int		 styled = 0;

	for (x = 0; x < sx; x++) {
		vt_get_cell(vt, x, y, &cell);
		if (cell.width == 0)
			continue;	/* right half of a wide character */
		if (escapes && (cell.attrs != last.attrs ||
		    cell.fg != last.fg || cell.bg != last.bg)) {
			n += cmd_capture_pane_sgr(line + n, &cell);
			last = cell;
			styled = cell.attrs != 0 || cell.fg != COLOUR_DEFAULT ||
			    cell.bg != COLOUR_DEFAULT;
		}
		if (cell.chars[0] == 0)
			line[n++] = ' ';
		else {
			for (i = 0; i < VT_MAX_CHARS && cell.chars[i] != 0; i++)
				n += utf8_encode(cell.chars[i], line + n);
		}
		if (cell.chars[0] != 0 || styled)
			keep = n;
	}
	n = keep;
	if (escapes && styled)
		n += sprintf(line + n, "\033[0m");
	line[n] = '\0';
	cmd_print(ctx, "%s", line);
	free(line);
}

static enum cmd_retval
cmd_capture_pane_exec(struct cmd *self, struct cmd_ctx *ctx)
{
	struct args	*args = cmd_get_args(self);
	struct pane	*p;
	u_int		 sx, sy, y;

	if ((p = cmd_find_pane(ctx, args_get(args, 't'))) == NULL)
		return (CMD_RETURN_ERROR);
	vt_size(p->vt, &sx, &sy);
	for (y = 0; y < sy; y++)
		cmd_capture_pane_row(ctx, p->vt, y, sx, args_has(args, 'e'));
	return (CMD_RETURN_NORMAL);
}
