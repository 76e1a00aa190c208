// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: a new database (module/db.c) on a real UML disk (/dev/ubda; the
 * suite is skipped, and counted as skipped, without one), written through
 * the cache and bios, then read back through a fresh cache: headers,
 * checksums, page structure and the system catalog's rows.
 */
#include <kunit/test.h>
#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "bdev.h"
#include "btree.h"
#include "cache.h"
#include "checksum.h"
#include "compat.h"
#include "db.h"
#include "format.h"
#include "page.h"

struct db_env {
	struct file *f;
	struct jetk_bdev jb;
	struct jetk_cache *c;
	struct jetk_db db;
	unsigned int psz;
	int holder;
};

static int env_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		      struct page *page, unsigned int len,
		      jetk_bdev_end_io_t end_io, void *private)
{
	struct db_env *e = f->private;

	return jetk_bdev_submit(&e->jb, opf, ((u64)pgno + 1) * len, page, len,
				end_io, private);
}

static int env_verify(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct db_env *e = f->private;
	struct jetk_page p;

	if (jetk_page_verify(data, e->psz, pgno) != JETK_CSUM_OK)
		return -EBADMSG;
	jetk_page_view(&p, data, e->psz);
	return jetk_page_check(&p);
}

static void env_seal(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct db_env *e = f->private;

	jetk_page_seal(data, e->psz, pgno);
}

static int env_flush(struct jetk_cache_file *f)
{
	struct db_env *e = f->private;

	return jetk_bdev_flush(&e->jb);
}

static const struct jetk_cache_file_ops env_ops = {
	.submit = env_submit,
	.verify = env_verify,
	.seal = env_seal,
	.flush = env_flush,
};

static int env_hdr_rw(struct jetk_db *db, bool write, unsigned int copy,
		      void *buf)
{
	struct db_env *e = db->private;
	struct page *pg = alloc_pages(GFP_KERNEL, get_order(e->psz));
	int ret;

	if (!pg)
		return -ENOMEM;
	if (write)
		memcpy(page_address(pg), buf, e->psz);
	ret = jetk_bdev_rw_sync(&e->jb, write ? REQ_OP_WRITE | REQ_FUA |
				REQ_PREFLUSH : REQ_OP_READ,
				(u64)copy * e->psz, pg, e->psz);
	if (!ret && !write)
		memcpy(buf, page_address(pg), e->psz);
	__free_pages(pg, get_order(e->psz));
	return ret;
}

static const struct jetk_db_io env_io = { .hdr_rw = env_hdr_rw };

static void env_exit(void *p)
{
	struct db_env *e = p;

	if (e->db.file)
		jetk_cache_file_remove(e->db.file);
	jetk_cache_destroy(e->c);
	jetk_db_free(&e->db);
	jetk_bdev_release(&e->jb);
	fput(e->f);
}

static struct db_env *env_init(struct kunit *test, unsigned int psz)
{
	struct db_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct file *f;

	KUNIT_ASSERT_NOT_NULL(test, e);
	f = filp_open("/dev/ubda", O_RDWR, 0);
	if (IS_ERR(f))
		kunit_skip(test, "/dev/ubda: %ld", PTR_ERR(f));
	e->f = f;
	e->psz = psz;
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&e->jb, f, true, &e->holder));
	e->c = jetk_cache_create("kunit-db", psz, 1, 64);
	KUNIT_ASSERT_NOT_NULL(test, e->c);
	e->db.file = jetk_cache_file_add(e->c, &env_ops, e);
	KUNIT_ASSERT_NOT_NULL(test, e->db.file);
	e->db.page_size = psz;
	e->db.io = &env_io;
	e->db.private = e;
	e->db.pgno_max = e->jb.size / psz - 2;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, env_exit, e));
	return e;
}

static unsigned int count_tree(struct kunit *test, struct jetk_db *db,
			       u32 root, u32 objid)
{
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec), GFP_KERNEL);
	struct jetk_bt bt;
	unsigned int n = 0;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	jetk_bt_init(&bt, db->file, root, objid, 0, &db->dbtime, NULL, NULL);
	ret = jetk_bt_seek(&bt, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		n++;
		ret = jetk_bt_seek(&bt, rec->key, rec->key_len, JETK_BT_GT, rec);
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	kfree(rec);
	return n;
}

