import { describe, expect, it } from 'vitest';
import { addStep, newDraft, setRoutineTitle, setValue } from '../../routine/draft';
import { previewDraft } from '../../routine/preview';
import { BUILT_IN_DEFAULTS } from '../../routine/timeline';
import * as view from './draft-view';

function draft() {
	let d = setRoutineTitle(newDraft(), 'T');
	d = addStep(d, 'rest').draft;
	d = addStep(d, 'rest').draft;
	return addStep(d, 'rest').draft;
}

describe('what the editor shows of its draft', () => {
	it('takes the draft’s own defaults, and the built-in ones where its own have problems', () => {
		const own = setValue(draft(), ['defaults', 'rounds'], 5);
		expect(view.draftDefaults(own).rounds).toBe(5);
		expect(view.draftDefaults(draft()).rounds).toBe(BUILT_IN_DEFAULTS.rounds);
		const broken = setValue(own, ['defaults', 'cycle', 'approach'], 'soon');
		expect(view.draftDefaults(broken).rounds).toBe(BUILT_IN_DEFAULTS.rounds);
	});

	it('gives each step its length by its place in the draft, none to a step with problems', () => {
		let d = setValue(draft(), ['steps', 0, 'seconds'], 20);
		d = setValue(d, ['steps', 1, 'seconds'], 'long');
		d = setValue(d, ['steps', 2, 'seconds'], 45);
		expect(view.stepDurationsMs(previewDraft(d), 3)).toEqual([20_000, undefined, 45_000]);
		expect(view.stepDurationsMs(undefined, 2)).toEqual([undefined, undefined]);
	});

	it('offers a step’s cues to record once its id and type can keep them', () => {
		const step = { type: 'stretch', id: 'hip', title: 'Hip opener', side: 'left' };
		const scope = view.stepVoiceScope(step);
		expect(scope).toMatchObject({ scope: 'hip', title: 'Your voice for this step' });
		expect(scope?.targets[0]?.label).toBe('Approach the edge, Hip opener (left)');
		expect(view.stepVoiceScope({ ...step, title: ' ' })?.targets[0]?.label).toBe(
			'Approach the edge, hip (left)'
		);
		expect(view.stepVoiceScope({ ...step, id: 'Hip Opener' })).toBeUndefined();
		expect(view.stepVoiceScope({ ...step, type: 'walk' })).toBeUndefined();
		expect(view.stepVoiceScope({ type: 'rest' })).toBeUndefined();
	});

	it('says how the draft stands and whether its changes are kept', () => {
		expect(view.standingLine(0, 3)).toBe('');
		expect(view.standingLine(1, 3)).toBe('1 problem');
		expect(view.standingLine(2, 3)).toBe('2 problems');
		expect(view.standingLine(0, 0)).toBe('Ready');
		expect(view.keepingLine('pending', false)).toBe('Keeping your changes…');
		expect(view.keepingLine('kept', true)).toBe('Changes kept in this browser');
		expect(view.keepingLine('failed', false)).toBe('Changes not kept: see above');
		expect(view.keepingLine('unchanged', true)).toBe('Saved in your library');
		expect(view.keepingLine('unchanged', false)).toBe('Nothing typed yet');
	});
});
