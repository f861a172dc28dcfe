/* Keys: names, the normal form, key tables and bindings. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/cmd.h"
#include "vigil/keys.h"
#include "vigil/xmalloc.h"

#include "check_vigil.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* A key's name copied out of key_to_string's static buffer. */
static const char *
kstr(struct key k)
{
	static char	buf[4][64];
	static int	n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof buf[n], "%s", key_to_string(k));
	return (buf[n]);
}

/* Describe a key as code and mods, for messages about raw keys. */
static const char *
kraw(struct key k)
{
	static char	buf[4][64];
	static int	n;

	n = (n + 1) % 4;
	snprintf(buf[n], sizeof buf[n], "{0x%x,%d}", (u_int)k.code, k.mods);
	return (buf[n]);
}

/* Check a name parses to the key whose canonical name is want. */
static void
check_name(const char *in, const char *want)
{
	struct key	k;

	ck_assert_msg(key_from_string(in, &k) == 0, "parse '%s': failed", in);
	ck_assert_msg(strcmp(kstr(k), want) == 0,
	    "parse '%s': got '%s' %s, want '%s'", in, kstr(k), kraw(k), want);
}

/* Every named key with every modifier survives name and parse. */
START_TEST(test_named_round_trip)
{
	struct key	k, back;
	const char	*s;
	key_code	c;
	int		mods;

	for (c = KEYC_BASE; c < KEYC_END_NAMED; c++) {
		for (mods = 0; mods < 8; mods++) {
			k.code = c;
			k.mods = mods;
			ck_assert_msg(key_equal(key_normalize(k), k) &&
			    key_normalize(k).mods == mods,
			    "named key %s not in normal form", kraw(k));
			s = kstr(k);
			ck_assert_msg(key_from_string(s, &back) == 0,
			    "key %s: name '%s' does not parse", kraw(k), s);
			ck_assert_msg(back.code == k.code &&
			    back.mods == k.mods,
			    "key %s: '%s' parses to %s", kraw(k), s,
			    kraw(back));
		}
	}
}
END_TEST

/* Characters, including controls in normal form, survive name and parse. */
START_TEST(test_char_round_trip)
{
	static const key_code	extra[] = { 0xe9, 0x85, 0xa0, 0x20ac,
				    0xfffd, 0xfeff, 0x1f600, 0x10ffff };
	struct key		k, n, back;
	const char		*s;
	key_code		c;
	size_t			i;
	int			mods;

	for (i = 0; i < 0x80 + nitems(extra); i++) {
		c = i < 0x80 ? (key_code)i : extra[i - 0x80];
		for (mods = 0; mods < 8; mods++) {
			k.code = c;
			k.mods = mods;
			n = key_normalize(k);
			ck_assert_msg(key_equal(key_normalize(n), n) &&
			    key_normalize(n).code == n.code &&
			    key_normalize(n).mods == n.mods,
			    "normalize %s not idempotent", kraw(k));
			s = kstr(n);
			ck_assert_msg(key_from_string(s, &back) == 0,
			    "key %s: name '%s' does not parse", kraw(n), s);
			ck_assert_msg(back.code == n.code &&
			    back.mods == n.mods,
			    "key %s: '%s' parses to %s", kraw(n), s,
			    kraw(back));
		}
	}
}
END_TEST

