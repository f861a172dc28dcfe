/*
 * The status line as a list of segments that modules fill.
 *
 * The core puts the session name, one segment per pane and the clock;
 * modules registered with status_register_pane_part add to each pane's
 * segment. Building and fitting are pure functions of the session and a
 * time, so tests check them without a terminal.
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/xmalloc.h"

#define STATUS_MAX_PARTS	8

static status_pane_part		status_parts[STATUS_MAX_PARTS];
static u_int			status_nparts;
static status_pane_segment	status_segments[STATUS_MAX_PARTS];
static u_int			status_nsegments;

void
status_register_pane_part(status_pane_part fn)
{
	u_int	i;

	for (i = 0; i < status_nparts; i++) {
		if (status_parts[i] == fn)
			return;
	}
	if (status_nparts == STATUS_MAX_PARTS)
		fatalx("too many status parts");
	status_parts[status_nparts++] = fn;
}

void
status_register_pane_segment(status_pane_segment fn)
{
	u_int	i;

	for (i = 0; i < status_nsegments; i++) {
		if (status_segments[i] == fn)
			return;
	}
	if (status_nsegments == STATUS_MAX_PARTS)
		fatalx("too many status segments");
	status_segments[status_nsegments++] = fn;
}

struct status_segment *
status_add(struct status_line *sl, int right, const struct style *style,
    int pane_id, const char *fmt, ...)
{
	struct status_segment	*seg;
	va_list			 ap;

	sl->segs = xreallocarray(sl->segs, sl->n + 1, sizeof *sl->segs);
	seg = &sl->segs[sl->n++];
	memset(seg, 0, sizeof *seg);
	va_start(ap, fmt);
	xvasprintf(&seg->text, fmt, ap);
	va_end(ap);
	seg->style = *style;
	seg->pane_id = pane_id;
	seg->right = right;
	return (seg);
}

/* One pane's segment: " N:name" with markers and the registered parts. */
static void
status_build_pane(struct status_line *sl, struct session *s, struct pane *p)
{
	struct status_segment	*seg;
	const struct style	*style;
	char			*text, *label;
	u_int			 i, idx = session_pane_index(s, p);

	xasprintf(&label, "%u:", idx);
	if (pane_is_dead(p))
		xasprintf(&text, " %s%s%s[%s]", label, p->name,
		    p == s->active ? "*" : "", pane_exit_string(p));
	else
		xasprintf(&text, " %s%s%s%s%s", label, p->name,
		    p == s->active ? "*" : "", s->zoomed == p ? "Z" : "",
		    (p->flags & PANE_BELL) ? "!" : "");
	for (i = 0; i < status_nparts; i++)
		status_parts[i](s, p, &text);

	if (p == s->active)
		style = options_get_style(OPT_STATUS_CURRENT_STYLE);
	else
		style = options_get_style(OPT_STATUS_STYLE);
	seg = status_add(sl, 0, style, p->id, "%s", text);
	seg->priority = STATUS_PRIORITY_PANE;
	seg->min_width = 1 + status_width(label) + 1;
	free(label);
	free(text);
	for (i = 0; i < status_nsegments; i++)
		status_segments[i](sl, s, p, style);
}

void
status_build(struct status_line *sl, struct session *s, time_t now)
{
	const struct style	*style = options_get_style(OPT_STATUS_STYLE);
	struct status_segment	*seg;
	struct pane		*p;
	struct tm		 tm;
	char			 clock[16];

	memset(sl, 0, sizeof *sl);
	seg = status_add(sl, 0, style, -1, "[%s]", s->name);
	seg->priority = STATUS_PRIORITY_SESSION;

	TAILQ_FOREACH(p, &s->panes, entry)
		status_build_pane(sl, s, p);

	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	seg = status_add(sl, 1, style, -1, " %s ", clock);
	seg->priority = STATUS_PRIORITY_CLOCK;

	/* Clients of different sizes share the smallest; say it. */
	if (s->flags & SESSION_SMALLER) {
		seg = status_add(sl, 1, style, -1, " %ux%u (smallest client)",
		    s->sx, s->sy);
		seg->priority = STATUS_PRIORITY_SESSION;
	}
}

/*
 * Give up space: drop the session name, then the clock, then cut modules'
 * segments (resource views) down to their minimum, then the widest pane
 * segment down to its number, then drop modules' segments, then panes'.
 */
