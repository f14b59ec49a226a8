/* test_model.c: model files round trip, and every damage is caught. */
#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zlib.h>

#include "err.h"
#include "model.h"
#include "t.h"

#if defined(__SANITIZE_ADDRESS__)
#define T_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ASAN	1
#endif
#endif

static char dir[64];

static const char *
path(const char *name)
{
	static char buf[2][128];
	static int i;

	i = !i;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir, name);
	return buf[i];
}

static char *
slurp(const char *p, size_t *len)
{
	FILE *f = fopen(p, "rb");
	char *b = malloc(1 << 20);

	*len = f != NULL ? fread(b, 1, 1 << 20, f) : 0;
	if (f != NULL)
		fclose(f);
	return b;
}

static void
spit(const char *p, const char *b, size_t len)
{
	FILE *f = fopen(p, "wb");

	fwrite(b, 1, len, f);
	fclose(f);
}

static const double vals[] = { 1.0 / 3, 1e-300, -0.0, 4.9406564584124654e-324,
	DBL_MAX, -2.5, 0.1, 123456789012345678.0 };
#define NVALS	(sizeof(vals) / sizeof(vals[0]))

static int
write_model(const char *p)
{
	struct model_writer *w = model_create(p, "crm-churn", "logistic");

	if (w == NULL)
		return -1;
	model_put(w, "columns", "%s,%s", "age", "spend");
	model_put_double(w, "third", 1.0 / 3);
	model_put_double(w, "tiny", 1e-300);
	model_put_double(w, "negzero", -0.0);
	model_put_double(w, "inf", -INFINITY);
	model_put_doubles(w, "weights", vals, NVALS);
	model_put(w, "text", "%s", "two\nlines \\ and\r CR ");
	model_put(w, "empty", "%s", "");
	model_put(w, "dup", "first");
	model_put(w, "dup", "second");
	model_put_doubles(w, "none", NULL, 0);
	return model_close(w);
}

static int
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0;
}

static void
check_model(const char *p)
{
	char err[256];
	struct model *m = model_load(p, "crm-churn", err, sizeof(err));
	double d, v[NVALS];
	size_t pos = 0, i, n = 0;
	const char *k, *val;
	int exact = 1;

	CHECK(m != NULL);
	if (m == NULL) {
		printf("# %s\n", err);
		return;
	}
	CHECK(strcmp(model_algorithm(m), "logistic") == 0);
	CHECK(strcmp(model_get(m, "columns"), "age,spend") == 0);
	CHECK(model_get_double(m, "third", &d) == 0 && d == 1.0 / 3);
	CHECK(model_get_double(m, "tiny", &d) == 0 && d == 1e-300);
	CHECK(model_get_double(m, "negzero", &d) == 0 && same_bits(d, -0.0));
	CHECK(model_get_double(m, "inf", &d) == 0 && d == -INFINITY);
	CHECK(model_get_doubles(m, "weights", v, NVALS) == 0);
	for (i = 0; i < NVALS; i++)
		exact &= same_bits(v[i], vals[i]);
	CHECK(exact);
	CHECK(model_get_doubles(m, "weights", v, NVALS - 1) == -1);
	CHECK(model_count(m, "weights") == (long)NVALS);
	CHECK(model_count(m, "none") == 0 && model_count(m, "nokey") == -1);
	CHECK(strcmp(model_get(m, "text"), "two\nlines \\ and\r CR ") == 0);
	CHECK(strcmp(model_get(m, "empty"), "") == 0);
	CHECK(strcmp(model_get(m, "dup"), "first") == 0);
	CHECK(model_get(m, "nokey") == NULL);
	CHECK(model_get_double(m, "columns", &d) == -1);
	CHECK(model_get_double(m, "nokey", &d) == -1);
	CHECK(model_parse_double(m, "2.5e3", &d) == 0 && d == 2500);
	CHECK(model_parse_double(m, " 1", &d) == -1);
	CHECK(model_parse_double(m, "1x", &d) == -1);
	while (model_next(m, &pos, &k, &val)) {
		if (n == 0)
			CHECK(strcmp(k, "columns") == 0);
		if (n == 9)
			CHECK(strcmp(k, "dup") == 0 && strcmp(val, "second") == 0);
		n++;
	}
	CHECK(n == 11);
	model_free(m);
}

