// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: B+ trees (module/btree.c) over the buffer cache and a fake disk.
 * The cache is kept small so pages are evicted, sealed, written, read back
 * and verified (checksums and page structure) all the time.  Every test
 * compares the tree with a plain sorted array and walks the whole tree
 * checking its shape: key bounds of every subtree, one leaf depth, the
 * leaf chain in key order.
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#include "btree.h"
#include "cache.h"
#include "checksum.h"
#include "compat.h"
#include "format.h"
#include "page.h"

#define DISK_PAGES	4096

struct bt_env {
	unsigned int page_size;
	u8 *disk;
	u32 next_pgno;
	u32 *free_list;
	unsigned int nfree, pages_used;
	struct jetk_cache *c;
	struct jetk_cache_file *f;
	atomic64_t dbtime;
	struct jetk_bt bt;
};

static int env_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		      struct page *page, unsigned int len,
		      jetk_bdev_end_io_t end_io, void *private)
{
	struct bt_env *e = f->private;

	if (pgno >= DISK_PAGES)
		return -EIO;
	if (op_is_write(opf))
		memcpy(e->disk + (size_t)pgno * len, page_address(page), len);
	else
		memcpy(page_address(page), e->disk + (size_t)pgno * len, len);
	end_io(private, 0);
	return 0;
}

static int env_verify(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct bt_env *e = f->private;
	struct jetk_page p;

	if (jetk_page_verify(data, e->page_size, pgno) != JETK_CSUM_OK)
		return -EBADMSG;
	jetk_page_view(&p, data, e->page_size);
	return jetk_page_check(&p);
}

static void env_seal(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct bt_env *e = f->private;

	jetk_page_seal(data, e->page_size, pgno);
}

static const struct jetk_cache_file_ops env_ops = {
	.submit = env_submit,
	.verify = env_verify,
	.seal = env_seal,
};

static int env_get_page(struct jetk_bt *bt, u32 *pgno)
{
	struct bt_env *e = bt->private;

	if (e->nfree)
		*pgno = e->free_list[--e->nfree];
	else if (e->next_pgno < DISK_PAGES)
		*pgno = e->next_pgno++;
	else
		return -ENOSPC;
	e->pages_used++;
	return 0;
}

static void env_put_page(struct jetk_bt *bt, u32 pgno)
{
	struct bt_env *e = bt->private;

	e->free_list[e->nfree++] = pgno;
	e->pages_used--;
}

static const struct jetk_bt_ops env_bt_ops = {
	.get_page = env_get_page,
	.put_page = env_put_page,
};

static void env_exit(void *p)
{
	struct bt_env *e = p;

	if (e->f) {
		KUNIT_EXPECT_EQ(current->kunit_test, 0,
				jetk_cache_write_dirty(e->c, e->f));
		jetk_cache_file_remove(e->f);
	}
	jetk_cache_destroy(e->c);
	vfree(e->disk);
	kvfree(e->free_list);
}

static struct bt_env *env_init(struct kunit *test, unsigned int page_size,
			       unsigned long frames)
{
	struct bt_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->page_size = page_size;
	e->disk = vzalloc((size_t)DISK_PAGES * page_size);
	e->free_list = kvcalloc(DISK_PAGES, sizeof(u32), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e->disk);
	KUNIT_ASSERT_NOT_NULL(test, e->free_list);
	e->c = jetk_cache_create("kunit-bt", page_size, 1, frames);
	KUNIT_ASSERT_NOT_NULL(test, e->c);
	e->f = jetk_cache_file_add(e->c, &env_ops, e);
	KUNIT_ASSERT_NOT_NULL(test, e->f);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, env_exit, e));
	e->next_pgno = 2;
	e->pages_used = 1;
	jetk_bt_init(&e->bt, e->f, 1, 7, 0, &e->dbtime, &env_bt_ops, e);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_create(&e->bt, NULL, 0));
	return e;
}

/* A reference entry: key and data lengths, contents derived from a seed. */
struct ref {
	u8 key[64];
	unsigned int klen;
	unsigned int dlen;
	u32 seed;
};

static int ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = memcmp(x->key, y->key, min(x->klen, y->klen));

	return c ? c : (int)x->klen - (int)y->klen;
}

