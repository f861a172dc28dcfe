/* Debug log (enabled with -v) and fatal errors. */
#ifndef VIGIL_LOG_H
#define VIGIL_LOG_H

void	log_open(const char *path);
void	log_reopen(const char *);
void	log_close(void);
int	log_enabled(void);
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	log_set_fatal_hook(void (*)(void));

#endif
