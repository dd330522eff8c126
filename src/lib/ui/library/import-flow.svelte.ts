/**
 * Bringing routines into the library: a chosen or dropped file, a routine pack, an import link,
 * pasted text, and the clash question when an id is taken. Whatever the way in, one decision
 * says what the routine does to the library; a refusal leaves the library as it was.
 */
import type { Routine, RoutineIssue } from '../../routine';
import { parseRoutine } from '../../routine/validate';
import { errorName, type Recording } from '../../storage/database';
import { checkPlayable, type Playable } from '../../audio/playable';
import { oversizePack, PACK_DURATION_SEC } from '../../transfer/pack-limits';
import type { PackReading } from '../../transfer/pack-reading';
import {
	decideImport,
	freeId,
	looksLikeZip,
	newRoutine,
	oversizeIssue,
	settleClash,
	takenIds,
	type ClashChoice
} from '../../transfer/routine-import';
import {
	fetchImportFile,
	importLinkTarget,
	type LinkFetchOptions
} from '../../transfer/routine-link';
import type { PackContents, PackedRecording } from '../../transfer/routine-pack';
import { decodeRoutineText } from '../../transfer/routine-text';
import { cueLabel } from '../cue-label';
import type { LibraryList } from './library-list.svelte';
import type { LibraryNotice, LibraryStatus } from './library-status.svelte';

/** The pasted text's name in messages. */
const PASTED = 'The pasted text';

/** The import's surroundings, replaceable in tests. */
export interface ImportFlowOptions {
	/** The library an import is decided against and stored in. */
	list: Pick<LibraryList, 'refresh' | 'contents' | 'find' | 'stored' | 'recordings' | 'store'>;
	status: LibraryStatus;
	now: () => number;
	fetch?: typeof fetch;
	/** The app's own origin: import links to any other are refused. */
	origin?: string;
	/** How an import link is fetched: its time limit, timers and byte limits. */
	link?: LinkFetchOptions;
	/** Reads a routine pack's bytes: in a worker off the page, unless a test reads in place. */
	readPack?: (bytes: ArrayBuffer) => Promise<PackReading>;
	/** Whether this browser plays a recording from a pack: a media element, unless a test says. */
	checkRecording?: (audio: ArrayBuffer, mimeType: string) => Promise<Playable>;
}

/** Every way a routine comes into the library, and the question a clash asks. */
export class ImportFlow {
	#list: ImportFlowOptions['list'];
	#status: LibraryStatus;
	#now: () => number;
	#fetch: typeof fetch;
	#origin: string;
	#link: LinkFetchOptions;
	/** The link whose site did not answer in time: what Retry fetches again. */
	#linkToRetry: URL | undefined;
	#readPack: (bytes: ArrayBuffer) => Promise<PackReading>;
	#checkRecording: (audio: ArrayBuffer, mimeType: string) => Promise<Playable>;

	/** What is in the paste box; cleared once its routine is in the library. */
	pasteText = $state('');

	constructor(options: ImportFlowOptions) {
		this.#list = options.list;
		this.#status = options.status;
		this.#now = options.now;
		this.#fetch = options.fetch ?? ((...args) => fetch(...args));
		this.#origin = options.origin ?? globalThis.location?.origin ?? '';
		this.#link = options.link ?? {};
		this.#readPack = options.readPack ?? readPackInWorker;
		this.#checkRecording = options.checkRecording ?? checkPlayable;
	}

	/** Imports a chosen or dropped file: a routine file, or a routine pack (`.zip`). */
	async importFile(file: File): Promise<void> {
		this.#status.begin();
		const source = `“${file.name}”`;
		const unread = (error: unknown) =>
			this.#status.fail(`${source} could not be read (${errorName(error)}). Choose it again.`);
		let isPack: boolean;
		try {
			isPack = looksLikeZip(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
		} catch (error) {
			unread(error);
			return;
		}
		// One over the limit is refused before it is read into memory at all.
		const tooLarge = isPack ? oversizePack(file.size) : oversizeIssue(file.size);
		if (tooLarge) {
			this.#status.problem = { kind: 'invalid', source, issues: [tooLarge], ...packed(isPack) };
			return;
		}
		let bytes: ArrayBuffer;
		try {
			bytes = await file.arrayBuffer();
		} catch (error) {
			unread(error);
			return;
		}
		if (isPack) await this.#readAndImportPack(bytes, source);
		else await this.#importBytes(new Uint8Array(bytes), source);
	}

	/** Imports a routine file's bytes, read as text the one way every path reads them. */
	async #importBytes(bytes: Uint8Array, source: string): Promise<void> {
		const read = decodeRoutineText(bytes);
		if (!read.ok) {
			this.#status.problem = { kind: 'invalid', source, issues: [read.issue] };
			return;
		}
		await this.#import(read.text, source);
	}

