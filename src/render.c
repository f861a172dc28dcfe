/*
 * Drawing a session onto a client's terminal with ncurses.
 *
 * Cells are read from each pane's terminal state at draw time, only for the
 * rows that changed (all rows when the client needs a full redraw); ncurses
 * then sends only the cells that differ from what the terminal shows.
 * Every cell is placed at its own position so a character whose width
 * libvterm and the C library disagree on cannot shift the rest of a row.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <curses.h>

#include "vigil/colour.h"
#include "vigil/layout.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/render.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/supervise.h"
#include "vigil/style.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

void
render_geometry(const struct client *c, struct render_geometry *rg)
{
	u_int	sy = c->tty->sy;
	int	status = options_get_number(OPT_STATUS) && sy > 1;

	rg->area_y = 0;
	rg->area_sy = status ? sy - 1 : sy;
	rg->status_y = -1;
	if (status) {
		if (options_get_number(OPT_STATUS_POSITION) ==
		    STATUS_POSITION_TOP) {
			rg->status_y = 0;
			rg->area_y = 1;
		} else
			rg->status_y = sy - 1;
	}
}

/* ncurses attributes for ATTR_* bits. */
static attr_t
render_attrs(int attrs)
{
	attr_t	a = A_NORMAL;

	if (attrs & ATTR_BOLD)
		a |= A_BOLD;
	if (attrs & ATTR_DIM)
		a |= A_DIM;
	if (attrs & ATTR_ITALIC)
		a |= A_ITALIC;
	if (attrs & (ATTR_UNDERLINE | ATTR_DUNDERLINE | ATTR_CURLY))
		a |= A_UNDERLINE;
	if (attrs & ATTR_BLINK)
		a |= A_BLINK;
	if (attrs & ATTR_REVERSE)
		a |= A_REVERSE;
	if (attrs & ATTR_INVISIBLE)
		a |= A_INVIS;
	return (a);
}

/* Put one character with attributes and colours at y, x. */
static void
render_put(struct tty *tty, u_int y, u_int x, const wchar_t *wch, int attrs,
    int fg, int bg)
{
	cchar_t	cc;
	int	pair = tty_colour_pair(tty, fg, bg);
	wchar_t	one[2] = { wch[0], L'\0' };

	if (setcchar(&cc, wch, render_attrs(attrs), 0, &pair) == ERR)
		setcchar(&cc, one, render_attrs(attrs), 0, &pair);
	mvwadd_wch(stdscr, y, x, &cc);
}

/* Draw one row of a pane at screen row sy, clipped to the terminal. */
static void
render_pane_row(struct tty *tty, struct pane *p, u_int py, u_int sy,
    u_int ox)
{
	struct vt_cell	cell;
	wchar_t		wch[VT_MAX_CHARS + 1];
	u_int		x, i, sx;
	int		w;

	for (x = 0; x < p->sx; x += cell.width > 0 ? cell.width : 1) {
		sx = ox + x;
		if (sx >= tty->sx)
			break;
		vt_get_cell(p->vt, x, py, &cell);
		if (cell.width == 0)
			continue;
		for (i = 0; i < VT_MAX_CHARS && cell.chars[i] != 0; i++)
			wch[i] = cell.chars[i];
		wch[i] = L'\0';
		if (i == 0) {
			wch[0] = L' ';
			wch[1] = L'\0';
		}
		w = wch[0] >= 0x20 && wch[0] < 0x7f ? 1 : wcwidth(wch[0]);
		/* What the C library can't show, or shows wider, gets a stand-in. */
		if (w < 0 || w > cell.width ||
		    (cell.width == 2 && sx + 1 >= tty->sx)) {
			wch[0] = (w < 0 || cell.width == 1) ? L'\xfffd' : L' ';
			wch[1] = L'\0';
			if (cell.width == 2 && sx + 1 >= tty->sx)
				wch[0] = L' ';
			w = 1;
		}
		render_put(tty, sy, sx, wch, cell.attrs, cell.fg, cell.bg);
		if (cell.width == 2 && w == 1 && sx + 1 < tty->sx)
			render_put(tty, sy, sx + 1, L" ", cell.attrs, cell.fg,
			    cell.bg);
	}
}

