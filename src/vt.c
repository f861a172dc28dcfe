/*
 * libvterm glue: a pane's terminal state, its cells, and keys sent to it.
 *
 * Output from the program goes through a small filter on its way into
 * libvterm, for two faults of libvterm 0.1.4. It ignores SGR 2 (dim), which
 * agent TUIs use for every hint and placeholder: the filter rewrites dim
 * into alternate font 1 (SGR 11), a pen attribute libvterm keeps per cell
 * and nothing else uses, and reads it back as dim. And it drops an OSC or
 * DCS string that arrives split across two writes (a title lost on a read
 * boundary): the filter holds strings back until they end. It also turns a
 * UTF-8 character cut by a read boundary into U+FFFD; the filter keeps the
 * first bytes until the rest arrive. Everything else passes through
 * untouched.
 *
 * The cells are ours (grid.c): libvterm's state layer parses and keeps the
 * cursor, modes and pen, and its callbacks here change the grid. They only
 * record facts: the grid widens a dirty row range, the loop reads cells
 * when it draws.
 *
 * Runs of printable ASCII, most of what any program prints, skip libvterm's
 * per-character work (vt_run): the first character goes to libvterm alone,
 * which shows where it lands and that it is printed as itself; the rest of
 * the row's share goes straight into the grid, and a cursor-forward tells
 * libvterm where the cursor went. The last character of the run goes to
 * libvterm too, so a combining character after it still finds it. The
 * filter keeps what libvterm would not show it: the character sets
 * designated and shifted in, and origin mode.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vterm.h>

#include "vigil/colour.h"
#include "vigil/grid.h"
#include "vigil/log.h"
#include "vigil/style.h"
#include "vigil/vt.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

#define VT_SEQ_MAX	128	/* longest CSI the filter holds back */
/*
 * libvterm 0.1.4 writes past its argument array (and crashes) on a CSI with
 * more than 16 arguments, so such a CSI never reaches it.
 */
#define VT_CSI_ARGS_MAX	16
#define VT_STRING_MAX	4096	/* longest OSC or DCS it holds back */
#define VT_DIM_FONT	1	/* alternate font standing for dim */
#define VT_RUN_MIN	8	/* shortest run of ASCII worth vt_run */
#define VT_REPLACEMENT	"\357\277\275"	/* U+FFFD */

enum vt_filter_state {
	VT_GROUND,
	VT_ESC,		/* ESC seen, held back */
	VT_ESC_INTER,	/* ESC and intermediates, passing through */
	VT_CSI,		/* CSI being held back */
	VT_CSI_DROP,	/* CSI libvterm can't take, thrown away */
	VT_STRING,	/* OSC, DCS, APC, PM or SOS, held back whole */
	VT_STRING_ESC,	/* ESC inside a held string */
	VT_STRING_PASS,	/* a string too long to hold, passing through */
	VT_STRING_PASS_ESC
};

struct vt {
	VTerm			*vterm;
	VTermState		*state;
	u_int			 sx, sy;

	struct grid		*grid;
	int			 attrs, fg, bg;	/* the pen, as the grid has it */

	void			(*hook)(const char *, size_t, void *);
	void			*hook_arg;

	const struct vt_callbacks *cb;
	void			*arg;

	int			 changed;

	struct vt_cursor	 cursor;
	enum vt_mouse		 mouse;
	int			 altscreen;
	char			*title;

	enum vt_filter_state	 fstate;
	char			 fbuf[VT_STRING_MAX];
	size_t			 flen;
	int			 csi_part;	/* leader, parameters, intermediates */
	u_int			 csi_args;	/* separators in the parameters */

	char			 ubuf[6];	/* a UTF-8 character cut short */
	size_t			 ulen;

	u_int			 margin_top;	/* at most, see vt_filter_margin */
	u_int			 margin_left;
	int			 margin_reset;	/* after a resize, when it can */

	/* What vt_run must know that libvterm keeps to itself. */
	u_int			 esc_inter;	/* intermediates of an escape */
	u_char			 esc_first;	/* and the first of them */
	u_char			 cs_other;	/* G0-G3 that are not ASCII */
	u_char			 cs_gl;		/* the set shifted in */
	int			 origin;	/* DECOM (may be) on */
	int			 run_off;	/* vt_run found libvterm elsewhere */
	uint64_t		 run_cells;	/* put by vt_run */

	/* What the character vt_run fed alone did. */
	u_int			 glyphs;
	uint32_t		 glyph_ch;
	int			 glyph_width;
	int			 glyph_protected;
	VTermPos		 glyph_pos;
	int			 inserted;	/* insert mode moved cells */

	int			 rep_width;	/* what REP would repeat */
};

static int	vt_cb_putglyph(VTermGlyphInfo *, VTermPos, void *);
static int	vt_cb_movecursor(VTermPos, VTermPos, int, void *);
static int	vt_cb_scrollrect(VTermRect, int, int, void *);
static int	vt_cb_erase(VTermRect, int, void *);
static int	vt_cb_setpenattr(VTermAttr, VTermValue *, void *);
static int	vt_cb_settermprop(VTermProp, VTermValue *, void *);
static int	vt_cb_bell(void *);
static int	vt_cb_resize(int, int, VTermPos *, void *);
static int	vt_cb_setlineinfo(int, const VTermLineInfo *,
		    const VTermLineInfo *, void *);

static const VTermStateCallbacks vt_state_callbacks = {
	.putglyph = vt_cb_putglyph,
	.movecursor = vt_cb_movecursor,
	.scrollrect = vt_cb_scrollrect,
	.erase = vt_cb_erase,
	.setpenattr = vt_cb_setpenattr,
	.settermprop = vt_cb_settermprop,
	.bell = vt_cb_bell,
	.resize = vt_cb_resize,
	.setlineinfo = vt_cb_setlineinfo,
};

/* Pass libvterm's output (key encodings, query replies) to the owner. */
static void
vt_output(const char *s, size_t len, void *arg)
{
	struct vt	*vt = arg;

	if (vt->cb->output != NULL)
		vt->cb->output(s, len, vt->arg);
}

struct vt *
vt_create(u_int sx, u_int sy, u_int history_limit,
    const struct vt_callbacks *cb, void *arg)
{
	struct vt	*vt;

	if (sx < 1)
		sx = 1;
	if (sy < 1)
		sy = 1;
	vt = xcalloc(1, sizeof *vt);
	vt->sx = sx;
	vt->sy = sy;
	vt->cb = cb;
	vt->arg = arg;
	vt->grid = grid_create(sx, sy, history_limit);
	vt->fg = vt->bg = COLOUR_DEFAULT;
	vt->cursor.visible = 1;
	vt->cursor.blink = 1;

	if ((vt->vterm = vterm_new(sy, sx)) == NULL)
		fatalx("vterm_new %ux%u failed", sx, sy);
	vterm_set_utf8(vt->vterm, 1);
	vterm_output_set_callback(vt->vterm, vt_output, vt);

	vt->state = vterm_obtain_state(vt->vterm);
	vterm_state_set_bold_highbright(vt->state, 0);
	vterm_state_set_callbacks(vt->state, &vt_state_callbacks, vt);
	vterm_state_reset(vt->state, 1);

	vt_dirty_all(vt);
	return (vt);
}