static const struct {
	const char	*in;
	const char	*want;
} name_rows[] = {
	{ "Up", "Up" }, { "Down", "Down" }, { "Left", "Left" },
	{ "Right", "Right" }, { "Home", "Home" }, { "End", "End" },
	{ "Insert", "Insert" }, { "IC", "Insert" },
	{ "Delete", "Delete" }, { "DC", "Delete" },
	{ "PageUp", "PageUp" }, { "PgUp", "PageUp" }, { "PPage", "PageUp" },
	{ "PageDown", "PageDown" }, { "PgDn", "PageDown" },
	{ "NPage", "PageDown" },
	{ "Enter", "Enter" }, { "Return", "Enter" },
	{ "Tab", "Tab" }, { "BTab", "S-Tab" }, { "S-Tab", "S-Tab" },
	{ "BSpace", "BSpace" }, { "Backspace", "BSpace" },
	{ "Escape", "Escape" }, { "Esc", "Escape" },
	{ "Space", "Space" }, { " ", "Space" },
	{ "F1", "F1" }, { "F9", "F9" }, { "F10", "F10" }, { "F20", "F20" },
	{ "KP0", "KP0" }, { "KP9", "KP9" }, { "KP*", "KP*" },
	{ "KP+", "KP+" }, { "KP,", "KP," }, { "KP-", "KP-" },
	{ "KP.", "KP." }, { "KP/", "KP/" }, { "KPEnter", "KPEnter" },
	{ "KP=", "KP=" },
	/* Case does not matter in names. */
	{ "up", "Up" }, { "UP", "Up" }, { "pAgEuP", "PageUp" },
	{ "bspace", "BSpace" }, { "ESC", "Escape" }, { "btab", "S-Tab" },
	{ "f5", "F5" }, { "kpenter", "KPEnter" }, { "space", "Space" },
	{ "c-a", "C-a" }, { "m-up", "M-Up" }, { "s-tab", "S-Tab" },
	/* Modifiers in any order; ^x is C-x. */
	{ "C-a", "C-a" }, { "M-a", "M-a" }, { "C-M-a", "C-M-a" },
	{ "M-C-a", "C-M-a" }, { "C-M-Up", "C-M-Up" },
	{ "S-M-C-Up", "C-M-S-Up" }, { "S-C-F5", "C-S-F5" },
	{ "M-S-Home", "M-S-Home" }, { "C-C-a", "C-a" },
	{ "^a", "C-a" }, { "^A", "C-a" }, { "^M-a", "C-M-a" },
	{ "^", "^" }, { "^^", "C-^" }, { "C-^", "C-^" },
	/* The normal form. */
	{ "C-A", "C-a" }, { "C-S-a", "C-a" }, { "S-a", "a" }, { "S-A", "A" },
	{ "M-S-a", "M-a" }, { "M-A", "M-A" }, { "S-Space", "Space" },
	{ "C-m", "Enter" }, { "C-M", "Enter" }, { "C-M-m", "M-Enter" },
	{ "C-i", "Tab" }, { "M-C-i", "M-Tab" }, { "C-[", "Escape" },
	{ "C-@", "C-Space" }, { "C-Space", "C-Space" }, { "C- ", "C-Space" },
	{ "C-/", "C-_" }, { "C-_", "C-_" }, { "C-?", "BSpace" },
	{ "C-h", "C-h" }, { "C-j", "C-j" }, { "C-\\", "C-\\" },
	{ "C-]", "C-]" }, { "C-Enter", "C-Enter" }, { "C-Tab", "C-Tab" },
	{ "C-BSpace", "C-BSpace" }, { "C-1", "C-1" },
	/* Single characters, the dash included. */
	{ "%", "%" }, { "\"", "\"" }, { "|", "|" }, { "-", "-" },
	{ "C--", "C--" }, { "M--", "M--" }, { "\\", "\\" },
	{ "\xc3\xa9", "\xc3\xa9" }, { "M-\xc3\xa9", "M-\xc3\xa9" },
	{ "\xe2\x82\xac", "\xe2\x82\xac" },
	{ "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80" },
	{ "C", "C" }, { "M", "M" }, { "S", "S" }, { "F", "F" },
};

START_TEST(test_names)
{
	check_name(name_rows[_i].in, name_rows[_i].want);
}
END_TEST

static const char *const invalid_names[] = {
	"", "C-", "M-", "S-", "C-M-", "Foo", "C-Foo", "Upp", "ab", "C-ab",
	"F0", "F21", "F01", "F1x", "KP", "KP10", "KPx", "\t", "\x01", "\x7f",
	"C-\x01", "\xc3", "\xc3\xa9\xc3\xa9", "\xc0\xaf", "\xe0\x80\xaf",
	"\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xff", "X-a", "Space2",
};

