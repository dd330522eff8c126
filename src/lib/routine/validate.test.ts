import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	RoutineValidationError,
	describeIssue,
	parseRoutine,
	validateRoutine,
	type RoutineIssue
} from './validate';

/** The example routine of the contract (routine-format.md), verbatim. */
const CONTRACT_EXAMPLE = `{
  "version": 1,
  "id": "sciatica-relief",
  "title": "Sciatica relief: lower back and hip decompression",
  "summary": "Gentle decompression in the approach, breathe, soften, come back cycle.",
  "language": "en",
  "defaults": {
    "cycle": {
      "approach": 10,
      "breathe": { "breaths": 4, "inhale": 4, "exhale": 6 },
      "soften": 20,
      "comeBack": 8
    },
    "rounds": 3,
    "restBetweenRounds": 10,
    "restBetweenSteps": 15,
    "onFlare": "skip",
    "flare": { "release": 10, "recover": 30 }
  },
  "steps": [
    { "type": "breathe", "id": "settle", "title": "Settle in",
      "pattern": { "inhale": 4, "exhale": 6 }, "breaths": 6 },
    { "type": "stretch", "id": "hip-left", "title": "Hip opener", "side": "left",
      "text": "Let the liana take the weight of your left leg.",
      "rounds": 2, "cycle": { "soften": 30 }, "onFlare": "retry" },
    { "type": "rest", "id": "pause", "title": "Rest", "seconds": 30 }
  ]
}
`;

const ROUTINES_DIR = fileURLToPath(new URL('../../../static/routines/', import.meta.url));

type Json = Record<string, unknown>;
type Key = string | number;

const rest = (extra: Json = {}): Json => ({
	type: 'rest',
	id: 'pause',
	title: 'Rest',
	seconds: 5,
	...extra
});
const stretch = (extra: Json = {}): Json => ({
	type: 'stretch',
	id: 'hip',
	title: 'Hip opener',
	...extra
});
const breathe = (extra: Json = {}): Json => ({
	type: 'breathe',
	id: 'calm',
	title: 'Calm',
	...extra
});

/** A small valid routine; `extra` replaces or adds root keys. */
const routine = (extra: Json = {}, steps: unknown[] = [rest()]): Json => ({
	version: 1,
	id: 'test-routine',
	title: 'Test routine',
	steps,
	...extra
});

/** A copy of `value` with the value at `keys` replaced (or removed, for `undefined`). */
function withValue(value: unknown, keys: readonly Key[], replacement: unknown): unknown {
	const copy = structuredClone(value) as Record<Key, unknown>;
	let node: Record<Key, unknown> = copy;
	keys.slice(0, -1).forEach((key) => {
		node = node[key] as Record<Key, unknown>;
	});
	const last = keys[keys.length - 1];
	if (last === undefined) throw new Error('withValue needs at least one key');
	if (replacement === undefined) delete node[last];
	else node[last] = replacement;
	return copy;
}

const textOf = (input: unknown): string =>
	typeof input === 'string' ? input : JSON.stringify(input, null, '\t');

/** The issues of a routine that must be refused (a string is taken as the file's text). */
function issuesOf(input: unknown): RoutineIssue[] {
	const result = parseRoutine(textOf(input));
	if (result.ok) throw new Error(`expected the routine to be refused: ${textOf(input)}`);
	expect(result.issues.length).toBeGreaterThan(0);
	return result.issues;
}

/** Asserts the routine is accepted, showing its issues if not. */
function expectValid(input: unknown): void {
	const result = parseRoutine(textOf(input));
	expect(result.ok ? [] : result.issues).toEqual([]);
	expect(result.ok).toBe(true);
}

/** Asserts the routine is refused with exactly one issue, at `path`, saying every one of `words`. */
function expectOnlyIssue(input: unknown, path: string, words: readonly string[]): RoutineIssue {
	const issues = issuesOf(input);
	expect(issues.map((issue) => issue.path)).toEqual([path]);
	const [issue] = issues;
	if (!issue) throw new Error('no issue');
	for (const word of words) expect(issue.message).toContain(word);
	return issue;
}

describe('parseRoutine: valid routines', () => {
	it("accepts the contract's example routine", () => {
		const result = parseRoutine(CONTRACT_EXAMPLE);
		expect(result.ok ? [] : result.issues).toEqual([]);
		if (!result.ok) return;
		expect(result.routine.id).toBe('sciatica-relief');
		expect(result.routine.steps.map((step) => [step.type, step.id])).toEqual([
			['breathe', 'settle'],
			['stretch', 'hip-left'],
			['rest', 'pause']
		]);
		expect(result.routine.defaults?.cycle?.breathe).toEqual({ breaths: 4, inhale: 4, exhale: 6 });
		expect(result.raw).toEqual(JSON.parse(CONTRACT_EXAMPLE));
	});

	it('accepts the smallest routine: the four required keys and one step', () => {
		expectValid(routine());
		expectValid({
			version: 1,
			id: 'a',
			title: 'A',
			steps: [{ type: 'breathe', id: 'b', title: 'B' }]
		});
		expectValid({
			version: 1,
			id: 'a',
			title: 'A',
			steps: [{ type: 'stretch', id: 's', title: 'S' }]
		});
	});

	it('accepts a step of every type with every key it may have', () => {
		expectValid(
			routine({ summary: 'All keys', language: 'de-CH' }, [
				stretch({
					text: 'Slowly.',
					onFlare: 'retry',
					side: 'right',
					rounds: 2,
					cycle: {
						approach: 5,
						breathe: { breaths: 3, inhale: 4, holdIn: 1, exhale: 6, holdOut: 1 },
						soften: 10,
						comeBack: 5
					}
				}),
				breathe({
					text: 'Breathe.',
					onFlare: 'stop',
					pattern: { inhale: 4, holdIn: 4, exhale: 4, holdOut: 4 },
					breaths: 4
				}),
				rest({ text: 'Rest.', onFlare: 'skip' })
			])
		);
	});

	it('accepts `version` written as 1.0, which is the number 1', () => {
		expectValid(textOf(routine()).replace('"version": 1', '"version": 1.0'));
	});
});

