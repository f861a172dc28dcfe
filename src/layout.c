/* The split tree of a session's panes and its geometry. */

#include "config.h"

#include <sys/queue.h>
#include <sys/types.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/layout.h"
#include "vigil/log.h"
#include "vigil/xmalloc.h"

/*
 * How geometry is kept (every operation leaves these true):
 *
 * - a container's size along its axis is the sum of its children plus one
 *   border per gap, across its axis every child has the container's size,
 *   and the children's offsets follow each other with one-cell gaps;
 * - every leaf is at least 1x1, every container has two or more children
 *   and never the orientation of its parent (such a child is merged);
 * - layout_split keeps the split leaf's cell for the old pane, so pointers
 *   callers hold to leaves stay valid; splitting a lone root leaf makes a
 *   new root container (the returned leaf's parent);
 * - resizing is proportional: each child owns its cells plus the border
 *   after it, so a container's size plus one is shared in proportion to
 *   each child's size plus one. That scales up and down symmetrically, a
 *   pane shrunk to 1 cell still has a weight of 2 and grows back, and
 *   resizing to the current size changes nothing. A tree squeezed to its
 *   minimum has lost its proportions and grows back evenly.
 */

static const char *layout_preset_names[LAYOUT_NPRESETS] = {
	"tiled",
	"even-horizontal",
	"even-vertical",
	"main-vertical",
	"main-horizontal"
};

/* Allocate a 1x1 cell of a type. */
static struct layout_cell *
layout_cell_new(enum layout_type type, struct pane *wp)
{
	struct layout_cell	*lc;

	lc = xcalloc(1, sizeof *lc);
	lc->type = type;
	TAILQ_INIT(&lc->cells);
	lc->pane = wp;
	lc->sx = 1;
	lc->sy = 1;
	return (lc);
}

/* Add a cell as the last child of a container. */
static void
layout_append(struct layout_cell *parent, struct layout_cell *lc)
{
	lc->parent = parent;
	TAILQ_INSERT_TAIL(&parent->cells, lc, entry);
}

/* A cell's size along the axis of a container type. */
static u_int
layout_along(const struct layout_cell *lc, enum layout_type type)
{
	return (type == LAYOUT_LEFTRIGHT ? lc->sx : lc->sy);
}

/* The smallest size a cell can take along the axis of a container type. */
static u_int
layout_min_along(const struct layout_cell *lc, enum layout_type type)
{
	u_int	sx, sy;

	layout_min_size(lc, &sx, &sy);
	return (type == LAYOUT_LEFTRIGHT ? sx : sy);
}

/* The topmost cell above a cell. */
struct layout_cell *
layout_root(struct layout_cell *lc)
{
	while (lc->parent != NULL)
		lc = lc->parent;
	return (lc);
}

/* A tree of one leaf; a zero size is taken as 1. */
struct layout_cell *
layout_create(struct pane *wp, u_int sx, u_int sy)
{
	struct layout_cell	*lc;

	lc = layout_cell_new(LAYOUT_PANE, wp);
	lc->sx = sx == 0 ? 1 : sx;
	lc->sy = sy == 0 ? 1 : sy;
	return (lc);
}

/* Free a tree; meant for a root, a cell's parent is not told. */
void
layout_free(struct layout_cell *lc)
{
	struct layout_cell	*child;

	if (lc == NULL)
		return;
	while ((child = TAILQ_FIRST(&lc->cells)) != NULL) {
		TAILQ_REMOVE(&lc->cells, child, entry);
		layout_free(child);
	}
	free(lc);
}

/* The smallest size a cell can take: 1x1 per leaf plus the borders. */
void
layout_min_size(const struct layout_cell *lc, u_int *sx, u_int *sy)
{
	const struct layout_cell	*child;
	u_int				 cx, cy, along, across, t;

	if (lc->type == LAYOUT_PANE) {
		*sx = *sy = 1;
		return;
	}
	along = 0;
	across = 1;
	TAILQ_FOREACH(child, &lc->cells, entry) {
		layout_min_size(child, &cx, &cy);
		if (lc->type == LAYOUT_TOPBOTTOM) {
			t = cx;
			cx = cy;
			cy = t;
		}
		along += (along == 0 ? 0 : 1) + cx;
		if (cy > across)
			across = cy;
	}
	if (lc->type == LAYOUT_LEFTRIGHT) {
		*sx = along;
		*sy = across;
	} else {
		*sx = across;
		*sy = along;
	}
}