void
vt_free(struct vt *vt)
{
	if (vt == NULL)
		return;
	vterm_free(vt->vterm);
	grid_free(vt->grid);
	free(vt->title);
	free(vt);
}

/* A rectangle of libvterm's as the grid's. */
static struct grid_rect
vt_rect(VTermRect rect)
{
	struct grid_rect	r;

	r.top = rect.start_row > 0 ? rect.start_row : 0;
	r.bottom = rect.end_row > 0 ? rect.end_row : 0;
	r.left = rect.start_col > 0 ? rect.start_col : 0;
	r.right = rect.end_col > 0 ? rect.end_col : 0;
	return (r);
}

static int
vt_cb_putglyph(VTermGlyphInfo *info, VTermPos pos, void *arg)
{
	struct vt	*vt = arg;

	vt->glyphs++;
	vt->rep_width = info->width;
	vt->glyph_ch = info->chars[0] != 0 && info->chars[1] == 0 ?
	    info->chars[0] : 0;
	vt->glyph_width = info->width;
	vt->glyph_protected = info->protected_cell;
	vt->glyph_pos = pos;
	if (pos.row < 0 || pos.col < 0)
		return (0);
	grid_put(vt->grid, pos.col, pos.row, info->chars,
	    info->width > 0 ? info->width : 1, info->protected_cell);
	return (1);
}

static int
vt_cb_scrollrect(VTermRect rect, int down, int right, void *arg)
{
	struct vt		*vt = arg;
	struct grid_rect	 r = vt_rect(rect);

	if (right < 0)
		vt->inserted = 1;
	grid_scroll(vt->grid, &r, down, right);
	return (1);
}

static int
vt_cb_erase(VTermRect rect, int selective, void *arg)
{
	struct vt		*vt = arg;
	struct grid_rect	 r = vt_rect(rect);

	grid_erase(vt->grid, &r, selective);
	return (1);
}