START_TEST(test_invalid_names)
{
	struct key	k = { 'z', 0 };
	const char	*in = invalid_names[_i];

	ck_assert_msg(key_from_string(in, &k) == -1,
	    "parse invalid '%s': got '%s'", in, kstr(k));
}
END_TEST

/* key_normalize identities from the control bytes. */
START_TEST(test_normalize)
{
	static const struct {
		struct key	in;
		struct key	want;
	} rows[] = {
		{ { 0x00, 0 }, { ' ', KEYC_CTRL } },
		{ { 0x01, 0 }, { 'a', KEYC_CTRL } },
		{ { 0x1a, 0 }, { 'z', KEYC_CTRL } },
		{ { 0x08, 0 }, { 'h', KEYC_CTRL } },
		{ { 0x09, 0 }, { KEYC_TAB, 0 } },
		{ { 0x0a, 0 }, { 'j', KEYC_CTRL } },
		{ { 0x0d, 0 }, { KEYC_ENTER, 0 } },
		{ { 0x1b, 0 }, { KEYC_ESCAPE, 0 } },
		{ { 0x1c, 0 }, { '\\', KEYC_CTRL } },
		{ { 0x1d, 0 }, { ']', KEYC_CTRL } },
		{ { 0x1e, 0 }, { '^', KEYC_CTRL } },
		{ { 0x1f, 0 }, { '_', KEYC_CTRL } },
		{ { 0x7f, 0 }, { KEYC_BACKSPACE, 0 } },
		{ { 0x01, KEYC_ALT }, { 'a', KEYC_CTRL|KEYC_ALT } },
		{ { 0x0d, KEYC_ALT }, { KEYC_ENTER, KEYC_ALT } },
		{ { 0x0d, KEYC_CTRL }, { KEYC_ENTER, KEYC_CTRL } },
		{ { 'A', KEYC_CTRL }, { 'a', KEYC_CTRL } },
		{ { 'a', KEYC_SHIFT }, { 'a', 0 } },
		{ { 'A', KEYC_SHIFT|KEYC_ALT }, { 'A', KEYC_ALT } },
		{ { 'm', KEYC_CTRL }, { KEYC_ENTER, 0 } },
		{ { '@', KEYC_CTRL }, { ' ', KEYC_CTRL } },
		{ { '?', KEYC_CTRL }, { KEYC_BACKSPACE, 0 } },
		{ { KEYC_UP, KEYC_SHIFT }, { KEYC_UP, KEYC_SHIFT } },
		{ { KEYC_TAB, KEYC_SHIFT }, { KEYC_TAB, KEYC_SHIFT } },
		{ { 'x', 0x78 }, { 'x', 0 } },
	};
	struct key	got;
	size_t		i;

	for (i = 0; i < nitems(rows); i++) {
		got = key_normalize(rows[i].in);
		ck_assert_msg(got.code == rows[i].want.code &&
		    got.mods == rows[i].want.mods,
		    "normalize %s: got %s, want %s", kraw(rows[i].in),
		    kraw(got), kraw(rows[i].want));
		ck_assert_msg(key_equal(rows[i].in, rows[i].want),
		    "key_equal %s %s", kraw(rows[i].in), kraw(rows[i].want));
	}
	ck_assert(!key_equal((struct key){ 'a', 0 },
	    (struct key){ 'A', 0 }));
	ck_assert(!key_equal((struct key){ 'a', KEYC_CTRL },
	    (struct key){ 'a', KEYC_ALT }));
}
END_TEST

/* A command list with one reference, as cmd_list_parse would return. */
static struct cmd_list *
fake_cmds(void)
{
	struct cmd_list	*cl;

	cl = xcalloc(1, sizeof *cl);
	cl->references = 1;
	return (cl);
}

static struct key
key_of(const char *name)
{
	struct key	k;

	ck_assert_msg(key_from_string(name, &k) == 0, "parse '%s'", name);
	return (k);
}

static void
tables_setup(void)
{
	keys_init();
}

static void
tables_teardown(void)
{
	keys_free();
}

