/**
 * Edits a routine file's text in place: a copy gets a new id (and title) while every other
 * character of the author's file (key order, spacing, `x-` keys) stays as it was.
 */

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