describe('the built-in routines in static/routines', () => {
	const files = readdirSync(ROUTINES_DIR)
		.filter((name) => name.endsWith('.json') && name !== 'index.json')
		.sort();

	it('exist', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s is valid and its id is its file name', (file) => {
		const result = parseRoutine(readFileSync(ROUTINES_DIR + file, 'utf8'));
		expect(result.ok ? [] : result.issues).toEqual([]);
		if (!result.ok) return;
		expect(`${result.routine.id}.json`).toBe(file);
	});

	it('index.json lists exactly the routine files in the folder, each once', () => {
		const index: unknown = JSON.parse(readFileSync(ROUTINES_DIR + 'index.json', 'utf8'));
		expect(Array.isArray(index)).toBe(true);
		const listed = (index as unknown[]).map((id) => `${String(id)}.json`);
		expect(new Set(listed).size).toBe(listed.length);
		expect([...listed].sort()).toEqual(files);
	});
});

describe('parseRoutine: the text of the file', () => {
	it('names the line and column of a syntax error, as one issue for the whole file', () => {
		const issue = expectOnlyIssue('{\n\t"version": 1,\n\t"id": "a"\n\t"title": "T"\n}', '(file)', [
			'not valid JSON',
			'expected "," or "}"'
		]);
		expect({ line: issue.line, column: issue.column }).toEqual({ line: 4, column: 2 });
	});

	it('reports an empty file', () => {
		const issue = expectOnlyIssue('', '(file)', ['not valid JSON', 'empty']);
		expect({ line: issue.line, column: issue.column }).toEqual({ line: 1, column: 1 });
	});

	it('reports a duplicate key as a syntax error', () => {
		const text = '{"version": 1, "id": "a", "id": "b", "title": "T", "steps": []}';
		const issue = expectOnlyIssue(text, '(file)', ['"id"', 'appears twice']);
		expect(issue.column).toBe(27);
	});

	it('accepts a byte order mark at the start', () => {
		expectValid('\ufeff' + textOf(routine()));
	});

	it('counts lines and columns after the byte order mark, not including it', () => {
		const issue = expectOnlyIssue('\ufeff{\n\t"version": 1,\n}', '(file)', ['trailing comma']);
		expect({ line: issue.line, column: issue.column }).toEqual({ line: 3, column: 1 });
	});

	it('does not accept a byte order mark anywhere but the start', () => {
		expectOnlyIssue(' \ufeff' + textOf(routine()), '(file)', ['not valid JSON']);
	});
});

describe('parseRoutine: the file size limit of 1 MiB', () => {
	const MIB = 1024 * 1024;
	/** A valid routine whose UTF-8 form is `bytes` long, padded inside an `x-` key. */
	const paddedTo = (bytes: number, unit = ' ', unitBytes = 1): string => {
		const shell = textOf(routine({ 'x-pad': '' }));
		const room = bytes - Buffer.byteLength(shell, 'utf8');
		expect(room % unitBytes).toBe(0);
		const text = shell.replace('"x-pad": ""', `"x-pad": "${unit.repeat(room / unitBytes)}"`);
		expect(Buffer.byteLength(text, 'utf8')).toBe(bytes);
		return text;
	};

	it('accepts a file of exactly 1 MiB', () => {
		expectValid(paddedTo(MIB));
	});

	it('refuses a file one byte over, with one issue for the whole file', () => {
		expectOnlyIssue(paddedTo(MIB + 1), '(file)', ['at most 1 MiB']);
	});

	it('counts bytes of UTF-8, not characters: two-byte letters', () => {
		const shellBytes = Buffer.byteLength(textOf(routine({ 'x-pad': '' })), 'utf8');
		const text = paddedTo(shellBytes + 2 * 530_000, 'é', 2);
		expect(text.length).toBeLessThan(MIB);
		expectOnlyIssue(text, '(file)', ['at most 1 MiB']);
	});

	it('counts bytes of UTF-8, not characters: four-byte emoji', () => {
		const shellBytes = Buffer.byteLength(textOf(routine({ 'x-pad': '' })), 'utf8');
		const text = paddedTo(shellBytes + 4 * 270_000, '😀', 4);
		expect(text.length).toBeLessThan(MIB);
		expectOnlyIssue(text, '(file)', ['at most 1 MiB']);
	});

	it('refuses a large file before reading it as JSON', () => {
		expectOnlyIssue('x'.repeat(2 * MIB), '(file)', ['2.0 MiB', 'at most 1 MiB']);
	});
});

describe('parseRoutine: required keys', () => {
	it.each([
		['version', ['version'], 'version'],
		['id', ['id'], 'id'],
		['title', ['title'], 'title'],
		['steps', ['steps'], 'steps']
	] as const)('a routine without `%s`', (_name, keys, path) => {
		expectOnlyIssue(withValue(routine(), keys, undefined), path, [
			`the required key "${path}" is missing`
		]);
	});

	it.each([
		['id', rest(), 'steps[0].id'],
		['title', rest(), 'steps[0].title'],
		['seconds', rest(), 'steps[0].seconds'],
		['id', stretch(), 'steps[0].id'],
		['title', breathe(), 'steps[0].title']
	])('a step without `%s`', (key, step, path) => {
		expectOnlyIssue(withValue(routine({}, [step]), ['steps', 0, key], undefined), path, [
			`the required key "${key}" is missing`
		]);
	});

	it('a step without `type`', () => {
		const step = { id: 'a', title: 'A', seconds: 5 };
		expectOnlyIssue(routine({}, [step]), 'steps[0].type', [
			'the required key "type" is missing',
			'"stretch", "breathe" or "rest"'
		]);
	});

	it.each(['inhale', 'exhale'])('a pattern without `%s`', (key) => {
		const step = breathe({ pattern: { inhale: 4, exhale: 6 } });
		expectOnlyIssue(
			withValue(routine({}, [step]), ['steps', 0, 'pattern', key], undefined),
			`steps[0].pattern.${key}`,
			[`the required key "${key}" is missing`]
		);
	});

	it('a pattern without either breath reports both', () => {
		const issues = issuesOf(routine({}, [breathe({ pattern: { holdIn: 2 } })]));
		expect(issues.map((issue) => issue.path)).toEqual([
			'steps[0].pattern.exhale',
			'steps[0].pattern.inhale'
		]);
	});

	it('an empty object reports each of the four required keys', () => {
		const issues = issuesOf({});
		expect(issues.map((issue) => issue.path).sort()).toEqual(['id', 'steps', 'title', 'version']);
		for (const issue of issues) expect(issue.message).toContain('is missing');
	});
});

