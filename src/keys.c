/* Keys: names and their normal form, key tables and bindings. */

#include "config.h"

#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vigil/cmd.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

#define KEYC_MODS	(KEYC_SHIFT|KEYC_ALT|KEYC_CTRL)

/*
 * Key names, canonical name first for each key; the rest are aliases
 * accepted on input only. F1 to F20 are built rather than listed.
 */
static const struct {
	const char	*name;
	key_code	 code;
	int		 mods;
} key_names[] = {
	{ "Up",		KEYC_UP,	0 },
	{ "Down",	KEYC_DOWN,	0 },
	{ "Left",	KEYC_LEFT,	0 },
	{ "Right",	KEYC_RIGHT,	0 },
	{ "Home",	KEYC_HOME,	0 },
	{ "End",	KEYC_END,	0 },
	{ "Insert",	KEYC_INSERT,	0 },
	{ "IC",		KEYC_INSERT,	0 },
	{ "Delete",	KEYC_DELETE,	0 },
	{ "DC",		KEYC_DELETE,	0 },
	{ "PageUp",	KEYC_PAGEUP,	0 },
	{ "PgUp",	KEYC_PAGEUP,	0 },
	{ "PPage",	KEYC_PAGEUP,	0 },
	{ "PageDown",	KEYC_PAGEDOWN,	0 },
	{ "PgDn",	KEYC_PAGEDOWN,	0 },
	{ "NPage",	KEYC_PAGEDOWN,	0 },
	{ "Enter",	KEYC_ENTER,	0 },
	{ "Return",	KEYC_ENTER,	0 },
	{ "Tab",	KEYC_TAB,	0 },
	{ "BTab",	KEYC_TAB,	KEYC_SHIFT },
	{ "BSpace",	KEYC_BACKSPACE,	0 },
	{ "Backspace",	KEYC_BACKSPACE,	0 },
	{ "Escape",	KEYC_ESCAPE,	0 },
	{ "Esc",	KEYC_ESCAPE,	0 },
	{ "Space",	' ',		0 },
	{ "KP0",	KEYC_KP_0,	0 },
	{ "KP1",	KEYC_KP_0 + 1,	0 },
	{ "KP2",	KEYC_KP_0 + 2,	0 },
	{ "KP3",	KEYC_KP_0 + 3,	0 },
	{ "KP4",	KEYC_KP_0 + 4,	0 },
	{ "KP5",	KEYC_KP_0 + 5,	0 },
	{ "KP6",	KEYC_KP_0 + 6,	0 },
	{ "KP7",	KEYC_KP_0 + 7,	0 },
	{ "KP8",	KEYC_KP_0 + 8,	0 },
	{ "KP9",	KEYC_KP_0 + 9,	0 },
	{ "KP*",	KEYC_KP_MULT,	0 },
	{ "KP+",	KEYC_KP_PLUS,	0 },
	{ "KP,",	KEYC_KP_COMMA,	0 },
	{ "KP-",	KEYC_KP_MINUS,	0 },
	{ "KP.",	KEYC_KP_PERIOD,	0 },
	{ "KP/",	KEYC_KP_DIVIDE,	0 },
	{ "KPEnter",	KEYC_KP_ENTER,	0 },
	{ "KP=",	KEYC_KP_EQUAL,	0 },
};

/* A named table of bindings, kept sorted by key for lookup and walks. */
struct key_table {
	char			 *name;
	struct key_binding	**bindings;
	size_t			  nbindings;
	size_t			  size;
};

static struct key_table	**key_tables;
static size_t		  key_ntables;

/* Map a C0 control byte or DEL to its key, adding mods. */
static struct key
key_normalize_c0(key_code c, int mods)
{
	struct key	k;

	k.mods = mods;
	switch (c) {
	case 0x00:
		k.code = ' ';
		k.mods |= KEYC_CTRL;
		break;
	case 0x09:
		k.code = KEYC_TAB;
		break;
	case 0x0d:
		k.code = KEYC_ENTER;
		break;
	case 0x1b:
		k.code = KEYC_ESCAPE;
		break;
	case 0x7f:
		k.code = KEYC_BACKSPACE;
		break;
	default:
		/* 0x01-0x1a are C-a to C-z; 0x1c-0x1f are C-\ C-] C-^ C-_. */
		k.code = c + (c <= 0x1a ? 'a' - 1 : '\\' - 0x1c);
		k.mods |= KEYC_CTRL;
		break;
	}
	return (k);
}

/*
 * Bring a key to the normal form: what a terminal without extended keys
 * sends for Ctrl with a character decides the key, so C-m is Enter and
 * C-A is C-a. Shift is dropped from characters, which carry their case.
 */
