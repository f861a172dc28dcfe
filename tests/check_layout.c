/* Tests for the split tree: splits, removal, resizing, presets, lookups. */

#include "config.h"

#include <sys/types.h>

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/layout.h"

/* Panes are never dereferenced, so small integers stand in for them. */
#define P(n)	((struct pane *)(uintptr_t)(n))
#define ID(wp)	((u_int)(uintptr_t)(wp))

#define LR	LAYOUT_LEFTRIGHT
#define TB	LAYOUT_TOPBOTTOM

/* Compare a whole tree with its expected dump. */
#define ck_assert_layout(root, want, what) do {				\
	char	*got_ = layout_dump((root), check_layout_id);		\
	ck_assert_msg(strcmp(got_, (want)) == 0,			\
	    "%s: got %s want %s", (what), got_, (want));		\
	free(got_);							\
} while (0)

/* Check every invariant of a tree, printing the tree if one fails. */
#define ck_assert_tree(root, what) do {					\
	const char	*err_ = check_layout_tree(root);		\
	char		*got_;						\
	if (err_ != NULL) {						\
		got_ = layout_dump((root), check_layout_id);		\
		ck_abort_msg("%s: %s in %s", (what), err_, got_);	\
	}								\
} while (0)

static int	check_layout_fail(const char *, ...)
		    __attribute__((format(printf, 1, 2)));

static struct layout_cell	*root;
static char			 check_layout_err[512];

/* The id layout_dump prints for a fake pane. */
static u_int
check_layout_id(struct pane *wp)
{
	return (ID(wp));
}

/* Start each test without a tree. */
static void
check_layout_setup(void)
{
	root = NULL;
}

/* Free whatever tree a test left in root. */
static void
check_layout_teardown(void)
{
	layout_free(root);
	root = NULL;
}

/* Record why a tree is broken; returns -1 for the caller to pass on. */
static int
check_layout_fail(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(check_layout_err, sizeof check_layout_err, fmt, ap);
	va_end(ap);
	return (-1);
}

/* A cell's size along an axis. */
static u_int
check_layout_along(const struct layout_cell *lc, enum layout_type type)
{
	return (type == LR ? lc->sx : lc->sy);
}

/* Check that a child sits where its container puts it; off is the next. */
static int
check_layout_child(const struct layout_cell *lc,
    const struct layout_cell *child, u_int *off)
{
	if (child->parent != lc)
		return (check_layout_fail("child %ux%u,%u,%u has wrong parent",
		    child->sx, child->sy, child->xoff, child->yoff));
	if (child->type == lc->type)
		return (check_layout_fail("child %ux%u,%u,%u has the "
		    "orientation of its parent", child->sx, child->sy,
		    child->xoff, child->yoff));
	if (lc->type == LR && (child->sy != lc->sy ||
	    child->yoff != lc->yoff || child->xoff != *off))
		return (check_layout_fail("child %ux%u,%u,%u misplaced in "
		    "%ux%u,%u,%u (x should be %u)", child->sx, child->sy,
		    child->xoff, child->yoff, lc->sx, lc->sy, lc->xoff,
		    lc->yoff, *off));
	if (lc->type == TB && (child->sx != lc->sx ||
	    child->xoff != lc->xoff || child->yoff != *off))
		return (check_layout_fail("child %ux%u,%u,%u misplaced in "
		    "%ux%u,%u,%u (y should be %u)", child->sx, child->sy,
		    child->xoff, child->yoff, lc->sx, lc->sy, lc->xoff,
		    lc->yoff, *off));
	*off += check_layout_along(child, lc->type) + 1;
	return (0);
}

/* Check a cell and everything below it. */
static int
check_layout_cell(const struct layout_cell *lc)
{
	const struct layout_cell	*child;
	u_int				 n = 0, off, start;

	if (lc->sx < 1 || lc->sy < 1)
		return (check_layout_fail("cell %ux%u,%u,%u is empty",
		    lc->sx, lc->sy, lc->xoff, lc->yoff));
	if (lc->type == LAYOUT_PANE) {
		if (!TAILQ_EMPTY(&lc->cells) || lc->pane == NULL)
			return (check_layout_fail("leaf %ux%u,%u,%u has "
			    "children or no pane", lc->sx, lc->sy, lc->xoff,
			    lc->yoff));
		return (0);
	}
	if (lc->type != LR && lc->type != TB)
		return (check_layout_fail("cell has type %d", lc->type));
	start = off = lc->type == LR ? lc->xoff : lc->yoff;
	TAILQ_FOREACH(child, &lc->cells, entry) {
		if (check_layout_child(lc, child, &off) != 0 ||
		    check_layout_cell(child) != 0)
			return (-1);
		n++;
	}
	if (n < 2)
		return (check_layout_fail("container %ux%u,%u,%u has %u "
		    "children", lc->sx, lc->sy, lc->xoff, lc->yoff, n));
	if (off - 1 != start + check_layout_along(lc, lc->type))
		return (check_layout_fail("children of %ux%u,%u,%u end at "
		    "%u", lc->sx, lc->sy, lc->xoff, lc->yoff, off - 1));
	return (0);
}

/* Collect the leaves under a cell in depth-first order. */
static void
check_layout_collect(struct layout_cell *lc, struct layout_cell **out,
    u_int *n, u_int max)
{
	struct layout_cell	*child;

	if (lc->type == LAYOUT_PANE) {
		if (*n < max)
			out[*n] = lc;
		(*n)++;
		return;
	}
	TAILQ_FOREACH(child, &lc->cells, entry)
		check_layout_collect(child, out, n, max);
}

/* Check that the walk, the count and layout_at agree with the tree. */
static int
check_layout_walk(struct layout_cell *top)
{
	struct layout_cell	*leaves[512], *lc;
	u_int			 n = 0, i = 0;

	check_layout_collect(top, leaves, &n, 512);
	if (n > 512 || n != layout_count(top))
		return (check_layout_fail("%u leaves, layout_count says %u",
		    n, layout_count(top)));
	for (lc = layout_first(top); lc != NULL; lc = layout_next(lc)) {
		if (i >= n || leaves[i] != lc)
			return (check_layout_fail("walk leaf %u out of order",
			    i));
		if (layout_at(top, lc->xoff, lc->yoff) != lc ||
		    layout_at(top, lc->xoff + lc->sx - 1,
		    lc->yoff + lc->sy - 1) != lc)
			return (check_layout_fail("layout_at misses leaf %u",
			    i));
		i++;
	}
	if (i != n)
		return (check_layout_fail("walk saw %u of %u leaves", i, n));
	return (0);
}

