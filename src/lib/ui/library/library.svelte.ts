/**
 * The library screen's state: built-in and own routines as listed, imports with their decisions
 * and questions, delete with undo, duplicate, export and share. Every failure becomes words on
 * the screen and leaves what was stored, and the list, as it was.
 */
import { getContext, setContext } from 'svelte';
import type { Routine, RoutineIssue } from '../../routine';
import { measureRoutine } from '../../routine/measure';
import { DEFAULT_COMPILE_OPTIONS } from '../../routine/timeline';
import { parseRoutine } from '../../routine/validate';
import type { RoutineLoad } from '../../storage/built-in-routines';
import { cueOfRoutine } from '../../routine/cue-keys';
import type { Recording, RoutineDraft, StoredRoutine } from '../../storage/database';
import { isNewDraftKey } from '../../storage/draft-keys';
import { readStoredRoutine } from '../../storage/own-routines';
import {
	decideImport,
	duplicate,
	exportFile,
	freeId,
	looksLikeZip,
	newRoutine,
	oversizeIssue,
	settleClash,
	type ClashChoice,
	type ImportClash,
	type ImportDecision,
	libraryContents,
	type LibraryContents,
	type PackFile,
	type RoutineFile,
	takenIds
} from '../../storage/routine-import';
import { downloadFile } from '../download';
import {
	fetchImportFile,
	importLinkTarget,
	type LinkFetchOptions
} from '../../storage/routine-link';
import { checkPlayable, type Playable } from '../../audio/playable';
import { cueLabel } from '../cue-label';
import { oversizePack, PACK_DURATION_SEC } from '../../storage/pack-limits';
import type { PackReading } from '../../storage/pack-reading';
import type { PackContents, PackedRecording } from '../../storage/routine-pack';
import { decodeRoutineText } from '../../storage/routine-text';
import type { DatabaseModel } from '../database.svelte';

const KEY = Symbol('library');

/** One routine as the library lists it. */
export interface LibraryEntry {
	id: string;
	routine: Routine;
	/** The file's text as written (own) or shipped (built-in): what export gives. */
	text: string;
	own: boolean;
	totalMs: number;
	lastPlayedEpochMs: number | undefined;
	/** The routine has cues recorded in the coach's own voice: Export pack carries them. */
	recorded: boolean;
}

/** A routine being written, as the library lists it to go back to. */
export interface DraftEntry {
	key: string;
	title: string;
	/** It changes a saved routine (rather than being a new one). */
	editsSaved: boolean;
	updatedAtEpochMs: number;
}

/** A stored draft as listed: its title as typed so far. */
function draftEntry(draft: RoutineDraft): DraftEntry {
	const routine = draft.routine;
	const title =
		typeof routine === 'object' && routine !== null && 'title' in routine ? routine.title : '';
	return {
		key: draft.key,
		title: typeof title === 'string' && title.trim() !== '' ? title : 'Untitled routine',
		editsSaved: !isNewDraftKey(draft.key),
		updatedAtEpochMs: draft.updatedAtEpochMs
	};
}

/** A routine that cannot be listed as playable: a built-in that failed to load, a stale own one. */
export interface BrokenEntry {
	/** The own routine's id, to delete it; none for a built-in. */
	id: string | undefined;
	message: string;
}

/**
 * What went wrong, shown as an alert: a refused file with its issues, or a message; `retry` when
 * the alert offers Retry (a link whose site did not answer in time).
 */
export type LibraryProblem =
	| { kind: 'invalid'; source: string; issues: RoutineIssue[]; pack?: boolean }
	| { kind: 'message'; message: string; retry?: boolean };

/** What just happened, said politely; a deletion carries what Undo puts back. */
export interface LibraryNotice {
	message: string;
	undo?: { routine: StoredRoutine; recordings: Recording[] };
}

/**
 * A clash waiting for the person's answer: where the file came from, whose id it has, and the
 * recordings a routine pack brings with it.
 */
export type PendingClash = ImportClash & {
	source: string;
	existingTitle: string;
	recordings?: PackedRecording[];
};

/** The platform's file sharing (Web Share API), where it shares files. */
export interface FileSharing {
	canShare(data: ShareData): boolean;
	share(data: ShareData): Promise<void>;
}