/*
 * Fix the parts of a share that would fall below their minimum at their
 * minimum, repeating until the rest can all be shared in proportion. A
 * part is fixed once out is non-zero. Returns what is left for the rest.
 */
static uint64_t
layout_share_fix(uint64_t total, u_int n, const u_int *weight,
    const u_int *min, u_int *out)
{
	uint64_t	w, t;
	u_int		i;
	int		changed;

	do {
		w = 0;
		t = total;
		for (i = 0; i < n; i++) {
			if (out[i] == 0)
				w += weight[i];
			else
				t -= out[i];
		}
		changed = 0;
		for (i = 0; i < n; i++) {
			if (out[i] == 0 && t * weight[i] < min[i] * w) {
				out[i] = min[i];
				changed = 1;
			}
		}
	} while (changed);
	return (t);
}

/*
 * Share total cells among n parts in proportion to their weights, each
 * getting at least its minimum; what rounding leaves over goes one cell
 * at a time to the largest remainders (the first part on ties).
 */
static void
layout_share(u_int total, u_int n, const u_int *weight, const u_int *min,
    u_int *out)
{
	uint64_t	*rem, w = 0, t, left, best;
	u_int		 i, pick, need = 0;

	for (i = 0; i < n; i++) {
		need += min[i];
		out[i] = 0;
	}
	if (need > total)
		fatalx("layout: %u cells shared, %u needed", total, need);
	t = layout_share_fix(total, n, weight, min, out);

	rem = xcalloc(n, sizeof *rem);
	for (i = 0; i < n; i++) {
		if (out[i] == 0)
			w += weight[i];
	}
	left = t;
	for (i = 0; w != 0 && i < n; i++) {
		if (out[i] == 0) {
			out[i] = t * weight[i] / w;
			rem[i] = t * weight[i] % w;
			left -= out[i];
		}
	}
	for (; left > 0; left--) {
		pick = n;
		best = 0;
		for (i = 0; i < n; i++) {
			if (rem[i] > best) {
				best = rem[i];
				pick = i;
			}
		}
		if (pick == n)
			fatalx("layout: %llu cells left over",
			    (unsigned long long)left);
		out[pick]++;
		rem[pick] = 0;
	}
	free(rem);
}

/* Give a cell a new size, sharing it among its children in proportion. */
static void
layout_resize_cell(struct layout_cell *lc, u_int sx, u_int sy)
{
	struct layout_cell	*child;
	u_int			 n = 0, i, *weight, *min, *out;

	lc->sx = sx;
	lc->sy = sy;
	if (lc->type == LAYOUT_PANE)
		return;
	TAILQ_FOREACH(child, &lc->cells, entry)
		n++;
	weight = xcalloc(3 * (size_t)n, sizeof *weight);
	min = weight + n;
	out = min + n;

	i = 0;
	TAILQ_FOREACH(child, &lc->cells, entry) {
		weight[i] = layout_along(child, lc->type) + 1;
		min[i] = layout_min_along(child, lc->type) + 1;
		i++;
	}
	layout_share(layout_along(lc, lc->type) + 1, n, weight, min, out);

	i = 0;
	TAILQ_FOREACH(child, &lc->cells, entry) {
		if (lc->type == LAYOUT_LEFTRIGHT)
			layout_resize_cell(child, out[i] - 1, sy);
		else
			layout_resize_cell(child, sx, out[i] - 1);
		i++;
	}
	free(weight);
}

/* Change a cell's size along an axis by delta, keeping the other. */
static void
layout_grow(struct layout_cell *lc, enum layout_type type, int delta)
{
	if (type == LAYOUT_LEFTRIGHT)
		layout_resize_cell(lc, lc->sx + delta, lc->sy);
	else
		layout_resize_cell(lc, lc->sx, lc->sy + delta);
}

/* Lay out the offsets of a cell's children from the cell's own. */
static void
layout_fix_offsets(struct layout_cell *lc)
{
	struct layout_cell	*child;
	u_int			 off;

	if (lc->type == LAYOUT_PANE)
		return;
	off = lc->type == LAYOUT_LEFTRIGHT ? lc->xoff : lc->yoff;
	TAILQ_FOREACH(child, &lc->cells, entry) {
		if (lc->type == LAYOUT_LEFTRIGHT) {
			child->xoff = off;
			child->yoff = lc->yoff;
			off += child->sx + 1;
		} else {
			child->xoff = lc->xoff;
			child->yoff = off;
			off += child->sy + 1;
		}
		layout_fix_offsets(child);
	}
}

