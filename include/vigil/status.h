/* The status line as a list of segments that modules fill. */
#ifndef VIGIL_STATUS_H
#define VIGIL_STATUS_H

#include <sys/types.h>

#include <time.h>

#include "vigil/style.h"
#include "vigil/vigil.h"

/*
 * A segment is a run of text in one style. Segments with a pane belong to
 * it (a click there focuses the pane). Right-aligned segments are laid out
 * from the right edge. When the line is too narrow, segments shrink by
 * priority: lower drops first, pane segments are cut to min_width.
 */
struct status_segment {
	char		*text;		/* UTF-8 */
	struct style	 style;
	int		 pane_id;	/* -1 if none */
	int		 right;
	int		 priority;
	u_int		 min_width;	/* cells it may be cut to */

	/* Filled by status_fit. */
	u_int		 x;
	u_int		 width;		/* cells shown, 0 if dropped */
};

struct status_line {
	struct status_segment	*segs;
	u_int			 n;
};

/*
 * A later module adds its part of each pane's segment (a resource bar, a
 * state marker) by registering a function that appends to the text.
 */
typedef void (*status_pane_part)(struct session *, struct pane *, char **);
void	status_register_pane_part(status_pane_part);
/*
 * Or adds segments of its own (with their own style) after the pane's,
 * given the pane segment's style.
 */
typedef void (*status_pane_segment)(struct status_line *, struct session *,
	    struct pane *, const struct style *);
void	status_register_pane_segment(status_pane_segment);

/* Drop order when the line is too narrow: lowest first. */
#define STATUS_PRIORITY_SESSION	1
#define STATUS_PRIORITY_CLOCK	2
#define STATUS_PRIORITY_PART	3	/* a module's segment: cut, then drop */
#define STATUS_PRIORITY_PANE	4

struct status_segment	*status_add(struct status_line *, int,
			     const struct style *, int, const char *, ...)
			     __attribute__((format(printf, 5, 6)));
/* Build the segments for a session as seen by a client at time now. */
void			 status_build(struct status_line *, struct session *,
			     time_t);
/* Place segments in width cells: sets x and width of each. */
void			 status_fit(struct status_line *, u_int);
void			 status_free(struct status_line *);
/* The pane whose segment covers cell x, or -1. */
int			 status_pane_at(const struct status_line *, u_int);
/* Text of a fitted line (for tests), xmalloc'd. */
char			*status_text(const struct status_line *, u_int);
/* Seconds until the status line next needs redrawing for the clock. */
u_int			 status_next_tick(time_t);

/* Display width of UTF-8 text, and its longest prefix of at most n cells. */
u_int			 status_width(const char *);
size_t			 status_prefix(const char *, u_int, u_int *);

#endif
