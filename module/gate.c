// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stop-service gate: admission of API calls into one instance.
 *
 * JetStopServiceInstance flips the gate to STOPPED.  The flip and every
 * admission decision are made under one spinlock, so once jetk_gate_stop()
 * has returned no gated call is admitted; calls already inside carry on
 * (ESE never waits for them at stop).  Calls marked exempt (rollback, end
 * session, term, ...) are still admitted.
 *
 * JetTerm closes the gate, which refuses every new call, and waits killably
 * until the calls inside have left.  This is jbd2's lock-updates barrier,
 * except that new callers fail instead of blocking.
 */
#include <linux/lockdep.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "jetk.h"

#ifdef CONFIG_LOCKDEP
static struct lock_class_key jetk_gate_key;
#endif

/**
 * jetk_gate_init() - initialise an open gate
 * @gate: the gate
 */
void jetk_gate_init(struct jetk_gate *gate)
{
	spin_lock_init(&gate->lock);
	gate->state = 0;
	gate->inflight = 0;
	init_waitqueue_head(&gate->drained);
	atomic64_set(&gate->refused, 0);
#ifdef CONFIG_LOCKDEP
	lockdep_init_map(&gate->dep_map, "jetk_gate", &jetk_gate_key, 0);
#endif
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_init);

/**
 * jetk_gate_enter() - admit a call into the instance
 * @gate: the instance's gate
 * @exempt: the call is one ESE still allows after JetStopServiceInstance
 *
 * Return: 0 when admitted (pair with jetk_gate_exit()),
 * JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE when the gate is stopped and
 * the call is not exempt, JETK_ERR_TERM_IN_PROGRESS while JetTerm runs.
 */
int jetk_gate_enter(struct jetk_gate *gate, bool exempt)
{
	int err = 0;

	/* make bench-gate's comparison build: admission costs nothing. */
	if (IS_ENABLED(CONFIG_JETK_BENCH_NO_GATE))
		return 0;
	spin_lock(&gate->lock);
	if ((gate->state & JETK_GATE_STOPPED) && !exempt) {
		atomic64_inc(&gate->refused);
		err = JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE;
	} else if (gate->state & JETK_GATE_CLOSING) {
		err = JETK_ERR_TERM_IN_PROGRESS;
	} else {
		gate->inflight++;
	}
	spin_unlock(&gate->lock);
#ifdef CONFIG_LOCKDEP
	if (!err)
		lock_map_acquire_read(&gate->dep_map);
#endif
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_enter);

/**
 * jetk_gate_exit() - leave the instance after jetk_gate_enter() admitted
 * @gate: the instance's gate
 */
void jetk_gate_exit(struct jetk_gate *gate)
{
	if (IS_ENABLED(CONFIG_JETK_BENCH_NO_GATE))
		return;
#ifdef CONFIG_LOCKDEP
	lock_map_release(&gate->dep_map);
#endif
	spin_lock(&gate->lock);
	if (!WARN_ON_ONCE(!gate->inflight) && !--gate->inflight &&
	    (gate->state & JETK_GATE_CLOSING))
		wake_up_all(&gate->drained);
	spin_unlock(&gate->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_exit);

/**
 * jetk_gate_stop() - refuse every later non-exempt call
 * @gate: the instance's gate
 *
 * Does not wait for the calls inside.
 *
 * Return: true if the gate was already stopped.
 */
bool jetk_gate_stop(struct jetk_gate *gate)
{
	bool was;

	spin_lock(&gate->lock);
	was = gate->state & JETK_GATE_STOPPED;
	gate->state |= JETK_GATE_STOPPED;
	spin_unlock(&gate->lock);
	return was;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_stop);

/**
 * jetk_gate_is_stopped() - has jetk_gate_stop() been called?
 * @gate: the instance's gate
 *
 * Return: true once the gate is stopped; it never reopens.
 */
bool jetk_gate_is_stopped(struct jetk_gate *gate)
{
	bool stopped;

	spin_lock(&gate->lock);
	stopped = gate->state & JETK_GATE_STOPPED;
	spin_unlock(&gate->lock);
	return stopped;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_is_stopped);

/**
 * jetk_gate_close() - refuse every new call and wait for those inside
 * @gate: the instance's gate
 *
 * The caller must not be inside the gate itself and must hold no lock that
 * a call inside could wait for.
 *
 * Return: 0 once no call is inside, -EINTR if a fatal signal arrived first
 * (the gate is then reopened as it was).
 */
int jetk_gate_close(struct jetk_gate *gate)
{
	int ret;

#ifdef CONFIG_LOCKDEP
	lock_map_acquire(&gate->dep_map);
	lock_map_release(&gate->dep_map);
#endif
	spin_lock(&gate->lock);
	gate->state |= JETK_GATE_CLOSING;
	spin_unlock(&gate->lock);

	ret = wait_event_killable(gate->drained,
				  jetk_gate_inflight(gate) == 0);
	if (ret) {
		jetk_gate_reopen(gate);
		return -EINTR;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_close);

/**
 * jetk_gate_close_idle() - close a gate that no call can be inside
 * @gate: the instance's gate
 *
 * For the release of a file: no ioctl runs on it, so nothing is inside
 * and there is nothing to wait for.
 */
void jetk_gate_close_idle(struct jetk_gate *gate)
{
	spin_lock(&gate->lock);
	gate->state |= JETK_GATE_CLOSING;
	WARN_ON_ONCE(gate->inflight);
	spin_unlock(&gate->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_close_idle);

/**
 * jetk_gate_reopen() - undo jetk_gate_close() when termination fails
 * @gate: the instance's gate
 *
 * A stopped gate stays stopped.
 */
void jetk_gate_reopen(struct jetk_gate *gate)
{
	spin_lock(&gate->lock);
	gate->state &= ~JETK_GATE_CLOSING;
	spin_unlock(&gate->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_reopen);

/**
 * jetk_gate_inflight() - number of calls inside the instance now
 * @gate: the instance's gate
 *
 * Return: the count; it may change as soon as the lock is dropped.
 */
unsigned int jetk_gate_inflight(struct jetk_gate *gate)
{
	unsigned int n;

	spin_lock(&gate->lock);
	n = gate->inflight;
	spin_unlock(&gate->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_gate_inflight);