/* Convert a libvterm colour to ours. */
static int
vt_colour(const VTermColor *c, int is_fg)
{
	if (is_fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
		return (COLOUR_DEFAULT);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (c->indexed.idx);
	return (COLOUR_RGB(c->rgb.red, c->rgb.green, c->rgb.blue));
}

/* Set or clear one attribute of the pen. */
static void
vt_pen_flag(struct vt *vt, int flag, int on)
{
	if (on)
		vt->attrs |= flag;
	else
		vt->attrs &= ~flag;
}

static int
vt_cb_setpenattr(VTermAttr attr, VTermValue *val, void *arg)
{
	struct vt	*vt = arg;

	switch (attr) {
	case VTERM_ATTR_BOLD:
		vt_pen_flag(vt, ATTR_BOLD, val->boolean);
		break;
	case VTERM_ATTR_UNDERLINE:
		vt->attrs &= ~(ATTR_UNDERLINE|ATTR_DUNDERLINE|ATTR_CURLY);
		if (val->number == VTERM_UNDERLINE_SINGLE)
			vt->attrs |= ATTR_UNDERLINE;
		else if (val->number == VTERM_UNDERLINE_DOUBLE)
			vt->attrs |= ATTR_DUNDERLINE;
		else if (val->number == VTERM_UNDERLINE_CURLY)
			vt->attrs |= ATTR_CURLY;
		break;
	case VTERM_ATTR_ITALIC:
		vt_pen_flag(vt, ATTR_ITALIC, val->boolean);
		break;
	case VTERM_ATTR_BLINK:
		vt_pen_flag(vt, ATTR_BLINK, val->boolean);
		break;
	case VTERM_ATTR_REVERSE:
		vt_pen_flag(vt, ATTR_REVERSE, val->boolean);
		break;
	case VTERM_ATTR_STRIKE:
		vt_pen_flag(vt, ATTR_STRIKE, val->boolean);
		break;
	case VTERM_ATTR_FONT:
		vt_pen_flag(vt, ATTR_DIM, val->number == VT_DIM_FONT);
		break;
	case VTERM_ATTR_FOREGROUND:
		vt->fg = vt_colour(&val->color, 1);
		break;
	case VTERM_ATTR_BACKGROUND:
		vt->bg = vt_colour(&val->color, 0);
		break;
	default:
		return (0);
	}
	grid_set_pen(vt->grid, vt->attrs, vt->fg, vt->bg);
	return (1);
}

static int
vt_cb_resize(int rows, int cols, VTermPos *delta, void *arg)
{
	struct vt	*vt = arg;
	VTermPos	 cursor;

	vterm_state_get_cursorpos(vt->state, &cursor);
	delta->row += grid_resize(vt->grid, cols, rows,
	    cursor.row > 0 ? cursor.row : 0);
	return (1);
}

static int
vt_cb_setlineinfo(int row, const VTermLineInfo *new, const VTermLineInfo *old,
    void *arg)
{
	struct vt	*vt = arg;

	if (new->doublewidth && (new->doublewidth != old->doublewidth ||
	    new->doubleheight != old->doubleheight))
		grid_double_width(vt->grid, row);
	return (1);
}

static int
vt_cb_movecursor(VTermPos pos, VTermPos old, int visible, void *arg)
{
	struct vt	*vt = arg;

	(void)old;
	(void)visible;
	vt->cursor.x = pos.col;
	vt->cursor.y = pos.row;
	vt->changed = 1;
	return (1);
}

/* Map libvterm's cursor shape (and blink) to ours. */
static enum vt_cursor_shape
vt_cursor_shape(int shape)
{
	switch (shape) {
	case VTERM_PROP_CURSORSHAPE_BLOCK:
		return (VT_CURSOR_BLOCK);
	case VTERM_PROP_CURSORSHAPE_UNDERLINE:
		return (VT_CURSOR_UNDERLINE);
	case VTERM_PROP_CURSORSHAPE_BAR_LEFT:
		return (VT_CURSOR_BAR);
	}
	return (VT_CURSOR_DEFAULT);
}

static int
vt_cb_settermprop(VTermProp prop, VTermValue *val, void *arg)
{
	struct vt	*vt = arg;

	switch (prop) {
	case VTERM_PROP_CURSORVISIBLE:
		vt->cursor.visible = val->boolean;
		break;
	case VTERM_PROP_CURSORBLINK:
		vt->cursor.blink = val->boolean;
		break;
	case VTERM_PROP_CURSORSHAPE:
		vt->cursor.shape = vt_cursor_shape(val->number);
		break;
	case VTERM_PROP_ALTSCREEN:
		vt->altscreen = val->boolean;
		grid_set_alternate(vt->grid, val->boolean);
		break;
	case VTERM_PROP_TITLE:
		free(vt->title);
		vt->title = xstrdup(val->string != NULL ? val->string : "");
		if (vt->cb->title != NULL)
			vt->cb->title(vt->title, vt->arg);
		break;
	case VTERM_PROP_MOUSE:
		vt->mouse = (enum vt_mouse)val->number;
		break;
	case VTERM_PROP_REVERSE:
		grid_set_reverse(vt->grid, val->boolean);
		break;
	default:
		return (0);
	}
	vt->changed = 1;
	return (1);
}

static int
vt_cb_bell(void *arg)
{
	struct vt	*vt = arg;

	if (vt->cb->bell != NULL)
		vt->cb->bell(vt->arg);
	return (1);
}

/*
 * Feed bytes to libvterm. It runs SO and SI (shift G1 or G0 in) wherever
 * they are, even inside a sequence, so the last of them here decides.
 */
static void
vt_feed(struct vt *vt, const char *buf, size_t len)
{
	const char	*so, *si;

	if (len == 0)
		return;
	if (vt->hook != NULL)
		vt->hook(buf, len, vt->hook_arg);
	so = memrchr(buf, 0x0e, len);
	si = memrchr(buf, 0x0f, len);
	if (so != NULL && (si == NULL || so > si))
		vt->cs_gl = 1;
	else if (si != NULL)
		vt->cs_gl = 0;
	vterm_input_write(vt->vterm, buf, len);
}

/*
 * An escape has ended with final after ninter intermediates, the first
 * being first: follow what libvterm 0.1.4 does with character sets. RIS
 * resets them and origin mode; LS2 and LS3 shift G2 or G3 in; SCS (one
 * intermediate of ( ) * +) designates ASCII, or DEC graphics or UK, the
 * only others it knows, and leaves a set it doesn't know alone.
 */
static void
vt_filter_escape(struct vt *vt, u_int ninter, u_char first, u_char final)
{
	u_int	set;

	if (ninter == 0) {
		if (final == 'c') {
			vt->cs_other = 0;
			vt->cs_gl = 0;
			vt->origin = 0;
		} else if (final == 'n')
			vt->cs_gl = 2;
		else if (final == 'o')
			vt->cs_gl = 3;
		return;
	}
	if (ninter != 1 || first < '(' || first > '+')
		return;
	set = first - '(';
	if (final == 'B')
		vt->cs_other &= ~(1U << set);
	else if (final == '0' || final == 'A')
		vt->cs_other |= 1U << set;
}

/*
 * Follow DECOM in a whole CSI: libvterm 0.1.4 takes only the first
 * parameter of a DECSET or DECRST. Anything it might read as 6 that isn't
 * plainly 6 counts as setting it: vt_run only needs to know it is off.
 */
static void
vt_filter_origin(struct vt *vt)
{
	char	seq[VT_SEQ_MAX], final = vt->fbuf[vt->flen - 1];
	size_t	len = 0, i;
	u_int	v = 0, digits = 0;

	/* Without ESC [ and the final. */
	for (i = 2; i < vt->flen - 1; i++)
		seq[len++] = vt->fbuf[i];
	if (len < 2 || seq[0] != '?')
		return;
	for (i = 1; i < len && seq[i] >= '0' && seq[i] <= '9'; i++) {
		if (digits++ < 9)
			v = v * 10 + (seq[i] - '0');
	}
	if (i != len && seq[i] != ';' && seq[i] != ':')
		return;		/* another leader, or intermediates */
	if (digits > 9)
		vt->origin = 1;
	else if (v == 6)
		vt->origin = (final == 'h');
}

void
vt_set_feed_hook(struct vt *vt, void (*hook)(const char *, size_t, void *),
    void *arg)
{
	vt->hook = hook;
	vt->hook_arg = arg;
}

/*
 * Rewrite an SGR's parameters so that dim (2) becomes font VT_DIM_FONT and
 * normal intensity (22) also resets the font. Colour parameters (38, 48,
 * 58 with ;5;n or ;2;r;g;b) are skipped so their 2 and 5 are not taken
 * for attributes. Returns 1 and fills out if anything changed.
 */
static int
vt_filter_sgr(const char *params, size_t len, char *out, size_t outsize,
    size_t *outlen)
{
	long	 vals[VT_SEQ_MAX];
	char	 seps[VT_SEQ_MAX];
	size_t	 n = 0, i, o = 0;
	int	 skip = 0, changed = 0, r;
	long	 v = -1;

	for (i = 0; i <= len; i++) {
		if (i < len && params[i] >= '0' && params[i] <= '9') {
			v = (v < 0 ? 0 : v) * 10 + (params[i] - '0');
			if (v > 100000)
				return (0);
			continue;
		}
		if (i < len && params[i] != ';' && params[i] != ':')
			return (0);
		vals[n] = v;
		seps[n] = i < len ? params[i] : '\0';
		n++;
		v = -1;
	}

	for (i = 0; i < n; i++) {
		const char	*rep = NULL;
		int		 top = (i == 0 || seps[i - 1] == ';');

		if (skip > 0)
			skip--;
		else if (!top && i >= 1 && i + 3 < n && vals[i] == 2 &&
		    (vals[i - 1] == 38 || vals[i - 1] == 48 ||
		    vals[i - 1] == 58) && seps[i] == ':' && vals[i + 1] == -1 &&
		    seps[i + 1] == ':') {
			/* 38:2::r:g:b (with a colour space) as 38:2:r:g:b. */
			i++;
			changed = 1;
			if (o + 2 >= outsize)
				return (0);
			out[o++] = '2';
			out[o++] = ':';
			continue;
		}
		else if (top && (vals[i] == 38 || vals[i] == 48 ||
		    vals[i] == 58) && seps[i] == ';' && i + 1 < n)
			skip = vals[i + 1] == 5 ? 2 : (vals[i + 1] == 2 ? 4 : 0);
		else if (top && seps[i] != ':' && vals[i] == 2)
			rep = "11";
		else if (top && seps[i] != ':' && vals[i] == 22)
			rep = "22;10";

		if (rep != NULL) {
			r = snprintf(out + o, outsize - o, "%s", rep);
			changed = 1;
		} else if (vals[i] >= 0)
			r = snprintf(out + o, outsize - o, "%ld", vals[i]);
		else
			r = 0;
		if (r < 0 || (size_t)r >= outsize - o)
			return (0);
		o += r;
		if (seps[i] != '\0') {
			if (o + 1 >= outsize)
				return (0);
			out[o++] = seps[i];
		}
	}
	*outlen = o;
	return (changed);
}

/*
 * Note where a DECSTBM or DECSLRM puts the top or left margin. libvterm
 * 0.1.4 keeps a top margin below the bottom of a screen that shrinks, and
 * the next line feed then moves a negative number of its line records:
 * heap corruption. vt_resize resets such a margin; an over-estimate here
 * only costs a needless reset.
 */
static void
vt_filter_margin(struct vt *vt, char final)
{
	const char	*p = vt->fbuf + 2, *end = vt->fbuf + vt->flen - 1;
	u_int		 v = 0;

	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (v < 100000)
			v = v * 10 + (*p - '0');
	}
	if (p != end && *p != ';' && *p != ':')
		return;		/* a leader: not DECSTBM or DECSLRM */
	if (final == 'r')
		vt->margin_top = v > 0 ? v - 1 : 0;
	else
		vt->margin_left = v > 0 ? v - 1 : 0;
}