/* Put a leaf inside a new container of a type, in the leaf's place. */
static struct layout_cell *
layout_wrap(struct layout_cell *lc, enum layout_type type)
{
	struct layout_cell	*lcnew;

	lcnew = layout_cell_new(type, NULL);
	lcnew->sx = lc->sx;
	lcnew->sy = lc->sy;
	lcnew->xoff = lc->xoff;
	lcnew->yoff = lc->yoff;
	lcnew->parent = lc->parent;
	if (lc->parent != NULL) {
		TAILQ_INSERT_BEFORE(lc, lcnew, entry);
		TAILQ_REMOVE(&lc->parent->cells, lc, entry);
	}
	layout_append(lcnew, lc);
	return (lcnew);
}

/*
 * Split a leaf; a negative size means half (the old pane keeps the larger
 * half), any other size is clamped so both panes keep a cell. Splitting
 * along the parent's axis adds a sibling rather than nesting, as tmux does.
 */
struct layout_cell *
layout_split(struct layout_cell *lc, enum layout_type type, int size,
    int before, struct pane *wp)
{
	struct layout_cell	*parent, *lcnew;
	u_int			 avail, newsize;

	if (lc->type != LAYOUT_PANE || type == LAYOUT_PANE)
		return (NULL);
	if (layout_along(lc, type) < 3)
		return (NULL);
	avail = layout_along(lc, type) - 1;
	if (size < 0)
		newsize = avail / 2;
	else if (size == 0)
		newsize = 1;
	else if ((u_int)size >= avail)
		newsize = avail - 1;
	else
		newsize = size;

	parent = lc->parent;
	if (parent == NULL || parent->type != type)
		parent = layout_wrap(lc, type);
	lcnew = layout_cell_new(LAYOUT_PANE, wp);
	lcnew->parent = parent;
	if (before)
		TAILQ_INSERT_BEFORE(lc, lcnew, entry);
	else
		TAILQ_INSERT_AFTER(&parent->cells, lc, lcnew, entry);

	lcnew->sx = lc->sx;
	lcnew->sy = lc->sy;
	if (type == LAYOUT_LEFTRIGHT) {
		lc->sx = avail - newsize;
		lcnew->sx = newsize;
	} else {
		lc->sy = avail - newsize;
		lcnew->sy = newsize;
	}
	layout_fix_offsets(parent);
	return (lcnew);
}

/* Move the children of a container into its parent, in its place. */
static void
layout_merge(struct layout_cell *lc)
{
	struct layout_cell	*child;

	while ((child = TAILQ_FIRST(&lc->cells)) != NULL) {
		TAILQ_REMOVE(&lc->cells, child, entry);
		child->parent = lc->parent;
		TAILQ_INSERT_BEFORE(lc, child, entry);
	}
	TAILQ_REMOVE(&lc->parent->cells, lc, entry);
	free(lc);
}

/*
 * Replace a container left with one child by that child, merging it into
 * the parent if they share an orientation. Returns a cell still in the tree.
 */
static struct layout_cell *
layout_collapse(struct layout_cell *lc)
{
	struct layout_cell	*child, *parent = lc->parent;

	child = TAILQ_FIRST(&lc->cells);
	TAILQ_REMOVE(&lc->cells, child, entry);
	child->parent = parent;
	child->xoff = lc->xoff;
	child->yoff = lc->yoff;
	if (parent == NULL) {
		free(lc);
		return (child);
	}
	TAILQ_INSERT_BEFORE(lc, child, entry);
	TAILQ_REMOVE(&parent->cells, lc, entry);
	free(lc);
	if (child->type == parent->type)
		layout_merge(child);
	return (parent);
}

