# SPDX-License-Identifier: GPL-2.0-only
#
# jetk: the developer's entry points.  Kbuild (not this file) describes
# the modules; kbuild reads it in M= mode.
#
#   make [all]          jetk.ko for KDIR, in place, and userlib
#   make modules        jetk.ko (and jetk_kunit.ko if KDIR has KUnit) for KDIR
#   make userlib        libjetk.a, libjetk.so, jetk.pc
#   make install        install userlib under PREFIX (default /usr/local)
#   make check          deps, compile matrix, then KUnit + user tests in UML;
#                       ends with "N passed, M failed"
#   make check-headers  W=1 build against Debian's 6.1 and 6.12 headers
#   make stress         the stress tests STRESS_ROUNDS times (default 10) at
#                       -smp 2 and 4 on the x86_64 debug kernel (tests/vm/)
#   make demo           run userlib/examples/demo inside UML
#   make bench          tests/bench/ in a UML kernel without KASAN/lockdep:
#                       figures as ratios against a peer run in the boot
#   make bench-term     JetTerm alone vs after JetStopServiceInstance
#                       (tests/bench/term_bench.c), in the same UML kernel
#   make bench-gate     the stop gate's cost: 16 sessions at -smp 4, with it
#                       and without it (tests/bench/gate-bench)
#   make checkpatch     checkpatch.pl --strict over the kernel sources
#   make clean          remove build products (keeps the UML kernel cache)
#   make distclean      clean, and drop .cache/ (UML kernel included)
#
# KDIR defaults to the running kernel's build dir if it exists, else the
# UML debug kernel (tests/uml/build-kernel; built on first use, ARCH=um).

KDIR ?=
PREFIX ?= /usr/local
# Scratch disks for make demo (tests/uml/run --disk NAME:SIZE).
DEMO_DISKS ?= data:256M log:64M

.PHONY: all modules userlib install check check-headers stress demo bench bench-term bench-gate \
	checkpatch \
	clean distclean

all: modules userlib

modules:
	@kdir='$(KDIR)'; \
	if [ -z "$$kdir" ]; then \
		kdir=/lib/modules/$$(uname -r)/build; \
		[ -d "$$kdir" ] || kdir=$$(tests/uml/build-kernel debug) || exit 1; \
	fi; \
	arch=; grep -qx 'CONFIG_UML=y' "$$kdir/.config" 2>/dev/null && arch=ARCH=um; \
	echo "  KDIR    $$kdir $$arch"; \
	$(MAKE) -C "$$kdir" $$arch M='$(CURDIR)' W=1 modules

userlib:
	$(MAKE) -C userlib

install:
	$(MAKE) -C userlib install PREFIX='$(PREFIX)'

check:
	@tests/uml/check

check-headers:
	@tests/uml/check-headers

# STRESS_KERNEL: debug (KASAN, lockdep), kcsan, deb61 or deb612.
STRESS_ROUNDS ?= 10
STRESS_KERNEL ?= debug
STRESS_SMP ?= 2 4

stress:
	@tests/vm/stress --rounds '$(STRESS_ROUNDS)' --kernel '$(STRESS_KERNEL)' \
		--smp '$(STRESS_SMP)'

demo:
	$(MAKE) -C userlib demo
	tests/uml/run $(foreach d,$(DEMO_DISKS),--disk $(d)) -- userlib/examples/demo

# How the benchmarks are built: static, against libjetk.a.
BENCH_CC = $(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -static -pthread \
	-Iuserlib/include -Iuapi

# Rows the table benchmark inserts into each of its two tables, and
# transactions per session of the transaction benchmark.
BENCH_ROWS ?= 200000
BENCH_TRX ?= 5000

bench:
	$(MAKE) -C userlib libjetk.a
	mkdir -p tests/bench/build
	for b in table_bench trx_bench; do \
		$(BENCH_CC) -o tests/bench/build/$$b \
			tests/bench/$$b.c userlib/libjetk.a || exit 1; \
	done
	tests/uml/run --variant fast --timeout 3000 -- sh -c \
		'tests/bench/build/table_bench $(BENCH_ROWS) && tests/bench/build/trx_bench $(BENCH_TRX)'

# What JetStopServiceInstance saves a later JetTerm (tests/bench/term_bench.c).
BENCH_TERM_MIB ?= 64

bench-term:
	$(MAKE) -C userlib libjetk.a
	mkdir -p tests/bench/build
	$(BENCH_CC) -o tests/bench/build/term_bench \
		tests/bench/term_bench.c userlib/libjetk.a
	tests/uml/run --variant fast --mem 2G --timeout 3000 -- \
		tests/bench/build/term_bench $(BENCH_TERM_MIB)

# What the stop gate costs: 16 sessions on an SMP kernel, with the gate
# and with a build whose calls skip it, in one boot (tests/bench/gate-bench).
BENCH_GATE_SMP ?= 4

bench-gate:
	$(MAKE) -C userlib libjetk.a
	mkdir -p tests/bench/build
	$(BENCH_CC) -o tests/bench/build/gate_bench \
		tests/bench/gate_bench.c userlib/libjetk.a
	tests/bench/gate-bench --smp '$(BENCH_GATE_SMP)'

# compat.h is the one file allowed to test LINUX_VERSION_CODE.
checkpatch:
	@ksrc=$$(tests/uml/build-kernel --src) || exit 1; \
	cp="$$ksrc/scripts/checkpatch.pl --no-tree --strict"; rc=0; \
	files=$$(ls module/*.[ch] uapi/linux/jetk.h uapi/linux/jetk_log.h tests/kunit/*.c 2>/dev/null | \
		grep -vx 'module/compat.h' | grep -v '\.mod\.c$$'); \
	[ -z "$$files" ] || $$cp -f $$files || rc=1; \
	[ ! -f module/compat.h ] || \
		$$cp --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f module/compat.h || rc=1; \
	exit $$rc

# In-place kbuild products are removed by name: a kernel make clean would
# need a KDIR, which may mean building the UML kernel first.
clean:
	-[ ! -f userlib/Makefile ] || $(MAKE) -C userlib clean
	-[ ! -f tests/user/Makefile ] || $(MAKE) -C tests/user clean
	rm -rf tests/bench/build
	find module tests/kunit uapi -depth \( -name '*.o' -o -name '*.ko' \
		-o -name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' \
		-o -name '.*.d' -o -name 'modules.order' -o -name '.tmp_*' \) \
		-exec rm -rf {} + 2>/dev/null || true
	rm -f Module.symvers modules.order .*.cmd .module-common.o
	rm -rf .cache/kbuild .cache/check .cache/run

distclean: clean
	rm -rf .cache