describe('parseRoutine: wrong types', () => {
	it.each([
		['the file a number', 5, '(file)', ['must be a JSON object', 'not the number 5']],
		['the file null', null, '(file)', ['must be a JSON object', 'not null']],
		['the file a text', 'steps', '(file)', ['must be a JSON object', 'not the text "steps"']],
		['id a number', routine({ id: 7 }), 'id', ['must be a text in double quotes', 'number 7']],
		['title a number', routine({ title: 5 }), 'title', ['must be a text', 'not the number 5']],
		['title null', routine({ title: null }), 'title', ['must be a text', 'not null']],
		['summary a list', routine({ summary: ['a'] }), 'summary', ['must be a text', 'a list']],
		['language a number', routine({ language: 5 }), 'language', ['language tag', 'number 5']],
		['steps an object', routine({ steps: {} }), 'steps', ['list of steps', 'not an object']],
		['steps a text', routine({ steps: 'rest' }), 'steps', ['list of steps', 'the text "rest"']],
		['defaults a text', routine({ defaults: 'x' }), 'defaults', ['must be an object', 'text']],
		['a step null', routine({}, [null]), 'steps[0]', ['must be a step object', 'not null']],
		['a step a number', routine({}, [3]), 'steps[0]', ['must be a step object', 'number 3']],
		[
			'a step a text',
			routine({}, ['rest']),
			'steps[0]',
			['must be a step object', 'the text "rest"']
		],
		['step type a number', routine({}, [rest({ type: 1 })]), 'steps[0].type', ['"rest"', '1']],
		[
			'step type unknown',
			routine({}, [rest({ type: 'walk' })]),
			'steps[0].type',
			['must be "stretch", "breathe" or "rest"', 'not the text "walk"']
		],
		[
			'step type in capitals',
			routine({}, [rest({ type: 'Rest' })]),
			'steps[0].type',
			['must be "stretch", "breathe" or "rest"', '"Rest"']
		],
		[
			'step text a number',
			routine({}, [rest({ text: 5 })]),
			'steps[0].text',
			['must be a text', 'number 5']
		],
		[
			'cycle a number',
			routine({}, [stretch({ cycle: 5 })]),
			'steps[0].cycle',
			['must be an object', 'number 5']
		],
		[
			'cycle.breathe a number',
			routine({}, [stretch({ cycle: { breathe: 4 } })]),
			'steps[0].cycle.breathe',
			['must be an object', 'number 4']
		],
		[
			'pattern a text',
			routine({}, [breathe({ pattern: '4-6' })]),
			'steps[0].pattern',
			['must be an object', 'the text "4-6"']
		],
		[
			'defaults.flare true',
			routine({ defaults: { flare: true } }),
			'defaults.flare',
			['must be an object', 'true']
		]
	])('%s', (_name, input, path, words) => {
		expectOnlyIssue(JSON.stringify(input), path, words);
	});

	it('shortens a long received text in a message', () => {
		const long = 'A'.repeat(300);
		const issue = expectOnlyIssue(routine({ id: long }), 'id', ['short id']);
		expect(issue.message).toContain('A'.repeat(40) + '…');
		expect(issue.message).not.toContain('A'.repeat(41));
	});
});

describe('parseRoutine: version', () => {
	it('refuses version 2 and says to update the app', () => {
		expectOnlyIssue(routine({ version: 2 }), 'version', [
			'format version 2',
			'reads version 1',
			'update the app'
		]);
	});

	it('refuses a version far in the future the same way', () => {
		expectOnlyIssue(routine({ version: 17 }), 'version', ['format version 17', 'update the app']);
	});

	it.each([
		[0, 'not the number 0'],
		[-1, 'not the number -1'],
		['1', 'not the text "1"'],
		[true, 'not true']
	])('refuses version %j without talking of an update', (version, received) => {
		const issue = expectOnlyIssue(routine({ version }), 'version', [
			'must be the number 1',
			received
		]);
		expect(issue.message).not.toContain('update the app');
	});
});

describe('parseRoutine: ids are slugs', () => {
	const maxSlug = 'a'.repeat(64);

	it.each(['a', '0', '9-lives', 'hip-left', 'a-', 'a--b', 'x1-2-3', maxSlug])(
		'accepts the id %j for the routine and for a step',
		(id) => {
			expectValid(routine({ id }, [rest({ id })]));
		}
	);

	it.each([
		['', 'empty'],
		['Hip', 'a capital letter'],
		['-hip', 'a leading dash'],
		['hip_left', 'an underscore'],
		['hip left', 'a space'],
		['hip.left', 'a point'],
		['hüfte', 'a letter beyond a-z'],
		['a'.repeat(65), '65 characters'],
		[' hip', 'a leading space']
	])('refuses the id %j (%s)', (id) => {
		expectOnlyIssue(routine({ id }), 'id', [
			'must be a short id of lowercase letters, digits and "-"',
			'"hip-left"'
		]);
		expectOnlyIssue(routine({}, [rest({ id })]), 'steps[0].id', ['must be a short id']);
	});

	it('names the wrong id in the message', () => {
		expectOnlyIssue(routine({ id: 'Hip_Left' }), 'id', ['not the text "Hip_Left"']);
	});
});

