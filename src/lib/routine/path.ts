/** One step into a JSON value: a key of an object or an index of a list. */
export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A path as an author reads it: `steps[2].cycle.soften`; the file itself is `(file)`. */
export function formatPath(path: readonly PathSegment[]): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out === '' ? '(file)' : out;
}
