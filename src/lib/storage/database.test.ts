import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../engine/reduce';
import { threeSteps } from '$test/routines';
import type { SessionRecord } from '../engine/types';
import {
	BLOCKED,
	Database,
	LET_GO,
	DB_VERSION,
	UNAVAILABLE,
	UPGRADES,
	type Recording,
	type StoredRoutine,
	type StoredSession
} from './database';
import { readsOf } from '$test/stored';

const record = (startedAtEpochMs: number): SessionRecord => ({
	steps: [{ id: 's', status: 'completed', flares: 0, retried: false }],
	flares: [],
	startedAtEpochMs,
	endedAtEpochMs: startedAtEpochMs + 60_000,
	outcome: 'completed'
});

const session = (startedAtEpochMs: number, routineId = 'mine'): StoredSession => ({
	routineId,
	routineTitle: 'Mine',
	stepTitles: ['Step'],
	startedAtEpochMs,
	endedAtEpochMs: startedAtEpochMs + 60_000,
	outcome: 'completed',
	record: record(startedAtEpochMs)
});

const routine = (id: string, text = `{"id":"${id}"}`): StoredRoutine => ({
	id,
	text,
	addedAtEpochMs: 1,
	updatedAtEpochMs: 1
});

/** A recorded cue whose two bytes and time are `byte`, so each can be told apart. */
const take = (routineId: string, cue: string, byte: number): Recording => ({
	routineId,
	cue,
	audio: new Uint8Array([byte, byte]).buffer,
	mimeType: 'audio/webm',
	durationSec: 1.5,
	recordedAtEpochMs: byte
});

/**
 * Runs `work` while the `nth` call of every object store's `method` throws `error`, as the
 * platform does on a full disk (the calls before it go through); puts the method back after.
 */
async function failingOn<T>(
	method: 'put' | 'delete',
	nth: number,
	error: DOMException,
	work: () => Promise<T>
): Promise<T> {
	const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
	let calls = 0;
	IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: unknown[]) {
		if (++calls === nth) throw error;
		return original.apply(this, args);
	} as never;
	try {
		return await work();
	} finally {
		IDBObjectStore.prototype[method] = original as never;
	}
}

const FULL = new DOMException('full', 'QuotaExceededError');

async function open(): Promise<Database> {
	const opened = await Database.open();
	if (!opened.ok) throw new Error(opened.message);
	return opened.value;
}

beforeEach(() => {
	// A fresh, real IndexedDB implementation for every test.
	globalThis.indexedDB = new IDBFactory();
});

let db: Database | undefined;
afterEach(() => db?.close());