static void ref_data(const struct ref *r, u8 *buf)
{
	unsigned int i;

	for (i = 0; i < r->dlen; i++)
		buf[i] = (u8)(r->seed * 7 + i);
}

static int keycmp(const u8 *a, int alen, const u8 *b, int blen)
{
	int c = memcmp(a, b, min(alen, blen));

	return c ? c : alen - blen;
}

/* Walk the subtree at @pgno: keys within [lo, hi); returns leaf depth. */
static int check_subtree(struct kunit *test, struct bt_env *e, u32 pgno,
			 const u8 *lo, int lolen, const u8 *hi, int hilen,
			 int depth, unsigned int *nkeys)
{
	struct jetk_frame *fr;
	struct jetk_page p;
	struct jetk_node nd;
	u8 *key, *prev;
	int klen, prevlen = lolen, d = -1, sub;
	unsigned int i, n;
	u32 child;

	KUNIT_ASSERT_LT(test, depth, 16);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(e->f, pgno, &fr));
	key = kmalloc(2 * 2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, key);
	prev = key + 2048;
	if (lolen > 0)
		memcpy(prev, lo, lolen);
	jetk_page_view(&p, fr->data, e->page_size);
	KUNIT_EXPECT_EQ(test, 0, jetk_page_check(&p));
	KUNIT_EXPECT_EQ(test, jetk_page_objid(&p), 7U);
	n = jetk_page_nodes(&p);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
		klen = jetk_page_node_key(&p, &nd, key, 2048);
		KUNIT_ASSERT_GE(test, klen, 0);
		if (jetk_page_flags(&p) & JETK_PG_LEAF) {
			/* Above the previous key (or at least lo), below hi. */
			if (prevlen >= 0) {
				int c = keycmp(key, klen, prev, prevlen);

				KUNIT_EXPECT_GT(test, c, i ? 0 : -1);
			}
			if (hilen >= 0)
				KUNIT_EXPECT_LT(test, keycmp(key, klen, hi, hilen),
						0);
			memcpy(prev, key, klen);
			prevlen = klen;
			(*nkeys)++;
			continue;
		}
		KUNIT_ASSERT_EQ(test, nd.data_len, (u16)4);
		child = get_unaligned_le32(nd.data);
		if (!klen && i == n - 1)
			sub = check_subtree(test, e, child, prev, prevlen, hi,
					    hilen, depth + 1, nkeys);
		else
			sub = check_subtree(test, e, child, prev, prevlen, key,
					    klen, depth + 1, nkeys);
		KUNIT_EXPECT_TRUE(test, d < 0 || d == sub);
		d = sub;
		memcpy(prev, key, klen);
		prevlen = klen;
	}
	if (jetk_page_flags(&p) & JETK_PG_LEAF)
		d = depth;
	jetk_cache_release(fr);
	kfree(key);
	return d;
}

static unsigned int check_tree(struct kunit *test, struct bt_env *e)
{
	unsigned int nkeys = 0;

	check_subtree(test, e, 1, NULL, -1, NULL, -1, 0, &nkeys);
	return nkeys;
}

/* Scan the whole tree FIRST, GT, GT ... against the sorted reference. */
static void check_scan(struct kunit *test, struct bt_env *e,
		       const struct ref *refs, unsigned int n)
{
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	u8 *want = kmalloc(4096, GFP_KERNEL);
	unsigned int i;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_NOT_NULL(test, want);
	rec->data = kmalloc(4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rec->data);
	rec->data_max = 4096;
	ret = jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_FIRST, rec);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_ASSERT_EQ(test, rec->key_len, refs[i].klen);
		KUNIT_ASSERT_EQ(test, 0, memcmp(rec->key, refs[i].key,
						refs[i].klen));
		KUNIT_ASSERT_EQ(test, rec->data_len, refs[i].dlen);
		ref_data(&refs[i], want);
		KUNIT_ASSERT_EQ(test, 0, memcmp(rec->data, want, refs[i].dlen));
		ret = jetk_bt_seek(&e->bt, refs[i].key, refs[i].klen,
				   JETK_BT_GT, rec);
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	/* And backward, LAST, LT, LT ...: the prev links. */
	ret = jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_LAST, rec);
	for (i = n; i-- > 0;) {
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_ASSERT_EQ(test, rec->key_len, refs[i].klen);
		KUNIT_ASSERT_EQ(test, 0, memcmp(rec->key, refs[i].key,
						refs[i].klen));
		ret = jetk_bt_seek(&e->bt, refs[i].key, refs[i].klen,
				   JETK_BT_LT, rec);
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	kfree(rec->data);
	kfree(rec);
	kfree(want);
}