/** The library's surroundings, replaceable in tests. */
export interface LibraryOptions {
	database: Pick<DatabaseModel, 'get' | 'write'>;
	now?: () => number;
	fetch?: typeof fetch;
	/** The app's own origin: import links to any other are refused. */
	origin?: string;
	/** How an import link is fetched: its time limit, timers and byte limits. */
	link?: LinkFetchOptions;
	download?: (file: RoutineFile | PackFile) => void;
	sharing?: FileSharing;
	/** Reads a routine pack's bytes: in a worker off the page, unless a test reads in place. */
	readPack?: (bytes: ArrayBuffer) => Promise<PackReading>;
	/** Whether this browser plays a recording from a pack: a media element, unless a test says. */
	checkRecording?: (audio: ArrayBuffer, mimeType: string) => Promise<Playable>;
}

/** Own routines listed at first, and added by each "show older". */
export const OWN_PAGE = 30;

/** The pasted text's name in messages. */
const PASTED = 'The pasted text';

/** One per library page, handed down with context: the screen's state and every action on it. */
export class LibraryModel {
	#builtIns: () => readonly RoutineLoad[];
	#database: LibraryOptions['database'];
	#now: () => number;
	#fetch: typeof fetch;
	#origin: string;
	#link: LinkFetchOptions;
	/** The link whose site did not answer in time: what Retry fetches again. */
	#linkToRetry: URL | undefined;
	#download: (file: RoutineFile | PackFile) => void;
	#sharing: FileSharing | undefined;
	#readPack: (bytes: ArrayBuffer) => Promise<PackReading>;
	#checkRecording: (audio: ArrayBuffer, mimeType: string) => Promise<Playable>;
	#stored = $state.raw<readonly StoredRoutine[]>([]);
	#lastPlayed = $state.raw<ReadonlyMap<string, number>>();
	/** The routines with recorded cues, as last read; replaced whole, never changed in place. */
	#recorded = $state.raw<ReadonlySet<string>>();

	/** Routines being written in the editor, the latest edited first. */
	drafts = $state.raw<readonly DraftEntry[]>([]);
	/** The own routines have been read once, so an empty list means there are none. */
	loaded = $state(false);
	problem = $state.raw<LibraryProblem>();
	notice = $state.raw<LibraryNotice>();
	clash = $state.raw<PendingClash>();
	/** What is in the paste box; cleared once its routine is in the library. */
	pasteText = $state('');
	/** Files can be shared from this device (the Share buttons show). */
	canShare = $state(false);
	/** A routine to move focus to once it is listed (one put back by Undo). */
	focusId = $state<string>();

