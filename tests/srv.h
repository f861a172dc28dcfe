/*
 * A private server for each end-to-end test: a directory of its own used
 * as HOME, XDG_RUNTIME_DIR and XDG_STATE_HOME's parent and as the home of
 * an explicit socket (-S), and a way to run vigil against it.
 */
#ifndef CHECK_SRV_H
#define CHECK_SRV_H

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

#endif
