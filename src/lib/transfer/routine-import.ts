/**
 * What importing a routine file does, decided without touching storage: refused (with every
 * problem), added, already there, or a clash with a routine of the same id that the person must
 * settle. Copies get a free id by editing the file's text, so the author's file stays as written.
 */
import { LIMITS, parseRoutine, SLUG, type Routine, type RoutineIssue } from '../routine';
import type { StoredRoutine } from '../storage/database';
import { setTopLevelString } from './routine-text';

/** What the library holds when a file comes in. */
export interface LibraryContents {
	/** The person's own routines: id → the file's text as stored. */
	own: ReadonlyMap<string, string>;
	/** The built-in routines' ids: never overwritten. */
	builtIn: ReadonlySet<string>;
}

/** The library's contents from what is stored and the built-in ids. */
export function libraryContents(
	stored: readonly StoredRoutine[],
	builtInIds: readonly string[]
): LibraryContents {
	return {
		own: new Map(stored.map((routine) => [routine.id, routine.text])),
		builtIn: new Set(builtInIds)
	};
}

/** The outcome of reading a file against the library. */
export type ImportDecision =
	| { kind: 'invalid'; issues: RoutineIssue[] }
	| { kind: 'new'; routine: Routine; text: string }
	/** The same id with the very same text: importing it again changes nothing. */
	| { kind: 'identical'; routine: Routine }
	| { kind: 'same-as-own'; routine: Routine; text: string; copyId: string }
	| { kind: 'same-as-built-in'; routine: Routine; text: string; copyId: string };

/** A clash the person settles: replace the own routine, keep both, or cancel. */
export type ImportClash = Extract<ImportDecision, { kind: 'same-as-own' | 'same-as-built-in' }>;

/** How the person settled a clash. */
export type ClashChoice = 'replace' | 'keep-both';

/** A file over the format's size limit is refused before it is read at all. */
export function oversizeIssue(bytes: number): RoutineIssue | undefined {
	if (bytes <= LIMITS.fileBytes) return undefined;
	const size =
		bytes >= 1024 * 1024
			? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
			: `${bytes.toLocaleString('en')} bytes`;
	return {
		path: '(file)',
		message: `the file is ${size}; a routine file may be at most 1 MiB (1,048,576 bytes)`
	};
}

/** Decides what importing `text` does to the library. */
export function decideImport(text: string, library: LibraryContents): ImportDecision {
	const parsed = parseRoutine(text);
	if (!parsed.ok) return { kind: 'invalid', issues: parsed.issues };
	const routine = parsed.routine;
	const taken = takenIds(library);
	if (library.builtIn.has(routine.id)) {
		return { kind: 'same-as-built-in', routine, text, copyId: freeId(routine.id, taken) };
	}
	const stored = library.own.get(routine.id);
	if (stored === undefined) return { kind: 'new', routine, text };
	if (stored === text) return { kind: 'identical', routine };
	return { kind: 'same-as-own', routine, text, copyId: freeId(routine.id, taken) };
}

/** Every id in use, built-in or own: a new routine may take none of them. */
export function takenIds(library: LibraryContents): Set<string> {
	return new Set([...library.builtIn, ...library.own.keys()]);
}

/**
 * The first of `<id>-2`, `<id>-3`, … that is free, kept within the 64 characters of an id. A copy
 * of a copy counts on (`daily-unload-2` gives `daily-unload-3`); an id whose number is its own
 * (`breath-4`, with no `breath`) is not counted on but extended (`breath-4-2`).
 */
export function freeId(id: string, taken: ReadonlySet<string>): string {
	const numbered = /^(.+)-\d+$/.exec(id);
	const base = (numbered?.[1] && taken.has(numbered[1]) ? numbered[1] : id).replace(/-+$/, '');
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = base.slice(0, 64 - suffix.length).replace(/-+$/, '') + suffix;
		if (SLUG.test(candidate) && !taken.has(candidate)) return candidate;
	}
}

const COPY = ' (copy)';

/** A copy's title: "… (copy)", shortened where needed to stay within the title limit. */
export function copyTitle(title: string): string {
	const chars = Array.from(title);
	if (chars.length + COPY.length <= LIMITS.titleChars) return title + COPY;
	return (
		chars
			.slice(0, LIMITS.titleChars - COPY.length - 1)
			.join('')
			.trimEnd() +
		'…' +
		COPY
	);
}

/** The file's text with a new id (and title); undefined when the text is no routine file. */
export function copyText(text: string, change: { id: string; title?: string }): string | undefined {
	const withId = setTopLevelString(text, 'id', change.id);
	if (withId === undefined || change.title === undefined) return withId;
	return setTopLevelString(withId, 'title', change.title);
}

/** What to store when the person settles a clash; a built-in is never replaced (undefined). */
export function settleClash(
	clash: ImportClash,
	choice: ClashChoice,
	nowEpochMs: number,
	existing?: StoredRoutine
): StoredRoutine | undefined {
	if (choice === 'replace') {
		if (clash.kind === 'same-as-built-in') return undefined;
		return {
			id: clash.routine.id,
			text: clash.text,
			// A replaced routine keeps its place in the list.
			addedAtEpochMs: existing?.addedAtEpochMs ?? nowEpochMs,
			updatedAtEpochMs: nowEpochMs
		};
	}
	const text = copyText(clash.text, { id: clash.copyId });
	if (text === undefined) return undefined;
	return { id: clash.copyId, text, addedAtEpochMs: nowEpochMs, updatedAtEpochMs: nowEpochMs };
}

/** A new own routine from an imported file. */
export function newRoutine(id: string, text: string, nowEpochMs: number): StoredRoutine {
	return { id, text, addedAtEpochMs: nowEpochMs, updatedAtEpochMs: nowEpochMs };
}

/** An own copy of any routine: a free id, the title marked "(copy)", the rest of the text kept. */
export function duplicate(
	routine: Routine,
	text: string,
	library: LibraryContents,
	nowEpochMs: number
): StoredRoutine | undefined {
	const id = freeId(routine.id, takenIds(library));
	const copy = copyText(text, { id, title: copyTitle(routine.title) });
	return copy === undefined ? undefined : newRoutine(id, copy, nowEpochMs);
}

/** A zip file starts with a local file header, "PK\x03\x04": what a routine pack is. */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** A routine with its recordings as one file to download: `<id>.zip`. */
export interface PackFile {
	name: string;
	type: 'application/zip';
	bytes: Uint8Array<ArrayBuffer>;
}

/** A routine as a file to download or share: its exact text, named by its id. */
export interface RoutineFile {
	name: string;
	type: 'application/json';
	text: string;
}

/** The file an export gives: the routine's text exactly as stored (or shipped), `<id>.json`. */
export function exportFile(id: string, text: string): RoutineFile {
	return { name: `${id}.json`, type: 'application/json', text };
}