describe('parseRoutine: text lengths in characters', () => {
	it.each([
		['title', 1],
		['title', 120],
		['summary', 0],
		['summary', 500]
	])('accepts a %s of %i characters', (key, length) => {
		expectValid(routine({ [key]: 'x'.repeat(length) }));
	});

	it('refuses an empty title', () => {
		expectOnlyIssue(routine({ title: '' }), 'title', ['must not be empty']);
	});

	it('refuses a title of 121 characters', () => {
		expectOnlyIssue(routine({ title: 'x'.repeat(121) }), 'title', [
			'at most 120 characters',
			'not 121'
		]);
	});

	it('counts an emoji as one character', () => {
		expect('🧘'.repeat(120).length).toBe(240);
		expectValid(routine({ title: '🧘'.repeat(120) }));
		expectValid(routine({}, [rest({ title: '🧘'.repeat(120) })]));
		expectOnlyIssue(routine({ title: '🧘'.repeat(121) }), 'title', [
			'at most 120 characters',
			'not 121'
		]);
	});

	it('counts a mixed title of emoji and letters character by character', () => {
		expectValid(routine({ title: '😀a'.repeat(60) }));
		expectOnlyIssue(routine({ title: '😀a'.repeat(60) + 'b' }), 'title', ['not 121']);
	});

	it('refuses an empty step title and one of 121 characters', () => {
		expectOnlyIssue(routine({}, [rest({ title: '' })]), 'steps[0].title', ['must not be empty']);
		expectOnlyIssue(routine({}, [rest({ title: 'y'.repeat(121) })]), 'steps[0].title', [
			'at most 120 characters',
			'not 121'
		]);
	});

	it('refuses a summary of 501 characters', () => {
		expectOnlyIssue(routine({ summary: 's'.repeat(501) }), 'summary', [
			'at most 500 characters',
			'not 501'
		]);
	});

	it('accepts a step text of 0 and of 2000 characters', () => {
		expectValid(routine({}, [rest({ text: '' })]));
		expectValid(routine({}, [rest({ text: 't'.repeat(2000) })]));
		expectValid(routine({}, [stretch({ text: '🌿'.repeat(2000) })]));
	});

	it('refuses a step text of 2001 characters', () => {
		expectOnlyIssue(routine({}, [rest({ text: 't'.repeat(2001) })]), 'steps[0].text', [
			'at most 2000 characters',
			'not 2001'
		]);
	});
});

describe('parseRoutine: language', () => {
	it.each(['en', 'de', 'de-CH', 'fr-CA', 'zh-Hant-TW', 'es-419', 'EN'])(
		'accepts %j',
		(language) => {
			expectValid(routine({ language }));
		}
	);

	it.each(['', 'e', 'en_US', 'en-', 'english!', 'toolongsubtag-x', '12'])(
		'refuses %j',
		(language) => {
			expectOnlyIssue(routine({ language }), 'language', [
				'must be a language tag such as "en" or "de-CH"',
				`not the text ${JSON.stringify(language)}`
			]);
		}
	);
});

describe('parseRoutine: the number of steps', () => {
	const steps = (count: number) =>
		Array.from({ length: count }, (_, i) => rest({ id: `step-${i}`, seconds: 1 }));

	it('refuses a routine with no steps', () => {
		expectOnlyIssue(routine({ steps: [] }), 'steps', ['must hold at least one step']);
	});

	it('accepts 500 steps', () => {
		expectValid(routine({ steps: steps(500) }));
	});

	it('refuses 501 steps', () => {
		expectOnlyIssue(routine({ steps: steps(501) }), 'steps', ['holds 501 steps', 'at most 500']);
	});

	it('refuses 10,000 steps with a single issue at `steps`', () => {
		const many = steps(10_000).map((step, i) => (i % 2 ? { ...step, seconds: -1, id: 'X' } : step));
		const issues = issuesOf(JSON.stringify(routine({ steps: many })));
		expect(issues).toEqual([
			{ path: 'steps', message: 'holds 10000 steps; a routine may have at most 500' }
		]);
	});
});

/** Where a duration may stand: its path as an author reads it, and how to reach it. */
const DURATIONS: { path: string; base: Json; keys: Key[] }[] = [
	{ path: 'steps[0].seconds', base: routine(), keys: ['steps', 0, 'seconds'] },
	...(['inhale', 'holdIn', 'exhale', 'holdOut'] as const).map((key) => ({
		path: `steps[0].pattern.${key}`,
		// One breath: 3600 s a part must stay within the routine's four hours.
		base: routine({}, [breathe({ pattern: { inhale: 4, exhale: 6 }, breaths: 1 })]),
		keys: ['steps', 0, 'pattern', key]
	})),
	...(['approach', 'soften', 'comeBack'] as const).map((key) => ({
		path: `steps[0].cycle.${key}`,
		base: routine({}, [stretch({ cycle: {} })]),
		keys: ['steps', 0, 'cycle', key]
	})),
	...(['inhale', 'holdIn', 'exhale', 'holdOut'] as const).map((key) => ({
		path: `steps[0].cycle.breathe.${key}`,
		base: routine({}, [stretch({ rounds: 1, cycle: { breathe: { breaths: 1 } } })]),
		keys: ['steps', 0, 'cycle', 'breathe', key]
	})),
	...(['approach', 'soften', 'comeBack'] as const).map((key) => ({
		path: `defaults.cycle.${key}`,
		base: routine({ defaults: { cycle: {} } }),
		keys: ['defaults', 'cycle', key]
	})),
	...(['inhale', 'holdIn', 'exhale', 'holdOut'] as const).map((key) => ({
		path: `defaults.cycle.breathe.${key}`,
		base: routine({ defaults: { cycle: { breathe: {} } } }),
		keys: ['defaults', 'cycle', 'breathe', key]
	})),
	...(['restBetweenRounds', 'restBetweenSteps'] as const).map((key) => ({
		path: `defaults.${key}`,
		base: routine({ defaults: {} }),
		keys: ['defaults', key]
	})),
	...(['release', 'recover'] as const).map((key) => ({
		path: `defaults.flare.${key}`,
		base: routine({ defaults: { flare: {} } }),
		keys: ['defaults', 'flare', key]
	}))
];