/* Is the whole CSI in fbuf a REP (no leader, no intermediates)? */
static int
vt_filter_rep(struct vt *vt)
{
	size_t	i;
	u_char	ch;

	for (i = 2; i < vt->flen - 1; i++) {
		ch = vt->fbuf[i];
		if ((ch < '0' || ch > '9') && ch != ';' && ch != ':')
			return (0);
	}
	return (1);
}

/*
 * A whole CSI is held in fbuf: pass it on, rewritten if it is an SGR. A
 * REP with nothing of width 1 or more to repeat is dropped: libvterm 0.1.4
 * steps by the last character's width and loops forever on 0 (nothing
 * printed yet, or a combining character on its own).
 */
static void
vt_filter_csi(struct vt *vt)
{
	char	 out[VT_SEQ_MAX * 2 + 8];
	size_t	 outlen;
	char	 final = vt->fbuf[vt->flen - 1];

	if (final == 'b' && vt->rep_width < 1 && vt_filter_rep(vt)) {
		vt->flen = 0;
		return;
	}
	if (final == 'r' || final == 's')
		vt_filter_margin(vt, final);
	else if (final == 'h' || final == 'l')
		vt_filter_origin(vt);

	if (final == 'm' && vt_filter_sgr(vt->fbuf + 2, vt->flen - 3,
	    out + 2, sizeof out - 3, &outlen)) {
		out[0] = '\033';
		out[1] = '[';
		out[outlen + 2] = 'm';
		vt_feed(vt, out, outlen + 3);
	} else
		vt_feed(vt, vt->fbuf, vt->flen);
	vt->flen = 0;
}

/* Release what the filter holds back, unchanged. */
static void
vt_filter_release(struct vt *vt)
{
	vt_feed(vt, vt->fbuf, vt->flen);
	vt->flen = 0;
}

/*
 * Next state after ESC and ch, following libvterm 0.1.4's parser: only OSC
 * and DCS are strings (it takes APC, PM and SOS as plain C1 controls); a
 * control or a byte it can't use leaves it still in the escape.
 */
static enum vt_filter_state
vt_filter_after_esc(u_char ch)
{
	if (ch == ']' || ch == 'P')
		return (VT_STRING);
	if (ch == 0x18 || ch == 0x1a)
		return (VT_GROUND);
	if ((ch >= 0x20 && ch <= 0x2f) || ch < 0x20 || ch >= 0x7f)
		return (VT_ESC_INTER);
	return (VT_GROUND);
}

/*
 * Follow a CSI through its parts as libvterm's parser does: leader bytes
 * (0x3c-0x3f) first, then parameters (digits, ':' and ';'), then
 * intermediates (0x20-0x2f). Returns 1 while the CSI goes on, 0 at its
 * final byte or at a byte libvterm takes as the end of an invalid one.
 */
static int
vt_filter_csi_byte(struct vt *vt, u_char ch)
{
	switch (vt->csi_part) {
	case 0:
		if (ch >= 0x3c && ch <= 0x3f)
			return (1);
		vt->csi_part = 1;
		/* FALLTHROUGH */
	case 1:
		if ((ch >= '0' && ch <= '9') || ch == ':' || ch == ';')
			return (1);
		vt->csi_part = 2;
		/* FALLTHROUGH */
	case 2:
		if (ch >= 0x20 && ch <= 0x2f)
			return (1);
	}
	return (0);
}

/*
 * A control inside a CSI. libvterm runs it at once and goes on with the
 * CSI, so it goes to libvterm now, before the held CSI. CAN and SUB cancel
 * the CSI; ESC starts a new sequence.
 */
static int
vt_filter_csi_control(struct vt *vt, u_char ch)
{
	if (ch == 0x18 || ch == 0x1a) {
		vt->flen = 0;
		vt->fstate = VT_GROUND;
		return (0);
	}
	if (ch == 0x1b) {
		vt->flen = 0;
		vt->fbuf[vt->flen++] = ch;
		vt->fstate = VT_ESC;
		return (1);
	}
	vt_feed(vt, (const char *)&ch, 1);
	return (1);
}

static int	vt_filter_byte(struct vt *, u_char);

/*
 * A whole OSC the filter held: the notifications libvterm ignores go to
 * the owner. OSC 9;4;STATE;PERCENT is progress (ConEmu, Windows Terminal),
 * OSC 9;TEXT a notification (iTerm2), OSC 777;notify;TITLE;BODY one too
 * (urxvt, foot). The string is ESC ] ... then BEL or ESC \.
 */
static void
vt_filter_osc(struct vt *vt)
{
	char	text[VT_STRING_MAX + 1], *end;
	size_t	len;
	long	state = 0, percent = 0;

	if (vt->flen < 4 || vt->fbuf[0] != 0x1b || vt->fbuf[1] != ']')
		return;
	len = vt->flen - 2;
	if (vt->fbuf[vt->flen - 1] == 0x07)
		len -= 1;
	else if (vt->fbuf[vt->flen - 1] == '\\' && vt->flen >= 4 &&
	    vt->fbuf[vt->flen - 2] == 0x1b)
		len -= 2;
	else
		return;		/* cancelled by CAN or SUB */
	memcpy(text, vt->fbuf + 2, len);
	text[len] = '\0';
	if (strncmp(text, "9;4;", 4) == 0) {
		state = strtol(text + 4, &end, 10);
		if (*end == ';')
			percent = strtol(end + 1, &end, 10);
		if (state < 0 || state > 4 || percent < 0 || percent > 100)
			return;
		if (vt->cb->progress != NULL)
			vt->cb->progress((int)state, (int)percent, vt->arg);
	} else if (strncmp(text, "9;", 2) == 0) {
		if (vt->cb->notify != NULL)
			vt->cb->notify(text + 2, vt->arg);
	} else if (strncmp(text, "777;notify;", 11) == 0) {
		if (vt->cb->notify != NULL)
			vt->cb->notify(text + 11, vt->arg);
	}
}

