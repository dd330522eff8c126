/**
 * A routine file's text: read from its bytes the same way on every path (a chosen file, a link,
 * a pack's routine.json), and edited in place, so a copy gets a new id (and title) while every
 * other character of the author's file (key order, spacing, `x-` keys) stays as it was.
 */
import type { RoutineIssue } from '../routine';
import { lineAndColumn } from '../routine/json-text';

/** A file's text, or the encoding problem that stops it being read, said as one. */
export type RoutineText = { ok: true; text: string } | { ok: false; issue: RoutineIssue };

const SAVE_AS_UTF8 =
	"save the file as UTF-8 (a text editor's Save As offers it) and import it again";

/**
 * Reads a routine file's bytes as text: UTF-8, with or without a byte order mark, or UTF-16
 * (little- or big-endian) marked by its byte order mark, which is dropped. Anything else is refused
 * as an encoding problem, never passed on as text full of replacement characters.
 */
export function decodeRoutineText(bytes: Uint8Array): RoutineText {
	const encoding = encodingOf(bytes);
	// Without a mark, a NUL among the first bytes is UTF-16's ASCII: JSON text never holds one.
	if (encoding === 'utf-8' && bytes.subarray(0, 4).includes(0)) {
		return refused(
			1,
			1,
			`not UTF-8 text: it looks like UTF-16 without the byte order mark that tells its byte order; ${SAVE_AS_UTF8}`
		);
	}
	try {
		return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
	} catch {
		const before = validPrefix(bytes, encoding);
		const { line, column } = lineAndColumn(before, before.length);
		return refused(
			line,
			column,
			`not UTF-8 or UTF-16 text: the character here is written in another encoding (such as Windows-1252 or Latin-1); ${SAVE_AS_UTF8}`
		);
	}
}

function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return 'utf-8';
}

function refused(line: number, column: number, message: string): RoutineText {
	return { ok: false, issue: { path: '(file)', line, column, message } };
}

/**
 * The text before the first byte that cannot be read, found by halving: whether a prefix reads is
 * monotone (a streaming decoder holds back a sequence cut at the end and throws only at a wrong
 * one), so about twenty decodes find it in a 1 MiB file.
 */
function validPrefix(bytes: Uint8Array, encoding: string): string {
	const reads = (length: number) => {
		try {
			new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, length), {
				stream: true
			});
			return true;
		} catch {
			return false;
		}
	};
	let good = 0;
	let bad = bytes.length;
	while (bad - good > 1) {
		const middle = Math.floor((good + bad) / 2);
		if (reads(middle)) good = middle;
		else bad = middle;
	}
	return new TextDecoder(encoding).decode(bytes.subarray(0, good), { stream: true });
}

/** Where a JSON string token ends: the index of its closing quote. */
function endOfString(text: string, openAt: number): number {
	for (let i = openAt + 1; i < text.length; i++) {
		const c = text[i];
		if (c === '\\') i++;
		else if (c === '"') return i;
	}
	return -1;
}

function skipSpace(text: string, from: number): number {
	let i = from;
	while (i < text.length && /\s/.test(text[i] ?? '')) i++;
	return i;
}

/**
 * The text with the top-level key's string value replaced by `value`; undefined when the file
 * has no such key holding a string (it was not a valid routine, so there is nothing to edit).
 */
export function setTopLevelString(text: string, key: string, value: string): string | undefined {
	let depth = 0;
	let expectKey = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '{' || c === '[') {
			depth++;
			expectKey = depth === 1 && c === '{';
		} else if (c === '}' || c === ']') {
			depth--;
		} else if (c === ',' && depth === 1) {
			expectKey = true;
		} else if (c === '"') {
			const end = endOfString(text, i);
			if (end < 0) return undefined;
			if (depth === 1 && expectKey) {
				expectKey = false;
				// Keys may be written with escapes (`"\u0069d"` is `id`), so compare them read.
				const name: unknown = JSON.parse(text.slice(i, end + 1));
				const colon = skipSpace(text, end + 1);
				const valueAt = skipSpace(text, colon + 1);
				if (name === key && text[colon] === ':' && text[valueAt] === '"') {
					const valueEnd = endOfString(text, valueAt);
					if (valueEnd < 0) return undefined;
					return text.slice(0, valueAt) + JSON.stringify(value) + text.slice(valueEnd + 1);
				}
			}
			i = end;
		}
	}
	return undefined;
}
