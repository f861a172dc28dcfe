/* Commands: the table, parsing words into commands, running them. */
#ifndef VIGIL_CMD_H
#define VIGIL_CMD_H

#include <sys/types.h>

struct args;
struct client;
struct peer;
struct session;
struct pane;

/*
 * What a command's exec returns. CMD_RETURN_WAIT (only for a vigil command
 * from the shell) keeps the peer open with no answer: the command has
 * called peer_wait and finishes it later with peer_output and peer_exit.
 */
enum cmd_retval {
	CMD_RETURN_NORMAL = 0,
	CMD_RETURN_ERROR = -1,
	CMD_RETURN_WAIT = 1
};

/*
 * Where a command runs: an attached client and its session, a vigil
 * command from the shell (peer), or the config file (neither).
 */
struct cmd_ctx {
	struct client	*client;
	struct peer	*peer;
	struct session	*session;
	struct pane	*pane;
	char		*error;		/* set by cmd_error */
	int		 error_word;	/* word at fault in the command, or -1 */
	char		*output;	/* what cmd_print printed */
	size_t		 output_len;
};

struct cmd;

struct cmd_entry {
	const char	*name;
	const char	*alias;
	const char	*args_template;
	int		 args_lower;
	int		 args_upper;
	const char	*usage;
	/* Long flags as "name=letter,...": "--json" is taken as "-J". */
	const char	*long_flags;
	int		 flags;
#define CMD_NEEDS_SESSION 0x1	/* not from the config file */
#define CMD_LAST	0x2	/* may wait: only the last of its list */
	enum cmd_retval	 (*exec)(struct cmd *, struct cmd_ctx *);
};

struct cmd {
	const struct cmd_entry	*entry;
	struct args		*args;
	u_int			 word;	/* index of its name in the parsed words */
};

struct cmd_list {
	struct cmd	**cmds;
	u_int		  ncmds;
	int		  references;
};

extern const struct cmd_entry *const cmd_table[];

const struct cmd_entry	*cmd_find(const char *, char **);
/*
 * Parse words into a list of commands separated by ";" words: those with
 * separators[i] set, or every ";" word if separators is NULL. On error
 * returns NULL with *cause set and *errarg the index of the word at fault.
 */
struct cmd_list		*cmd_list_parse(int, char **, const int *, u_int *,
			     char **);
/* Parse a command line as typed at the prompt or given to bind. */
struct cmd_list		*cmd_list_parse_string(const char *, char **);
void			 cmd_list_ref(struct cmd_list *);
void			 cmd_list_free(struct cmd_list *);
char			*cmd_list_print(const struct cmd_list *);
enum cmd_retval		 cmd_list_exec(struct cmd_list *, struct cmd_ctx *);
struct args		*cmd_get_args(struct cmd *);

/* Print a line of output for whoever ran the command. */
void			 cmd_print(struct cmd_ctx *, const char *, ...)
			     __attribute__((format(printf, 2, 3)));
/* Give the output to the client as an overlay; free the context's strings. */
void			 cmd_ctx_done(struct cmd_ctx *);
void			 cmd_ctx_free(struct cmd_ctx *);
void			 cmd_error(struct cmd_ctx *, const char *, ...)
			     __attribute__((format(printf, 2, 3)));
/* An error about one word of the command (index in its own words). */
void			 cmd_error_word(struct cmd_ctx *, struct cmd *, u_int,
			     const char *, ...)
			     __attribute__((format(printf, 4, 5)));
/*
 * The pane a target names: NULL for the context's pane, "N" an index,
 * "%N" a pane id, "next", "prev" or "last", each optionally after
 * "SESSION:"; a bare session name means its active pane. NULL with an
 * error set if none.
 */
struct pane		*cmd_find_pane(struct cmd_ctx *, const char *);
/*
 * The session a target names ("name", "name:pane" or "%N"; NULL for the
 * context's). NULL with an error set if none.
 */
struct session		*cmd_find_session(struct cmd_ctx *, const char *);
/* Index in the command's words of positional argument n. */
u_int			 cmd_word_of_arg(struct cmd *, int);
/* Index in the command's words of a flag's value (the last one given). */
u_int			 cmd_word_of_flag(struct cmd *, u_char);

#endif
