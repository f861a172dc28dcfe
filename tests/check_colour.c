/* Tests for colours and styles: names, the palette, RGB, style strings. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/colour.h"
#include "vigil/style.h"

static const struct {
	const char	*in;
	int		 colour;
} colour_good[] = {
	{ "black", 0 }, { "red", 1 }, { "green", 2 }, { "yellow", 3 },
	{ "blue", 4 }, { "magenta", 5 }, { "cyan", 6 }, { "white", 7 },
	{ "brightblack", 8 }, { "brightred", 9 }, { "brightgreen", 10 },
	{ "brightyellow", 11 }, { "brightblue", 12 }, { "brightmagenta", 13 },
	{ "brightcyan", 14 }, { "brightwhite", 15 },
	{ "Red", 1 }, { "BRIGHTWHITE", 15 },
	{ "default", COLOUR_DEFAULT }, { "Default", COLOUR_DEFAULT },
	{ "colour0", 0 }, { "colour7", 7 }, { "colour16", 16 },
	{ "colour255", 255 }, { "color255", 255 }, { "color0", 0 },
	{ "Colour100", 100 }, { "colour007", 7 },
	{ "#000000", COLOUR_RGB(0, 0, 0) },
	{ "#ffffff", COLOUR_RGB(255, 255, 255) },
	{ "#ff8800", COLOUR_RGB(0xff, 0x88, 0x00) },
	{ "#FF8800", COLOUR_RGB(0xff, 0x88, 0x00) },
	{ "#aBcDeF", COLOUR_RGB(0xab, 0xcd, 0xef) },
};

static const char *const colour_bad[] = {
	"", "colour256", "colour-1", "colour", "color", "colour+1",
	"colour 1", "colour1a", "colour99999999999", "#ff880", "#ff88000",
	"#gg0000", "#", "#-12345", "# ff880", "reds", "bright", "brightpink",
	" red", "red ", "0x10", "7", "none", "colours1"
};

/* Every name, index and RGB form parses to its colour. */
START_TEST(test_colour_from_string_good)
{
	int	got = -2;
	int	ok;

	ok = colour_from_string(colour_good[_i].in, &got);
	ck_assert_msg(ok == 0 && got == colour_good[_i].colour,
	    "colour_from_string('%s'): returned %d, colour %#x, expected %#x",
	    colour_good[_i].in, ok, got, colour_good[_i].colour);
}
END_TEST

/* Anything else fails and leaves the output alone. */
START_TEST(test_colour_from_string_bad)
{
	int	got = 12345;
	int	ok;

	ok = colour_from_string(colour_bad[_i], &got);
	ck_assert_msg(ok == -1 && got == 12345,
	    "colour_from_string('%s'): returned %d, colour %#x", colour_bad[_i],
	    ok, got);
}
END_TEST

/* colour_to_string reads back to the same colour for every kind. */
START_TEST(test_colour_to_string)
{
	static const int	 rgb[] = {
		COLOUR_RGB(0, 0, 0), COLOUR_RGB(1, 2, 3),
		COLOUR_RGB(0xff, 0x88, 0), COLOUR_RGB(255, 255, 255)
	};
	const char		*s;
	int			 c, got;
	size_t			 i;

	for (c = -1; c <= 255; c++) {
		s = colour_to_string(c);
		ck_assert_msg(colour_from_string(s, &got) == 0 && got == c,
		    "colour %d: wrote '%s', read %d", c, s, got);
	}
	for (i = 0; i < sizeof rgb / sizeof rgb[0]; i++) {
		s = colour_to_string(rgb[i]);
		ck_assert_msg(colour_from_string(s, &got) == 0 && got == rgb[i],
		    "colour %#x: wrote '%s', read %#x", rgb[i], s, got);
	}
	ck_assert_str_eq(colour_to_string(1), "red");
	ck_assert_str_eq(colour_to_string(100), "colour100");
	ck_assert_str_eq(colour_to_string(COLOUR_RGB(0xab, 0xcd, 0xef)),
	    "#abcdef");
	ck_assert_str_eq(colour_to_string(COLOUR_DEFAULT), "default");
}
END_TEST

