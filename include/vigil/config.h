/* The config language: words, quotes, comments, and loading a file. */
#ifndef VIGIL_CONFIG_H
#define VIGIL_CONFIG_H

#include <sys/types.h>

struct config_word {
	char	*text;		/* unquoted, unescaped */
	u_int	 col;		/* 1-based byte column where it starts */
	int	 separator;	/* an unquoted ";" that ends a command */
};

struct config_words {
	struct config_word	*words;
	u_int			 n;
};

/*
 * Split one logical line into words: blanks separate; '...' is literal;
 * "..." knows \" \\ \n \t \e, \uXXXX and \UXXXXXXXX; an unquoted \ escapes
 * the next character; # at the start of a word starts a comment; an
 * unquoted ";" ending a word is a separator word of its own (a quoted or
 * escaped one is an ordinary word, so "bind x a \; b" binds two commands).
 * Returns 0, or -1 with *cause set and *errcol the byte column at fault.
 */
int		 config_split(const char *, struct config_words *, u_int *,
		     char **);
void		 config_words_free(struct config_words *);
/*
 * A word as the config language reads it back: bare if it can be, else in
 * single quotes, else in double quotes with escapes (xmalloc'd).
 */
char		*config_quote(const char *);

/*
 * Load and run a config file. Errors are "FILE:LINE:COL: message".
 * Returns 0, or -1 with *cause set; nothing after the error runs.
 */
int		 config_load(const char *, char **);
/* The default config path if such a file exists, else NULL (xmalloc'd). */
char		*config_default_path(void);

#endif