/* Remove a leaf, giving its space (and border) to the pane before it. */
struct layout_cell *
layout_remove(struct layout_cell *lc)
{
	struct layout_cell	*parent = lc->parent, *other, *left;

	if (parent == NULL) {
		layout_free(lc);
		return (NULL);
	}

	/* Like tmux: the neighbour before, or after if lc is first. */
	other = TAILQ_PREV(lc, layout_cells, entry);
	if (other == NULL)
		other = TAILQ_NEXT(lc, entry);
	layout_grow(other, parent->type, layout_along(lc, parent->type) + 1);
	TAILQ_REMOVE(&parent->cells, lc, entry);
	layout_free(lc);

	left = parent;
	if (TAILQ_FIRST(&parent->cells) == TAILQ_LAST(&parent->cells,
	    layout_cells))
		left = layout_collapse(parent);
	left = layout_root(left);
	layout_fix_offsets(left);
	return (left);
}

/*
 * Resize a whole tree in proportion; below its minimum size the tree takes
 * the minimum instead and the renderer clips it.
 */
void
layout_resize(struct layout_cell *root, u_int sx, u_int sy)
{
	u_int	mx, my;

	layout_min_size(root, &mx, &my);
	if (sx < mx)
		sx = mx;
	if (sy < my)
		sy = my;
	root->xoff = 0;
	root->yoff = 0;
	layout_resize_cell(root, sx, sy);
	layout_fix_offsets(root);
}

/*
 * Move the border of the leaf's branch in its nearest ancestor of a type:
 * trade cells with the next sibling (the previous one for the last child),
 * never taking anyone below their minimum.
 */
int
layout_resize_pane(struct layout_cell *lc, enum layout_type type, int delta)
{
	struct layout_cell	*branch, *other;
	u_int			 want, room;
	int			 moved;

	if (type == LAYOUT_PANE || delta == 0)
		return (0);
	branch = lc;
	while (branch->parent != NULL && branch->parent->type != type)
		branch = branch->parent;
	if (branch->parent == NULL)
		return (0);
	if ((other = TAILQ_NEXT(branch, entry)) == NULL)
		other = TAILQ_PREV(branch, layout_cells, entry);

	if (delta > 0) {
		want = (u_int)delta;
		room = layout_along(other, type) -
		    layout_min_along(other, type);
	} else {
		want = -(u_int)delta;
		room = layout_along(branch, type) -
		    layout_min_along(branch, type);
	}
	if (want > room)
		want = room;
	if (want > INT_MAX)
		want = INT_MAX;
	moved = delta > 0 ? (int)want : -(int)want;

	layout_grow(branch, type, moved);
	layout_grow(other, type, -moved);
	layout_fix_offsets(branch->parent);
	return (moved);
}

/* A container of a type holding leaves for n panes, or one leaf for one. */
static struct layout_cell *
layout_preset_line(enum layout_type type, struct pane **panes, u_int n)
{
	struct layout_cell	*lc;
	u_int			 i;

	if (n == 1)
		return (layout_cell_new(LAYOUT_PANE, panes[0]));
	lc = layout_cell_new(type, NULL);
	for (i = 0; i < n; i++)
		layout_append(lc, layout_cell_new(LAYOUT_PANE, panes[i]));
	return (lc);
}

/* Rows of ceil(sqrt(n)) panes each, the last row holding what is left. */
static struct layout_cell *
layout_preset_tiled(struct pane **panes, u_int n)
{
	struct layout_cell	*root;
	u_int			 columns = 1, rows, i, k;

	while (columns * columns < n)
		columns++;
	rows = (n + columns - 1) / columns;
	if (rows == 1)
		return (layout_preset_line(LAYOUT_LEFTRIGHT, panes, n));

	root = layout_cell_new(LAYOUT_TOPBOTTOM, NULL);
	for (i = 0; i < n; i += columns) {
		k = n - i < columns ? n - i : columns;
		layout_append(root,
		    layout_preset_line(LAYOUT_LEFTRIGHT, panes + i, k));
	}
	return (root);
}

/* The first pane beside (or above) a line of the others. */
static struct layout_cell *
layout_preset_main(enum layout_type type, struct pane **panes, u_int n)
{
	struct layout_cell	*root;
	enum layout_type	 other;

	if (n == 1)
		return (layout_cell_new(LAYOUT_PANE, panes[0]));
	other = type == LAYOUT_LEFTRIGHT ? LAYOUT_TOPBOTTOM : LAYOUT_LEFTRIGHT;
	root = layout_cell_new(type, NULL);
	layout_append(root, layout_cell_new(LAYOUT_PANE, panes[0]));
	layout_append(root, layout_preset_line(other, panes + 1, n - 1));
	return (root);
}