static int insert_ref(struct bt_env *e, const struct ref *r)
{
	u8 *data = kmalloc(4096, GFP_KERNEL);
	int ret;

	if (!data)
		return -ENOMEM;
	ref_data(r, data);
	ret = jetk_bt_insert(&e->bt, r->key, r->klen, data, r->dlen);
	kfree(data);
	return ret;
}

static const unsigned int sizes[] = { 4096, 8192, 16384, 32768 };

static void size_desc(const unsigned int *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *s);
}

KUNIT_ARRAY_PARAM(bt_size, sizes, size_desc);

static void bt_sequential_load_is_dense(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 16);
	unsigned int n = 4000, i, per_page;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, refs);
	for (i = 0; i < n; i++) {
		put_unaligned_be32(i, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 60;
		refs[i].seed = i;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	check_scan(test, e, refs, n);
	/* Appends fill pages: within one page per 100 of the minimum. */
	per_page = (psz - 84) / jetk_page_node_cost(4, 60);
	KUNIT_EXPECT_LE(test, e->pages_used,
			n / per_page + n / per_page / 100 + 8);
	kvfree(refs);
}

static void bt_random_inserts_and_seeks(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 32);
	unsigned int n = 2500, i, k, probes = 0;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	struct rnd_state rs;
	struct ref probe;

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	prandom_seed_state(&rs, psz);
	for (i = 0; i < n; i++) {
		struct ref *r = &refs[i];

		do {
			r->klen = 1 + prandom_u32_state(&rs) % 40;
			for (k = 0; k < r->klen; k++)
				r->key[k] = prandom_u32_state(&rs) % 8 + 'a';
			r->dlen = 1 + prandom_u32_state(&rs) % 300;
			r->seed = i;
		} while (insert_ref(e, r) == -EEXIST);
	}
	sort(refs, n, sizeof(*refs), ref_cmp, NULL);
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	check_scan(test, e, refs, n);
	/* Random probes: GE / LT against the reference. */
	for (k = 0; k < 300; k++) {
		unsigned int lo = 0, hi = n;

		probe.klen = 1 + prandom_u32_state(&rs) % 40;
		for (i = 0; i < probe.klen; i++)
			probe.key[i] = prandom_u32_state(&rs) % 8 + 'a';
		while (lo < hi) {
			unsigned int mid = (lo + hi) / 2;

			if (ref_cmp(&refs[mid], &probe) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n) {
			KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, probe.key,
							      probe.klen,
							      JETK_BT_GE, rec));
			KUNIT_EXPECT_EQ(test, rec->key_len, refs[lo].klen);
			KUNIT_EXPECT_EQ(test, 0, memcmp(rec->key, refs[lo].key,
							refs[lo].klen));
		}
		if (lo > 0) {
			KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, probe.key,
							      probe.klen,
							      JETK_BT_LT, rec));
			KUNIT_EXPECT_EQ(test, rec->key_len, refs[lo - 1].klen);
			KUNIT_EXPECT_EQ(test, 0, memcmp(rec->key,
							refs[lo - 1].key,
							refs[lo - 1].klen));
		}
		probes++;
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_LAST,
					      rec));
	KUNIT_EXPECT_EQ(test, 0, memcmp(rec->key, refs[n - 1].key,
					refs[n - 1].klen));
	KUNIT_EXPECT_EQ(test, probes, 300U);
	kfree(rec);
	kvfree(refs);
}