/* Draw the rows of a pane that changed (or all of them). */
static void
render_pane(struct client *c, struct pane *p, int full,
    const struct render_geometry *rg)
{
	u_int	top = 0, bottom = p->sy, y;

	if (!full && !vt_dirty(p->vt, &top, &bottom))
		return;
	for (y = top; y < bottom && y < p->sy; y++) {
		if (p->yoff + y >= rg->area_sy)
			break;
		render_pane_row(c->tty, p, y, rg->area_y + p->yoff + y,
		    p->xoff);
	}
}

/* Is x, y on a border (inside the layout, covered by no pane)? */
static int
render_is_border(struct session *s, int x, int y)
{
	if (x < 0 || y < 0 || (u_int)x >= s->layout->sx ||
	    (u_int)y >= s->layout->sy)
		return (0);
	return (layout_at(s->layout, x, y) == NULL);
}

/* The line-drawing character joining the borders around x, y. */
static const cchar_t *
render_border_char(struct session *s, int x, int y)
{
	int	l = render_is_border(s, x - 1, y);
	int	r = render_is_border(s, x + 1, y);
	int	u = render_is_border(s, x, y - 1);
	int	d = render_is_border(s, x, y + 1);

	switch ((l << 3) | (r << 2) | (u << 1) | d) {
	case 0xf:
		return (WACS_PLUS);
	case 0xe:
		return (WACS_BTEE);
	case 0xd:
		return (WACS_TTEE);
	case 0xb:
		return (WACS_RTEE);
	case 0x7:
		return (WACS_LTEE);
	case 0x9:
		return (WACS_URCORNER);
	case 0xa:
		return (WACS_LRCORNER);
	case 0x5:
		return (WACS_ULCORNER);
	case 0x6:
		return (WACS_LLCORNER);
	case 0x3:
	case 0x2:
	case 0x1:
		return (WACS_VLINE);
	case 0x0:
		/* A lone cell: a vertical border one row high has panes beside it. */
		if (x > 0 && layout_at(s->layout, x - 1, y) != NULL)
			return (WACS_VLINE);
		break;
	}
	return (WACS_HLINE);
}

/* Is a border cell next to the active pane (and so drawn highlighted)? */
static int
render_border_active(struct session *s, int x, int y)
{
	struct pane	*a = s->active;

	if (a == NULL)
		return (0);
	return (x >= (int)a->xoff - 1 && x <= (int)(a->xoff + a->sx) &&
	    y >= (int)a->yoff - 1 && y <= (int)(a->yoff + a->sy));
}

/* Draw the border cells of row y from x to end (in layout cells). */
static void
render_border_row(struct client *c, const struct render_geometry *rg,
    u_int y, u_int x, u_int end)
{
	struct session		*s = c->session;
	struct tty		*tty = c->tty;
	const struct style	*st;
	const cchar_t		*ch;
	cchar_t			 cc;
	wchar_t			 wch[CCHARW_MAX];
	attr_t			 attrs;
	short			 unused;
	int			 pair;

	for (; x < end && x < s->layout->sx && x < tty->sx; x++) {
		if (!render_is_border(s, x, y))
			continue;
		if (render_border_active(s, x, y))
			st = options_get_style(OPT_PANE_ACTIVE_BORDER_STYLE);
		else
			st = options_get_style(OPT_PANE_BORDER_STYLE);
		ch = render_border_char(s, x, y);
		getcchar(ch, wch, &attrs, &unused, NULL);
		pair = tty_colour_pair(tty, st->fg, st->bg);
		setcchar(&cc, wch, attrs | render_attrs(st->attrs), 0, &pair);
		mvwadd_wch(stdscr, rg->area_y + y, x, &cc);
	}
}

/* Draw every border cell of the layout. */
static void
render_borders(struct client *c, const struct render_geometry *rg)
{
	struct session	*s = c->session;
	u_int		 y;

	if (s->layout == NULL || s->zoomed != NULL)
		return;
	for (y = 0; y < s->layout->sy && y < rg->area_sy; y++)
		render_border_row(c, rg, y, 0, s->layout->sx);
}

static u_int	render_text(struct tty *, u_int, u_int, const char *, u_int,
		    const struct style *);

/*
 * The focused pane's numbers on its border: the row below it, else the
 * row above it (a pane alone has none; the status line says it all).
 */