/*
 * Give the main pane main percent of the root's size, at least one cell
 * and at most what leaves the others their minimum.
 */
static void
layout_preset_set_main(struct layout_cell *root, u_int main)
{
	struct layout_cell	*lc = TAILQ_FIRST(&root->cells);
	u_int			 want;

	if (main > 100)
		main = 100;
	want = (uint64_t)layout_along(root, root->type) * main / 100;
	if (want == 0)
		want = 1;
	layout_resize_pane(lc, root->type,
	    (int)want - (int)layout_along(lc, root->type));
}

/*
 * Build the tree with every cell 1x1, which makes every share even, then
 * resize it to the area (or its minimum if the area is too small).
 */
struct layout_cell *
layout_preset(enum layout_preset preset, struct pane **panes, u_int n,
    u_int sx, u_int sy, u_int main)
{
	struct layout_cell	*root;

	if (n == 0)
		return (NULL);
	switch (preset) {
	case LAYOUT_TILED:
		root = layout_preset_tiled(panes, n);
		break;
	case LAYOUT_EVEN_HORIZONTAL:
		root = layout_preset_line(LAYOUT_LEFTRIGHT, panes, n);
		break;
	case LAYOUT_EVEN_VERTICAL:
		root = layout_preset_line(LAYOUT_TOPBOTTOM, panes, n);
		break;
	case LAYOUT_MAIN_VERTICAL:
		root = layout_preset_main(LAYOUT_LEFTRIGHT, panes, n);
		break;
	case LAYOUT_MAIN_HORIZONTAL:
		root = layout_preset_main(LAYOUT_TOPBOTTOM, panes, n);
		break;
	default:
		return (NULL);
	}
	layout_resize(root, sx, sy);
	if (n > 1 && (preset == LAYOUT_MAIN_VERTICAL ||
	    preset == LAYOUT_MAIN_HORIZONTAL))
		layout_preset_set_main(root, main);
	return (root);
}

/* The name of a preset, or NULL if there is no such preset. */
const char *
layout_preset_name(enum layout_preset preset)
{
	if ((u_int)preset >= LAYOUT_NPRESETS)
		return (NULL);
	return (layout_preset_names[preset]);
}

/* Look a preset up by name or, like tmux, by an unambiguous prefix. */
int
layout_preset_from_string(const char *name)
{
	size_t	len;
	int	i, found = -1;

	if (name == NULL || *name == '\0')
		return (-1);
	for (i = 0; i < LAYOUT_NPRESETS; i++) {
		if (strcmp(name, layout_preset_names[i]) == 0)
			return (i);
	}
	len = strlen(name);
	for (i = 0; i < LAYOUT_NPRESETS; i++) {
		if (strncmp(name, layout_preset_names[i], len) != 0)
			continue;
		if (found != -1)
			return (-1);
		found = i;
	}
	return (found);
}

/* Whether cell x,y lies inside a cell's area. */
static int
layout_contains(const struct layout_cell *lc, u_int x, u_int y)
{
	return (x >= lc->xoff && x - lc->xoff < lc->sx &&
	    y >= lc->yoff && y - lc->yoff < lc->sy);
}

/* Walk down to the leaf covering x,y; a border or outside is NULL. */
struct layout_cell *
layout_at(struct layout_cell *lc, u_int x, u_int y)
{
	struct layout_cell	*child;

	if (!layout_contains(lc, x, y))
		return (NULL);
	while (lc->type != LAYOUT_PANE) {
		TAILQ_FOREACH(child, &lc->cells, entry) {
			if (layout_contains(child, x, y))
				break;
		}
		if (child == NULL)
			return (NULL);
		lc = child;
	}
	return (lc);
}

/* How many cells two spans share. */
static u_int
layout_span_overlap(u_int a, u_int asize, u_int b, u_int bsize)
{
	u_int	start, end;

	start = a > b ? a : b;
	end = a + asize < b + bsize ? a + asize : b + bsize;
	return (end > start ? end - start : 0);
}

