/*
 * libFuzzer harness for the /proc parsers: stat, status, smaps_rollup and
 * io text as a hostile or racing kernel might give it. Nothing may crash,
 * and a stat that parses has a NUL-terminated comm.
 *
 * Built by make fuzz with the rest of libvigil.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/procfs.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procfs_stat	st;
	struct procfs_status	status;
	struct procfs_rollup	ru;
	struct procfs_io	io;
	char			*text;

	/* The readers hand the parsers NUL-terminated text. */
	if ((text = malloc(size + 1)) == NULL)
		return (0);
	memcpy(text, data, size);
	text[size] = '\0';
	if (procfs_parse_stat(text, &st) == 0 &&
	    memchr(st.comm, '\0', sizeof st.comm) == NULL)
		abort();
	(void)procfs_parse_status(text, &status);
	(void)procfs_parse_rollup(text, &ru);
	(void)procfs_parse_io(text, &io);
	free(text);
	return (0);
}
