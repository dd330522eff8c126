import { describe, expect, it } from 'vitest';
import { findCutOffSession } from './cut-off-session';
import { SessionPresence, SESSION_LOCK, type SessionLocks } from './session-lock.svelte';
import { RESUME_WITHIN_MS } from '../storage/session-records';

/** Web Locks shared by the tabs of one test, as the browser keeps them: exclusive and shared
 * modes granted in order, `steal` (the holder's request rejects), `signal` (leave the line). */
function fakeLocks(): SessionLocks & { crash(name: string): void } {
	interface Holder {
		mode: LockMode;
		fail: (error: unknown) => void;
		gone: boolean;
	}
	interface Waiter {
		mode: LockMode;
		grant: () => void;
	}
	const holders = new Map<string, Holder[]>();
	const lines = new Map<string, Waiter[]>();
	const held = (name: string) => holders.get(name) ?? [];
	const line = (name: string) => lines.get(name) ?? [];
	const grantable = (name: string, mode: LockMode, ahead: Waiter[]) =>
		mode === 'exclusive'
			? held(name).length === 0 && ahead.length === 0
			: held(name).every((h) => h.mode === 'shared') && ahead.every((w) => w.mode === 'shared');
	const next = (name: string) => {
		const waiting = line(name);
		while (waiting.length > 0) {
			const first = waiting[0]!;
			if (!grantable(name, first.mode, [])) return;
			waiting.shift();
			first.grant();
		}
	};
	const request = (
		name: string,
		optionsOrCallback: LockOptions | ((lock: Lock | null) => unknown),
		maybeCallback?: (lock: Lock | null) => unknown
	): Promise<unknown> => {
		const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
		const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
		const mode = options.mode ?? 'exclusive';
		return new Promise((resolve, reject) => {
			const holder: Holder = { mode, fail: reject, gone: false };
			const run = () => {
				holders.set(name, [...held(name), holder]);
				void Promise.resolve(callback?.({ name, mode } as Lock)).then((value) => {
					if (holder.gone) return;
					holder.gone = true;
					holders.set(
						name,
						held(name).filter((h) => h !== holder)
					);
					resolve(value);
					next(name);
				}, reject);
			};
			if (options.steal) {
				for (const other of held(name)) {
					other.gone = true;
					other.fail(new DOMException('stolen', 'AbortError'));
				}
				holders.set(name, []);
				run();
				return;
			}
			if (grantable(name, mode, line(name))) return run();
			const waiter: Waiter = { mode, grant: run };
			lines.set(name, [...line(name), waiter]);
			options.signal?.addEventListener('abort', () => {
				lines.set(
					name,
					line(name).filter((w) => w !== waiter)
				);
				reject(new DOMException('left the line', 'AbortError'));
			});
		});
	};
	return {
		request: request as SessionLocks['request'],
		query: async () => ({
			held: [...holders].flatMap(([name, hs]) => hs.map((h) => ({ name, mode: h.mode })))
		}),
		// A tab that dies lets go of its locks without a word on the channel.
		crash(name) {
			for (const holder of held(name)) holder.gone = true;
			holders.set(name, []);
			next(name);
		}
	};
}

