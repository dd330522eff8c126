/**
 * A strict JSON reader of our own: `JSON.parse` cannot say where a syntax error is in words a
 * routine author can use (line and column), and it builds objects whose `__proto__` key changes
 * the prototype. Objects here have no prototype, so no key can reach `Object.prototype`.
 */

/** A JSON value as read from a file: objects carry no prototype. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object read from a file: a dictionary without a prototype. */
export type JsonObject = { [key: string]: JsonValue };

/** Where and why a text is not JSON. */
export interface JsonSyntaxError {
	line: number;
	column: number;
	message: string;
}

export type JsonReadResult = { ok: true; value: JsonValue } | { ok: false; error: JsonSyntaxError };

/** Nesting deeper than this is refused: a routine needs about five levels. */
export const MAX_JSON_DEPTH = 32;

class SyntaxProblem {
	constructor(
		readonly at: number,
		readonly message: string
	) {}
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Reads `text` as JSON; a syntax error is a value with its line and column, never a throw. */
export function readJson(text: string, maxDepth = MAX_JSON_DEPTH): JsonReadResult {
	const reader = new Reader(text, maxDepth);
	try {
		reader.skipSpace();
		if (reader.pos === text.length) {
			throw new SyntaxProblem(0, 'the file is empty: expected a JSON object starting with "{"');
		}
		const value = reader.value(0);
		reader.skipSpace();
		if (reader.pos < text.length) {
			throw new SyntaxProblem(
				reader.pos,
				`unexpected ${describeChar(text, reader.pos)} after the end of the JSON value`
			);
		}
		return { ok: true, value };
	} catch (error) {
		if (!(error instanceof SyntaxProblem)) throw error;
		return { ok: false, error: { ...lineAndColumn(text, error.at), message: error.message } };
	}
}

/** Line and column, both counted from 1, of a position in a text. */
export function lineAndColumn(text: string, at: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = 0; i < at && i < text.length; i++) {
		if (text.charCodeAt(i) === 0x0a) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: at - lineStart + 1 };
}

function describeChar(text: string, at: number): string {
	if (at >= text.length) return 'end of file';
	const char = text[at] ?? '';
	if (char === '\n' || char === '\r') return 'end of line';
	if (char === "'") return 'single quote (JSON needs double quotes)';
	return `"${char}"`;
}

class Reader {
	pos = 0;

	constructor(
		private readonly text: string,
		private readonly maxDepth: number
	) {}

	skipSpace(): void {
		const text = this.text;
		while (this.pos < text.length) {
			const c = text.charCodeAt(this.pos);
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
			this.pos++;
		}
	}

	value(depth: number): JsonValue {
		const c = this.text.charCodeAt(this.pos);
		if (c === 0x7b) return this.object(depth + 1);
		if (c === 0x5b) return this.array(depth + 1);
		if (c === QUOTE) return this.string();
		if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
		if (this.text.startsWith('true', this.pos)) return this.word(4, true);
		if (this.text.startsWith('false', this.pos)) return this.word(5, false);
		if (this.text.startsWith('null', this.pos)) return this.word(4, null);
		throw new SyntaxProblem(
			this.pos,
			`expected a value but found ${describeChar(this.text, this.pos)}`
		);
	}

	private word<T>(length: number, value: T): T {
		this.pos += length;
		return value;
	}

	private enter(depth: number): void {
		if (depth > this.maxDepth) {
			throw new SyntaxProblem(this.pos, `nested more than ${this.maxDepth} levels deep`);
		}
	}