/* A byte of a held string: keep it, and pass the string on when it ends. */
static int
vt_filter_string(struct vt *vt, u_char ch)
{
	if (vt->flen == sizeof vt->fbuf) {
		/* Too long to hold: let it through as it comes. */
		vt_filter_release(vt);
		vt->fstate = vt->fstate == VT_STRING_ESC ? VT_STRING_PASS_ESC :
		    VT_STRING_PASS;
		return (0);
	}
	if (vt->fstate == VT_STRING_ESC && ch != '\\') {
		/*
		 * ESC and not ST: the string is cut off and ESC starts a new
		 * sequence, as in xterm. libvterm 0.1.4 reads past its input
		 * on this (a string fragment of the wrong length), so the
		 * string is dropped here and the ESC begins afresh.
		 */
		vt->flen = 0;
		vt->fbuf[vt->flen++] = 0x1b;
		vt->fstate = VT_ESC;
		return (vt_filter_byte(vt, ch));
	}
	vt->fbuf[vt->flen++] = ch;
	if (vt->fstate == VT_STRING_ESC || ch == 0x07 || ch == 0x18 ||
	    ch == 0x1a) {
		/* ST, BEL, CAN, SUB, or ESC then anything: it has ended. */
		vt_filter_osc(vt);
		vt_filter_release(vt);
		vt->fstate = VT_GROUND;
	} else if (ch == 0x1b)
		vt->fstate = VT_STRING_ESC;
	return (1);
}

/* Step the filter over one byte; returns 1 if the byte is held back. */
static int
vt_filter_byte(struct vt *vt, u_char ch)
{
	int	width;

	switch (vt->fstate) {
	case VT_GROUND:
		break;
	case VT_ESC:
		if (ch == 0x1b) {
			/*
			 * ESC ESC: the second starts afresh and the first does
			 * nothing. Not fed: libvterm would be left in an
			 * escape if what the second starts is thrown away.
			 */
			vt->flen = 0;
			break;
		}
		vt->fbuf[vt->flen++] = ch;
		if (ch == '[') {
			vt->fstate = VT_CSI;
			vt->csi_part = 0;
			vt->csi_args = 0;
			return (1);
		}
		if ((vt->fstate = vt_filter_after_esc(ch)) == VT_STRING)
			return (1);
		vt_filter_release(vt);
		if (vt->fstate == VT_GROUND)
			vt_filter_escape(vt, 0, 0, ch);
		else {
			vt->esc_inter = (ch >= 0x20 && ch <= 0x2f);
			vt->esc_first = ch;
		}
		if (ch == '8') {
			/*
			 * DECRC: libvterm 0.1.4 restores a cursor saved before
			 * the screen shrank as it was, below the last line,
			 * and writes out of bounds there. A CSI it does
			 * nothing for (DECRST of no mode) brings it back in.
			 */
			vt_feed(vt, "\033[?l", 4);
		}
		return (1);
	case VT_CSI:
		if (ch == 0x7f || ch == 0x00)
			return (1);	/* libvterm skips these: so do we */
		if (ch < 0x20)
			return (vt_filter_csi_control(vt, ch));
		if (vt->flen == VT_SEQ_MAX - 1 || (vt->csi_part <= 1 &&
		    (ch == ';' || ch == ':') &&
		    ++vt->csi_args >= VT_CSI_ARGS_MAX)) {
			/* Too long, or too many arguments: throw it away. */
			vt->flen = 0;
			vt->fstate = VT_CSI_DROP;
			return (1);
		}
		vt->fbuf[vt->flen++] = ch;
		if (vt_filter_csi_byte(vt, ch))
			return (1);
		/* A final byte, or one that ends it as invalid, as libvterm. */
		if (ch >= 0x40 && ch <= 0x7e)
			vt_filter_csi(vt);
		else
			vt_filter_release(vt);
		vt->fstate = VT_GROUND;
		return (1);
	case VT_CSI_DROP:
		if (ch < 0x20 && ch != 0x18 && ch != 0x1a)
			return (vt_filter_csi_control(vt, ch));
		if ((ch >= 0x40 && ch <= 0x7e) || ch == 0x18 || ch == 0x1a)
			vt->fstate = VT_GROUND;
		return (1);
	case VT_ESC_INTER:
		/*
		 * libvterm has the escape so far. Its bytes go one by one, so
		 * what they change is followed in order with what SO and SI
		 * do. libvterm starts a CSI or a string at [, ] or P even after
		 * intermediates, where for xterm they end the escape. The
		 * filter must hold any CSI or string: CAN ends the escape in
		 * libvterm, and after controls alone it goes on here as a CSI
		 * or string held as any other (as in xterm).
		 */
		if (ch == 0x1b) {
			/* A new escape, held: libvterm's ends now. */
			vt_feed(vt, "\030", 1);
			break;
		}
		if (ch == '[' || ch == ']' || ch == 'P') {
			vt_feed(vt, "\030", 1);
			if (vt->esc_inter != 0) {
				vt->fstate = VT_GROUND;
				return (1);
			}
			vt->fbuf[0] = 0x1b;
			vt->flen = 1;
			vt->fstate = VT_ESC;
			return (vt_filter_byte(vt, ch));
		}
		if (ch == '8' && vt->esc_inter == 1 && vt->esc_first == '#') {
			/* DECALN fills the screen but is not what REP repeats. */
			width = vt->rep_width;
			vt_feed(vt, (const char *)&ch, 1);
			vt->rep_width = width;
		} else
			vt_feed(vt, (const char *)&ch, 1);
		if (ch >= 0x20 && ch <= 0x2f) {
			if (vt->esc_inter++ == 0)
				vt->esc_first = ch;
		} else if (ch >= 0x30 && ch <= 0x7e) {
			vt_filter_escape(vt, vt->esc_inter, vt->esc_first, ch);
			vt->fstate = VT_GROUND;
		} else if (ch == 0x18 || ch == 0x1a)
			vt->fstate = VT_GROUND;
		return (1);
	case VT_STRING:
	case VT_STRING_ESC:
		return (vt_filter_string(vt, ch));
	case VT_STRING_PASS:
		if (ch == 0x07 || ch == 0x18 || ch == 0x1a)
			vt->fstate = VT_GROUND;
		else if (ch == 0x1b) {
			/* Held: ST, or the start of what cuts the string. */
			vt->fbuf[0] = ch;
			vt->flen = 1;
			vt->fstate = VT_STRING_PASS_ESC;
			return (1);
		}
		return (0);
	case VT_STRING_PASS_ESC:
		if (ch == '\\') {
			vt->fbuf[vt->flen++] = ch;
			vt_filter_release(vt);
			vt->fstate = VT_GROUND;
			return (1);
		}
		/*
		 * ESC and not ST: as for a string held whole, the string ends
		 * (CAN ends it in libvterm, which would otherwise take what
		 * follows as an escape the filter never saw) and the ESC
		 * begins afresh.
		 */
		vt_feed(vt, "\030", 1);
		vt->fstate = VT_ESC;
		return (vt_filter_byte(vt, ch));
	}
	if (ch == 0x1b) {
		vt->fbuf[0] = ch;
		vt->flen = 1;
		vt->fstate = VT_ESC;
		return (1);
	}
	return (0);
}