describe('parseRoutine: durations in seconds', () => {
	it('covers every place a duration may stand', () => {
		expect(DURATIONS).toHaveLength(23);
	});

	describe.each(DURATIONS)('$path', ({ path, base, keys }) => {
		it.each([3600, 2.5, 0.1, 0.001, 59.999])('accepts %s', (seconds) => {
			expectValid(withValue(base, keys, seconds));
		});

		it('refuses -1', () => {
			expectOnlyIssue(withValue(base, keys, -1), path, ['must be 0 seconds or more', 'not -1']);
		});

		it('refuses -0.5', () => {
			expectOnlyIssue(withValue(base, keys, -0.5), path, ['0 seconds or more', 'not -0.5']);
		});

		it('refuses 3601', () => {
			expectOnlyIssue(withValue(base, keys, 3601), path, [
				'must be at most 3600 seconds',
				'not 3601'
			]);
		});

		it('refuses 3600.5', () => {
			expectOnlyIssue(withValue(base, keys, 3600.5), path, ['at most 3600', 'not 3600.5']);
		});

		it('refuses the text "4"', () => {
			expectOnlyIssue(withValue(base, keys, '4'), path, [
				'must be a number of seconds',
				'not the text "4"'
			]);
		});

		it('refuses null and a list', () => {
			expectOnlyIssue(withValue(base, keys, null), path, ['number of seconds', 'not null']);
			expectOnlyIssue(withValue(base, keys, [4]), path, ['number of seconds', 'not a list']);
		});
	});
});

/** Where a count of rounds or breaths may stand. */
const COUNTS: { path: string; base: Json; keys: Key[]; what: string; max: number }[] = [
	{
		path: 'steps[0].rounds',
		base: routine({}, [stretch()]),
		keys: ['steps', 0, 'rounds'],
		what: 'rounds',
		max: 20
	},
	{
		path: 'defaults.rounds',
		base: routine({ defaults: {} }),
		keys: ['defaults', 'rounds'],
		what: 'rounds',
		max: 20
	},
	{
		path: 'steps[0].breaths',
		base: routine({}, [breathe()]),
		keys: ['steps', 0, 'breaths'],
		what: 'breaths',
		max: 200
	},
	{
		path: 'steps[0].cycle.breathe.breaths',
		base: routine({}, [stretch({ rounds: 1, cycle: { breathe: { breaths: 1 } } })]),
		keys: ['steps', 0, 'cycle', 'breathe', 'breaths'],
		what: 'breaths',
		max: 200
	},
	{
		path: 'defaults.cycle.breathe.breaths',
		base: routine({ defaults: { cycle: { breathe: {} } } }),
		keys: ['defaults', 'cycle', 'breathe', 'breaths'],
		what: 'breaths',
		max: 200
	}
];

describe('parseRoutine: rounds and breaths', () => {
	describe.each(COUNTS)('$path', ({ path, base, keys, what, max }) => {
		it(`accepts 1 and ${max}`, () => {
			expectValid(withValue(base, keys, 1));
			expectValid(withValue(base, keys, max));
		});

		it('refuses 0', () => {
			expectOnlyIssue(withValue(base, keys, 0), path, ['must be at least 1', 'not 0']);
		});

		it(`refuses ${max + 1}`, () => {
			expectOnlyIssue(withValue(base, keys, max + 1), path, [
				`must be at most ${max}`,
				`not ${max + 1}`
			]);
		});

		it('refuses 2.5', () => {
			expectOnlyIssue(withValue(base, keys, 2.5), path, [
				`must be a whole number of ${what}`,
				'not 2.5'
			]);
		});

		it('refuses the text "2"', () => {
			expectOnlyIssue(withValue(base, keys, '2'), path, [
				`whole number of ${what}`,
				'not the text "2"'
			]);
		});
	});

	it('refuses 21 rounds at the exact step that has them', () => {
		expectOnlyIssue(
			routine({}, [rest(), stretch({ id: 'a' }), stretch({ id: 'b', rounds: 21 })]),
			'steps[2].rounds',
			['at most 20', 'not 21']
		);
	});
});

describe('parseRoutine: onFlare and side', () => {
	it.each(['skip', 'stop', 'retry'])(
		'accepts onFlare %j on every step type and in defaults',
		(p) => {
			expectValid(
				routine({ defaults: { onFlare: p } }, [
					stretch({ onFlare: p }),
					breathe({ onFlare: p }),
					rest({ onFlare: p })
				])
			);
		}
	);

	it.each([
		['Skip', 'not the text "Skip"'],
		['pause', 'not the text "pause"'],
		['', 'not the text ""'],
		[1, 'not the number 1'],
		[null, 'not null']
	])('refuses onFlare %j', (policy, received) => {
		const words = ['must be "skip", "stop" or "retry"', received];
		expectOnlyIssue(routine({}, [rest({ onFlare: policy })]), 'steps[0].onFlare', words);
		expectOnlyIssue(routine({ defaults: { onFlare: policy } }), 'defaults.onFlare', words);
	});

	it.each(['left', 'right'])('accepts side %j', (side) => {
		expectValid(routine({}, [stretch({ side })]));
	});

	it.each([
		['both', 'not the text "both"'],
		['Left', 'not the text "Left"'],
		['l', 'not the text "l"'],
		[0, 'not the number 0']
	])('refuses side %j', (side, received) => {
		expectOnlyIssue(routine({}, [stretch({ side })]), 'steps[0].side', [
			'must be "left" or "right"',
			received
		]);
	});
});

