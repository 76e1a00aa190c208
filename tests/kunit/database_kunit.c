// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: databases attached to an instance (module/database.c), below the
 * ioctl layer, on a real UML disk (/dev/ubda; skipped, and counted as
 * skipped, without one): create, attach, detach, the errors ESE gives,
 * exclusive claims across instances, and the dirty/clean header protocol.
 */
#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/slab.h>

#include "checksum.h"
#include "database.h"
#include "format.h"
#include "jetk.h"

#define DISK "/dev/ubda"

struct dbt {
	struct jetk_file *jf;
	struct file *rw;
};

static void dbt_exit(void *p)
{
	struct dbt *t = p;

	jetk_file_free(t->jf);	/* terminates instances, detaches */
	fput(t->rw);
}

static struct dbt *dbt_init(struct kunit *test)
{
	struct dbt *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct file *f;

	KUNIT_ASSERT_NOT_NULL(test, t);
	f = filp_open(DISK, O_RDWR, 0);
	if (IS_ERR(f))
		kunit_skip(test, "%s: %ld", DISK, PTR_ERR(f));
	t->rw = f;
	t->jf = jetk_file_alloc();
	KUNIT_ASSERT_NOT_NULL(test, t->jf);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, dbt_exit, t));
	return t;
}

static struct jetk_instance *instance(struct kunit *test, struct dbt *t,
				      const char *name)
{
	struct jetk_instance *inst;
	char path[16];
	u32 id;
	u64 h = 0;

	KUNIT_ASSERT_EQ(test, 0, jetk_instance_create(t->jf, name, NULL, &h));
	/* Instances may not share system, log or temp paths. */
	for (id = 0; id < 3; id++) {
		snprintf(path, sizeof(path), "/%s%u/", name, id);
		KUNIT_ASSERT_EQ(test, 0, jetk_param_set(t->jf, h, 0, id, 0, path,
							strlen(path)));
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_instance_init(t->jf, &h, 0, 0));
	inst = jetk_instance_get(t->jf, h);
	KUNIT_ASSERT_NOT_NULL(test, inst);
	/* The file's handle table keeps it alive until the test ends. */
	jetk_instance_put(inst);
	return inst;
}

/* The first header copy as it is on the disk. */
static u32 disk_state(struct kunit *test, struct dbt *t)
{
	struct jetk_edb_header *h = kunit_kzalloc(test, 4096, GFP_KERNEL);
	loff_t pos = 0;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_EQ(test, 4096, kernel_read(t->rw, h, 4096, &pos));
	KUNIT_EXPECT_TRUE(test, jetk_header_verify(h, 4096));
	return le32_to_cpu(h->dbstate);
}

static void database_create_attach_detach(struct kunit *test)
{
	struct dbt *t = dbt_init(test);
	struct jetk_instance *inst = instance(test, t, "a");
	u32 dbid = 0, dbid2 = 0;
	u64 used = 0;

	KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(inst, t->rw, "x.edb", true,
						      JETK_DB_OVERWRITE_EXISTING,
						      0, &dbid));
	KUNIT_EXPECT_EQ(test, dbid, 1U);
	invalidate_bdev(file_bdev(t->rw));
	KUNIT_EXPECT_EQ(test, disk_state(test, t),
			(u32)JETK_DBSTATE_DIRTY_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, JETK_ERR_DATABASE_DUPLICATE,
			jetk_database_attach(inst, t->rw, "x.edb", true, 0, 0,
					     &dbid2));
	KUNIT_EXPECT_EQ(test, JETK_WRN_DATABASE_ATTACHED,
			jetk_database_attach(inst, t->rw, "x.edb", false, 0, 0,
					     &dbid2));
	KUNIT_EXPECT_EQ(test, JETK_ERR_DATABASE_NOT_FOUND,
			jetk_database_detach(inst, "y.edb", &used));
	KUNIT_ASSERT_EQ(test, 0, jetk_database_detach(inst, "x.edb", &used));
	KUNIT_EXPECT_EQ(test, used, 256ULL * 4096);
	invalidate_bdev(file_bdev(t->rw));
	KUNIT_EXPECT_EQ(test, disk_state(test, t),
			(u32)JETK_DBSTATE_CLEAN_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, JETK_ERR_DATABASE_NOT_FOUND,
			jetk_database_detach(inst, "x.edb", &used));

	/* The device holds a database now: create refuses, attach takes it. */
	KUNIT_EXPECT_EQ(test, JETK_ERR_DATABASE_DUPLICATE,
			jetk_database_attach(inst, t->rw, "z.edb", true, 0, 0,
					     &dbid));
	KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(inst, t->rw, "z.edb",
						      false, 0, 0, &dbid));
	KUNIT_EXPECT_EQ(test, 0, jetk_database_detach(inst, NULL, NULL));
}