/*
 * The length of a UTF-8 sequence from its first byte, as libvterm's
 * decoder reads it (it takes leads of five and six bytes too); 1 if not a
 * lead.
 */
static size_t
vt_utf8_length(u_char ch)
{
	if (ch < 0xc0 || ch >= 0xfe)
		return (1);
	if (ch < 0xe0)
		return (2);
	if (ch < 0xf0)
		return (3);
	if (ch < 0xf8)
		return (4);
	return (ch < 0xfc ? 5 : 6);
}

/*
 * How many bytes at the end of text are a UTF-8 sequence still open: cut
 * short by a write, or by an escape. Text fed to libvterm never ends open
 * (vt_text), so continuation bytes with no lead before them in buf are
 * strays, not an open sequence.
 */
static size_t
vt_utf8_open(const char *buf, size_t len)
{
	size_t	k, need;
	u_char	ch;

	for (k = 1; k <= len && k <= 6; k++) {
		ch = buf[len - k];
		if ((ch & 0xc0) == 0x80)
			continue;
		need = vt_utf8_length(ch);
		return (need > k ? k : 0);
	}
	return (0);
}

static void	vt_text(struct vt *, const char *, size_t);

/*
 * Finish a character cut short by the last write with the continuation
 * bytes at the start of this one. Returns how many bytes it took.
 */
static size_t
vt_utf8_finish(struct vt *vt, const char *buf, size_t len)
{
	size_t	need = vt_utf8_length(vt->ubuf[0]), used = 0;

	while (vt->ulen < need && used < len &&
	    ((u_char)buf[used] & 0xc0) == 0x80)
		vt->ubuf[vt->ulen++] = buf[used++];
	if (vt->ulen < need && used == len)
		return (used);		/* still short: wait for more */
	vt_text(vt, vt->ubuf, vt->ulen);
	vt->ulen = 0;
	return (used);
}

/*
 * Reset margins a resize left past the screen's edges, as xterm and tmux
 * do, once libvterm is between sequences: not in the middle of an escape
 * the filter lets through, or of a string too long to hold.
 */
static void
vt_reset_margins(struct vt *vt)
{
	if (vt->fstate == VT_ESC_INTER || vt->fstate == VT_STRING_PASS ||
	    vt->fstate == VT_STRING_PASS_ESC)
		return;
	vt->margin_reset = 0;
	vt_feed(vt, "\0337", 2);	/* keep the cursor */
	if (vt->margin_top >= vt->sy) {
		vt_feed(vt, "\033[r", 3);
		vt->margin_top = 0;
	}
	if (vt->margin_left >= vt->sx) {
		vt_feed(vt, "\033[s", 3);
		vt->margin_left = 0;
	}
	vt_feed(vt, "\0338", 2);
}

static void	vt_write_bytes(struct vt *, const char *, size_t);

void
vt_write(struct vt *vt, const char *buf, size_t len)
{
	/* A byte at a time until the margins are fixed: a line feed could
	 * be next. */
	for (; vt->margin_reset && len > 0; buf++, len--) {
		vt_write_bytes(vt, buf, 1);
		vt_reset_margins(vt);
	}
	if (len > 0)
		vt_write_bytes(vt, buf, len);
}

/* Is this byte printable ASCII? */
static inline int
vt_printable(u_char ch)
{
	return (ch >= 0x20 && ch <= 0x7e);
}

/* Tell libvterm the cursor went n columns right (CUF). */
static void
vt_cursor_forward(struct vt *vt, size_t n)
{
	char	buf[32];
	size_t	i = sizeof buf;

	buf[--i] = 'C';
	do
		buf[--i] = '0' + n % 10;
	while ((n /= 10) != 0);
	buf[--i] = '[';
	buf[--i] = '\033';
	vterm_input_write(vt->vterm, buf + i, sizeof buf - i);
}

/*
 * Put a run of n printable ASCII characters on the screen, libvterm being
 * between sequences, skipping its per-character work where it can (see
 * the top of the file). Returns how many it took; the rest, at least one,
 * are libvterm's.
 */
static size_t
vt_run(struct vt *vt, const char *buf, size_t n)
{
	const VTermLineInfo	*li;
	VTermPos		 pos;
	size_t			 done = 0, k;
	u_int			 col, row;

	while (n - done >= VT_RUN_MIN) {
		if (vt->run_off || vt->origin || vt->sx < 3 ||
		    (vt->cs_other & (1U << vt->cs_gl)))
			break;

		/* One alone: where it goes, and that it shows as itself. */
		vt->glyphs = 0;
		vt->inserted = 0;
		vt_feed(vt, buf + done, 1);
		done++;
		if (vt->glyphs != 1 || vt->glyph_width != 1 || vt->inserted ||
		    vt->glyph_ch != (u_char)buf[done - 1] ||
		    vt->glyph_pos.row < 0 || vt->glyph_pos.col < 0)
			break;
		row = vt->glyph_pos.row;
		col = vt->glyph_pos.col;
		if (row >= vt->sy || col + 2 >= vt->sx)
			continue;	/* at the edge: libvterm wraps */
		li = vterm_state_get_lineinfo(vt->state, row);
		if (li->doublewidth)
			break;

		/* The rest of the row's share, leaving one for libvterm. */
		k = vt->sx - 2 - col;
		if (k > n - done - 1)
			k = n - done - 1;
		if (vt->hook != NULL)
			vt->hook(buf + done, k, vt->hook_arg);
		grid_put_ascii(vt->grid, col + 1, row, buf + done, k,
		    vt->glyph_protected);
		vt->run_cells += k;
		done += k;
		vt_cursor_forward(vt, k);

		vterm_state_get_cursorpos(vt->state, &pos);
		if (pos.row != (int)row || pos.col != (int)(col + 1 + k)) {
			log_warnx("%s: libvterm's cursor at %d,%d, not %u,%zu",
			    __func__, pos.row, pos.col, row, col + 1 + k);
			vt->run_off = 1;
		}
	}
	return (done);
}

/* Feed text, a UTF-8 sequence left open at its end as U+FFFD. */
static void
vt_text_feed(struct vt *vt, const char *buf, size_t len)
{
	size_t	open = vt_utf8_open(buf, len);

	vt_feed(vt, buf, len - open);
	if (open != 0)
		vt_feed(vt, VT_REPLACEMENT, sizeof VT_REPLACEMENT - 1);
}

