/*
 * An attached terminal: its keys, mouse and paste, the prefix, prompts.
 *
 * Bytes read from the terminal are decoded by input.c; each event goes to
 * a prompt, a key binding, or the active pane, re-encoded for the pane's
 * modes by libvterm.
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "vigil/client.h"
#include "vigil/cmd.h"
#include "vigil/input.h"
#include "vigil/keys.h"
#include "vigil/log.h"
#include "vigil/options.h"
#include "vigil/pane.h"
#include "vigil/render.h"
#include "vigil/server.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/tty.h"
#include "vigil/vt.h"
#include "vigil/xmalloc.h"

#define CLIENT_READ_SIZE	4096

static void	client_read_cb(int, short, void *);
static void	client_input_cb(const struct input_event *, void *);
static void	client_input_timer_cb(int, short, void *);
static void	client_key_timer_cb(int, short, void *);
static void	client_message_timer_cb(int, short, void *);
static void	client_unblock_cb(void *);
static void	client_close_overlay(struct client *);

struct client *
client_create(int fd, const char *term, const char *colorterm,
    struct session *s, char **cause)
{
	struct client	*c;

	c = xcalloc(1, sizeof *c);
	c->tty = xcalloc(1, sizeof *c->tty);
	if (tty_open(c->tty, fd, term, colorterm, cause) != 0) {
		c->tty->fd = -1;	/* the caller still owns it */
		tty_close(c->tty);
		free(c->tty);
		free(c);
		return (NULL);
	}
	c->tty->unblock_cb = client_unblock_cb;
	c->tty->cb_arg = c;
	c->session = s;
	c->paste_pane = -1;
	c->key_table = KEY_TABLE_ROOT;
	c->input = input_create(client_input_cb, c);
	c->input_timer = evtimer_new(server_base, client_input_timer_cb, c);
	c->key_timer = evtimer_new(server_base, client_key_timer_cb, c);
	c->message_timer = evtimer_new(server_base, client_message_timer_cb,
	    c);
	c->read_ev = event_new(server_base, fd, EV_READ | EV_PERSIST,
	    client_read_cb, c);
	event_add(c->read_ev, NULL);
	TAILQ_INSERT_TAIL(&clients, c, entry);

	tty_start(c->tty, options_get_number(OPT_MOUSE));
	server_touch_session(s);
	client_resize(c);
	c->flags |= CLIENT_REDRAW;
	return (c);
}

void
client_detach(struct client *c, const char *reason)
{
	if (c->flags & CLIENT_DETACH)
		return;
	c->flags |= CLIENT_DETACH;
	free(c->exit_reason);
	c->exit_reason = NULL;
	if (reason != NULL && strcmp(reason, "detached") == 0)
		xasprintf(&c->exit_reason, "detached (from session %s)",
		    c->session->name);
	else if (reason != NULL)
		c->exit_reason = xstrdup(reason);
	event_del(c->read_ev);
	server_wake();
}

void
client_set_session(struct client *c, struct session *s)
{
	struct session	*old = c->session;

	if (old == s)
		return;
	c->session = s;
	c->paste_pane = -1;
	client_end_key_table(c);
	server_touch_session(s);
	server_size_session(old);
	client_resize(c);
}

void
client_destroy(struct client *c)
{
	TAILQ_REMOVE(&clients, c, entry);
	tty_stop(c->tty);
	event_free(c->read_ev);
	event_free(c->input_timer);
	event_free(c->key_timer);
	event_free(c->message_timer);
	input_free(c->input);
	tty_close(c->tty);
	free(c->tty);
	free(c->message);
	free(c->prompt);
	free(c->prompt_buf);
	free(c->prompt_data);
	free(c->exit_reason);
	client_close_overlay(c);
	free(c);
}

void
client_resize(struct client *c)
{
	u_int	sx, sy;

	if (c->flags & (CLIENT_DEAD | CLIENT_DETACH))
		return;
	if (tty_read_size(c->tty->fd, &sx, &sy) == 0 &&
	    (sx != c->tty->sx || sy != c->tty->sy))
		tty_resize(c->tty, sx, sy);
	server_size_session(c->session);
	c->flags |= CLIENT_REDRAW;
}

static void
client_read_cb(int fd, short events, void *arg)
{
	struct client	*c = arg;
	char		 buf[CLIENT_READ_SIZE];
	ssize_t		 n;

	(void)events;
	n = read(fd, buf, sizeof buf);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* The terminal is gone (hung up): detach, the panes go on. */
		log_debug("client read: %s", n == 0 ? "eof" : strerror(errno));
		c->flags |= CLIENT_DEAD;
		client_detach(c, "terminal closed");
		return;
	}
	evtimer_del(c->input_timer);
	input_parse(c->input, buf, n);
	if (input_pending(c->input)) {
		long long	ms = options_get_number(OPT_ESCAPE_TIME);
		struct timeval	tv = { ms / 1000, (ms % 1000) * 1000 };

		evtimer_add(c->input_timer, &tv);
	}
}

