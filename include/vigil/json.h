/* JSON output: strings quoted and escaped. */
#ifndef VIGIL_JSON_H
#define VIGIL_JSON_H

/* s as a JSON string with its quotes (xmalloc'd); bad UTF-8 becomes U+FFFD. */
char	*json_string(const char *);

#endif
