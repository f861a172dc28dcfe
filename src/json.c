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
#include "vigil/utf8.h"
#include "vigil/xmalloc.h"

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
		} else if ((n = utf8_valid_len(p)) == 0) {
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
