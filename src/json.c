/*
 * JSON output: strings quoted and escaped.
 *
 * Command names and titles come from programs and may hold anything:
 * control characters are escaped and bytes that are not UTF-8 become
 * U+FFFD so the output always parses.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/json.h"
#include "vigil/xmalloc.h"

/* Length of a valid UTF-8 sequence at s, or 0. */
static size_t
json_utf8_len(const u_char *s)
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
json_string(const char *s)
{
	const u_char	*p = (const u_char *)s;
	char		*out = xmalloc(strlen(s) * 6 + 3), *o = out;
	size_t		 n;

	*o++ = '"';
	while (*p != '\0') {
		if (*p == '"' || *p == '\\') {
			*o++ = '\\';
			*o++ = *p++;
		} else if (*p < 0x20 || *p == 0x7f) {
			o += sprintf(o, "\\u%04x", *p++);
		} else if ((n = json_utf8_len(p)) == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
		} else {
			memcpy(o, p, n);
			o += n;
			p += n;
		}
	}
	*o++ = '"';
	*o = '\0';
	return (out);
}