static void
render_border_label(struct client *c, const struct render_geometry *rg)
{
	struct session		*s = c->session;
	struct pane		*a = s->active;
	const struct style	*st;
	char			 label[256];
	int			 y;

	if (a == NULL || s->layout == NULL || s->zoomed != NULL ||
	    a->sx < 12 || supervise_label(a, label, sizeof label, &st) != 0)
		return;
	if (a->yoff + a->sy < s->layout->sy)
		y = a->yoff + a->sy;
	else if (a->yoff > 0)
		y = a->yoff - 1;
	else
		return;
	if (y >= (int)rg->area_sy)
		return;
	if (st == NULL)
		st = options_get_style(OPT_PANE_ACTIVE_BORDER_STYLE);
	/* Only this row's border goes under it again: the label shrinks. */
	render_border_row(c, rg, y, a->xoff, a->xoff + a->sx);
	render_text(c->tty, rg->area_y + y, a->xoff + 1, label, a->sx - 2, st);
}

/* Fill y, from x to the end of the row, with blanks in a style. */
static void
render_fill(struct tty *tty, u_int y, u_int x, u_int end,
    const struct style *st)
{
	for (; x < end && x < tty->sx; x++)
		render_put(tty, y, x, L" ", st->attrs, st->fg, st->bg);
}

/* Draw UTF-8 text at y, x in a style, at most cells wide; returns width. */
static u_int
render_text(struct tty *tty, u_int y, u_int x, const char *text,
    u_int cells, const struct style *st)
{
	mbstate_t	ps;
	wchar_t		wch[2] = { 0, 0 };
	size_t		n;
	u_int		used = 0;
	int		w;

	memset(&ps, 0, sizeof ps);
	while (*text != '\0' && used < cells && x + used < tty->sx) {
		n = mbrtowc(&wch[0], text, MB_CUR_MAX, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof ps);
			wch[0] = L'?';
			n = 1;
		}
		if ((w = wcwidth(wch[0])) < 0)
			w = 1, wch[0] = L'?';
		if (used + w > cells || x + used + w > tty->sx)
			break;
		render_put(tty, y, x + used, wch, st->attrs, st->fg, st->bg);
		used += w;
		text += n;
	}
	return (used);
}

/* The status line: segments, or a message or prompt over them. */
static void
render_status(struct client *c, const struct render_geometry *rg)
{
	const struct style	*st = options_get_style(OPT_STATUS_STYLE);
	struct status_line	 sl;
	struct status_segment	*seg;
	struct tty		*tty = c->tty;
	u_int			 i, used, y = rg->status_y;

	if (rg->status_y < 0) {
		/* No status line: a message or prompt borrows the last row. */
		if (c->prompt == NULL && c->message == NULL)
			return;
		y = tty->sy - 1;
	}
	if (c->prompt != NULL || c->message != NULL) {
		st = options_get_style(OPT_MESSAGE_STYLE);
		used = render_text(tty, y, 0, c->prompt != NULL ? c->prompt :
		    c->message, tty->sx, st);
		if (c->prompt != NULL)
			used += render_text(tty, y, used, c->prompt_buf,
			    tty->sx - used, st);
		render_fill(tty, y, used, tty->sx, st);
		return;
	}

	status_build(&sl, c->session, time(NULL));
	status_fit(&sl, tty->sx);
	render_fill(tty, y, 0, tty->sx, st);
	for (i = 0; i < sl.n; i++) {
		seg = &sl.segs[i];
		if (seg->width == 0)
			continue;
		used = render_text(tty, y, seg->x, seg->text, seg->width,
		    &seg->style);
		render_fill(tty, y, seg->x + used, seg->x + seg->width,
		    &seg->style);
	}
	status_free(&sl);
}

/* Say on a dead pane's last row that it has exited. */
static void
render_dead(struct client *c, struct pane *p, const struct render_geometry *rg)
{
	const struct style	*st = options_get_style(OPT_MESSAGE_STYLE);
	char			*text;
	u_int			 y = rg->area_y + p->yoff + p->sy - 1, used;

	if (p->yoff + p->sy - 1 >= rg->area_sy)
		return;
	if (p->flags & PANE_HIBERNATED)
		xasprintf(&text, "[hibernated] press a key to relaunch: %s",
		    p->hibernate_command);
	else
		xasprintf(&text, "[%s] press a key to close",
		    pane_exit_string(p));
	used = render_text(c->tty, y, p->xoff, text, p->sx, st);
	render_fill(c->tty, y, p->xoff + used, p->xoff + p->sx, st);
	free(text);
}

