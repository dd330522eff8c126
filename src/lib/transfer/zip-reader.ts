/**
 * A zip reader that trusts nothing the zip says until it has checked it against the file: where
 * its directory lies, how many files it lists, where each file's data is, how large it unpacks and
 * its checksum. Ours, not fflate's `unzipSync`: that walks whatever count the end record claims
 * (4,294,967,294 entries in a 491-byte file froze a tab) and cuts a file that unpacks to more than
 * it declares without a word. fflate still does the inflating, a few KiB at a time.
 */
import { Inflate } from 'fflate';
import type { RoutineIssue } from '../routine';

/** One file as the zip's central directory lists it, every offset checked to lie in the file. */
export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated: the only two a pack may use. */
	method: 0 | 8;
	crc32: number;
	compressedBytes: number;
	/** What the directory says the file unpacks to: the hard stop for inflating it. */
	declaredBytes: number;
	/** Where the file's local header begins in the zip. */
	headerAt: number;
	/** Where the file's data begins in the zip. */
	dataAt: number;
}

/** The directory, or the one reason it cannot be trusted. */
export type ZipDirectory =
	{ ok: true; entries: ZipEntry[] } | { ok: false; issues: RoutineIssue[] };

/** A file unpacked and checked, or why not. */
export type UnpackedEntry = { ok: true; data: Uint8Array } | { ok: false; issue: RoutineIssue };

/** What is left of the pack's total for unpacking: every unpacked byte is taken from it. */
export interface UnpackBudget {
	leftBytes: number;
	totalBytes: number;
}

const END = 0x06054b50;
const END_BYTES = 22;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_END = 0x06064b50;
const ZIP64_END_BYTES = 56;
const CENTRAL = 0x02014b50;
/** The fixed part of a central directory entry: no entry, however named, takes less. */
export const CENTRAL_ENTRY_BYTES = 46;
const LOCAL = 0x04034b50;
const LOCAL_BYTES = 30;
/** Compressed input handed to the inflater at once: at most about 1,032 times this comes out. */
const INFLATE_STEP_BYTES = 4096;

const METHOD_NAMES: Record<number, string> = {
	9: 'Deflate64',
	12: 'bzip2',
	14: 'LZMA',
	93: 'Zstandard',
	95: 'XZ',
	98: 'PPMd',
	99: 'AES encryption'
};

const damaged = (what: string): RoutineIssue => ({
	path: '(file)',
	message: `the zip file is damaged (${what})`
});
const refused = (issue: RoutineIssue): ZipDirectory => ({ ok: false, issues: [issue] });

/**
 * Reads the central directory: the end record (and zip64's) checked first, the number of files
 * weighed against the file's size and against `maxFiles` before a single entry is walked, then
 * every entry bounds-checked; a name that comes twice is refused (which copy would count?).
 */
export function readZipDirectory(bytes: Uint8Array, maxFiles: number): ZipDirectory {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = findEnd(view);
	if (end === undefined)
		return refused(damaged('its directory, at the end, is missing or cut short'));
	const extent = directoryExtent(view, end);
	if ('issue' in extent) return refused(extent.issue);
	const { count, at, size } = extent;
	if (count * CENTRAL_ENTRY_BYTES > size) {
		return refused(
			damaged(
				`its directory claims ${count.toLocaleString('en')} files, more than ${size.toLocaleString('en')} bytes of directory can list`
			)
		);
	}
	if (count > maxFiles) {
		return refused({
			path: '(file)',
			message: `the pack holds ${count.toLocaleString('en')} files; a routine pack may hold at most ${maxFiles.toLocaleString('en')}`
		});
	}
	const entries: ZipEntry[] = [];
	const names = new Set<string>();
	let pos = at;
	for (let i = 0; i < count; i++) {
		const read = centralEntry(bytes, view, pos, at + size, at);
		if ('issue' in read) return refused(read.issue);
		if (names.has(read.entry.name)) {
			return refused({
				path: read.entry.name,
				message:
					'is in the zip more than once, so Liana cannot tell which copy counts; a routine pack holds each file once'
			});
		}
		names.add(read.entry.name);
		entries.push(read.entry);
		pos = read.next;
	}
	const overlap = overlapping(entries);
	if (overlap) {
		return refused({
			path: overlap.name,
			message: 'overlaps another file in the zip, as no zip tool writes; the zip is damaged'
		});
	}
	return { ok: true, entries };
}

