/* Drawing a session onto a client's terminal with ncurses. */
#ifndef VIGIL_RENDER_H
#define VIGIL_RENDER_H

#include <sys/types.h>

#include "vigil/vigil.h"

/* Where the pane area and the status line sit on a client's terminal. */
struct render_geometry {
	u_int	area_y;		/* first row of the pane area */
	u_int	area_sy;	/* rows for panes */
	int	status_y;	/* row of the status line, -1 if none */
};

void	render_geometry(const struct client *, struct render_geometry *);
/* Draw what changed (everything if the client asks) and send it. */
void	render_client(struct client *);

#endif