static void bt_delete_everything(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 32);
	unsigned int n = 2000, i, j;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	struct rnd_state rs;
	struct ref tmp;

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	for (i = 0; i < n; i++) {
		put_unaligned_be32(i * 3, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 100;
		refs[i].seed = i;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	KUNIT_EXPECT_GT(test, e->pages_used, 5U);
	prandom_seed_state(&rs, 99);
	for (i = n - 1; i > 0; i--) {	/* shuffle */
		j = prandom_u32_state(&rs) % (i + 1);
		tmp = refs[i];
		refs[i] = refs[j];
		refs[j] = tmp;
	}
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_delete(&e->bt, refs[i].key,
							refs[i].klen));
		KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_delete(&e->bt,
							      refs[i].key,
							      refs[i].klen));
		if (i % 250 == 0) {
			KUNIT_EXPECT_EQ(test, check_tree(test, e), n - i - 1);
			sort(refs + i + 1, n - i - 1, sizeof(*refs), ref_cmp,
			     NULL);
			check_scan(test, e, refs + i + 1, n - i - 1);
		}
	}
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek(&e->bt, NULL, 0,
						    JETK_BT_FIRST, rec));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek(&e->bt, NULL, 0,
						    JETK_BT_LAST, rec));
	/* Only the root is left. */
	KUNIT_EXPECT_EQ(test, e->pages_used, 1U);
	KUNIT_EXPECT_EQ(test, check_tree(test, e), 0U);
	kfree(rec);
	kvfree(refs);
}

/*
 * Three levels; every key of the last internal page's range deleted, so
 * that the root's last child goes and its left neighbour takes over the
 * range up to infinity; then keys past all others are appended.  They
 * must land in the tree (a left neighbour keeping its old bound once
 * refused them as a damaged tree) and the bounds stay exact.
 */
static void bt_tail_removed_then_appended(struct kunit *test)
{
	struct bt_env *e = env_init(test, 4096, 32);
	unsigned int n = 3000, keep, i;
	struct ref *refs = kvcalloc(n + 200, sizeof(*refs), GFP_KERNEL);
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	for (i = 0; i < n + 200; i++) {
		put_unaligned_be32(i, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 1000;	/* three to a leaf */
		refs[i].seed = i;
	}
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	/* Drop the top third: the last internal pages empty out. */
	keep = n - n / 3;
	for (i = n; i-- > keep;)
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_delete(&e->bt, refs[i].key,
							refs[i].klen));
	KUNIT_EXPECT_EQ(test, check_tree(test, e), keep);
	/* Keys past everything left, and past everything there was. */
	for (i = keep; i < keep + 100; i++)
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	for (i = n; i < n + 100; i++) {
		refs[keep + 100 + i - n] = refs[i];
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	KUNIT_EXPECT_EQ(test, check_tree(test, e), keep + 200);
	check_scan(test, e, refs, keep + 200);
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_LAST,
					      rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), n + 99);
	kfree(rec);
	kvfree(refs);
}

/*
 * Nine keys in ten deleted at random: hardly a leaf empties, most are
 * left nearly empty; merged with their siblings, the leaves are far
 * fewer, and the tree stays whole.
 */
static void bt_sparse_deletes_merge(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 32);
	unsigned int n = 4000, i, j, keep = n / 10, full;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);
	struct rnd_state rs;
	struct ref tmp;

	KUNIT_ASSERT_NOT_NULL(test, refs);
	for (i = 0; i < n; i++) {
		put_unaligned_be32(i * 5, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 60;
		refs[i].seed = i;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	full = e->pages_used;
	prandom_seed_state(&rs, 7);
	for (i = n - 1; i > 0; i--) {	/* shuffle */
		j = prandom_u32_state(&rs) % (i + 1);
		tmp = refs[i];
		refs[i] = refs[j];
		refs[j] = tmp;
	}
	for (i = keep; i < n; i++)
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_delete(&e->bt, refs[i].key,
							refs[i].klen));
	KUNIT_EXPECT_EQ(test, check_tree(test, e), keep);
	KUNIT_EXPECT_LE(test, e->pages_used, full / 2 + 2);
	sort(refs, keep, sizeof(*refs), ref_cmp, NULL);
	check_scan(test, e, refs, keep);
	kvfree(refs);
}