	readonly builtIn: readonly (LibraryEntry | BrokenEntry)[] = $derived.by(() =>
		this.#builtIns().map((load) =>
			load.ok
				? this.#entry(load.routine, load.text, false)
				: { id: undefined, message: load.message }
		)
	);

	#ownSorted = $derived([...this.#stored].sort((a, b) => b.addedAtEpochMs - a.addedAtEpochMs));
	/**
	 * How many own routines are listed: a coach's library runs to hundreds, and reading and drawing
	 * them all took most of the library's first 130 ms; older ones are a tap away.
	 */
	ownShown = $state(OWN_PAGE);
	/** How many own routines there are, listed or not. */
	readonly ownCount = $derived(this.#stored.length);
	/** The person's routines, the newest first, as many as are listed. */
	readonly own: readonly (LibraryEntry | BrokenEntry)[] = $derived(
		this.#ownSorted.slice(0, this.ownShown).map((stored) => this.#ownEntry(stored))
	);

	/** Lists the next page of older own routines. */
	showOlder(): void {
		this.ownShown += OWN_PAGE;
	}

	#ownEntry(stored: StoredRoutine): LibraryEntry | BrokenEntry {
		const load = readStoredRoutine(stored);
		return load.ok
			? this.#entry(load.routine, load.text, true)
			: { id: stored.id, message: load.message };
	}

	constructor(builtIns: () => readonly RoutineLoad[], options: LibraryOptions) {
		this.#builtIns = builtIns;
		this.#database = options.database;
		this.#now = options.now ?? (() => Date.now());
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#origin = options.origin ?? globalThis.location?.origin ?? '';
		this.#link = options.link ?? {};
		this.#download = options.download ?? downloadFile;
		this.#sharing = options.sharing ?? browserSharing();
		this.#readPack = options.readPack ?? readPackInWorker;
		this.#checkRecording = options.checkRecording ?? checkPlayable;
	}

	#entry(routine: Routine, text: string, own: boolean): LibraryEntry {
		return {
			id: routine.id,
			routine,
			text,
			own,
			// By arithmetic: a library of long routines opens without building a timeline.
			totalMs: measureRoutine(routine, DEFAULT_COMPILE_OPTIONS).durationMs,
			lastPlayedEpochMs: this.#lastPlayed?.get(routine.id),
			recorded: own && this.#recorded?.has(routine.id) === true
		};
	}

	/** Reads the own routines and when each routine was last played. */
	async refresh(): Promise<void> {
		const db = await this.#database.get();
		// No database: the layout says why; the built-in routines are still listed.
		if (db) {
			try {
				const [stored, lastPlayed, recorded, drafts] = await Promise.all([
					db.routines(),
					db.lastPlayed(),
					db.recordedRoutineIds(),
					db.drafts()
				]);
				this.#stored = stored;
				this.#lastPlayed = lastPlayed;
				this.#recorded = recorded;
				this.drafts = drafts.map(draftEntry);
			} catch (error) {
				this.problem = {
					kind: 'message',
					message: `Your routines could not be read just now (${errorName(error)}). Reload the page to try again.`
				};
			}
		}
		this.loaded = true;
	}

	/** Starts the screen: reads the library, asks whether files can be shared here. */
	async connect(): Promise<void> {
		this.canShare = canShareFiles(this.#sharing);
		await this.refresh();
	}

	#contents(): LibraryContents {
		const builtInIds = this.#builtIns().flatMap((load) => (load.ok ? [load.routine.id] : []));
		return libraryContents(this.#stored, builtInIds);
	}

	/** A new action: the last one's problem, notice and question are done with. */
	#begin(): void {
		this.problem = undefined;
		this.notice = undefined;
		this.clash = undefined;
	}

	#fail(message: string): void {
		this.problem = { kind: 'message', message };
	}

	/** Imports a chosen or dropped file: a routine file, or a routine pack (`.zip`). */
	async importFile(file: File): Promise<void> {
		this.#begin();
		const source = `“${file.name}”`;
		let isPack: boolean;
		try {
			isPack = looksLikeZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
		} catch (error) {
			this.#fail(`${source} could not be read (${errorName(error)}). Choose it again.`);
			return;
		}
		if (isPack) {
			// One over the limit is refused before it is read into memory at all.
			const tooLarge = oversizePack(file.size);
			if (tooLarge) {
				this.problem = { kind: 'invalid', source, issues: [tooLarge], pack: true };
				return;
			}
			let bytes: ArrayBuffer;
			try {
				bytes = await file.arrayBuffer();
			} catch (error) {
				this.#fail(`${source} could not be read (${errorName(error)}). Choose it again.`);
				return;
			}
			await this.#readAndImportPack(bytes, source);
			return;
		}
		const tooLarge = oversizeIssue(file.size);
		if (tooLarge) {
			this.problem = { kind: 'invalid', source, issues: [tooLarge] };
			return;
		}
		let bytes: Uint8Array;
		try {
			bytes = new Uint8Array(await file.arrayBuffer());
		} catch (error) {
			this.#fail(`${source} could not be read (${errorName(error)}). Choose it again.`);
			return;
		}
		await this.#importBytes(bytes, source);
	}

	/** Imports a routine file's bytes, read as text the one way every path reads them. */
	async #importBytes(bytes: Uint8Array, source: string): Promise<void> {
		const read = decodeRoutineText(bytes);
		if (!read.ok) {
			this.problem = { kind: 'invalid', source, issues: [read.issue] };
			return;
		}
		await this.#import(read.text, source);
	}

	/** Imports the text in the paste box. */
	async importPasted(): Promise<void> {
		this.#begin();
		await this.#import(this.pasteText, PASTED);
	}

	/**
	 * Imports the file an import link names (`/?import=<address>`), having first `forget`ten the
	 * link (taken it out of the address bar): a reload, even in the middle, never starts it again.
	 */
	async openLink(url: URL, forget: () => void): Promise<void> {
		const address = url.searchParams.get('import');
		if (address === null) return;
		forget();
		this.#begin();
		const target = importLinkTarget(address, this.#origin);
		if (!target.ok) {
			this.#fail(target.message);
			return;
		}
		await this.#fetchLink(target.url);
	}

	/** Fetches the link whose site did not answer in time again. */
	async retryLink(): Promise<void> {
		const url = this.#linkToRetry;
		if (!url) return;
		this.#begin();
		await this.#fetchLink(url);
	}

	async #fetchLink(url: URL): Promise<void> {
		this.#linkToRetry = undefined;
		const where = url.pathname;
		this.notice = { message: `Fetching the routine at ${where}…` };
		const fetched = await fetchImportFile(this.#fetch, url, this.#link);
		this.notice = undefined;
		if (!fetched.ok) {
			this.problem = { kind: 'message', message: fetched.message, retry: fetched.retry };
			if (fetched.retry) this.#linkToRetry = url;
		} else if (looksLikeZip(fetched.bytes)) {
			const { transferable } = await import('../../storage/pack-reading');
			await this.#readAndImportPack(transferable(fetched.bytes), `“${where}”`);
		} else await this.#importBytes(fetched.bytes, `“${where}”`);
	}

	/**
	 * The pack's contents once this browser has shown it can play each recording: one that claims
	 * a few seconds but lasts longer than a recording may is refused with the pack; one this browser
	 * cannot play is left out (and named), so a codec this browser lacks costs that cue, never the
	 * routine. Only what plays is kept.
	 */
	async #playable(contents: PackContents): Promise<{ contents: PackContents; leftOut: string[] }> {
		if (!contents.ok || contents.recordings.length === 0) return { contents, leftOut: [] };
		this.notice = { message: 'Checking the recordings…' };
		const issues: RoutineIssue[] = [];
		const kept: PackedRecording[] = [];
		const leftOut: string[] = [];
		// The routine is read again only to name a recording left out, which is rare.
		let steps: readonly { id: string; title: string }[] | undefined;
		const stepTitle = (id: string) => {
			if (!steps) {
				const read = parseRoutine(contents.text);
				steps = read.ok ? read.routine.steps : [];
			}
			return steps.find((step) => step.id === id)?.title;
		};
		for (const recording of contents.recordings) {
			const path = recording.file ?? recording.cue;
			const found = await this.#checkRecording(recording.audio, recording.mimeType);
			if (found.kind === 'does-not') {
				leftOut.push(`“${cueLabel(recording.cue, stepTitle)}”`);
			} else if (found.kind === 'plays' && found.durationSec > PACK_DURATION_SEC + 1) {
				issues.push({
					path,
					message: `lasts ${Math.round(found.durationSec / 60)} minutes; a recording may last at most ${PACK_DURATION_SEC / 60} minutes`
				});
			} else kept.push(recording);
		}
		this.notice = undefined;
		if (issues.length > 0) return { contents: { ok: false, issues }, leftOut: [] };
		return { contents: { ...contents, recordings: kept }, leftOut };
	}

	/** Reads a pack off the page (its bytes are handed over), then imports what it holds. */
	async #readAndImportPack(bytes: ArrayBuffer, source: string): Promise<void> {
		this.notice = { message: `Reading the routine pack ${source}…` };
		const reading = await this.#readPack(bytes);
		this.notice = undefined;
		switch (reading.kind) {
			case 'read': {
				const { contents, leftOut } = await this.#playable(reading.contents);
				await this.#importPack(contents, source);
				// Read again: the import set it (TypeScript still sees it cleared above).
				const notice = this.notice as LibraryNotice | undefined;
				if (leftOut.length > 0 && notice && !this.problem) {
					const one = leftOut.length === 1;
					const names = one
						? leftOut[0]
						: `${leftOut.slice(0, -1).join(', ')} and ${leftOut[leftOut.length - 1]}`;
					this.notice = {
						...notice,
						message: `${notice.message} This browser cannot play your ${one ? 'recording' : 'recordings'} for ${names} (damaged, or a sound format it does not read), so the built-in voice speaks ${one ? 'it' : 'them'}.`
					};
				}
				return;
			}
			case 'too-slow':
				this.#fail(
					`${source} took more than ${reading.limitMs / 1000} seconds to read, so Liana stopped reading it; nothing in your library changed. A pack that slow is damaged or made to stall a device: ask whoever sent it for a new one.`
				);
				return;
			case 'failed':
				this.#fail(
					`${source} could not be read (${reading.detail}); nothing in your library changed. Try again, or import the routine file alone.`
				);
				return;
			default:
				return unreachable(reading);
		}
	}

	/** Imports a routine pack read and checked: the routine and its recordings, in one go. */
	async #importPack(read: PackContents, source: string): Promise<void> {
		if (!read.ok) {
			this.problem = { kind: 'invalid', source, issues: read.issues, pack: true };
			return;
		}
		await this.refresh();
		const contents = this.#contents();
		const decision = decideImport(read.text, contents);
		const recordings = read.recordings;
		const cues = countCues(recordings.length);
		switch (decision.kind) {
			case 'invalid':
				this.problem = { kind: 'invalid', source, issues: decision.issues, pack: true };
				return;
			case 'new': {
				const stored = newRoutine(decision.routine.id, read.text, this.#now());
				if (await this.#store(stored, decision.routine, recordings)) {
					this.notice = {
						message:
							recordings.length > 0
								? `Imported “${decision.routine.title}” with ${cues}.`
								: `Imported “${decision.routine.title}”.`
					};
				}
				return;
			}
			case 'identical': {
				const id = decision.routine.id;
				const db = await this.#database.get();
				if (sameRecordings((await db?.recordings(id)) ?? [], recordings)) {
					this.notice = {
						message: `“${decision.routine.title}” is in your library already, exactly as in this pack, recordings too; nothing changed.`
					};
					return;
				}
				// Same routine, other recordings: the person chooses, as for any other clash.
				this.clash = {
					kind: 'same-as-own',
					routine: decision.routine,
					text: read.text,
					copyId: freeId(id, takenIds(contents)),
					source,
					existingTitle: decision.routine.title,
					recordings
				};
				return;
			}
			case 'same-as-own':
			case 'same-as-built-in': {
				const existingTitle = this.#find(decision.routine.id)?.routine.title;
				this.clash = {
					...decision,
					source,
					existingTitle: existingTitle ?? decision.routine.id,
					recordings
				};
				return;
			}
			default:
				return unreachable(decision);
		}
	}

	async #import(text: string, source: string): Promise<void> {
		// Read again first: another tab may have changed the library meanwhile.
		await this.refresh();
		const decision: ImportDecision = decideImport(text, this.#contents());
		switch (decision.kind) {
			case 'invalid':
				this.problem = { kind: 'invalid', source, issues: decision.issues };
				return;
			case 'identical':
				this.#donePasting(source);
				this.notice = {
					message: `“${decision.routine.title}” is in your library already, exactly as in this file; nothing changed.`
				};
				return;
			case 'new':
				if (
					await this.#store(newRoutine(decision.routine.id, text, this.#now()), decision.routine)
				) {
					this.#donePasting(source);
					this.notice = { message: `Imported “${decision.routine.title}”.` };
				}
				return;
			case 'same-as-own':
			case 'same-as-built-in': {
				const existingTitle = this.#find(decision.routine.id)?.routine.title;
				this.clash = { ...decision, source, existingTitle: existingTitle ?? decision.routine.id };
				return;
			}
			default:
				return unreachable(decision);
		}
	}

	/** Settles the pending clash: replace the own routine, keep both, or cancel. */
	async settle(choice: ClashChoice | 'cancel'): Promise<void> {
		const clash = this.clash;
		this.#begin();
		if (!clash) return;
		const title = clash.routine.title;
		if (choice === 'cancel') {
			this.notice = { message: `Not imported; your library is as it was.` };
			return;
		}
		const existing = this.#stored.find((stored) => stored.id === clash.routine.id);
		const stored = settleClash(clash, choice, this.#now(), existing);
		if (!stored) {
			this.#fail(`“${title}” is a built-in routine, which cannot be replaced; nothing changed.`);
			return;
		}
		if (!(await this.#store(stored, clash.routine, clash.recordings))) return;
		this.#donePasting(clash.source);
		const cues = clash.recordings ? countCues(clash.recordings.length) : '';
		this.notice = {
			message:
				choice === 'replace'
					? clash.recordings
						? `Replaced “${title}” and its recordings with the pack's (${cues}).`
						: `Replaced “${title}” with the imported file.`
					: `Imported “${title}” as a copy of your own, first in the list${clash.recordings ? `, with ${cues}` : ''}.`
		};
	}

	#donePasting(source: string): void {
		if (source === PASTED) this.pasteText = '';
	}

	/**
	 * Stores a routine (with a pack's recordings, in place of any it had, under its id: a copy's
	 * recordings are the copy's) and lists it; a failed write is said, and nothing changes.
	 */
	async #store(
		stored: StoredRoutine,
		routine: Routine,
		packed?: readonly PackedRecording[]
	): Promise<boolean> {
		const recordings: Recording[] | undefined = packed?.map((recording) => ({
			...recording,
			routineId: stored.id,
			recordedAtEpochMs: stored.updatedAtEpochMs
		}));
		const saved = await this.#database.write((db) =>
			recordings ? db.putRoutineWithRecordings(stored, recordings) : db.putRoutine(stored)
		);
		if (!saved.ok) {
			this.#fail(`“${routine.title}” was not saved. ${saved.message}`);
			return false;
		}
		await this.refresh();
		return true;
	}

	/** Any routine by id, own (listed or not) or built-in, if it can be read. */
	#find(id: string): LibraryEntry | undefined {
		const stored = this.#stored.find((routine) => routine.id === id);
		const entry = stored
			? this.#ownEntry(stored)
			: this.builtIn.find((builtIn) => builtIn.id === id);
		return entry && 'routine' in entry ? entry : undefined;
	}

	/**
	 * Deletes an own routine for real, with the cues recorded for it (a later routine given its id
	 * starts with none); the notice's Undo puts both back exactly as they were.
	 */
	async remove(id: string): Promise<void> {
		this.#begin();
		const stored = this.#stored.find((routine) => routine.id === id);
		if (!stored) return;
		const title = this.#find(id)?.routine.title ?? id;
		const removed = await this.#database.write((db) => db.deleteRoutineWithRecordings(id));
		if (!removed.ok) {
			this.#fail(`“${title}” was not deleted. ${removed.message}`);
			return;
		}
		this.#stored = this.#stored.filter((routine) => routine.id !== id);
		this.notice = {
			message: `Deleted “${title}”.`,
			undo: { routine: stored, recordings: removed.value }
		};
	}

	/** Puts back the routine just deleted: same text, dates, recordings and place in the list. */
	async undo(): Promise<void> {
		const deleted = this.notice?.undo;
		this.#begin();
		if (!deleted) return;
		const stored = deleted.routine;
		const restored = await this.#database.write((db) =>
			db.putRoutineWithRecordings(stored, deleted.recordings)
		);
		if (!restored.ok) {
			this.#fail(`The routine was not put back. ${restored.message}`);
			return;
		}
		await this.refresh();
		this.notice = { message: `Put back “${this.#find(stored.id)?.routine.title ?? stored.id}”.` };
		this.focusId = stored.id;
	}

	/** Adds an own copy of any routine, titled "… (copy)". */
	async duplicate(id: string): Promise<void> {
		this.#begin();
		const entry = this.#find(id);
		if (!entry) return;
		const copy = duplicate(entry.routine, entry.text, this.#contents(), this.#now());
		if (!copy) {
			this.#fail(`“${entry.routine.title}” could not be copied; nothing changed.`);
			return;
		}
		if (await this.#store(copy, entry.routine)) {
			this.notice = { message: `Added “${this.#find(copy.id)?.routine.title ?? copy.id}”.` };
		}
	}

	/** The routine's file, exactly as written or shipped; an own one the app no longer plays too. */
	file(id: string): RoutineFile | undefined {
		const entry = this.#find(id) ?? this.#stored.find((stored) => stored.id === id);
		return entry && exportFile(entry.id, entry.text);
	}

	/** Downloads the routine's file, `<id>.json`. */
	export(id: string): void {
		const file = this.file(id);
		if (file) this.#download(file);
	}

	/** Downloads the routine with its recorded cues as a routine pack, `<id>.zip`. */
	async exportPack(id: string): Promise<void> {
		this.#begin();
		const entry = this.#find(id);
		if (!entry) return;
		try {
			const db = await this.#database.get();
			// Only cues the routine has: one left under a step's old id would make the pack refused.
			const stepIds = entry.routine.steps.map((step) => step.id);
			const recordings = ((await db?.recordings(id)) ?? []).filter((recording) =>
				cueOfRoutine(recording.cue, stepIds)
			);
			const { writePack } = await import('../../storage/routine-pack');
			const bytes = writePack(entry.text, recordings);
			this.#download({ name: `${id}.zip`, type: 'application/zip', bytes });
		} catch (error) {
			this.#fail(
				`The pack of “${entry.routine.title}” could not be made (${errorName(error)}); nothing changed. Try again, or use Export for the routine file alone.`
			);
		}
	}

	/** Hands the routine's file to the platform's share sheet. */
	async share(id: string): Promise<void> {
		const file = this.file(id);
		const sharing = this.#sharing;
		if (!file || !sharing) return;
		this.#begin();
		try {
			await sharing.share({
				files: [new File([file.text], file.name, { type: file.type })],
				title: this.#find(id)?.routine.title
			});
		} catch (error) {
			// Closing the share sheet is the person's choice, not a failure.
			if (errorName(error) === 'AbortError') return;
			this.#fail(`Sharing did not work (${errorName(error)}). Use Export to download the file.`);
		}
	}

	/**
	 * Forgets a draft in progress; the routine it edits, if saved, stays as saved, recordings too.
	 * A new routine's draft goes with the cues recorded for it, which nothing else can play.
	 */
	async discardDraft(key: string): Promise<void> {
		this.#begin();
		const title = this.drafts.find((draft) => draft.key === key)?.title ?? 'the draft';
		const discarded = await this.#database.write((db) => db.discardDraftWithRecordings(key));
		if (!discarded.ok) {
			this.#fail(`“${title}” was not discarded. ${discarded.message}`);
			return;
		}
		this.drafts = this.drafts.filter((draft) => draft.key !== key);
		this.notice = { message: `Discarded the draft “${title}”.` };
	}

	dismissNotice(): void {
		this.notice = undefined;
	}
}

