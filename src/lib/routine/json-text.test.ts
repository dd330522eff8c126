import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, lineAndColumn, readJson, type JsonValue } from './json-text';

/** The value of a text that must read; fails the test with the syntax error otherwise. */
function valueOf(text: string): JsonValue {
	const result = readJson(text);
	if (!result.ok) {
		throw new Error(`expected valid JSON, got ${JSON.stringify(result.error)} for ${text}`);
	}
	return result.value;
}

/** The syntax error of a text that must not read. */
function errorOf(text: string) {
	const result = readJson(text);
	if (result.ok) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
	return result.error;
}

/** True for every object in a value: it has no prototype. */
function everyObjectHasNoPrototype(value: JsonValue): boolean {
	if (Array.isArray(value)) return value.every(everyObjectHasNoPrototype);
	if (typeof value !== 'object' || value === null) return true;
	return (
		Object.getPrototypeOf(value) === null && Object.values(value).every(everyObjectHasNoPrototype)
	);
}

describe('readJson: valid texts read as JSON.parse reads them', () => {
	it.each([
		['an empty object', '{}'],
		['an empty list', '[]'],
		['an object with every kind of value', '{"a":1,"b":"two","c":true,"d":false,"e":null}'],
		['nested lists and objects', '{"a":[1,{"b":[[],{}]},"c"],"d":{"e":{"f":[null]}}}'],
		['whitespace of every kind around tokens', ' \t\r\n{ "a" :\t[ 1 ,\r\n2 ] }\n\n'],
		['a top-level number', '42'],
		['a top-level string', '"hello"'],
		['true', 'true'],
		['false', 'false'],
		['null', 'null'],
		['zero', '0'],
		['negative numbers and fractions', '[-1, -0.5, 0.25, 3.14159, -12.75]'],
		['exponents in every spelling', '[1e3, 1E3, 1e+3, 1e-3, 2.5E-2, -1.5e+10, 0e0, 6.02e23]'],
		['a very large exponent (Infinity, as JSON.parse gives)', '[1e400, -1e400]'],
		['integers beyond 2^53', '[9007199254740993, 123456789012345678901234567890]'],
		['simple escapes', '"\\" \\\\ \\/ \\b \\f \\n \\r \\t"'],
		['unicode escapes', '"caf\\u00e9 \\u20AC \\u00E9"'],
		['a surrogate pair written as two escapes', '"\\ud83d\\ude00 and \\uD83D\\uDE00"'],
		['a lone surrogate escape', '"\\ud83d"'],
		['the NUL escape', '"a\\u0000b"'],
		['raw unicode text', '{"title":"Hüftöffner 😀 — 呼吸"}'],
		['a key that is empty', '{"":1}'],
		['keys that Object.prototype has', '{"constructor":1,"toString":2,"hasOwnProperty":3}'],
		['a DEL and other non-control characters in a text', '"a\u007fb\u00a0c"']
	])('%s', (_name, text) => {
		expect(valueOf(text)).toEqual(JSON.parse(text));
	});

	it('keeps -0 as -0, as JSON.parse does', () => {
		expect(Object.is(valueOf('-0'), -0)).toBe(true);
		expect(Object.is(valueOf('0'), 0)).toBe(true);
	});

	it('keeps the exact double of a number with an exponent', () => {
		expect(valueOf('[1.5e+3, 1e-7, 2E2]')).toEqual([1500, 1e-7, 200]);
		expect(valueOf('0.1')).toBe(0.1);
	});

	it('turns a unicode escape into its character', () => {
		expect(valueOf('"\\u00e9"')).toBe('é');
		expect(valueOf('"\\ud83d\\ude00"')).toBe('😀');
		expect(valueOf('"\\u0041\\u0062"')).toBe('Ab');
	});

	it('reads any JSON text exactly as JSON.parse does (generated texts)', () => {
		fc.assert(
			fc.property(fc.json({ maxDepth: 6 }), (text) => {
				expect(valueOf(text)).toEqual(JSON.parse(text));
			}),
			{ numRuns: 500 }
		);
	});

	it('reads pretty-printed JSON with unicode text exactly as JSON.parse does', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
				const text = JSON.stringify(value, null, '\t');
				if (text === undefined) return;
				expect(valueOf(text)).toEqual(JSON.parse(text));
			}),
			{ numRuns: 300 }
		);
	});

	it('never accepts what JSON.parse refuses, and refuses valid JSON only for its own limits', () => {
		const tokens = '{}[],:"\\ \n0123456789eE.+-tfnulx\''.split('');
		fc.assert(
			fc.property(
				fc.json({ maxDepth: 4 }),
				fc.nat(),
				fc.constantFrom(...tokens),
				fc.boolean(),
				(text, n, token, remove) => {
					const at = n % (text.length + 1);
					const broken = remove
						? text.slice(0, at) + text.slice(at + 1)
						: text.slice(0, at) + token + text.slice(at);
					let parsed: unknown;
					let parses = true;
					try {
						parsed = JSON.parse(broken);
					} catch {
						parses = false;
					}
					const result = readJson(broken);
					if (result.ok) {
						expect(parses).toBe(true);
						expect(result.value).toEqual(parsed);
					} else {
						if (parses) expect(result.error.message).toMatch(/appears twice|nested more than/);
						expect(result.error.line).toBeGreaterThanOrEqual(1);
						expect(result.error.column).toBeGreaterThanOrEqual(1);
						expect(result.error.line).toBeLessThanOrEqual(broken.split('\n').length);
					}
				}
			),
			{ numRuns: 2000 }
		);
	});
});