static void
t_roundtrip(void)
{
	char *b;
	size_t len;
	unsigned long crc;
	char end[32];
	const char *first = "crmkit-model 1 crm-churn logistic\n";

	CHECK(write_model(path("m.txt")) == 0);
	check_model(path("m.txt"));
	b = slurp(path("m.txt"), &len);
	CHECK(len > 13 && memcmp(b, first, strlen(first)) == 0);
	/* the end line carries zlib's CRC-32 of everything before it */
	crc = crc32(0L, (const Bytef *)b, (uInt)(len - 13));
	snprintf(end, sizeof(end), "end %08lx\n", crc);
	CHECK(memcmp(b + len - 13, end, 13) == 0);
	CHECK(strstr(b, "text two\\nlines \\\\ and\\r CR \n") != NULL);
	CHECK(strstr(b, "third 0.33333333333333331\n") != NULL);
	free(b);
}

static void
t_gzip(void)
{
	char *b;
	size_t len;

	CHECK(write_model(path("m.gz")) == 0);
	b = slurp(path("m.gz"), &len);
	CHECK(len > 2 && (unsigned char)b[0] == 0x1f &&
	    (unsigned char)b[1] == 0x8b);
	free(b);
	check_model(path("m.gz"));
	/* detected by magic, whatever the name */
	rename(path("m.gz"), path("gz.model"));
	check_model(path("gz.model"));
}

static int
load_err(const char *p, const char *program, const char *want)
{
	char err[256], full[256];
	struct model *m = model_load(p, program, err, sizeof(err));

	if (m != NULL) {
		model_free(m);
		return 0;
	}
	if (want == NULL)
		return 1;
	snprintf(full, sizeof(full), "%s: %s", p, want);
	if (strcmp(err, full) != 0)
		printf("# got '%s', want '%s'\n", err, full);
	return strcmp(err, full) == 0;
}

static void
t_errors(void)
{
	const char *p = path("x.txt");

	CHECK(write_model(path("m.txt")) == 0);
	CHECK(load_err(path("m.txt"), "crm-segment",
	    "model for crm-churn, not crm-segment"));
	CHECK(load_err(path("absent"), "crm-churn",
	    "No such file or directory"));
	spit(p, "hello\n", 6);
	CHECK(load_err(p, "crm-churn", "not a crmkit model"));
	spit(p, "", 0);
	CHECK(load_err(p, "crm-churn", "not a crmkit model (empty file)"));
	spit(p, "crmkit-model 7 crm-churn x\nend 00000000\n", 40);
	CHECK(load_err(p, "crm-churn", "unsupported model version 7"));
	spit(p, "crmkit-model 1 crm-churn x\na 1\n", 31);
	CHECK(load_err(p, "crm-churn", "truncated model (no end line)"));
	spit(p, "crmkit-model 1 crm-churn x\nend 00000000\n", 40);
	CHECK(load_err(p, "crm-churn", "corrupted model (checksum mismatch)"));
}

/* Cut the file at every length, flip every byte: always an error. */
static void
t_damage(void)
{
	const char *p = path("d.txt");
	char *b, *c;
	size_t len, k;
	int ok = 1, sum = 1;

	CHECK(write_model(path("m.txt")) == 0);
	b = slurp(path("m.txt"), &len);
	c = malloc(len);
	for (k = 0; k < len; k++) {
		spit(p, b, k);
		ok &= load_err(p, "crm-churn", NULL);
	}
	spit(p, b, len - 1);
	CHECK(load_err(p, "crm-churn", "truncated model (no end line)"));
	for (k = 0; k < len; k++) {
		memcpy(c, b, len);
		c[k] ^= 0x20;
		spit(p, c, len);
		ok &= load_err(p, "crm-churn", NULL);
		if (k > 40 && k < len - 20)	/* in the body */
			sum &= load_err(p, "crm-churn", c[k] == '\0' ?
			    "corrupted model (NUL byte)" :
			    "corrupted model (checksum mismatch)");
	}
	CHECK(ok);
	CHECK(sum);
	free(b);
	free(c);
}

static void
t_damage_gzip(void)
{
	const char *p = path("d.gz");
	char *b, *c;
	size_t len, k;
	int ok = 1;

	CHECK(write_model(path("m.gz")) == 0);
	b = slurp(path("m.gz"), &len);
	c = malloc(len);
	for (k = 0; k < len; k++) {
		spit(p, b, k);
		ok &= load_err(p, "crm-churn", NULL);
	}
	for (k = 0; k < len; k++) {
		memcpy(c, b, len);
		c[k] ^= 0x01;
		spit(p, c, len);
		/* gzip header flags and mtime may change harmlessly */
		if (k >= 10)
			ok &= load_err(p, "crm-churn", NULL);
	}
	CHECK(ok);
	free(b);
	free(c);
}

