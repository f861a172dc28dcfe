/* UTF-8: encoding a code point. */
#ifndef VIGIL_UTF8_H
#define VIGIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_MAX	4

/* Write a Unicode scalar value as UTF-8 into out; returns the length. */
size_t	utf8_encode(uint32_t, char *);

#endif