/* Check every invariant of a tree; NULL if it holds, else why not. */
static const char *
check_layout_tree(struct layout_cell *top)
{
	u_int	mx, my;

	if (top == NULL)
		return ("no tree");
	if (top->parent != NULL)
		return ("root has a parent");
	if (top->xoff != 0 || top->yoff != 0)
		return ("root is not at 0,0");
	if (check_layout_cell(top) != 0 || check_layout_walk(top) != 0)
		return (check_layout_err);
	layout_min_size(top, &mx, &my);
	if (mx > top->sx || my > top->sy) {
		check_layout_fail("minimum %ux%u exceeds %ux%u", mx, my,
		    top->sx, top->sy);
		return (check_layout_err);
	}
	return (NULL);
}

/* The leaf holding a pane. */
static struct layout_cell *
check_layout_find(struct layout_cell *top, u_int id)
{
	struct layout_cell	*lc;

	for (lc = layout_first(top); lc != NULL; lc = layout_next(lc)) {
		if (ID(lc->pane) == id)
			return (lc);
	}
	ck_abort_msg("pane %u not in tree", id);
	return (NULL);
}

/* Split pane id of root, giving the new pane newid; must succeed. */
static struct layout_cell *
check_layout_split(u_int id, enum layout_type type, int size, int before,
    u_int newid)
{
	struct layout_cell	*lc;

	lc = layout_split(check_layout_find(root, id), type, size, before,
	    P(newid));
	ck_assert_msg(lc != NULL, "split pane %u %s size %d: refused", id,
	    type == LR ? "-h" : "-v", size);
	root = layout_root(lc);
	ck_assert_tree(root, "split");
	return (lc);
}

/* Remove pane id from root. */
static void
check_layout_remove(u_int id)
{
	root = layout_remove(check_layout_find(root, id));
	if (root != NULL)
		ck_assert_tree(root, "remove");
}

/* A preset tree of panes 1 to n. */
static struct layout_cell *
check_layout_preset(enum layout_preset preset, u_int n, u_int sx, u_int sy,
    u_int main_size)
{
	struct pane	*panes[64];
	u_int		 i;

	for (i = 0; i < n; i++)
		panes[i] = P(i + 1);
	return (layout_preset(preset, panes, n, sx, sy, main_size));
}

START_TEST(test_layout_single)
{
	u_int	sx, sy;

	root = layout_create(P(1), 80, 24);
	ck_assert_tree(root, "create");
	ck_assert_layout(root, "80x24,0,0,1", "create 80x24");
	ck_assert_uint_eq(layout_count(root), 1);
	ck_assert_ptr_eq(layout_first(root), root);
	ck_assert_ptr_null(layout_next(root));
	ck_assert_ptr_eq(layout_at(root, 0, 0), root);
	ck_assert_ptr_eq(layout_at(root, 79, 23), root);
	ck_assert_ptr_null(layout_at(root, 80, 0));
	ck_assert_ptr_null(layout_at(root, 0, 24));
	ck_assert_ptr_null(layout_neighbour(root, root, LAYOUT_DIR_LEFT));
	ck_assert_ptr_null(layout_neighbour(root, root, LAYOUT_DIR_RIGHT));
	ck_assert_ptr_null(layout_neighbour(root, root, LAYOUT_DIR_UP));
	ck_assert_ptr_null(layout_neighbour(root, root, LAYOUT_DIR_DOWN));
	ck_assert_int_eq(layout_resize_pane(root, LR, 5), 0);
	ck_assert_int_eq(layout_resize_pane(root, TB, -5), 0);
	layout_min_size(root, &sx, &sy);
	ck_assert_msg(sx == 1 && sy == 1, "min of a leaf: got %ux%u", sx, sy);

	layout_free(root);
	root = layout_create(P(1), 0, 0);
	ck_assert_layout(root, "1x1,0,0,1", "create 0x0");
	ck_assert_ptr_null(layout_first(NULL));
	ck_assert_uint_eq(layout_count(NULL), 0);
}
END_TEST

START_TEST(test_layout_split_halves)
{
	static const struct {
		u_int		 sx, sy;
		enum layout_type type;
		int		 before;
		const char	*want;
	} t[] = {
		{ 80, 24, LR, 0, "80x24,0,0{40x24,0,0,1,39x24,41,0,2}" },
		{ 81, 24, LR, 0, "81x24,0,0{40x24,0,0,1,40x24,41,0,2}" },
		{ 80, 24, TB, 0, "80x24,0,0[80x12,0,0,1,80x11,0,13,2]" },
		{ 80, 25, TB, 0, "80x25,0,0[80x12,0,0,1,80x12,0,13,2]" },
		{ 80, 24, LR, 1, "80x24,0,0{39x24,0,0,2,40x24,40,0,1}" },
		{ 80, 24, TB, 1, "80x24,0,0[80x11,0,0,2,80x12,0,12,1]" },
		{ 3, 3, LR, 0, "3x3,0,0{1x3,0,0,1,1x3,2,0,2}" },
		{ 3, 3, TB, 0, "3x3,0,0[3x1,0,0,1,3x1,0,2,2]" },
	};
	struct layout_cell	*lc, *old;
	u_int			 i;
	char			 what[64];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		old = root = layout_create(P(1), t[i].sx, t[i].sy);
		lc = layout_split(root, t[i].type, -1, t[i].before, P(2));
		snprintf(what, sizeof what, "split %ux%u %s%s", t[i].sx,
		    t[i].sy, t[i].type == LR ? "-h" : "-v",
		    t[i].before ? " -b" : "");
		ck_assert_msg(lc != NULL, "%s: refused", what);
		/* The old pane keeps its cell; a lone root gets a parent. */
		ck_assert_ptr_eq(old->pane, P(1));
		ck_assert_ptr_eq(lc->parent, old->parent);
		root = lc->parent;
		ck_assert_tree(root, what);
		ck_assert_layout(root, t[i].want, what);
		layout_free(root);
		root = NULL;
	}
}
END_TEST

START_TEST(test_layout_split_size)
{
	static const struct {
		int		 size;
		const char	*want;
	} t[] = {
		{ 10, "80x24,0,0{69x24,0,0,1,10x24,70,0,2}" },
		{ 1, "80x24,0,0{78x24,0,0,1,1x24,79,0,2}" },
		{ 0, "80x24,0,0{78x24,0,0,1,1x24,79,0,2}" },
		{ 78, "80x24,0,0{1x24,0,0,1,78x24,2,0,2}" },
		{ 79, "80x24,0,0{1x24,0,0,1,78x24,2,0,2}" },
		{ 1000, "80x24,0,0{1x24,0,0,1,78x24,2,0,2}" },
		{ -5, "80x24,0,0{40x24,0,0,1,39x24,41,0,2}" },
	};
	u_int	i;
	char	what[64];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		root = layout_create(P(1), 80, 24);
		snprintf(what, sizeof what, "split 80x24 -h size %d",
		    t[i].size);
		check_layout_split(1, LR, t[i].size, 0, 2);
		ck_assert_layout(root, t[i].want, what);
		layout_free(root);
		root = NULL;
	}
}
END_TEST

