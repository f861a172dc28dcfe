/*
 * A private server for each end-to-end test: a directory of its own used
 * as HOME, XDG_RUNTIME_DIR and XDG_STATE_HOME's parent and as the home of
 * an explicit socket (-S), and a way to run vigil against it.
 */
#ifndef CHECK_SRV_H
#define CHECK_SRV_H

#include <sys/types.h>

#define SRV_WAIT	10000	/* ms a vigil command may take */
#define SRV_MAX_ARGS	32

extern char	srv_dir[64];		/* /tmp/vigil-TAG-RUNNERPID-XXXXXX */
extern char	srv_sock[128];		/* srv_dir/sock */
extern char	srv_home_env[128];	/* HOME=srv_dir */

/* Make the test's directory (in a checked fixture). */
void	 srv_make(const char *);
/* Kill every process with the test's HOME and remove its directory. */
void	 srv_remove(void);
/*
 * In the runner after a case (an unchecked fixture): a failed test exits
 * without its teardown, so kill what it left and remove its directory.
 */
void	 srv_sweep(const char *);
/* The environment every vigil of the test gets; extra first, if any. */
char	**srv_env(const char *);
/*
 * Run vigil (with -S srv_sock unless nosock) and the NULL-terminated args
 * without a terminal; returns its exit status with stdout and stderr
 * together in *out.
 */
int	 srv_runv(char **, const char *, int, const char *const *);
/* The same with the args as a NULL-terminated list. */
int	 srv_run(char **, const char *, ...);
/* Run a vigil command that must succeed; returns its output (free it). */
char	*srv_ok(const char *, ...);

/* A path inside the test's directory; static, so copy to keep two. */
const char *srv_path(const char *);
/* A file of the test's directory, whole (free it); aborts if absent. */
char	*srv_read(const char *);
/* Write a file in the test's directory. */
void	 srv_write(const char *, const char *);
void	 srv_sleep(int);
/* A millisecond clock for the test's own loops. */
long long srv_now(void);
/* A client attached to a session in a rows x cols terminal. */
struct h_term *srv_attach(int, int, const char *);

/* A process as the test sees it in /proc. */
struct srv_proc {
	pid_t	pid;
	pid_t	ppid;
	char	state;
};

/* Read a process's state and parent from its stat; -1 if it has gone. */
int	 srv_stat(pid_t, struct srv_proc *);
/* Fail unless text is one JSON value; what says where it came from. */
void	 srv_assert_json(const char *, const char *);

/* The list-panes --json object of a session's first pane (free it). */
char	*srv_pane(const char *);
/* The number after "field": in JSON text; -1 if it is not there. */
double	 srv_num(const char *, const char *);
/* The pid of a session's first pane. */
pid_t	 srv_pane_pid(const char *);
/* Is a list-panes field of a session's first pane set (not null)? */
int	 srv_pane_is(const char *, const char *);
/* Wait (ms, scaled) until it is set (on) or null. */
void	 srv_wait_pane_is(const char *, const char *, int, int);
/* A field of /proc/PID/status as a number; -1 if the process has gone. */
long	 srv_proc_status(pid_t, const char *);

/* Every process now in /proc. */
int	 srv_procs(struct srv_proc *, int);
/* A process and all its live descendants, found here from /proc. */
int	 srv_tree(pid_t, pid_t *, int);

#endif