static void bt_replace_grows_records(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 32);
	unsigned int n = 600, i;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);
	u8 *data = kmalloc(4096, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; i < n; i++) {
		put_unaligned_be32(i, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 10;
		refs[i].seed = i;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	for (i = 0; i < n; i += 2) {
		refs[i].dlen = 200 + i % 700;
		refs[i].seed = i + 1000;
		ref_data(&refs[i], data);
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_replace(&e->bt, refs[i].key, 4,
							 data, refs[i].dlen));
	}
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	check_scan(test, e, refs, n);
	kvfree(refs);
	kfree(data);
}

static bool flag_answer(void *arg)
{
	return *(bool *)arg;
}

/*
 * Flag-deleted nodes (the version store's deletes): seeks pass over them,
 * seek_all shows them, an insert revives one, restore puts a node back
 * as it was (flags included), expunge removes only a flagged node its
 * predicate lets go, and flags survive the splits around them.
 */
static void bt_flag_deleted_nodes(struct kunit *test)
{
	const unsigned int *psz = test->param_value;
	struct bt_env *e = env_init(test, *psz, 64);
	struct jetk_bt_rec *rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	u8 *data = kunit_kzalloc(test, 600, GFP_KERNEL);
	u8 key[8];
	bool yes = true, no = false;
	unsigned int i, n = 400;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	KUNIT_ASSERT_NOT_NULL(test, data);
	rec->data = data;
	rec->data_max = 600;
#define K(i) (put_unaligned_be32((i), key), key)
	for (i = 1; i <= n; i++) {
		memset(data, i, 100);
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_insert(&e->bt, K(i), 4, data,
							100));
	}
	/* Every third key flag-deleted, the first and the last among them. */
	for (i = 1; i <= n; i += 3)
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_set_flags(&e->bt, K(i), 4,
							   JETK_ND_DELETED));
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_set_flags(&e->bt, K(n), 4,
						   JETK_ND_DELETED));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_set_flags(&e->bt, K(n + 1), 4,
							 JETK_ND_DELETED));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek(&e->bt, K(4), 4, JETK_BT_EQ,
						    rec));
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek_all(&e->bt, K(4), 4, JETK_BT_EQ,
						  rec));
	KUNIT_EXPECT_EQ(test, rec->flags, JETK_ND_DELETED);
	KUNIT_EXPECT_EQ(test, data[0], 4);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, K(4), 4, JETK_BT_GE, rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), 5U);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, K(5), 4, JETK_BT_LT, rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), 3U);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_FIRST,
					      rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), 2U);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, NULL, 0, JETK_BT_LAST,
					      rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), n - 1);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek_all(&e->bt, NULL, 0, JETK_BT_LAST,
						  rec));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), n);

	/* Grow the live records around the flagged ones: pages split. */
	for (i = 2; i <= n; i += 3) {
		memset(data, i, 500);
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_replace(&e->bt, K(i), 4, data,
							 500));
	}
	for (i = 1; i <= n; i++) {
		bool flagged = i % 3 == 1 || i == n;

		KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek_all(&e->bt, K(i), 4,
							  JETK_BT_EQ, rec));
		KUNIT_EXPECT_EQ(test, rec->flags,
				flagged ? JETK_ND_DELETED : 0);
		KUNIT_EXPECT_EQ(test, data[0], (u8)i);
	}

	/* An insert over a flagged node revives it with the new data. */
	memset(data, 0xAB, 50);
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_insert(&e->bt, K(4), 4, data, 50));
	KUNIT_EXPECT_EQ(test, -EEXIST, jetk_bt_insert(&e->bt, K(4), 4, data,
						      50));
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->bt, K(4), 4, JETK_BT_EQ, rec));
	KUNIT_EXPECT_EQ(test, rec->flags, 0);
	KUNIT_EXPECT_EQ(test, rec->data_len, 50U);
	KUNIT_EXPECT_EQ(test, data[0], 0xAB);

	/* Restore: back to flagged with the old data, or a new flagged node. */
	memset(data, 4, 100);
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_restore(&e->bt, K(4), 4, data, 100,
						 JETK_ND_DELETED));
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek_all(&e->bt, K(4), 4, JETK_BT_EQ,
						  rec));
	KUNIT_EXPECT_EQ(test, rec->flags, JETK_ND_DELETED);
	KUNIT_EXPECT_EQ(test, rec->data_len, 100U);
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_restore(&e->bt, K(n + 7), 4, data, 30,
						 JETK_ND_DELETED));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek(&e->bt, K(n + 7), 4,
						    JETK_BT_EQ, rec));
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_seek_all(&e->bt, K(n + 7), 4,
						  JETK_BT_EQ, rec));

	/* Expunge: only flagged nodes, only when the predicate lets them. */
	KUNIT_EXPECT_EQ(test, -EBUSY, jetk_bt_expunge(&e->bt, K(5), 4, NULL,
						      NULL));
	KUNIT_EXPECT_EQ(test, -EBUSY, jetk_bt_expunge(&e->bt, K(4), 4,
						      flag_answer, &no));
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_seek_all(&e->bt, K(4), 4, JETK_BT_EQ,
						  rec));
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_expunge(&e->bt, K(4), 4, flag_answer,
						 &yes));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek_all(&e->bt, K(4), 4,
							JETK_BT_EQ, rec));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_expunge(&e->bt, K(4), 4, NULL,
						       NULL));
	/* Every flagged node expunged: the live ones are all that is left. */
	for (i = 1; i <= n + 7; i++) {
		int ret = jetk_bt_expunge(&e->bt, K(i), 4, NULL, NULL);

		KUNIT_EXPECT_TRUE(test, !ret || ret == -EBUSY || ret == -ENOENT);
	}
	for (i = 1; i <= n; i++)
		KUNIT_EXPECT_EQ(test, jetk_bt_seek_all(&e->bt, K(i), 4,
						       JETK_BT_EQ, rec),
				(i % 3 == 1 || i == n) ? -ENOENT : 0);