START_TEST(test_layout_split_sibling)
{
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, LR, -1, 0, 3);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,19x24,41,0,2,"
	    "19x24,61,0,3}", "split -h twice");
	check_layout_split(1, LR, -1, 1, 4);
	ck_assert_layout(root, "80x24,0,0{19x24,0,0,4,20x24,20,0,1,"
	    "19x24,41,0,2,19x24,61,0,3}", "split -h -b in a row");

	/* Split across, then along the new container's axis. */
	check_layout_split(2, TB, -1, 0, 5);
	check_layout_split(5, TB, -1, 0, 6);
	ck_assert_layout(root, "80x24,0,0{19x24,0,0,4,20x24,20,0,1,"
	    "19x24,41,0[19x12,41,0,2,19x5,41,13,5,19x5,41,19,6],"
	    "19x24,61,0,3}", "split -v then -v again");
	ck_assert_uint_eq(layout_count(root), 6);
}
END_TEST

START_TEST(test_layout_split_nested)
{
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, TB, -1, 0, 3);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,39x24,41,0[39x12,41,0,"
	    "2,39x11,41,13,3]}", "split right pane -v");
	check_layout_split(3, LR, -1, 0, 4);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,39x24,41,0[39x12,41,0,"
	    "2,39x11,41,13{19x11,41,13,3,19x11,61,13,4}]}",
	    "split bottom right -h");
	check_layout_split(1, TB, -1, 1, 5);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0[40x11,0,0,5,40x12,0,12,"
	    "1],39x24,41,0[39x12,41,0,2,39x11,41,13{19x11,41,13,3,19x11,61,"
	    "13,4}]}", "split left -v -b");
}
END_TEST

START_TEST(test_layout_split_refused)
{
	struct layout_cell	*lc;
	char			*before, *after;

	root = layout_create(P(1), 2, 24);
	ck_assert_ptr_null(layout_split(root, LR, -1, 0, P(2)));
	ck_assert_layout(root, "2x24,0,0,1", "split 2x24 -h");
	layout_free(root);

	root = layout_create(P(1), 80, 2);
	ck_assert_ptr_null(layout_split(root, TB, -1, 0, P(2)));
	ck_assert_ptr_null(layout_split(root, LAYOUT_PANE, -1, 0, P(2)));
	ck_assert_layout(root, "80x2,0,0,1", "split 80x2 -v");

	/* A 1-column pane inside a tree cannot split sideways. */
	check_layout_split(1, LR, 1, 0, 2);
	lc = check_layout_find(root, 2);
	before = layout_dump(root, check_layout_id);
	ck_assert_ptr_null(layout_split(lc, LR, -1, 0, P(3)));
	ck_assert_ptr_null(layout_split(root, LR, -1, 0, P(3)));
	after = layout_dump(root, check_layout_id);
	ck_assert_msg(strcmp(before, after) == 0,
	    "refused split changed %s into %s", before, after);
	free(before);
	free(after);
}
END_TEST

START_TEST(test_layout_remove_ends)
{
	static const struct {
		u_int		 id;
		const char	*want;
	} t[] = {
		{ 1, "80x24,0,0{60x24,0,0,2,19x24,61,0,3}" },
		{ 2, "80x24,0,0{60x24,0,0,1,19x24,61,0,3}" },
		{ 3, "80x24,0,0{40x24,0,0,1,39x24,41,0,2}" },
	};
	u_int	i;
	char	what[64];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		root = layout_create(P(1), 80, 24);
		check_layout_split(1, LR, -1, 0, 2);
		check_layout_split(2, LR, -1, 0, 3);
		snprintf(what, sizeof what, "remove %u of 3", t[i].id);
		check_layout_remove(t[i].id);
		ck_assert_layout(root, t[i].want, what);
		layout_free(root);
		root = NULL;
	}

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, TB, -1, 0, 2);
	check_layout_split(1, TB, -1, 0, 3);
	check_layout_remove(3);
	ck_assert_layout(root, "80x24,0,0[80x12,0,0,1,80x11,0,13,2]",
	    "remove middle of a column");
}
END_TEST

START_TEST(test_layout_remove_collapse)
{
	struct layout_cell	*top;

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_remove(2);
	ck_assert_layout(root, "80x24,0,0,1", "remove to one pane");
	ck_assert_ptr_null(root->parent);
	root = layout_remove(root);
	ck_assert_ptr_null(root);

	/* The last container's remaining child merges into the root. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, TB, -1, 0, 3);
	check_layout_split(3, LR, -1, 0, 4);
	top = root;
	check_layout_remove(2);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,19x24,41,0,3,19x24,61,"
	    "0,4}", "remove 2 from 1|(2/(3|4))");
	ck_assert_ptr_eq(root, top);
	layout_free(root);

	/* A container left alone becomes the root. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, TB, -1, 0, 3);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_remove(3);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,39x24,41,0,2}",
	    "remove 3 from (1|2)/3");
	ck_assert_int_eq(root->type, LR);
	layout_free(root);

	/* The space goes into a container before the pane, in proportion. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 3);
	check_layout_split(1, TB, -1, 0, 2);
	check_layout_split(1, LR, 10, 0, 4);
	check_layout_remove(3);
	ck_assert_layout(root, "80x24,0,0[80x12,0,0{58x12,0,0,1,21x12,59,0,"
	    "4},80x11,0,13,2]", "remove 3 from ((1|4)/2)|3");
}
END_TEST

START_TEST(test_layout_resize_proportional)
{
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	layout_resize(root, 160, 48);
	ck_assert_tree(root, "resize 160x48");
	ck_assert_layout(root, "160x48,0,0{80x48,0,0,1,79x48,81,0,2}",
	    "resize halves to 160x48");
	layout_resize(root, 80, 24);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0,1,39x24,41,0,2}",
	    "resize halves back to 80x24");
	layout_free(root);

	/* 60:19 keeps its ratio, and resizing back restores it. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, 19, 0, 2);
	layout_resize(root, 160, 24);
	ck_assert_layout(root, "160x24,0,0{120x24,0,0,1,39x24,121,0,2}",
	    "resize 60:19 to 160");
	layout_resize(root, 80, 24);
	ck_assert_layout(root, "80x24,0,0{60x24,0,0,1,19x24,61,0,2}",
	    "resize 60:19 back to 80");
	layout_resize(root, 80, 24);
	ck_assert_layout(root, "80x24,0,0{60x24,0,0,1,19x24,61,0,2}",
	    "resize to the same size");

	/* Squeezed, the small side keeps a share and grows back. */
	layout_resize(root, 10, 24);
	ck_assert_layout(root, "10x24,0,0{7x24,0,0,1,2x24,8,0,2}",
	    "resize 60:19 to 10");
	layout_resize(root, 80, 24);
	ck_assert_layout(root, "80x24,0,0{58x24,0,0,1,21x24,59,0,2}",
	    "resize 7:2 back to 80");
}
END_TEST

