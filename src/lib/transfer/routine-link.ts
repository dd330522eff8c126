/**
 * Importing from a link (`/?import=<address>`), as a coach might send: only a file on Liana's own
 * site is fetched, so a link cannot make the app read from (or reveal itself to) another site.
 * The fetch is bounded: a time limit, the format's byte limits (a too-large file is refused by
 * its declared size, or cut off while it streams), and no redirects. The file's contents are
 * checked by the validator like any other import.
 */
import { PACK_LIMITS } from './pack-limits';
import { systemClock, type Clock } from '../engine/clock';
import { LIMITS } from '../routine';
import { looksLikeZip } from './routine-import';

/** The address a link asks to import, or why it is refused. */
export type LinkTarget = { ok: true; url: URL } | { ok: false; message: string };

/**
 * The fetched file's bytes (a routine file or a routine pack), or what went wrong and what to do;
 * `retry` when asking again may well work (the site was slow), so a Retry is offered.
 */
export type FetchedRoutine =
	{ ok: true; bytes: Uint8Array } | { ok: false; message: string; retry?: boolean };

/** How long a linked file may take to arrive, whole, before Liana stops waiting. */
export const LINK_TIME_LIMIT_MS = 20_000;

/** The byte limits a linked file is read with: the format's, for a routine file and a pack. */
export interface LinkLimits {
	fileBytes: number;
	packBytes: () => Promise<number>;
}

/** The format's own limits. */
export const LINK_LIMITS: LinkLimits = {
	fileBytes: LIMITS.fileBytes,
	packBytes: async () => PACK_LIMITS.packBytes
};

/** What a link is fetched with, replaceable in tests. */
export interface LinkFetchOptions {
	timeLimitMs?: number;
	timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
	limits?: LinkLimits;
}

const IMPORT_BY_HAND =
	'download the file and import it with Import routine, or paste its text under Paste routine text';

/** Checks a link's address: same origin (scheme, host and port) as the app, or refused. */
export function importLinkTarget(address: string, origin: string): LinkTarget {
	let url: URL;
	try {
		url = new URL(address, origin);
	} catch {
		return { ok: false, message: `The import link "${address}" is not a web address.` };
	}
	if (url.origin !== origin) {
		return {
			ok: false,
			message: `Liana imports only files from its own site (${new URL(origin).host}); this link points to ${url.protocol === 'http:' || url.protocol === 'https:' ? url.host : url.protocol}, so nothing was fetched. To use that routine, ${IMPORT_BY_HAND}.`
		};
	}
	return { ok: true, url };
}

/** Said when the time limit passes: the fetch and any body still arriving are abandoned. */
const TIMED_OUT = Symbol('timed out');

/** The link's file, within the time limit and the format's limits; every failure says what to do. */
export async function fetchImportFile(
	fetcher: typeof fetch,
	url: URL,
	options: LinkFetchOptions = {}
): Promise<FetchedRoutine> {
	const timeLimitMs = options.timeLimitMs ?? LINK_TIME_LIMIT_MS;
	const timers = options.timers ?? systemClock;
	const controller = new AbortController();
	let timer = 0;
	const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = timers.setTimeout(() => {
			// Settled first, so the fetch's own AbortError never wins the race and reads as offline.
			resolve(TIMED_OUT);
			controller.abort();
		}, timeLimitMs);
	});
	const link = new Link(url, timeLimitMs);
	try {
		return await fetchWithin(fetcher, link, controller.signal, deadline, options.limits);
	} finally {
		timers.clearTimeout(timer);
	}
}

async function fetchWithin(
	fetcher: typeof fetch,
	link: Link,
	signal: AbortSignal,
	deadline: Promise<typeof TIMED_OUT>,
	limits: LinkLimits = LINK_LIMITS
): Promise<FetchedRoutine> {
	let response: Response | typeof TIMED_OUT;
	try {
		// 'manual': a redirect comes back as itself, to be refused, instead of being followed.
		response = await Promise.race([
			fetcher(link.url, { cache: 'no-store', redirect: 'manual', signal }),
			deadline
		]);
	} catch {
		return signal.aborted ? link.timedOut() : link.unreachable();
	}
	if (response === TIMED_OUT) return link.timedOut();
	if (redirected(response, link.url)) return link.redirected();
	// The service worker answers 503 offline; a gateway's 502 and 504 are the network too.
	if ([502, 503, 504].includes(response.status)) return link.unreachable();
	if (!response.ok) return link.refused(response);
	// A static host's single-page fallback answers any path with the app's own page.
	if ((response.headers.get('content-type') ?? '').includes('text/html')) return link.webPage();
	const declared = declaredBytes(response);
	if (declared !== undefined && declared > limits.fileBytes) {
		const packBytes = await limits.packBytes();
		// Too large to be a file of either kind: refused before a byte is read.
		if (declared > packBytes) {
			void response.body?.cancel().catch(() => undefined);
			return link.tooLargeForAny(declared, limits.fileBytes, packBytes);
		}
	}
	return readBody(response, link, deadline, limits, declared);
}

/**
 * Reads the body chunk by chunk, against the limit of what it turns out to be (a pack or a routine
 * file, by its first bytes): past that limit, or past the time limit, reading stops and the rest
 * is cancelled unread, whatever the Content-Length said.
 */