describe('the database', () => {
	it('reads return a result as writes do: the value, or why not in words, never a throw', async () => {
		db = await open();
		expect(await db.putRoutine(routine('mine'))).toEqual({ ok: true, value: undefined });
		const read = await db.read('Your routines', (d) => d.routines());
		expect(read).toEqual({ ok: true, value: [routine('mine')] });
		db.close();
		const failed = await db.read('Your routines', (d) => d.routines());
		expect(failed).toEqual({
			ok: false,
			message:
				'Your routines could not be read just now (InvalidStateError). Reload the page to try again.',
			reason: 'could not be read just now (InvalidStateError)'
		});
		db = undefined;
	});

	it('creates every store at the current version', async () => {
		db = await open();
		const raw = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('liana', DB_VERSION);
			request.onsuccess = () => resolve(request.result);
		});
		expect([...raw.objectStoreNames].sort()).toEqual([
			'checkpoint',
			'drafts',
			'recordings',
			'routines',
			'sessions',
			'settings'
		]);
		raw.close();
	});

	it('upgrades step by step from every earlier version, keeping what each one stored', async () => {
		expect(UPGRADES).toHaveLength(DB_VERSION);
		const schema = async (name: string) => {
			const opened = await Database.open(name);
			if (!opened.ok) throw new Error(opened.message);
			opened.value.close();
			return new Promise<string[]>((resolve) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => {
					const raw = request.result;
					const stores = [...raw.objectStoreNames].sort().map((store) => {
						const s = raw.transaction(store).objectStore(store);
						return `${store} ${String(s.keyPath)} ${[...s.indexNames].sort().join(',')}`;
					});
					raw.close();
					resolve(stores);
				};
			});
		};
		const fresh = await schema('fresh');
		for (let from = 1; from <= DB_VERSION; from++) {
			// A database left at version `from`, with a routine in it, then opened by this app.
			const old = await Database.open(`from-${from}`, from);
			if (!old.ok) throw new Error(old.message);
			await old.value.putRoutine(routine(`kept-at-${from}`));
			old.value.close();
			expect(await schema(`from-${from}`)).toEqual(fresh);
			const upgraded = await Database.open(`from-${from}`);
			if (!upgraded.ok) throw new Error(upgraded.message);
			expect((await readsOf(upgraded.value).routines()).map((r) => r.id)).toEqual([
				`kept-at-${from}`
			]);
			upgraded.value.close();
		}
	});

	it('keeps routines and lists sessions newest first', async () => {
		db = await open();
		expect(await db.putRoutine(routine('mine', '{"id":"mine","x-note":"kept"}'))).toEqual({
			ok: true,
			value: undefined
		});
		expect((await readsOf(db).routines())[0]?.text).toContain('x-note');
		await db.addSession(session(5_000));
		await db.addSession(session(1_000));
		await db.addSession(session(3_000, 'other'));
		expect((await readsOf(db).sessions()).map((s) => s.startedAtEpochMs)).toEqual([
			5_000, 3_000, 1_000
		]);
		expect(await readsOf(db).lastPlayed()).toEqual(
			new Map([
				['mine', 5_000],
				['other', 3_000]
			])
		);
	});

	it('adds the after-session check-in to a stored session, and can clear the history', async () => {
		db = await open();
		const added = await db.addSession(session(1_000));
		if (!added.ok) throw new Error(added.message);
		await db.updateSession(added.value, { after: { pain: 3, leg: 'lighter' } });
		expect((await readsOf(db).session(added.value))?.after).toEqual({ pain: 3, leg: 'lighter' });
		expect(await db.updateSession(999, { after: { pain: 1 } })).toEqual({
			ok: false,
			message: expect.stringContaining('no longer stored'),
			reason: 'its place was cleared in another tab'
		});
		expect(await db.clearSessions()).toEqual({ ok: true, value: undefined });
		expect(await readsOf(db).sessions()).toEqual([]);
	});

	it('clears the checkpoint in the same transaction that records the finished session', async () => {
		db = await open();
		const state = createSession(threeSteps());
		await db.saveCheckpoint({
			key: 'current',
			routineId: 'mine',
			routineTitle: 'Mine',
			stepTitles: ['Step'],
			state,
			savedAtEpochMs: 9
		});
		expect((await readsOf(db).checkpoint())?.state).toEqual(state);
		// Another tab's session (started at 1) ends: the checkpoint of this one (at 0) stays.
		await db.addSession(session(1));
		expect((await readsOf(db).checkpoint())?.state).toEqual(state);
		await db.addSession(session(state.startedAtEpochMs));
		expect(await readsOf(db).checkpoint()).toBeUndefined();
	});

	it('stores a session written twice once, and lets a real end replace an abandoned guess', async () => {
		db = await open();
		const first = await db.addSession(session(1_000));
		const again = await db.addSession(session(1_000));
		expect(again).toEqual(first);
		// The same start of another routine is another session.
		await db.addSession(session(1_000, 'other'));
		const abandoned = await db.addSession({ ...session(5_000), outcome: 'abandoned' });
		const ended = await db.addSession({ ...session(5_000), outcome: 'stopped' });
		expect(ended).toEqual(abandoned);
		// An abandoned guess written after the real end changes nothing.
		await db.addSession({ ...session(5_000), outcome: 'abandoned' });
		expect(
			(await readsOf(db).sessions()).map((s) => [s.startedAtEpochMs, s.routineId, s.outcome])
		).toEqual([
			[5_000, 'mine', 'stopped'],
			[1_000, 'other', 'completed'],
			[1_000, 'mine', 'completed']
		]);
	});

	it('keeps drafts as typed, the latest first, and drops one on discard', async () => {
		db = await open();
		await db.saveDraft({ key: 'mine', routine: { title: 'Half' }, updatedAtEpochMs: 1 });
		await db.saveDraft({ key: 'draft:5', routine: { steps: [] }, updatedAtEpochMs: 5 });
		await db.saveDraft({ key: 'mine', routine: { title: 'Half done' }, updatedAtEpochMs: 9 });
		expect((await readsOf(db).drafts()).map((d) => [d.key, d.routine])).toEqual([
			['mine', { title: 'Half done' }],
			['draft:5', { steps: [] }]
		]);
		await db.discardDraft('mine');
		expect(await readsOf(db).draft('mine')).toBeUndefined();
		expect(await readsOf(db).draft('draft:5')).toBeDefined();
	});

	it('keeps recorded cues per routine and cue, replacing one recorded again', async () => {
		db = await open();
		await db.putRecording(take('mine', 'defaults/approach', 1));
		await db.putRecording(take('mine', 'hip/soften', 2));
		await db.putRecording(take('other', 'defaults/approach', 3));
		await db.putRecording(take('mine', 'defaults/approach', 4));
		const mine = await readsOf(db).recordings('mine');
		expect(mine.map((r) => [r.cue, [...new Uint8Array(r.audio)]])).toEqual([
			['defaults/approach', [4, 4]],
			['hip/soften', [2, 2]]
		]);
		await db.deleteRecording('mine', 'hip/soften');
		expect((await readsOf(db).recordings('mine')).map((r) => r.cue)).toEqual(['defaults/approach']);
		expect(await readsOf(db).recordings('other')).toHaveLength(1);
	});

	it('stores a routine with its recordings in place of the old ones, or nothing if a write fails', async () => {
		db = await open();
		await db.putRecording(take('mine', 'hip/soften', 1));
		await db.putRecording(take('other', 'hip/soften', 2));
		const packed = [take('mine', 'defaults/rest', 3), take('mine', 'defaults/done', 4)];
		expect(await db.putRoutineWithRecordings(routine('mine'), packed)).toEqual({
			ok: true,
			value: undefined
		});
		expect((await readsOf(db).recordings('mine')).map((r) => r.cue)).toEqual([
			'defaults/done',
			'defaults/rest'
		]);
		expect(await readsOf(db).recordings('other')).toHaveLength(1);
		expect(await readsOf(db).recordedRoutineIds()).toEqual(new Set(['mine', 'other']));

		// The routine and the first recording go in; the second fails: none of it may stay.
		const changed = routine('mine', '{"id":"mine","changed":true}');
		const result = await failingOn('put', 3, FULL, () =>
			db!.putRoutineWithRecordings(changed, [
				take('mine', 'hip/approach', 5),
				take('mine', 'hip/rest', 6)
			])
		);
		expect(result).toMatchObject({ ok: false });
		expect((await readsOf(db).routine('mine'))?.text).toBe('{"id":"mine"}');
		expect((await readsOf(db).recordings('mine')).map((r) => r.cue)).toEqual([
			'defaults/done',
			'defaults/rest'
		]);
	});

	it("moves a routine's recordings to its new id, in place of any the new id had", async () => {
		db = await open();
		await db.putRecording(take('draft', 'hip/soften', 1));
		await db.putRecording(take('draft', 'defaults/rest', 2));
		await db.putRecording(take('evening', 'defaults/done', 3));
		await db.putRecording(take('other', 'defaults/done', 4));
		expect(await db.moveRecordings('draft', 'evening')).toMatchObject({ ok: true });
		expect(await readsOf(db).recordings('draft')).toEqual([]);
		expect(
			(await readsOf(db).recordings('evening')).map((r) => [r.cue, r.recordedAtEpochMs])
		).toEqual([
			['defaults/rest', 2],
			['hip/soften', 1]
		]);
		expect((await readsOf(db).recording('other', 'defaults/done'))?.recordedAtEpochMs).toBe(4);
		expect(await readsOf(db).recording('other', 'hip/soften')).toBeUndefined();
		// Moved already (by another list of the same routine): the second move changes nothing.
		expect(await db.moveRecordings('draft', 'evening')).toMatchObject({ ok: true });
		expect(await readsOf(db).recordings('evening')).toHaveLength(2);
	});

	it("moves one step's cues to its new id, and only that step's", async () => {
		db = await open();
		await db.putRecording(take('draft', 'hip/soften', 1));
		await db.putRecording(take('draft', 'hip/rest', 2));
		await db.putRecording(take('draft', 'hip-left/soften', 3));
		await db.putRecording(take('draft', 'defaults/rest', 4));
		await db.putRecording(take('draft', 'hips/approach', 5));
		await db.putRecording(take('other', 'hip/soften', 6));
		expect(await db.renameCueScope('draft', 'hip', 'hips')).toEqual({ ok: true, value: 2 });
		const cues = async (id: string) =>
			(await readsOf(db!).recordings(id)).map((r) => [r.cue, r.recordedAtEpochMs]);
		// A step that had the new id before (deleted, kept for undo) gives way to the one renamed.
		expect(await cues('draft')).toEqual([
			['defaults/rest', 4],
			['hip-left/soften', 3],
			['hips/rest', 2],
			['hips/soften', 1]
		]);
		expect(await cues('other')).toEqual([['hip/soften', 6]]);
		// Nothing recorded under the old id: nothing changes.
		expect(await db.renameCueScope('draft', 'hip', 'neck')).toEqual({ ok: true, value: 0 });
		expect(await cues('draft')).toHaveLength(4);
	});

	it("renames all of a step's cues or, when a write fails, none", async () => {
		db = await open();
		await db.putRecording(take('draft', 'hip/soften', 1));
		await db.putRecording(take('draft', 'hip/rest', 2));
		const renamed = await failingOn('put', 2, FULL, () =>
			db!.renameCueScope('draft', 'hip', 'hips')
		);
		expect(renamed).toEqual({
			ok: false,
			message: expect.stringContaining('out of storage'),
			reason: 'this device is out of storage space'
		});
		expect((await readsOf(db).recordings('draft')).map((r) => r.cue)).toEqual([
			'hip/rest',
			'hip/soften'
		]);
	});

	it('deletes a routine with its recordings, handing them back for an undo', async () => {
		db = await open();
		await db.putRoutine(routine('mine'));
		await db.putRoutine(routine('kept'));
		await db.putRecording(take('mine', 'hip/soften', 1));
		await db.putRecording(take('mine', 'defaults/rest', 2));
		await db.putRecording(take('kept', 'defaults/rest', 3));
		const removed = await db.deleteRoutineWithRecordings('mine');
		if (!removed.ok) throw new Error(removed.message);
		expect(removed.value.map((r) => r.cue)).toEqual(['defaults/rest', 'hip/soften']);
		expect(await readsOf(db).routine('mine')).toBeUndefined();
		expect(await readsOf(db).recordings('mine')).toEqual([]);
		expect(await readsOf(db).recordings('kept')).toHaveLength(1);
		// Undo: the routine and each recording, byte for byte.
		await db.putRoutineWithRecordings(routine('mine'), removed.value);
		expect(
			(await readsOf(db).recordings('mine')).map((r) => [r.cue, [...new Uint8Array(r.audio)]])
		).toEqual([
			['defaults/rest', [2, 2]],
			['hip/soften', [1, 1]]
		]);
	});

	it('keeps a routine and its recordings when deleting them fails', async () => {
		db = await open();
		await db.putRoutine(routine('mine'));
		await db.putRecording(take('mine', 'hip/soften', 1));
		await db.putRecording(take('mine', 'hip/rest', 2));
		const removed = await failingOn('delete', 3, new DOMException('gone', 'UnknownError'), () =>
			db!.deleteRoutineWithRecordings('mine')
		);
		expect(removed).toMatchObject({ ok: false });
		expect(await readsOf(db).routine('mine')).toBeDefined();
		expect(await readsOf(db).recordings('mine')).toHaveLength(2);
	});

	it("discards a new routine's draft with its recordings, and an own routine's edit without", async () => {
		db = await open();
		await db.saveDraft({ key: 'draft:a1', routine: {}, updatedAtEpochMs: 1 });
		await db.putRecording(take('draft:a1', 'hip/soften', 1));
		await db.putRecording(take('draft:a1', 'defaults/rest', 2));
		await db.putRecording(take('draft:b2', 'defaults/rest', 3));
		await db.saveDraft({ key: 'new-2024', routine: {}, updatedAtEpochMs: 1 });
		await db.putRecording(take('new-2024', 'defaults/rest', 4));
		expect(await db.discardDraftWithRecordings('draft:a1')).toMatchObject({ ok: true });
		expect(await readsOf(db).draft('draft:a1')).toBeUndefined();
		expect(await readsOf(db).recordings('draft:a1')).toEqual([]);
		expect(await readsOf(db).recordings('draft:b2')).toHaveLength(1);
		// An own routine's edit: its recordings are the saved routine's.
		expect(await db.discardDraftWithRecordings('new-2024')).toMatchObject({ ok: true });
		expect(await readsOf(db).draft('new-2024')).toBeUndefined();
		expect(await readsOf(db).recordings('new-2024')).toHaveLength(1);
	});

	it("keeps a new routine's draft and its recordings when discarding them fails", async () => {
		db = await open();
		await db.saveDraft({ key: 'draft:a1', routine: {}, updatedAtEpochMs: 1 });
		await db.putRecording(take('draft:a1', 'hip/soften', 1));
		const discarded = await failingOn('delete', 2, FULL, () =>
			db!.discardDraftWithRecordings('draft:a1')
		);
		expect(discarded).toMatchObject({ ok: false });
		expect(await readsOf(db).draft('draft:a1')).toBeDefined();
		expect(await readsOf(db).recordings('draft:a1')).toHaveLength(1);
	});

	it("moves the first editor's new drafts (new-<time>) to draft: keys with their recordings", async () => {
		// Left by version 2: a new routine's draft with a cue, an own routine whose id looks like
		// one (edited, so it has a draft by its id too) with its cues, and another routine's cue.
		const old = await Database.open('liana', 2);
		if (!old.ok) throw new Error(old.message);
		await old.value.saveDraft({ key: 'new-1700', routine: { title: 'Half' }, updatedAtEpochMs: 7 });
		await old.value.putRecording(take('new-1700', 'hip/soften', 1));
		await old.value.putRoutine(routine('new-2024'));
		await old.value.saveDraft({ key: 'new-2024', routine: { title: 'Edit' }, updatedAtEpochMs: 8 });
		await old.value.putRecording(take('new-2024', 'defaults/rest', 2));
		await old.value.putRecording(take('new-2024', 'still/rest', 3));
		await old.value.saveDraft({ key: 'mine', routine: { title: 'Mine' }, updatedAtEpochMs: 9 });
		await old.value.putRecording(take('mine', 'defaults/rest', 4));
		old.value.close();

		db = await open();
		expect((await readsOf(db).drafts()).map((d) => [d.key, d.routine, d.updatedAtEpochMs])).toEqual(
			[
				['mine', { title: 'Mine' }, 9],
				['new-2024', { title: 'Edit' }, 8],
				['draft:new-1700', { title: 'Half' }, 7]
			]
		);
		expect(await readsOf(db).recordings('draft:new-1700')).toEqual([
			take('draft:new-1700', 'hip/soften', 1)
		]);
		expect(await readsOf(db).recordings('new-1700')).toEqual([]);
		expect((await readsOf(db).recordings('new-2024')).map((r) => r.cue)).toEqual([
			'defaults/rest',
			'still/rest'
		]);
		expect(await readsOf(db).recordings('mine')).toHaveLength(1);
		expect((await readsOf(db).routines()).map((r) => r.id)).toEqual(['new-2024']);
	});

	it('says the disk is full and loses nothing when a write fails for quota', async () => {
		db = await open();
		await db.putRoutine(routine('kept'));
		const result = await failingOn('put', 1, FULL, () => db!.putRoutine(routine('new')));
		expect(result).toEqual({
			ok: false,
			message: expect.stringContaining('out of storage space'),
			reason: 'this device is out of storage space'
		});
		expect((await readsOf(db).routines()).map((r) => r.id)).toEqual(['kept']);
	});

	it('says so when the browser has no IndexedDB (private mode), without throwing', async () => {
		const saved = globalThis.indexedDB;
		Reflect.deleteProperty(globalThis, 'indexedDB');
		try {
			expect(await Database.open()).toEqual({ ok: false, message: UNAVAILABLE });
		} finally {
			globalThis.indexedDB = saved;
		}
	});

	it('lets go when another tab deletes or upgrades the database, and says why', async () => {
		const told: string[] = [];
		const opened = await Database.open('liana', DB_VERSION, (message) => told.push(message));
		if (!opened.ok) throw new Error(opened.message);
		await opened.value.putRoutine(routine('kept'));
		// Another tab deletes it (the browser clearing storage does the same): not held up.
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.deleteDatabase('liana');
			request.onsuccess = () => resolve();
			request.onerror = () => reject(request.error ?? new Error('not deleted'));
		});
		expect(told).toEqual([LET_GO]);
		expect(await opened.value.putRoutine(routine('late'))).toMatchObject({ ok: false });
	});

	it('an older tab lets go of the database for an upgrade, which keeps its data', async () => {
		const oldTold: string[] = [];
		const old = await Database.open('liana', 1, (message) => oldTold.push(message));
		if (!old.ok) throw new Error(old.message);
		await old.value.putRoutine(routine('before'));
		const upgraded = await Database.open('liana', DB_VERSION);
		if (!upgraded.ok) throw new Error(upgraded.message);
		expect(oldTold).toEqual([LET_GO]);
		expect((await readsOf(upgraded.value).routines()).map((r) => r.id)).toEqual(['before']);
		upgraded.value.close();
	});

	it('says a tab of a version that does not let go blocks an upgrade, and waits for it', async () => {
		// A connection that never closes by itself, as an older app's tab might hold.
		const raw = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('liana', 1);
			request.onsuccess = () => resolve(request.result);
		});
		const told: string[] = [];
		const upgrade = Database.open('liana', DB_VERSION, (message) => told.push(message));
		const outcome = await Promise.race([
			upgrade,
			new Promise((resolve) => setTimeout(() => resolve('still waiting'), 50))
		]);
		expect(outcome).toBe('still waiting');
		expect(told).toEqual([BLOCKED]);
		raw.close();
		const upgraded = await upgrade;
		if (!upgraded.ok) throw new Error(upgraded.message);
		upgraded.value.close();
	});
});