/** The end record, searched from the end: the one whose comment runs exactly to the file's end. */
function findEnd(view: DataView): number | undefined {
	const last = view.byteLength - END_BYTES;
	const first = Math.max(0, last - 0xffff);
	for (let at = last; at >= first; at--) {
		if (
			view.getUint32(at, true) === END &&
			at + END_BYTES + view.getUint16(at + 20, true) === view.byteLength
		) {
			return at;
		}
	}
	return undefined;
}

type Extent = { count: number; at: number; size: number } | { issue: RoutineIssue };

/** Where the directory lies and how many entries it claims, from the end record or zip64's. */
function directoryExtent(view: DataView, end: number): Extent {
	const locatorAt = end - ZIP64_LOCATOR_BYTES;
	if (locatorAt >= 0 && view.getUint32(locatorAt, true) === ZIP64_LOCATOR) {
		const recordAt = uint64(view, locatorAt + 8);
		if (
			recordAt === undefined ||
			recordAt + ZIP64_END_BYTES > locatorAt ||
			view.getUint32(recordAt, true) !== ZIP64_END
		) {
			return { issue: damaged('its zip64 end record lies outside the file') };
		}
		if (view.getUint32(recordAt + 16, true) !== 0 || view.getUint32(recordAt + 20, true) !== 0) {
			return { issue: split() };
		}
		const onDisk = uint64(view, recordAt + 24);
		const count = uint64(view, recordAt + 32);
		const size = uint64(view, recordAt + 40);
		const at = uint64(view, recordAt + 48);
		return inside(onDisk, count, at, size, recordAt);
	}
	if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0) {
		return { issue: split() };
	}
	return inside(
		view.getUint16(end + 8, true),
		view.getUint16(end + 10, true),
		view.getUint32(end + 16, true),
		view.getUint32(end + 12, true),
		end
	);
}

function inside(
	onDisk: number | undefined,
	count: number | undefined,
	at: number | undefined,
	size: number | undefined,
	before: number
): Extent {
	if (onDisk === undefined || count === undefined || at === undefined || size === undefined) {
		return { issue: damaged('its end record holds numbers no file can have') };
	}
	if (onDisk !== count) return { issue: split() };
	if (at + size > before) return { issue: damaged('its directory lies outside the file') };
	return { count, at, size };
}

const split = (): RoutineIssue => ({
	path: '(file)',
	message: 'the zip is split across several files; a routine pack is one whole zip file'
});

/** A little-endian 64-bit number, or undefined past what a JavaScript number holds exactly. */
function uint64(view: DataView, at: number): number | undefined {
	const high = view.getUint32(at + 4, true);
	if (high >= 2 ** 21) return undefined;
	return high * 2 ** 32 + view.getUint32(at, true);
}

type CentralRead = { entry: ZipEntry; next: number } | { issue: RoutineIssue };

