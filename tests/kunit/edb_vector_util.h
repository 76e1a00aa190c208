/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KUnit helpers over edb_vectors.h (pages Windows' ESE wrote, encoded by
 * tests/kunit/gen-edb-vectors: a zero byte followed by a 16-bit LE count
 * stands for that many zero bytes).  One copy for every suite that reads
 * the vectors.
 */
#ifndef _JETK_EDB_VECTOR_UTIL_H
#define _JETK_EDB_VECTOR_UTIL_H

#include <kunit/test.h>
#include <linux/string.h>

#include "edb_vectors.h"

/* The vector called @name; fails the test (and returns NULL) if none. */
static inline const struct edb_vector *
edb_vector_named(struct kunit *test, const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(edb_vectors); i++)
		if (!strcmp(edb_vectors[i].name, name))
			return &edb_vectors[i];
	KUNIT_FAIL(test, "no vector %s", name);
	return NULL;
}

/* A vector decoded into a test-owned page of its page size. */
static inline u8 *edb_vector_page(struct kunit *test,
				  const struct edb_vector *v)
{
	u8 *page;
	unsigned int i = 0, o = 0, n;

	KUNIT_ASSERT_NOT_NULL(test, v);
	page = kunit_kzalloc(test, v->page_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	while (i < v->len) {
		if (v->data[i]) {
			KUNIT_ASSERT_LT(test, o, v->page_size);
			page[o++] = v->data[i++];
			continue;
		}
		KUNIT_ASSERT_LE(test, i + 3, v->len);
		n = v->data[i + 1] | (v->data[i + 2] << 8);
		KUNIT_ASSERT_LE(test, o + n, v->page_size);
		o += n;	/* already zero */
		i += 3;
	}
	KUNIT_ASSERT_EQ(test, o, v->page_size);
	return page;
}

#endif /* _JETK_EDB_VECTOR_UTIL_H */
