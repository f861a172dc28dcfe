/*
 * libFuzzer harness for the config parsers: config_split (and
 * config_quote back), style_parse, colour_from_string, parse_duration and
 * options_set on every option.
 * Besides not crashing, whatever parses must print back to a string that
 * parses to the same thing.
 *
 * clang -fsanitize=fuzzer,address,undefined -DHAVE_CONFIG_H -I. -Iinclude \
 *     src/colour.c src/style.c src/options.c src/config.c src/keys.c \
 *     src/xmalloc.c src/log.c tests/fuzz/fuzz_config.c -o fuzz_config
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/colour.h"
#include "vigil/cmd.h"
#include "vigil/config.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/style.h"
#include "vigil/xmalloc.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
void	cmd_list_free(struct cmd_list *);

/*
 * keys.c frees the commands of its bindings, so it needs cmd_list_free;
 * nothing here binds a key, and linking the whole command module would pull
 * in the server. A weak no-op keeps the link small; a real one wins.
 */
__attribute__((weak)) void
cmd_list_free(struct cmd_list *cmdlist)
{
	(void)cmdlist;
}

/* Quote a word; it must split back into itself alone. */
static void
fuzz_quote(const char *word)
{
	struct config_words	 cw;
	char			*quoted, *cause;
	u_int			 errcol;

	quoted = config_quote(word);
	if (config_split(quoted, &cw, &errcol, &cause) != 0)
		fatalx("quoted '%s' does not split: %s", quoted, cause);
	if (cw.n != 1 || strcmp(cw.words[0].text, word) != 0)
		fatalx("quoted '%s' splits into %u words", quoted, cw.n);
	config_words_free(&cw);
	free(quoted);
}

/*
 * Split a line; the words and columns must stay inside the line, and
 * each word must quote back.
 */
static void
fuzz_split(const char *s)
{
	struct config_words	 cw;
	char			*cause;
	u_int			 errcol, i;

	if (config_split(s, &cw, &errcol, &cause) != 0) {
		if (errcol == 0 || errcol > strlen(s) + 1)
			fatalx("error column %u outside the line", errcol);
		free(cause);
		return;
	}
	for (i = 0; i < cw.n; i++) {
		if (cw.words[i].col == 0 || cw.words[i].col > strlen(s))
			fatalx("word column %u outside the line",
			    cw.words[i].col);
		fuzz_quote(cw.words[i].text);
	}
	fuzz_quote(s);
	config_words_free(&cw);
}

/* Parse a style and a colour; both must survive a round trip. */
static void
fuzz_style(const char *s)
{
	struct style	 sy = STYLE_DEFAULT, back = STYLE_DEFAULT;
	char		*cause;
	int		 colour, again;

	if (style_parse(&sy, s, &cause) != 0)
		free(cause);
	else {
		if (style_parse(&back, style_to_string(&sy), &cause) != 0)
			fatalx("style '%s' does not read back", s);
		if (!style_equal(&sy, &back))
			fatalx("style '%s' changes on a round trip", s);
	}
	if (colour_from_string(s, &colour) == 0) {
		if (colour_from_string(colour_to_string(colour), &again) != 0 ||
		    again != colour)
			fatalx("colour '%s' changes on a round trip", s);
	}
}

/* Set every option to the input; what sets must print and set again. */
static void
fuzz_options(const char *s)
{
	char		*cause, *out, *again;
	long long	 ms;
	int		 id;

	if (parse_duration(s, &ms, &cause) != 0)
		free(cause);
	for (id = 0; id < OPTION_COUNT; id++) {
		if (options_set(id, s, &cause) != 0) {
			free(cause);
			continue;
		}
		out = options_to_string(id);
		if (options_set(id, out, &cause) != 0)
			fatalx("%s: '%s' does not read back: %s",
			    options_def(id)->name, out, cause);
		again = options_to_string(id);
		if (strcmp(out, again) != 0)
			fatalx("%s: '%s' reads back as '%s'",
			    options_def(id)->name, out, again);
		free(again);
		free(out);
		options_reset(id);
	}
}

/* Options need their defaults before the first input. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	options_init();
	return (0);
}

/* Feed one NUL-terminated input to every parser. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';

	fuzz_split(s);
	fuzz_style(s);
	fuzz_options(s);

	free(s);
	return (0);
}
