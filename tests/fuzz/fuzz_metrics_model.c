/*
 * fuzz_metrics_model.c: libFuzzer target for the model values that
 * `crm-metrics clv --use` reads: the input, given a valid end line (its
 * real CRC-32) when its first byte is even, is loaded as a crm-metrics
 * model and checked parameter by parameter (metrics_fits_read); every
 * model accepted must have its parameters in their domains, and is used
 * as clv --use uses it (expected purchases, P(alive), spend, CLV over a
 * horizon within the bound) for a few customers.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "model.h"

#include "../../cmd/crm-metrics/metrics.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char path[64];

static void
cleanup(void)
{
	unlink(path);
}

static int
pos(double v)
{
	return isfinite(v) && v > 0;
}

static void
use(const struct fits *f)
{
	static const double cust[][4] = { { 0, 0, 10, 0 }, { 3, 5, 10, 12.5 },
	    { 50, 40, 40, 1e6 }, { 1, 1e-3, 1e4, 1e-9 } };
	double u = 30 / f->freq_mult, p, e;
	size_t i;

	if (!pos(f->bg.r) || !pos(f->bg.alpha) || !pos(f->bg.a) ||
	    !pos(f->bg.b) || !isfinite(f->bg.ll) ||
	    !(f->freq == 'D' || f->freq == 'W'))
		abort();
	if (f->has_gg && (!pos(f->gg.p) || !pos(f->gg.q) || !pos(f->gg.v) ||
	    f->gg.n == 0))
		abort();
	for (i = 0; i < sizeof(cust) / sizeof(cust[0]); i++) {
		p = metrics_bgnbd_palive(&f->bg, cust[i][0], cust[i][1],
		    cust[i][2]);
		if (!(p >= 0 && p <= 1) && !isnan(p))
			abort();
		e = metrics_bgnbd_expected(&f->bg, 12 * u, cust[i][0],
		    cust[i][1], cust[i][2]);
		if (f->has_gg)
			(void)metrics_bgnbd_clv(&f->bg,
			    metrics_gg_expected_spend(&f->gg, cust[i][0],
			    cust[i][3]), cust[i][0], cust[i][1], cust[i][2],
			    u, 12 * u, 0.01);
		(void)e;
	}
	/* past the bound: NaN at once, no loop */
	if (!isnan(metrics_bgnbd_clv(&f->bg, 1, 1, 1, 2, u,
	    (METRICS_MAX_MONTHS + 1) * u, 0.01)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], end[32];
	struct model *m;
	struct fits f;
	FILE *fp;
	unsigned long crc;

	if (size == 0)
		return 0;
	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz_mmodel.%ld",
		    (long)getpid());
		atexit(cleanup);
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data + 1, 1, size - 1, fp);
	if ((data[0] & 1) == 0) {
		crc = crc32(0L, data + 1, (uInt)(size - 1));
		snprintf(end, sizeof(end), "end %08lx\n", crc);
		fputs(end, fp);
	}
	fclose(fp);
	if ((m = model_load(path, "crm-metrics", err, sizeof(err))) == NULL)
		return 0;
	err[0] = '\0';
	if (metrics_fits_read(m, &f, err, sizeof(err)) == 0)
		use(&f);
	else if (err[0] == '\0')
		abort();	/* a refusal always says why */
	model_free(m);
	return 0;
}