	private object(depth: number): JsonObject {
		this.enter(depth);
		const object = Object.create(null) as JsonObject;
		this.pos++;
		this.skipSpace();
		if (this.text.charCodeAt(this.pos) === 0x7d) {
			this.pos++;
			return object;
		}
		for (;;) {
			this.skipSpace();
			const keyAt = this.pos;
			if (this.text.charCodeAt(this.pos) !== QUOTE) {
				throw new SyntaxProblem(
					this.pos,
					`expected a key in double quotes but found ${describeChar(this.text, this.pos)}`
				);
			}
			const key = this.string();
			if (Object.prototype.hasOwnProperty.call(object, key)) {
				throw new SyntaxProblem(keyAt, `the key "${key}" appears twice in the same object`);
			}
			this.skipSpace();
			this.expect(0x3a, '":" after the key');
			this.skipSpace();
			object[key] = this.value(depth);
			this.skipSpace();
			const c = this.text.charCodeAt(this.pos);
			if (c === 0x2c) {
				this.pos++;
				this.skipSpace();
				if (this.text.charCodeAt(this.pos) === 0x7d) {
					throw new SyntaxProblem(this.pos, 'a comma before "}" (remove the trailing comma)');
				}
				continue;
			}
			if (c === 0x7d) {
				this.pos++;
				return object;
			}
			throw new SyntaxProblem(
				this.pos,
				`expected "," or "}" but found ${describeChar(this.text, this.pos)}`
			);
		}
	}

	private array(depth: number): JsonValue[] {
		this.enter(depth);
		const array: JsonValue[] = [];
		this.pos++;
		this.skipSpace();
		if (this.text.charCodeAt(this.pos) === 0x5d) {
			this.pos++;
			return array;
		}
		for (;;) {
			this.skipSpace();
			array.push(this.value(depth));
			this.skipSpace();
			const c = this.text.charCodeAt(this.pos);
			if (c === 0x2c) {
				this.pos++;
				this.skipSpace();
				if (this.text.charCodeAt(this.pos) === 0x5d) {
					throw new SyntaxProblem(this.pos, 'a comma before "]" (remove the trailing comma)');
				}
				continue;
			}
			if (c === 0x5d) {
				this.pos++;
				return array;
			}
			throw new SyntaxProblem(
				this.pos,
				`expected "," or "]" but found ${describeChar(this.text, this.pos)}`
			);
		}
	}

	private expect(code: number, what: string): void {
		if (this.text.charCodeAt(this.pos) !== code) {
			throw new SyntaxProblem(
				this.pos,
				`expected ${what} but found ${describeChar(this.text, this.pos)}`
			);
		}
		this.pos++;
	}

	private string(): string {
		const text = this.text;
		const start = this.pos;
		this.pos++;
		let out = '';
		let chunkStart = this.pos;
		while (this.pos < text.length) {
			const c = text.charCodeAt(this.pos);
			if (c === QUOTE) {
				out += text.slice(chunkStart, this.pos);
				this.pos++;
				return out;
			}
			if (c === BACKSLASH) {
				out += text.slice(chunkStart, this.pos);
				out += this.escape();
				chunkStart = this.pos;
				continue;
			}
			if (c < 0x20) {
				throw new SyntaxProblem(
					this.pos,
					c === 0x0a
						? 'a text runs past the end of the line (a closing " is missing)'
						: 'a control character inside a text (write it as an escape such as \\t)'
				);
			}
			this.pos++;
		}
		throw new SyntaxProblem(start, 'a text that never ends (a closing " is missing)');
	}

	private escape(): string {
		const at = this.pos;
		const c = this.text[this.pos + 1];
		this.pos += 2;
		switch (c) {
			case '"':
				return '"';
			case '\\':
				return '\\';
			case '/':
				return '/';
			case 'b':
				return '\b';
			case 'f':
				return '\f';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			case 't':
				return '\t';
			case 'u': {
				const hex = this.text.slice(this.pos, this.pos + 4);
				if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
					throw new SyntaxProblem(at, 'a \\u escape needs four hexadecimal digits');
				}
				this.pos += 4;
				return String.fromCharCode(parseInt(hex, 16));
			}
			default:
				throw new SyntaxProblem(at, `an unknown escape "\\${c ?? ''}" inside a text`);
		}
	}

	private number(): number {
		const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
		match.lastIndex = this.pos;
		const found = match.exec(this.text);
		if (!found) {
			throw new SyntaxProblem(this.pos, 'a malformed number');
		}
		const after = this.text.charCodeAt(match.lastIndex);
		if ((after >= 0x30 && after <= 0x39) || after === 0x2e) {
			throw new SyntaxProblem(this.pos, 'a malformed number (no leading zeros; digits after ".")');
		}
		this.pos = match.lastIndex;
		return Number(found[0]);
	}
}
