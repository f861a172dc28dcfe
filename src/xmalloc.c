/* Allocation that never returns NULL: out of memory is fatal. */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/log.h"
#include "vigil/xmalloc.h"

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("malloc %zu", size);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("calloc %zu x %zu", n, size);
	return (p);
}

void *
xrealloc(void *p, size_t size)
{
	return (xreallocarray(p, 1, size));
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	void	*np;

	if (size != 0 && n > SIZE_MAX / size)
		fatalx("reallocarray %zu x %zu overflows", n, size);
	if (n * size == 0)
		n = size = 1;
	if ((np = realloc(p, n * size)) == NULL)
		fatal("realloc %zu x %zu", n, size);
	return (np);
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("strdup");
	return (p);
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		fatal("strndup");
	return (p);
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (n);
}

int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	n;

	if ((n = vasprintf(ret, fmt, ap)) < 0 || *ret == NULL)
		fatal("vasprintf");
	return (n);
}
