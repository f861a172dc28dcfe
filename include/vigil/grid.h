/* The history we own: lines scrolled off the top of a pane, in a ring. */
#ifndef VIGIL_GRID_H
#define VIGIL_GRID_H

#include <sys/types.h>

#include <vterm.h>

struct grid_history;

struct grid_history	*grid_history_create(u_int);
void			 grid_history_free(struct grid_history *);
/* Keep a line pushed off the top; the oldest goes when the ring is full. */
void			 grid_history_push(struct grid_history *, int,
			     const VTermScreenCell *);
/*
 * Give back the newest line, padded or cut to cols with blanks of the
 * given pen. Returns 0 if the history is empty.
 */
int			 grid_history_pop(struct grid_history *, int,
			     VTermScreenCell *, const VTermScreenCell *);
u_int			 grid_history_size(const struct grid_history *);
size_t			 grid_history_bytes(const struct grid_history *);
void			 grid_history_set_limit(struct grid_history *, u_int);
void			 grid_history_clear(struct grid_history *);

#endif