/* How much of a leaf's side another cell covers across the border. */
static u_int
layout_touch(const struct layout_cell *lc, const struct layout_cell *try,
    enum layout_direction dir)
{
	switch (dir) {
	case LAYOUT_DIR_LEFT:
		if (try->xoff + try->sx + 1 != lc->xoff)
			return (0);
		break;
	case LAYOUT_DIR_RIGHT:
		if (lc->xoff + lc->sx + 1 != try->xoff)
			return (0);
		break;
	case LAYOUT_DIR_UP:
		if (try->yoff + try->sy + 1 != lc->yoff)
			return (0);
		break;
	case LAYOUT_DIR_DOWN:
		if (lc->yoff + lc->sy + 1 != try->yoff)
			return (0);
		break;
	}
	if (dir == LAYOUT_DIR_LEFT || dir == LAYOUT_DIR_RIGHT)
		return (layout_span_overlap(lc->yoff, lc->sy, try->yoff,
		    try->sy));
	return (layout_span_overlap(lc->xoff, lc->sx, try->xoff, try->sx));
}

/* The leaf across a border covering most of it; ties go top- or leftmost. */
struct layout_cell *
layout_neighbour(struct layout_cell *root, struct layout_cell *lc,
    enum layout_direction dir)
{
	struct layout_cell	*try, *best = NULL;
	u_int			 overlap, most = 0;
	int			 vertical;

	vertical = (dir == LAYOUT_DIR_LEFT || dir == LAYOUT_DIR_RIGHT);
	for (try = layout_first(root); try != NULL; try = layout_next(try)) {
		overlap = layout_touch(lc, try, dir);
		if (overlap == 0 || overlap < most)
			continue;
		if (overlap == most && (vertical ? try->yoff >= best->yoff :
		    try->xoff >= best->xoff))
			continue;
		best = try;
		most = overlap;
	}
	return (best);
}

/* The first leaf under a cell, in visual order. */
struct layout_cell *
layout_first(struct layout_cell *lc)
{
	if (lc == NULL)
		return (NULL);
	while (lc->type != LAYOUT_PANE)
		lc = TAILQ_FIRST(&lc->cells);
	return (lc);
}

/* The leaf after a leaf, climbing until some cell has a next sibling. */
struct layout_cell *
layout_next(struct layout_cell *lc)
{
	while (lc->parent != NULL && TAILQ_NEXT(lc, entry) == NULL)
		lc = lc->parent;
	if (lc->parent == NULL)
		return (NULL);
	return (layout_first(TAILQ_NEXT(lc, entry)));
}

/* How many leaves are under a cell. */
u_int
layout_count(struct layout_cell *lc)
{
	struct layout_cell	*child;
	u_int			 n = 0;

	if (lc == NULL)
		return (0);
	if (lc->type == LAYOUT_PANE)
		return (1);
	TAILQ_FOREACH(child, &lc->cells, entry)
		n += layout_count(child);
	return (n);
}

/* Write one cell and its children in layout_dump's format. */
static void
layout_dump_cell(FILE *f, const struct layout_cell *lc,
    u_int (*id)(struct pane *))
{
	const struct layout_cell	*child;

	fprintf(f, "%ux%u,%u,%u", lc->sx, lc->sy, lc->xoff, lc->yoff);
	if (lc->type == LAYOUT_PANE) {
		if (id != NULL)
			fprintf(f, ",%u", id(lc->pane));
		return;
	}
	fputc(lc->type == LAYOUT_LEFTRIGHT ? '{' : '[', f);
	TAILQ_FOREACH(child, &lc->cells, entry) {
		if (child != TAILQ_FIRST(&lc->cells))
			fputc(',', f);
		layout_dump_cell(f, child, id);
	}
	fputc(lc->type == LAYOUT_LEFTRIGHT ? '}' : ']', f);
}

/*
 * tmux's layout string without the checksum: a leaf is "WxH,X,Y,ID" (no
 * ",ID" if id is NULL), a left-right container "WxH,X,Y{child,child}" and
 * a top-bottom one "WxH,X,Y[child,child]". For example two panes side by
 * side in 80x24 are "80x24,0,0{40x24,0,0,1,39x24,41,0,2}". Free the result.
 */
char *
layout_dump(const struct layout_cell *lc, u_int (*id)(struct pane *))
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len;

	if ((f = open_memstream(&buf, &len)) == NULL)
		fatal("open_memstream");
	if (lc != NULL)
		layout_dump_cell(f, lc, id);
	if (ferror(f) || fclose(f) != 0)
		fatal("layout_dump");
	return (buf);
}