#undef K
}

/* One walk of jetk_bt_merge_right() over the tree: merges by kind. */
static void merge_walk(struct kunit *test, struct bt_env *e,
		       unsigned int flags, unsigned int *full,
		       unsigned int *partial)
{
	u8 *key = kmalloc(2 * JETK_BT_KEY_MAX, GFP_KERNEL);
	unsigned int klen = 0, nlen, steps = 0;
	enum jetk_bt_merged what;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, key);
	*full = 0;
	*partial = 0;
	for (;;) {
		ret = jetk_bt_merge_right(&e->bt, key, klen, flags, &what,
					  key + JETK_BT_KEY_MAX, &nlen);
		if (ret == -ENOENT)
			break;
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_ASSERT_LT(test, ++steps, 100000U);
		*full += what == JETK_BT_MERGED_FULL;
		*partial += what == JETK_BT_MERGED_PARTIAL;
		memcpy(key, key + JETK_BT_KEY_MAX, nlen);
		klen = nlen;
	}
	kfree(key);
}

/*
 * Online defragmentation's merge: leaves left a third full (and some
 * flag-deleted nodes) merge with their right neighbours; keys stay in
 * order, nodes keep their data and flags, freed pages go back, and every
 * page reads back verified (the small cache evicts them all the time).
 */