/* Known xterm palette values. */
START_TEST(test_colour_256_to_rgb)
{
	static const struct {
		int	colour;
		uint8_t	r, g, b;
	} t[] = {
		{ 0, 0x00, 0x00, 0x00 }, { 1, 0xcd, 0x00, 0x00 },
		{ 7, 0xe5, 0xe5, 0xe5 }, { 8, 0x7f, 0x7f, 0x7f },
		{ 12, 0x5c, 0x5c, 0xff }, { 15, 0xff, 0xff, 0xff },
		{ 16, 0x00, 0x00, 0x00 }, { 17, 0x00, 0x00, 0x5f },
		{ 196, 0xff, 0x00, 0x00 }, { 208, 0xff, 0x87, 0x00 },
		{ 231, 0xff, 0xff, 0xff }, { 232, 0x08, 0x08, 0x08 },
		{ 240, 0x58, 0x58, 0x58 }, { 255, 0xee, 0xee, 0xee },
		{ -1, 0, 0, 0 }, { 256, 0, 0, 0 },
	};
	uint8_t	r, g, b;
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		colour_256_to_rgb(t[i].colour, &r, &g, &b);
		ck_assert_msg(r == t[i].r && g == t[i].g && b == t[i].b,
		    "colour %d: got %02x%02x%02x, expected %02x%02x%02x",
		    t[i].colour, r, g, b, t[i].r, t[i].g, t[i].b);
	}
}
END_TEST

/* Every cube and grey colour maps back to itself. */
START_TEST(test_colour_256_exact)
{
	uint8_t	r, g, b;
	int	c, got;

	for (c = 16; c <= 255; c++) {
		colour_256_to_rgb(c, &r, &g, &b);
		got = colour_256_from_rgb(r, g, b);
		ck_assert_msg(got == c, "rgb %02x%02x%02x (colour %d): got %d",
		    r, g, b, c, got);
	}
}
END_TEST

/* Points between palette colours, ties going to the lower index. */
START_TEST(test_colour_256_between)
{
	static const struct {
		uint8_t	r, g, b;
		int	colour;
	} t[] = {
		{ 47, 95, 0, 22 },	/* nearer 0 than 95 */
		{ 48, 95, 0, 58 },	/* nearer 95 */
		{ 47, 0, 0, 233 },	/* grey 18 beats black */
		{ 115, 0, 0, 52 },	/* halfway 95-135: lower */
		{ 116, 0, 0, 88 },
		{ 235, 0, 0, 160 },	/* halfway 215-255: lower */
		{ 236, 0, 0, 196 },
		{ 13, 13, 13, 232 },	/* halfway grey 8-18: lower */
		{ 14, 14, 14, 233 },
		{ 128, 128, 128, 244 },	/* grey beats cube 102 */
		{ 250, 250, 250, 231 },	/* white beats grey 238 */
		{ 243, 243, 243, 255 },
		{ 255, 0, 0, 196 },
		{ 0, 0, 0, 16 },
		{ 3, 3, 3, 16 },	/* black beats grey 8 */
		{ 4, 4, 4, 16 },	/* 48 both ways: cube is lower */
		{ 5, 5, 5, 232 },
	};
	int	got;
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		got = colour_256_from_rgb(t[i].r, t[i].g, t[i].b);
		ck_assert_msg(got == t[i].colour,
		    "rgb %d,%d,%d: got %d, expected %d", t[i].r, t[i].g, t[i].b,
		    got, t[i].colour);
	}
}
END_TEST

/* The nearest of 16-255 by a plain search, the first one on a tie. */
static int
nearest_by_search(int r, int g, int b)
{
	uint8_t	pr, pg, pb;
	int	c, d, best = -1, best_d = 0;

	for (c = 16; c <= 255; c++) {
		colour_256_to_rgb(c, &pr, &pg, &pb);
		d = (r - pr) * (r - pr) + (g - pg) * (g - pg) +
		    (b - pb) * (b - pb);
		if (best == -1 || d < best_d) {
			best = c;
			best_d = d;
		}
	}
	return (best);
}

