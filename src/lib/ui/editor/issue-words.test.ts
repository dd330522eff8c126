import { describe, expect, it } from 'vitest';
import { addStep, newDraft, setStepTitle, setValue } from '../../routine/draft';
import { validateRoutine } from '../../routine/validate';
import { inScreenOrder, issueInWords } from './issue-words';

describe("a routine's problems in words", () => {
	let draft = addStep(addStep(newDraft(), 'stretch').draft, 'stretch').draft;
	draft = setStepTitle(draft, 0, 'Hip opener');
	draft = setValue(draft, ['steps', 1, 'id'], 'hip-opener');
	draft = setValue(draft, ['steps', 1, 'cycle', 'soften'], 4000);
	draft = setValue(draft, ['defaults', 'rounds'], 0);
	draft = setValue(draft, ['steps', 1, 'sofen'], 30);
	const found = validateRoutine(draft);
	const issues = found.ok ? [] : found.issues;

	it('names the place by the labels on the screen and says the problem as a sentence, no path', () => {
		const said = inScreenOrder(issues).map((issue) => {
			const { place, message } = issueInWords(issue, draft);
			return `${place} — ${message}`;
		});
		expect(said).toEqual([
			'Title — Give the routine a title.',
			'Routine id — Give the routine an id: lowercase letters, digits and “-”.',
			'Defaults: Rounds — Must be at least 1, not 0.',
			'Step 2, “Stretch”: Soften — Must be at most 3600 seconds (one hour), not 4000.',
			'Step 2, “Stretch”: Step id — The id "hip-opener" is used already by step 1; every step needs its own id.',
			expect.stringMatching(/^Step 2, “Stretch” — .*sofen/)
		]);
		for (const line of said) expect(line).not.toMatch(/steps\[|\.cycle|defaults\./);
	});

	it('says an empty step title and id as what to do, and a key of the file’s own by its step', () => {
		let empty = setValue(draft, ['steps', 0, 'title'], '');
		empty = setValue(empty, ['steps', 0, 'id'], '');
		const at = (path: string) => issueInWords({ path, message: 'must not be empty' }, empty);
		expect(at('steps[0].title')).toEqual({
			path: 'steps[0].title',
			place: 'Step 1: Title',
			message: 'Give this step a title.'
		});
		expect(at('steps[0].id').message).toBe(
			'Give this step an id: lowercase letters, digits and “-”.'
		);
		expect(at('steps[1]["x y"]').place).toBe('Step 2, “Stretch”');
		expect(at('constructor').place).toBe('The routine');
		expect(at('(file)').place).toBe('The routine');
	});
});