static void
client_input_timer_cb(int fd, short events, void *arg)
{
	struct client	*c = arg;

	(void)fd;
	(void)events;
	input_flush(c->input);
}

void
client_message(struct client *c, const char *fmt, ...)
{
	va_list		ap;
	long long	ms = options_get_number(OPT_DISPLAY_TIME);
	struct timeval	tv = { ms / 1000, (ms % 1000) * 1000 };

	free(c->message);
	va_start(ap, fmt);
	xvasprintf(&c->message, fmt, ap);
	va_end(ap);
	log_debug("message: %s", c->message);
	evtimer_del(c->message_timer);
	if (ms > 0)
		evtimer_add(c->message_timer, &tv);
	c->flags |= CLIENT_REDRAW_STATUS;
}

/*
 * A message or prompt went away: redraw the status line, or the pane row
 * it was shown over when there is no status line.
 */
static void
client_status_gone(struct client *c)
{
	c->flags |= CLIENT_REDRAW_STATUS;
	if (!options_get_number(OPT_STATUS))
		c->flags |= CLIENT_REDRAW;
}

static void
client_clear_message(struct client *c)
{
	if (c->message == NULL)
		return;
	free(c->message);
	c->message = NULL;
	evtimer_del(c->message_timer);
	client_status_gone(c);
}

static void
client_message_timer_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	client_clear_message(arg);
}

/* The terminal caught up: what was skipped must be drawn in full. */
static void
client_unblock_cb(void *arg)
{
	struct client	*c = arg;

	c->flags |= CLIENT_REDRAW;
	server_wake();
}

void
client_prompt(struct client *c, const char *prompt, int single,
    void (*cb)(struct client *, const char *, const char *), const char *data)
{
	client_clear_message(c);
	free(c->prompt);
	free(c->prompt_buf);
	free(c->prompt_data);
	c->prompt_data = data != NULL ? xstrdup(data) : NULL;
	c->prompt = xstrdup(prompt);
	c->prompt_buf = xstrdup("");
	c->prompt_len = 0;
	c->prompt_cb = cb;
	c->prompt_single = single;
	c->flags |= CLIENT_REDRAW_STATUS;
}

/* Close the prompt and give the answer (NULL if cancelled). */
static void
client_prompt_done(struct client *c, const char *answer)
{
	void	(*cb)(struct client *, const char *, const char *);
	char	 *copy = answer != NULL ? xstrdup(answer) : NULL;
	char	 *data = c->prompt_data;

	cb = c->prompt_cb;
	free(c->prompt);
	free(c->prompt_buf);
	c->prompt = c->prompt_buf = c->prompt_data = NULL;
	c->prompt_len = 0;
	c->prompt_cb = NULL;
	client_status_gone(c);
	if (cb != NULL)
		cb(c, copy, data);
	free(copy);
	free(data);
}

/* Append UTF-8 text to the prompt, leaving out control characters. */
static void
client_prompt_append(struct client *c, const char *text, size_t len)
{
	size_t	i;

	c->prompt_buf = xrealloc(c->prompt_buf, c->prompt_len + len + 1);
	for (i = 0; i < len; i++) {
		if ((u_char)text[i] >= 0x20 && text[i] != 0x7f)
			c->prompt_buf[c->prompt_len++] = text[i];
	}
	c->prompt_buf[c->prompt_len] = '\0';
	c->flags |= CLIENT_REDRAW_STATUS;
}

/* A key typed at the prompt. */
static void
client_prompt_key(struct client *c, struct key key, const char *data,
    size_t len)
{
	if (c->prompt_single) {
		client_prompt_done(c, key_to_string(key));
		return;
	}
	if (key.code == KEYC_ENTER && key.mods == 0) {
		char	*answer = xstrdup(c->prompt_buf);

		client_prompt_done(c, answer);
		free(answer);
	} else if ((key.code == KEYC_ESCAPE && key.mods == 0) ||
	    (key.code == 'c' && key.mods == KEYC_CTRL))
		client_prompt_done(c, NULL);
	else if (key.code == KEYC_BACKSPACE ||
	    (key.code == 'h' && key.mods == KEYC_CTRL)) {
		while (c->prompt_len > 0 &&
		    ((u_char)c->prompt_buf[--c->prompt_len] & 0xc0) == 0x80)
			;
		c->prompt_buf[c->prompt_len] = '\0';
		c->flags |= CLIENT_REDRAW_STATUS;
	} else if (key.code == 'u' && key.mods == KEYC_CTRL) {
		c->prompt_len = 0;
		c->prompt_buf[0] = '\0';
		c->flags |= CLIENT_REDRAW_STATUS;
	} else if (!KEYC_IS_NAMED(key.code) && (key.mods & ~KEYC_SHIFT) == 0)
		client_prompt_append(c, data, len);
}