START_TEST(test_layout_resize_tiny)
{
	static const char *tiled = "80x24,0,0[80x12,0,0{40x12,0,0,1,39x12,41,"
	    "0,2},80x11,0,13{40x11,0,13,3,39x11,41,13,4}]";
	static const char *tiny = "3x3,0,0[3x1,0,0{1x1,0,0,1,1x1,2,0,2},3x1,"
	    "0,2{1x1,0,2,3,1x1,2,2,4}]";

	root = check_layout_preset(LAYOUT_TILED, 4, 80, 24, 0);
	ck_assert_layout(root, tiled, "tiled 4 at 80x24");
	layout_resize(root, 1, 1);
	ck_assert_tree(root, "resize 1x1");
	ck_assert_layout(root, tiny, "tiled 4 resized to 1x1");
	layout_resize(root, 0, 0);
	ck_assert_layout(root, tiny, "tiled 4 resized to 0x0");
	layout_resize(root, 80, 24);
	ck_assert_layout(root, tiled, "tiled 4 resized back to 80x24");
	layout_free(root);

	root = layout_create(P(1), 80, 24);
	layout_resize(root, 0, 0);
	ck_assert_layout(root, "1x1,0,0,1", "one pane resized to 0x0");
	layout_free(root);

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	layout_resize(root, 1, 24);
	ck_assert_layout(root, "3x24,0,0{1x24,0,0,1,1x24,2,0,2}",
	    "side by side resized to 1 column");
	layout_resize(root, 0, 0);
	ck_assert_layout(root, "3x1,0,0{1x1,0,0,1,1x1,2,0,2}",
	    "side by side resized to 0x0");
	layout_free(root);

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, TB, -1, 0, 2);
	layout_resize(root, 1, 24);
	ck_assert_layout(root, "1x24,0,0[1x12,0,0,1,1x11,0,13,2]",
	    "stacked resized to 1 column");
}
END_TEST

START_TEST(test_layout_resize_grows_small)
{
	struct layout_cell	*lc;
	u_int			 i;

	/* A 1-column pane grows with the window instead of staying 1. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, 1, 0, 2);
	layout_resize(root, 160, 24);
	ck_assert_layout(root, "160x24,0,0{156x24,0,0,1,3x24,157,0,2}",
	    "78:1 resized to 160");
	layout_free(root);

	/* Nothing squeezed to 1 cell stays there once there is room. */
	root = check_layout_preset(LAYOUT_MAIN_VERTICAL, 6, 80, 24, 60);
	layout_resize(root, 4, 5);
	ck_assert_tree(root, "resize 4x5");
	layout_resize(root, 120, 40);
	ck_assert_tree(root, "resize back to 120x40");
	for (i = 1; i <= 6; i++) {
		lc = check_layout_find(root, i);
		ck_assert_msg(lc->sx >= 10 && lc->sy >= 5,
		    "main-vertical 6 via 4x5 to 120x40: pane %u is %ux%u",
		    i, lc->sx, lc->sy);
	}
}
END_TEST

START_TEST(test_layout_resize_pane)
{
	struct layout_cell	*one, *two;
	int			 got;

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	one = check_layout_find(root, 1);
	two = check_layout_find(root, 2);

	got = layout_resize_pane(one, LR, 10);
	ck_assert_msg(got == 10, "grow 1 by 10: got %d", got);
	ck_assert_layout(root, "80x24,0,0{50x24,0,0,1,29x24,51,0,2}",
	    "grow 1 by 10");
	got = layout_resize_pane(two, LR, 5);
	ck_assert_msg(got == 5, "grow last pane by 5: got %d", got);
	ck_assert_layout(root, "80x24,0,0{45x24,0,0,1,34x24,46,0,2}",
	    "grow last pane by 5");
	got = layout_resize_pane(one, LR, -10);
	ck_assert_msg(got == -10, "shrink 1 by 10: got %d", got);
	ck_assert_layout(root, "80x24,0,0{35x24,0,0,1,44x24,36,0,2}",
	    "shrink 1 by 10");

	got = layout_resize_pane(one, LR, 1000);
	ck_assert_msg(got == 43, "grow 1 by 1000: got %d", got);
	ck_assert_layout(root, "80x24,0,0{78x24,0,0,1,1x24,79,0,2}",
	    "grow 1 by 1000");
	got = layout_resize_pane(one, LR, INT_MIN);
	ck_assert_msg(got == -77, "shrink 1 by INT_MIN: got %d", got);
	ck_assert_layout(root, "80x24,0,0{1x24,0,0,1,78x24,2,0,2}",
	    "shrink 1 by INT_MIN");
	got = layout_resize_pane(one, LR, -1);
	ck_assert_msg(got == 0, "shrink 1-column pane: got %d", got);
	got = layout_resize_pane(two, LR, INT_MAX);
	ck_assert_msg(got == 0, "grow pane beside a 1-column one: got %d",
	    got);
	got = layout_resize_pane(one, TB, 5);
	ck_assert_msg(got == 0, "resize -v without a column: got %d", got);
	ck_assert_int_eq(layout_resize_pane(one, LR, 0), 0);
	ck_assert_tree(root, "resize-pane");
}
END_TEST

START_TEST(test_layout_resize_pane_nested)
{
	int	got;

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, TB, -1, 0, 3);

	/* The column holding 3 is last, so it takes from the pane before. */
	got = layout_resize_pane(check_layout_find(root, 3), LR, 5);
	ck_assert_msg(got == 5, "grow 3 sideways by 5: got %d", got);
	ck_assert_layout(root, "80x24,0,0{35x24,0,0,1,44x24,36,0[44x12,36,0,"
	    "2,44x11,36,13,3]}", "grow 3 sideways by 5");
	got = layout_resize_pane(check_layout_find(root, 2), TB, 3);
	ck_assert_msg(got == 3, "grow 2 down by 3: got %d", got);
	ck_assert_layout(root, "80x24,0,0{35x24,0,0,1,44x24,36,0[44x15,36,0,"
	    "2,44x8,36,16,3]}", "grow 2 down by 3");
	got = layout_resize_pane(check_layout_find(root, 3), TB, -100);
	ck_assert_msg(got == -7, "shrink 3 by 100: got %d", got);
	ck_assert_layout(root, "80x24,0,0{35x24,0,0,1,44x24,36,0[44x22,36,0,"
	    "2,44x1,36,23,3]}", "shrink 3 by 100");

	/* A column with two panes side by side cannot go below 3. */
	check_layout_split(3, LR, -1, 0, 4);
	got = layout_resize_pane(check_layout_find(root, 1), LR, 1000);
	ck_assert_msg(got == 41, "grow 1 against 3|4: got %d", got);
	ck_assert_layout(root, "80x24,0,0{76x24,0,0,1,3x24,77,0[3x22,77,0,2,"
	    "3x1,77,23{1x1,77,23,3,1x1,79,23,4}]}", "grow 1 against 3|4");
	ck_assert_tree(root, "nested resize-pane");
}
END_TEST