struct key
key_normalize(struct key k)
{
	key_code	c = k.code;
	int		mods = k.mods & KEYC_MODS;

	if ((mods & KEYC_CTRL) && !KEYC_IS_NAMED(c)) {
		if ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z')) {
			c &= 0x1f;
			mods &= ~KEYC_CTRL;
		} else if (c == ' ') {
			c = 0x00;
			mods &= ~KEYC_CTRL;
		} else if (c == '/') {
			c = 0x1f;
			mods &= ~KEYC_CTRL;
		} else if (c == '?') {
			c = 0x7f;
			mods &= ~KEYC_CTRL;
		}
	}
	if (c < 0x20 || c == 0x7f)
		k = key_normalize_c0(c, mods);
	else {
		k.code = c;
		k.mods = mods;
	}
	if (!KEYC_IS_NAMED(k.code))
		k.mods &= ~KEYC_SHIFT;
	return (k);
}

/* Compare two keys in their normal form. */
int
key_equal(struct key a, struct key b)
{
	a = key_normalize(a);
	b = key_normalize(b);
	return (a.code == b.code && a.mods == b.mods);
}

/* Order keys by code, then modifiers, so a key's variants sit together. */
static int
key_compare(struct key a, struct key b)
{
	if (a.code != b.code)
		return (a.code < b.code ? -1 : 1);
	if (a.mods != b.mods)
		return (a.mods < b.mods ? -1 : 1);
	return (0);
}

/* Decode a string that is exactly one valid UTF-8 character. */
static int
key_utf8_decode(const char *s, key_code *code)
{
	const u_char	*p = (const u_char *)s;
	size_t		 n, i;
	key_code	 c;

	if (p[0] < 0x80) {
		n = 1;
		c = p[0];
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		c = p[0] & 0x07;
	} else
		return (-1);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (-1);
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (p[n] != '\0')
		return (-1);
	/* Reject overlong forms, surrogates and values above U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return (-1);
	*code = c;
	return (0);
}

/* Take the modifier prefixes (C- M- S- in any order, or a leading ^). */
static const char *
key_string_mods(const char *s, int *mods)
{
	*mods = 0;
	if (s[0] == '^' && s[1] != '\0') {
		*mods |= KEYC_CTRL;
		s++;
	}
	while (s[0] != '\0' && s[1] == '-' && s[2] != '\0') {
		switch (s[0]) {
		case 'C':
		case 'c':
			*mods |= KEYC_CTRL;
			break;
		case 'M':
		case 'm':
			*mods |= KEYC_ALT;
			break;
		case 'S':
		case 's':
			*mods |= KEYC_SHIFT;
			break;
		default:
			return (s);
		}
		s += 2;
	}
	return (s);
}

/* Look up a key name without modifiers: a named key or one character. */
static int
key_string_name(const char *s, struct key *k)
{
	size_t		i;
	char		*end;
	unsigned long	n;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (strcasecmp(s, key_names[i].name) == 0) {
			k->code = key_names[i].code;
			k->mods = key_names[i].mods;
			return (0);
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9') {
		n = strtoul(s + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 20) {
			k->code = KEYC_F1 + n - 1;
			k->mods = 0;
			return (0);
		}
	}
	if (key_utf8_decode(s, &k->code) != 0)
		return (-1);
	/* Control characters are written by name (C-a, Tab), not raw. */
	if (k->code < 0x20 || k->code == 0x7f)
		return (-1);
	k->mods = 0;
	return (0);
}

/* Parse a key name as written in the config into its normal form. */
int
key_from_string(const char *s, struct key *k)
{
	struct key	parsed;
	int		mods;

	if (s == NULL || *s == '\0')
		return (-1);
	s = key_string_mods(s, &mods);
	if (key_string_name(s, &parsed) != 0)
		return (-1);
	parsed.mods |= mods;
	*k = key_normalize(parsed);
	return (0);
}

/* Name of a key without modifiers, written into buf. */
static void
key_string_base(key_code c, char *buf, size_t len)
{
	size_t	i;

	if (c == KEYC_NONE) {
		snprintf(buf, len, "None");
		return;
	}
	if (c >= KEYC_F1 && c <= KEYC_F20) {
		snprintf(buf, len, "F%u", (u_int)(c - KEYC_F1 + 1));
		return;
	}
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (key_names[i].code == c && key_names[i].mods == 0) {
			snprintf(buf, len, "%s", key_names[i].name);
			return;
		}
	}
	if (KEYC_IS_NAMED(c) || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		snprintf(buf, len, "Invalid");
		return;
	}
	buf[utf8_encode(c, buf)] = '\0';
}