/** One central directory entry at `pos`, every length kept within the directory's `end`. */
function centralEntry(
	bytes: Uint8Array,
	view: DataView,
	pos: number,
	end: number,
	dataEnd: number
): CentralRead {
	const cut = { issue: damaged('an entry of its directory is cut short or unreadable') };
	if (pos + CENTRAL_ENTRY_BYTES > end || view.getUint32(pos, true) !== CENTRAL) return cut;
	const flags = view.getUint16(pos + 8, true);
	const method = view.getUint16(pos + 10, true);
	const nameBytes = view.getUint16(pos + 28, true);
	const extraBytes = view.getUint16(pos + 30, true);
	const commentBytes = view.getUint16(pos + 32, true);
	const next = pos + CENTRAL_ENTRY_BYTES + nameBytes + extraBytes + commentBytes;
	if (next > end) return cut;
	const rawName = bytes.subarray(pos + CENTRAL_ENTRY_BYTES, pos + CENTRAL_ENTRY_BYTES + nameBytes);
	const name = fileName(rawName, (flags & 0x800) !== 0);
	if (name === undefined) return { issue: damaged('a file name in it is not readable text') };
	if (flags & 0x41) {
		return {
			issue: { path: name, message: 'is locked with a password; a routine pack is not encrypted' }
		};
	}
	if (method !== 0 && method !== 8) {
		const known = METHOD_NAMES[method];
		return {
			issue: {
				path: name,
				message: `is compressed in a way Liana cannot open (${known ?? `method ${method}`}); a routine pack's files are stored or deflated, as zip tools do unless told otherwise`
			}
		};
	}
	const sizes = zip64Sizes(view, pos, pos + CENTRAL_ENTRY_BYTES + nameBytes, extraBytes);
	if (!sizes) return { issue: damaged(`the sizes of “${name}” are unreadable`) };
	const local = localData(bytes, view, sizes.localAt, rawName, dataEnd);
	if (local === undefined) {
		return { issue: damaged(`the header of “${name}” does not match its directory entry`) };
	}
	if (local + sizes.compressed > dataEnd) {
		return {
			issue: { path: name, message: 'lies partly outside the zip file; the zip is damaged' }
		};
	}
	if (method === 0 && sizes.compressed !== sizes.uncompressed) {
		return {
			issue: {
				path: name,
				message: 'is stored unpacked, yet its two sizes in the zip differ; the zip is damaged'
			}
		};
	}
	return {
		entry: {
			name,
			method,
			crc32: view.getUint32(pos + 16, true),
			compressedBytes: sizes.compressed,
			declaredBytes: sizes.uncompressed,
			headerAt: sizes.localAt,
			dataAt: local
		},
		next
	};
}

/** A name as the zip spells it: UTF-8 when flagged so, else one byte a character. */
function fileName(raw: Uint8Array, utf8: boolean): string | undefined {
	// A loop, not a spread: a name may be 65,535 bytes, past some engines' argument limits.
	if (!utf8) return Array.from(raw, (byte) => String.fromCharCode(byte)).join('');
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(raw);
	} catch {
		// Bytes that are no UTF-8 under the UTF-8 flag: the directory is damaged.
		return undefined;
	}
}

/** Sizes and the local header's place, the 32-bit ones replaced by zip64's where they are full. */
function zip64Sizes(
	view: DataView,
	pos: number,
	extraAt: number,
	extraBytes: number
): { compressed: number; uncompressed: number; localAt: number } | undefined {
	let compressed: number | undefined = view.getUint32(pos + 20, true);
	let uncompressed: number | undefined = view.getUint32(pos + 24, true);
	let localAt: number | undefined = view.getUint32(pos + 42, true);
	const FULL = 0xffffffff;
	if (compressed !== FULL && uncompressed !== FULL && localAt !== FULL) {
		return { compressed, uncompressed, localAt };
	}
	for (let at = extraAt; at + 4 <= extraAt + extraBytes;) {
		const id = view.getUint16(at, true);
		const size = view.getUint16(at + 2, true);
		const dataAt = at + 4;
		if (dataAt + size > extraAt + extraBytes) return undefined;
		if (id === 1) {
			let field = dataAt;
			const take = () => {
				if (field + 8 > dataAt + size) return undefined;
				const value = uint64(view, field);
				field += 8;
				return value;
			};
			if (uncompressed === FULL) uncompressed = take();
			if (compressed === FULL) compressed = take();
			if (localAt === FULL) localAt = take();
			if (compressed === undefined || uncompressed === undefined || localAt === undefined) {
				return undefined;
			}
			return { compressed, uncompressed, localAt };
		}
		at = dataAt + size;
	}
	return undefined;
}

/** Where a file's data begins, once its local header is found where the directory says, same name. */
function localData(
	bytes: Uint8Array,
	view: DataView,
	localAt: number,
	name: Uint8Array,
	dataEnd: number
): number | undefined {
	if (localAt + LOCAL_BYTES > dataEnd || view.getUint32(localAt, true) !== LOCAL) return undefined;
	const nameBytes = view.getUint16(localAt + 26, true);
	const extraBytes = view.getUint16(localAt + 28, true);
	const dataAt = localAt + LOCAL_BYTES + nameBytes + extraBytes;
	if (dataAt > dataEnd || nameBytes !== name.length) return undefined;
	const localName = bytes.subarray(localAt + LOCAL_BYTES, localAt + LOCAL_BYTES + nameBytes);
	return localName.every((byte, i) => byte === name[i]) ? dataAt : undefined;
}