START_TEST(test_layout_preset_golden)
{
	static const struct {
		enum layout_preset	 preset;
		u_int			 n, sx, sy, main_size;
		const char		*want;
	} t[] = {
		{ LAYOUT_TILED, 1, 80, 24, 0, "80x24,0,0,1" },
		{ LAYOUT_TILED, 3, 80, 24, 0, "80x24,0,0[80x12,0,0{40x12,0,0,"
		    "1,39x12,41,0,2},80x11,0,13,3]" },
		{ LAYOUT_TILED, 5, 5, 3, 0, "5x3,0,0[5x1,0,0{1x1,0,0,1,1x1,2,"
		    "0,2,1x1,4,0,3},5x1,0,2{2x1,0,2,4,2x1,3,2,5}]" },
		{ LAYOUT_EVEN_HORIZONTAL, 3, 80, 24, 0, "80x24,0,0{26x24,0,0,"
		    "1,26x24,27,0,2,26x24,54,0,3}" },
		{ LAYOUT_EVEN_VERTICAL, 3, 80, 24, 0, "80x24,0,0[80x8,0,0,1,"
		    "80x7,0,9,2,80x7,0,17,3]" },
		{ LAYOUT_EVEN_HORIZONTAL, 9, 5, 3, 0, "17x3,0,0{1x3,0,0,1,"
		    "1x3,2,0,2,1x3,4,0,3,1x3,6,0,4,1x3,8,0,5,1x3,10,0,6,1x3,12,"
		    "0,7,1x3,14,0,8,1x3,16,0,9}" },
		{ LAYOUT_MAIN_VERTICAL, 3, 80, 24, 60, "80x24,0,0{48x24,0,0,1,"
		    "31x24,49,0[31x12,49,0,2,31x11,49,13,3]}" },
		{ LAYOUT_MAIN_VERTICAL, 2, 80, 24, 50, "80x24,0,0{40x24,0,0,1,"
		    "39x24,41,0,2}" },
		{ LAYOUT_MAIN_VERTICAL, 3, 80, 24, 100, "80x24,0,0{78x24,0,0,"
		    "1,1x24,79,0[1x12,79,0,2,1x11,79,13,3]}" },
		{ LAYOUT_MAIN_VERTICAL, 3, 80, 24, 0, "80x24,0,0{1x24,0,0,1,"
		    "78x24,2,0[78x12,2,0,2,78x11,2,13,3]}" },
		{ LAYOUT_MAIN_HORIZONTAL, 4, 80, 24, 60, "80x24,0,0[80x14,0,0,"
		    "1,80x9,0,15{26x9,0,15,2,26x9,27,15,3,26x9,54,15,4}]" },
		{ LAYOUT_MAIN_HORIZONTAL, 1, 80, 24, 60, "80x24,0,0,1" },
	};
	u_int	i;
	char	what[80];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		root = check_layout_preset(t[i].preset, t[i].n, t[i].sx,
		    t[i].sy, t[i].main_size);
		snprintf(what, sizeof what, "%s n=%u %ux%u main %u",
		    layout_preset_name(t[i].preset), t[i].n, t[i].sx, t[i].sy,
		    t[i].main_size);
		ck_assert_tree(root, what);
		ck_assert_layout(root, t[i].want, what);
		layout_free(root);
		root = NULL;
	}
	ck_assert_ptr_null(check_layout_preset(LAYOUT_TILED, 0, 80, 24, 0));
	ck_assert_ptr_null(check_layout_preset(LAYOUT_NPRESETS, 2, 80, 24, 0));
}
END_TEST

/* Whether the sizes of the children of a container differ by at most 1. */
static int
check_layout_even(const struct layout_cell *lc)
{
	const struct layout_cell	*child;
	u_int				 lo = UINT_MAX, hi = 0, s;

	TAILQ_FOREACH(child, &lc->cells, entry) {
		s = check_layout_along(child, lc->type);
		lo = s < lo ? s : lo;
		hi = s > hi ? s : hi;
	}
	return (hi - lo <= 1);
}

/* Check the shape of a tiled tree of n panes. */
static void
check_layout_shape_tiled(const char *what, u_int n)
{
	struct layout_cell	*row;
	u_int			 columns = 1, rows, i = 0, want;

	while (columns * columns < n)
		columns++;
	rows = (n + columns - 1) / columns;
	if (rows == 1) {
		ck_assert_msg(n == 1 || (root->type == LR &&
		    check_layout_even(root)), "%s: not one even row", what);
		return;
	}
	ck_assert_msg(root->type == TB && check_layout_even(root),
	    "%s: rows not even", what);
	TAILQ_FOREACH(row, &root->cells, entry) {
		want = n - i * columns < columns ? n - i * columns : columns;
		ck_assert_msg(layout_count(row) == want, "%s: row %u has %u "
		    "panes, want %u", what, i, layout_count(row), want);
		ck_assert_msg(want == 1 || (row->type == LR &&
		    check_layout_even(row)), "%s: row %u not even", what, i);
		i++;
	}
	ck_assert_msg(i == rows, "%s: %u rows, want %u", what, i, rows);
}

/* Check the shape of a main-* tree of n panes. */
static void
check_layout_shape_main(const char *what, enum layout_type type, u_int n,
    u_int main_size)
{
	struct layout_cell	*lc, *rest;
	u_int			 want, room;

	if (n == 1)
		return;
	ck_assert_msg(root->type == type, "%s: wrong root type", what);
	lc = TAILQ_FIRST(&root->cells);
	rest = TAILQ_NEXT(lc, entry);
	ck_assert_msg(lc->pane == P(1) && TAILQ_NEXT(rest, entry) == NULL,
	    "%s: not main and rest", what);
	want = check_layout_along(root, type) * main_size / 100;
	room = check_layout_along(root, type) - 2;
	want = want < 1 ? 1 : (want > room ? room : want);
	ck_assert_msg(check_layout_along(lc, type) == want, "%s: main is %u, "
	    "want %u", what, check_layout_along(lc, type), want);
	ck_assert_msg(layout_count(rest) == n - 1 && (n == 2 ||
	    check_layout_even(rest)), "%s: rest not even", what);
}

