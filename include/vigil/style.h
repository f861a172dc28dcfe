/* Styles: a colour pair and attributes, as written in options. */
#ifndef VIGIL_STYLE_H
#define VIGIL_STYLE_H

#define ATTR_BOLD	0x001
#define ATTR_DIM	0x002
#define ATTR_ITALIC	0x004
#define ATTR_UNDERLINE	0x008
#define ATTR_BLINK	0x010
#define ATTR_REVERSE	0x020
#define ATTR_STRIKE	0x040
#define ATTR_INVISIBLE	0x080
#define ATTR_DUNDERLINE	0x100	/* double underline */
#define ATTR_CURLY	0x200	/* curly underline */

struct style {
	int	fg;
	int	bg;
	int	attrs;
};

#define STYLE_DEFAULT ((struct style){ -1, -1, 0 })

/*
 * Parse "fg=white,bg=colour235,bold,dim,italic,underscore,reverse,
 * strikethrough,blink,none,default" (comma or space separated) on top of
 * the style given. Returns 0, or -1 with *cause set.
 */
int		 style_parse(struct style *, const char *, char **);
/* A style as it would be written back, in a static buffer. */
const char	*style_to_string(const struct style *);
int		 style_equal(const struct style *, const struct style *);

#endif
