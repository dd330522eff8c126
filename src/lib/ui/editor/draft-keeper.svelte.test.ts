import { describe, expect, it } from 'vitest';
import { DAILY, editorTests, simpleRoutine, take } from '$test/editor';
import { readsOf } from '$test/stored';
import { valueAt } from '../../routine/draft';
import { editorParam } from '../editor-address';
import { EditorModel } from './editor.svelte';

const { setup, opened, cues } = editorTests();

describe('the draft keeper', () => {
	it('keeps the draft a moment after each change, and opens it again by its key', async () => {
		const { editor, database, runTimers } = setup();
		await simpleRoutine(editor);
		expect(editor.keeper.keeping).toBe('pending');
		await runTimers();
		expect(editor.keeper.keeping).toBe('kept');
		const again = new EditorModel({ database, builtInIds: [] });
		expect(await again.open(editor.keeper.key)).toBeUndefined();
		expect(again.form.draft).toEqual(editor.form.draft);
		expect(again.announcement).toBe('Your unsaved changes are back.');
	});

	it('saves a new routine, then replaces it when saved again; its id stays put', async () => {
		const { editor, runTimers } = setup();
		await simpleRoutine(editor);
		await runTimers();
		const draftKey = editor.keeper.key;
		expect(await editor.keeper.save()).toBe(true);
		expect(editor.keeper.key).toBe('evening');
		expect(editor.keeper.origin).toEqual({ kind: 'own', id: 'evening' });
		expect(await readsOf(opened())?.draft(draftKey)).toBeUndefined();
		expect(JSON.parse((await readsOf(opened())?.routine('evening'))?.text ?? '')).toEqual(
			editor.form.draft
		);
		editor.setTitle('Evening, longer');
		editor.setStepTitle(0, 'Long rest');
		expect(editor.form.draft['id']).toBe('evening');
		expect(valueAt(editor.form.draft, ['steps', 0, 'id'])).toBe('rest');
		expect(await editor.keeper.save()).toBe(true);
		expect((await readsOf(opened())?.routines())?.map((routine) => routine.id)).toEqual([
			'evening'
		]);
	});

	it('makes the id from the title apart from every routine, even one saved since it opened', async () => {
		const { editor } = setup();
		const meanwhile = setup().editor;
		await meanwhile.open('new');
		expect(meanwhile.form.draft['id']).toBe('');
		await simpleRoutine(editor);
		expect(await editor.keeper.save()).toBe(true);
		// Opened after: the title makes an id no routine has.
		const after = setup().editor;
		await simpleRoutine(after);
		expect(after.form.draft['id']).toBe('evening-2');
		after.setTitle('Daily unload');
		expect(after.form.draft['id']).toBe('daily-unload-2');
		// Opened before "evening" was saved: its id moves on when it is saved.
		meanwhile.setTitle('Evening');
		meanwhile.addStep('rest');
		expect(meanwhile.form.draft['id']).toBe('evening');
		expect(await meanwhile.keeper.save()).toBe(true);
		expect(meanwhile.keeper.key).toBe('evening-2');
		expect((await readsOf(opened())?.routines())?.map((routine) => routine.id).sort()).toEqual([
			'evening',
			'evening-2'
		]);
	});

	it('refuses an id the coach wrote that a built-in or another own routine has, at the id field', async () => {
		const { editor } = setup();
		await simpleRoutine(editor);
		expect(await editor.keeper.save()).toBe(true);
		const other = setup().editor;
		await simpleRoutine(other);
		other.set(['id'], 'evening', true);
		expect(await other.keeper.save()).toBe(false);
		expect(other.form.issuesAt(['id'])[0]?.message).toBe(
			'Another of your routines has the id “evening”; give this one an id of its own.'
		);
		expect(other.problem).toBe(
			'Not saved: the id “evening” is taken. Give the routine another under Advanced.'
		);
		other.set(['id'], 'daily-unload', true);
		expect(other.form.issuesAt(['id'])).toEqual([]);
		expect(await other.keeper.save()).toBe(false);
		expect(other.form.issuesAt(['id'])[0]?.message).toBe(
			'“daily-unload” is the id of a built-in routine; give yours an id of its own.'
		);
	});

	it('opens a built-in as an own copy, kept at once, with its own keys as they were', async () => {
		const { editor, database } = setup();
		const address = await editor.open('daily-unload');
		expect(address).toMatch(/^draft:[a-z0-9]{12}$/);
		expect(editor.form.draft['id']).toBe('daily-unload-copy');
		expect(editor.form.draft['title']).toBe('Daily unload (copy)');
		expect(editor.form.draft['x-coach']).toBe('Ana');
		expect(editor.keeper.keeping).toBe('kept');
		const again = new EditorModel({ database, builtInIds: ['daily-unload'] });
		await again.open(address ?? '');
		expect(again.form.draft).toEqual(editor.form.draft);
	});

	it('exports the draft as pretty JSON named by its id, and tries it from its kept draft', async () => {
		const { editor, downloads } = setup();
		await simpleRoutine(editor);
		expect(editor.keeper.export()).toBe(true);
		expect(downloads[0]?.name).toBe('evening.json');
		expect(downloads[0]?.text).toBe(`${JSON.stringify(editor.form.draft, null, 2)}\n`);
		expect(await editor.keeper.tryIt()).toEqual({ id: 'evening', draftKey: editor.keeper.key });
		expect(editor.keeper.keeping).toBe('kept');
	});

	it('says when nothing is at the address, and discards a draft', async () => {
		const { editor } = setup();
		await editor.open('nothing-here');
		expect(editor.status).toBe('missing');
		const { editor: own, runTimers } = setup();
		await simpleRoutine(own);
		await own.keeper.save();
		own.setTitle('Changed');
		await runTimers();
		expect(await own.keeper.discard()).toBe('reset');
		expect(own.form.draft['title']).toBe('Evening');
		expect(await readsOf(opened())?.draft('evening')).toBeUndefined();
	});

	describe("a coach's recordings", () => {
		it('go with the routine when it is saved; a saved routine keeps its id, and they stay', async () => {
			const { editor, database } = setup();
			await simpleRoutine(editor);
			const draftKey = editor.keeper.key;
			await opened()?.putRecording(take(draftKey, 'rest/rest'));
			expect(await editor.keeper.save()).toBe(true);
			expect(await cues(draftKey)).toEqual([]);
			expect(await cues('evening')).toEqual(['rest/rest']);
			expect(editor.keeper.idLocked).toBe(true);
			editor.set(['id'], 'evening-long', true);
			expect(editor.form.draft['id']).toBe('evening');
			expect(await editor.keeper.save()).toBe(true);
			expect((await readsOf(opened())?.routines())?.map((routine) => routine.id)).toEqual([
				'evening'
			]);
			expect(await cues('evening')).toEqual(['rest/rest']);
			// Changes kept by an editor that let the id change open under the routine's own.
			const stored = await database.get();
			await stored?.saveDraft({
				key: 'evening',
				routine: { ...editor.form.draft, id: 'evening-long', title: 'Evening, long' },
				updatedAtEpochMs: 1
			});
			const again = setup().editor;
			await again.open('evening');
			expect(again.form.draft['title']).toBe('Evening, long');
			expect(again.form.draft['id']).toBe('evening');
		});

		it('stay with a routine whose id looks like a new draft’s, which edits and saves as any', async () => {
			for (const id of ['new-2024', 'new']) {
				const { editor, database, runTimers } = setup();
				const stored = await database.get();
				const text = DAILY.replace('"daily-unload"', JSON.stringify(id));
				await stored?.putRoutine({ id, text, addedAtEpochMs: 1, updatedAtEpochMs: 1 });
				await stored?.putRecording(take(id, 'still/rest'));
				expect(await editor.open(editorParam(id))).toBeUndefined();
				expect(editor.keeper.origin).toEqual({ kind: 'own', id });
				editor.setTitle('Changed');
				await runTimers();

				const again = setup().editor;
				await again.open(editorParam(id));
				expect(again.keeper.origin).toEqual({ kind: 'own', id });
				expect(again.form.draft['title']).toBe('Changed');
				expect(await again.keeper.save()).toBe(true);
				expect(JSON.parse((await readsOf(stored)?.routine(id))?.text ?? '{}')['title']).toBe(
					'Changed'
				);
				again.setTitle('Changed again');
				expect(await again.keeper.discard()).toBe('reset');
				expect(again.form.draft['title']).toBe('Changed');
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
			expect(editor.keeper.voiceId).toBe('draft:k1');
			await stored?.putRecording(take(editor.keeper.voiceId, 'still/rest'));
			editor.setTitle('Evening');
			expect(await editor.keeper.discard()).toBe('gone');
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
			expect(editor.keeper.origin).toEqual({ kind: 'new' });
			expect(editor.form.draft['title']).toBe('Half');
		});

		it('of a new routine are deleted with its draft; a saved one keeps its own', async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			await opened()?.putRecording(take(editor.keeper.key, 'rest/rest'));
			await opened()?.putRecording(take('other', 'rest/rest'));
			const draftKey = editor.keeper.key;
			expect(await editor.keeper.discard()).toBe('gone');
			expect(await cues(draftKey)).toEqual([]);
			expect(await cues('other')).toEqual(['rest/rest']);

			const { editor: own } = setup();
			await simpleRoutine(own);
			await own.keeper.save();
			await opened()?.putRecording(take('evening', 'rest/rest'));
			own.setTitle('Changed');
			expect(await own.keeper.discard()).toBe('reset');
			expect(await cues('evening')).toEqual(['rest/rest']);
		});
	});
});