/* Check the shape of a preset tree of n panes (main share 60%). */
static void
check_layout_shape(const char *what, enum layout_preset preset, u_int n)
{
	switch (preset) {
	case LAYOUT_TILED:
		check_layout_shape_tiled(what, n);
		break;
	case LAYOUT_EVEN_HORIZONTAL:
	case LAYOUT_EVEN_VERTICAL:
		ck_assert_msg(n == 1 || (root->type == (preset ==
		    LAYOUT_EVEN_HORIZONTAL ? LR : TB) &&
		    check_layout_even(root)), "%s: not even", what);
		break;
	case LAYOUT_MAIN_VERTICAL:
		check_layout_shape_main(what, LR, n, 60);
		break;
	default:
		check_layout_shape_main(what, TB, n, 60);
		break;
	}
}

START_TEST(test_layout_preset_all)
{
	static const u_int	 areas[][2] = { { 80, 24 }, { 200, 50 },
				    { 5, 3 } };
	enum layout_preset	 preset = _i;
	struct layout_cell	*lc;
	u_int			 n, a, i, mx, my;
	char			 what[80];

	for (a = 0; a < 3; a++) {
		for (n = 1; n <= 9; n++) {
			snprintf(what, sizeof what, "%s n=%u %ux%u",
			    layout_preset_name(preset), n, areas[a][0],
			    areas[a][1]);
			root = check_layout_preset(preset, n, areas[a][0],
			    areas[a][1], 60);
			ck_assert_tree(root, what);
			layout_min_size(root, &mx, &my);
			ck_assert_msg(root->sx == (mx > areas[a][0] ? mx :
			    areas[a][0]) && root->sy == (my > areas[a][1] ?
			    my : areas[a][1]), "%s: tree is %ux%u", what,
			    root->sx, root->sy);
			i = 1;
			for (lc = layout_first(root); lc != NULL;
			    lc = layout_next(lc), i++) {
				ck_assert_msg(lc->pane == P(i), "%s: leaf %u "
				    "holds pane %u", what, i, ID(lc->pane));
			}
			ck_assert_msg(i == n + 1, "%s: %u panes", what, i - 1);
			check_layout_shape(what, preset, n);
			layout_free(root);
			root = NULL;
		}
	}
}
END_TEST

START_TEST(test_layout_preset_names)
{
	static const struct {
		const char	*in;
		int		 want;
	} t[] = {
		{ "tiled", LAYOUT_TILED },
		{ "even-horizontal", LAYOUT_EVEN_HORIZONTAL },
		{ "even-vertical", LAYOUT_EVEN_VERTICAL },
		{ "main-vertical", LAYOUT_MAIN_VERTICAL },
		{ "main-horizontal", LAYOUT_MAIN_HORIZONTAL },
		{ "main-v", LAYOUT_MAIN_VERTICAL },
		{ "even-h", LAYOUT_EVEN_HORIZONTAL },
		{ "t", LAYOUT_TILED },
		{ "main", -1 },
		{ "even-", -1 },
		{ "tiledx", -1 },
		{ "Tiled", -1 },
		{ "", -1 },
		{ "bogus", -1 },
	};
	u_int	i;
	int	got;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		got = layout_preset_from_string(t[i].in);
		ck_assert_msg(got == t[i].want, "preset '%s': got %d want %d",
		    t[i].in, got, t[i].want);
	}
	for (i = 0; i < LAYOUT_NPRESETS; i++) {
		got = layout_preset_from_string(layout_preset_name(i));
		ck_assert_msg(got == (int)i, "preset %u: '%s' gives %d", i,
		    layout_preset_name(i), got);
	}
	ck_assert_int_eq(layout_preset_from_string(NULL), -1);
	ck_assert_ptr_null(layout_preset_name(LAYOUT_NPRESETS));
}
END_TEST

START_TEST(test_layout_at)
{
	static const struct {
		u_int	x, y, want;
	} t[] = {
		{ 0, 0, 1 }, { 39, 23, 1 }, { 40, 0, 0 }, { 40, 12, 0 },
		{ 41, 0, 2 }, { 79, 11, 2 }, { 50, 12, 0 }, { 41, 13, 3 },
		{ 79, 23, 3 }, { 80, 0, 0 }, { 0, 24, 0 }, { 1000, 1000, 0 },
	};
	struct layout_cell	*lc;
	u_int			 i;

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, TB, -1, 0, 3);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		lc = layout_at(root, t[i].x, t[i].y);
		ck_assert_msg(lc == NULL ? t[i].want == 0 : ID(lc->pane) ==
		    t[i].want, "at %u,%u in 1|(2/3): got %u want %u", t[i].x,
		    t[i].y, lc == NULL ? 0 : ID(lc->pane), t[i].want);
	}
}
END_TEST

/* Check a table of neighbours in root; want 0 means none. */
static void
check_layout_neighbours(const char *what, const u_int (*t)[3], u_int n)
{
	static const char	*names[] = { "left", "right", "up", "down" };
	struct layout_cell	*lc;
	u_int			 i, got;

	for (i = 0; i < n; i++) {
		lc = layout_neighbour(root, check_layout_find(root, t[i][0]),
		    t[i][1]);
		got = lc == NULL ? 0 : ID(lc->pane);
		ck_assert_msg(got == t[i][2], "%s: %s of %u: got %u want %u",
		    what, names[t[i][1]], t[i][0], got, t[i][2]);
	}
}

START_TEST(test_layout_neighbour_grid)
{
	static const u_int	 t[][3] = {
		{ 1, LAYOUT_DIR_LEFT, 0 }, { 1, LAYOUT_DIR_RIGHT, 2 },
		{ 1, LAYOUT_DIR_UP, 0 }, { 1, LAYOUT_DIR_DOWN, 3 },
		{ 2, LAYOUT_DIR_LEFT, 1 }, { 2, LAYOUT_DIR_RIGHT, 0 },
		{ 2, LAYOUT_DIR_UP, 0 }, { 2, LAYOUT_DIR_DOWN, 4 },
		{ 3, LAYOUT_DIR_LEFT, 0 }, { 3, LAYOUT_DIR_RIGHT, 4 },
		{ 3, LAYOUT_DIR_UP, 1 }, { 3, LAYOUT_DIR_DOWN, 0 },
		{ 4, LAYOUT_DIR_LEFT, 3 }, { 4, LAYOUT_DIR_RIGHT, 0 },
		{ 4, LAYOUT_DIR_UP, 2 }, { 4, LAYOUT_DIR_DOWN, 0 },
	};

	root = check_layout_preset(LAYOUT_TILED, 4, 80, 24, 0);
	check_layout_neighbours("tiled 2x2", t, sizeof t / sizeof t[0]);
}
END_TEST

