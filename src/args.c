/* Command arguments: getopt-style flags and positional words. */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/args.h"
#include "vigil/xmalloc.h"

/* Does the template take flag ch, and does it take a value? */
static int
args_template_find(const char *template, u_char ch, int *takes_value)
{
	const char	*found;

	if (ch == ':' || (found = strchr(template, ch)) == NULL)
		return (0);
	*takes_value = (found[1] == ':');
	return (1);
}

/* Parse one word of flags like "-hv" or "-t target" starting at argv[*i]. */
static int
args_parse_flags(struct args *args, const char *template, int argc,
    char **argv, int *i, char **cause)
{
	const char	*word = argv[*i];
	u_char		 ch;
	int		 takes;

	while ((ch = *++word) != '\0') {
		if (ch >= 128 || !args_template_find(template, ch, &takes)) {
			xasprintf(cause, "unknown flag -%c", ch >= 128 ? '?' :
			    ch);
			return (-1);
		}
		if (args->flags[ch] < 127)
			args->flags[ch]++;
		if (!takes)
			continue;
		free(args->values[ch]);
		if (word[1] != '\0') {
			args->values[ch] = xstrdup(word + 1);
			args->value_index[ch] = *i;
		} else if (*i + 1 < argc) {
			(*i)++;
			args->values[ch] = xstrdup(argv[*i]);
			args->value_index[ch] = *i;
		} else {
			args->values[ch] = NULL;
			xasprintf(cause, "-%c needs a value", ch);
			return (-1);
		}
		break;
	}
	return (0);
}

struct args *
args_parse(const char *template, int lower, int upper, int argc, char **argv,
    u_int *errarg, char **cause)
{
	struct args	*args;
	int		 i, n;

	args = xcalloc(1, sizeof *args);
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (args_parse_flags(args, template, argc, argv, &i,
		    cause) != 0) {
			*errarg = i;
			args_free(args);
			return (NULL);
		}
	}

	n = argc - i;
	if (n < lower || (upper >= 0 && n > upper)) {
		*errarg = n < lower ? (u_int)(argc - 1) : (u_int)(i + upper);
		xasprintf(cause, n < lower ? "too few arguments" :
		    "too many arguments");
		args_free(args);
		return (NULL);
	}
	args->argc = n;
	args->argv = xcalloc(n + 1, sizeof *args->argv);
	for (int j = 0; j < n; j++)
		args->argv[j] = xstrdup(argv[i + j]);
	args->argv_index = i;
	return (args);
}

void
args_free(struct args *args)
{
	int	i;

	if (args == NULL)
		return;
	for (i = 0; i < 128; i++)
		free(args->values[i]);
	for (i = 0; i < args->argc; i++)
		free(args->argv[i]);
	free(args->argv);
	free(args);
}

int
args_has(const struct args *args, u_char ch)
{
	return (ch < 128 ? args->flags[ch] : 0);
}

const char *
args_get(const struct args *args, u_char ch)
{
	return (ch < 128 ? args->values[ch] : NULL);
}

long long
args_number(const struct args *args, u_char ch, long long min, long long max,
    char **cause)
{
	const char	*value = args_get(args, ch);
	char		*end;
	long long	 n;

	if (value == NULL) {
		xasprintf(cause, "-%c needs a value", ch);
		return (-1);
	}
	errno = 0;
	n = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || n < min ||
	    n > max) {
		xasprintf(cause, "-%c must be a number from %lld to %lld", ch,
		    min, max);
		return (-1);
	}
	return (n);
}

/* Quote a word for printing if it has blanks or specials. */
static void
args_print_word(char **buf, size_t *len, const char *word)
{
	size_t	n = strlen(word), i;
	int	quote = (n == 0 || strpbrk(word, " \t'\"\\#;") != NULL);

	*buf = xrealloc(*buf, *len + n * 2 + 4);
	if (*len != 0)
		(*buf)[(*len)++] = ' ';
	if (quote)
		(*buf)[(*len)++] = '"';
	for (i = 0; i < n; i++) {
		if (quote && (word[i] == '"' || word[i] == '\\'))
			(*buf)[(*len)++] = '\\';
		(*buf)[(*len)++] = word[i];
	}
	if (quote)
		(*buf)[(*len)++] = '"';
	(*buf)[*len] = '\0';
}

char *
args_print(const struct args *args)
{
	char	*buf = xstrdup(""), flag[3];
	size_t	 len = 0;
	int	 ch, i;

	for (ch = 0; ch < 128; ch++) {
		if (!args->flags[ch])
			continue;
		flag[0] = '-';
		flag[1] = ch;
		flag[2] = '\0';
		args_print_word(&buf, &len, flag);
		if (args->values[ch] != NULL)
			args_print_word(&buf, &len, args->values[ch]);
	}
	for (i = 0; i < args->argc; i++)
		args_print_word(&buf, &len, args->argv[i]);
	return (buf);
}