static void bt_merge_right_compacts(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct bt_env *e = env_init(test, psz, 24);
	unsigned int n = 3000, i, nkeep = 0, nlive = 0, full, partial;
	unsigned int before, after_full;
	struct ref *refs = kvcalloc(n, sizeof(*refs), GFP_KERNEL);
	struct ref *live = kvcalloc(n, sizeof(*live), GFP_KERNEL);
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	struct rnd_state rs;

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, live);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	prandom_seed_state(&rs, psz + 1);
	for (i = 0; i < n; i++) {
		put_unaligned_be32(i, refs[i].key);
		refs[i].klen = 4;
		refs[i].dlen = 20 + prandom_u32_state(&rs) % 280;
		refs[i].seed = i;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	}
	/* Two in three go; every fifth survivor is flag-deleted. */
	for (i = 0; i < n; i++) {
		if (i % 3) {
			KUNIT_ASSERT_EQ(test, 0,
					jetk_bt_delete(&e->bt, refs[i].key, 4));
			continue;
		}
		nkeep++;
		if (i % 5 == 0)
			KUNIT_ASSERT_EQ(test, 0,
					jetk_bt_set_flags(&e->bt, refs[i].key,
							  4, JETK_ND_DELETED));
		else
			live[nlive++] = refs[i];
	}
	KUNIT_ASSERT_EQ(test, check_tree(test, e), nkeep);
	before = e->pages_used;

	/* Full merges only: pages go, nothing moves partially. */
	merge_walk(test, e, 0, &full, &partial);
	after_full = e->pages_used;
	KUNIT_EXPECT_GT(test, full, 0U);
	KUNIT_EXPECT_EQ(test, partial, 0U);
	KUNIT_EXPECT_EQ(test, before - after_full, full);
	KUNIT_EXPECT_EQ(test, check_tree(test, e), nkeep);
	check_scan(test, e, live, nlive);

	/* With partial merges: no page more, maybe fewer. */
	merge_walk(test, e, JETK_BT_MERGE_PARTIAL, &full, &partial);
	KUNIT_EXPECT_LE(test, e->pages_used, after_full);
	KUNIT_EXPECT_EQ(test, after_full - e->pages_used, full);
	KUNIT_EXPECT_EQ(test, check_tree(test, e), nkeep);
	check_scan(test, e, live, nlive);
	kunit_info(test, "%u pages, %u after full merges, %u after partial (%u moves)",
		   before, after_full, e->pages_used, partial);

	/* The flag-deleted nodes moved with their flags. */
	for (i = 0; i < n; i += 15) {
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek_all(&e->bt, refs[i].key,
							  4, JETK_BT_EQ, rec));
		KUNIT_EXPECT_TRUE(test, rec->flags & JETK_ND_DELETED);
		KUNIT_EXPECT_EQ(test, rec->data_len, refs[i].dlen);
		KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_seek(&e->bt, refs[i].key,
							    4, JETK_BT_EQ,
							    rec));
	}
	/* And the tree goes on working: everything back in. */
	for (i = 0; i < n; i++)
		if (i % 3)
			KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[i]));
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	kfree(rec);
	kvfree(live);
	kvfree(refs);
}

/* A tree of one leaf, or empty: nothing to merge, the walk ends. */
static void bt_merge_right_single_leaf(struct kunit *test)
{
	struct bt_env *e = env_init(test, 4096, 16);
	enum jetk_bt_merged what;
	u8 key[4] = { 1, 2, 3, 4 }, *next = kmalloc(JETK_BT_KEY_MAX, GFP_KERNEL);
	unsigned int nlen;

	KUNIT_ASSERT_NOT_NULL(test, next);
	KUNIT_EXPECT_EQ(test, -ENOENT,
			jetk_bt_merge_right(&e->bt, NULL, 0,
					    JETK_BT_MERGE_PARTIAL, &what, next,
					    &nlen));
	KUNIT_EXPECT_EQ(test, 0, jetk_bt_insert(&e->bt, key, 4, "x", 1));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			jetk_bt_merge_right(&e->bt, key, 4,
					    JETK_BT_MERGE_PARTIAL, &what, next,
					    &nlen));
	KUNIT_EXPECT_EQ(test, what, JETK_BT_MERGED_NONE);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			jetk_bt_merge_right(&e->bt, key, JETK_BT_KEY_MAX + 1,
					    0, &what, next, &nlen));
	KUNIT_EXPECT_EQ(test, 1U, check_tree(test, e));
	kfree(next);
}

/*
 * Large nodes with small ones between them, as long-value chunks of
 * several values written at once lay them out: a large node put between
 * two others on a full leaf fits no two-way split, so the leaf splits
 * where the node goes first and the node is put again (three pages).
 * @grow: put the large node by replacing a small one; @deep: below a
 * root, beside 300 small nodes.
 */
