/* The test runner's suites: one per module, then end-to-end. */
#ifndef CHECK_VIGIL_H
#define CHECK_VIGIL_H

#include <check.h>

Suite	*suite_agent(void);
Suite	*suite_colour(void);
Suite	*suite_config(void);
Suite	*suite_file_sample(void);
Suite	*suite_grid(void);
Suite	*suite_input(void);
Suite	*suite_keys(void);
Suite	*suite_layout(void);
Suite	*suite_options(void);
Suite	*suite_policy(void);
Suite	*suite_procfs(void);
Suite	*suite_profile(void);
Suite	*suite_profile_cli(void);
Suite	*suite_sample(void);
Suite	*suite_proto(void);
Suite	*suite_sock(void);
Suite	*suite_status(void);
Suite	*suite_tty(void);
Suite	*suite_vt(void);
Suite	*suite_harness(void);
Suite	*suite_e2e(void);
Suite	*suite_server(void);
Suite	*suite_supervise(void);
Suite	*suite_suspend(void);

/* The vigil binary under test, as an absolute path ($VIGIL_BIN). */
const char	*vigil_bin(void);

#endif