/* Canonical name of a key, in a static buffer. */
const char *
key_to_string(struct key k)
{
	static char	buf[32];
	size_t		off = 0;

	k = key_normalize(k);
	if (k.mods & KEYC_CTRL)
		off += snprintf(buf + off, sizeof buf - off, "C-");
	if (k.mods & KEYC_ALT)
		off += snprintf(buf + off, sizeof buf - off, "M-");
	if (k.mods & KEYC_SHIFT)
		off += snprintf(buf + off, sizeof buf - off, "S-");
	key_string_base(k.code, buf + off, sizeof buf - off);
	return (buf);
}

/* Find a table by name. */
static struct key_table *
key_table_find(const char *name)
{
	size_t	i;

	for (i = 0; i < key_ntables; i++) {
		if (strcmp(key_tables[i]->name, name) == 0)
			return (key_tables[i]);
	}
	return (NULL);
}

/* Find a table by name, creating it if missing. */
static struct key_table *
key_table_get(const char *name)
{
	struct key_table	*t;

	if ((t = key_table_find(name)) != NULL)
		return (t);
	t = xcalloc(1, sizeof *t);
	t->name = xstrdup(name);
	key_tables = xreallocarray(key_tables, key_ntables + 1,
	    sizeof *key_tables);
	key_tables[key_ntables++] = t;
	return (t);
}

/* Free a binding and drop its reference to the commands. */
static void
key_binding_free(struct key_binding *bd)
{
	if (bd->cmds != NULL)
		cmd_list_free(bd->cmds);
	free(bd->note);
	free(bd);
}

/* Free every binding in a table, leaving it empty. */
static void
key_table_clear(struct key_table *t)
{
	size_t	i;

	for (i = 0; i < t->nbindings; i++)
		key_binding_free(t->bindings[i]);
	free(t->bindings);
	t->bindings = NULL;
	t->nbindings = t->size = 0;
}

/*
 * Remove a table that has become empty, unless it is one of the two every
 * client relies on; like tmux, other tables exist while they have keys.
 */
static void
key_table_prune(struct key_table *t)
{
	size_t	i;

	if (t->nbindings != 0 || strcmp(t->name, KEY_TABLE_ROOT) == 0 ||
	    strcmp(t->name, KEY_TABLE_PREFIX) == 0)
		return;
	for (i = 0; i < key_ntables; i++) {
		if (key_tables[i] == t)
			break;
	}
	if (i == key_ntables)
		fatalx("key table %s not in list", t->name);
	memmove(&key_tables[i], &key_tables[i + 1],
	    (key_ntables - i - 1) * sizeof *key_tables);
	key_ntables--;
	free(t->bindings);
	free(t->name);
	free(t);
}