static int
status_shrink(struct status_line *sl)
{
	struct status_segment	*seg, *cut = NULL, *drop = NULL;
	u_int			 i;

	/* Modules' segments are cut before panes' and dropped after. */
	for (i = 0; i < sl->n; i++) {
		seg = &sl->segs[i];
		if (seg->width == 0)
			continue;
		if (seg->min_width != 0 && seg->width > seg->min_width &&
		    (cut == NULL || seg->priority < cut->priority ||
		    (seg->priority == cut->priority &&
		    seg->width > cut->width)))
			cut = seg;
		if (drop == NULL || seg->priority < drop->priority)
			drop = seg;
	}
	if (drop != NULL && (drop->priority < STATUS_PRIORITY_PART ||
	    cut == NULL)) {
		drop->width = 0;
		return (1);
	}
	if (cut != NULL) {
		cut->width--;
		return (1);
	}
	return (0);
}

/* Total cells the segments take now. */
static u_int
status_total(const struct status_line *sl)
{
	u_int	i, total = 0;

	for (i = 0; i < sl->n; i++)
		total += sl->segs[i].width;
	return (total);
}

void
status_fit(struct status_line *sl, u_int width)
{
	struct status_segment	*seg;
	u_int			 i, x;

	for (i = 0; i < sl->n; i++)
		sl->segs[i].width = status_width(sl->segs[i].text);
	while (status_total(sl) > width && status_shrink(sl))
		;

	for (x = 0, i = 0; i < sl->n; i++) {
		seg = &sl->segs[i];
		if (!seg->right) {
			seg->x = x;
			x += seg->width;
		}
	}
	for (x = width, i = sl->n; i > 0; i--) {
		seg = &sl->segs[i - 1];
		if (seg->right) {
			x -= seg->width;
			seg->x = x;
		}
	}
}

void
status_free(struct status_line *sl)
{
	u_int	i;

	for (i = 0; i < sl->n; i++)
		free(sl->segs[i].text);
	free(sl->segs);
	sl->segs = NULL;
	sl->n = 0;
}

int
status_pane_at(const struct status_line *sl, u_int x)
{
	const struct status_segment	*seg;
	u_int				 i;

	for (i = 0; i < sl->n; i++) {
		seg = &sl->segs[i];
		if (seg->pane_id != -1 && x >= seg->x &&
		    x < seg->x + seg->width)
			return (seg->pane_id);
	}
	return (-1);
}

/* Decode one UTF-8 character; returns its length (at least 1) and width. */
static size_t
status_char(const char *s, int *width)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n;

	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;
		return (1);
	}
	*width = wcwidth(wc);
	if (*width < 0)
		*width = 1;
	return (n);
}

u_int
status_width(const char *s)
{
	u_int	total = 0;
	int	w;

	while (*s != '\0') {
		s += status_char(s, &w);
		total += w;
	}
	return (total);
}

size_t
status_prefix(const char *s, u_int cells, u_int *used)
{
	size_t	off = 0, n;
	u_int	total = 0;
	int	w;

	while (s[off] != '\0') {
		n = status_char(s + off, &w);
		if (total + w > cells)
			break;
		total += w;
		off += n;
	}
	if (used != NULL)
		*used = total;
	return (off);
}

char *
status_text(const struct status_line *sl, u_int width)
{
	const struct status_segment	*seg;
	char				*line;
	u_int				 i, x, used, cells;
	size_t				 len, off = 0, cap;

	cap = width * 4 + 1;
	line = xmalloc(cap);
	memset(line, ' ', width);
	line[width] = '\0';
	/* Lay segments left to right; each is whole characters. */
	for (x = 0, i = 0; i < sl->n; i++) {
		seg = &sl->segs[i];
		if (seg->width == 0)
			continue;
		while (x < seg->x && off < cap - 1) {
			line[off++] = ' ';
			x++;
		}
		cells = seg->width;
		len = status_prefix(seg->text, cells, &used);
		if (off + len + cells >= cap)
			break;
		memcpy(line + off, seg->text, len);
		off += len;
		for (; used < cells; used++)
			line[off++] = ' ';
		x += cells;
	}
	while (x++ < width && off < cap - 1)
		line[off++] = ' ';
	line[off] = '\0';
	return (line);
}

u_int
status_next_tick(time_t now)
{
	return (60 - (u_int)(now % 60));
}
