/* An attached client in a PTY, its output read into a screen. */
#ifndef BENCH_TERM_H
#define BENCH_TERM_H

#include <sys/types.h>

#include <stddef.h>

struct bench_term;

/*
 * Run argv (a client: PROG -S SOCK attach) in a PTY of sx x sy with
 * TERM=xterm-256color. Its output is read into a screen of characters only,
 * kept by libvterm's state layer and rows this file owns: a scroll moves
 * row pointers, so the screen costs little more than the parse, like a fast
 * terminal, however much the client is sent.
 */
struct bench_term *bench_term_attach(char *const [], u_int, u_int);
/*
 * End the client: wait for it to leave (the caller ended its server),
 * reading its output meanwhile; SIGKILL after a few seconds.
 */
void	 bench_term_free(struct bench_term *);

/* The PTY master (non-blocking). */
int	 bench_term_fd(struct bench_term *);
/* Has the client gone (EOF on the PTY)? */
int	 bench_term_eof(struct bench_term *);
/* Bytes read from the client so far. */
size_t	 bench_term_total(struct bench_term *);

/*
 * Read what is there, up to max bytes (0: until there is no more, or 1 MB),
 * into the screen; the bytes read.
 */
size_t	 bench_term_read(struct bench_term *, size_t);
/* Wait up to ms for output (poll); then bench_term_read(t, max). */
size_t	 bench_term_pump(struct bench_term *, int, size_t);
/* Write to the client's terminal, as keys typed. */
int	 bench_term_send(struct bench_term *, const char *, size_t);

/* Is text on the screen? Its row and column into *row and *col. */
int	 bench_term_find(struct bench_term *, const char *, int *, int *);
/* Is text at row, col? */
int	 bench_term_at(struct bench_term *, int, int, const char *);
/* Wait up to ms, reading, for text; 0 if it showed. */
int	 bench_term_wait(struct bench_term *, const char *, int, int *,
	     int *);

#endif
