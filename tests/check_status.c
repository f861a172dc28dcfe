/* Tests for the status line: segments, markers, fitting, parts, clicks. */

#include "config.h"

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_vigil.h"
#include "vigil/options.h"
#include "vigil/session.h"
#include "vigil/status.h"
#include "vigil/vigil.h"
#include "vigil/xmalloc.h"

static struct session	*st_session;
static struct pane	 st_panes[3];

/* A session of three fake panes (no processes): claude, codex, gemini. */
static void
status_setup(void)
{
	static const char *const names[] = { "claude", "codex", "gemini" };
	u_int	i;

	options_init();
	st_session = session_create("work", 120, 30);
	memset(st_panes, 0, sizeof st_panes);
	for (i = 0; i < 3; i++) {
		st_panes[i].id = 10 + i;
		st_panes[i].name = xstrdup(names[i]);
		st_panes[i].session = st_session;
		TAILQ_INSERT_TAIL(&st_session->panes, &st_panes[i], entry);
	}
	st_session->active = &st_panes[0];
}

static void
status_teardown(void)
{
	u_int	i;

	for (i = 0; i < 3; i++) {
		TAILQ_REMOVE(&st_session->panes, &st_panes[i], entry);
		free(st_panes[i].name);
	}
	session_destroy(st_session);
	options_free();
}

/* The fitted line as text, with the clock (which changes) cut off. */
static char *
status_line_at(u_int width, time_t now)
{
	struct status_line	 sl;
	char			*text;

	status_build(&sl, st_session, now);
	status_fit(&sl, width);
	text = status_text(&sl, width);
	status_free(&sl);
	return (text);
}

/* 12:34 local time today, whatever the timezone. */
static time_t
status_time(void)
{
	struct tm	tm;
	time_t		now = time(NULL);

	localtime_r(&now, &tm);
	tm.tm_hour = 12;
	tm.tm_min = 34;
	tm.tm_sec = 56;
	return (mktime(&tm));
}

START_TEST(test_status_wide)
{
	char	*text = status_line_at(60, status_time());
	char	 want[61];

	snprintf(want, sizeof want, "%-53s%s",
	    "[work] 0:claude* 1:codex 2:gemini", " 12:34 ");
	ck_assert_msg(strcmp(text, want) == 0, "got '%s'\nwant '%s'", text,
	    want);
	free(text);
}
END_TEST

START_TEST(test_status_markers)
{
	char	*text;

	st_session->active = &st_panes[2];
	st_session->zoomed = &st_panes[2];
	st_panes[1].flags |= PANE_EXITED;
	st_panes[1].status = 3 << 8;	/* exited 3, as waitpid puts it */
	text = status_line_at(80, status_time());
	ck_assert_msg(strstr(text, " 1:codex[exited 3]") != NULL &&
	    strstr(text, " 2:gemini*Z") != NULL && strstr(text, "claude*") ==
	    NULL, "got '%s'", text);
	free(text);

	st_panes[1].status = SIGKILL;
	text = status_line_at(80, status_time());
	ck_assert_msg(strstr(text, "[killed by SIGKILL]") != NULL, "got '%s'",
	    text);
	free(text);
	st_session->zoomed = NULL;
}
END_TEST

/* Narrow lines cut pane names, then drop the session name and the clock. */
START_TEST(test_status_narrow)
{
	char	*text;
	u_int	 w;

	for (w = 1; w <= 60; w++) {
		text = status_line_at(w, status_time());
		ck_assert_msg(status_width(text) == w, "width %u: got '%s' "
		    "(%u cells)", w, text, status_width(text));
		if (w >= 18)
			ck_assert_msg(strstr(text, " 0:") != NULL &&
			    strstr(text, " 1:") != NULL &&
			    strstr(text, " 2:") != NULL,
			    "width %u lost a pane number: '%s'", w, text);
		free(text);
	}
	/* 40 cells hold everything; at 39 the session name goes first. */
	text = status_line_at(40, status_time());
	ck_assert_msg(strstr(text, "[work]") != NULL, "width 40: '%s'", text);
	free(text);
	text = status_line_at(39, status_time());
	ck_assert_msg(strstr(text, "12:34") != NULL &&
	    strstr(text, "[work]") == NULL, "width 39: '%s'", text);
	free(text);
}
END_TEST

static void
status_part_test(struct session *s, struct pane *p, char **text)
{
	char	*next;

	(void)s;
	xasprintf(&next, "%s<%u>", *text, p->id);
	free(*text);
	*text = next;
}

