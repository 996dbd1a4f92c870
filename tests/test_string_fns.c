/* SPDX-License-Identifier: BSD-3-Clause
 * rte_string_fns.h and rte_hexdump.h (DPDK 22.11): bounded copies, the
 * in-place split, memory dumps. No EAL needed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <rte_hexdump.h>
#include <rte_string_fns.h>

static void test_strsplit(void **state)
{
	char *tok[8];
	char s[64];

	(void)state;
	memset(tok, 0xa5, sizeof(tok));
	strcpy(s, "a,bb,,c");
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), tok, 8, ','), 4);
	assert_string_equal(tok[0], "a");
	assert_string_equal(tok[1], "bb");
	assert_string_equal(tok[2], "");
	assert_string_equal(tok[3], "c");
	/* at most maxtokens: the last keeps the rest, delimiters and all */
	strcpy(s, "a,b,c,d");
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), tok, 2, ','), 2);
	assert_string_equal(tok[0], "a");
	assert_string_equal(tok[1], "b,c,d");
	/* a leading delimiter makes an empty first token, a trailing one none */
	strcpy(s, ",x,");
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), tok, 8, ','), 2);
	assert_string_equal(tok[0], "");
	assert_string_equal(tok[1], "x");
	/* only stringlen bytes are looked at */
	strcpy(s, "abc,def");
	assert_int_equal(rte_strsplit(s, 3, tok, 8, ','), 1);
	assert_ptr_equal(tok[0], s);
	assert_int_equal(s[3], ',');
	/* nothing to split */
	s[0] = '\0';
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), tok, 8, ','), 0);
	strcpy(s, "a,b");
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), tok, 0, ','), 0);
	/* bad arguments */
	errno = 0;
	assert_int_equal(rte_strsplit(NULL, 10, tok, 8, ','), -1);
	assert_int_equal(errno, EINVAL);
	errno = 0;
	assert_int_equal(rte_strsplit(s, (int)sizeof(s), NULL, 8, ','), -1);
	assert_int_equal(errno, EINVAL);
}

/* The size, hidden from the compiler: a deliberate truncation is the point
 * of some cases, and gcc would reject it as a bug at compile time. */
static volatile size_t hidden_size = 8;

static void test_strlcpy_strlcat(void **state)
{
	char d[8];

	(void)state;
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strlcpy(d, "abc", sizeof(d)), 3);
	assert_string_equal(d, "abc");
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strlcpy(d, "0123456789", hidden_size), 10); /* cut: >= size */
	assert_string_equal(d, "0123456");
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strlcpy(d, "abc", 0), 3);
	assert_int_equal(d[0], 'X'); /* size 0 writes nothing */

	strcpy(d, "ab");
	assert_int_equal(rte_strlcat(d, "cd", sizeof(d)), 4);
	assert_string_equal(d, "abcd");
	assert_int_equal(rte_strlcat(d, "efghij", hidden_size), 10);
	assert_string_equal(d, "abcdefg");
	/* dst not terminated within size: size + strlen(src), nothing written */
	memset(d, 'Y', sizeof(d));
	assert_int_equal(rte_strlcat(d, "zz", sizeof(d)), sizeof(d) + 2);
	assert_int_equal(d[7], 'Y');
	/* the BSD names, as DPDK provides them without libbsd */
	assert_int_equal(strlcpy(d, "q", sizeof(d)), 1);
	assert_int_equal(strlcat(d, "r", sizeof(d)), 2);
	assert_string_equal(d, "qr");
}

static void test_strscpy(void **state)
{
	char d[8];

	(void)state;
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strscpy(d, "abc", sizeof(d)), 3);
	assert_string_equal(d, "abc");
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strscpy(d, "0123456", sizeof(d)), 7); /* exactly fits */
	assert_string_equal(d, "0123456");
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strscpy(d, "01234567", sizeof(d)), -E2BIG);
	assert_string_equal(d, "0123456");
	memset(d, 'X', sizeof(d));
	assert_int_equal(rte_strscpy(d, "a", 0), -E2BIG);
	assert_int_equal(d[0], 'X');
}

/* Everything f got, as a string. */
static const char *contents(FILE *f)
{
	static char buf[4096];
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	return buf;
}

static void test_hexdump(void **state)
{
	unsigned char data[20];
	char want[512];
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	for (int i = 0; i < 20; i++)
		data[i] = (unsigned char)(i < 16 ? 'A' + i : i);
	rte_hexdump(f, "buf", data, sizeof(data));
	snprintf(want, sizeof(want),
		 "buf at [%p], len=20\n"
		 "00000000: 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 | ABCDEFGHIJKLMNOP\n"
		 "00000010: 10 11 12 13                                     | ....\n",
		 (void *)data);
	assert_string_equal(contents(f), want);
	fclose(f);

	f = tmpfile();
	assert_non_null(f);
	rte_memdump(f, "m", data + 14, 4);
	assert_string_equal(contents(f), "m: 4f:50:10:11\n");
	fclose(f);
	rte_hexdump(NULL, "nothing", data, 4); /* no stream: nothing happens */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strsplit),
		cmocka_unit_test(test_strlcpy_strlcat),
		cmocka_unit_test(test_strscpy),
		cmocka_unit_test(test_hexdump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
