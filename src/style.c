/*
 * Styles: a colour pair and attributes, as written in options.
 *
 * "fg=white,bg=colour235,bold nounderscore": items are separated by commas
 * and/or blanks and apply left to right on top of the style given.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigil/colour.h"
#include "vigil/style.h"
#include "vigil/xmalloc.h"

/* The kinds of underline exclude each other: a terminal draws only one. */
#define STYLE_UNDERLINES (ATTR_UNDERLINE|ATTR_DUNDERLINE|ATTR_CURLY)

#define STYLE_SEPARATORS ", \t"

/* Attribute names; the first name of each attribute is the canonical one. */
static const struct {
	const char	*name;
	int		 attr;
} style_attrs[] = {
	{ "bold", ATTR_BOLD },
	{ "dim", ATTR_DIM },
	{ "italics", ATTR_ITALIC },
	{ "italic", ATTR_ITALIC },
	{ "underscore", ATTR_UNDERLINE },
	{ "underline", ATTR_UNDERLINE },
	{ "double-underscore", ATTR_DUNDERLINE },
	{ "curly-underscore", ATTR_CURLY },
	{ "blink", ATTR_BLINK },
	{ "reverse", ATTR_REVERSE },
	{ "strikethrough", ATTR_STRIKE },
	{ "hidden", ATTR_INVISIBLE },
	{ "invisible", ATTR_INVISIBLE }
};
#define STYLE_NATTRS (sizeof style_attrs / sizeof style_attrs[0])

/* The attribute bit of a name, or 0. */
static int
style_find_attr(const char *name)
{
	size_t	i;

	for (i = 0; i < STYLE_NATTRS; i++) {
		if (strcasecmp(name, style_attrs[i].name) == 0)
			return (style_attrs[i].attr);
	}
	return (0);
}

/* Apply "fg=COLOUR" or "bg=COLOUR"; the item is known to start so. */
static int
style_parse_colour(struct style *sy, const char *item, char **cause)
{
	int	colour;

	if (colour_from_string(item + 3, &colour) != 0) {
		xasprintf(cause, "bad colour '%s'", item + 3);
		return (-1);
	}
	if (item[0] == 'f' || item[0] == 'F')
		sy->fg = colour;
	else
		sy->bg = colour;
	return (0);
}

/* Apply one item of a style; keywords ignore case as colour names do. */
static int
style_parse_item(struct style *sy, const char *item, char **cause)
{
	int	attr;

	if (strcasecmp(item, "default") == 0)
		*sy = STYLE_DEFAULT;
	else if (strcasecmp(item, "none") == 0)
		sy->attrs = 0;
	else if (strncasecmp(item, "fg=", 3) == 0 ||
	    strncasecmp(item, "bg=", 3) == 0)
		return (style_parse_colour(sy, item, cause));
	else if ((attr = style_find_attr(item)) != 0) {
		if (attr & STYLE_UNDERLINES)
			sy->attrs &= ~STYLE_UNDERLINES;
		sy->attrs |= attr;
	} else if (strncasecmp(item, "no", 2) == 0 &&
	    (attr = style_find_attr(item + 2)) != 0)
		sy->attrs &= ~attr;
	else {
		xasprintf(cause, "unknown style item '%s'", item);
		return (-1);
	}
	return (0);
}

/*
 * Parse a style on top of the one given. The style is changed only if every
 * item is good; otherwise returns -1 with *cause naming the bad item.
 */
int
style_parse(struct style *sy, const char *in, char **cause)
{
	struct style	 new = *sy;
	char		*copy, *item, *next;
	int		 error = 0;

	copy = xstrdup(in);
	for (item = copy; error == 0; item = next) {
		item += strspn(item, STYLE_SEPARATORS);
		if (*item == '\0')
			break;
		next = item + strcspn(item, STYLE_SEPARATORS);
		if (*next != '\0')
			*next++ = '\0';
		error = style_parse_item(&new, item, cause);
	}
	free(copy);
	if (error != 0)
		return (-1);
	*sy = new;
	return (0);
}

/* Append one item to a style string being built. */
static void
style_append(char *buf, size_t len, const char *item)
{
	size_t	used = strlen(buf);

	snprintf(buf + used, len - used, "%s%s", used == 0 ? "" : ",", item);
}

/*
 * A style as it would be written back, in a static buffer: colours that are
 * not default, then attributes by canonical name, or "default" for none.
 * Parsed on top of STYLE_DEFAULT it gives the same style.
 */
const char *
style_to_string(const struct style *sy)
{
	static char	buf[256];
	char		item[32];
	int		done = 0;
	size_t		i;

	*buf = '\0';
	if (sy->fg != COLOUR_DEFAULT) {
		snprintf(item, sizeof item, "fg=%s", colour_to_string(sy->fg));
		style_append(buf, sizeof buf, item);
	}
	if (sy->bg != COLOUR_DEFAULT) {
		snprintf(item, sizeof item, "bg=%s", colour_to_string(sy->bg));
		style_append(buf, sizeof buf, item);
	}
	for (i = 0; i < STYLE_NATTRS; i++) {
		if ((sy->attrs & style_attrs[i].attr) &&
		    !(done & style_attrs[i].attr))
			style_append(buf, sizeof buf, style_attrs[i].name);
		done |= style_attrs[i].attr;
	}
	if (*buf == '\0')
		return ("default");
	return (buf);
}

/* Whether two styles draw the same. */
int
style_equal(const struct style *a, const struct style *b)
{
	return (a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs);
}