static const unsigned int db_sizes[] = { 4096, 32768 };

static void db_size_desc(const unsigned int *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *s);
}

KUNIT_ARRAY_PARAM(db_size, db_sizes, db_size_desc);

static void db_format_writes_a_readable_database(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct db_env *e = env_init(test, psz);
	u8 *hdr = kunit_kzalloc(test, psz, GFP_KERNEL);
	struct jetk_edb_header *h = (void *)hdr;
	unsigned int c;

	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_ASSERT_EQ(test, 0, jetk_db_format(&e->db));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_write_dirty(e->c, NULL));
	KUNIT_ASSERT_EQ(test, 0,
			jetk_db_write_header(&e->db,
					     JETK_DBSTATE_CLEAN_SHUTDOWN));

	/* Everything again from the disk, through a fresh cache. */
	KUNIT_EXPECT_EQ(test, jetk_cache_file_remove(e->db.file), 0UL);
	e->db.file = jetk_cache_file_add(e->c, &env_ops, e);
	KUNIT_ASSERT_NOT_NULL(test, e->db.file);
	for (c = 0; c < 2; c++) {
		KUNIT_ASSERT_EQ(test, 0, env_hdr_rw(&e->db, false, c, hdr));
		KUNIT_EXPECT_TRUE(test, jetk_header_verify(hdr, psz));
		KUNIT_EXPECT_EQ(test, le32_to_cpu(h->dbstate),
				(u32)JETK_DBSTATE_CLEAN_SHUTDOWN);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(h->page_size), psz);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(h->objid_last), 5U);
		KUNIT_EXPECT_GE(test, le64_to_cpu(h->dbtime_dirtied), 10ULL);
	}
	KUNIT_EXPECT_EQ(test, count_tree(test, &e->db, JETK_PGNO_CATALOG,
					 JETK_OBJID_CATALOG), 62U);
	KUNIT_EXPECT_EQ(test, count_tree(test, &e->db, JETK_PGNO_SHADOW,
					 JETK_OBJID_SHADOW), 62U);
	KUNIT_EXPECT_EQ(test, count_tree(test, &e->db, JETK_PGNO_CAT_NAME,
					 JETK_OBJID_CAT_NAME), 62U);
	KUNIT_EXPECT_EQ(test, count_tree(test, &e->db, JETK_PGNO_CAT_ROOTOBJ,
					 JETK_OBJID_CAT_ROOTOBJ), 2U);
}

/* Format, then take the database up again through a fresh cache. */
static struct jetk_db *reopen(struct kunit *test, struct db_env *e)
{
	struct jetk_db *db = kunit_kzalloc(test, sizeof(*db), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, db);
	KUNIT_EXPECT_EQ(test, jetk_cache_file_remove(e->db.file), 0UL);
	e->db.file = jetk_cache_file_add(e->c, &env_ops, e);
	KUNIT_ASSERT_NOT_NULL(test, e->db.file);
	db->file = e->db.file;
	db->page_size = e->psz;
	db->io = &env_io;
	db->private = e;
	db->pgno_max = e->db.pgno_max;
	return db;
}

static void db_free_action(void *p)
{
	jetk_db_free(p);
}

static void db_open_takes_up_a_database(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct db_env *e = env_init(test, psz);
	struct jetk_db *db;
	u32 first_end, p;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, 0, jetk_db_format(&e->db));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_write_dirty(e->c, NULL));
	KUNIT_ASSERT_EQ(test, 0,
			jetk_db_write_header(&e->db,
					     JETK_DBSTATE_CLEAN_SHUTDOWN));
	first_end = e->db.pgno_last;
	db = reopen(test, e);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, db_free_action,
							   db));
	KUNIT_ASSERT_EQ(test, 0, jetk_db_open(db));
	KUNIT_EXPECT_EQ(test, db->pgno_last, first_end);
	KUNIT_EXPECT_EQ(test, db->objid_last, 5U);
	KUNIT_EXPECT_EQ(test, count_tree(test, db, JETK_PGNO_CATALOG,
					 JETK_OBJID_CATALOG), 62U);
	/* Its space works: allocating past the end grows the database. */
	for (i = 0; i < first_end + 10; i++)
		KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc(&db->sp_root, &p));
	KUNIT_EXPECT_GT(test, db->pgno_last, first_end);
	KUNIT_EXPECT_LE(test, p, db->pgno_last);
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(e->c, NULL));
}

