/*
 * The config language: words, quotes, comments, and loading a file.
 *
 * A line is split into words much as a shell would, with fewer rules: no
 * variables, no globs. Every word keeps the column it started at so errors
 * can point at it as FILE:LINE:COL.
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vigil/cmd.h"
#include "vigil/config.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

/* The state of splitting one line: where we are and the word so far. */
struct config_lexer {
	const char	*line;
	size_t		 off;		/* byte offset of the next character */
	char		*buf;		/* the word being built */
	size_t		 len;
	size_t		 size;
	int		 semi;		/* last character was an unquoted ';' */
	u_int		 errcol;
	char		*cause;
};

/* Whether a character separates words. */
static int
config_blank(char ch)
{
	return (ch != '\0' && strchr(" \t\r\n\v\f", ch) != NULL);
}

/* Append bytes to the word being built. */
static void
config_append(struct config_lexer *lx, const char *s, size_t n)
{
	if (lx->len + n + 1 > lx->size) {
		lx->size = (lx->len + n + 1) * 2;
		lx->buf = xrealloc(lx->buf, lx->size);
	}
	memcpy(lx->buf + lx->len, s, n);
	lx->len += n;
	lx->buf[lx->len] = '\0';
}

/* Record an error at a byte offset of the line. */
static int __attribute__((format(printf, 3, 4)))
config_error(struct config_lexer *lx, size_t off, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	xvasprintf(&lx->cause, fmt, ap);
	va_end(ap);
	lx->errcol = off + 1;
	return (-1);
}

/*
 * Read the digits of \uXXXX or \UXXXXXXXX (the backslash is at lx->off)
 * and append the character. NUL, surrogates and anything past U+10FFFF
 * are errors: none of them can be a character in a UTF-8 string.
 */
static int
config_unicode(struct config_lexer *lx, u_int digits)
{
	const char	*s = lx->line + lx->off + 2;
	uint32_t	 cp = 0;
	u_int		 i;
	char		 out[4];

	for (i = 0; i < digits; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			cp = (cp << 4) | (s[i] - '0');
		else if (s[i] >= 'a' && s[i] <= 'f')
			cp = (cp << 4) | (s[i] - 'a' + 10);
		else if (s[i] >= 'A' && s[i] <= 'F')
			cp = (cp << 4) | (s[i] - 'A' + 10);
		else {
			return (config_error(lx, lx->off, digits == 4 ?
			    "\\u needs 4 hex digits" :
			    "\\U needs 8 hex digits"));
		}
	}
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
		return (config_error(lx, lx->off, "invalid code point U+%04X",
		    (u_int)cp));
	}
	config_append(lx, out, utf8_encode(cp, out));
	lx->off += 2 + digits;
	return (0);
}

/* Handle a backslash inside double quotes (at lx->off). */
static int
config_escape(struct config_lexer *lx)
{
	char	ch = lx->line[lx->off + 1];

	switch (ch) {
	case '\0':
		return (config_error(lx, lx->off, "trailing backslash"));
	case 'u':
		return (config_unicode(lx, 4));
	case 'U':
		return (config_unicode(lx, 8));
	case 'n':
		ch = '\n';
		break;
	case 't':
		ch = '\t';
		break;
	case 'e':
		ch = '\033';
		break;
	case '"':
	case '\\':
		break;
	default:
		if (ch < '!' || ch > '~')
			return (config_error(lx, lx->off, "unknown escape"));
		return (config_error(lx, lx->off, "unknown escape '\\%c'", ch));
	}
	config_append(lx, &ch, 1);
	lx->off += 2;
	return (0);
}

/* Read a double-quoted part of a word; the quote is at lx->off. */
static int
config_double(struct config_lexer *lx)
{
	size_t	quote = lx->off++;
	char	ch;

	while ((ch = lx->line[lx->off]) != '"') {
		if (ch == '\0')
			return (config_error(lx, quote, "unterminated quote"));
		if (ch == '\\') {
			if (config_escape(lx) != 0)
				return (-1);
			continue;
		}
		config_append(lx, &ch, 1);
		lx->off++;
	}
	lx->off++;
	return (0);
}

/* Read a single-quoted part of a word, all literal; the quote is at lx->off. */
static int
config_single(struct config_lexer *lx)
{
	const char	*start = lx->line + lx->off + 1, *end;

	if ((end = strchr(start, '\'')) == NULL)
		return (config_error(lx, lx->off, "unterminated quote"));
	config_append(lx, start, end - start);
	lx->off = end + 1 - lx->line;
	return (0);
}

