import { describe, expect, it } from 'vitest';
import { addStep, newDraft, setRoutineTitle, setValue } from '../../routine/draft';
import { previewDraft } from '../../routine/preview';
import { formatAt, timelineBlocks, timelineRows } from './timeline-blocks';

function draft() {
	let d = setRoutineTitle(newDraft(), 'T');
	d = addStep(d, 'breathe').draft;
	d = addStep(d, 'stretch').draft;
	d = setValue(d, ['steps', 1, 'rounds'], 1);
	d = addStep(d, 'rest').draft;
	return d;
}

describe('the timeline preview', () => {
	it('draws one block per phase, the breaths of a phase as one', () => {
		const preview = previewDraft(draft());
		if (!preview) throw new Error('expected a preview');
		const blocks = timelineBlocks(preview);
		expect(blocks.map((block) => `${block.draftIndex}:${block.phase}`)).toEqual([
			'0:countdown',
			'0:breathe',
			'1:rest',
			'1:approach',
			'1:breathe',
			'1:soften',
			'1:come-back',
			'2:rest'
		]);
		expect(blocks[1]).toMatchObject({ startMs: 5_000, durationMs: 60_000 });
		const total = blocks.reduce((sum, block) => sum + block.durationMs, 0);
		expect(total).toBe(preview.timeline.totalMs);
	});

	it('lists each step with its start and length, by the draft’s index', () => {
		const d = setValue(draft(), ['steps', 0, 'breaths'], 0);
		const preview = previewDraft(d);
		if (!preview) throw new Error('expected a preview');
		expect(timelineRows(preview)).toEqual([
			{ draftIndex: 1, startMs: 5_000, durationMs: 78_000 },
			{ draftIndex: 2, startMs: 83_000, durationMs: 30_000 }
		]);
	});

	it('says moments as m:ss from the start', () => {
		expect(formatAt(65_000)).toBe('1:05');
	});
});