void
client_end_key_table(struct client *c)
{
	c->key_table = KEY_TABLE_ROOT;
	c->flags &= ~CLIENT_REPEAT;
	evtimer_del(c->key_timer);
}

static void
client_key_timer_cb(int fd, short events, void *arg)
{
	(void)fd;
	(void)events;
	client_end_key_table(arg);
}

/* Run commands on behalf of the client; an error becomes a message. */
static void
client_run_list(struct client *c, struct cmd_list *cl)
{
	struct cmd_ctx	ctx;

	memset(&ctx, 0, sizeof ctx);
	ctx.client = c;
	ctx.session = c->session;
	ctx.pane = c->session->active;
	ctx.error_word = -1;
	if (cmd_list_exec(cl, &ctx) != CMD_RETURN_NORMAL &&
	    ctx.error != NULL)
		client_message(c, "%s", ctx.error);
	cmd_ctx_done(&ctx);
}

static void
client_run_binding(struct client *c, struct key_binding *kb)
{
	client_run_list(c, kb->cmds);
}

void
client_run_command(struct client *c, const char *line)
{
	struct cmd_list	*cl;
	char		*cause;

	if ((cl = cmd_list_parse_string(line, &cause)) == NULL) {
		client_message(c, "%s", cause);
		free(cause);
		return;
	}
	client_run_list(c, cl);
	cmd_list_free(cl);
}

/* Close the overlay, if one is shown. */
static void
client_close_overlay(struct client *c)
{
	u_int	i;

	for (i = 0; i < c->noverlay; i++)
		free(c->overlay[i]);
	free(c->overlay);
	if (c->overlay != NULL)
		c->flags |= CLIENT_REDRAW;
	c->overlay = NULL;
	c->noverlay = c->overlay_top = 0;
}

void
client_show_overlay(struct client *c, char **lines, u_int n)
{
	client_close_overlay(c);
	c->overlay = lines;
	c->noverlay = n;
	c->flags |= CLIENT_REDRAW;
}

/* Keys while the overlay is shown scroll it; any other closes it. */
static void
client_overlay_key(struct client *c, struct key key)
{
	struct render_geometry	rg;
	u_int			page, last;

	render_geometry(c, &rg);
	page = rg.area_sy > 1 ? rg.area_sy - 1 : 1;
	last = c->noverlay > page ? c->noverlay - page : 0;
	if (key.mods != 0) {
		client_close_overlay(c);
		return;
	}
	switch (key.code) {
	case KEYC_UP:
	case 'k':
		if (c->overlay_top > 0)
			c->overlay_top--;
		break;
	case KEYC_DOWN:
	case 'j':
		if (c->overlay_top < last)
			c->overlay_top++;
		break;
	case KEYC_PAGEUP:
		c->overlay_top = c->overlay_top > page ? c->overlay_top - page :
		    0;
		break;
	case KEYC_PAGEDOWN:
	case ' ':
		c->overlay_top = c->overlay_top + page < last ?
		    c->overlay_top + page : last;
		break;
	default:
		client_close_overlay(c);
		return;
	}
	c->flags |= CLIENT_REDRAW;
}

/* A key no binding took goes to the active pane. */
static void
client_key_to_pane(struct client *c, struct key key)
{
	struct session	*s = c->session;
	struct pane	*p = s->active;

	if (p == NULL)
		return;
	if (pane_is_dead(p) && !(p->flags & PANE_HIBERNATED)) {
		/* An empty session closes in the server's next pass. */
		session_remove_pane(s, p);
		return;
	}
	pane_key(p, key);
}

/* A key in the prefix table (or while repeating). */
static void
client_key_prefix(struct client *c, struct key key)
{
	struct key_binding	*kb;
	long long		 ms = options_get_number(OPT_REPEAT_TIME);
	struct timeval		 tv = { ms / 1000, (ms % 1000) * 1000 };
	int			 repeating = (c->flags & CLIENT_REPEAT);

	kb = key_bindings_get(c->key_table, key);
	if (kb == NULL || (repeating && !kb->repeat)) {
		client_end_key_table(c);
		if (repeating)
			client_key(c, key);
		else if (key_equal(key, options_get_key(OPT_PREFIX)))
			client_key_to_pane(c, key);
		return;
	}
	if (kb->repeat && ms > 0) {
		c->flags |= CLIENT_REPEAT;
		evtimer_del(c->key_timer);
		evtimer_add(c->key_timer, &tv);
	} else
		client_end_key_table(c);
	client_run_binding(c, kb);
}

