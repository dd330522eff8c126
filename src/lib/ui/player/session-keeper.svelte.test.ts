import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreSession } from '../../engine/reduce';
import { Session } from '../../engine/session';
import { testSession, threeSteps, TEST_EPOCH_MS } from '$test/routines';
import type { SessionEvent } from '../../engine/types';
import { Database, type StoreResult } from '../../storage/database';
import {
	PendingSessions,
	writePendingSessions,
	type PendingStore
} from '../../storage/pending-sessions';
import { SessionKeeper } from './session-keeper.svelte';
import { readsOf } from '$test/stored';

const routine = { id: 'three', title: 'Three steps', stepTitles: ['Hip', 'Calm', 'Rest'] };

/** A real database (fake-indexeddb) that a test can make fail like a full disk. */
let db: Database;
let failWrites = false;
const database = {
	async write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
		if (failWrites) {
			return {
				ok: false,
				message: 'This device is out of storage space, so nothing was saved',
				reason: 'this device is out of storage space'
			};
		}
		return work(db);
	}
};

/** localStorage as a map: what a later start of the app finds there. */
function memoryStore(): PendingStore & { items: Map<string, string> } {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value)
	};
}
let outside = memoryStore();

/** A session the test drives, heard by a keeper as the player would be. */
function kept(session = testSession(threeSteps()), liveElsewhere = async () => false) {
	const player = {
		listen: (listener: (event: SessionEvent) => void) => session.session.subscribe(listener),
		get state() {
			return session.session.state;
		}
	};
	const keeper = new SessionKeeper(
		player,
		database,
		routine,
		() => session.clock.epochNow(),
		liveElsewhere,
		new PendingSessions(outside)
	);
	const disconnect = keeper.connect();
	return { ...session, keeper, disconnect };
}

beforeEach(async () => {
	globalThis.indexedDB = new IDBFactory();
	failWrites = false;
	outside = memoryStore();
	const opened = await Database.open();
	if (!opened.ok) throw new Error(opened.message);
	db = opened.value;
});
afterEach(() => db.close());

