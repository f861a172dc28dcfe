/* The terminal of one client: raw mode, an ncurses SCREEN, its output. */
#ifndef VIGIL_TTY_H
#define VIGIL_TTY_H

#include <sys/types.h>

#include <stdio.h>
#include <termios.h>

#include <curses.h>

struct event;
struct evbuffer;

/*
 * Stop drawing for a client whose terminal has this much unwritten (four
 * bytes a cell, at least TTY_BACKLOG_MIN), and throw away the frames still
 * queued: it is drawn whole when it has taken the rest.
 */
#define TTY_BACKLOG_MIN	(32 * 1024)
#define TTY_BACKLOG_MAX(tty) \
	((tty)->sx * (tty)->sy * 4 > TTY_BACKLOG_MIN ? \
	(size_t)(tty)->sx * (tty)->sy * 4 : TTY_BACKLOG_MIN)
/* How long leaving a terminal may wait for it to take the last bytes. */
#define TTY_DRAIN_MS	500

/* A colour pair found before, by the colours asked for. */
struct tty_pair {
	int		 fg, bg;	/* as asked for */
	int		 tfg, tbg;	/* as the terminal takes them */
	int		 pair;		/* 0: none */
};
#define TTY_PAIR_CACHE 1024

/* A piece of the output queue: a frame, or anything else. */
struct tty_unit {
	size_t		 len;
	int		 frame;
};

struct tty {
	int		 fd;
	int		 saved_fl;
	struct termios	 saved_tio;
	int		 tio_saved;

	char		*term;
	char		*colorterm;	/* the client's COLORTERM */
	SCREEN		*screen;
	FILE		*scr_out;	/* ncurses writes here (a memfd) */
	int		 scr_fd;

	u_int		 sx, sy;
	int		 colours;	/* COLORS of the terminal */
	int		 direct;	/* ncurses takes RGB pair colours */
	int		 direct_palette; /* and 0-255 stay palette colours */
	int		 rgb;		/* the terminal shows 24-bit colour */
	int		 xterm_like;	/* speaks xterm's OSC and DECSCUSR */

	int		 flags;
#define TTY_STARTED	0x1
#define TTY_MOUSE	0x2
#define TTY_BLOCKED	0x4	/* backlog too large: not drawing */
#define TTY_DISCARDED	0x8	/* frames were thrown away */

	/*
	 * ncurses finds a pair in a tree (alloc_pair), and a full repaint
	 * asks for one per cell: a row of cells mostly shares its colours.
	 */
	struct tty_pair	 pairs[TTY_PAIR_CACHE];

	int		 cursor_shape;	/* DECSCUSR last sent, -1 none */
	char		*title;

	struct evbuffer	*out;
	struct tty_unit	*units;		/* what out holds, oldest first */
	u_int		 nunits;
	size_t		 unit_sent;	/* of the first, already written */
	struct event	*write_ev;
	void		(*unblock_cb)(void *);
	void		 *cb_arg;
};

/*
 * Set up a terminal on fd (already non-blocking, now owned by the tty) for
 * TERM and COLORTERM. Returns 0 or -1 with *cause.
 */
int	tty_open(struct tty *, int, const char *, const char *, char **);
/* Free the terminal and close its fd; its SCREEN is kept for reuse. */
void	tty_close(struct tty *);
/* Raw mode, alternate screen and the modes vigil uses. */
void	tty_start(struct tty *, int);
/* Put the terminal back exactly as it was; blocks until written. */
void	tty_stop(struct tty *);
/* Read the terminal's size from the kernel; 0 or -1. */
int	tty_read_size(int, u_int *, u_int *);
void	tty_resize(struct tty *, u_int, u_int);
/* Make this terminal the one ncurses draws on. */
void	tty_select(struct tty *);
/* Send the drawing done on the SCREEN to the terminal. */
void	tty_update(struct tty *);
/* Raw bytes for the terminal, in order after what ncurses drew. */
void	tty_puts(struct tty *, const char *);
void	tty_write(struct tty *, const char *, size_t);
size_t	tty_backlog(const struct tty *);

void	tty_set_mouse(struct tty *, int);
void	tty_set_title(struct tty *, const char *);
void	tty_set_cursor_shape(struct tty *, int, int);
void	tty_bell(struct tty *);
/* A desktop notification through the terminal (OSC 9). */
void	tty_notify(struct tty *, const char *);
/* The ncurses colour pair for a fg/bg, mapped to what the terminal has. */
int	tty_colour_pair(struct tty *, int, int);

#endif