async function readBody(
	response: Response,
	link: Link,
	deadline: Promise<typeof TIMED_OUT>,
	limits: LinkLimits,
	declared: number | undefined
): Promise<FetchedRoutine> {
	if (!response.body) return { ok: true, bytes: new Uint8Array() };
	const reader = response.body.getReader();
	// A cancelled stream may already have failed; what is said is decided here, not by it.
	const stop = () => void reader.cancel().catch(() => undefined);
	const chunks: Uint8Array[] = [];
	let received = 0;
	let limit: Limit | undefined;
	for (;;) {
		let next: ReadableStreamReadResult<Uint8Array> | typeof TIMED_OUT;
		try {
			next = await Promise.race([reader.read(), deadline]);
		} catch {
			stop();
			return link.unreachable();
		}
		if (next === TIMED_OUT) {
			stop();
			return link.timedOut();
		}
		if (next.done) break;
		chunks.push(next.value);
		received += next.value.length;
		if (limit === undefined && received >= 4) {
			limit = await limitOf(concat(chunks, received), limits);
			if (declared !== undefined && declared > limit.bytes) {
				stop();
				return link.tooLarge(declared, limit);
			}
		}
		// Until its first four bytes are in, a file is held to a routine file's limit.
		const now = limit ?? { bytes: limits.fileBytes, kind: 'routine file' };
		if (received > now.bytes) {
			stop();
			return link.tooLarge(undefined, now);
		}
	}
	return { ok: true, bytes: concat(chunks, received) };
}

/** The limit of one kind of file, and its name in a message. */
interface Limit {
	bytes: number;
	kind: 'routine file' | 'routine pack';
}

async function limitOf(start: Uint8Array, limits: LinkLimits): Promise<Limit> {
	return looksLikeZip(start)
		? { bytes: await limits.packBytes(), kind: 'routine pack' }
		: { bytes: limits.fileBytes, kind: 'routine file' };
}

function declaredBytes(response: Response): number | undefined {
	const header = response.headers.get('content-length');
	if (header === null || !/^\d+$/.test(header.trim())) return undefined;
	return Number(header);
}

/**
 * Whether the answer came from anywhere but the address asked for: a redirect kept back by
 * `redirect: 'manual'`, or one followed all the same (by a service worker, say).
 */
function redirected(response: Response, url: URL): boolean {
	if (response.type === 'opaqueredirect' || response.redirected) return true;
	if (response.url === '') return false;
	// The query is left aside: a service worker answers a cached file by its path alone.
	const answered = new URL(response.url);
	return answered.origin !== url.origin || answered.pathname !== url.pathname;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
	if (chunks.length === 1 && chunks[0]) return chunks[0];
	const bytes = new Uint8Array(length);
	let at = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, at);
		at += chunk.length;
	}
	return bytes;
}

/** "1 MiB", "300.0 MiB", "2,048 bytes". */
function size(bytes: number): string {
	const mib = bytes / (1024 * 1024);
	if (mib >= 1) return Number.isInteger(mib) ? `${mib} MiB` : `${mib.toFixed(1)} MiB`;
	return `${bytes.toLocaleString('en')} bytes`;
}

/** One link being fetched, and each way it can fail, in words. */
class Link {
	readonly where: string;

	constructor(
		readonly url: URL,
		readonly timeLimitMs: number
	) {
		this.where = url.pathname + url.search;
	}

	unreachable(): FetchedRoutine {
		return {
			ok: false,
			message: `The routine at ${this.where} could not be fetched: the network is unreachable. Connect to the internet and open the link again, or ${IMPORT_BY_HAND}.`
		};
	}

	timedOut(): FetchedRoutine {
		const seconds = Math.round(this.timeLimitMs / 1000);
		return {
			ok: false,
			message: `The routine at ${this.where} did not arrive within ${seconds} seconds, so Liana stopped waiting. Press Retry to ask the site again, or ${IMPORT_BY_HAND}.`,
			retry: true
		};
	}

	redirected(): FetchedRoutine {
		return {
			ok: false,
			message: `The link to ${this.where} sends you on to another address, so nothing was imported: Liana opens only the file a link names on its own site. Ask whoever sent it for a link straight to the file, or ${IMPORT_BY_HAND}.`
		};
	}

	refused(response: Response): FetchedRoutine {
		return {
			ok: false,
			message: `The routine at ${this.where} could not be fetched: the site answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Check the link with whoever sent it, or ${IMPORT_BY_HAND}.`
		};
	}

	webPage(): FetchedRoutine {
		return {
			ok: false,
			message: `There is no routine file at ${this.where}: the site answered with a web page. Check the link with whoever sent it, or ${IMPORT_BY_HAND}.`
		};
	}

	/** Said by the size declared when known, else as "larger than" the limit it passed. */
	tooLarge(bytes: number | undefined, limit: Limit): FetchedRoutine {
		const what = bytes === undefined ? `is larger than ${size(limit.bytes)}` : `is ${size(bytes)}`;
		const stopped = bytes === undefined ? 'Liana stopped fetching it' : 'it was not fetched';
		return {
			ok: false,
			message: `The file at ${this.where} ${what}; a ${limit.kind} may be at most ${size(limit.bytes)}, so ${stopped}. Check the link with whoever sent it.`
		};
	}

	/** Declared larger than a file of either kind may be. */
	tooLargeForAny(bytes: number, fileBytes: number, packBytes: number): FetchedRoutine {
		return {
			ok: false,
			message: `The file at ${this.where} is ${size(bytes)}; a routine file may be at most ${size(fileBytes)}, and a routine pack ${size(packBytes)}, so it was not fetched. Check the link with whoever sent it.`
		};
	}
}
