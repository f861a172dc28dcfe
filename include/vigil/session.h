/* Sessions: a set of panes, the active one, and their layout. */
#ifndef VIGIL_SESSION_H
#define VIGIL_SESSION_H

#include "vigil/layout.h"
#include "vigil/vigil.h"

struct session	*session_create(const char *, u_int, u_int);
void		 session_destroy(struct session *);
struct session	*session_find(const char *);
/* Hang up every pane; the server closes the empty session in its pass. */
void		 session_kill(struct session *);
int		 session_exists(const struct session *);

/*
 * Start a command (NULL: the shell) in a new pane. The first pane fills
 * the session; later ones split target (the active pane if NULL) along
 * type, size cells (-1: half), before or after it. Returns NULL with
 * *cause if there is no room or no PTY.
 */
struct pane	*session_spawn(struct session *, struct pane *,
		     enum layout_type, int, int, const char *, char **);
/*
 * Start one pane per command (a NULL list: one shell) in an empty session,
 * tiled. Returns 0, or -1 with *cause if a pane could not be made.
 */
int		 session_spawn_tiled(struct session *, char **, int, char **);
/* Take a pane out and free it; the layout closes the gap. */
void		 session_remove_pane(struct session *, struct pane *);

void		 session_resize(struct session *, u_int, u_int);
/* Give every pane the geometry its layout cell says. */
void		 session_apply_layout(struct session *);
void		 session_set_active(struct session *, struct pane *);
void		 session_select_preset(struct session *, enum layout_preset);
void		 session_next_preset(struct session *);
/* Zoom the active pane to fill the session, or back. */
void		 session_toggle_zoom(struct session *);
void		 session_unzoom(struct session *);
int		 session_resize_pane(struct session *, struct pane *,
		     enum layout_type, int);
/*
 * Move a pane's border by delta cells (negative: left or up), as tmux's
 * resize-pane does: the right or bottom border, or the left or top one
 * for the last pane in its row or column.
 */
int		 session_move_border(struct session *, struct pane *,
		     enum layout_type, int);

u_int		 session_count_panes(const struct session *);
u_int		 session_pane_index(const struct session *,
		     const struct pane *);
struct pane	*session_pane_by_index(struct session *, u_int);
/* The visible pane at x, y of the session's area, or NULL. */
struct pane	*session_pane_at(struct session *, u_int, u_int);
struct pane	*session_neighbour(struct session *, struct pane *,
		     enum layout_direction);
/* Is the pane on screen (not hidden behind a zoomed one)? */
int		 session_pane_visible(const struct session *,
		     const struct pane *);

#endif