describe('the session keeper', () => {
	it('checkpoints the running session at each phase change, and can restore from it', async () => {
		const { session, at, keeper, clock } = kept();
		keeper.answerBefore({ pain: 5 });
		session.start();
		at(27_000); // soften of round 1
		await keeper.settled();
		const checkpoint = await readsOf(db).checkpoint();
		expect(checkpoint).toMatchObject({ routineId: 'three', before: { pain: 5 } });
		expect(checkpoint?.savedAtEpochMs).toBe(TEST_EPOCH_MS + 27_000);
		const state = checkpoint && restoreSession(checkpoint.state, 0, TEST_EPOCH_MS + 60_000);
		expect(state && new Session(threeSteps(), clock, state).view().phase).toBe('soften');
	});

	it('keeps the finished session with its flare and check-ins, and clears the checkpoint', async () => {
		const { session, at, keeper } = kept();
		keeper.answerBefore({ pain: 6 });
		session.start();
		at(20_000);
		session.flare();
		session.stop();
		await keeper.settled();
		expect(keeper.saved).toBe(true);
		expect(await readsOf(db).checkpoint()).toBeUndefined();
		keeper.answerAfter({ pain: 3 });
		keeper.answerAfter({ leg: 'lighter' });
		expect(keeper.afterSaved).toBe(false);
		await keeper.settled();
		expect(keeper.afterSaved).toBe(true);
		const [stored] = await readsOf(db).sessions();
		expect(stored).toMatchObject({
			outcome: 'stopped-after-flare',
			before: { pain: 6 },
			after: { pain: 3, leg: 'lighter' },
			stepTitles: ['Hip', 'Calm', 'Rest']
		});
		expect(stored?.record.flares[0]).toMatchObject({ stepId: 'hip', phase: 'breathe' });
	});

	it("leaves another tab's live session alone when a second one starts here", async () => {
		const first = kept();
		first.session.start();
		first.at(27_000);
		await first.keeper.settled();
		// The first still plays in its tab: a session started here does not call it abandoned.
		const second = kept(testSession(threeSteps()), async () => true);
		second.clock.advance(60_000);
		second.session.start();
		await second.keeper.settled();
		expect(await readsOf(db).sessions()).toEqual([]);
		first.at(200_000); // to its end
		await first.keeper.settled();
		expect((await readsOf(db).sessions()).map((s) => s.outcome)).toEqual(['completed']);
	});

	it('records a cut-off session of another routine as abandoned when a new one starts', async () => {
		const first = kept();
		first.session.start();
		first.at(27_000);
		await first.keeper.settled();
		first.disconnect();
		const second = kept();
		second.clock.advance(3_600_000);
		second.session.start();
		await second.keeper.settled();
		const sessions = await readsOf(db).sessions();
		expect(sessions.map((s) => s.outcome)).toEqual(['abandoned']);
		expect((await readsOf(db).checkpoint())?.state.startedAtEpochMs).toBe(
			TEST_EPOCH_MS + 3_600_000
		);
	});

	it('says the session was not saved when the disk is full, and keeps what was stored', async () => {
		const { session, keeper } = kept();
		session.start();
		await keeper.settled();
		failWrites = true;
		session.stop();
		await keeper.settled();
		expect(keeper.saved).toBe(false);
		expect(keeper.unsaved).toBe(true);
		expect(keeper.problem).toBe(
			'This session is not in your history yet: this device is out of storage space. It is kept on this device and saved the next time Liana opens, or press Retry once there is room.'
		);
		expect(await readsOf(db).checkpoint()).toBeDefined();
		expect(new PendingSessions(outside).list().map((s) => s.outcome)).toEqual(['stopped']);
	});

	it('writes a session the disk refused with Retry, with the check-in answered meanwhile', async () => {
		const { session, keeper } = kept();
		session.start();
		await keeper.settled();
		failWrites = true;
		session.stop();
		await keeper.settled();
		keeper.answerAfter({ pain: 2 });
		keeper.saveNote('Easy today');
		keeper.retry();
		await keeper.settled();
		expect(keeper.saved).toBe(false);
		expect(await readsOf(db).sessions()).toEqual([]);
		expect(new PendingSessions(outside).list()[0]).toMatchObject({
			after: { pain: 2 },
			note: 'Easy today'
		});
		failWrites = false;
		keeper.retry();
		await keeper.settled();
		expect(keeper).toMatchObject({ saved: true, unsaved: false, problem: '', afterSaved: true });
		const stored = await readsOf(db).sessions();
		expect(stored.map((s) => [s.outcome, s.after, s.note])).toEqual([
			['stopped', { pain: 2 }, 'Easy today']
		]);
		expect(await readsOf(db).checkpoint()).toBeUndefined();
		expect(new PendingSessions(outside).list()).toEqual([]);
	});

	it('a session the disk refused is written at the next start, once, however often it is tried', async () => {
		const { session, keeper } = kept();
		session.start();
		failWrites = true;
		session.stop();
		await keeper.settled();
		// The tab is closed; the next start of the app finds the session outside the database.
		failWrites = false;
		const pending = new PendingSessions(outside);
		expect(await writePendingSessions(database, pending)).toBe(1);
		expect(pending.list()).toEqual([]);
		// A retry after a write that landed (its answer lost), and the same list found again.
		keeper.retry();
		await keeper.settled();
		pending.keep({ ...(await readsOf(db).sessions())[0]!, id: 99 });
		await writePendingSessions(database, pending);
		expect((await readsOf(db).sessions()).map((s) => s.outcome)).toEqual(['stopped']);
	});

	it('a finished session is kept outside the database while its write has not answered', async () => {
		const { session, keeper } = kept();
		session.start();
		await keeper.settled();
		// The database is held up (an upgrade another tab blocks): the write never answers.
		const write = database.write;
		database.write = () => new Promise(() => {});
		try {
			session.stop();
			await Promise.resolve();
			expect(new PendingSessions(outside).list().map((s) => s.outcome)).toEqual(['stopped']);
		} finally {
			database.write = write;
		}
		// The tab is closed; the next start writes it.
		await writePendingSessions(database, new PendingSessions(outside));
		expect((await readsOf(db).sessions()).map((s) => s.outcome)).toEqual(['stopped']);
	});

	it('a session the disk refused where localStorage is full too is kept while the page is open', async () => {
		outside.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		const { session, keeper } = kept();
		session.start();
		failWrites = true;
		session.stop();
		await keeper.settled();
		expect(keeper.problem).toContain('kept only while this page stays open: press Retry');
		failWrites = false;
		keeper.retry();
		await keeper.settled();
		expect((await readsOf(db).sessions()).map((s) => s.outcome)).toEqual(['stopped']);
	});

	it('stops writing the checkpoint once another tab took the session over, and records its end', async () => {
		const first = kept();
		first.session.start();
		first.at(27_000);
		await first.keeper.settled();
		first.keeper.handOff();
		// The other tab's session, started later, checkpoints its own state from now on.
		const mine = await readsOf(db).checkpoint();
		if (!mine) throw new Error('no checkpoint');
		const theirs = {
			...mine,
			state: { ...mine.state, startedAtEpochMs: mine.state.startedAtEpochMs + 5_000 }
		};
		await db.saveCheckpoint(theirs);
		first.at(60_000);
		first.session.stop();
		await first.keeper.settled();
		expect(await readsOf(db).checkpoint()).toEqual(theirs);
		expect((await readsOf(db).sessions()).map((s) => s.outcome)).toEqual(['stopped']);
	});

	it("keeps the coach's note in the checkpoint while the session runs, and with the session", async () => {
		const { session, at, keeper } = kept();
		keeper.saveNote('Before: stiff this morning.');
		expect(keeper.noteSaved).toBe(false);
		session.start();
		at(8_000);
		keeper.saveNote('  Left hip tight; held the approach.  ');
		expect(keeper.noteSaved).toBe(false);
		await keeper.settled();
		expect(keeper.noteSaved).toBe(true);
		expect((await readsOf(db).checkpoint())?.note).toBe('Left hip tight; held the approach.');
		session.stop();
		await keeper.settled();
		const [stored] = await readsOf(db).sessions();
		expect(stored?.note).toBe('Left hip tight; held the approach.');
	});

	it('updates the stored session when the note is written after the end', async () => {
		const { session, at, keeper } = kept();
		session.start();
		at(8_000);
		session.stop();
		keeper.saveNote('Good session.');
		await keeper.settled();
		expect(keeper.noteSaved).toBe(true);
		keeper.saveNote('Good session. Try the longer routine next week.');
		await keeper.settled();
		const [stored] = await readsOf(db).sessions();
		expect(stored?.note).toBe('Good session. Try the longer routine next week.');
		expect(await readsOf(db).sessions()).toHaveLength(1);
	});

	it('says when a note after the end could not be saved, and keeps the stored session as it was', async () => {
		const { session, at, keeper } = kept();
		session.start();
		at(8_000);
		session.stop();
		keeper.saveNote('First.');
		await keeper.settled();
		failWrites = true;
		keeper.saveNote('Second.');
		await keeper.settled();
		expect(keeper.noteSaved).toBe(false);
		expect(keeper.problem).toBe(
			'Your note was not saved: This device is out of storage space, so nothing was saved'
		);
		const [stored] = await readsOf(db).sessions();
		expect(stored?.note).toBe('First.');
	});

	it('carries a restored note on into the next checkpoint', async () => {
		const { session, at, keeper } = kept();
		keeper.restoreNote('Written before the reload.');
		session.start();
		at(8_000);
		await keeper.settled();
		expect((await readsOf(db).checkpoint())?.note).toBe('Written before the reload.');
	});
});