/* Read one word from lx->off up to a blank or the end of the line. */
static int
config_word(struct config_lexer *lx)
{
	char	ch;
	int	error = 0;

	lx->len = 0;
	config_append(lx, "", 0);
	while (error == 0 && (ch = lx->line[lx->off]) != '\0' &&
	    !config_blank(ch)) {
		lx->semi = 0;
		if (ch == '\'')
			error = config_single(lx);
		else if (ch == '"')
			error = config_double(lx);
		else if (ch == '\\') {
			ch = lx->line[lx->off + 1];
			if (ch == '\0') {
				return (config_error(lx, lx->off,
				    "trailing backslash"));
			}
			config_append(lx, &ch, 1);
			lx->off += 2;
		} else {
			config_append(lx, &ch, 1);
			lx->semi = (ch == ';');
			lx->off++;
		}
	}
	return (error);
}

/* Add a word to the list. */
static void
config_push(struct config_words *cw, const char *text, size_t len, size_t off,
    int separator)
{
	cw->words = xreallocarray(cw->words, cw->n + 1, sizeof *cw->words);
	cw->words[cw->n].text = xstrndup(text, len);
	cw->words[cw->n].col = off + 1;
	cw->words[cw->n].separator = separator;
	cw->n++;
}

/*
 * Split one logical line into words. A '#' at the start of a word begins a
 * comment; one inside a word ("fg=#ff0000") does not. An unquoted ';' that
 * ends a word becomes a word of its own, so "kill-pane;" is two words.
 * Returns 0, or -1 with *cause (xmalloc'd) and *errcol set and no words.
 */
int
config_split(const char *line, struct config_words *cw, u_int *errcol,
    char **cause)
{
	struct config_lexer	lx;
	size_t			start;

	memset(&lx, 0, sizeof lx);
	lx.line = line;
	cw->words = NULL;
	cw->n = 0;
	for (;;) {
		while (config_blank(line[lx.off]))
			lx.off++;
		if (line[lx.off] == '\0' || line[lx.off] == '#')
			break;
		start = lx.off;
		if (config_word(&lx) != 0) {
			free(lx.buf);
			config_words_free(cw);
			*errcol = lx.errcol;
			*cause = lx.cause;
			return (-1);
		}
		if (lx.semi && lx.len > 1) {
			config_push(cw, lx.buf, lx.len - 1, start, 0);
			config_push(cw, ";", 1, lx.off - 1, 1);
		} else
			config_push(cw, lx.buf, lx.len, start, lx.semi);
	}
	free(lx.buf);
	return (0);
}

/* Free the words of a line; the list is left empty and can be reused. */
void
config_words_free(struct config_words *cw)
{
	u_int	i;

	for (i = 0; i < cw->n; i++)
		free(cw->words[i].text);
	free(cw->words);
	cw->words = NULL;
	cw->n = 0;
}

/*
 * Does a word need quotes, and can single quotes hold it? A '#' only
 * starts a comment at the start of a word, a ';' only ends a command at
 * its end.
 */
static int
config_quote_kind(const char *word, int *single)
{
	const u_char	*s = (const u_char *)word;
	size_t		 len = strlen(word);
	int		 quote;

	quote = (len == 0 || word[0] == '#' || word[len - 1] == ';');
	*single = 1;
	for (; *s != '\0'; s++) {
		if (*s < 0x20 || *s == 0x7f)
			*single = 0;
		if (*s <= 0x20 || *s == 0x7f || strchr("'\"\\", *s) != NULL)
			quote = 1;
		if (*s == '\'')
			*single = 0;
	}
	return (quote);
}

char *
config_quote(const char *word)
{
	const u_char	*s;
	char		*out, *at;
	int		 single;

	if (!config_quote_kind(word, &single))
		return (xstrdup(word));
	if (single) {
		xasprintf(&out, "'%s'", word);
		return (out);
	}
	at = out = xmalloc(strlen(word) * 6 + 3);
	*at++ = '"';
	for (s = (const u_char *)word; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			*at++ = '\\';
			*at++ = *s;
		} else if (*s == '\n')
			at += sprintf(at, "\\n");
		else if (*s == '\t')
			at += sprintf(at, "\\t");
		else if (*s == '\033')
			at += sprintf(at, "\\e");
		else if (*s < 0x20 || *s == 0x7f)
			at += sprintf(at, "\\u%04X", *s);
		else
			*at++ = *s;
	}
	*at++ = '"';
	*at = '\0';
	return (out);
}

