/*
 * The cells we own: a pane's screen (main and alternate) as rows of compact
 * cells, changed by what libvterm's state layer asks for, and its history.
 */
#ifndef VIGIL_GRID_H
#define VIGIL_GRID_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define GRID_MAX_CHARS	6	/* base character plus combining ones */

/* A cell's ch besides a character. */
#define GRID_PADDING	0xffffffffU	/* the right half of a wide character */
#define GRID_EXTENDED	0x80000000U	/* | index of the row's extended cell */

/* A cell's flags. */
#define GRID_PROTECTED	0x01	/* DECSCA: kept by a selective erase */

struct grid_cell {
	uint32_t	ch;	/* 0 if empty */
	int32_t		fg, bg;	/* colour.h */
	uint16_t	attrs;	/* ATTR_* of style.h */
	uint8_t		flags;
	uint8_t		unused;
};

/*
 * A row: its cells and the characters of cells with combining ones. The
 * cells from used on are all empty in the default pen, so a line feed
 * erases and the history reads only what was written.
 */
struct grid_row {
	struct grid_cell *cells;
	uint32_t	(*ext)[GRID_MAX_CHARS];	/* 0-terminated if short */
	u_int		  next_ext, size_ext;
	u_int		  used;
};

/* A rectangle of cells, [top, bottom) x [left, right). */
struct grid_rect {
	u_int	top, bottom, left, right;
};

struct grid;
struct grid_history;

struct grid	*grid_create(u_int, u_int, u_int);
void		 grid_free(struct grid *);
void		 grid_size(const struct grid *, u_int *, u_int *);

/* The pen that new characters and erased cells take. */
void		 grid_set_pen(struct grid *, int, int, int);
/* Put a character (and combining ones, 0-terminated) of width 1 or 2. */
void		 grid_put(struct grid *, u_int, u_int, const uint32_t *, u_int,
		     int);
/* Put a run of printable ASCII characters, each of width 1. */
void		 grid_put_ascii(struct grid *, u_int, u_int, const char *,
		     u_int, int);
/*
 * Scroll a rectangle down (lines move up) and right (cells move left),
 * either may be negative; what is uncovered is erased. Lines leaving the
 * top of the main screen over its full width go to the history.
 */
void		 grid_scroll(struct grid *, const struct grid_rect *, int, int);
/* Erase to the pen; selective keeps protected cells. */
void		 grid_erase(struct grid *, const struct grid_rect *, int);
/* A row became double-width: its right half is erased. */
void		 grid_double_width(struct grid *, u_int);
void		 grid_set_alternate(struct grid *, int);
int		 grid_alternate(const struct grid *);
void		 grid_set_reverse(struct grid *, int);
/*
 * New size, with the cursor's row: rows that would fall off the bottom
 * below the cursor are dropped if blank, else the top goes to the history;
 * a taller screen takes lines back from it. Returns how far the cursor's
 * row moved.
 */
int		 grid_resize(struct grid *, u_int, u_int, u_int);

/*
 * A cell of the screen and its characters (up to GRID_MAX_CHARS,
 * 0-terminated if fewer): its width is 0 for padding, 2 if the next cell
 * is padding; its attributes include the screen's reverse.
 */
void		 grid_get_cell(const struct grid *, u_int, u_int,
		     struct grid_cell *, uint32_t *, u_int *);

/* Rows changed since grid_clean, [top, bottom); 0 if none. */
int		 grid_dirty(const struct grid *, u_int *, u_int *);
void		 grid_clean(struct grid *);
void		 grid_dirty_all(struct grid *);

struct grid_history *grid_history(const struct grid *);

/* The history: lines scrolled off the top, compactly, in a ring. */
struct grid_history *grid_history_create(u_int);
void		 grid_history_free(struct grid_history *);
/* Keep a row of this many cells; the oldest line goes when full. */
void		 grid_history_push(struct grid_history *,
		     const struct grid_row *, u_int);
/*
 * Give back the newest line as a row of this many cells, padded with empty
 * default cells. Returns 0 if the history is empty.
 */
int		 grid_history_pop(struct grid_history *, struct grid_row *,
		     u_int);
u_int		 grid_history_size(const struct grid_history *);
/* What the lines cost: their encoding and a slot each in the ring. */
size_t		 grid_history_bytes(const struct grid_history *);
void		 grid_history_set_limit(struct grid_history *, u_int);
void		 grid_history_set_max_bytes(struct grid_history *, size_t);
void		 grid_history_clear(struct grid_history *);

/* Rows, for the history and for tests. */
void		 grid_row_init(struct grid_row *, u_int);
void		 grid_row_free(struct grid_row *);
/* Give a cell these characters (0-terminated if fewer than the max). */
void		 grid_row_set_chars(struct grid_row *, u_int, u_int,
		     const uint32_t *);
/* A cell's characters; how many. */
u_int		 grid_row_chars(const struct grid_row *, u_int, uint32_t *);

#endif