/*
 * Write a gzip file of head then n bytes of c (a bomb: 384 MB of one
 * byte compress to under 2 MB).
 */
static void
gz_bomb(const char *p, const char *head, size_t n, int c)
{
	static char block[1 << 16];
	gzFile gz = gzopen(p, "wb1");
	size_t k;

	memset(block, c, sizeof(block));
	gzwrite(gz, head, (unsigned)strlen(head));
	for (k = 0; k < n; k += sizeof(block))
		gzwrite(gz, block, sizeof(block));
	gzclose(gz);
}

/*
 * A gzip bomb is turned down after its first chunk, not once inflated
 * (it inflated to 300 MB before being rejected): a foreign file, and a
 * model's magic line followed by NUL bytes.  The load runs in a child
 * limited to 256 MB of address space (not under ASan, which reserves
 * far more), so inflating the 384 MB would kill it.
 */
static void
t_gzip_bomb(void)
{
	const char *p = path("bomb.gz");
	char err[256];
	struct model *m;
	pid_t pid;
	int st, i;

	for (i = 0; i < 2; i++) {
		gz_bomb(p, i ? "crmkit-model 1 crm-churn x\n" : "", 384u << 20,
		    i ? 0 : 'x');
		fflush(stdout);
		if ((pid = fork()) == 0) {
#ifndef T_ASAN
			struct rlimit rl = { 256u << 20, 256u << 20 };

			setrlimit(RLIMIT_AS, &rl);
#endif
			m = model_load(p, "crm-churn", err, sizeof(err));
			if (m != NULL)
				_exit(3);
			_exit(strstr(err, i ? "corrupted model (NUL byte)" :
			    "not a crmkit model") != NULL ? 0 : 4);
		}
		CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	unlink(p);
}

/* A failed write leaves the old file and no temporary behind. */
static void
t_atomic(void)
{
	struct model_writer *w;
	struct dirent *e;
	DIR *d;
	int ntmp = 0;

	CHECK(write_model(path("m.txt")) == 0);
	w = model_create(path("m.txt"), "crm-churn", "other");
	model_put(w, "good", "1");
	model_put(w, "bad key", "2");
	CHECK(model_close(w) == -1 && errno == EINVAL);
	w = model_create(path("m.txt"), "crm-churn", "other");
	model_put(w, "end", "2");
	CHECK(model_close(w) == -1 && errno == EINVAL);
	w = model_create(path("m.txt"), "crm-churn", "other");
	model_put(w, "good", "1");
	model_abort(w);
	model_abort(NULL);
	check_model(path("m.txt"));
	CHECK(model_create(path("nodir/m.txt"), "crm-churn", "x") == NULL &&
	    errno == ENOENT);
	CHECK(model_create(path("m2.txt"), "crm churn", "x") == NULL &&
	    errno == EINVAL);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			ntmp += strncmp(e->d_name, "m.txt.", 6) == 0;
		closedir(d);
	}
	CHECK(ntmp == 0);
}

/*
 * A program dying through crm_errx leaves no temporary file.  (Run
 * first: err.c keeps only 8 exit hooks and does not reuse freed ones.)
 */
static void
t_exit_cleanup(void)
{
	struct model_writer *w;
	struct dirent *e;
	DIR *d;
	int ntmp = 0, status = 0;

	fflush(stdout);
	if (fork() == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		w = model_create(path("m.txt"), "crm-churn", "other");
		model_put(w, "good", "1");
		crm_errx(1, "dying");
	}
	wait(&status);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	if ((d = opendir(dir)) != NULL) {
		while ((e = readdir(d)) != NULL)
			ntmp += e->d_name[0] != '.';
		closedir(d);
	}
	CHECK(ntmp == 0);
}

static void
cleanup(void)
{
	struct dirent *e;
	DIR *d;
	char p[512];

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/tmodelXXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("not ok mkdtemp\n");
		return 1;
	}
	RUN(t_exit_cleanup);
	RUN(t_roundtrip);
	RUN(t_gzip);
	RUN(t_errors);
	RUN(t_damage);
	RUN(t_damage_gzip);
	RUN(t_gzip_bomb);
	RUN(t_atomic);
	cleanup();
	T_EXIT();
}