/*
 * A lattice and random points agree exactly with the search: unlike tmux,
 * colour_256_from_rgb breaks ties toward the lower index as the search does.
 */
START_TEST(test_colour_256_search)
{
	uint32_t	seed = 12345;
	int		r, g, b, i, got, want;

	for (r = 0; r < 256; r += 15) {
		for (g = 0; g < 256; g += 15) {
			for (b = 0; b < 256; b += 15) {
				got = colour_256_from_rgb(r, g, b);
				want = nearest_by_search(r, g, b);
				ck_assert_msg(got == want,
				    "rgb %d,%d,%d: got %d, search %d",
				    r, g, b, got, want);
			}
		}
	}
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245 + 12345;
		r = (seed >> 8) & 0xff;
		g = (seed >> 16) & 0xff;
		b = (seed >> 24) & 0xff;
		if (i % 4 == 0)
			g = b = r;	/* greys are where the ramp matters */
		got = colour_256_from_rgb(r, g, b);
		want = nearest_by_search(r, g, b);
		ck_assert_msg(got == want, "rgb %d,%d,%d: got %d, search %d",
		    r, g, b, got, want);
	}
}
END_TEST

/* RGB is kept or brought down; palette and default pass through. */
START_TEST(test_colour_for_terminal)
{
	int	rgb = COLOUR_RGB(0xff, 0x00, 0x00);

	ck_assert_int_eq(colour_for_terminal(rgb, 1), rgb);
	ck_assert_int_eq(colour_for_terminal(rgb, 0), 196);
	ck_assert_int_eq(colour_for_terminal(COLOUR_RGB(8, 8, 8), 0), 232);
	ck_assert_int_eq(colour_for_terminal(3, 0), 3);
	ck_assert_int_eq(colour_for_terminal(3, 1), 3);
	ck_assert_int_eq(colour_for_terminal(200, 0), 200);
	ck_assert_int_eq(colour_for_terminal(COLOUR_DEFAULT, 0),
	    COLOUR_DEFAULT);
	ck_assert_int_eq(colour_for_terminal(COLOUR_DEFAULT, 1),
	    COLOUR_DEFAULT);
}
END_TEST

#define A_B	ATTR_BOLD
#define A_I	ATTR_ITALIC
#define A_U	ATTR_UNDERLINE
/* Every attribute but the other two kinds of underline. */
#define A_ALL	(0x3ff & ~(ATTR_DUNDERLINE|ATTR_CURLY))

