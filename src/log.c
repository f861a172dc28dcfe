/* Debug log (enabled with -v) and fatal errors. */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vigil/log.h"

static FILE	*log_file;
static void	(*log_fatal_hook)(void);

/* Open the debug log; every later log_debug line goes there. */
void
log_open(const char *path)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = fopen(path, "ae");
	if (log_file != NULL)
		setvbuf(log_file, NULL, _IOLBF, 0);
}

/* Start a log of this process's own: prefix-PID.log in the directory. */
void
log_reopen(const char *prefix)
{
	char	path[256];

	snprintf(path, sizeof path, "%s-%ld.log", prefix, (long)getpid());
	log_open(path);
}

void
log_close(void)
{
	if (log_file != NULL)
		fclose(log_file);
	log_file = NULL;
}

int
log_enabled(void)
{
	return (log_file != NULL);
}

/* Set a function that restores the terminal before a fatal message prints. */
void
log_set_fatal_hook(void (*fn)(void))
{
	log_fatal_hook = fn;
}

static void
log_vwrite(const char *prefix, const char *fmt, va_list ap)
{
	struct timespec	ts;

	if (log_file == NULL)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(log_file, "%lld.%06ld %d %s", (long long)ts.tv_sec,
	    ts.tv_nsec / 1000, (int)getpid(), prefix);
	vfprintf(log_file, fmt, ap);
	fputc('\n', log_file);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("", fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("warning: ", fmt, ap);
	va_end(ap);
}

static void __attribute__((noreturn))
fatal_common(int with_errno, int saved, const char *fmt, va_list ap)
{
	va_list	copy;

	if (log_fatal_hook != NULL) {
		void (*fn)(void) = log_fatal_hook;

		log_fatal_hook = NULL;
		fn();
	}
	va_copy(copy, ap);
	log_vwrite("fatal: ", fmt, copy);
	va_end(copy);
	fputs("vigil: fatal: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
	exit(1);
}

/* Report an impossible state with errno and exit. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;
	int	saved = errno;

	va_start(ap, fmt);
	fatal_common(1, saved, fmt, ap);
}

/* Report an impossible state and exit. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fatal_common(0, 0, fmt, ap);
}