describe('readJson: syntax errors name the line, the column and the problem', () => {
	it.each([
		{
			name: 'a missing comma between two keys',
			text: '{\n\t"version": 1,\n\t"id": "r"\n\t"title": "T"\n}',
			line: 4,
			column: 2,
			words: ['expected "," or "}"']
		},
		{
			name: 'a missing comma on one line',
			text: '{"a":1 "b":2}',
			line: 1,
			column: 8,
			words: ['expected "," or "}"']
		},
		{
			name: 'a missing comma in a list',
			text: '[1 2]',
			line: 1,
			column: 4,
			words: ['expected "," or "]"', '"2"']
		},
		{
			name: 'a trailing comma in an object',
			text: '{\n\t"a": 1,\n}',
			line: 3,
			column: 1,
			words: ['trailing comma', '"}"']
		},
		{
			name: 'a trailing comma in a list',
			text: '{"steps": [1, 2, ]}',
			line: 1,
			column: 18,
			words: ['trailing comma', '"]"']
		},
		{
			name: 'a key in single quotes',
			text: "{\n  'a': 1\n}",
			line: 2,
			column: 3,
			words: ['single quote', 'double quotes']
		},
		{
			name: 'a value in single quotes',
			text: '{"a": \'b\'}',
			line: 1,
			column: 7,
			words: ['single quote', 'double quotes']
		},
		{
			name: 'a key without quotes',
			text: '{a: 1}',
			line: 1,
			column: 2,
			words: ['key in double quotes', '"a"']
		},
		{
			name: 'a missing colon',
			text: '{"a" 1}',
			line: 1,
			column: 6,
			words: ['":"', '"1"']
		},
		{
			name: 'a text cut off by the end of its line',
			text: '{\n\t"title": "Hip opener\n',
			line: 2,
			column: 22,
			words: ['past the end of the line', 'closing " is missing']
		},
		{
			name: 'a text that never ends at the end of the file',
			text: '{"a": "abc',
			line: 1,
			column: 7,
			words: ['never ends', 'closing " is missing']
		},
		{
			name: 'a raw tab inside a text',
			text: '{"a": "x\ty"}',
			line: 1,
			column: 9,
			words: ['control character', 'escape']
		},
		{
			name: 'an unknown escape',
			text: '{\n"a": "c:\\dir"\n}',
			line: 2,
			column: 9,
			words: ['unknown escape', '\\d']
		},
		{
			name: 'a \\u escape with a letter that is not hexadecimal',
			text: '"\\u12G4"',
			line: 1,
			column: 2,
			words: ['\\u escape', 'four hexadecimal digits']
		},
		{
			name: 'a \\u escape cut short by the closing quote',
			text: '"\\u12"',
			line: 1,
			column: 2,
			words: ['four hexadecimal digits']
		},
		{
			name: 'a leading zero',
			text: '{"rounds": 03}',
			line: 1,
			column: 12,
			words: ['malformed number', 'leading zeros']
		},
		{
			name: 'a leading zero after a minus',
			text: '[-01]',
			line: 1,
			column: 2,
			words: ['malformed number', 'leading zeros']
		},
		{
			name: 'a point with no digits after it',
			text: '[1.]',
			line: 1,
			column: 2,
			words: ['malformed number']
		},
		{
			name: 'a minus with no digits',
			text: '[-]',
			line: 1,
			column: 2,
			words: ['malformed number']
		},
		{
			name: 'a number starting with a point',
			text: '[.5]',
			line: 1,
			column: 2,
			words: ['expected a value', '"."']
		},
		{
			name: 'a plus sign',
			text: '[+1]',
			line: 1,
			column: 2,
			words: ['expected a value', '"+"']
		},
		{
			name: 'NaN',
			text: '{"a": NaN}',
			line: 1,
			column: 7,
			words: ['expected a value', '"N"']
		},
		{
			name: 'a misspelt word',
			text: '[tru]',
			line: 1,
			column: 2,
			words: ['expected a value', '"t"']
		},
		{
			name: 'an empty file',
			text: '',
			line: 1,
			column: 1,
			words: ['the file is empty']
		},
		{
			name: 'a file of whitespace only',
			text: '  \n\t\n ',
			line: 1,
			column: 1,
			words: ['the file is empty']
		},
		{
			name: 'text after the value',
			text: '{"a": 1} x',
			line: 1,
			column: 10,
			words: ['unexpected "x"', 'after the end of the JSON value']
		},
		{
			name: 'a second closing brace on a later line',
			text: '{"a": 1}\n\n  }',
			line: 3,
			column: 3,
			words: ['unexpected "}"', 'after the end']
		},
		{
			name: 'two values one after the other',
			text: '{}{}',
			line: 1,
			column: 3,
			words: ['after the end of the JSON value']
		},
		{
			name: 'a file cut off after a key',
			text: '{"a":',
			line: 1,
			column: 6,
			words: ['expected a value', 'end of file']
		},
		{
			name: 'a file cut off inside an object',
			text: '{',
			line: 1,
			column: 2,
			words: ['end of file']
		},
		{
			name: 'a file cut off inside a list',
			text: '[1,\n2',
			line: 2,
			column: 2,
			words: ['expected "," or "]"', 'end of file']
		},
		{
			name: 'a closing brace where a value belongs',
			text: '{"a": [}',
			line: 1,
			column: 8,
			words: ['expected a value', '"}"']
		},
		{
			name: 'a duplicate key',
			text: '{\n\t"soften": 20,\n\t"soften": 30\n}',
			line: 3,
			column: 2,
			words: ['"soften"', 'appears twice']
		},
		{
			name: 'a duplicate key in a nested object',
			text: '{"a": {"b": 1, "c": 2, "b": 3}}',
			line: 1,
			column: 24,
			words: ['"b"', 'appears twice']
		},
		{
			name: 'a duplicate "__proto__" key',
			text: '{"__proto__": 1, "__proto__": 2}',
			line: 1,
			column: 18,
			words: ['"__proto__"', 'appears twice']
		},
		{
			name: 'a BOM (readJson itself does not skip it)',
			text: '\ufeff{}',
			line: 1,
			column: 1,
			words: ['expected a value']
		}
	])('$name', ({ text, line, column, words }) => {
		const error = errorOf(text);
		expect({ line: error.line, column: error.column }).toEqual({ line, column });
		for (const word of words) expect(error.message).toContain(word);
	});

	it('counts lines after Windows line endings', () => {
		const error = errorOf('{\r\n\t"a": 1,\r\n}');
		expect(error.line).toBe(3);
		expect(error.column).toBe(1);
	});

	it('says "end of line" when a text runs past the end of its line', () => {
		const error = errorOf('{"a": "one\ntwo"}');
		expect(error).toEqual({
			line: 1,
			column: 11,
			message: 'a text runs past the end of the line (a closing " is missing)'
		});
	});

	it('allows the same key in two different objects', () => {
		expect(valueOf('[{"a": 1}, {"a": 2}]')).toEqual([{ a: 1 }, { a: 2 }]);
		expect(valueOf('{"a": {"a": 1}}')).toEqual({ a: { a: 1 } });
	});

	it('never throws, whatever the text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
				const result = readJson(text);
				if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('readJson: the depth limit', () => {
	const lists = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
	const objects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

	it('is 32 levels', () => {
		expect(MAX_JSON_DEPTH).toBe(32);
	});

	it('reads lists and objects nested exactly to the limit', () => {
		expect(readJson(lists(MAX_JSON_DEPTH)).ok).toBe(true);
		expect(valueOf(objects(MAX_JSON_DEPTH))).toEqual(JSON.parse(objects(MAX_JSON_DEPTH)));
	});

	it('refuses one level more, at the bracket that goes too deep', () => {
		expect(errorOf(lists(33))).toEqual({
			line: 1,
			column: 33,
			message: 'nested more than 32 levels deep'
		});
		const error = errorOf(objects(33));
		expect(error.column).toBe(32 * 5 + 1);
		expect(error.message).toContain('nested more than 32 levels deep');
	});

	it('counts lists and objects together', () => {
		const mixed = '{"a":['.repeat(17) + '1' + ']}'.repeat(17);
		expect(errorOf(mixed).message).toContain('nested more than 32');
		const atLimit = '{"a":['.repeat(16) + '1' + ']}'.repeat(16);
		expect(readJson(atLimit).ok).toBe(true);
	});

	it('refuses a hostile depth without overflowing the stack', () => {
		const error = errorOf(lists(200_000));
		expect(error.message).toContain('nested more than 32 levels deep');
	});

	it('takes a limit of its own', () => {
		expect(readJson('[[[]]]', 3).ok).toBe(true);
		const result = readJson('[[[[]]]]', 3);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toBe('nested more than 3 levels deep');
	});
});

describe('readJson: objects have no prototype', () => {
	it('builds every object, however deep, without a prototype', () => {
		const value = valueOf('{"a": {"b": [{"c": {}}]}, "d": [{}]}');
		expect(everyObjectHasNoPrototype(value)).toBe(true);
		expect(Object.getPrototypeOf(value)).toBeNull();
	});

	it('keeps lists as real arrays', () => {
		const value = valueOf('[[1, 2]]');
		expect(Array.isArray(value)).toBe(true);
		expect(Object.getPrototypeOf(value)).toBe(Array.prototype);
		expect(value).toEqual([[1, 2]]);
	});

	it('reads "__proto__" as a plain key that changes no prototype', () => {
		const value = valueOf('{"__proto__": {"x": 1}}');
		expect(Object.getPrototypeOf(value)).toBeNull();
		expect(Object.keys(value as object)).toEqual(['__proto__']);
		const own = Object.getOwnPropertyDescriptor(value, '__proto__');
		expect(own?.value).toEqual({ x: 1 });
		expect((value as Record<string, unknown>)['x']).toBeUndefined();
	});

	it('never reaches Object.prototype', () => {
		valueOf('{"__proto__": {"polluted": 1}, "a": {"__proto__": {"polluted": 2}}}');
		valueOf('{"constructor": {"prototype": {"polluted": 3}}}');
		expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	});

	it('reads keys named like Object.prototype members as own data', () => {
		const value = valueOf('{"toString": 1, "hasOwnProperty": "x", "constructor": null}');
		expect(Object.keys(value as object)).toEqual(['toString', 'hasOwnProperty', 'constructor']);
		expect((value as Record<string, unknown>)['toString']).toBe(1);
	});
});

describe('lineAndColumn', () => {
	const text = 'ab\ncde\n\nf';

	it.each([
		[0, 1, 1],
		[1, 1, 2],
		[2, 1, 3],
		[3, 2, 1],
		[5, 2, 3],
		[7, 3, 1],
		[8, 4, 1],
		[9, 4, 2]
	])('position %i is line %i, column %i', (at, line, column) => {
		expect(lineAndColumn(text, at)).toEqual({ line, column });
	});
});