/* Style strings parsed on top of a starting style. */
static const struct {
	struct style	 start;
	const char	*in;
	struct style	 want;
} style_good[] = {
	{ { -1, -1, 0 }, "", { -1, -1, 0 } },
	{ { -1, -1, 0 }, "fg=red", { 1, -1, 0 } },
	{ { -1, -1, 0 }, "bg=colour235", { -1, 235, 0 } },
	{ { -1, -1, 0 }, "fg=#ff0000,bg=blue",
	    { COLOUR_RGB(255, 0, 0), 4, 0 } },
	{ { -1, -1, 0 }, "fg=white bg=black bold",
	    { 7, 0, ATTR_BOLD } },
	{ { -1, -1, 0 }, " , fg=white,, bold ,", { 7, -1, ATTR_BOLD } },
	{ { -1, -1, 0 }, "FG=Red,Bold", { 1, -1, ATTR_BOLD } },
	{ { -1, -1, 0 }, "bold,dim,italics,underscore,blink,reverse,"
	    "strikethrough,hidden",
	    { -1, -1, ATTR_BOLD|ATTR_DIM|ATTR_ITALIC|ATTR_UNDERLINE|
	    ATTR_BLINK|ATTR_REVERSE|ATTR_STRIKE|ATTR_INVISIBLE } },
	{ { -1, -1, 0 }, "italic underline invisible",
	    { -1, -1, ATTR_ITALIC|ATTR_UNDERLINE|ATTR_INVISIBLE } },
	{ { -1, -1, 0 }, "double-underscore", { -1, -1, ATTR_DUNDERLINE } },
	{ { -1, -1, 0 }, "curly-underscore", { -1, -1, ATTR_CURLY } },
	{ { -1, -1, 0 }, "underscore,curly-underscore",
	    { -1, -1, ATTR_CURLY } },
	{ { -1, -1, A_B|A_I }, "nobold", { -1, -1, A_I } },
	{ { -1, -1, A_B|A_I }, "noitalic", { -1, -1, A_B } },
	{ { -1, -1, A_B|A_I }, "noitalics,nounderline", { -1, -1, A_B } },
	{ { -1, -1, ATTR_INVISIBLE }, "nohidden", { -1, -1, 0 } },
	{ { -1, -1, ATTR_STRIKE }, "nostrikethrough", { -1, -1, 0 } },
	{ { 1, 2, A_B|A_U }, "none", { 1, 2, 0 } },
	{ { 1, 2, A_B|A_U }, "default", { -1, -1, 0 } },
	{ { 1, 2, A_B }, "default,fg=green", { 2, -1, 0 } },
	{ { 1, 2, A_B }, "fg=default", { -1, 2, A_B } },
	{ { 1, 2, A_B }, "italics", { 1, 2, A_B|A_I } },
	{ { 1, 2, A_B }, "none bold", { 1, 2, A_B } },
};

/* Items apply in order on top of the starting style. */
START_TEST(test_style_parse_good)
{
	struct style	 sy = style_good[_i].start;
	char		*cause = NULL;
	int		 ok;

	ok = style_parse(&sy, style_good[_i].in, &cause);
	ck_assert_msg(ok == 0, "style_parse('%s'): %s", style_good[_i].in,
	    cause);
	ck_assert_msg(style_equal(&sy, &style_good[_i].want),
	    "style_parse('%s'): got fg %d bg %d attrs %#x, expected "
	    "fg %d bg %d attrs %#x", style_good[_i].in, sy.fg, sy.bg, sy.attrs,
	    style_good[_i].want.fg, style_good[_i].want.bg,
	    style_good[_i].want.attrs);
}
END_TEST

static const struct {
	const char	*in;
	const char	*cause;
} style_bad[] = {
	{ "bolt", "unknown style item 'bolt'" },
	{ "fg=red,bolt", "unknown style item 'bolt'" },
	{ "fg=colour300", "bad colour 'colour300'" },
	{ "bg=", "bad colour ''" },
	{ "bg=#12345", "bad colour '#12345'" },
	{ "fg", "unknown style item 'fg'" },
	{ "fg:red", "unknown style item 'fg:red'" },
	{ "nonone", "unknown style item 'nonone'" },
	{ "no", "unknown style item 'no'" },
	{ "nodefault", "unknown style item 'nodefault'" },
	{ "bold;", "unknown style item 'bold;'" },
};

/* Errors name the item at fault and leave the style alone. */
START_TEST(test_style_parse_bad)
{
	struct style	 sy = { 3, 4, ATTR_DIM }, before = sy;
	char		*cause = NULL;
	int		 ok;

	ok = style_parse(&sy, style_bad[_i].in, &cause);
	ck_assert_msg(ok == -1, "style_parse('%s'): succeeded",
	    style_bad[_i].in);
	ck_assert_msg(cause != NULL && strcmp(cause, style_bad[_i].cause) == 0,
	    "style_parse('%s'): cause '%s', expected '%s'", style_bad[_i].in,
	    cause, style_bad[_i].cause);
	ck_assert_msg(style_equal(&sy, &before),
	    "style_parse('%s'): style changed on error", style_bad[_i].in);
	free(cause);
}
END_TEST