START_TEST(test_table_exists)
{
	ck_assert(key_table_exists(KEY_TABLE_ROOT));
	ck_assert(key_table_exists(KEY_TABLE_PREFIX));
	ck_assert(!key_table_exists("copy-mode"));
	ck_assert(key_bindings_first("copy-mode") == NULL);
	ck_assert(key_bindings_get("copy-mode", key_of("q")) == NULL);
	ck_assert(key_bindings_remove("copy-mode", key_of("q")) == -1);
	key_bindings_remove_all("copy-mode");
	ck_assert(!key_table_exists("copy-mode"));

	key_bindings_add("copy-mode", key_of("q"), 0, fake_cmds());
	ck_assert(key_table_exists("copy-mode"));
	ck_assert(key_bindings_remove("copy-mode", key_of("q")) == 0);
	ck_assert_msg(!key_table_exists("copy-mode"),
	    "an emptied table should go away");

	/* root and prefix stay even when empty. */
	key_bindings_add(KEY_TABLE_PREFIX, key_of("c"), 0, fake_cmds());
	ck_assert(key_bindings_remove(KEY_TABLE_PREFIX, key_of("c")) == 0);
	ck_assert(key_table_exists(KEY_TABLE_PREFIX));
	key_bindings_remove_all(KEY_TABLE_ROOT);
	ck_assert(key_table_exists(KEY_TABLE_ROOT));
}
END_TEST

START_TEST(test_add_get_replace)
{
	struct cmd_list		*a = fake_cmds(), *b = fake_cmds();
	struct key_binding	*bd;

	cmd_list_ref(a);	/* keep our own reference to watch it drop */
	key_bindings_add(KEY_TABLE_PREFIX, key_of("C-A"), 1, a);
	bd = key_bindings_get(KEY_TABLE_PREFIX, key_of("C-a"));
	ck_assert_msg(bd != NULL, "C-A bound, C-a not found");
	ck_assert_msg(bd->cmds == a && bd->repeat == 1 && bd->note == NULL,
	    "binding fields wrong");
	ck_assert_msg(strcmp(kstr(bd->key), "C-a") == 0, "stored key '%s'",
	    kstr(bd->key));
	ck_assert(key_bindings_get(KEY_TABLE_ROOT, key_of("C-a")) == NULL);
	ck_assert(key_bindings_get(KEY_TABLE_PREFIX, key_of("M-a")) == NULL);
	ck_assert(key_bindings_get(KEY_TABLE_PREFIX,
	    (struct key){ 0x01, 0 }) == bd);

	bd->note = xstrdup("old note");
	cmd_list_ref(b);
	key_bindings_add(KEY_TABLE_PREFIX, key_of("^a"), 0, b);
	ck_assert_msg(a->references == 1,
	    "replaced commands keep %d references, want 1", a->references);
	bd = key_bindings_get(KEY_TABLE_PREFIX, key_of("C-a"));
	ck_assert(bd != NULL && bd->cmds == b && bd->repeat == 0);
	ck_assert_msg(bd->note == NULL, "note of replaced binding kept");

	ck_assert(key_bindings_remove(KEY_TABLE_PREFIX, key_of("C-a")) == 0);
	ck_assert_msg(b->references == 1,
	    "removed commands keep %d references, want 1", b->references);
	ck_assert(key_bindings_get(KEY_TABLE_PREFIX, key_of("C-a")) == NULL);
	ck_assert(key_bindings_remove(KEY_TABLE_PREFIX, key_of("C-a")) == -1);
	cmd_list_free(a);
	cmd_list_free(b);
}
END_TEST