/** The first entry whose header begins inside the one before: one byte read as two files. */
function overlapping(entries: readonly ZipEntry[]): ZipEntry | undefined {
	const sorted = [...entries].sort((a, b) => a.headerAt - b.headerAt);
	for (let i = 1; i < sorted.length; i++) {
		const before = sorted[i - 1];
		const after = sorted[i];
		if (before && after && before.dataAt + before.compressedBytes > after.headerAt) return after;
	}
	return undefined;
}

/**
 * Unpacks one file with a hard stop: inflating ends as soon as the output passes the size the
 * zip declares (or what is left of the pack's total), so a file that lies about its size costs at
 * most a few MiB before it is refused. Its CRC-32 is then checked.
 */
export function unpackEntry(
	bytes: Uint8Array,
	entry: ZipEntry,
	budget: UnpackBudget
): UnpackedEntry {
	const fail = (message: string): UnpackedEntry => ({
		ok: false,
		issue: { path: entry.name, message }
	});
	const wrongSize = (more: boolean) =>
		fail(
			`does not unpack to the ${entry.declaredBytes.toLocaleString('en')} bytes the zip declares (it holds ${more ? 'more' : 'less'}); the zip is damaged`
		);
	if (entry.declaredBytes > budget.leftBytes) return overBudget(entry, budget);
	const packed = bytes.subarray(entry.dataAt, entry.dataAt + entry.compressedBytes);
	let data: Uint8Array;
	if (entry.method === 0) {
		data = packed;
	} else {
		const out = inflateAtMost(packed, entry.declaredBytes);
		if (out.kind === 'broken')
			return fail(`cannot be unpacked (${out.detail}); the zip is damaged`);
		if (out.kind === 'more') return wrongSize(true);
		data = out.data;
	}
	if (data.length !== entry.declaredBytes) return wrongSize(data.length > entry.declaredBytes);
	if (crc32(data) !== entry.crc32) {
		return fail(
			'does not match its checksum (CRC-32), so its contents cannot be trusted; the zip is damaged'
		);
	}
	budget.leftBytes -= data.length;
	return { ok: true, data };
}

function overBudget(entry: ZipEntry, budget: UnpackBudget): UnpackedEntry {
	return {
		ok: false,
		issue: {
			path: entry.name,
			message: `would take the pack past the ${budget.totalBytes.toLocaleString('en')} bytes a routine pack may unpack to`
		}
	};
}

type Inflated =
	{ kind: 'done'; data: Uint8Array } | { kind: 'more' } | { kind: 'broken'; detail: string };

/** Inflates a few KiB of input at a time and stops once the output passes `limit` bytes. */
function inflateAtMost(packed: Uint8Array, limit: number): Inflated {
	const parts: Uint8Array[] = [];
	let outBytes = 0;
	const inflater = new Inflate((chunk) => {
		outBytes += chunk.length;
		if (outBytes <= limit) parts.push(chunk);
	});
	try {
		for (let at = 0; at < packed.length || at === 0; at += INFLATE_STEP_BYTES) {
			const last = at + INFLATE_STEP_BYTES >= packed.length;
			inflater.push(packed.subarray(at, at + INFLATE_STEP_BYTES), last);
			if (outBytes > limit) return { kind: 'more' };
			if (last) break;
		}
	} catch (error) {
		return { kind: 'broken', detail: error instanceof Error ? error.message : String(error) };
	}
	const data = new Uint8Array(outBytes);
	let at = 0;
	for (const part of parts) {
		data.set(part, at);
		at += part.length;
	}
	return { kind: 'done', data };
}

const CRC_TABLE = (() => {
	const table = new Int32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c;
	}
	return table;
})();

/** The zip's checksum (CRC-32, as in PNG and gzip): fflate keeps its own to itself. */
export function crc32(data: Uint8Array): number {
	let c = -1;
	for (let i = 0; i < data.length; i++)
		c = (CRC_TABLE[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}