/** A channel per tab on one hub: what one posts, the others hear. */
function hub() {
	const members = new Set<EventTarget>();
	return () => {
		const channel = new EventTarget() as EventTarget & {
			postMessage(data: unknown): void;
			close(): void;
		};
		channel.postMessage = (data) => {
			for (const other of members) {
				if (other !== channel) other.dispatchEvent(new MessageEvent('message', { data }));
			}
		};
		channel.close = () => members.delete(channel);
		members.add(channel);
		return channel as unknown as BroadcastChannel;
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A database holding one checkpoint, read the way the app reads it. */
function holding(checkpoint: object) {
	const kept = { checkpoint: async () => checkpoint };
	return {
		read: async (_what: string, work: (db: typeof kept) => Promise<unknown>) => ({
			ok: true,
			value: await work(kept)
		})
	};
}

describe('one session at a time in this browser', () => {
	it('a tab whose session plays holds the lock; the others see it, live', async () => {
		const locks = fakeLocks();
		const channel = hub();
		const first = new SessionPresence(locks, channel());
		const second = new SessionPresence(locks, channel());
		const stopFirst = first.connect();
		const stopSecond = second.connect();
		await settle();
		expect(second.elsewhere).toBe(false);

		first.hold(true);
		await settle();
		expect(second.elsewhere).toBe(true);
		expect(first.elsewhere).toBe(false);
		expect(await second.playingElsewhere()).toBe(true);

		first.hold(false);
		await settle();
		expect(second.elsewhere).toBe(false);
		stopFirst();
		stopSecond();
	});

	it('a second session started anyway waits, and holds the lock once the first ends', async () => {
		const locks = fakeLocks();
		const channel = hub();
		const first = new SessionPresence(locks, channel());
		const second = new SessionPresence(locks, channel());
		first.connect();
		second.connect();
		first.hold(true);
		await settle();
		second.hold(true);
		await settle();
		expect(second.elsewhere).toBe(true);
		first.hold(false);
		await settle();
		await settle();
		expect(second.elsewhere).toBe(false);
		expect(first.elsewhere).toBe(true);
		expect((await locks.query()).held?.map((lock) => lock.name)).toEqual([SESSION_LOCK]);
	});

	it('lets go of a lock asked for but not yet granted', async () => {
		const locks = fakeLocks();
		const first = new SessionPresence(locks, null);
		const second = new SessionPresence(locks, null);
		first.hold(true);
		await settle();
		second.hold(true);
		second.hold(false);
		first.hold(false);
		await settle();
		await settle();
		expect((await locks.query()).held).toEqual([]);
	});

	it('without Web Locks, no tab is said to play elsewhere', async () => {
		const presence = new SessionPresence(undefined, null);
		presence.hold(true);
		expect(await presence.playingElsewhere()).toBe(false);
	});

	it("leaves another tab's live session alone: not offered, not abandoned", async () => {
		const checkpoint = { routineId: 'x', savedAtEpochMs: 1_000 };
		const writes: unknown[] = [];
		const database = {
			get: async () => holding(checkpoint),
			write: async (work: unknown) => {
				writes.push(work);
				return { ok: true as const, value: 0 };
			}
		} as unknown as Parameters<typeof findCutOffSession>[0];
		// Far older than a resume is offered for: without the live check it would be abandoned.
		expect(await findCutOffSession(database, 10 * 3_600_000, async () => true)).toEqual({});
		expect(writes).toEqual([]);
		await findCutOffSession(database, 10 * 3_600_000, async () => false);
		expect(writes).toHaveLength(1);
	});

	it('a second tab takes the session over: the first hears it and lets go', async () => {
		const locks = fakeLocks();
		const channel = hub();
		const first = new SessionPresence(locks, channel());
		const second = new SessionPresence(locks, channel());
		first.connect();
		second.connect();
		first.hold(true);
		await settle();
		expect(second.elsewhere).toBe(true);
		second.takeOver();
		await settle();
		await settle();
		expect(first.takenOver).toBe(true);
		expect(second.takenOver).toBe(false);
		expect(first.elsewhere).toBe(true);
		expect(second.elsewhere).toBe(false);
		expect((await locks.query()).held).toEqual([{ name: SESSION_LOCK, mode: 'exclusive' }]);
		// The first tab's session ended there; its Stop lets go of nothing it still holds.
		first.hold(false);
		await settle();
		expect((await locks.query()).held).toEqual([{ name: SESSION_LOCK, mode: 'exclusive' }]);
		// It starts again later only by taking the session back.
		first.takeOver();
		await settle();
		await settle();
		expect(second.takenOver).toBe(true);
		expect(first.takenOver).toBe(false);
	});

	it('a tab whose session tab died hears it without a word on the channel', async () => {
		const locks = fakeLocks();
		const first = new SessionPresence(locks, hub()());
		const second = new SessionPresence(locks, hub()());
		const third = new SessionPresence(locks, hub()());
		first.hold(true);
		await settle();
		second.connect();
		third.connect();
		await settle();
		expect([second.elsewhere, third.elsewhere]).toEqual([true, true]);
		locks.crash(SESSION_LOCK);
		await settle();
		await settle();
		expect([second.elsewhere, third.elsewhere]).toEqual([false, false]);
		// The tabs that waited in line let go, and do not wait on each other since.
		for (let i = 0; i < 5; i++) await settle();
		expect((await locks.query()).held).toEqual([]);
	});

	it('a checkpoint whose tab died is offered if recent, or kept as abandoned if old', async () => {
		const locks = fakeLocks();
		const playing = new SessionPresence(locks, null);
		const here = new SessionPresence(locks, null);
		playing.hold(true);
		await settle();
		const writes: unknown[] = [];
		const database = (savedAtEpochMs: number) =>
			({
				get: async () => holding({ routineId: 'x', savedAtEpochMs }),
				write: async (work: unknown) => {
					writes.push(work);
					return { ok: true as const, value: 0 };
				}
			}) as unknown as Parameters<typeof findCutOffSession>[0];
		const live = () => here.playingElsewhere();
		expect(await findCutOffSession(database(1_000), 2_000, live)).toEqual({});
		locks.crash(SESSION_LOCK);
		expect(await findCutOffSession(database(1_000), 2_000, live)).toMatchObject({
			checkpoint: { routineId: 'x' }
		});
		expect(writes).toEqual([]);
		expect(await findCutOffSession(database(1_000), 1_000 + RESUME_WITHIN_MS, live)).toEqual({});
		expect(writes).toHaveLength(1);
	});
});
