/*
 * The history's compact lines: every kind of cell comes back as it went
 * in (pens, ASCII, UTF-8, wide, combining, empty, odd values), trimmed of
 * trailing blanks and padded with the pen given; a plain line costs about
 * a byte a cell.
 */

#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_vigil.h"
#include "vigil/grid.h"

static uint64_t	grid_seed = 7;

static uint32_t
grid_rand(void)
{
	grid_seed ^= grid_seed << 13;
	grid_seed ^= grid_seed >> 7;
	grid_seed ^= grid_seed << 17;
	return ((uint32_t)grid_seed);
}

/* A random colour of any kind. */
static void
grid_colour(VTermColor *c, int bg)
{
	memset(c, 0, sizeof *c);
	switch (grid_rand() % 3) {
	case 0:
		vterm_color_indexed(c, grid_rand() % 256);
		break;
	case 1:
		vterm_color_rgb(c, grid_rand() % 256, grid_rand() % 256,
		    grid_rand() % 256);
		break;
	default:
		vterm_color_indexed(c, 0);
		c->type |= bg ? VTERM_COLOR_DEFAULT_BG : VTERM_COLOR_DEFAULT_FG;
		break;
	}
}

/* A random cell: the kinds the encoding tells apart. */
static void
grid_cell(VTermScreenCell *c)
{
	static const uint32_t odd[] = { 0xe9, 0x3bb, 0x2500, 0x1f600 };
	u_int	k;

	memset(c, 0, sizeof *c);
	c->width = 1;
	switch (grid_rand() % 7) {
	case 0:
		break;				/* empty */
	case 1:
		c->chars[0] = 0x6f22;		/* wide CJK */
		c->width = 2;
		break;
	case 2:
		c->chars[0] = odd[grid_rand() % 4];
		break;
	case 3:
		c->chars[0] = 'e';		/* combining marks */
		for (k = 1; k < 1 + grid_rand() % 5; k++)
			c->chars[k] = 0x301 + k;
		break;
	case 4:
		c->chars[0] = 0xd800;		/* not UTF-8: raw */
		break;
	default:
		c->chars[0] = 0x20 + grid_rand() % 95;
		break;
	}
	if (grid_rand() % 4 == 0) {
		c->attrs.bold = grid_rand() % 2;
		c->attrs.underline = grid_rand() % 4;
		c->attrs.italic = grid_rand() % 2;
		c->attrs.reverse = grid_rand() % 2;
		c->attrs.strike = grid_rand() % 2;
		c->attrs.font = grid_rand() % 10;
	}
	grid_colour(&c->fg, 0);
	grid_colour(&c->bg, 1);
}

/* Are two cells the same, to anyone reading them? */
static int
grid_same(const VTermScreenCell *a, const VTermScreenCell *b)
{
	u_int	k;

	for (k = 0; k < VTERM_MAX_CHARS_PER_CELL; k++) {
		if (a->chars[k] != b->chars[k])
			return (0);
		if (a->chars[k] == 0)
			break;
	}
	return (a->width == b->width && a->attrs.bold == b->attrs.bold &&
	    a->attrs.underline == b->attrs.underline &&
	    a->attrs.italic == b->attrs.italic &&
	    a->attrs.reverse == b->attrs.reverse &&
	    a->attrs.strike == b->attrs.strike &&
	    a->attrs.font == b->attrs.font &&
	    vterm_color_is_equal(&a->fg, &b->fg) &&
	    vterm_color_is_equal(&a->bg, &b->bg) &&
	    a->fg.type == b->fg.type && a->bg.type == b->bg.type);
}

START_TEST(test_grid_roundtrip)
{
	struct grid_history	*gh = grid_history_create(64);
	VTermScreenCell		 in[64][120], out[120], blank;
	u_int			 line, x, lines = 64, cols = 120;
	int			 last;

	memset(&blank, 0, sizeof blank);
	blank.width = 1;
	for (line = 0; line < lines; line++) {
		for (x = 0; x < cols; x++)
			grid_cell(&in[line][x]);
		/* A last cell that is not blank: nothing is trimmed. */
		memset(in[line][cols - 1].chars, 0,
		    sizeof in[line][cols - 1].chars);
		in[line][cols - 1].chars[0] = 'z';
		in[line][cols - 1].width = 1;
		grid_history_push(gh, cols, in[line]);
	}
	ck_assert_uint_eq(grid_history_size(gh), lines);
	for (line = lines; line > 0; line--) {
		ck_assert_int_eq(grid_history_pop(gh, cols, out, &blank), 1);
		last = -1;
		for (x = 0; x < cols; x++) {
			if (in[line - 1][x].width < 1)
				continue;
			if (!grid_same(&in[line - 1][x], &out[x])) {
				last = (int)x;
				break;
			}
		}
		ck_assert_msg(last == -1, "line %u cell %d: in U+%04X w%d fg "
		    "type %d, out U+%04X w%d fg type %d", line - 1, last,
		    in[line - 1][last].chars[0], in[line - 1][last].width,
		    in[line - 1][last].fg.type, out[last].chars[0],
		    out[last].width, out[last].fg.type);
	}
	ck_assert_int_eq(grid_history_pop(gh, cols, out, &blank), 0);
	ck_assert_uint_eq(grid_history_bytes(gh), 0);
	grid_history_free(gh);
}
END_TEST

/* Trailing blanks go, the pen pads; plain text is a byte a cell. */
START_TEST(test_grid_plain)
{
	struct grid_history	*gh = grid_history_create(4);
	VTermScreenCell		 in[200], out[200], blank;
	u_int			 x;

	memset(in, 0, sizeof in);
	for (x = 0; x < 200; x++) {
		in[x].width = 1;
		in[x].chars[0] = x < 150 ? 'a' + x % 26 : ' ';
		vterm_color_indexed(&in[x].fg, 7);
		in[x].fg.type |= VTERM_COLOR_DEFAULT_FG;
		vterm_color_indexed(&in[x].bg, 0);
		in[x].bg.type |= VTERM_COLOR_DEFAULT_BG;
	}
	grid_history_push(gh, 200, in);
	ck_assert_msg(grid_history_bytes(gh) <= 150 + 11,
	    "a 150-character line costs %zu bytes", grid_history_bytes(gh));
	memset(&blank, 0, sizeof blank);
	blank.width = 1;
	blank.chars[0] = '.';
	ck_assert_int_eq(grid_history_pop(gh, 200, out, &blank), 1);
	for (x = 0; x < 200; x++) {
		ck_assert_msg(out[x].chars[0] == (x < 150 ? (uint32_t)('a' +
		    x % 26) : '.'), "cell %u: U+%04X", x, out[x].chars[0]);
	}
	grid_history_free(gh);
}
END_TEST

Suite *
suite_grid(void)
{
	Suite	*s = suite_create("grid");
	TCase	*tc = tcase_create("history");

	tcase_add_test(tc, test_grid_roundtrip);
	tcase_add_test(tc, test_grid_plain);
	suite_add_tcase(s, tc);
	return (s);
}
