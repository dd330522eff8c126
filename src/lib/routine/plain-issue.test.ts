import { describe, expect, it } from 'vitest';
import { plainSentence, wholeFileProblem } from './plain-issue';
import { parseRoutine, type RoutineIssue } from './validate';

const routine = (steps: string, extra = '') =>
	`{ "version": 1, "id": "evening", "title": "Evening",${extra} "steps": [${steps}] }`;
const STRETCH = (cycle: string, more = '') =>
	`{ "type": "stretch", "id": "long-spine", "title": "Long spine", "cycle": ${cycle}${more} }`;
const REST = '{ "type": "rest", "id": "r", "title": "Rest", "seconds": 5 }';

function issuesOf(text: string): RoutineIssue[] {
	const result = parseRoutine(text);
	if (result.ok) throw new Error('expected the file to be refused');
	return result.issues;
}

/** Words a person never meets in the lead sentence of an import error. */
const DEVELOPER = /steps\[|\{|\}|JSON|null|\bkey\b|\(file\)|\bid\b/;

describe('plainSentence', () => {
	it('names the step by number and title, and the setting by a plain name', () => {
		const [issue] = issuesOf(routine(STRETCH('{ "soften": "4" }')));
		expect(issue?.path).toBe('steps[0].cycle.soften');
		expect(plainSentence(issue!)).toBe(
			'In step 1, “Long spine”: the soften time must be a number of seconds, not the text “4”.'
		);
	});

	it('says an unknown setting, a missing one and a duplicate in plain words', () => {
		const said = [
			...issuesOf(routine(STRETCH('{ "sofen": 30 }'))),
			...issuesOf(`{ "version": 1, "id": "evening", "steps": [${REST}] }`),
			...issuesOf(routine(`${REST}, ${REST}`))
		].map(plainSentence);
		expect(said).toEqual([
			'In step 1, “Long spine”: “sofen” is not a setting Liana knows: did you mean “soften”?',
			'The routine’s title is missing.',
			'In step 2, “Rest”: its short name “r” is used by step 1 already; each step needs a short name of its own.'
		]);
	});

	it('keeps every developer word out of every kind of mistake in a place', () => {
		const texts = [
			routine(
				STRETCH('{ "approach": -1 }', ', "side": "up", "onFlare": "later"'),
				' "defaults": { "rounds": 0 },'
			),
			routine('{ "type": "jump", "id": "r", "title": "R" }'),
			routine('{ "id": "r", "title": "R" }'),
			routine('{ "type": "rest", "id": "r", "title": null, "seconds": 0 }'),
			routine('[1]'),
			routine(''),
			`{ "version": 1, "id": "Evening Unwind", "title": "E", "language": 4, "steps": [${REST}] }`,
			routine(STRETCH('[1]'))
		];
		for (const text of texts) {
			for (const issue of issuesOf(text)) {
				const said = plainSentence(issue);
				expect(said, issue.path).not.toMatch(DEVELOPER);
				expect(said, issue.path).toMatch(/^[A-Z“].*[.?]$/);
			}
		}
	});

	it('names the shared settings without the word defaults', () => {
		const [issue] = issuesOf(routine(REST, ' "defaults": { "rounds": 0 },'));
		expect(plainSentence(issue!)).toBe(
			'In the settings every step shares: the number of rounds must be at least 1, not 0.'
		);
	});
});

describe('wholeFileProblem', () => {
	it('says broken text, the wrong kind of file, too big and a newer format, each with what to do', () => {
		const cases: [string, RegExp][] = [
			['{\n\t"version": 1\n\t"id": "x"\n}', /is damaged: a comma, quote or bracket/],
			['%PDF-1.4', /is not a routine file/],
			['', /is empty/],
			['[1, 2]', /is not a routine file/],
			[`{ "version": 2, "id": "e", "title": "E", "steps": [${REST}] }`, /newer version of Liana/],
			[routine(REST, ` "x-pad": "${'x'.repeat(1024 * 1024)}",`), /too big to be a routine file/]
		];
		for (const [text, words] of cases) {
			const [issue] = issuesOf(text);
			const problem = wholeFileProblem(issue!);
			expect(problem?.sentence, text.slice(0, 20)).toMatch(words);
			expect(problem?.sentence).not.toMatch(DEVELOPER);
			expect(problem?.todo).toMatch(/\.$/);
		}
	});

	it('leaves a mistake in a place to the list', () => {
		const [issue] = issuesOf(routine(STRETCH('{ "soften": "4" }')));
		expect(wholeFileProblem(issue!)).toBeUndefined();
	});

	it('says a pack that is too big, or holds a routine with broken text', () => {
		expect(
			wholeFileProblem(
				{
					path: '(file)',
					message: 'the pack is 101.0 MiB; a routine pack may be at most 100.0 MiB'
				},
				true
			)?.sentence
		).toBe(
			'This routine pack is too big to be a routine pack: it is 101.0 MiB, and one may be at most 100.0 MiB.'
		);
		expect(
			wholeFileProblem(
				{
					path: 'routine.json (file)',
					line: 2,
					column: 3,
					message: 'not valid JSON: expected ","'
				},
				true
			)?.sentence
		).toMatch(/^The routine in this pack is damaged/);
	});
});