describe('parseRoutine: keys a step type does not have', () => {
	it.each([
		['side on a rest', rest({ side: 'left' }), 'steps[0].side', 'side'],
		['rounds on a breathe step', breathe({ rounds: 2 }), 'steps[0].rounds', 'rounds'],
		['cycle on a breathe step', breathe({ cycle: {} }), 'steps[0].cycle', 'cycle'],
		[
			'pattern on a stretch',
			stretch({ pattern: { inhale: 1, exhale: 1 } }),
			'steps[0].pattern',
			'pattern'
		],
		['seconds on a stretch', stretch({ seconds: 3 }), 'steps[0].seconds', 'seconds'],
		['breaths on a rest', rest({ breaths: 3 }), 'steps[0].breaths', 'breaths']
	])('%s is an unknown key', (_name, step, path, key) => {
		expectOnlyIssue(routine({}, [step]), path, [`unknown key "${key}"`]);
	});
});

describe('parseRoutine: unknown keys', () => {
	it('suggests the known key for a typo: `sofen` → `soften`', () => {
		const issue = expectOnlyIssue(
			routine({}, [rest(), rest({ id: 'b' }), stretch({ cycle: { sofen: 30 } })]),
			'steps[2].cycle.sofen',
			['unknown key "sofen"', 'did you mean "soften"?']
		);
		expect(issue.message).toBe('unknown key "sofen" — did you mean "soften"?');
	});

	it.each([
		['a root key', routine({ summery: 'x' }), 'summery', 'summary'],
		['a root key', routine({ languge: 'en' }), 'languge', 'language'],
		[
			'a defaults key',
			routine({ defaults: { restBetweenStep: 5 } }),
			'defaults.restBetweenStep',
			'restBetweenSteps'
		],
		['a defaults key', routine({ defaults: { onflare: 'skip' } }), 'defaults.onflare', 'onFlare'],
		[
			'a cycle key',
			routine({ defaults: { cycle: { approch: 5 } } }),
			'defaults.cycle.approch',
			'approach'
		],
		[
			'a cycle key in other case',
			routine({}, [stretch({ cycle: { comeback: 5 } })]),
			'steps[0].cycle.comeback',
			'comeBack'
		],
		[
			'a breath key',
			routine({}, [stretch({ cycle: { breathe: { inhal: 3 } } })]),
			'steps[0].cycle.breathe.inhal',
			'inhale'
		],
		[
			'a pattern key',
			routine({}, [breathe({ pattern: { inhale: 3, exhale: 3, holdin: 1 } })]),
			'steps[0].pattern.holdin',
			'holdIn'
		],
		['a step key', routine({}, [breathe({ breath: 3 })]), 'steps[0].breath', 'breaths'],
		[
			'a flare key',
			routine({ defaults: { flare: { relase: 3 } } }),
			'defaults.flare.relase',
			'release'
		]
	])('suggests for %s: %s', (_where, input, path, suggestion) => {
		expectOnlyIssue(input, path, [`did you mean "${suggestion}"?`]);
	});

	it.each([
		[routine({ colour: 'green' }), 'colour'],
		[routine({}, [stretch({ cycle: { banana: 3 } })]), 'steps[0].cycle.banana'],
		[routine({}, [rest({ secs: 3, seconds: 3 })]), 'steps[0].secs'],
		[routine({ defaults: { tempo: 1 } }), 'defaults.tempo']
	])('says a key of your own must begin with "x-", with no suggestion (%#)', (input, path) => {
		const issue = expectOnlyIssue(input, path, ['unknown key', 'must begin with "x-"']);
		expect(issue.message).not.toContain('did you mean');
	});

	it('names a key that is not a plain name in brackets', () => {
		expectOnlyIssue(routine({ 'my key': 1 }), '["my key"]', ['unknown key "my key"']);
	});

	it('accepts `x-` keys at every level, and keeps them in the raw value', () => {
		const input = routine(
			{
				'x-author': 'Ana',
				defaults: {
					'x-note': [1, 2],
					cycle: { 'x-a': {}, breathe: { 'x-b': null } },
					flare: { 'x-c': true }
				}
			},
			[
				stretch({ 'x-d': 1, cycle: { 'x-e': 'e', breathe: { 'x-f': 1 } } }),
				breathe({ 'x-g': { nested: { deep: 1 } }, pattern: { inhale: 1, exhale: 1, 'x-h': 2 } }),
				rest({ 'x-': 'just the prefix' })
			]
		);
		const result = parseRoutine(JSON.stringify(input));
		expect(result.ok ? [] : result.issues).toEqual([]);
		if (!result.ok) return;
		expect(result.raw).toEqual(input);
	});

	it('takes an `x-` key in capitals for an unknown key', () => {
		expectOnlyIssue(routine({ 'X-author': 'Ana' }), '["X-author"]', ['unknown key "X-author"']);
	});

	it('reports a key that only contains "x-" further on', () => {
		expectOnlyIssue(routine({ 'my-x-key': 1 }), '["my-x-key"]', ['unknown key "my-x-key"']);
	});
});

