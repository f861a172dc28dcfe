/* Decoding of the attached terminal's input bytes into keys, mouse and paste. */
#ifndef VIGIL_INPUT_H
#define VIGIL_INPUT_H

#include <stddef.h>

#include "vigil/keys.h"

enum input_type {
	INPUT_KEY,
	INPUT_MOUSE,
	INPUT_PASTE_START,
	INPUT_PASTE,		/* a chunk of pasted bytes, verbatim */
	INPUT_PASTE_END,
	INPUT_FOCUS_IN,
	INPUT_FOCUS_OUT
};

enum input_mouse_action {
	INPUT_MOUSE_PRESS,
	INPUT_MOUSE_RELEASE,
	INPUT_MOUSE_DRAG,	/* motion with a button held */
	INPUT_MOUSE_MOVE	/* motion with no button */
};

struct input_mouse {
	enum input_mouse_action	action;
	int			button;	/* 1-3, 4/5 wheel up/down, 6/7 left/right, 0 none */
	int			x, y;	/* 0-based cell */
	int			mods;	/* KEYC_SHIFT | KEYC_ALT | KEYC_CTRL */
};

struct input_event {
	enum input_type		 type;
	struct key		 key;	/* INPUT_KEY */
	struct input_mouse	 mouse;	/* INPUT_MOUSE */
	const char		*data;	/* the bytes this event came from; */
	size_t			 len;	/* for INPUT_PASTE, the pasted bytes */
};

typedef void (*input_cb)(const struct input_event *, void *);

struct input;

struct input	*input_create(input_cb, void *);
void		 input_free(struct input *);
/* Decode bytes; complete events are handed to the callback in order. */
void		 input_parse(struct input *, const char *, size_t);
/* Non-zero if an incomplete sequence waits for more bytes. */
int		 input_pending(const struct input *);
/* The escape-time ran out: decode whatever waits as plain keys. */
void		 input_flush(struct input *);

#endif
