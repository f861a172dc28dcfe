/* UTF-8: encoding, checking, and making text safe for a terminal. */
#ifndef VIGIL_UTF8_H
#define VIGIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_MAX	4

/* Write a Unicode scalar value as UTF-8 into out; returns the length. */
size_t	utf8_encode(uint32_t, char *);
/* Read back what utf8_encode wrote; the length. */
size_t	utf8_decode(const unsigned char *, uint32_t *);
/* Length of the valid UTF-8 sequence at s (1 to 4), or 0. */
size_t	utf8_valid_len(const unsigned char *);
/*
 * s made safe for a terminal (xmalloc'd): controls (C0, DEL, C1) and bytes
 * that are not UTF-8 become \ooo, as vis(3) writes them, and \ is \\.
 */
char	*utf8_printable(const char *);

#endif
