/*
 * Colours: names, the 256-colour palette, and RGB down-conversion.
 *
 * A colour is COLOUR_DEFAULT, a palette index or an RGB value flagged with
 * COLOUR_FLAG_RGB. Terminals without direct colour get the nearest of the
 * 240 fixed colours (16-255); the first 16 are left out because themes
 * redefine them freely, so their RGB values are only a guess.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "vigil/colour.h"

static const char *const colour_names[16] = {
	"black", "red", "green", "yellow",
	"blue", "magenta", "cyan", "white",
	"brightblack", "brightred", "brightgreen", "brightyellow",
	"brightblue", "brightmagenta", "brightcyan", "brightwhite"
};

/* xterm's default values for the 16 colours themes usually redefine. */
static const uint8_t colour_xterm16[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0xcd, 0x00, 0x00 },
	{ 0x00, 0xcd, 0x00 }, { 0xcd, 0xcd, 0x00 },
	{ 0x00, 0x00, 0xee }, { 0xcd, 0x00, 0xcd },
	{ 0x00, 0xcd, 0xcd }, { 0xe5, 0xe5, 0xe5 },
	{ 0x7f, 0x7f, 0x7f }, { 0xff, 0x00, 0x00 },
	{ 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x5c, 0x5c, 0xff }, { 0xff, 0x00, 0xff },
	{ 0x00, 0xff, 0xff }, { 0xff, 0xff, 0xff }
};

/* The six levels of each channel of the 6x6x6 cube (16-231). */
static const uint8_t colour_cube_levels[6] = {
	0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff
};

/* The value of one hex digit, or -1. */
static int
colour_hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return (ch - '0');
	if (ch >= 'a' && ch <= 'f')
		return (ch - 'a' + 10);
	if (ch >= 'A' && ch <= 'F')
		return (ch - 'A' + 10);
	return (-1);
}

/* Parse the "rrggbb" after a '#'. */
static int
colour_from_hex(const char *s, int *colour)
{
	int	value = 0, digit, i;

	for (i = 0; i < 6; i++) {
		if ((digit = colour_hex_digit(s[i])) == -1)
			return (-1);
		value = (value << 4) | digit;
	}
	if (s[i] != '\0')
		return (-1);
	*colour = COLOUR_FLAG_RGB | value;
	return (0);
}

/* Parse the decimal index after "colour" or "color"; digits only, 0-255. */
static int
colour_from_index(const char *s, int *colour)
{
	int	value = 0;

	if (*s == '\0')
		return (-1);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (-1);
		value = value * 10 + (*s - '0');
		if (value > 255)
			return (-1);
	}
	*colour = value;
	return (0);
}

/* Parse a colour name, palette index or "#rrggbb"; names ignore case. */
int
colour_from_string(const char *s, int *colour)
{
	int	i;

	if (*s == '#')
		return (colour_from_hex(s + 1, colour));
	if (strncasecmp(s, "colour", 6) == 0)
		return (colour_from_index(s + 6, colour));
	if (strncasecmp(s, "color", 5) == 0)
		return (colour_from_index(s + 5, colour));
	if (strcasecmp(s, "default") == 0) {
		*colour = COLOUR_DEFAULT;
		return (0);
	}
	for (i = 0; i < 16; i++) {
		if (strcasecmp(s, colour_names[i]) == 0) {
			*colour = i;
			return (0);
		}
	}
	return (-1);
}

/* Name of a colour as colour_from_string reads it, in a static buffer. */
const char *
colour_to_string(int colour)
{
	static char	buf[16];

	if (colour == COLOUR_DEFAULT)
		return ("default");
	if (COLOUR_IS_RGB(colour)) {
		snprintf(buf, sizeof buf, "#%02x%02x%02x",
		    (colour >> 16) & 0xff, (colour >> 8) & 0xff, colour & 0xff);
		return (buf);
	}
	if (colour >= 0 && colour < 16)
		return (colour_names[colour]);
	if (colour >= 16 && colour <= 255) {
		snprintf(buf, sizeof buf, "colour%d", colour);
		return (buf);
	}
	return ("invalid");
}

/* Squared distance between two RGB colours. */
static int
colour_dist_sq(int r1, int g1, int b1, int r2, int g2, int b2)
{
	return ((r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) +
	    (b1 - b2) * (b1 - b2));
}

/* The cube level nearest to one channel, the lower one on a tie. */
static int
colour_cube_nearest(int v)
{
	int	i;

	for (i = 0; i < 5; i++) {
		if (2 * v <= colour_cube_levels[i] + colour_cube_levels[i + 1])
			return (i);
	}
	return (5);
}

/*
 * The nearest of the cube and grey colours to an RGB value. Squared
 * distance splits by channel, so the nearest cube colour is the nearest
 * level in each channel; and the nearest grey is the grey nearest to the
 * mean of the channels. Then the closer of the two wins. Unlike tmux,
 * ties go to the lower index, so the answer is exactly what a search of
 * all 240 colours in index order would give.
 */
int
colour_256_from_rgb(uint8_t r, uint8_t g, uint8_t b)
{
	int	qr, qg, qb, cube, grey, t, d_cube, d_grey;

	qr = colour_cube_nearest(r);
	qg = colour_cube_nearest(g);
	qb = colour_cube_nearest(b);
	d_cube = colour_dist_sq(colour_cube_levels[qr], colour_cube_levels[qg],
	    colour_cube_levels[qb], r, g, b);
	cube = 16 + 36 * qr + 6 * qg + qb;

	/*
	 * Grey i is 8 + 10i; compare three times the mean with three times
	 * each grey to stay in integers: i = round((r + g + b - 24) / 30),
	 * rounding halves down.
	 */
	t = r + g + b - 24;
	if (t < 0)
		t = 0;
	if ((grey = (t + 14) / 30) > 23)
		grey = 23;
	t = 8 + 10 * grey;
	d_grey = colour_dist_sq(t, t, t, r, g, b);

	if (d_grey < d_cube)
		return (232 + grey);
	return (cube);
}

/* The RGB value of a palette index; anything outside 0-255 is black. */
void
colour_256_to_rgb(int colour, uint8_t *r, uint8_t *g, uint8_t *b)
{
	if (colour >= 0 && colour < 16) {
		*r = colour_xterm16[colour][0];
		*g = colour_xterm16[colour][1];
		*b = colour_xterm16[colour][2];
	} else if (colour >= 16 && colour < 232) {
		colour -= 16;
		*r = colour_cube_levels[colour / 36];
		*g = colour_cube_levels[(colour / 6) % 6];
		*b = colour_cube_levels[colour % 6];
	} else if (colour >= 232 && colour <= 255)
		*r = *g = *b = 8 + 10 * (colour - 232);
	else
		*r = *g = *b = 0;
}

/* A colour as the terminal can show it: RGB kept if it has RGB, else 256. */
int
colour_for_terminal(int colour, int has_rgb)
{
	if (!COLOUR_IS_RGB(colour) || has_rgb)
		return (colour);
	return (colour_256_from_rgb((colour >> 16) & 0xff,
	    (colour >> 8) & 0xff, colour & 0xff));
}
