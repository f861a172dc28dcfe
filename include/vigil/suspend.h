/*
 * Suspend and resume a pane's whole process tree: with the cgroup v2
 * freezer when the pane has its own cgroup, else the v1 freezer, else
 * SIGSTOP and SIGCONT in an order no shell can see.
 */
#ifndef VIGIL_SUSPEND_H
#define VIGIL_SUSPEND_H

#include <sys/types.h>

#include <stdint.h>

#include "vigil/vigil.h"

enum suspend_method {
	SUSPEND_CGROUP,		/* cgroup v2: cgroup.freeze */
	SUSPEND_FREEZER,	/* cgroup v1: freezer.state */
	SUSPEND_SIGNALS		/* SIGSTOP by pidfd, parents first */
};

/* What the suspend-method option asks for. */
enum { SUSPEND_METHOD_AUTO, SUSPEND_METHOD_CGROUP, SUSPEND_METHOD_FREEZER,
	SUSPEND_METHOD_SIGNALS };

/*
 * Before a pane is forked: give it a cgroup if the method allows. Returns
 * an fd the child joins the cgroup through (suspend_child_join), or -1.
 */
int		 suspend_pane_prepare(struct pane *);
/* In the child, before exec: enter the pane's cgroup. */
void		 suspend_child_join(int);
/* After the fork (pid -1 if it failed), in the server. */
void		 suspend_pane_spawned(struct pane *, int, pid_t);

/*
 * Stop every process of the pane's tree. why is logged ("command", "idle
 * 30m"). Returns 0, or -1 with *cause.
 */
int		 suspend_pane(struct pane *, const char *, char **);
/* Let the tree run again; 0, or -1 if it was not suspended. */
int		 suspend_resume(struct pane *, const char *);
int		 suspend_is_suspended(const struct pane *);
/* When it was suspended (ms, monotonic), and how; 0 if it is not. */
uint64_t	 suspend_since(const struct pane *);
const char	*suspend_method_name(const struct pane *);
/* The pane's cgroup directory, or NULL. */
const char	*suspend_cgroup(const struct pane *);

/*
 * End a pane's tree (SIGTERM, SIGKILL after a grace period) and keep the
 * pane with its screen, to be relaunched by a key as command in the
 * directory of process where (else of the pane's process). Returns 0, or
 * -1 with *cause.
 */
int		 suspend_hibernate(struct pane *, const char *, pid_t,
		     const char *, char **);
/* Memory pressure: the share of time in the last 10 s that some task
 * waited for memory (PSI "some avg10"), from a pressure file; -1 if none. */
double		 suspend_pressure(const char *);
double		 suspend_parse_pressure(const char *);

/* The pane's process exited: let whatever it left run, to be hung up. */
void		 suspend_pane_exited(struct pane *);
/* The pane is freed: resume it and remove its cgroup. */
void		 suspend_pane_free(struct pane *);
/*
 * Once per turn of the server loop: a pane that has just become the active
 * pane of an attached client is resumed.
 */
void		 suspend_focus_pass(void);
/* Remove what is left of our cgroups (the server is exiting). */
void		 suspend_done(void);

#endif