/* Walks visit every binding once, in key order, whatever the adds' order. */
START_TEST(test_order)
{
	static const char	*names[] = {
		"z", "C-b", "Up", "%", "M-Up", "a", "F12", "C-M-Up", "\"",
		"Enter", "S-Up", "\xc3\xa9", "M-a", "C-Space", "KP0", "0",
		"F1", "Tab", "S-Tab", "BSpace", "Escape", "M-Escape", "Space",
	};
	struct key_binding	*bd, *prev = NULL;
	size_t			 i, count = 0;

	for (i = 0; i < nitems(names); i++)
		key_bindings_add("t", key_of(names[i]), 0, fake_cmds());
	/* Adding again replaces rather than duplicates. */
	key_bindings_add("t", key_of("z"), 0, fake_cmds());
	for (bd = key_bindings_first("t"); bd != NULL;
	    bd = key_bindings_next("t", bd)) {
		if (prev != NULL) {
			ck_assert_msg(prev->key.code < bd->key.code ||
			    (prev->key.code == bd->key.code &&
			    prev->key.mods < bd->key.mods),
			    "walk: '%s' before '%s'", kstr(prev->key),
			    kstr(bd->key));
		}
		prev = bd;
		count++;
	}
	ck_assert_msg(count == nitems(names), "walk saw %zu bindings, want %zu",
	    count, nitems(names));
	ck_assert(key_bindings_next("t", NULL) == NULL);
	bd = key_bindings_get("t", key_of("Up"));
	ck_assert(bd != NULL);
	ck_assert_msg(strcmp(kstr(key_bindings_next("t", bd)->key),
	    "S-Up") == 0, "after Up: '%s'",
	    kstr(key_bindings_next("t", bd)->key));
}
END_TEST

START_TEST(test_remove_all)
{
	struct cmd_list	*cl[5];
	size_t		 i;

	for (i = 0; i < nitems(cl); i++) {
		cl[i] = fake_cmds();
		cmd_list_ref(cl[i]);
		key_bindings_add("copy-mode", (struct key){ 'a' + i, 0 }, 0,
		    cl[i]);
	}
	key_bindings_add(KEY_TABLE_ROOT, key_of("M-x"), 0, fake_cmds());
	key_bindings_remove_all("copy-mode");
	for (i = 0; i < nitems(cl); i++) {
		ck_assert_msg(cl[i]->references == 1,
		    "binding %zu: %d references after remove_all", i,
		    cl[i]->references);
		cmd_list_free(cl[i]);
	}
	ck_assert(!key_table_exists("copy-mode"));
	ck_assert(key_bindings_first("copy-mode") == NULL);
	ck_assert_msg(key_bindings_get(KEY_TABLE_ROOT, key_of("M-x")) != NULL,
	    "remove_all touched another table");
}
END_TEST

/* Many bindings: the sorted store grows and still finds everything. */
START_TEST(test_many)
{
	struct key_binding	*bd;
	struct key		 k;
	u_int			 i, seed = 7, count = 0;

	for (i = 0; i < 2000; i++) {
		seed = seed * 1103515245 + 12345;
		k.code = 0x4e00 + (seed >> 8) % 500;
		k.mods = (seed >> 20) % 4 & ~KEYC_SHIFT;
		key_bindings_add("big", k, 0, fake_cmds());
	}
	for (bd = key_bindings_first("big"); bd != NULL;
	    bd = key_bindings_next("big", bd)) {
		ck_assert(key_bindings_get("big", bd->key) == bd);
		count++;
	}
	ck_assert_msg(count > 0 && count <= 1000, "count %u", count);
	for (bd = key_bindings_first("big"); bd != NULL;
	    bd = key_bindings_first("big"))
		ck_assert(key_bindings_remove("big", bd->key) == 0);
	ck_assert(!key_table_exists("big"));
}
END_TEST

Suite *
suite_keys(void)
{
	Suite	*s = suite_create("keys");
	TCase	*tc;

	tc = tcase_create("names");
	tcase_add_test(tc, test_named_round_trip);
	tcase_add_test(tc, test_char_round_trip);
	tcase_add_loop_test(tc, test_names, 0, nitems(name_rows));
	tcase_add_loop_test(tc, test_invalid_names, 0, nitems(invalid_names));
	tcase_add_test(tc, test_normalize);
	suite_add_tcase(s, tc);

	tc = tcase_create("tables");
	tcase_add_checked_fixture(tc, tables_setup, tables_teardown);
	tcase_add_test(tc, test_table_exists);
	tcase_add_test(tc, test_add_get_replace);
	tcase_add_test(tc, test_order);
	tcase_add_test(tc, test_remove_all);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);

	return (s);
}