static void db_open_checks_the_header(struct kunit *test)
{
	struct db_env *e = env_init(test, 4096);
	u8 *junk = kunit_kzalloc(test, 4096, GFP_KERNEL);
	struct jetk_db *db;

	KUNIT_ASSERT_NOT_NULL(test, junk);
	KUNIT_ASSERT_EQ(test, 0, jetk_db_format(&e->db));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_write_dirty(e->c, NULL));
	KUNIT_ASSERT_EQ(test, 0,
			jetk_db_write_header(&e->db,
					     JETK_DBSTATE_DIRTY_SHUTDOWN));
	db = reopen(test, e);
	KUNIT_EXPECT_EQ(test, -ESTALE, jetk_db_open(db));
	jetk_db_free(db);

	KUNIT_ASSERT_EQ(test, 0,
			jetk_db_write_header(&e->db,
					     JETK_DBSTATE_CLEAN_SHUTDOWN));
	/* A damaged first copy: the shadow copy is used. */
	memset(junk, 0x5a, 4096);
	KUNIT_ASSERT_EQ(test, 0, env_hdr_rw(&e->db, true, 0, junk));
	db = reopen(test, e);
	KUNIT_EXPECT_EQ(test, 0, jetk_db_open(db));
	jetk_db_free(db);
	/* Both damaged: not a database. */
	KUNIT_ASSERT_EQ(test, 0, env_hdr_rw(&e->db, true, 1, junk));
	db = reopen(test, e);
	KUNIT_EXPECT_EQ(test, -EUCLEAN, jetk_db_open(db));
	jetk_db_free(db);
}

/* An in-memory disk for the mutation test: fast, and free to damage. */
#define MEM_PAGES	64

struct mem_env {
	unsigned int psz;
	u8 *img;		/* header copies + MEM_PAGES pages */
	struct jetk_cache *c;
	struct jetk_db db;
};

static size_t mem_bytes(const struct mem_env *m)
{
	return (size_t)(MEM_PAGES + 2) * m->psz;
}

static int mem_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		      struct page *page, unsigned int len,
		      jetk_bdev_end_io_t end_io, void *private)
{
	struct mem_env *m = f->private;
	u8 *at = m->img + ((size_t)pgno + 1) * len;

	if (pgno + 1 >= MEM_PAGES + 2)
		return -EIO;
	if (op_is_write(opf))
		memcpy(at, page_address(page), len);
	else
		memcpy(page_address(page), at, len);
	end_io(private, 0);
	return 0;
}

static int mem_verify(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct mem_env *m = f->private;
	struct jetk_page p;
	enum jetk_csum_result r = jetk_page_verify(data, m->psz, pgno);

	if (r != JETK_CSUM_OK && r != JETK_CSUM_CORRECTED)
		return -EBADMSG;
	jetk_page_view(&p, data, m->psz);
	return jetk_page_check(&p);
}

static void mem_seal(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct mem_env *m = f->private;

	jetk_page_seal(data, m->psz, pgno);
}

static const struct jetk_cache_file_ops mem_ops = {
	.submit = mem_submit,
	.verify = mem_verify,
	.seal = mem_seal,
};

static int mem_hdr_rw(struct jetk_db *db, bool write, unsigned int copy,
		      void *buf)
{
	struct mem_env *m = db->private;

	if (write)
		memcpy(m->img + (size_t)copy * m->psz, buf, m->psz);
	else
		memcpy(buf, m->img + (size_t)copy * m->psz, m->psz);
	return 0;
}

static const struct jetk_db_io mem_io = { .hdr_rw = mem_hdr_rw };

static void mem_setup(struct mem_env *m)
{
	memset(&m->db, 0, sizeof(m->db));
	m->db.file = jetk_cache_file_add(m->c, &mem_ops, m);
	m->db.page_size = m->psz;
	m->db.io = &mem_io;
	m->db.private = m;
	m->db.pgno_max = MEM_PAGES - 1;
}

static void mem_teardown(struct mem_env *m)
{
	if (m->db.file)
		jetk_cache_file_remove(m->db.file);
	m->db.file = NULL;
	jetk_db_free(&m->db);
}

static void mem_exit(void *p)
{
	struct mem_env *m = p;

	mem_teardown(m);
	jetk_cache_destroy(m->c);
	vfree(m->img);
}