static void database_claims_are_exclusive(struct kunit *test)
{
	struct dbt *t = dbt_init(test);
	struct jetk_instance *a = instance(test, t, "a");
	struct jetk_instance *b = instance(test, t, "b");
	u32 dbid;

	KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(a, t->rw, "x.edb", true,
						      JETK_DB_OVERWRITE_EXISTING,
						      0, &dbid));
	KUNIT_EXPECT_EQ(test, JETK_ERR_FILE_ACCESS_DENIED,
			jetk_database_attach(b, t->rw, "x.edb", false, 0, 0,
					     &dbid));
	/* Termination detaches cleanly; then the other instance may. */
	KUNIT_ASSERT_EQ(test, 0, jetk_instance_term(t->jf, a->handle, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(b, t->rw, "x.edb", false,
						      0, 0, &dbid));
}

static void database_refuses_bad_input(struct kunit *test)
{
	struct dbt *t = dbt_init(test);
	struct jetk_instance *inst = instance(test, t, "a");
	struct file *ro, *proc;
	loff_t pos = 0;
	u8 *hdr;
	u32 dbid;

	KUNIT_EXPECT_EQ(test, JETK_ERR_INVALID_GRBIT,
			jetk_database_attach(inst, t->rw, "x", false, 0x4, 0,
					     &dbid));
	KUNIT_EXPECT_EQ(test, JETK_ERR_INVALID_PARAMETER,
			jetk_database_attach(inst, t->rw, "", false, 0, 0,
					     &dbid));
	proc = filp_open("/proc/version", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(proc));
	KUNIT_EXPECT_EQ(test, JETK_ERR_FILE_INVALID_TYPE,
			jetk_database_attach(inst, proc, "p", false, 0, 0,
					     &dbid));
	fput(proc);

	/* A clean database: attached read-only through a read-only file. */
	KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(inst, t->rw, "x", true,
						      JETK_DB_OVERWRITE_EXISTING,
						      0, &dbid));
	KUNIT_ASSERT_EQ(test, 0, jetk_database_detach(inst, "x", NULL));
	ro = filp_open(DISK, O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(ro));
	KUNIT_EXPECT_EQ(test, JETK_ERR_FILE_ACCESS_DENIED,
			jetk_database_attach(inst, ro, "x", false, 0, 0, &dbid));
	KUNIT_EXPECT_EQ(test, 0, jetk_database_attach(inst, ro, "x", false,
						      JETK_DB_READ_ONLY, 0,
						      &dbid));
	KUNIT_EXPECT_EQ(test, 0, jetk_database_detach(inst, "x", NULL));
	fput(ro);
	invalidate_bdev(file_bdev(t->rw));
	KUNIT_EXPECT_EQ(test, disk_state(test, t),
			(u32)JETK_DBSTATE_CLEAN_SHUTDOWN);

	/* Left dirty (a crash): refused until recovered. */
	hdr = kunit_kmalloc(test, 4096, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_ASSERT_EQ(test, 4096, kernel_read(t->rw, hdr, 4096, &pos));
	((struct jetk_edb_header *)hdr)->dbstate =
		cpu_to_le32(JETK_DBSTATE_DIRTY_SHUTDOWN);
	jetk_header_seal(hdr, 4096);
	pos = 0;
	KUNIT_ASSERT_EQ(test, 4096, kernel_write(t->rw, hdr, 4096, &pos));
	KUNIT_ASSERT_EQ(test, 4096, kernel_write(t->rw, hdr, 4096, &pos));
	KUNIT_ASSERT_EQ(test, 0, vfs_fsync(t->rw, 0));
	KUNIT_EXPECT_EQ(test, JETK_ERR_DATABASE_DIRTY_SHUTDOWN,
			jetk_database_attach(inst, t->rw, "x", false, 0, 0,
					     &dbid));
}

static struct kunit_case database_cases[] = {
	KUNIT_CASE(database_create_attach_detach),
	KUNIT_CASE(database_claims_are_exclusive),
	KUNIT_CASE(database_refuses_bad_input),
	{}
};

static struct kunit_suite database_suite = {
	.name = "jetk_database",
	.test_cases = database_cases,
};

kunit_test_suite(database_suite);