/*
 * Text libvterm takes between sequences. Runs of printable ASCII long
 * enough go by vt_run. What libvterm 0.1.4 gets wrong is kept from it:
 *
 * - A C1 control in UTF-8 (U+0080 to U+009F) it prints as a character of
 *   width -1 that moves the cursor left, off the screen and past its tab
 *   stops; a sequence left open before a control or an escape it would
 *   finish with bytes after it. Both show as U+FFFD, as in xterm.
 * - It decodes text with the set in GL if its first byte is ASCII, and as
 *   UTF-8 if not, so ASCII after UTF-8 in one piece escapes DEC graphics
 *   or UK: what a line showed depended on where reads split. With either
 *   designated, ASCII after UTF-8 goes in a piece of its own.
 */
static void
vt_text(struct vt *vt, const char *buf, size_t len)
{
	size_t	i = 0, j, start = 0;
	u_char	ch;

	while (i < len) {
		ch = buf[i];
		if (ch == 0xc2 && i + 1 < len && (u_char)buf[i + 1] >= 0x80 &&
		    (u_char)buf[i + 1] <= 0x9f) {
			vt_feed(vt, buf + start, i - start);
			vt_feed(vt, VT_REPLACEMENT, sizeof VT_REPLACEMENT - 1);
			start = i += 2;
			continue;
		}
		if (ch < 0x80 && vt->cs_other != 0 && i > start &&
		    (u_char)buf[i - 1] >= 0x80) {
			vt_text_feed(vt, buf + start, i - start);
			start = i;
		}
		if ((ch < 0x20 || ch == 0x7f) && vt_utf8_open(buf + start,
		    i - start) != 0) {
			/* libvterm's text stops here, open: close it. */
			vt_text_feed(vt, buf + start, i - start);
			start = i;
		}
		if (!vt_printable(ch)) {
			i++;
			continue;
		}
		for (j = i + 1; j < len && vt_printable(buf[j]); j++)
			/* nothing */;
		if (j - i >= VT_RUN_MIN &&
		    vt_utf8_open(buf + start, i - start) == 0) {
			vt_feed(vt, buf + start, i - start);
			start = i + vt_run(vt, buf + i, j - i);
		}
		i = j;
	}
	vt_text_feed(vt, buf + start, len - start);
}

static void
vt_write_bytes(struct vt *vt, const char *buf, size_t len)
{
	const char	*esc;
	size_t		 i, run = 0, cut;
	int		 text = 0;

	if (vt->ulen != 0) {
		run = vt_utf8_finish(vt, buf, len);
		if (vt->ulen != 0)
			return;
	}
	for (i = run; i < len; i++) {
		if (vt->fstate == VT_GROUND) {
			/* What passed through before goes first. */
			vt_feed(vt, buf + run, i - run);
			run = i;
			esc = memchr(buf + i, '\033', len - i);
			if (esc == NULL) {
				text = 1;
				break;
			}
			vt_text(vt, buf + i, esc - (buf + i));
			run = i = esc - buf;
		}
		/* Bytes before one the filter may hold back go out first. */
		if (buf[i] == '\033') {
			vt_feed(vt, buf + run, i - run);
			run = i;
		}
		if (vt_filter_byte(vt, (u_char)buf[i]))
			run = i + 1;
	}
	if (!text) {
		vt_feed(vt, buf + run, len - run);
		return;
	}
	if ((cut = vt_utf8_open(buf + run, len - run)) != 0) {
		memcpy(vt->ubuf, buf + len - cut, cut);
		vt->ulen = cut;
		len -= cut;
	}
	vt_text(vt, buf + run, len - run);
}

void
vt_resize(struct vt *vt, u_int sx, u_int sy)
{
	if (sx < 1)
		sx = 1;
	if (sy < 1)
		sy = 1;
	if (sx == vt->sx && sy == vt->sy)
		return;
	vt->sx = sx;
	vt->sy = sy;
	vterm_set_size(vt->vterm, sy, sx);
	if (vt->margin_top >= sy || vt->margin_left >= sx) {
		vt->margin_reset = 1;
		vt_reset_margins(vt);
	}
	vt_dirty_all(vt);
}

void
vt_size(const struct vt *vt, u_int *sx, u_int *sy)
{
	*sx = vt->sx;
	*sy = vt->sy;
}

void
vt_get_cell(const struct vt *vt, u_int x, u_int y, struct vt_cell *cell)
{
	struct grid_cell	gc;
	uint32_t		chars[GRID_MAX_CHARS];
	u_int			width, i;

	memset(cell, 0, sizeof *cell);
	grid_get_cell(vt->grid, x, y, &gc, chars, &width);
	cell->width = width;
	cell->fg = cell->bg = COLOUR_DEFAULT;
	if (width == 0)
		return;
	for (i = 0; i < GRID_MAX_CHARS && chars[i] != 0; i++)
		cell->chars[i] = chars[i];
	cell->attrs = gc.attrs;
	cell->fg = gc.fg;
	cell->bg = gc.bg;
}

void
vt_get_cursor(const struct vt *vt, struct vt_cursor *cursor)
{
	VTermPos	pos;

	/*
	 * From the state: libvterm 0.1.4 does not announce every move (the
	 * differential test caught one when 1049 restored the cursor on a
	 * double-width line).
	 */
	*cursor = vt->cursor;
	vterm_state_get_cursorpos(vt->state, &pos);
	cursor->x = pos.col > 0 ? pos.col : 0;
	cursor->y = pos.row > 0 ? pos.row : 0;
}

const char *
vt_title(const struct vt *vt)
{
	return (vt->title != NULL ? vt->title : "");
}

enum vt_mouse
vt_mouse_mode(const struct vt *vt)
{
	return (vt->mouse);
}

int
vt_altscreen(const struct vt *vt)
{
	return (vt->altscreen);
}

u_int
vt_history_size(const struct vt *vt)
{
	return (grid_history_size(grid_history(vt->grid)));
}

uint64_t
vt_run_cells(const struct vt *vt)
{
	return (vt->run_cells);
}

size_t
vt_history_bytes(const struct vt *vt)
{
	return (grid_history_bytes(grid_history(vt->grid)));
}

/* Keep at most this many lines of history, costing at most this much. */
void
vt_set_history_limit(struct vt *vt, u_int lines, size_t bytes)
{
	grid_history_set_limit(grid_history(vt->grid), lines);
	grid_history_set_max_bytes(grid_history(vt->grid), bytes);
}

int
vt_dirty(const struct vt *vt, u_int *top, u_int *bottom)
{
	return (grid_dirty(vt->grid, top, bottom));
}

int
vt_changed(const struct vt *vt)
{
	u_int	top, bottom;

	return (vt->changed || grid_dirty(vt->grid, &top, &bottom));
}

void
vt_clean(struct vt *vt)
{
	grid_clean(vt->grid);
	vt->changed = 0;
}