/* A path under a directory, or NULL if it is unset or not absolute. */
static char *
config_path(const char *dir, const char *file)
{
	char	*path;

	if (dir == NULL || *dir != '/')
		return (NULL);
	xasprintf(&path, "%s/%s", dir, file);
	return (path);
}

/*
 * The first config file that exists: $XDG_CONFIG_HOME/vigil/vigil.conf
 * ($HOME/.config if unset), then $HOME/.vigil.conf. As the XDG spec says,
 * relative directories are ignored. NULL if there is none (xmalloc'd).
 */
char *
config_default_path(void)
{
	const char	*home, *xdg;
	char		*paths[2];
	int		 i, found = -1;

	home = getenv("HOME");
	xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && *xdg == '/')
		paths[0] = config_path(xdg, "vigil/vigil.conf");
	else
		paths[0] = config_path(home, ".config/vigil/vigil.conf");
	paths[1] = config_path(home, ".vigil.conf");

	for (i = 0; i < 2 && found == -1; i++) {
		if (paths[i] != NULL && access(paths[i], F_OK) == 0)
			found = i;
	}
	for (i = 0; i < 2; i++) {
		if (i != found)
			free(paths[i]);
	}
	return (found == -1 ? NULL : paths[found]);
}

/* Does a line end in an odd number of backslashes (so it continues)? */
static int
config_continues(const char *line, size_t len)
{
	size_t	n = 0;

	while (n < len && line[len - 1 - n] == '\\')
		n++;
	return (n % 2 == 1);
}

/* Read one logical line, joining continuations; NULL at end of file. */
static char *
config_read_line(FILE *f, u_int *lineno, u_int *first)
{
	char	*line = NULL, *joined = NULL;
	size_t	 size = 0, len, total = 0;
	ssize_t	 n;

	*first = *lineno + 1;
	while ((n = getline(&line, &size, f)) != -1) {
		(*lineno)++;
		len = n;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		joined = xrealloc(joined, total + len + 1);
		memcpy(joined + total, line, len);
		total += len;
		joined[total] = '\0';
		if (!config_continues(joined, total))
			break;
		joined[--total] = '\0';
	}
	free(line);
	if (joined == NULL && n == -1)
		return (NULL);
	return (joined);
}

/* Parse and run one logical line; on error set *cause with its column. */
static int
config_run_line(const char *line, u_int *col, char **cause)
{
	struct config_words	 cw;
	struct cmd_list		*cl;
	struct cmd_ctx		 ctx;
	char			**argv;
	u_int			 i, err = 0;
	int			 retval = 0, *seps;

	if (config_split(line, &cw, col, cause) != 0)
		return (-1);
	if (cw.n == 0) {
		config_words_free(&cw);
		return (0);
	}
	argv = xcalloc(cw.n + 1, sizeof *argv);
	seps = xcalloc(cw.n + 1, sizeof *seps);
	for (i = 0; i < cw.n; i++) {
		argv[i] = cw.words[i].text;
		seps[i] = cw.words[i].separator;
	}
	if ((cl = cmd_list_parse(cw.n, argv, seps, &err, cause)) == NULL) {
		*col = cw.words[err < cw.n ? err : cw.n - 1].col;
		retval = -1;
	} else {
		memset(&ctx, 0, sizeof ctx);
		if (cmd_list_exec(cl, &ctx) != CMD_RETURN_NORMAL) {
			i = ctx.error_word >= 0 && (u_int)ctx.error_word <
			    cw.n ? (u_int)ctx.error_word : 0;
			*col = cw.words[i].col;
			*cause = ctx.error != NULL ? ctx.error :
			    xstrdup("command failed");
			ctx.error = NULL;
			retval = -1;
		}
		cmd_ctx_free(&ctx);
		cmd_list_free(cl);
	}
	free(argv);
	free(seps);
	config_words_free(&cw);
	return (retval);
}

int
config_load(const char *path, char **cause)
{
	FILE	*f;
	char	*line, *why;
	u_int	 lineno = 0, first, col = 1;
	int	 retval = 0;

	if ((f = fopen(path, "re")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while ((line = config_read_line(f, &lineno, &first)) != NULL) {
		if (config_run_line(line, &col, &why) != 0) {
			xasprintf(cause, "%s:%u:%u: %s", path, first, col, why);
			free(why);
			free(line);
			retval = -1;
			break;
		}
		free(line);
	}
	if (retval == 0 && ferror(f)) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		retval = -1;
	}
	fclose(f);
	return (retval);
}
