import { describe, expect, it } from 'vitest';
import {
	addStep,
	copyDraft,
	deleteStep,
	draftSteps,
	draftText,
	duplicateStep,
	idFollowsTitle,
	moveStep,
	newDraft,
	readDraft,
	setRoutineTitle,
	setStepTitle,
	setValue,
	slugify,
	uniqueStepId,
	valueAt,
	type Draft
} from './draft';
import { parseRoutine, validateRoutine } from './validate';
import type { JsonValue } from './json-text';
import { CONTRACT_EXAMPLE } from './contract-example';

/** Builds the contract's example as an author fills in the form, fields in any order. */
function buildExample(): Draft {
	let draft = newDraft();
	draft = setRoutineTitle(draft, 'Sciatica relief: lower back and hip decompression');
	draft = setValue(draft, ['id'], 'sciatica-relief');
	// Defaults typed from the bottom up: the file still lists them in the contract's order.
	draft = setValue(draft, ['defaults', 'flare', 'recover'], 30);
	draft = setValue(draft, ['defaults', 'flare', 'release'], 10);
	draft = setValue(draft, ['defaults', 'onFlare'], 'skip');
	draft = setValue(draft, ['defaults', 'restBetweenSteps'], 15);
	draft = setValue(draft, ['defaults', 'restBetweenRounds'], 10);
	draft = setValue(draft, ['defaults', 'rounds'], 3);
	draft = setValue(draft, ['defaults', 'cycle', 'comeBack'], 8);
	draft = setValue(draft, ['defaults', 'cycle', 'soften'], 20);
	draft = setValue(draft, ['defaults', 'cycle', 'breathe', 'exhale'], 6);
	draft = setValue(draft, ['defaults', 'cycle', 'breathe', 'inhale'], 4);
	draft = setValue(draft, ['defaults', 'cycle', 'breathe', 'breaths'], 4);
	draft = setValue(draft, ['defaults', 'cycle', 'approach'], 10);
	draft = setValue(
		draft,
		['summary'],
		'Gentle decompression in the approach, breathe, soften, come back cycle.'
	);
	draft = addStep(draft, 'rest').draft;
	draft = addStep(draft, 'stretch', 0).draft;
	draft = addStep(draft, 'breathe', 0).draft;
	draft = setStepTitle(draft, 0, 'Settle in');
	draft = setValue(draft, ['steps', 0, 'id'], 'settle');
	draft = setStepTitle(draft, 1, 'Hip opener');
	draft = setValue(draft, ['steps', 1, 'id'], 'hip-left');
	draft = setValue(draft, ['steps', 1, 'onFlare'], 'retry');
	draft = setValue(draft, ['steps', 1, 'cycle', 'soften'], 30);
	draft = setValue(draft, ['steps', 1, 'rounds'], 2);
	draft = setValue(draft, ['steps', 1, 'text'], 'Let the liana take the weight of your left leg.');
	draft = setValue(draft, ['steps', 1, 'side'], 'left');
	draft = setValue(draft, ['steps', 2, 'id'], 'pause');
	return draft;
}