void
vt_dirty_all(struct vt *vt)
{
	grid_dirty_all(vt->grid);
	vt->changed = 1;
}

/* Named keys in libvterm's terms. */
static VTermKey
vt_vterm_key(key_code code)
{
	static const struct {
		key_code	code;
		VTermKey	key;
	} map[] = {
		{ KEYC_UP, VTERM_KEY_UP },
		{ KEYC_DOWN, VTERM_KEY_DOWN },
		{ KEYC_LEFT, VTERM_KEY_LEFT },
		{ KEYC_RIGHT, VTERM_KEY_RIGHT },
		{ KEYC_HOME, VTERM_KEY_HOME },
		{ KEYC_END, VTERM_KEY_END },
		{ KEYC_INSERT, VTERM_KEY_INS },
		{ KEYC_DELETE, VTERM_KEY_DEL },
		{ KEYC_PAGEUP, VTERM_KEY_PAGEUP },
		{ KEYC_PAGEDOWN, VTERM_KEY_PAGEDOWN },
		{ KEYC_ENTER, VTERM_KEY_ENTER },
		{ KEYC_TAB, VTERM_KEY_TAB },
		{ KEYC_BACKSPACE, VTERM_KEY_BACKSPACE },
		{ KEYC_ESCAPE, VTERM_KEY_ESCAPE },
		{ KEYC_KP_MULT, VTERM_KEY_KP_MULT },
		{ KEYC_KP_PLUS, VTERM_KEY_KP_PLUS },
		{ KEYC_KP_COMMA, VTERM_KEY_KP_COMMA },
		{ KEYC_KP_MINUS, VTERM_KEY_KP_MINUS },
		{ KEYC_KP_PERIOD, VTERM_KEY_KP_PERIOD },
		{ KEYC_KP_DIVIDE, VTERM_KEY_KP_DIVIDE },
		{ KEYC_KP_ENTER, VTERM_KEY_KP_ENTER },
		{ KEYC_KP_EQUAL, VTERM_KEY_KP_EQUAL },
	};
	u_int	i;

	if (code >= KEYC_F1 && code <= KEYC_F20)
		return (VTERM_KEY_FUNCTION(code - KEYC_F1 + 1));
	if (code >= KEYC_KP_0 && code <= KEYC_KP_9)
		return (VTERM_KEY_KP_0 + (code - KEYC_KP_0));
	for (i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (map[i].code == code)
			return (map[i].key);
	}
	return (VTERM_KEY_NONE);
}

/*
 * The byte a control key has in a plain terminal (C-a is 0x01, C-Space 0x00,
 * C-? 0x7f), or -1. libvterm would send some of these (C-j, C-i, C-m) as
 * CSI u, which programs that never asked for it read as garbage.
 */
static int
vt_control_byte(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return (c - 'a' + 1);
	switch (c) {
	case ' ':
	case '@':
	case '2':
		return (0);
	case '[':
		return (0x1b);
	case '\\':
		return (0x1c);
	case ']':
		return (0x1d);
	case '^':
	case '6':
		return (0x1e);
	case '_':
	case '/':
		return (0x1f);
	case '?':
		return (0x7f);
	}
	return (-1);
}

void
vt_key(struct vt *vt, struct key k)
{
	char	buf[8];
	size_t	n = 0;
	int	mods = k.mods & (KEYC_SHIFT | KEYC_ALT | KEYC_CTRL), b;

	if (KEYC_IS_NAMED(k.code)) {
		VTermKey key = vt_vterm_key(k.code);

		if (key != VTERM_KEY_NONE)
			vterm_keyboard_key(vt->vterm, key, mods);
		return;
	}
	if (k.code >= KEYC_BASE)
		return;
	if (k.code != ' ')
		mods &= ~KEYC_SHIFT;

	if ((mods & ~KEYC_ALT) == 0) {
		if (mods & KEYC_ALT)
			buf[n++] = '\033';
		n += utf8_encode(k.code, buf + n);
	} else if ((mods & ~KEYC_ALT) == KEYC_CTRL &&
	    (b = vt_control_byte(k.code)) != -1) {
		if (mods & KEYC_ALT)
			buf[n++] = '\033';
		buf[n++] = b;
	} else {
		vterm_keyboard_unichar(vt->vterm, k.code, mods);
		return;
	}
	vt_output(buf, n, vt);
}

void
vt_paste_start(struct vt *vt)
{
	vterm_keyboard_start_paste(vt->vterm);
}

/* Pasted bytes go to the program as they are. */
void
vt_paste(struct vt *vt, const char *buf, size_t len)
{
	vt_output(buf, len, vt);
}

void
vt_paste_end(struct vt *vt)
{
	vterm_keyboard_end_paste(vt->vterm);
}

/* Report a mouse event at pane-relative x, y if the program asked. */
void
vt_mouse(struct vt *vt, const struct input_mouse *m, int x, int y)
{
	int	mods = m->mods & (KEYC_SHIFT | KEYC_ALT | KEYC_CTRL);

	if (vt->mouse == VT_MOUSE_NONE)
		return;
	vterm_mouse_move(vt->vterm, y, x, mods);
	switch (m->action) {
	case INPUT_MOUSE_PRESS:
		vterm_mouse_button(vt->vterm, m->button, 1, mods);
		break;
	case INPUT_MOUSE_RELEASE:
		if (m->button >= 1 && m->button <= 3)
			vterm_mouse_button(vt->vterm, m->button, 0, mods);
		else {
			vterm_mouse_button(vt->vterm, 1, 0, mods);
			vterm_mouse_button(vt->vterm, 2, 0, mods);
			vterm_mouse_button(vt->vterm, 3, 0, mods);
		}
		break;
	case INPUT_MOUSE_DRAG:
	case INPUT_MOUSE_MOVE:
		break;
	}
}

void
vt_focus(struct vt *vt, int in)
{
	if (in)
		vterm_state_focus_in(vt->state);
	else
		vterm_state_focus_out(vt->state);
}

char *
vt_row_text(const struct vt *vt, u_int y)
{
	struct vt_cell	 cell;
	u_int		 sx, sy, x, i;
	size_t		 n = 0, keep = 0;
	char		*line;

	vt_size(vt, &sx, &sy);
	line = xmalloc((size_t)sx * VT_MAX_CHARS * UTF8_MAX + 1);
	for (x = 0; y < sy && x < sx; x++) {
		vt_get_cell(vt, x, y, &cell);
		if (cell.width == 0)
			continue;	/* right half of a wide character */
		if (cell.chars[0] == 0) {
			line[n++] = ' ';
			continue;
		}
		for (i = 0; i < VT_MAX_CHARS && cell.chars[i] != 0; i++)
			n += utf8_encode(cell.chars[i], line + n);
		keep = n;
	}
	line[keep] = '\0';
	return (line);
}
