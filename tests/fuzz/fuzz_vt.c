/*
 * libFuzzer harness for the terminal glue (src/vt.c): the filter that
 * rewrites dim and holds strings back, and libvterm behind it. The first
 * byte chooses a chunk size. Besides not crashing: the screen after the
 * input fed in chunks must equal the screen after it fed whole, since a
 * read boundary must never change what a pane shows.
 *
 * Bytes from 0x80 up become a valid "é" (c3 a9): invalid UTF-8 may show
 * differently cut and whole (libvterm's decoder keeps a sequence open
 * across a 0xfe or 0xff byte, which vt.c takes as ending it). Character sets are left to the
 * input: vt.c keeps libvterm from decoding ASCII after UTF-8 as UTF-8 under
 * DEC graphics, which made a line depend on where writes split.
 *
 * Built by 'make fuzz' with the rest of the library.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vigil/vt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct vt_callbacks fuzz_vt_callbacks = { 0 };

/* Feed the bytes in pieces of chunk bytes. */
static struct vt *
fuzz_vt_run(const uint8_t *data, size_t len, size_t chunk)
{
	struct vt	*vt = vt_create(20, 6, 10, &fuzz_vt_callbacks, NULL);
	size_t		 off, n;

	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		vt_write(vt, (const char *)data + off, n);
	}
	return (vt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct vt	*whole, *cut;
	struct vt_cell	 a, b;
	uint8_t		*in;
	u_int		 x, y;
	size_t		 chunk, i, n = 0;

	if (len < 1 || len > 4096)
		return (0);
	chunk = 1 + data[0] % 7;
	in = malloc(len * 2);
	for (i = 1; i < len; i++) {
		if (data[i] < 0x80)
			in[n++] = data[i];
		else {
			in[n++] = 0xc3;
			in[n++] = 0xa9;
		}
	}
	whole = fuzz_vt_run(in, n, n + 1);
	cut = fuzz_vt_run(in, n, chunk);
	free(in);
	for (y = 0; y < 6; y++) {
		for (x = 0; x < 20; x++) {
			vt_get_cell(whole, x, y, &a);
			vt_get_cell(cut, x, y, &b);
			if (memcmp(&a, &b, sizeof a) != 0)
				abort();
		}
	}
	vt_free(whole);
	vt_free(cut);
	return (0);
}