START_TEST(test_layout_neighbour_main)
{
	static const u_int	 mv[][3] = {
		{ 1, LAYOUT_DIR_RIGHT, 2 }, { 1, LAYOUT_DIR_LEFT, 0 },
		{ 1, LAYOUT_DIR_UP, 0 }, { 1, LAYOUT_DIR_DOWN, 0 },
		{ 2, LAYOUT_DIR_LEFT, 1 }, { 3, LAYOUT_DIR_LEFT, 1 },
		{ 4, LAYOUT_DIR_LEFT, 1 }, { 2, LAYOUT_DIR_RIGHT, 0 },
		{ 2, LAYOUT_DIR_UP, 0 }, { 2, LAYOUT_DIR_DOWN, 3 },
		{ 3, LAYOUT_DIR_UP, 2 }, { 3, LAYOUT_DIR_DOWN, 4 },
		{ 4, LAYOUT_DIR_DOWN, 0 },
	};
	static const u_int	 tie[][3] = {
		{ 1, LAYOUT_DIR_RIGHT, 2 }, { 3, LAYOUT_DIR_LEFT, 1 },
	};
	static const u_int	 mh[][3] = {
		{ 1, LAYOUT_DIR_DOWN, 2 }, { 3, LAYOUT_DIR_UP, 1 },
		{ 2, LAYOUT_DIR_RIGHT, 3 }, { 3, LAYOUT_DIR_LEFT, 2 },
	};

	/* Panes 2-4 are 8, 7 and 7 high: 2 overlaps 1 most. */
	root = check_layout_preset(LAYOUT_MAIN_VERTICAL, 4, 80, 24, 50);
	check_layout_neighbours("main-vertical 4", mv,
	    sizeof mv / sizeof mv[0]);
	layout_free(root);

	/* Equal overlaps go to the topmost or leftmost. */
	root = check_layout_preset(LAYOUT_MAIN_VERTICAL, 3, 80, 23, 50);
	check_layout_neighbours("main-vertical 3 at 80x23", tie,
	    sizeof tie / sizeof tie[0]);
	layout_free(root);
	root = check_layout_preset(LAYOUT_MAIN_HORIZONTAL, 3, 81, 24, 50);
	check_layout_neighbours("main-horizontal 3 at 81x24", mh,
	    sizeof mh / sizeof mh[0]);
}
END_TEST

START_TEST(test_layout_neighbour_overlap)
{
	static const u_int	 t[][3] = {
		{ 1, LAYOUT_DIR_RIGHT, 3 }, { 2, LAYOUT_DIR_RIGHT, 5 },
		{ 3, LAYOUT_DIR_LEFT, 1 }, { 4, LAYOUT_DIR_LEFT, 1 },
		{ 5, LAYOUT_DIR_LEFT, 2 },
	};

	/* (1/2)|(3/4) with the right column split higher, then 4 split. */
	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 3);
	check_layout_split(1, TB, -1, 0, 2);
	check_layout_split(3, TB, -1, 0, 4);
	ck_assert_int_eq(layout_resize_pane(check_layout_find(root, 3), TB,
	    -6), -6);
	check_layout_split(4, TB, 6, 0, 5);
	ck_assert_layout(root, "80x24,0,0{40x24,0,0[40x12,0,0,1,40x11,0,13,"
	    "2],39x24,41,0[39x6,41,0,3,39x10,41,7,4,39x6,41,18,5]}",
	    "overlap tree");
	check_layout_neighbours("overlap tree", t, sizeof t / sizeof t[0]);
}
END_TEST

START_TEST(test_layout_walk)
{
	static const u_int	 order[] = { 5, 1, 2, 3, 4 };
	struct layout_cell	*lc;
	u_int			 i = 0, sx, sy;

	root = layout_create(P(1), 80, 24);
	check_layout_split(1, LR, -1, 0, 2);
	check_layout_split(2, TB, -1, 0, 3);
	check_layout_split(3, LR, -1, 0, 4);
	check_layout_split(1, TB, -1, 1, 5);
	for (lc = layout_first(root); lc != NULL; lc = layout_next(lc)) {
		ck_assert_msg(i < 5 && ID(lc->pane) == order[i],
		    "walk (5/1)|(2/(3|4)) step %u: got pane %u", i,
		    ID(lc->pane));
		i++;
	}
	ck_assert_uint_eq(i, 5);
	ck_assert_uint_eq(layout_count(root), 5);
	layout_min_size(root, &sx, &sy);
	ck_assert_msg(sx == 5 && sy == 3, "min of (5/1)|(2/(3|4)): got %ux%u",
	    sx, sy);
	ck_assert_layout(NULL, "", "dump of no tree");
}
END_TEST

/* A small seeded generator so runs repeat everywhere. */
static uint32_t
check_layout_random(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return (*state);
}

/* The leaf at a random position in the walk. */
static struct layout_cell *
check_layout_pick(uint32_t *state)
{
	struct layout_cell	*lc = layout_first(root);
	u_int			 i;

	i = check_layout_random(state) % layout_count(root);
	while (i-- > 0)
		lc = layout_next(lc);
	return (lc);
}

/* Split a random leaf and check the sizes it was given; 0 if refused. */
static int
check_layout_random_split(uint32_t *state, u_int id, const char *what)
{
	struct layout_cell	*lc, *new;
	enum layout_type	 type;
	u_int			 along, avail, want, rx, ry;
	int			 size;
	char			*before, *after;

	lc = check_layout_pick(state);
	type = check_layout_random(state) % 2 ? LR : TB;
	size = (int)(check_layout_random(state) % 40) - 10;
	along = check_layout_along(lc, type);
	before = layout_dump(root, check_layout_id);
	rx = root->sx;
	ry = root->sy;
	new = layout_split(lc, type, size, check_layout_random(state) % 2,
	    P(id));
	if (new == NULL) {
		after = layout_dump(root, check_layout_id);
		ck_assert_msg(along < 3 && strcmp(before, after) == 0,
		    "%s: split of %u cells refused: %s to %s", what, along,
		    before, after);
		free(after);
		free(before);
		return (0);
	}
	free(before);
	root = layout_root(new);
	avail = along - 1;
	want = size < 0 ? avail / 2 : (size < 1 ? 1 : ((u_int)size >=
	    avail ? avail - 1 : (u_int)size));
	ck_assert_msg(check_layout_along(new, type) == want &&
	    check_layout_along(lc, type) == avail - want && new->parent ==
	    lc->parent && root->sx == rx && root->sy == ry,
	    "%s: split %u cells size %d gave %u and %u", what, along, size,
	    check_layout_along(lc, type), check_layout_along(new, type));
	return (1);
}