/* Binary search for a key; sets *idx to its slot or where it would go. */
static int
key_table_search(const struct key_table *t, struct key k, size_t *idx)
{
	size_t	lo = 0, hi = t->nbindings, mid;
	int	cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = key_compare(k, t->bindings[mid]->key);
		if (cmp == 0) {
			*idx = mid;
			return (1);
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*idx = lo;
	return (0);
}

/* Create the tables every client relies on. */
void
keys_init(void)
{
	key_table_get(KEY_TABLE_ROOT);
	key_table_get(KEY_TABLE_PREFIX);
}

/* Free every table and binding. */
void
keys_free(void)
{
	size_t	i;

	for (i = 0; i < key_ntables; i++) {
		key_table_clear(key_tables[i]);
		free(key_tables[i]->name);
		free(key_tables[i]);
	}
	free(key_tables);
	key_tables = NULL;
	key_ntables = 0;
}

/*
 * Bind a key in a table (created if needed), taking over the caller's
 * reference to cmds. A key already bound has its commands replaced and
 * its note dropped, since the note described the old commands.
 */
void
key_bindings_add(const char *name, struct key k, int repeat,
    struct cmd_list *cmds)
{
	struct key_table	*t = key_table_get(name);
	struct key_binding	*bd;
	size_t			 idx;

	k = key_normalize(k);
	if (key_table_search(t, k, &idx)) {
		bd = t->bindings[idx];
		if (bd->cmds != NULL)
			cmd_list_free(bd->cmds);
		free(bd->note);
		bd->note = NULL;
		bd->cmds = cmds;
		bd->repeat = repeat;
		return;
	}
	if (t->nbindings == t->size) {
		t->size = t->size == 0 ? 16 : t->size * 2;
		t->bindings = xreallocarray(t->bindings, t->size,
		    sizeof *t->bindings);
	}
	memmove(&t->bindings[idx + 1], &t->bindings[idx],
	    (t->nbindings - idx) * sizeof *t->bindings);
	bd = xcalloc(1, sizeof *bd);
	bd->key = k;
	bd->cmds = cmds;
	bd->repeat = repeat;
	t->bindings[idx] = bd;
	t->nbindings++;
}

/* Unbind a key; returns 0, or -1 if it was not bound. */
int
key_bindings_remove(const char *name, struct key k)
{
	struct key_table	*t;
	size_t			 idx;

	if ((t = key_table_find(name)) == NULL)
		return (-1);
	if (!key_table_search(t, key_normalize(k), &idx))
		return (-1);
	key_binding_free(t->bindings[idx]);
	memmove(&t->bindings[idx], &t->bindings[idx + 1],
	    (t->nbindings - idx - 1) * sizeof *t->bindings);
	t->nbindings--;
	key_table_prune(t);
	return (0);
}

/* Unbind every key in a table. */
void
key_bindings_remove_all(const char *name)
{
	struct key_table	*t;

	if ((t = key_table_find(name)) == NULL)
		return;
	key_table_clear(t);
	key_table_prune(t);
}

/* The binding for a key in a table, or NULL. */
struct key_binding *
key_bindings_get(const char *name, struct key k)
{
	struct key_table	*t;
	size_t			 idx;

	if ((t = key_table_find(name)) == NULL)
		return (NULL);
	if (!key_table_search(t, key_normalize(k), &idx))
		return (NULL);
	return (t->bindings[idx]);
}

int
key_table_exists(const char *name)
{
	return (key_table_find(name) != NULL);
}

/* The first binding of a table in key order, or NULL. */
struct key_binding *
key_bindings_first(const char *name)
{
	struct key_table	*t;

	if ((t = key_table_find(name)) == NULL || t->nbindings == 0)
		return (NULL);
	return (t->bindings[0]);
}

/* The binding after bd in key order; bd must still be in the table. */
struct key_binding *
key_bindings_next(const char *name, struct key_binding *bd)
{
	struct key_table	*t;
	size_t			 idx;

	if (bd == NULL || (t = key_table_find(name)) == NULL)
		return (NULL);
	if (!key_table_search(t, bd->key, &idx))
		return (NULL);
	if (idx + 1 >= t->nbindings)
		return (NULL);
	return (t->bindings[idx + 1]);
}

/*
 * The default bindings, written as a config would. The prefix pressed
 * twice sends itself through without a binding (see client.c), so changing
 * the prefix needs no new binding.
 */
static const char *const keys_defaults[] = {
	"bind % split-window -h",
	"bind '\"' split-window -v",
	"bind | split-window -h",
	"bind - split-window -v",
	"bind o select-pane -t next",
	"bind \\; select-pane -t last",
	"bind Up select-pane -U",
	"bind Down select-pane -D",
	"bind Left select-pane -L",
	"bind Right select-pane -R",
	"bind 0 select-pane -t 0",
	"bind 1 select-pane -t 1",
	"bind 2 select-pane -t 2",
	"bind 3 select-pane -t 3",
	"bind 4 select-pane -t 4",
	"bind 5 select-pane -t 5",
	"bind 6 select-pane -t 6",
	"bind 7 select-pane -t 7",
	"bind 8 select-pane -t 8",
	"bind 9 select-pane -t 9",
	"bind z resize-pane -Z",
	"bind x confirm-before kill-pane",
	"bind Space next-layout",
	"bind M-1 select-layout even-horizontal",
	"bind M-2 select-layout even-vertical",
	"bind M-3 select-layout main-horizontal",
	"bind M-4 select-layout main-vertical",
	"bind M-5 select-layout tiled",
	"bind -r C-Up resize-pane -U",
	"bind -r C-Down resize-pane -D",
	"bind -r C-Left resize-pane -L",
	"bind -r C-Right resize-pane -R",
	"bind -r M-Up resize-pane -U 5",
	"bind -r M-Down resize-pane -D 5",
	"bind -r M-Left resize-pane -L 5",
	"bind -r M-Right resize-pane -R 5",
	"bind r refresh-client",
	"bind i stats --procs",
	"bind S stats",
	"bind P profile",
	"bind d detach-client",
	"bind : command-prompt",
	"bind ? list-keys",
	NULL
};

void
keys_add_defaults(void)
{
	struct cmd_list	*cl;
	struct cmd_ctx	 ctx;
	char		*cause;
	u_int		 i;

	for (i = 0; keys_defaults[i] != NULL; i++) {
		if ((cl = cmd_list_parse_string(keys_defaults[i], &cause)) ==
		    NULL)
			fatalx("default binding '%s': %s", keys_defaults[i],
			    cause);
		memset(&ctx, 0, sizeof ctx);
		if (cmd_list_exec(cl, &ctx) != CMD_RETURN_NORMAL)
			fatalx("default binding '%s': %s", keys_defaults[i],
			    ctx.error);
		cmd_list_free(cl);
	}
}
