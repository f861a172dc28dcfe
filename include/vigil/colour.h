/* Colours: names, the 256-colour palette, and RGB down-conversion. */
#ifndef VIGIL_COLOUR_H
#define VIGIL_COLOUR_H

#include <stdint.h>

/*
 * A colour is COLOUR_DEFAULT, a palette index 0-255, or an RGB value with
 * COLOUR_FLAG_RGB set.
 */
#define COLOUR_DEFAULT		(-1)
#define COLOUR_FLAG_RGB		0x01000000
#define COLOUR_RGB(r, g, b)	(COLOUR_FLAG_RGB | ((int)(r) << 16) | \
				    ((int)(g) << 8) | (int)(b))
#define COLOUR_IS_RGB(c)	((c) != COLOUR_DEFAULT && ((c) & COLOUR_FLAG_RGB))

/* Parse "red", "brightred", "colour123", "color123", "#ff8800", "default". */
int		 colour_from_string(const char *, int *);
/* Name of a colour, in a static buffer. */
const char	*colour_to_string(int);
/* The nearest of the 240 cube and grey colours (16-255) to an RGB colour. */
int		 colour_256_from_rgb(uint8_t, uint8_t, uint8_t);
/* The RGB value of a palette index (xterm's default palette). */
void		 colour_256_to_rgb(int, uint8_t *, uint8_t *, uint8_t *);
/* A colour as the terminal can show it: RGB kept or brought to 256. */
int		 colour_for_terminal(int, int);

#endif
