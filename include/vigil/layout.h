/* The split tree of a session's panes and its geometry. */
#ifndef VIGIL_LAYOUT_H
#define VIGIL_LAYOUT_H

#include <sys/queue.h>
#include <sys/types.h>

struct pane;

/*
 * A layout is a tree. Leaves hold one pane each; inner cells lay their
 * children side by side (LEFTRIGHT) or stacked (TOPBOTTOM) with a one-cell
 * border between neighbours, so a container's size along its axis is the
 * sum of its children plus one per gap, and across its axis every child has
 * the container's size.
 */
enum layout_type {
	LAYOUT_LEFTRIGHT,
	LAYOUT_TOPBOTTOM,
	LAYOUT_PANE
};

TAILQ_HEAD(layout_cells, layout_cell);

struct layout_cell {
	enum layout_type	 type;
	struct layout_cell	*parent;
	struct layout_cells	 cells;		/* children of an inner cell */
	TAILQ_ENTRY(layout_cell) entry;

	struct pane		*pane;		/* LAYOUT_PANE only */

	u_int			 sx, sy;
	u_int			 xoff, yoff;
};

enum layout_preset {
	LAYOUT_TILED,
	LAYOUT_EVEN_HORIZONTAL,
	LAYOUT_EVEN_VERTICAL,
	LAYOUT_MAIN_VERTICAL,
	LAYOUT_MAIN_HORIZONTAL,
	LAYOUT_NPRESETS
};

enum layout_direction {
	LAYOUT_DIR_LEFT,
	LAYOUT_DIR_RIGHT,
	LAYOUT_DIR_UP,
	LAYOUT_DIR_DOWN
};

/* A new tree of one pane filling sx by sy. */
struct layout_cell	*layout_create(struct pane *, u_int, u_int);
void			 layout_free(struct layout_cell *);

/*
 * Split a leaf in two along type, the new pane after the old one (or before
 * if before is set). size is the new pane's size along the axis, or -1 for
 * half. Returns the new leaf, or NULL if the leaf is too small to split.
 * The old pane keeps its cell; the root changes if the leaf was the root.
 */
struct layout_cell	*layout_split(struct layout_cell *, enum layout_type,
			     int, int, struct pane *);
/*
 * Remove a leaf; its space goes to a neighbour. Returns the new root, or
 * NULL if the leaf was the last one.
 */
struct layout_cell	*layout_remove(struct layout_cell *);

/* Resize the whole tree to sx by sy, keeping proportions. */
void			 layout_resize(struct layout_cell *, u_int, u_int);
/*
 * Move the border of a leaf along one axis by delta cells (positive grows
 * the leaf). Returns how many cells it actually moved.
 */
int			 layout_resize_pane(struct layout_cell *,
			     enum layout_type, int);
/* The smallest size the tree can take (every pane at least 1x1). */
void			 layout_min_size(const struct layout_cell *, u_int *,
			     u_int *);

/*
 * A new tree for n panes (in order) laid out by a preset to fill sx by sy;
 * main is the first pane's share in percent for the main-* presets.
 */
struct layout_cell	*layout_preset(enum layout_preset, struct pane **,
			     u_int, u_int, u_int, u_int);
const char		*layout_preset_name(enum layout_preset);
int			 layout_preset_from_string(const char *);

/* The leaf covering cell x,y of the root's area, or NULL (a border). */
struct layout_cell	*layout_at(struct layout_cell *, u_int, u_int);
/*
 * The leaf next to a leaf in a direction: among the leaves touching that
 * side, the one overlapping most of the leaf's span. NULL if none.
 */
struct layout_cell	*layout_neighbour(struct layout_cell *,
			     struct layout_cell *, enum layout_direction);
/* The root of the tree a cell is in. */
struct layout_cell	*layout_root(struct layout_cell *);
/* Leaves in visual order (depth first). */
struct layout_cell	*layout_first(struct layout_cell *);
struct layout_cell	*layout_next(struct layout_cell *);
u_int			 layout_count(struct layout_cell *);
/* Debug/test representation, e.g. "80x24,0,0{40x24,0,0,1,39x24,41,0,2}". */
char			*layout_dump(const struct layout_cell *,
			     u_int (*)(struct pane *));

#endif