/* Resize a random leaf's border and check what moved. */
static void
check_layout_random_resize_pane(uint32_t *state, const char *what)
{
	struct layout_cell	*lc, *branch, *other;
	enum layout_type	 type;
	u_int			 bsize, osize, mx, my;
	int			 delta, got;

	lc = check_layout_pick(state);
	type = check_layout_random(state) % 2 ? LR : TB;
	delta = (int)(check_layout_random(state) % 61) - 30;
	branch = lc;
	while (branch->parent != NULL && branch->parent->type != type)
		branch = branch->parent;
	if (branch->parent == NULL) {
		ck_assert_int_eq(layout_resize_pane(lc, type, delta), 0);
		return;
	}
	if ((other = TAILQ_NEXT(branch, entry)) == NULL)
		other = TAILQ_PREV(branch, layout_cells, entry);
	bsize = check_layout_along(branch, type);
	osize = check_layout_along(other, type);
	got = layout_resize_pane(lc, type, delta);
	ck_assert_msg(check_layout_along(branch, type) == bsize + got &&
	    check_layout_along(other, type) == osize - got &&
	    (got == 0 || (got > 0) == (delta > 0)) && abs(got) <= abs(delta),
	    "%s: resize-pane by %d moved %d: %u,%u to %u,%u", what, delta,
	    got, bsize, osize, check_layout_along(branch, type),
	    check_layout_along(other, type));
	if (got != delta) {
		layout_min_size(delta > 0 ? other : branch, &mx, &my);
		ck_assert_msg(check_layout_along(delta > 0 ? other : branch,
		    type) == (type == LR ? mx : my), "%s: resize-pane by %d "
		    "stopped at %d before the minimum", what, delta, got);
	}
}

/* Resize the whole tree to a random size and check it took it. */
static void
check_layout_random_resize(uint32_t *state, const char *what)
{
	u_int	sx, sy, mx, my;
	char	*before, *after;

	sx = check_layout_random(state) % 121;
	sy = check_layout_random(state) % 61;
	layout_min_size(root, &mx, &my);
	layout_resize(root, sx, sy);
	ck_assert_msg(root->sx == (sx > mx ? sx : mx) &&
	    root->sy == (sy > my ? sy : my), "%s: resize to %ux%u (min "
	    "%ux%u) gave %ux%u", what, sx, sy, mx, my, root->sx, root->sy);

	before = layout_dump(root, check_layout_id);
	layout_resize(root, root->sx, root->sy);
	after = layout_dump(root, check_layout_id);
	ck_assert_msg(strcmp(before, after) == 0, "%s: resize to the same "
	    "size changed %s to %s", what, before, after);
	free(before);
	free(after);
}

/* Check each live pane is in the tree exactly once. */
static void
check_layout_random_panes(const u_char *alive, u_int max, const char *what)
{
	struct layout_cell	*lc;
	u_char			 seen[2048];
	u_int			 id, n = 0, live = 0;

	memset(seen, 0, sizeof seen);
	for (lc = layout_first(root); lc != NULL; lc = layout_next(lc)) {
		id = ID(lc->pane);
		ck_assert_msg(id < max && alive[id] && !seen[id],
		    "%s: pane %u is dead or twice in the tree", what, id);
		seen[id] = 1;
		n++;
	}
	for (id = 0; id < max; id++)
		live += alive[id];
	ck_assert_msg(n == live, "%s: %u panes in tree, %u alive", what, n,
	    live);
}

START_TEST(test_layout_random)
{
	static const uint32_t	 seeds[] = { 1, 42, 20240601 };
	uint32_t		 state;
	u_char			 alive[2048];
	struct layout_cell	*lc;
	u_int			 step, next, s, op;
	char			 what[64];

	for (s = 0; s < sizeof seeds / sizeof seeds[0]; s++) {
		state = seeds[s];
		memset(alive, 0, sizeof alive);
		next = 1;
		alive[next] = 1;
		root = layout_create(P(next++), 80, 24);
		for (step = 0; step < 500 && next < 2000; step++) {
			snprintf(what, sizeof what, "seed %u step %u",
			    (u_int)seeds[s], step);
			op = check_layout_random(&state) % 100;
			if (op < 40) {
				if (check_layout_random_split(&state, next,
				    what))
					alive[next++] = 1;
			} else if (op < 60) {
				lc = check_layout_pick(&state);
				alive[ID(lc->pane)] = 0;
				root = layout_remove(lc);
				if (root == NULL) {
					alive[next] = 1;
					root = layout_create(P(next++),
					    check_layout_random(&state) % 100,
					    check_layout_random(&state) % 50);
				}
			} else if (op < 75)
				check_layout_random_resize(&state, what);
			else
				check_layout_random_resize_pane(&state, what);
			ck_assert_tree(root, what);
			check_layout_random_panes(alive, next, what);
		}
		layout_free(root);
		root = NULL;
	}
}
END_TEST

/* A test case in the suite whose tests start and end without a tree. */
static TCase *
check_layout_tcase(Suite *s, const char *name)
{
	TCase	*tc;

	tc = tcase_create(name);
	tcase_add_checked_fixture(tc, check_layout_setup,
	    check_layout_teardown);
	suite_add_tcase(s, tc);
	return (tc);
}

/* The layout suite: splits, resizing, presets, lookups, random runs. */
Suite *
suite_layout(void)
{
	Suite	*s;
	TCase	*tc;

	s = suite_create("layout");

	tc = check_layout_tcase(s, "split");
	tcase_add_test(tc, test_layout_single);
	tcase_add_test(tc, test_layout_split_halves);
	tcase_add_test(tc, test_layout_split_size);
	tcase_add_test(tc, test_layout_split_sibling);
	tcase_add_test(tc, test_layout_split_nested);
	tcase_add_test(tc, test_layout_split_refused);
	tcase_add_test(tc, test_layout_remove_ends);
	tcase_add_test(tc, test_layout_remove_collapse);

	tc = check_layout_tcase(s, "resize");
	tcase_add_test(tc, test_layout_resize_proportional);
	tcase_add_test(tc, test_layout_resize_tiny);
	tcase_add_test(tc, test_layout_resize_grows_small);
	tcase_add_test(tc, test_layout_resize_pane);
	tcase_add_test(tc, test_layout_resize_pane_nested);

	tc = check_layout_tcase(s, "preset");
	tcase_add_test(tc, test_layout_preset_golden);
	tcase_add_loop_test(tc, test_layout_preset_all, 0, LAYOUT_NPRESETS);
	tcase_add_test(tc, test_layout_preset_names);

	tc = check_layout_tcase(s, "lookup");
	tcase_add_test(tc, test_layout_at);
	tcase_add_test(tc, test_layout_neighbour_grid);
	tcase_add_test(tc, test_layout_neighbour_main);
	tcase_add_test(tc, test_layout_neighbour_overlap);
	tcase_add_test(tc, test_layout_walk);

	tc = check_layout_tcase(s, "random");
	tcase_add_test(tc, test_layout_random);

	return (s);
}
