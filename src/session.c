/* Sessions: a set of panes, the active one, and their layout. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vigil/layout.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/xmalloc.h"

static u_int	next_session_id;

struct session *
session_create(const char *name, u_int sx, u_int sy)
{
	struct session	*s;

	s = xcalloc(1, sizeof *s);
	s->id = next_session_id++;
	if (name != NULL)
		s->name = xstrdup(name);
	else
		xasprintf(&s->name, "%u", s->id);
	TAILQ_INIT(&s->panes);
	s->preset = -1;
	s->sx = sx < 1 ? 1 : sx;
	s->sy = sy < 1 ? 1 : sy;
	s->created = time(NULL);
	TAILQ_INSERT_TAIL(&sessions, s, entry);
	return (s);
}

void
session_destroy(struct session *s)
{
	struct pane	*p;
	char		**env;

	while ((p = TAILQ_FIRST(&s->panes)) != NULL) {
		TAILQ_REMOVE(&s->panes, p, entry);
		pane_destroy(p);
	}
	if (s->layout != NULL)
		layout_free(s->layout);
	TAILQ_REMOVE(&sessions, s, entry);
	for (env = s->environ; env != NULL && *env != NULL; env++)
		free(*env);
	free(s->environ);
	free(s->cwd);
	free(s->name);
	free(s);
}

void
session_kill(struct session *s)
{
	struct pane	*p;

	while ((p = TAILQ_FIRST(&s->panes)) != NULL)
		session_remove_pane(s, p);
}

int
session_exists(const struct session *s)
{
	const struct session	*s1;

	TAILQ_FOREACH(s1, &sessions, entry) {
		if (s1 == s)
			return (1);
	}
	return (0);
}

struct session *
session_find(const char *name)
{
	struct session	*s;

	TAILQ_FOREACH(s, &sessions, entry) {
		if (strcmp(s->name, name) == 0)
			return (s);
	}
	return (NULL);
}

struct pane *
session_spawn(struct session *s, struct pane *target, enum layout_type type,
    int size, int before, const char *command, char **cause)
{
	struct layout_cell	*lc;
	struct pane		*p;

	if (TAILQ_EMPTY(&s->panes)) {
		if ((p = pane_create(s, command, s->sx, s->sy, cause)) == NULL)
			return (NULL);
		s->layout = layout_create(p, s->sx, s->sy);
		p->cell = s->layout;
		TAILQ_INSERT_TAIL(&s->panes, p, entry);
		s->active = p;
		session_apply_layout(s);
		return (p);
	}

	if (target == NULL)
		target = s->active;
	session_unzoom(s);
	lc = layout_split(target->cell, type, size, before, NULL);
	if (lc == NULL) {
		xasprintf(cause, "pane too small to split");
		return (NULL);
	}
	s->layout = layout_root(lc);
	if ((p = pane_create(s, command, lc->sx, lc->sy, cause)) == NULL) {
		s->layout = layout_remove(lc);
		session_apply_layout(s);
		return (NULL);
	}
	lc->pane = p;
	p->cell = lc;
	s->layout = layout_root(lc);
	if (before)
		TAILQ_INSERT_BEFORE(target, p, entry);
	else
		TAILQ_INSERT_AFTER(&s->panes, target, p, entry);
	s->preset = -1;
	session_set_active(s, p);
	session_apply_layout(s);
	return (p);
}

int
session_spawn_tiled(struct session *s, char **commands, int n, char **cause)
{
	struct pane	*p;
	int		 i;

	if (n <= 1)
		return (session_spawn(s, NULL, LAYOUT_TOPBOTTOM, -1, 0,
		    n == 1 ? commands[0] : NULL, cause) == NULL ? -1 : 0);
	/*
	 * Make every pane first (a preset fits any number in any size), then
	 * start their programs: one that asks its size at once gets its own.
	 */
	for (i = 0; i < n; i++) {
		p = pane_new(s, commands[i], s->sx, s->sy);
		TAILQ_INSERT_TAIL(&s->panes, p, entry);
	}
	s->active = TAILQ_FIRST(&s->panes);
	session_select_preset(s, LAYOUT_TILED);
	TAILQ_FOREACH(p, &s->panes, entry) {
		if (pane_start(p, cause) != 0)
			return (-1);
	}
	return (0);
}

void
session_remove_pane(struct session *s, struct pane *p)
{
	struct pane	*next;

	if (s->zoomed == p)
		s->zoomed = NULL;
	if (s->last == p)
		s->last = NULL;
	if (s->active == p) {
		next = s->last;
		if (next == NULL)
			next = TAILQ_NEXT(p, entry);
		if (next == NULL)
			next = TAILQ_PREV(p, panes, entry);
		s->active = next;
		s->last = NULL;
	}
	TAILQ_REMOVE(&s->panes, p, entry);
	s->layout = layout_remove(p->cell);
	pane_destroy(p);
	if (s->layout != NULL) {
		layout_resize(s->layout, s->sx, s->sy);
		session_apply_layout(s);
	}
	server_redraw_session(s);
}