void
client_key(struct client *c, struct key key)
{
	struct key_binding	*kb;

	if (strcmp(c->key_table, KEY_TABLE_ROOT) != 0) {
		client_key_prefix(c, key);
		return;
	}
	if (key_equal(key, options_get_key(OPT_PREFIX))) {
		c->key_table = KEY_TABLE_PREFIX;
		return;
	}
	if ((kb = key_bindings_get(KEY_TABLE_ROOT, key)) != NULL) {
		client_run_binding(c, kb);
		return;
	}
	client_key_to_pane(c, key);
}

/* The wheel over a full-screen program with no mouse mode scrolls it. */
static void
client_wheel_keys(struct pane *p, const struct input_mouse *m)
{
	struct key	key = { KEYC_UP, 0 };
	int		i;

	if (!vt_altscreen(p->vt) || (m->button != 4 && m->button != 5))
		return;
	if (m->button == 5)
		key.code = KEYC_DOWN;
	for (i = 0; i < 3; i++)
		pane_key(p, key);
}

static void
client_mouse(struct client *c, const struct input_mouse *m)
{
	struct render_geometry	 rg;
	struct session		*s = c->session;
	struct status_line	 sl;
	struct input_mouse	 pm = *m;
	struct pane		*p;
	int			 id;

	render_geometry(c, &rg);
	if (rg.status_y >= 0 && m->y == rg.status_y) {
		if (m->action != INPUT_MOUSE_PRESS || m->button != 1)
			return;
		status_build(&sl, s, time(NULL));
		status_fit(&sl, c->tty->sx);
		id = status_pane_at(&sl, m->x);
		status_free(&sl);
		if (id != -1 && (p = pane_find_by_id(id)) != NULL)
			session_set_active(s, p);
		return;
	}
	if (m->y < (int)rg.area_y || m->y >= (int)(rg.area_y + rg.area_sy))
		return;
	pm.y = m->y - rg.area_y;
	if ((p = session_pane_at(s, pm.x, pm.y)) == NULL)
		return;
	if (m->action == INPUT_MOUSE_PRESS && m->button >= 1 &&
	    m->button <= 3 && p != s->active)
		session_set_active(s, p);
	if (vt_mouse_mode(p->vt) != VT_MOUSE_NONE)
		pane_mouse(p, &pm);
	else if (m->action == INPUT_MOUSE_PRESS)
		client_wheel_keys(p, m);
}

/* Pasted text goes to the pane that was active when the paste began. */
static void
client_paste(struct client *c, const struct input_event *ev)
{
	struct pane	*p;

	/* By id: the pane may have closed since the paste began. */
	p = c->paste_pane != -1 ? pane_find_by_id(c->paste_pane) : NULL;
	switch (ev->type) {
	case INPUT_PASTE_START:
		p = c->session->active;
		c->paste_pane = p != NULL ? (int)p->id : -1;
		if (p != NULL && c->prompt == NULL)
			pane_paste_start(p);
		break;
	case INPUT_PASTE:
		if (c->prompt != NULL)
			client_prompt_append(c, ev->data, ev->len);
		else if (p != NULL)
			pane_paste(p, ev->data, ev->len);
		break;
	default:
		if (p != NULL && c->prompt == NULL)
			pane_paste_end(p);
		c->paste_pane = -1;
		break;
	}
}

static void
client_input_cb(const struct input_event *ev, void *arg)
{
	struct client	*c = arg;
	struct pane	*p = c->session->active;

	if (c->flags & CLIENT_DETACH)
		return;	/* keys after a detach belong to nobody */
	server_touch_session(c->session);
	switch (ev->type) {
	case INPUT_KEY:
		client_clear_message(c);
		if (c->prompt != NULL)
			client_prompt_key(c, ev->key, ev->data, ev->len);
		else if (c->overlay != NULL)
			client_overlay_key(c, ev->key);
		else
			client_key(c, ev->key);
		break;
	case INPUT_MOUSE:
		client_mouse(c, &ev->mouse);
		break;
	case INPUT_PASTE_START:
	case INPUT_PASTE:
	case INPUT_PASTE_END:
		client_paste(c, ev);
		break;
	case INPUT_FOCUS_IN:
	case INPUT_FOCUS_OUT:
		if (p != NULL)
			pane_focus(p, ev->type == INPUT_FOCUS_IN);
		break;
	}
	server_wake();
}