describe('editing a draft', () => {
	it("builds the contract's example, keys in the contract's order", () => {
		const draft = buildExample();
		expect(draft).toEqual(CONTRACT_EXAMPLE);
		expect(draftText(draft)).toBe(`${JSON.stringify(CONTRACT_EXAMPLE, null, 2)}\n`);
		const parsed = parseRoutine(draftText(draft));
		expect(parsed.ok).toBe(true);
	});

	it('starts a new routine that needs only a title, an id and a step', () => {
		const draft = newDraft();
		const result = validateRoutine(draft);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((issue) => issue.path).sort()).toEqual(['id', 'steps', 'title']);
		const filled = addStep(setRoutineTitle(draft, 'Evening'), 'stretch').draft;
		expect(validateRoutine(filled).ok).toBe(true);
	});

	it('gives each new step of every type valid starting values and an id of its own', () => {
		let draft = setRoutineTitle(newDraft(), 'Three of each');
		for (const type of ['stretch', 'breathe', 'rest', 'stretch', 'breathe', 'rest'] as const) {
			draft = addStep(draft, type).draft;
		}
		expect(validateRoutine(draft).ok).toBe(true);
		expect(draftSteps(draft).map((step) => valueAt(step, ['id']))).toEqual([
			'stretch',
			'breathe',
			'rest',
			'stretch-2',
			'breathe-2',
			'rest-2'
		]);
	});

	it('removes a key set to nothing, and an override object left empty with it', () => {
		let draft = addStep(setRoutineTitle(newDraft(), 'A'), 'stretch').draft;
		draft = setValue(draft, ['steps', 0, 'cycle', 'breathe', 'inhale'], 5);
		expect(valueAt(draft, ['steps', 0, 'cycle'])).toEqual({ breathe: { inhale: 5 } });
		draft = setValue(draft, ['steps', 0, 'cycle', 'breathe', 'inhale'], undefined);
		expect(valueAt(draft, ['steps', 0])).toEqual({
			type: 'stretch',
			id: 'stretch',
			title: 'Stretch'
		});
		// Removing what is not there changes nothing.
		expect(setValue(draft, ['defaults', 'rounds'], undefined)).toBe(draft);
	});

	it('never changes the draft it was given', () => {
		const draft = buildExample();
		const before = structuredClone(draft);
		setValue(draft, ['steps', 1, 'cycle', 'soften'], 4000);
		moveStep(draft, 0, 2);
		duplicateStep(draft, 1);
		deleteStep(draft, 0);
		setStepTitle(draft, 0, 'Other');
		expect(draft).toEqual(before);
	});

	it('keeps keys of its own (x-) and their place when editing an imported file', () => {
		const imported = {
			'x-author': 'Sam',
			version: 1,
			id: 'mine',
			title: 'Mine',
			steps: [{ type: 'rest', id: 'r', 'x-note': 'keep', title: 'Rest', seconds: 5 }]
		} as Draft;
		const edited = setValue(setValue(imported, ['steps', 0, 'seconds'], 8), ['summary'], 'S');
		expect(Object.keys(edited)).toEqual(['x-author', 'version', 'id', 'title', 'summary', 'steps']);
		expect(valueAt(edited, ['steps', 0])).toEqual({
			type: 'rest',
			id: 'r',
			'x-note': 'keep',
			title: 'Rest',
			seconds: 8
		});
	});

	it('moves a step up and down, and ignores a move out of range', () => {
		const draft = buildExample();
		const ids = (d: Draft) => draftSteps(d).map((step) => valueAt(step, ['id']));
		expect(ids(moveStep(draft, 0, 1))).toEqual(['hip-left', 'settle', 'pause']);
		expect(ids(moveStep(draft, 2, 0))).toEqual(['pause', 'settle', 'hip-left']);
		expect(moveStep(draft, 0, -1)).toBe(draft);
		expect(moveStep(draft, 2, 3)).toBe(draft);
	});

	it('duplicates a step right after itself under a free id, and deletes one', () => {
		const draft = duplicateStep(duplicateStep(buildExample(), 1), 1);
		expect(draftSteps(draft).map((step) => valueAt(step, ['id']))).toEqual([
			'settle',
			'hip-left',
			'hip-left-3',
			'hip-left-2',
			'pause'
		]);
		expect(valueAt(draft, ['steps', 3, 'cycle'])).toEqual({ soften: 30 });
		expect(validateRoutine(draft).ok).toBe(true);
		const fewer = deleteStep(draft, 0);
		expect(draftSteps(fewer)).toHaveLength(4);
		expect(deleteStep(fewer, 9)).toBe(fewer);
	});

	it('lets the routine id follow the title until the author gives one', () => {
		let draft = setRoutineTitle(newDraft(), 'Évening unwind!');
		expect(draft['id']).toBe('evening-unwind');
		draft = setRoutineTitle(draft, 'Evening unwind, long');
		expect(draft['id']).toBe('evening-unwind-long');
		draft = setValue(draft, ['id'], 'my-evening');
		draft = setRoutineTitle(draft, 'Something else');
		expect(draft['id']).toBe('my-evening');
		// Emptied, it follows again.
		draft = setRoutineTitle(setValue(draft, ['id'], ''), 'Evening');
		expect(draft['id']).toBe('evening');
	});

	it('tells the id a title makes apart from the routines there are, and follows on as numbered', () => {
		const taken = new Set(['evening', 'evening-2', 'morning']);
		let draft = setRoutineTitle(newDraft(), 'Evening', taken);
		expect(draft['id']).toBe('evening-3');
		draft = setRoutineTitle(draft, 'Evening, long', taken);
		expect(draft['id']).toBe('evening-long');
		draft = setRoutineTitle(draft, 'Morning', taken);
		expect(draft['id']).toBe('morning-2');
		// A title of no letter an id can hold still makes one; no title makes none.
		draft = setRoutineTitle(draft, 'Утро', taken);
		expect(draft['id']).toBe('routine');
		draft = setRoutineTitle(draft, '', taken);
		expect(draft['id']).toBe('');
		// Numbered near the 64-character limit, it is still the title's own.
		const long = 'a'.repeat(70);
		draft = setRoutineTitle(draft, long, new Set(['a'.repeat(64)]));
		expect(draft['id']).toBe(`${'a'.repeat(62)}-2`);
		expect(idFollowsTitle(draft['id'], long)).toBe(true);
		expect(idFollowsTitle('evening-x', 'Evening')).toBe(false);
		expect(idFollowsTitle('evening-2', 'Morning')).toBe(false);
	});

	it('lets a step id follow its title, unique among the steps, until the author gives one', () => {
		let draft = addStep(addStep(setRoutineTitle(newDraft(), 'A'), 'rest').draft, 'rest').draft;
		draft = setStepTitle(draft, 1, 'Rest');
		expect(valueAt(draft, ['steps', 1, 'id'])).toBe('rest-2');
		draft = setStepTitle(draft, 1, 'Long rest');
		expect(valueAt(draft, ['steps', 1, 'id'])).toBe('long-rest');
		draft = setValue(draft, ['steps', 1, 'id'], 'mine');
		draft = setStepTitle(draft, 1, 'Short rest');
		expect(valueAt(draft, ['steps', 1, 'id'])).toBe('mine');
		// A title with nothing to make an id from leaves the id as it was.
		draft = setStepTitle(draft, 0, '!!!');
		expect(valueAt(draft, ['steps', 0, 'id'])).toBe('rest');
	});

	it('makes ids of at most 64 characters from any text', () => {
		expect(slugify('  Hip -- opener (left) ')).toBe('hip-opener-left');
		expect(slugify('x'.repeat(100))).toHaveLength(64);
		expect(slugify('a'.repeat(63) + ' b')).toBe('a'.repeat(63));
		expect(uniqueStepId(newDraft(), '???')).toBe('step');
	});

	it('copies a built-in under a free id, titled as a copy', () => {
		const copy = copyDraft(
			CONTRACT_EXAMPLE as unknown as Draft,
			new Set(['sciatica-relief-copy']),
			'Sciatica relief (copy)'
		);
		expect(copy['id']).toBe('sciatica-relief-copy-2');
		expect(copy['title']).toBe('Sciatica relief (copy)');
		expect(copy['steps']).toEqual(CONTRACT_EXAMPLE.steps);
		const long = copyDraft({ ...newDraft(), id: 'a'.repeat(64) }, new Set(), 'T');
		expect(long['id']).toBe(`${'a'.repeat(59)}-copy`);
	});

	it('reads a stored draft back, and anything else as a new routine', () => {
		const draft = buildExample();
		expect(readDraft(structuredClone(draft))).toEqual(draft);
		expect(readDraft('text')).toEqual(newDraft());
		expect(readDraft(null)).toEqual(newDraft());
		expect(readDraft([1] as JsonValue)).toEqual(newDraft());
	});
});
