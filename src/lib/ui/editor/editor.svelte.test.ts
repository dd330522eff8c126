import { describe, expect, it } from 'vitest';
import { editorTests, simpleRoutine, take } from '$test/editor';
import { valueAt } from '../../routine/draft';

const { setup, opened, cues } = editorTests();

describe('the editor view-model', () => {
	it('greets a blank routine with no problem, and shows a field’s once the coach has been in it', async () => {
		const { editor } = setup();
		await editor.open('new');
		expect(editor.form.issues.map((issue) => issue.path).sort()).toEqual(['steps', 'title']);
		expect(editor.form.shownIssues).toEqual([]);
		expect(editor.form.issuesAt(['title'])).toEqual([]);
		// In the title and out again, nothing typed: its problem shows, in words.
		editor.form.leave(['title']);
		expect(editor.form.shownIssues.map((issue) => issue.path)).toEqual(['title']);
		expect(editor.form.issuesAt(['title'])).toEqual([
			{ path: 'title', place: 'Title', message: 'Give the routine a title.' }
		]);
		expect(await editor.keeper.save()).toBe(false);
		// The id follows the title, so only the title is asked for, and a step.
		expect(editor.problem).toBe('Not saved yet: fix the 2 problems listed first.');
		expect(editor.form.listedIssues.map(({ place, message }) => `${place}: ${message}`)).toEqual([
			'Title: Give the routine a title.',
			'Steps: Add at least one step.'
		]);
	});

	it('shows a field’s problem once the field is changed, and all of them on a refused save', async () => {
		const { editor } = setup();
		await simpleRoutine(editor);
		editor.set(['steps', 0, 'seconds'], 4000, true);
		expect(editor.form.issuesAt(['steps', 0, 'seconds'])[0]).toEqual({
			path: 'steps[0].seconds',
			place: 'Step 1, “Rest”: Rest',
			message: 'Must be at most 3600 seconds (one hour), not 4000.'
		});
		editor.set(['summary'], 5);
		editor.set(['summary'], undefined);
		expect(editor.form.issuesAt(['language'])).toEqual([]);
		editor.set(['language'], 'not a tag!');
		expect(editor.form.issuesAt(['language'])).toHaveLength(1);
		expect(await editor.keeper.save()).toBe(false);
		expect(editor.form.revealAll).toBe(true);
		expect(editor.problem).toBe('Not saved yet: fix the 2 problems listed first.');
		expect(editor.keeper.export()).toBe(false);
		expect(await editor.keeper.tryIt()).toBeUndefined();
	});

	it('joins typing into one undo step, and undoes and redoes buttons’ steps one by one', async () => {
		const { editor } = setup();
		await editor.open('new');
		for (const title of ['E', 'Ev', 'Eve']) editor.setTitle(title);
		editor.addStep('breathe');
		editor.addStep('rest');
		editor.undo();
		expect(editor.form.steps).toHaveLength(1);
		editor.undo();
		expect(editor.form.steps).toHaveLength(0);
		expect(editor.form.draft['title']).toBe('Eve');
		editor.undo();
		expect(editor.form.draft['title']).toBe('');
		expect(editor.form.canUndo).toBe(false);
		editor.redo();
		editor.redo();
		expect(editor.form.draft['title']).toBe('Eve');
		expect(editor.form.steps).toHaveLength(1);
	});

	it("counts the person's own countdown in the total time", async () => {
		const { editor } = setup();
		const none = setup({ countdownSec: () => 0 }).editor;
		const long = setup({ countdownSec: () => 10 }).editor;
		for (const model of [editor, none, long]) await simpleRoutine(model);
		// The rest step of a new routine, after the countdown.
		const stepMs = none.form.preview?.timeline.totalMs ?? 0;
		expect(stepMs).toBeGreaterThan(0);
		expect(editor.form.preview?.timeline.totalMs).toBe(stepMs + 5_000);
		expect(long.form.preview?.timeline.totalMs).toBe(stepMs + 10_000);
		expect([editor.form.countdownSec, none.form.countdownSec, long.form.countdownSec]).toEqual([
			5, 0, 10
		]);
	});

	describe("a coach's recordings", () => {
		it("follow a step's id as it follows the title, as it is typed, and back on undo", async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			editor.addStep('stretch');
			editor.setStepTitle(1, 'Hip');
			expect(valueAt(editor.form.draft, ['steps', 1, 'id'])).toBe('hip');
			const draftKey = editor.keeper.key;
			await opened()?.putRecording(take(draftKey, 'hip/soften'));
			await opened()?.putRecording(take(draftKey, 'defaults/rest'));

			editor.setStepTitle(1, 'Hip opener');
			await editor.recordings.settled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'hip-opener/soften']);
			expect(editor.recordings.revision).toBe(1);

			// Typed by hand, through no id at all, and on to one.
			for (const id of ['', 'n', 'ne', 'neck']) editor.set(['steps', 1, 'id'], id, true);
			await editor.recordings.settled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'neck/soften']);

			// Two steps swapping places keep their ids, so their recordings stay put.
			editor.moveStep(1, 0);
			await editor.recordings.settled();
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'neck/soften']);

			editor.undo();
			editor.undo();
			await editor.recordings.settled();
			expect(valueAt(editor.form.draft, ['steps', 1, 'id'])).toBe('hip-opener');
			expect(await cues(draftKey)).toEqual(['defaults/rest', 'hip-opener/soften']);
		});

		it('wait while a step takes an id another step has, and go along once it is its own', async () => {
			const { editor } = setup();
			await simpleRoutine(editor);
			editor.addStep('stretch');
			editor.setStepTitle(1, 'Hip');
			await opened()?.putRecording(take(editor.keeper.key, 'hip/soften'));
			editor.set(['steps', 1, 'id'], 'rest', true);
			await editor.recordings.settled();
			expect(await cues(editor.keeper.key)).toEqual(['hip/soften']);
			editor.set(['steps', 1, 'id'], 'rest-2', true);
			await editor.recordings.settled();
			expect(await cues(editor.keeper.key)).toEqual(['rest-2/soften']);
		});
	});
});
