/* UTF-8: encoding, checking, and making text safe for a terminal. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

size_t
utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = c;
		return (1);
	}
	if (c < 0x800) {
		out[0] = 0xc0 | (c >> 6);
		out[1] = 0x80 | (c & 0x3f);
		return (2);
	}
	if (c < 0x10000) {
		out[0] = 0xe0 | (c >> 12);
		out[1] = 0x80 | ((c >> 6) & 0x3f);
		out[2] = 0x80 | (c & 0x3f);
		return (3);
	}
	out[0] = 0xf0 | (c >> 18);
	out[1] = 0x80 | ((c >> 12) & 0x3f);
	out[2] = 0x80 | ((c >> 6) & 0x3f);
	out[3] = 0x80 | (c & 0x3f);
	return (4);
}

size_t
utf8_decode(const unsigned char *s, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return (1);
	}
	if (s[0] < 0xe0) {
		*c = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return (2);
	}
	if (s[0] < 0xf0) {
		*c = (uint32_t)(s[0] & 0x0f) << 12 | (s[1] & 0x3f) << 6 |
		    (s[2] & 0x3f);
		return (3);
	}
	*c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	    (s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return (4);
}

size_t
utf8_valid_len(const unsigned char *s)
{
	size_t	n, i;

	if (s[0] < 0x80)
		return (1);
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
	}
	if ((n == 3 && s[0] == 0xe0 && s[1] < 0xa0) ||
	    (n == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (n == 4 && s[0] == 0xf0 && s[1] < 0x90) ||
	    (n == 4 && s[0] == 0xf4 && s[1] >= 0x90))
		return (0);
	return (n);
}

char *
utf8_printable(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out = xmalloc(strlen(s) * 4 + 1), *o = out;
	size_t			 n;

	while (*p != '\0') {
		n = utf8_valid_len(p);
		/* C1 controls are U+0080 to U+009F: 0xc2 0x80 to 0xc2 0x9f. */
		if (n == 1 && *p != '\\' && *p >= 0x20 && *p != 0x7f) {
			*o++ = (char)*p++;
		} else if (n == 1 && *p == '\\') {
			*o++ = '\\';
			*o++ = '\\';
			p++;
		} else if (n > 1 && !(p[0] == 0xc2 && p[1] < 0xa0)) {
			memcpy(o, p, n);
			o += n;
			p += n;
		} else
			o += sprintf(o, "\\%03o", *p++);
	}
	*o = '\0';
	return (out);
}