function unreachable(value: never): never {
	throw new Error(`unhandled import decision ${JSON.stringify(value)}`);
}

/** The app's own pack reader: a worker, its code loaded only when a pack comes in. */
async function readPackInWorker(bytes: ArrayBuffer): Promise<PackReading> {
	try {
		const { readPackOffPage } = await import('../../storage/pack-reading');
		return await readPackOffPage(bytes);
	} catch (error) {
		return { kind: 'failed', detail: `its reader did not load: ${errorName(error)}` };
	}
}

function errorName(error: unknown): string {
	return error instanceof Error || error instanceof DOMException ? error.name : 'unknown error';
}

/** "1 recorded cue", "3 recorded cues". */
function countCues(n: number): string {
	return n === 1 ? '1 recorded cue' : `${n} recorded cues`;
}

/** Whether the stored recordings are the pack's: the same cues, types and bytes. */
function sameRecordings(stored: readonly Recording[], packed: readonly PackedRecording[]): boolean {
	if (stored.length !== packed.length) return false;
	return packed.every((recording) => {
		const mine = stored.find((other) => other.cue === recording.cue);
		if (!mine || mine.mimeType !== recording.mimeType) return false;
		const a = new Uint8Array(mine.audio);
		const b = new Uint8Array(recording.audio);
		return a.length === b.length && a.every((byte, i) => byte === b[i]);
	});
}

function browserSharing(): FileSharing | undefined {
	if (typeof navigator === 'undefined' || !navigator.canShare || !navigator.share) return undefined;
	return {
		canShare: (data) => navigator.canShare(data),
		share: (data) => navigator.share(data)
	};
}

/** Whether a routine file may be shared here (some platforms share only images and text). */
function canShareFiles(sharing: FileSharing | undefined): boolean {
	if (!sharing) return false;
	const probe = new File(['{}'], 'routine.json', { type: 'application/json' });
	try {
		return sharing.canShare({ files: [probe] });
	} catch {
		// An older implementation throws on data it does not know: it cannot share files.
		return false;
	}
}

/** Makes the library model available below the library page. */
export function provideLibrary(model: LibraryModel): LibraryModel {
	return setContext(KEY, model);
}

/** The library page's model. */
export function useLibrary(): LibraryModel {
	const model = getContext<LibraryModel | undefined>(KEY);
	if (!model) throw new Error('useLibrary() needs provideLibrary() in the library page');
	return model;
}
