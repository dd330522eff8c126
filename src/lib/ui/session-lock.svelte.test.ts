import { describe, expect, it } from 'vitest';
import { findCutOffSession } from './cut-off-session';
import { SessionPresence, SESSION_LOCK, type SessionLocks } from './session-lock.svelte';

/** Exclusive Web Locks shared by the tabs of one test: granted one at a time, in order. */
function fakeLocks(): SessionLocks {
	const held = new Set<string>();
	const waiting = new Map<string, (() => void)[]>();
	const request = async (
		name: string,
		callback: (lock: Lock | null) => unknown
	): Promise<unknown> => {
		while (held.has(name)) {
			await new Promise<void>((resolve) =>
				waiting.set(name, [...(waiting.get(name) ?? []), resolve])
			);
		}
		held.add(name);
		try {
			return await callback({ name, mode: 'exclusive' } as Lock);
		} finally {
			held.delete(name);
			const next = waiting.get(name)?.shift();
			next?.();
		}
	};
	return {
		request: request as SessionLocks['request'],
		query: async () => ({ held: [...held].map((name) => ({ name, mode: 'exclusive' as const })) })
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
			get: async () => ({ checkpoint: async () => checkpoint }),
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
});
