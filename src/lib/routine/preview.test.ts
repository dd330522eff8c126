import { describe, expect, it } from 'vitest';
import { addStep, newDraft, setRoutineTitle, setValue } from './draft';
import { previewDraft } from './preview';
import { compileTimeline } from './timeline';
import { parseRoutine } from './validate';

const threeSteps = () => {
	let draft = setRoutineTitle(newDraft(), 'Three');
	draft = addStep(draft, 'breathe').draft;
	draft = addStep(draft, 'stretch').draft;
	draft = addStep(draft, 'rest').draft;
	return draft;
};

describe('the preview of a draft', () => {
	it('is the routine’s own timeline once the draft is valid', () => {
		const draft = threeSteps();
		const parsed = parseRoutine(JSON.stringify(draft));
		if (!parsed.ok) throw new Error('the draft should be valid');
		const preview = previewDraft(draft);
		expect(preview?.timeline.totalMs).toBe(compileTimeline(parsed.routine).totalMs);
		expect(preview?.draftIndex).toEqual([0, 1, 2]);
		expect(preview?.leftOut).toEqual([]);
	});

	it('leaves out the steps with problems, and says which', () => {
		let draft = setValue(threeSteps(), ['steps', 1, 'cycle', 'soften'], 4000);
		draft = setValue(draft, ['steps', 2, 'seconds'], 0);
		const preview = previewDraft(draft);
		expect(preview?.draftIndex).toEqual([0]);
		expect(preview?.leftOut).toEqual([1, 2]);
		// 5 s countdown, then 6 breaths of 4 + 6 s.
		expect(preview?.timeline.totalMs).toBe(65_000);
	});

	it('uses the built-in defaults while the draft’s own have problems', () => {
		const draft = setValue(threeSteps(), ['defaults', 'rounds'], 0);
		const preview = previewDraft(draft);
		expect(preview?.defaultsLeftOut).toBe(true);
		expect(preview?.timeline.resolved.rounds).toBe(3);
		const fine = previewDraft(setValue(threeSteps(), ['defaults', 'rounds'], 1));
		expect(fine?.defaultsLeftOut).toBe(false);
		expect(fine?.timeline.resolved.rounds).toBe(1);
	});

	it('is nothing while no step is valid', () => {
		expect(previewDraft(newDraft())).toBeUndefined();
		expect(previewDraft(setValue(threeSteps(), ['steps'], [{ type: 'rest' }]))).toBeUndefined();
	});
});