/* Walk a tree to the end; any error ends the walk. */
static int walk(struct jetk_bt *bt, struct jetk_bt_rec *rec)
{
	int ret = jetk_bt_seek(bt, NULL, 0, JETK_BT_FIRST, rec), n = 0;

	while (!ret && n++ < 10000)
		ret = jetk_bt_seek(bt, rec->key, rec->key_len, JETK_BT_GT, rec);
	return ret == -ENOENT ? 0 : ret;
}

/*
 * 200 seeded mutations of a database jetk wrote: flipped bits (caught or
 * corrected by the checksums) and, for half of them, garbage behind a
 * valid checksum (caught by the page, record and tree checks).  Opening
 * and walking every system tree must end in success or a clean error.
 */
static void db_survives_damaged_images(struct kunit *test)
{
	struct mem_env *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	struct jetk_bt_rec *rec = kunit_kzalloc(test, sizeof(*rec), GFP_KERNEL);
	unsigned int k, j, ok = 0, refused = 0;
	struct rnd_state rs;
	u8 *good;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, rec);
	m->psz = 4096;
	m->img = vzalloc(mem_bytes(m));
	good = kunit_kmalloc(test, mem_bytes(m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->img);
	KUNIT_ASSERT_NOT_NULL(test, good);
	m->c = jetk_cache_create("kunit-mut", m->psz, 1, 32);
	KUNIT_ASSERT_NOT_NULL(test, m->c);
	mem_setup(m);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, mem_exit, m));
	KUNIT_ASSERT_EQ(test, 0, jetk_db_format(&m->db));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_write_dirty(m->c, NULL));
	KUNIT_ASSERT_EQ(test, 0,
			jetk_db_write_header(&m->db,
					     JETK_DBSTATE_CLEAN_SHUTDOWN));
	memcpy(good, m->img, mem_bytes(m));

	prandom_seed_state(&rs, 2026);
	for (k = 0; k < 200; k++) {
		u32 pg = 1 + prandom_u32_state(&rs) % 28;
		u8 *page = m->img + ((size_t)pg + 1) * m->psz;

		mem_teardown(m);
		memcpy(m->img, good, mem_bytes(m));
		for (j = 0; j <= k % 8; j++) {
			u32 r = prandom_u32_state(&rs);

			page[r % m->psz] ^= (u8)(r >> 24) | 1;
		}
		/* Half: garbage that passes the checksum. */
		if (k % 2)
			jetk_page_seal(page, m->psz, pg);
		mem_setup(m);
		KUNIT_ASSERT_NOT_NULL(test, m->db.file);
		ret = jetk_db_open(&m->db);
		if (!ret)
			ret = walk(&m->db.bt_cat, rec);
		if (!ret)
			ret = walk(&m->db.bt_shadow, rec);
		if (!ret)
			ret = walk(&m->db.bt_name, rec);
		if (!ret)
			ret = walk(&m->db.bt_rootobj, rec);
		if (!ret)
			ret = walk(&m->db.sp_root.ae, rec);
		if (ret) {
			KUNIT_EXPECT_TRUE_MSG(test, ret == -EBADMSG ||
					      ret == -EUCLEAN || ret == -EIO ||
					      ret == -ENOENT,
					      "mutation %u: %d", k, ret);
			refused++;
		} else {
			ok++;
		}
	}
	/* Read ones were damaged outside the walked trees, or corrected. */
	kunit_info(test, "200 damaged images: %u refused cleanly, %u read",
		   refused, ok);
	KUNIT_EXPECT_GT(test, refused, 50U);
}

/*
 * The last case leaves a clean 32 KiB database on the disk: tests/uml/check
 * has Debian's esedbinfo and esedbexport read it after the run.
 */
static struct kunit_case db_cases[] = {
	KUNIT_CASE(db_survives_damaged_images),
	KUNIT_CASE(db_open_checks_the_header),
	KUNIT_CASE_PARAM(db_open_takes_up_a_database, db_size_gen_params),
	KUNIT_CASE_PARAM(db_format_writes_a_readable_database,
			 db_size_gen_params),
	{}
};

static struct kunit_suite db_suite = {
	.name = "jetk_db",
	.test_cases = db_cases,
};

kunit_test_suite(db_suite);
