/* libvterm glue: a pane's terminal state, its cells, and keys sent to it. */
#ifndef VIGIL_VT_H
#define VIGIL_VT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "vigil/input.h"
#include "vigil/keys.h"

#define VT_MAX_CHARS 6	/* base character plus combining characters */

struct vt_cell {
	uint32_t	chars[VT_MAX_CHARS];	/* 0-terminated; chars[0] 0 is blank */
	int		width;	/* 1, 2 for wide, 0 for a wide char's right half */
	int		attrs;	/* ATTR_* */
	int		fg, bg;	/* COLOUR_DEFAULT, 0-255 or COLOUR_RGB */
};

enum vt_cursor_shape {
	VT_CURSOR_DEFAULT,
	VT_CURSOR_BLOCK,
	VT_CURSOR_UNDERLINE,
	VT_CURSOR_BAR
};

struct vt_cursor {
	u_int			x, y;
	int			visible;
	int			blink;
	enum vt_cursor_shape	shape;
};

enum vt_mouse {
	VT_MOUSE_NONE,
	VT_MOUSE_CLICK,
	VT_MOUSE_DRAG,
	VT_MOUSE_MOVE
};

/* What the terminal tells its owner. Any may be NULL. */
struct vt_callbacks {
	/* Bytes for the program: key encodings and replies to queries. */
	void	(*output)(const char *, size_t, void *);
	void	(*bell)(void *);
	void	(*title)(const char *, void *);
	/* A desktop notification asked for: OSC 9 or OSC 777;notify. */
	void	(*notify)(const char *, void *);
	/*
	 * OSC 9;4 progress: state 0 none, 1 value, 2 error, 3 busy without
	 * a value, 4 paused; percent 0 to 100.
	 */
	void	(*progress)(int, int, void *);
};

struct vt;

struct vt	*vt_create(u_int, u_int, u_int, const struct vt_callbacks *,
		     void *);
void		 vt_free(struct vt *);
/* Feed bytes the program wrote. */
void		 vt_write(struct vt *, const char *, size_t);
/* See what libvterm is fed, after vt.c's filter: for tests. */
void		 vt_set_feed_hook(struct vt *,
		     void (*)(const char *, size_t, void *), void *);
void		 vt_resize(struct vt *, u_int, u_int);
void		 vt_size(const struct vt *, u_int *, u_int *);

void		 vt_get_cell(const struct vt *, u_int, u_int, struct vt_cell *);
/* A row of the screen as UTF-8 text, trailing blanks cut (xmalloc'd). */
char		*vt_row_text(const struct vt *, u_int);
void		 vt_get_cursor(const struct vt *, struct vt_cursor *);
const char	*vt_title(const struct vt *);
enum vt_mouse	 vt_mouse_mode(const struct vt *);
int		 vt_altscreen(const struct vt *);
u_int		 vt_history_size(const struct vt *);
size_t		 vt_history_bytes(const struct vt *);
/* Cells put by the fast path for runs of ASCII, for tests. */
uint64_t	 vt_run_cells(const struct vt *);
void		 vt_set_history_limit(struct vt *, u_int, size_t);

/*
 * Rows changed since vt_clean, as [top, bottom). Returns 0 if no row did.
 * vt_changed is also set by cursor and mode changes that touch no row.
 */
int		 vt_dirty(const struct vt *, u_int *, u_int *);
int		 vt_changed(const struct vt *);
void		 vt_clean(struct vt *);
void		 vt_dirty_all(struct vt *);

/* Input for the program, encoded for the modes it has set. */
void		 vt_key(struct vt *, struct key);
void		 vt_paste_start(struct vt *);
void		 vt_paste(struct vt *, const char *, size_t);
void		 vt_paste_end(struct vt *);
void		 vt_mouse(struct vt *, const struct input_mouse *, int, int);
void		 vt_focus(struct vt *, int);

#endif