void
session_resize(struct session *s, u_int sx, u_int sy)
{
	if (sx < 1)
		sx = 1;
	if (sy < 1)
		sy = 1;
	if (sx == s->sx && sy == s->sy)
		return;
	s->sx = sx;
	s->sy = sy;
	if (s->layout != NULL)
		layout_resize(s->layout, sx, sy);
	session_apply_layout(s);
}

void
session_apply_layout(struct session *s)
{
	struct layout_cell	*lc;
	struct pane		*p;

	for (lc = layout_first(s->layout); lc != NULL; lc = layout_next(lc)) {
		p = lc->pane;
		if (p == NULL)
			continue;
		if (p == s->zoomed) {
			pane_set_position(p, 0, 0);
			pane_resize(p, s->sx, s->sy);
		} else {
			pane_set_position(p, lc->xoff, lc->yoff);
			pane_resize(p, lc->sx, lc->sy);
		}
	}
	s->flags |= SESSION_REDRAW;
	server_redraw_session(s);
}

void
session_set_active(struct session *s, struct pane *p)
{
	if (p == NULL || p == s->active)
		return;
	if (s->zoomed != NULL && s->zoomed != p)
		session_unzoom(s);
	s->last = s->active;
	s->active = p;
	p->flags &= ~PANE_BELL;
	server_redraw_session(s);
}

/* Lay the panes out again from a preset. */
void
session_select_preset(struct session *s, enum layout_preset preset)
{
	struct pane	**list, *p;
	u_int		  n = 0;

	session_unzoom(s);
	list = xreallocarray(NULL, session_count_panes(s), sizeof *list);
	TAILQ_FOREACH(p, &s->panes, entry)
		list[n++] = p;
	layout_free(s->layout);
	s->layout = layout_preset(preset, list, n, s->sx, s->sy,
	    options_get_number(OPT_MAIN_PANE_SIZE));
	free(list);

	/* The tree is new: point each pane at its new leaf. */
	for (struct layout_cell *lc = layout_first(s->layout); lc != NULL;
	    lc = layout_next(lc))
		lc->pane->cell = lc;
	s->preset = preset;
	session_apply_layout(s);
}

void
session_next_preset(struct session *s)
{
	session_select_preset(s, (s->preset + 1) % LAYOUT_NPRESETS);
}

void
session_toggle_zoom(struct session *s)
{
	if (s->zoomed != NULL) {
		session_unzoom(s);
		return;
	}
	if (s->active == NULL || session_count_panes(s) < 2)
		return;
	s->zoomed = s->active;
	session_apply_layout(s);
}

void
session_unzoom(struct session *s)
{
	if (s->zoomed == NULL)
		return;
	s->zoomed = NULL;
	session_apply_layout(s);
}

int
session_resize_pane(struct session *s, struct pane *p, enum layout_type type,
    int delta)
{
	int	moved;

	session_unzoom(s);
	moved = layout_resize_pane(p->cell, type, delta);
	if (moved != 0) {
		s->preset = -1;
		session_apply_layout(s);
	}
	return (moved);
}

/* Is the pane's branch the last child of its nearest type container? */
static int
session_branch_is_last(struct pane *p, enum layout_type type)
{
	struct layout_cell	*lc = p->cell;

	while (lc->parent != NULL && lc->parent->type != type)
		lc = lc->parent;
	if (lc->parent == NULL)
		return (0);
	return (TAILQ_NEXT(lc, entry) == NULL);
}

int
session_move_border(struct session *s, struct pane *p, enum layout_type type,
    int delta)
{
	if (session_branch_is_last(p, type))
		delta = -delta;
	return (session_resize_pane(s, p, type, delta));
}

u_int
session_count_panes(const struct session *s)
{
	const struct pane	*p;
	u_int			 n = 0;

	TAILQ_FOREACH(p, &s->panes, entry)
		n++;
	return (n);
}

u_int
session_pane_index(const struct session *s, const struct pane *target)
{
	const struct pane	*p;
	u_int			 n = 0;

	TAILQ_FOREACH(p, &s->panes, entry) {
		if (p == target)
			return (n);
		n++;
	}
	return (n);
}

struct pane *
session_pane_by_index(struct session *s, u_int idx)
{
	struct pane	*p;

	TAILQ_FOREACH(p, &s->panes, entry) {
		if (idx-- == 0)
			return (p);
	}
	return (NULL);
}

struct pane *
session_pane_at(struct session *s, u_int x, u_int y)
{
	struct layout_cell	*lc;

	if (s->zoomed != NULL)
		return (x < s->sx && y < s->sy ? s->zoomed : NULL);
	if (s->layout == NULL || (lc = layout_at(s->layout, x, y)) == NULL)
		return (NULL);
	return (lc->pane);
}

struct pane *
session_neighbour(struct session *s, struct pane *p,
    enum layout_direction dir)
{
	struct layout_cell	*lc;

	if (s->zoomed != NULL || s->layout == NULL)
		return (NULL);
	if ((lc = layout_neighbour(s->layout, p->cell, dir)) == NULL)
		return (NULL);
	return (lc->pane);
}

int
session_pane_visible(const struct session *s, const struct pane *p)
{
	return (s->zoomed == NULL || s->zoomed == p);
}