describe('parseRoutine: `__proto__` and `constructor` keys', () => {
	const text = (inner: string) =>
		`{"version": 1, "id": "r", "title": "T", ${inner} "steps": [{"type": "rest", "id": "a", "title": "A", "seconds": 5}]}`;

	it('reports `__proto__` at the root as unknown and does not pollute', () => {
		expectOnlyIssue(text('"__proto__": {"polluted": true, "steps": []},'), '__proto__', [
			'unknown key "__proto__"'
		]);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});

	it('reports `constructor` at the root as unknown', () => {
		expectOnlyIssue(text('"constructor": {"prototype": {"polluted": 1}},'), 'constructor', [
			'unknown key "constructor"'
		]);
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
	});

	it('reports keys named like Object.prototype members as unknown', () => {
		const issues = issuesOf(text('"toString": 1, "hasOwnProperty": 2, "valueOf": 3,'));
		expect(issues.map((issue) => issue.path)).toEqual(['hasOwnProperty', 'toString', 'valueOf']);
		for (const issue of issues) expect(issue.message).toContain('unknown key');
	});

	it('reports `__proto__` and `constructor` inside steps and cycles', () => {
		const file =
			'{"version": 1, "id": "r", "title": "T", "steps": [' +
			'{"type": "stretch", "id": "s", "title": "S", "cycle": {"__proto__": {"soften": 0}}},' +
			'{"type": "rest", "id": "a", "title": "A", "seconds": 5, "constructor": {"x": 1}},' +
			'{"type": "breathe", "id": "b", "title": "B", "__proto__": {"breaths": 0}}]}';
		const issues = issuesOf(file);
		expect(issues.map((issue) => issue.path)).toEqual([
			'steps[0].cycle.__proto__',
			'steps[1].constructor',
			'steps[2].__proto__'
		]);
		for (const issue of issues)
			expect(issue.message).toMatch(/^unknown key "(__proto__|constructor)"/);
		expect(({} as Record<string, unknown>)['soften']).toBeUndefined();
		expect(({} as Record<string, unknown>)['x']).toBeUndefined();
		expect(({} as Record<string, unknown>)['breaths']).toBeUndefined();
	});

	it('does not take `__proto__` values as the routine’s own keys', () => {
		const file =
			'{"__proto__": {"version": 1, "id": "r", "title": "T", "steps": [' +
			'{"type": "rest", "id": "a", "title": "A", "seconds": 5}]}}';
		const issues = issuesOf(file);
		expect(issues.map((issue) => issue.path).sort()).toEqual([
			'__proto__',
			'id',
			'steps',
			'title',
			'version'
		]);
	});

	it('leaves Object.prototype as it was after all of these', () => {
		expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
		expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('soften');
	});
});

describe('parseRoutine: a list `[ ]` where an object belongs', () => {
	it('refuses a list as the whole file', () => {
		expectOnlyIssue('[]', '(file)', ['must be a JSON object', 'not a list']);
		expectOnlyIssue(JSON.stringify([routine()]), '(file)', ['must be a JSON object', 'not a list']);
	});

	it.each([
		['defaults', routine({ defaults: [] })],
		['defaults.cycle', routine({ defaults: { cycle: [] } })],
		['defaults.cycle.breathe', routine({ defaults: { cycle: { breathe: [] } } })],
		['defaults.flare', routine({ defaults: { flare: [10, 30] } })],
		['steps[0].cycle', routine({}, [stretch({ cycle: [] })])],
		['steps[0].cycle.breathe', routine({}, [stretch({ cycle: { breathe: [4, 6] } })])],
		['steps[0].pattern', routine({}, [breathe({ pattern: [] })])],
		['steps[0].pattern', routine({}, [breathe({ pattern: [4, 6] })])]
	])('refuses a list at %s, with one issue', (path, input) => {
		expectOnlyIssue(input, path, ['must be an object', 'not a list']);
	});

	it('refuses a list as a step, with one issue at the step', () => {
		expectOnlyIssue(routine({}, [rest(), []]), 'steps[1]', ['must be a step object', 'not a list']);
	});
});

describe('parseRoutine: step ids are unique', () => {
	it('reports the second use of an id, naming the first', () => {
		const issue = expectOnlyIssue(
			routine({}, [rest({ id: 'a' }), rest({ id: 'b' }), rest({ id: 'a' })]),
			'steps[2].id',
			['"a"', 'steps[0]', 'its own id']
		);
		expect(issue.message).toBe(
			'the id "a" is used already by steps[0]; every step needs its own id'
		);
	});

	it('reports every further use, each naming the first', () => {
		const issues = issuesOf(
			routine({}, [
				rest({ id: 'x' }),
				stretch({ id: 'a' }),
				breathe({ id: 'a' }),
				rest({ id: 'x' }),
				rest({ id: 'a' })
			])
		);
		expect(issues.map((issue) => [issue.path, issue.message.match(/steps\[\d+\]/)?.[0]])).toEqual([
			['steps[2].id', 'steps[1]'],
			['steps[3].id', 'steps[0]'],
			['steps[4].id', 'steps[1]']
		]);
	});

	it('lets a step use the routine’s own id', () => {
		expectValid(routine({ id: 'same' }, [rest({ id: 'same' })]));
	});
});