static const struct {
	struct style	 sy;
	const char	*out;
} style_strings[] = {
	{ { -1, -1, 0 }, "default" },
	{ { 0, 2, 0 }, "fg=black,bg=green" },
	{ { 240, -1, 0 }, "fg=colour240" },
	{ { -1, COLOUR_RGB(1, 2, 3), 0 }, "bg=#010203" },
	{ { 2, 0, ATTR_BOLD }, "fg=green,bg=black,bold" },
	{ { -1, -1, ATTR_ITALIC|ATTR_BOLD }, "bold,italics" },
	{ { -1, -1, ATTR_UNDERLINE|ATTR_INVISIBLE }, "underscore,hidden" },
	{ { -1, -1, ATTR_DUNDERLINE }, "double-underscore" },
	{ { -1, -1, ATTR_CURLY|ATTR_DIM }, "dim,curly-underscore" },
	{ { -1, -1, A_ALL }, "bold,dim,italics,underscore,blink,reverse,"
	    "strikethrough,hidden" },
	{ { COLOUR_RGB(255, 255, 255), COLOUR_RGB(0, 0, 0), A_ALL },
	    "fg=#ffffff,bg=#000000,bold,dim,italics,underscore,blink,reverse,"
	    "strikethrough,hidden" },
};

/* The canonical form, which parses back to the same style. */
START_TEST(test_style_to_string)
{
	struct style	 sy = STYLE_DEFAULT;
	const char	*s;
	char		*cause = NULL;

	s = style_to_string(&style_strings[_i].sy);
	ck_assert_msg(strcmp(s, style_strings[_i].out) == 0,
	    "style_to_string: got '%s', expected '%s'", s,
	    style_strings[_i].out);
	ck_assert_msg(style_parse(&sy, s, &cause) == 0, "parse '%s': %s", s,
	    cause);
	ck_assert_msg(style_equal(&sy, &style_strings[_i].sy),
	    "'%s' read back as fg %d bg %d attrs %#x", s, sy.fg, sy.bg,
	    sy.attrs);
}
END_TEST

/* Every parsed example also survives a trip through its string form. */
START_TEST(test_style_round_trip)
{
	struct style	 sy = STYLE_DEFAULT, back = STYLE_DEFAULT;
	char		*cause = NULL;
	const char	*s;

	ck_assert(style_parse(&sy, style_good[_i].in, &cause) == 0);
	s = style_to_string(&sy);
	ck_assert_msg(style_parse(&back, s, &cause) == 0, "parse '%s': %s", s,
	    cause);
	ck_assert_msg(style_equal(&sy, &back), "'%s' -> '%s' changed the style",
	    style_good[_i].in, s);
}
END_TEST

#define NITEMS(t) ((int)(sizeof t / sizeof t[0]))

/* Colour names, the palette and RGB, and styles built on them. */
Suite *
suite_colour(void)
{
	Suite	*s = suite_create("colour");
	TCase	*tc;

	tc = tcase_create("names");
	tcase_add_loop_test(tc, test_colour_from_string_good, 0,
	    NITEMS(colour_good));
	tcase_add_loop_test(tc, test_colour_from_string_bad, 0,
	    NITEMS(colour_bad));
	tcase_add_test(tc, test_colour_to_string);
	suite_add_tcase(s, tc);

	tc = tcase_create("palette");
	tcase_add_test(tc, test_colour_256_to_rgb);
	tcase_add_test(tc, test_colour_256_exact);
	tcase_add_test(tc, test_colour_256_between);
	tcase_add_test(tc, test_colour_256_search);
	tcase_add_test(tc, test_colour_for_terminal);
	suite_add_tcase(s, tc);

	tc = tcase_create("style");
	tcase_add_loop_test(tc, test_style_parse_good, 0, NITEMS(style_good));
	tcase_add_loop_test(tc, test_style_parse_bad, 0, NITEMS(style_bad));
	tcase_add_loop_test(tc, test_style_to_string, 0,
	    NITEMS(style_strings));
	tcase_add_loop_test(tc, test_style_round_trip, 0, NITEMS(style_good));
	suite_add_tcase(s, tc);

	return (s);
}
