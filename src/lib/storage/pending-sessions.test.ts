import { describe, expect, it } from 'vitest';
import type { StoredSession } from './database';
import { MAX_PENDING, PendingSessions, type PendingStore } from './pending-sessions';

function memoryStore(): PendingStore & { items: Map<string, string> } {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value)
	};
}

const finished = (startedAtEpochMs: number, note?: string): StoredSession => ({
	id: 7,
	routineId: 'daily-unload',
	routineTitle: 'Daily unload',
	stepTitles: ['Step'],
	startedAtEpochMs,
	endedAtEpochMs: startedAtEpochMs + 60_000,
	outcome: 'completed',
	record: { steps: [], flares: [], startedAtEpochMs },
	...(note ? { note } : {})
});

describe('sessions waiting outside the database', () => {
	it('keeps one copy of each session, the latest, without an id of its own', () => {
		const pending = new PendingSessions(memoryStore());
		expect(pending.keep(finished(1))).toBe(true);
		expect(pending.keep(finished(1, 'later note'))).toBe(true);
		expect(pending.list()).toEqual([noId(finished(1, 'later note'))]);
		pending.forget(finished(1));
		expect(pending.list()).toEqual([]);
	});

	it('stays bounded: the oldest waiting go first, the newest is kept', () => {
		const pending = new PendingSessions(memoryStore());
		for (let i = 0; i < MAX_PENDING + 5; i++) pending.keep(finished(i));
		const starts = pending.list().map((s) => s.startedAtEpochMs);
		expect(starts).toHaveLength(MAX_PENDING);
		expect(starts.at(-1)).toBe(MAX_PENDING + 4);
		// One session too large on its own is not kept outside (the page keeps it in memory).
		expect(pending.keep(finished(999, 'x'.repeat(600_000)))).toBe(false);
		expect(pending.list()).toHaveLength(MAX_PENDING);
	});

	it('reads a damaged list as empty, and skips what is not a session', () => {
		const store = memoryStore();
		store.setItem('liana-pending-sessions', '{not json');
		expect(new PendingSessions(store).list()).toEqual([]);
		store.setItem('liana-pending-sessions', JSON.stringify([{ routineId: 1 }, noId(finished(5))]));
		expect(new PendingSessions(store).list().map((s) => s.startedAtEpochMs)).toEqual([5]);
	});
});

function noId(session: StoredSession): StoredSession {
	const copy = { ...session };
	delete copy.id;
	return copy;
}