	/** Imports the text in the paste box. */
	async importPasted(): Promise<void> {
		this.#status.begin();
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
		this.#status.begin();
		const target = importLinkTarget(address, this.#origin);
		if (!target.ok) {
			this.#status.fail(target.message);
			return;
		}
		await this.#fetchLink(target.url);
	}

	/** Fetches the link whose site did not answer in time again. */
	async retryLink(): Promise<void> {
		const url = this.#linkToRetry;
		if (!url) return;
		this.#status.begin();
		await this.#fetchLink(url);
	}

	async #fetchLink(url: URL): Promise<void> {
		this.#linkToRetry = undefined;
		const where = url.pathname;
		this.#status.notice = { message: `Fetching the routine at ${where}…` };
		const fetched = await fetchImportFile(this.#fetch, url, this.#link);
		this.#status.notice = undefined;
		if (!fetched.ok) {
			this.#status.problem = { kind: 'message', message: fetched.message, retry: fetched.retry };
			if (fetched.retry) this.#linkToRetry = url;
		} else if (looksLikeZip(fetched.bytes)) {
			const { transferable } = await import('../../transfer/pack-reading');
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
		this.#status.notice = { message: 'Checking the recordings…' };
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
		this.#status.notice = undefined;
		if (issues.length > 0) return { contents: { ok: false, issues }, leftOut: [] };
		return { contents: { ...contents, recordings: kept }, leftOut };
	}

	/** Reads a pack off the page (its bytes are handed over), then imports what it holds. */
	async #readAndImportPack(bytes: ArrayBuffer, source: string): Promise<void> {
		this.#status.notice = { message: `Reading the routine pack ${source}…` };
		const reading = await this.#readPack(bytes);
		this.#status.notice = undefined;
		switch (reading.kind) {
			case 'read': {
				const { contents, leftOut } = await this.#playable(reading.contents);
				if (!contents.ok) {
					this.#status.problem = { kind: 'invalid', source, issues: contents.issues, pack: true };
					return;
				}
				await this.#import(contents.text, source, contents.recordings);
				this.#sayLeftOut(leftOut);
				return;
			}
			case 'too-slow':
				this.#status.fail(
					`${source} took more than ${reading.limitMs / 1000} seconds to read, so Liana stopped reading it; nothing in your library changed. A pack that slow is damaged or made to stall a device: ask whoever sent it for a new one.`
				);
				return;
			case 'failed':
				this.#status.fail(
					`${source} could not be read (${reading.detail}); nothing in your library changed. Try again, or import the routine file alone.`
				);
				return;
			default:
				return unreachable(reading);
		}
	}

	/** Adds to the import's notice the recordings this browser cannot play, which were left out. */
	#sayLeftOut(leftOut: readonly string[]): void {
		const notice: LibraryNotice | undefined = this.#status.notice;
		if (leftOut.length === 0 || !notice || this.#status.problem) return;
		const one = leftOut.length === 1;
		const names = one
			? leftOut[0]
			: `${leftOut.slice(0, -1).join(', ')} and ${leftOut[leftOut.length - 1]}`;
		this.#status.notice = {
			...notice,
			message: `${notice.message} This browser cannot play your ${one ? 'recording' : 'recordings'} for ${names} (damaged, or a sound format it does not read), so the built-in voice speaks ${one ? 'it' : 'them'}.`
		};
	}

	/**
	 * Imports a routine's text, from a file or pasted, or from a pack with its `recordings` (which
	 * come and go with it, in one write): new, already there, or a clash to ask about.
	 */
	async #import(text: string, source: string, recordings?: PackedRecording[]): Promise<void> {
		// Read again first: another tab may have changed the library meanwhile.
		await this.#list.refresh();
		const contents = this.#list.contents();
		const decision = decideImport(text, contents);
		const pack = recordings !== undefined;
		switch (decision.kind) {
			case 'invalid':
				this.#status.problem = {
					kind: 'invalid',
					source,
					issues: decision.issues,
					...packed(pack)
				};
				return;
			case 'new': {
				const stored = newRoutine(decision.routine.id, text, this.#now());
				if (!(await this.#list.store(stored, decision.routine, recordings))) return;
				this.#donePasting(source);
				const cues = recordings?.length ? ` with ${countCues(recordings.length)}` : '';
				this.#status.notice = { message: `Imported “${decision.routine.title}”${cues}.` };
				return;
			}
			case 'identical': {
				const id = decision.routine.id;
				const kept = recordings ? await this.#list.recordings(id) : undefined;
				// Unread, the cues cannot be told the same or not: nothing is imported over them.
				if (kept && !kept.ok) {
					this.#status.fail(
						`“${decision.routine.title}” is in your library already, but its recorded cues ${kept.reason}, so this pack was not imported; nothing changed. Reload the page to try again.`
					);
					return;
				}
				if (!recordings || sameRecordings(kept?.value ?? [], recordings)) {
					this.#donePasting(source);
					this.#status.notice = { message: alreadyThere(decision.routine, pack) };
					return;
				}
				// Same routine, other recordings: the person chooses, as for any other clash.
				this.#status.clash = {
					kind: 'same-as-own',
					routine: decision.routine,
					text,
					copyId: freeId(id, takenIds(contents)),
					source,
					existingTitle: decision.routine.title,
					recordings
				};
				return;
			}
			case 'same-as-own':
			case 'same-as-built-in': {
				const existingTitle = this.#list.find(decision.routine.id)?.routine.title;
				this.#status.clash = {
					...decision,
					source,
					existingTitle: existingTitle ?? decision.routine.id,
					...(pack && { recordings })
				};
				return;
			}
			default:
				return unreachable(decision);
		}
	}

	/** Settles the pending clash: replace the own routine, keep both, or cancel. */
	async settle(choice: ClashChoice | 'cancel'): Promise<void> {
		const clash = this.#status.clash;
		this.#status.begin();
		if (!clash) return;
		const title = clash.routine.title;
		if (choice === 'cancel') {
			this.#status.notice = { message: `Not imported; your library is as it was.` };
			return;
		}
		const stored = settleClash(clash, choice, this.#now(), this.#list.stored(clash.routine.id));
		if (!stored) {
			this.#status.fail(
				`“${title}” is a built-in routine, which cannot be replaced; nothing changed.`
			);
			return;
		}
		if (!(await this.#list.store(stored, clash.routine, clash.recordings))) return;
		this.#donePasting(clash.source);
		const cues = clash.recordings ? countCues(clash.recordings.length) : '';
		this.#status.notice = {
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
}

/** A refusal's mark that the file was a routine pack (none for a routine file). */
function packed(isPack: boolean): { pack?: true } {
	return isPack ? { pack: true } : {};
}

/** Importing what the library holds already, exactly: nothing changes. */
function alreadyThere(routine: Routine, pack: boolean): string {
	return pack
		? `“${routine.title}” is in your library already, exactly as in this pack, recordings too; nothing changed.`
		: `“${routine.title}” is in your library already, exactly as in this file; nothing changed.`;
}

function unreachable(value: never): never {
	throw new Error(`unhandled import decision ${JSON.stringify(value)}`);
}

/** The app's own pack reader: a worker, its code loaded only when a pack comes in. */
async function readPackInWorker(bytes: ArrayBuffer): Promise<PackReading> {
	try {
		const { readPackOffPage } = await import('../../transfer/pack-reading');
		return await readPackOffPage(bytes);
	} catch (error) {
		return { kind: 'failed', detail: `its reader did not load: ${errorName(error)}` };
	}
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