START_TEST(test_status_parts)
{
	char	*text;

	status_register_pane_part(status_part_test);
	status_register_pane_part(status_part_test);	/* once only */
	text = status_line_at(80, status_time());
	ck_assert_msg(strstr(text, "0:claude*<10> 1:codex<11> 2:gemini<12>")
	    != NULL, "got '%s'", text);
	free(text);
}
END_TEST

/* A module's own segment: "<id:xxxxxxxx>", cut to "<id:" at most. */
static void
status_segment_test(struct status_line *sl, struct session *s,
    struct pane *p, const struct style *base)
{
	struct status_segment	*seg;
	struct style		 st = *base;

	(void)s;
	st.attrs |= ATTR_REVERSE;
	seg = status_add(sl, 0, &st, p->id, "<%u:xxxxxxxx>", p->id);
	seg->priority = STATUS_PRIORITY_PART;
	seg->min_width = 4;
}

/*
 * Modules' segments follow their pane's, in their own style; when space
 * runs out they are cut down before pane names are, and dropped after.
 */
START_TEST(test_status_segments)
{
	struct status_line	 sl;
	char			*text;
	u_int			 i;

	status_register_pane_segment(status_segment_test);
	status_register_pane_segment(status_segment_test);	/* once only */
	status_build(&sl, st_session, status_time());
	ck_assert_int_eq(sl.n, 1 + 3 * 2 + 1);
	for (i = 1; i < 7; i += 2) {
		ck_assert_int_eq(sl.segs[i + 1].pane_id, sl.segs[i].pane_id);
		ck_assert(sl.segs[i + 1].style.attrs & ATTR_REVERSE);
	}
	status_free(&sl);

	text = status_line_at(100, status_time());
	ck_assert_msg(strstr(text, "0:claude*<10:xxxxxxxx> 1:codex<11:xxxxxxxx>")
	    != NULL, "100: '%s'", text);
	free(text);
	/* 45 cells: session and clock gone, the segments cut, names whole. */
	text = status_line_at(45, status_time());
	ck_assert_msg(strstr(text, "0:claude*<10:") != NULL &&
	    strstr(text, "2:gemini<12:") != NULL && strstr(text, "[work]") ==
	    NULL && strstr(text, "xxxxxxxx") == NULL, "45: '%s'", text);
	free(text);
	/* 20 cells: names cut to a letter, then segments dropped, first first. */
	text = status_line_at(20, status_time());
	ck_assert_msg(strcmp(text, " 0:c 1:c<11: 2:g<12:") == 0, "20: '%s'",
	    text);
	free(text);
}
END_TEST

START_TEST(test_status_clicks)
{
	struct status_line	sl;
	u_int			x;
	int			id;

	status_build(&sl, st_session, status_time());
	status_fit(&sl, 80);
	/* "[work] 0:claude* 1:codex 2:gemini": pane 1 is cells 16-23. */
	for (x = 0; x < 80; x++) {
		id = status_pane_at(&sl, x);
		if (x < 6 || x >= 33)
			ck_assert_msg(id == -1, "x %u: pane %d", x, id);
		else if (x < 16)
			ck_assert_msg(id == 10, "x %u: pane %d", x, id);
		else if (x < 24)
			ck_assert_msg(id == 11, "x %u: pane %d", x, id);
		else
			ck_assert_msg(id == 12, "x %u: pane %d", x, id);
	}
	status_free(&sl);
}
END_TEST

START_TEST(test_status_width)
{
	u_int	used;

	ck_assert_uint_eq(status_width("abc"), 3);
	ck_assert_uint_eq(status_width("\xe4\xb8\xad\xe6\x96\x87"), 4);
	ck_assert_uint_eq(status_width("e\xcc\x81"), 1);
	ck_assert_uint_eq(status_prefix("\xe4\xb8\xad\xe6\x96\x87", 3, &used),
	    3);
	ck_assert_uint_eq(used, 2);
	ck_assert_uint_eq(status_next_tick(120), 60);
	ck_assert_uint_eq(status_next_tick(179), 1);
}
END_TEST

Suite *
suite_status(void)
{
	Suite	*s = suite_create("status");
	TCase	*tc;

	tc = tcase_create("segments");
	tcase_add_checked_fixture(tc, status_setup, status_teardown);
	tcase_add_test(tc, test_status_wide);
	tcase_add_test(tc, test_status_markers);
	tcase_add_test(tc, test_status_narrow);
	tcase_add_test(tc, test_status_clicks);
	tcase_add_test(tc, test_status_parts);
	tcase_add_test(tc, test_status_segments);
	suite_add_tcase(s, tc);

	tc = tcase_create("width");
	tcase_add_test(tc, test_status_width);
	suite_add_tcase(s, tc);
	return (s);
}