/* Lines shown over the panes (list-keys), each padded to the width. */
static void
render_overlay(struct client *c, const struct render_geometry *rg)
{
	const struct style	*st = options_get_style(OPT_MESSAGE_STYLE);
	struct style		 plain = STYLE_DEFAULT;
	u_int			 y, i, used;

	for (y = 0; y < rg->area_sy; y++) {
		i = c->overlay_top + y;
		used = 0;
		if (i < c->noverlay)
			used = render_text(c->tty, rg->area_y + y, 0,
			    c->overlay[i], c->tty->sx, i == 0 ? st : &plain);
		render_fill(c->tty, rg->area_y + y, used, c->tty->sx,
		    i == 0 ? st : &plain);
	}
}

/* Place the cursor where the active pane (or the prompt) has it. */
static void
render_cursor(struct client *c, const struct render_geometry *rg)
{
	struct pane		*p = c->session->active;
	struct tty		*tty = c->tty;
	struct vt_cursor	 cur;
	u_int			 x, y;

	if (c->prompt != NULL) {
		x = status_width(c->prompt) + status_width(c->prompt_buf);
		y = rg->status_y >= 0 ? (u_int)rg->status_y : tty->sy - 1;
		wmove(stdscr, y, x < tty->sx ? x : tty->sx - 1);
		curs_set(1);
		return;
	}
	if (p == NULL || pane_is_dead(p)) {
		curs_set(0);
		return;
	}
	vt_get_cursor(p->vt, &cur);
	x = p->xoff + cur.x;
	y = rg->area_y + p->yoff + cur.y;
	if (!cur.visible || x >= tty->sx || cur.y >= p->sy ||
	    p->yoff + cur.y >= rg->area_sy) {
		curs_set(0);
		return;
	}
	wmove(stdscr, y, x);
	curs_set(1);
}

/* Mark the part of a bigger terminal that the session doesn't use. */
static void
render_unused(struct client *c, const struct render_geometry *rg)
{
	struct session	*s = c->session;
	struct tty	*tty = c->tty;
	u_int		 x, y;

	for (y = 0; y < rg->area_sy; y++) {
		for (x = y < s->sy ? s->sx : 0; x < tty->sx; x++)
			render_put(tty, rg->area_y + y, x, L"\u00b7",
			    ATTR_DIM, COLOUR_DEFAULT, COLOUR_DEFAULT);
	}
}

void
render_client(struct client *c)
{
	struct render_geometry	 rg;
	struct session		*s = c->session;
	struct tty		*tty = c->tty;
	struct vt_cursor	 cur;
	struct pane		*p;
	int			 full = (c->flags & CLIENT_REDRAW) != 0;

	tty_select(tty);
	render_geometry(c, &rg);
	if (full)
		werase(stdscr);

	TAILQ_FOREACH(p, &s->panes, entry) {
		if (!session_pane_visible(s, p))
			continue;
		render_pane(c, p, full, &rg);
		if (pane_is_dead(p))
			render_dead(c, p, &rg);
	}
	if (full || (s->flags & SESSION_REDRAW))
		render_borders(c, &rg);
	/* The border label changes with every sample, as the status does. */
	if (full || (s->flags & SESSION_REDRAW) ||
	    (c->flags & CLIENT_REDRAW_STATUS))
		render_border_label(c, &rg);
	if (full && (s->sx < tty->sx || s->sy < rg.area_sy))
		render_unused(c, &rg);
	if (full || (c->flags & CLIENT_REDRAW_STATUS) ||
	    (rg.status_y < 0 && (c->prompt != NULL || c->message != NULL)))
		render_status(c, &rg);
	if (c->overlay != NULL) {
		render_overlay(c, &rg);
		curs_set(0);
	} else
		render_cursor(c, &rg);
	wnoutrefresh(stdscr);
	tty_update(tty);

	if ((p = s->active) != NULL && !pane_is_dead(p)) {
		vt_get_cursor(p->vt, &cur);
		tty_set_cursor_shape(tty, cur.shape, cur.blink);
		if (options_get_number(OPT_SET_TITLES))
			tty_set_title(tty, *vt_title(p->vt) != '\0' ?
			    vt_title(p->vt) : p->name);
	}
	c->flags &= ~(CLIENT_REDRAW | CLIENT_REDRAW_STATUS);
}
