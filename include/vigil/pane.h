/* Panes: a program spawned in a PTY, fed through its terminal state. */
#ifndef VIGIL_PANE_H
#define VIGIL_PANE_H

#include <sys/types.h>

#include "vigil/input.h"
#include "vigil/keys.h"
#include "vigil/vigil.h"

/*
 * Create a pane of sx by sy running command through /bin/sh -c, or the
 * shell if command is NULL. A program that cannot be executed still gets a
 * pane, showing why. Returns NULL with *cause only if no PTY or process
 * could be made at all.
 */
struct pane	*pane_create(struct session *, const char *, u_int, u_int,
		     char **);
/*
 * The same in two steps, to size a pane before its program starts: a pane
 * with no program, then its program (0, or -1 with *cause: destroy it).
 */
struct pane	*pane_new(struct session *, const char *, u_int, u_int);
int		 pane_start(struct pane *, char **);
/* Start a hibernated pane's relaunch command; 0 or -1 with *cause. */
int		 pane_relaunch(struct pane *, const char *, char **);
/* Hang up the program's process group and free the pane. */
void		 pane_destroy(struct pane *);
void		 pane_resize(struct pane *, u_int, u_int);
void		 pane_set_position(struct pane *, u_int, u_int);
void		 pane_set_history_limit(struct pane *);

void		 pane_key(struct pane *, struct key);
void		 pane_paste_start(struct pane *);
void		 pane_paste(struct pane *, const char *, size_t);
void		 pane_paste_end(struct pane *);
void		 pane_mouse(struct pane *, const struct input_mouse *);
void		 pane_focus(struct pane *, int);
/* Resume a suspended pane for input (why: "key", "paste"). */
void		 pane_wake(struct pane *, const char *);
/* Queue bytes for the program's input. */
void		 pane_write(struct pane *, const char *, size_t);

/* The process was reaped with this status: read what is left, mark it. */
void		 pane_exited(struct pane *, int);
int		 pane_is_dead(const struct pane *);
/* "exited 1", "killed by SIGKILL" (static buffer). */
const char	*pane_exit_string(const struct pane *);
int		 pane_exit_failed(const struct pane *);

struct pane	*pane_find_by_pid(pid_t);
struct pane	*pane_find_by_id(u_int);
struct panes	*pane_all(void);

#endif
