import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { valueAt } from '../../routine/draft';
import { Database } from '../../storage/database';
import type { RoutineFile } from '../../transfer/routine-import';
import { DatabaseModel } from '../database.svelte';
import { editorParam } from '../editor-address';
import { EditorModel, type EditorOptions } from './editor.svelte';
import { readsOf } from '$test/stored';

const DAILY = `{\n\t"version": 1,\n\t"id": "daily-unload",\n\t"title": "Daily unload",\n\t"x-coach": "Ana",\n\t"steps": [{ "type": "rest", "id": "still", "title": "Rest", "seconds": 60 }]\n}\n`;

let db: Database | undefined;
beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
});
afterEach(() => db?.close());

function setup(options: Partial<EditorOptions> = {}) {
	let nowMs = 1_700_000_000_000;
	let monotonicMs = 0;
	const timers = new Map<number, () => void>();
	let nextTimer = 1;
	const downloads: RoutineFile[] = [];
	const database = new DatabaseModel(async (onBlocked) => {
		const opened = await Database.open(undefined, undefined, onBlocked);
		if (opened.ok) db = opened.value;
		return opened;
	});
	const fetcher = (async (input: RequestInfo | URL) =>
		String(input) === '/routines/daily-unload.json'
			? new Response(DAILY, { headers: { 'content-type': 'application/json' } })
			: new Response('', { status: 404 })) as typeof fetch;
	const editor = new EditorModel({
		database,
		builtInIds: ['daily-unload'],
		fetch: fetcher,
		now: () => (nowMs += 1_000),
		monotonicMs: () => (monotonicMs += 100),
		download: (file) => downloads.push(file),
		timers: {
			set: (run) => {
				timers.set(nextTimer, run);
				return nextTimer++;
			},
			clear: (id) => void timers.delete(id)
		},
		...options
	});
	/** Runs the timers due, as the browser would after the pause. */
	const runTimers = async () => {
		const due = [...timers.values()];
		timers.clear();
		for (const run of due) run();
		// The write is real IndexedDB work (fake-indexeddb): wait for it to end, not for a time.
		await vi.waitFor(() => expect(editor.keeping).not.toBe('pending'));
	};
	return { editor, database, downloads, runTimers };
}

/** A new routine with a title and one rest step. */
async function simpleRoutine(editor: EditorModel) {
	expect(await editor.open('new')).toMatch(/^draft:[a-z0-9]{12}$/);
	editor.setTitle('Evening');
	editor.addStep('rest');
}

