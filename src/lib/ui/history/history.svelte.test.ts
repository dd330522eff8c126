import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../history/history-export';
import { at, completedSession, flaredSession } from '$test/sessions';
import { Database, UNAVAILABLE, type StoredSession } from '../../storage/database';
import { DatabaseModel } from '../database.svelte';
import { HistoryModel, historyView } from './history.svelte';

const NOW = at(2026, 11, 25, 9);

let opened: Database | undefined;

/** A history on a fresh database holding `sessions`, saving exports into `saved`. */
async function setup(sessions: StoredSession[]) {
	const result = await Database.open();
	if (!result.ok) throw new Error(result.message);
	opened = result.value;
	for (const session of sessions) {
		// The database gives each session its id.
		const stored = { ...session };
		delete stored.id;
		await opened.addSession(stored);
	}
	const saved: ExportFile[] = [];
	const database = new DatabaseModel(() => Database.open());
	const history = new HistoryModel(database, { now: () => NOW, save: (file) => saved.push(file) });
	return { history, saved, database };
}

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});
afterEach(() => opened?.close());

describe('the history view-model', () => {
	it('reads every session newest first, and counts progress from the moment it read', async () => {
		const { history } = await setup([completedSession(), flaredSession()]);
		expect(history.loaded).toBe(false);
		await history.load();
		expect(history.loaded).toBe(true);
		expect(history.sessions.map((s) => s.routineId)).toEqual(['daily-unload', 'breathe-settle']);
		expect(history.progress).toMatchObject({ total: 2, thisWeek: 2 });
		const id = history.sessions[0]?.id;
		expect(history.session(id)?.routineTitle).toBe('Daily unload');
		expect(history.session(999)).toBeUndefined();
	});

	it('is an empty history when the browser keeps nothing, the reason told once', async () => {
		const history = new HistoryModel(
			new DatabaseModel(async () => ({ ok: false, message: UNAVAILABLE }))
		);
		await history.load();
		expect(history).toMatchObject({ loaded: true, sessions: [], readProblem: '' });
		expect(history.storageProblem).toBe(UNAVAILABLE);
	});

	it('says so when the history cannot be read, and shows nothing rather than crash', async () => {
		const { history } = await setup([completedSession()]);
		const getAll = IDBIndex.prototype.getAll;
		IDBIndex.prototype.getAll = function () {
			throw new DOMException('broken', 'UnknownError');
		};
		try {
			await history.load();
		} finally {
			IDBIndex.prototype.getAll = getAll;
		}
		expect(history.sessions).toEqual([]);
		expect(history.readProblem).toContain('could not be read just now (UnknownError)');
	});

	it('exports CSV with the phase labels a person reads, and JSON as stored, and says so', async () => {
		const { history, saved } = await setup([flaredSession()]);
		await history.load();
		history.exportCsv();
		expect(saved[0]?.name).toBe('liana-history-2026-11-25.csv');
		expect(saved[0]?.text).toContain('round 1, Soften, 34 s into the step');
		expect(history.announcement).toBe('Saved a spreadsheet copy of 1 session to your downloads.');
		history.exportJson();
		expect(JSON.parse(saved[1]?.text ?? '').sessions).toEqual(history.sessions);
		expect(history.announcement).toBe('Saved a full copy of 1 session to your downloads.');
	});

	it('clears every session and says how many', async () => {
		const { history } = await setup([completedSession(), flaredSession()]);
		await history.load();
		expect(await history.clear()).toBe(true);
		expect(history.sessions).toEqual([]);
		expect(history.announcement).toBe('History cleared: 2 sessions deleted.');
		await history.load();
		expect(history.sessions).toEqual([]);
	});

	it('keeps every session and says why when the clear fails', async () => {
		const { history } = await setup([completedSession(), flaredSession()]);
		await history.load();
		const clear = IDBObjectStore.prototype.clear;
		IDBObjectStore.prototype.clear = function () {
			throw new DOMException('no', 'UnknownError');
		};
		try {
			expect(await history.clear()).toBe(false);
		} finally {
			IDBObjectStore.prototype.clear = clear;
		}
		expect(history.sessions).toHaveLength(2);
		expect(history.clearProblem).toBe(
			'The history was not cleared: The browser would not save here just now; nothing changed. Reload the page and try again. Your sessions are all still here.'
		);
		expect(history.announcement).toBe('');
		await history.load();
		expect(history.sessions).toHaveLength(2);
	});
});

describe("the coach's note on a stored session", () => {
	it('is saved, trimmed, in the database and the list, and said', async () => {
		const { history } = await setup([completedSession()]);
		await history.load();
		const id = history.sessions[0]?.id ?? -1;
		const notes = history.notesFor(id);
		expect(notes.note).toBe('');
		expect(await history.saveNote(id, '  Calmer by the end.  ')).toBe(true);
		expect(notes.note).toBe('Calmer by the end.');
		expect(notes.noteSaved).toBe(true);
		expect(history.announcement).toBe('Note saved.');
		await history.load();
		expect(history.session(id)?.note).toBe('Calmer by the end.');
	});

	it('keeps the note as it was and says why when the write fails', async () => {
		const { history } = await setup([{ ...completedSession(), note: 'First.' }]);
		await history.load();
		const id = history.sessions[0]?.id ?? -1;
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function () {
			throw new DOMException('no', 'UnknownError');
		};
		try {
			expect(await history.saveNote(id, 'Second.')).toBe(false);
		} finally {
			IDBObjectStore.prototype.put = put;
		}
		const notes = history.notesFor(id);
		expect(notes.note).toBe('First.');
		expect(notes.noteSaved).toBe(false);
		expect(notes.problem).toBe(
			'Your note was not saved: The browser would not save here just now; nothing changed. Reload the page and try again.'
		);
		await history.load();
		expect(history.session(id)?.note).toBe('First.');
	});
});

describe('the address of a view', () => {
	it('is the list, or one session by a whole positive id', () => {
		expect(historyView(new URLSearchParams(''))).toEqual({ kind: 'list' });
		expect(historyView(new URLSearchParams('session=12'))).toEqual({ kind: 'session', id: 12 });
		for (const bad of ['', 'abc', '0', '-3', '1.5', '1e3', ' 4']) {
			expect(historyView(new URLSearchParams({ session: bad }))).toEqual({
				kind: 'session',
				id: undefined
			});
		}
	});
});
