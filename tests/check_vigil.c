/*
 * One runner for every suite. CK_RUN_SUITE=name or CK_RUN_CASE=name picks
 * a part; CK_FORK=no runs in-process for a debugger.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "check_vigil.h"

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	setlocale(LC_ALL, "C.UTF-8");

	sr = srunner_create(suite_agent());
	srunner_add_suite(sr, suite_colour());
	srunner_add_suite(sr, suite_config());
	srunner_add_suite(sr, suite_grid());
	srunner_add_suite(sr, suite_input());
	srunner_add_suite(sr, suite_keys());
	srunner_add_suite(sr, suite_layout());
	srunner_add_suite(sr, suite_options());
	srunner_add_suite(sr, suite_policy());
	srunner_add_suite(sr, suite_procfs());
	srunner_add_suite(sr, suite_profile());
	srunner_add_suite(sr, suite_sample());
	srunner_add_suite(sr, suite_proto());
	srunner_add_suite(sr, suite_sock());
	srunner_add_suite(sr, suite_status());
	srunner_add_suite(sr, suite_tty());
	srunner_add_suite(sr, suite_vt());
	srunner_add_suite(sr, suite_harness());
	srunner_add_suite(sr, suite_e2e());
	srunner_add_suite(sr, suite_server());
	srunner_add_suite(sr, suite_supervise());
	srunner_add_suite(sr, suite_suspend());
	srunner_add_suite(sr, suite_profile_cli());
	srunner_add_suite(sr, suite_file_sample());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