static void split_in_three(struct kunit *test, bool grow, bool deep)
{
	struct bt_env *e = env_init(test, 4096, 32);
	struct ref *refs = kunit_kcalloc(test, 320, sizeof(*refs), GFP_KERNEL);
	u8 *data = kunit_kmalloc(test, 4096, GFP_KERNEL);
	unsigned int n = 0, i, big;

	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, data);
	for (i = 0; deep && i < 300; i++, n++) {
		refs[n].key[0] = 0xff;
		put_unaligned_be32(i, refs[n].key + 1);
		refs[n].klen = 5;
		refs[n].dlen = 20;
		refs[n].seed = n;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[n]));
	}
	/* Value 1's chunk, then the roots of values 2 to 5. */
	put_unaligned_be32(1, refs[n].key);
	refs[n].klen = 8;
	refs[n].dlen = 3607;
	refs[n].seed = n;
	KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[n]));
	n++;
	for (i = 2; i <= 5; i++, n++) {
		put_unaligned_be32(i, refs[n].key);
		refs[n].klen = 4;
		refs[n].dlen = 8;
		refs[n].seed = n;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[n]));
	}
	/* Value 2's chunk, between its root and value 3's. */
	big = n;
	put_unaligned_be32(2, refs[big].key);
	refs[big].klen = 8;
	refs[big].seed = big;
	if (grow) {
		refs[big].dlen = 8;
		KUNIT_ASSERT_EQ(test, 0, insert_ref(e, &refs[big]));
		refs[big].dlen = 4014;
		ref_data(&refs[big], data);
		KUNIT_EXPECT_EQ(test, 0, jetk_bt_replace(&e->bt, refs[big].key,
							 8, data, 4014));
	} else {
		refs[big].dlen = 4014;
		KUNIT_EXPECT_EQ(test, 0, insert_ref(e, &refs[big]));
	}
	n++;
	sort(refs, n, sizeof(*refs), ref_cmp, NULL);
	KUNIT_EXPECT_EQ(test, check_tree(test, e), n);
	check_scan(test, e, refs, n);
}

static void bt_large_node_between_large_ones(struct kunit *test)
{
	split_in_three(test, false, false);
	split_in_three(test, false, true);
}

static void bt_node_grows_between_large_ones(struct kunit *test)
{
	split_in_three(test, true, false);
	split_in_three(test, true, true);
}

static void bt_errors(struct kunit *test)
{
	struct bt_env *e = env_init(test, 4096, 16);
	static u8 big[5000];
	u8 key[4] = { 1, 2, 3, 4 };

	KUNIT_EXPECT_EQ(test, 0, jetk_bt_insert(&e->bt, key, 4, "x", 1));
	KUNIT_EXPECT_EQ(test, -EEXIST, jetk_bt_insert(&e->bt, key, 4, "y", 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_bt_insert(&e->bt, key, 3, "y", 0));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_replace(&e->bt, key, 3, "y", 1));
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_bt_delete(&e->bt, key, 3));
	/* A node no page can hold. */
	KUNIT_EXPECT_EQ(test, -E2BIG, jetk_bt_insert(&e->bt, key, 3, big,
						     sizeof(big)));
	KUNIT_EXPECT_EQ(test, e->pages_used, 1U);
	KUNIT_EXPECT_EQ(test, 1U, check_tree(test, e));
}

static struct kunit_case bt_cases[] = {
	KUNIT_CASE_PARAM(bt_sequential_load_is_dense, bt_size_gen_params),
	KUNIT_CASE_PARAM(bt_random_inserts_and_seeks, bt_size_gen_params),
	KUNIT_CASE_PARAM(bt_delete_everything, bt_size_gen_params),
	KUNIT_CASE_PARAM(bt_replace_grows_records, bt_size_gen_params),
	KUNIT_CASE(bt_tail_removed_then_appended),
	KUNIT_CASE_PARAM(bt_sparse_deletes_merge, bt_size_gen_params),
	KUNIT_CASE_PARAM(bt_flag_deleted_nodes, bt_size_gen_params),
	KUNIT_CASE_PARAM(bt_merge_right_compacts, bt_size_gen_params),
	KUNIT_CASE(bt_merge_right_single_leaf),
	KUNIT_CASE(bt_large_node_between_large_ones),
	KUNIT_CASE(bt_node_grows_between_large_ones),
	KUNIT_CASE(bt_errors),
	{}
};

static struct kunit_suite bt_suite = {
	.name = "jetk_btree",
	.test_cases = bt_cases,
};

kunit_test_suite(bt_suite);