describe('the editor view-model', () => {
	it('keeps the draft a moment after each change, and opens it again by its key', async () => {
		const { editor, database, runTimers } = setup();
		await simpleRoutine(editor);
		expect(editor.keeping).toBe('pending');
		await runTimers();
		expect(editor.keeping).toBe('kept');
		const again = new EditorModel({ database, builtInIds: [] });
		expect(await again.open(editor.key)).toBeUndefined();
		expect(again.draft).toEqual(editor.draft);
		expect(again.announcement).toBe('Your unsaved changes are back.');
	});

	it('greets a blank routine with no problem, and shows a field’s once the coach has been in it', async () => {
		const { editor } = setup();
		await editor.open('new');
		expect(editor.issues.map((issue) => issue.path).sort()).toEqual(['steps', 'title']);
		expect(editor.shownIssues).toEqual([]);
		expect(editor.issuesAt(['title'])).toEqual([]);
		// In the title and out again, nothing typed: its problem shows, in words.
		editor.leave(['title']);
		expect(editor.shownIssues.map((issue) => issue.path)).toEqual(['title']);
		expect(editor.issuesAt(['title'])).toEqual([
			{ path: 'title', place: 'Title', message: 'Give the routine a title.' }
		]);
		expect(await editor.save()).toBe(false);
		// The id follows the title, so only the title is asked for, and a step.
		expect(editor.problem).toBe('Not saved yet: fix the 2 problems listed first.');
		expect(editor.listedIssues.map(({ place, message }) => `${place}: ${message}`)).toEqual([
			'Title: Give the routine a title.',
			'Steps: Add at least one step.'
		]);
	});

	it('shows a field’s problem once the field is changed, and all of them on a refused save', async () => {
		const { editor } = setup();
		await simpleRoutine(editor);
		editor.set(['steps', 0, 'seconds'], 4000, true);
		expect(editor.issuesAt(['steps', 0, 'seconds'])[0]).toEqual({
			path: 'steps[0].seconds',
			place: 'Step 1, “Rest”: Rest',
			message: 'Must be at most 3600 seconds (one hour), not 4000.'
		});
		editor.set(['summary'], 5);
		editor.set(['summary'], undefined);
		expect(editor.issuesAt(['language'])).toEqual([]);
		editor.set(['language'], 'not a tag!');
		expect(editor.issuesAt(['language'])).toHaveLength(1);
		expect(await editor.save()).toBe(false);
		expect(editor.revealAll).toBe(true);
		expect(editor.problem).toBe('Not saved yet: fix the 2 problems listed first.');
		expect(editor.export()).toBe(false);
		expect(await editor.tryIt()).toBeUndefined();
	});

	it('joins typing into one undo step, and undoes and redoes buttons’ steps one by one', async () => {
		const { editor } = setup();
		await editor.open('new');
		for (const title of ['E', 'Ev', 'Eve']) editor.setTitle(title);
		editor.addStep('breathe');
		editor.addStep('rest');
		editor.undo();
		expect(editor.steps).toHaveLength(1);
		editor.undo();
		expect(editor.steps).toHaveLength(0);
		expect(editor.draft['title']).toBe('Eve');
		editor.undo();
		expect(editor.draft['title']).toBe('');
		expect(editor.canUndo).toBe(false);
		editor.redo();
		editor.redo();
		expect(editor.draft['title']).toBe('Eve');
		expect(editor.steps).toHaveLength(1);
	});

	it('saves a new routine, then replaces it when saved again; its id stays put', async () => {
		const { editor, runTimers } = setup();
		await simpleRoutine(editor);
		await runTimers();
		const draftKey = editor.key;
		expect(await editor.save()).toBe(true);
		expect(editor.key).toBe('evening');
		expect(editor.origin).toEqual({ kind: 'own', id: 'evening' });
		expect(await readsOf(db)?.draft(draftKey)).toBeUndefined();
		expect(JSON.parse((await readsOf(db)?.routine('evening'))?.text ?? '')).toEqual(editor.draft);
		editor.setTitle('Evening, longer');
		editor.setStepTitle(0, 'Long rest');
		expect(editor.draft['id']).toBe('evening');
		expect(valueAt(editor.draft, ['steps', 0, 'id'])).toBe('rest');
		expect(await editor.save()).toBe(true);
		expect((await readsOf(db)?.routines())?.map((routine) => routine.id)).toEqual(['evening']);
	});

	it('makes the id from the title apart from every routine, even one saved since it opened', async () => {
		const { editor } = setup();
		const meanwhile = setup().editor;
		await meanwhile.open('new');
		expect(meanwhile.draft['id']).toBe('');
		await simpleRoutine(editor);
		expect(await editor.save()).toBe(true);
		// Opened after: the title makes an id no routine has.
		const after = setup().editor;
		await simpleRoutine(after);
		expect(after.draft['id']).toBe('evening-2');
		after.setTitle('Daily unload');
		expect(after.draft['id']).toBe('daily-unload-2');
		// Opened before "evening" was saved: its id moves on when it is saved.
		meanwhile.setTitle('Evening');
		meanwhile.addStep('rest');
		expect(meanwhile.draft['id']).toBe('evening');
		expect(await meanwhile.save()).toBe(true);
		expect(meanwhile.key).toBe('evening-2');
		expect((await readsOf(db)?.routines())?.map((routine) => routine.id).sort()).toEqual([
			'evening',
			'evening-2'
		]);
	});

	it('refuses an id the coach wrote that a built-in or another own routine has, at the id field', async () => {
		const { editor } = setup();
		await simpleRoutine(editor);
		expect(await editor.save()).toBe(true);
		const other = setup().editor;
		await simpleRoutine(other);
		other.set(['id'], 'evening', true);
		expect(await other.save()).toBe(false);
		expect(other.issuesAt(['id'])[0]?.message).toBe(
			'Another of your routines has the id “evening”; give this one an id of its own.'
		);
		expect(other.problem).toBe(
			'Not saved: the id “evening” is taken. Give the routine another under Advanced.'
		);
		other.set(['id'], 'daily-unload', true);
		expect(other.issuesAt(['id'])).toEqual([]);
		expect(await other.save()).toBe(false);
		expect(other.issuesAt(['id'])[0]?.message).toBe(
			'“daily-unload” is the id of a built-in routine; give yours an id of its own.'
		);
	});

	it('opens a built-in as an own copy, kept at once, with its own keys as they were', async () => {
		const { editor, database } = setup();
		const address = await editor.open('daily-unload');
		expect(address).toMatch(/^draft:[a-z0-9]{12}$/);
		expect(editor.draft['id']).toBe('daily-unload-copy');
		expect(editor.draft['title']).toBe('Daily unload (copy)');
		expect(editor.draft['x-coach']).toBe('Ana');
		expect(editor.keeping).toBe('kept');
		const again = new EditorModel({ database, builtInIds: ['daily-unload'] });
		await again.open(address ?? '');
		expect(again.draft).toEqual(editor.draft);
	});

	it('exports the draft as pretty JSON named by its id, and tries it from its kept draft', async () => {
		const { editor, downloads } = setup();
		await simpleRoutine(editor);
		expect(editor.export()).toBe(true);
		expect(downloads[0]?.name).toBe('evening.json');
		expect(downloads[0]?.text).toBe(`${JSON.stringify(editor.draft, null, 2)}\n`);
		expect(await editor.tryIt()).toEqual({ id: 'evening', draftKey: editor.key });
		expect(editor.keeping).toBe('kept');
	});

	it('says when nothing is at the address, and discards a draft', async () => {
		const { editor } = setup();
		await editor.open('nothing-here');
		expect(editor.status).toBe('missing');
		const { editor: own, runTimers } = setup();
		await simpleRoutine(own);
		await own.save();
		own.setTitle('Changed');
		await runTimers();
		expect(await own.discard()).toBe('reset');
		expect(own.draft['title']).toBe('Evening');
		expect(await readsOf(db)?.draft('evening')).toBeUndefined();
	});

	it("counts the person's own countdown in the total time", async () => {
		const { editor } = setup();
		const none = setup({ countdownSec: () => 0 }).editor;
		const long = setup({ countdownSec: () => 10 }).editor;
		for (const model of [editor, none, long]) await simpleRoutine(model);
		// The rest step of a new routine, after the countdown.
		const stepMs = none.preview?.timeline.totalMs ?? 0;
		expect(stepMs).toBeGreaterThan(0);
		expect(editor.preview?.timeline.totalMs).toBe(stepMs + 5_000);
		expect(long.preview?.timeline.totalMs).toBe(stepMs + 10_000);
		expect([editor.countdownSec, none.countdownSec, long.countdownSec]).toEqual([5, 0, 10]);
	});

	describe("a coach's recordings", () => {
		const take = (routineId: string, cue: string) => ({
			routineId,
			cue,
			audio: new Uint8Array([1]).buffer,
			mimeType: 'audio/webm',
			durationSec: 1,
			recordedAtEpochMs: 1
		});
		const cues = async (routineId: string) =>
			((await readsOf(db)?.recordings(routineId)) ?? []).map((recording) => recording.cue);

		it("follow a step's id as it follows the title, as it is typed, and back on undo", async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			editor.addStep('stretch');
			editor.setStepTitle(1, 'Hip');
			expect(valueAt(editor.draft, ['steps', 1, 'id'])).toBe('hip');
			const draftKey = editor.key;
			await db?.putRecording(take(draftKey, 'hip/soften'));
			await db?.putRecording(take(draftKey, 'defaults/rest'));

			editor.setStepTitle(1, 'Hip opener');
			await editor.recordingsSettled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'hip-opener/soften']);
			expect(editor.recordingsRevision).toBe(1);

			// Typed by hand, through no id at all, and on to one.
			for (const id of ['', 'n', 'ne', 'neck']) editor.set(['steps', 1, 'id'], id, true);
			await editor.recordingsSettled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'neck/soften']);

			// Two steps swapping places keep their ids, so their recordings stay put.
			editor.moveStep(1, 0);
			await editor.recordingsSettled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'neck/soften']);

			editor.undo();
			editor.undo();
			await editor.recordingsSettled();
			expect(valueAt(editor.draft, ['steps', 1, 'id'])).toBe('hip-opener');
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'hip-opener/soften']);
		});

		it('wait while a step takes an id another step has, and go along once it is its own', async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			editor.addStep('stretch');
			editor.setStepTitle(1, 'Hip');
			await db?.putRecording(take(editor.key, 'hip/soften'));
			editor.set(['steps', 1, 'id'], 'rest', true);
			await editor.recordingsSettled();
			expect(await cues(editor.key)).toEqual(['hip/soften']);
			editor.set(['steps', 1, 'id'], 'rest-2', true);
			await editor.recordingsSettled();
			expect(await cues(editor.key)).toEqual(['rest-2/soften']);
		});

		it('go with the routine when it is saved; a saved routine keeps its id, and they stay', async () => {
			const { editor, database } = setup();
			await simpleRoutine(editor);
			const draftKey = editor.key;
			await db?.putRecording(take(draftKey, 'rest/rest'));
			expect(await editor.save()).toBe(true);
			expect(await cues(draftKey)).toEqual([]);
			expect(await cues('evening')).toEqual(['rest/rest']);
			expect(editor.idLocked).toBe(true);
			editor.set(['id'], 'evening-long', true);
			expect(editor.draft['id']).toBe('evening');
			expect(await editor.save()).toBe(true);
			expect((await readsOf(db)?.routines())?.map((routine) => routine.id)).toEqual(['evening']);
			expect(await cues('evening')).toEqual(['rest/rest']);
			// Changes kept by an editor that let the id change open under the routine's own.
			const stored = await database.get();
			await stored?.saveDraft({
				key: 'evening',
				routine: { ...editor.draft, id: 'evening-long', title: 'Evening, long' },
				updatedAtEpochMs: 1
			});
			const again = setup().editor;
			await again.open('evening');
			expect(again.draft['title']).toBe('Evening, long');
			expect(again.draft['id']).toBe('evening');
		});

		it('stay with a routine whose id looks like a new draft’s, which edits and saves as any', async () => {
			for (const id of ['new-2024', 'new']) {
				const { editor, database, runTimers } = setup();
				const stored = await database.get();
				const text = DAILY.replace('"daily-unload"', JSON.stringify(id));
				await stored?.putRoutine({ id, text, addedAtEpochMs: 1, updatedAtEpochMs: 1 });
				await stored?.putRecording(take(id, 'still/rest'));
				expect(await editor.open(editorParam(id))).toBeUndefined();
				expect(editor.origin).toEqual({ kind: 'own', id });
				editor.setTitle('Changed');
				await runTimers();

				const again = setup().editor;
				await again.open(editorParam(id));
				expect(again.origin).toEqual({ kind: 'own', id });
				expect(again.draft['title']).toBe('Changed');
				expect(await again.save()).toBe(true);
				expect(JSON.parse((await readsOf(stored)?.routine(id))?.text ?? '{}')['title']).toBe(
					'Changed'
				);
				again.setTitle('Changed again');
				expect(await again.discard()).toBe('reset');
				expect(again.draft['title']).toBe('Changed');
				expect(await cues(id)).toEqual(['still/rest']);
			}
		});

		it('of a new draft are its own, and go with it when it is discarded', async () => {
			const { editor, database } = setup({ newDraftKey: () => 'draft:k1' });
			const stored = await database.get();
			await stored?.putRoutine({
				id: 'new-2024',
				text: DAILY,
				addedAtEpochMs: 1,
				updatedAtEpochMs: 1
			});
			await stored?.putRecording(take('new-2024', 'still/rest'));
			expect(await editor.open('new')).toBe('draft:k1');
			expect(editor.voiceId).toBe('draft:k1');
			await stored?.putRecording(take(editor.voiceId, 'still/rest'));
			editor.setTitle('Evening');
			expect(await editor.discard()).toBe('gone');
			expect(await cues('draft:k1')).toEqual([]);
			expect(await cues('new-2024')).toEqual(['still/rest']);
		});

		it("opens a draft of the first editor's by its old address, at its new one", async () => {
			const { editor, database } = setup();
			const stored = await database.get();
			await stored?.saveDraft({
				key: 'draft:new-1700',
				routine: { title: 'Half' },
				updatedAtEpochMs: 1
			});
			expect(await editor.open('new-1700')).toBe('draft:new-1700');
			expect(editor.origin).toEqual({ kind: 'new' });
			expect(editor.draft['title']).toBe('Half');
		});

		it('of a new routine are deleted with its draft; a saved one keeps its own', async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			await db?.putRecording(take(editor.key, 'rest/rest'));
			await db?.putRecording(take('other', 'rest/rest'));
			const draftKey = editor.key;
			expect(await editor.discard()).toBe('gone');
			expect(await cues(draftKey)).toEqual([]);
			expect(await cues('other')).toEqual(['rest/rest']);

			const { editor: own } = setup();
			await simpleRoutine(own);
			await own.save();
			await db?.putRecording(take('evening', 'rest/rest'));
			own.setTitle('Changed');
			expect(await own.discard()).toBe('reset');
			expect(await cues('evening')).toEqual(['rest/rest']);
		});
	});
});
