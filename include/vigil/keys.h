/* Keys: codes, names, key tables and bindings, the prefix. */
#ifndef VIGIL_KEYS_H
#define VIGIL_KEYS_H

#include <stddef.h>
#include <stdint.h>

/*
 * A key code is a Unicode scalar value or one of the named keys below, which
 * live above Unicode's range. Modifiers are kept apart, with the same bit
 * values as libvterm's VTermModifier, so they pass straight through.
 */
typedef uint32_t key_code;

#define KEYC_NONE	0xffffffffU
#define KEYC_BASE	0x00110000U

enum {
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_HOME,
	KEYC_END,
	KEYC_INSERT,
	KEYC_DELETE,
	KEYC_PAGEUP,
	KEYC_PAGEDOWN,
	KEYC_ENTER,
	KEYC_TAB,
	KEYC_BACKSPACE,
	KEYC_ESCAPE,
	KEYC_KP_0,		/* KEYC_KP_0 + n is keypad digit n */
	KEYC_KP_9 = KEYC_KP_0 + 9,
	KEYC_KP_MULT,
	KEYC_KP_PLUS,
	KEYC_KP_COMMA,
	KEYC_KP_MINUS,
	KEYC_KP_PERIOD,
	KEYC_KP_DIVIDE,
	KEYC_KP_ENTER,
	KEYC_KP_EQUAL,
	KEYC_F1,		/* KEYC_F1 + n - 1 is function key n */
	KEYC_F20 = KEYC_F1 + 19,
	KEYC_END_NAMED
};

#define KEYC_SHIFT	0x1
#define KEYC_ALT	0x2
#define KEYC_CTRL	0x4

#define KEYC_IS_NAMED(k) ((k) >= KEYC_BASE && (k) < KEYC_END_NAMED)

struct key {
	key_code	code;
	int		mods;
};

/*
 * Parse a key name as written in the config ("C-a", "M-Up", "F5", "%",
 * "C-\", "Space", "S-Tab") into its normal form. Returns 0 or -1.
 */
int		 key_from_string(const char *, struct key *);
/* Canonical name of a key, in a static buffer. */
const char	*key_to_string(struct key);
/* Bring a key to the normal form input decoding and key_from_string share. */
struct key	 key_normalize(struct key);
int		 key_equal(struct key, struct key);

/* Key tables and bindings. */
struct cmd_list;

struct key_binding {
	struct key	 key;
	struct cmd_list	*cmds;
	int		 repeat;	/* stays in the table for repeat-time */
	char		*note;
};

#define KEY_TABLE_ROOT		"root"
#define KEY_TABLE_PREFIX	"prefix"

void			 keys_init(void);
void			 keys_free(void);
void			 keys_add_defaults(void);
void			 key_bindings_add(const char *, struct key, int,
			     struct cmd_list *);
int			 key_bindings_remove(const char *, struct key);
void			 key_bindings_remove_all(const char *);
struct key_binding	*key_bindings_get(const char *, struct key);
int			 key_table_exists(const char *);
/* Walk a table in key order; returns NULL at the end. */
struct key_binding	*key_bindings_first(const char *);
struct key_binding	*key_bindings_next(const char *, struct key_binding *);

#endif