describe('parseRoutine: a step must last longer than 0 s', () => {
	const zeroCycle = {
		approach: 0,
		breathe: { inhale: 0, holdIn: 0, exhale: 0, holdOut: 0 },
		soften: 0,
		comeBack: 0
	};

	it('refuses a rest of 0 seconds', () => {
		expectOnlyIssue(routine({}, [rest({ seconds: 0 })]), 'steps[0]', [
			'the step "pause" lasts 0 seconds'
		]);
	});

	it('names the index of the empty step', () => {
		expectOnlyIssue(
			routine({}, [rest({ id: 'a' }), rest({ id: 'b' }), rest({ id: 'c', seconds: 0 })]),
			'steps[2]',
			['"c"', 'lasts 0 seconds']
		);
	});

	it('refuses a breathe step whose every part is 0', () => {
		expectOnlyIssue(
			routine({}, [breathe({ pattern: { inhale: 0, exhale: 0, holdIn: 0, holdOut: 0 } })]),
			'steps[0]',
			['"calm" lasts 0 seconds']
		);
	});

	it('refuses a one-round stretch whose every phase is 0', () => {
		expectOnlyIssue(routine({}, [stretch({ rounds: 1, cycle: zeroCycle })]), 'steps[0]', [
			'"hip" lasts 0 seconds'
		]);
	});

	it('refuses a stretch whose every phase is 0 (default rounds: only rests between them)', () => {
		expectOnlyIssue(routine({}, [stretch({ cycle: zeroCycle })]), 'steps[0]', [
			'"hip" lasts 0 seconds'
		]);
	});

	it('refuses a stretch made empty by the routine’s defaults', () => {
		expectOnlyIssue(
			routine({ defaults: { cycle: zeroCycle, restBetweenRounds: 0 } }, [rest(), stretch()]),
			'steps[1]',
			['"hip" lasts 0 seconds']
		);
	});

	it.each([
		['approach', { approach: 0 }],
		['soften', { soften: 0 }],
		['comeBack', { comeBack: 0 }],
		['the breathing', { breathe: { inhale: 0, exhale: 0 } }],
		['all but come back', { ...zeroCycle, comeBack: 1 }]
	])('accepts a stretch with a zero phase: %s', (_name, cycle) => {
		expectValid(routine({}, [stretch({ cycle })]));
	});

	it('accepts a breathe step with a zero inhale, or only a hold', () => {
		expectValid(routine({}, [breathe({ pattern: { inhale: 0, exhale: 6 } })]));
		expectValid(routine({}, [breathe({ pattern: { inhale: 0, exhale: 0, holdIn: 3 } })]));
	});

	it('accepts rests between rounds and steps of 0', () => {
		expectValid(
			routine({ defaults: { restBetweenRounds: 0, restBetweenSteps: 0 } }, [stretch(), breathe()])
		);
	});
});

describe('parseRoutine: every problem at once', () => {
	it('reports every problem of a file, not only the first', () => {
		const issues = issuesOf(
			routine(
				{
					version: 2,
					id: 'Bad Id',
					title: '',
					summary: 5,
					colour: 'green',
					language: 'en_US',
					defaults: { rounds: 0, cycle: [] }
				},
				[
					rest({ id: 'a', seconds: -1 }),
					stretch({ id: 'a', title: 'x'.repeat(121), rounds: 21, cycle: { sofen: 1 } }),
					breathe({ id: 'c', pattern: { inhale: '4' }, side: 'left' }),
					{ type: 'walk', id: 'd', title: 'D' }
				]
			)
		);
		expect(issues.map((issue) => issue.path).sort()).toEqual(
			[
				'colour',
				'defaults.cycle',
				'defaults.rounds',
				'id',
				'language',
				'steps[0].seconds',
				'steps[1].cycle.sofen',
				'steps[1].id',
				'steps[1].rounds',
				'steps[1].title',
				'steps[2].pattern.exhale',
				'steps[2].pattern.inhale',
				'steps[2].side',
				'steps[3].type',
				'summary',
				'title',
				'version'
			].sort()
		);
	});

	it('reports a step of 0 s together with the other problems', () => {
		const issues = issuesOf(routine({ title: '' }, [rest({ seconds: 0 })]));
		expect(issues.map((issue) => issue.path).sort()).toEqual(['steps[0]', 'title']);
	});

	it('orders issues as steps come in the file: steps[9] before steps[10]', () => {
		const steps = Array.from({ length: 12 }, (_, i) => rest({ id: `s${i}` }));
		const input = withValue(
			withValue(
				withValue(routine({}, steps), ['steps', 10, 'seconds'], -1),
				['steps', 9, 'title'],
				''
			),
			['steps', 2, 'seconds'],
			'x'
		);
		expect(issuesOf(input).map((issue) => issue.path)).toEqual([
			'steps[2].seconds',
			'steps[9].title',
			'steps[10].seconds'
		]);
	});
});

describe('validateRoutine, describeIssue and RoutineValidationError', () => {
	it('validates a value already read', () => {
		const result = validateRoutine(JSON.parse(CONTRACT_EXAMPLE));
		expect(result.ok).toBe(true);
		const bad = validateRoutine({ version: 1, id: 'r', title: 'T', steps: [] });
		expect(bad.ok ? [] : bad.issues).toEqual([
			{ path: 'steps', message: 'must hold at least one step' }
		]);
	});

	it('describes an issue by its path, or by line and column for a syntax error', () => {
		expect(describeIssue({ path: 'steps[2].cycle.soften', message: 'must be …' })).toBe(
			'steps[2].cycle.soften: must be …'
		);
		expect(describeIssue({ path: '(file)', line: 3, column: 7, message: 'not valid JSON' })).toBe(
			'line 3, column 7: not valid JSON'
		);
	});

	it('carries every issue in the error, one line each', () => {
		const issues = issuesOf(routine({ title: '', id: 'X' }));
		const error = new RoutineValidationError(issues);
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('RoutineValidationError');
		expect(error.issues).toBe(issues);
		expect(error.message.split('\n')).toEqual([
			'id: must be a short id of lowercase letters, digits and "-" (like "hip-left"), not the text "X"',
			'title: must not be empty'
		]);
	});
});

describe('parseRoutine: messages for near misses', () => {
	it('suggests a key whose two letters were swapped', () => {
		expectOnlyIssue(routine({ titel: 'x' }), 'titel', ['did you mean "title"?']);
	});

	it('does not call a fraction a format version', () => {
		const issue = expectOnlyIssue(routine({ version: 1.5 }), 'version', ['must be the number 1']);
		expect(issue.message).not.toContain('format version');
	});

	it('names the size in bytes of a file just over 1 MiB', () => {
		const padding = ' '.repeat(1024 * 1024 + 1 - JSON.stringify(routine()).length);
		const [issue] = issuesOf(JSON.stringify(routine()) + padding);
		expect(issue?.message).toContain('1,048,577 bytes');
	});
});
