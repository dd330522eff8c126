/** One step into a JSON value: a key of an object or an index of a list. */
export type PathSegment = string | number;

/** Keys and texts echoed in a message are cut to this many characters: a key can be a megabyte. */
const ECHO_CHARS = 40;

/** A key or text from the file as a message shows it: whole when short, else its start and "…". */
export function shorten(text: string): string {
	if (text.length <= ECHO_CHARS) return text;
	const cut = text.charCodeAt(ECHO_CHARS - 1);
	// Never cut an emoji in half.
	const end = cut >= 0xd800 && cut <= 0xdbff ? ECHO_CHARS - 1 : ECHO_CHARS;
	return `${text.slice(0, end)}…`;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A path as an author reads it: `steps[2].cycle.soften`; the file itself is `(file)`. */
export function formatPath(path: readonly PathSegment[]): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (segment.length <= ECHO_CHARS && PLAIN_KEY.test(segment))
			out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(shorten(segment))}]`;
	}
	return out === '' ? '(file)' : out;
}
