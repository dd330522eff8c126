/**
 * Routine packs: one `.zip` with a routine file exactly as written (`routine.json`), the coach's
 * recorded cues (`audio/<cue>.<ext>`) and a small manifest (`pack.json`). Reading checks
 * everything before anything is stored: sizes as the zip declares them (a zip bomb is refused
 * unopened), the manifest, every file it names, and that each is audio. The format is in
 * docs/routine-pack.md. Loaded only when a pack is made or read (fflate stays off the player).
 */
import { strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo } from 'fflate';
import { parseCueKey } from '../routine/cue-keys';
import { LIMITS, parseRoutine, type RoutineIssue } from '../routine';
import { looksLikeZip } from './routine-import';
import { decodeRoutineText } from './routine-text';

/** The manifest's `format`: what tells a pack from any other zip. */
export const PACK_FORMAT = 'liana-routine-pack';
/** The manifest version this app writes and reads. */
export const PACK_VERSION = 1;

/** How large a pack and its parts may be: room for hours of speech, not for a zip bomb. */
export const PACK_LIMITS = {
	/** The `.zip` file itself. */
	packBytes: 100 * 1024 * 1024,
	/** All files unpacked together. */
	unpackedBytes: 100 * 1024 * 1024,
	/** One recording, unpacked. */
	audioBytes: 10 * 1024 * 1024,
	/** `pack.json`, unpacked. */
	manifestBytes: 1024 * 1024,
	/** Files in the zip. */
	files: 4000
};

/** One recording's length at most, in seconds. */
export const PACK_DURATION_SEC = 600;

/** Limits a pack is read with. */
export type PackLimits = typeof PACK_LIMITS;

/** A recorded cue as a pack carries it. */
export interface PackedRecording {
	/** `defaults/<phase>` or `<step id>/<phase>`. */
	cue: string;
	audio: ArrayBuffer;
	mimeType: string;
	durationSec: number;
}

/** What a pack holds once read and checked, or every problem found by its place in the pack. */
export type PackContents =
	{ ok: true; text: string; recordings: PackedRecording[] } | { ok: false; issues: RoutineIssue[] };

/** One cue's entry in `pack.json`. */
export interface PackCue {
	file: string;
	mimeType: string;
	durationSec: number;
}

/** `pack.json`. */
export interface PackManifest {
	format: typeof PACK_FORMAT;
	version: typeof PACK_VERSION;
	cues: Record<string, PackCue>;
}

const MANIFEST = 'pack.json';
const ROUTINE = 'routine.json';

/** A file name for a recording: `audio/<cue>.<ext>`, the extension from its type. */
export function audioPath(cue: string, mimeType: string): string {
	const type = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
	const ext =
		{
			'audio/webm': 'webm',
			'audio/ogg': 'ogg',
			'audio/mp4': 'm4a',
			'audio/aac': 'aac',
			'audio/mpeg': 'mp3',
			'audio/wav': 'wav',
			'audio/wave': 'wav',
			'audio/x-wav': 'wav',
			'audio/flac': 'flac'
		}[type] ?? 'audio';
	return `audio/${cue}.${ext}`;
}

/** Packs a routine's exact text and its recordings into one `.zip`. */
export function writePack(
	text: string,
	recordings: readonly PackedRecording[],
	mtime: Date = new Date()
): Uint8Array<ArrayBuffer> {
	const cues: Record<string, PackCue> = {};
	const files: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {};
	for (const recording of [...recordings].sort((a, b) => a.cue.localeCompare(b.cue))) {
		const file = audioPath(recording.cue, recording.mimeType);
		cues[recording.cue] = {
			file,
			mimeType: recording.mimeType,
			durationSec: recording.durationSec
		};
		// Recorded audio is compressed already: stored as it is.
		files[file] = [new Uint8Array(recording.audio), { level: 0, mtime }];
	}
	const manifest: PackManifest = { format: PACK_FORMAT, version: PACK_VERSION, cues };
	// fflate makes the zip in a buffer of its own, never a shared one.
	return zipSync({
		[MANIFEST]: [strToU8(JSON.stringify(manifest, null, '\t') + '\n'), { level: 6, mtime }],
		[ROUTINE]: [strToU8(text), { level: 6, mtime }],
		...files
	}) as Uint8Array<ArrayBuffer>;
}

/** Reads a chosen or dropped pack file: one over the size limit is refused unread. */
export async function readPackFile(
	file: Blob,
	limits: PackLimits = PACK_LIMITS
): Promise<PackContents> {
	const tooLarge = oversizePack(file.size, limits);
	if (tooLarge) return { ok: false, issues: [tooLarge] };
	return readPack(new Uint8Array(await file.arrayBuffer()), limits);
}

/** Reads and checks a pack; nothing in it is trusted until every check has passed. */
export function readPack(bytes: Uint8Array, limits: PackLimits = PACK_LIMITS): PackContents {
	const fail = (path: string, message: string): PackContents => ({
		ok: false,
		issues: [{ path, message }]
	});
	const tooLarge = oversizePack(bytes.length, limits);
	if (tooLarge) return { ok: false, issues: [tooLarge] };
	if (!looksLikeZip(bytes))
		return fail('(file)', 'this is not a zip file, so it is no routine pack');

	const sizes = checkSizes(bytes, limits);
	if (!sizes.ok) return sizes;
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes);
	} catch (error) {
		return fail(
			'(file)',
			`the zip file is damaged or uses a kind of zip Liana cannot open (${errorText(error)})`
		);
	}
	for (const [name, data] of Object.entries(files)) {
		// fflate fills a buffer of the size declared: a file that unpacks to more is cut, or to less.
		if (data.length !== sizes.declared.get(name)) {
			return fail(
				name,
				'the file does not unpack to the size the zip declares; the zip is damaged'
			);
		}
	}

	const manifestBytes = files[MANIFEST];
	if (!manifestBytes) {
		return fail(MANIFEST, 'missing: a routine pack has a pack.json that lists its recordings');
	}
	const manifest = readManifest(manifestBytes);
	if (!manifest.ok) return manifest;
	const routineBytes = files[ROUTINE];
	if (!routineBytes)
		return fail(ROUTINE, 'missing: a routine pack has the routine file, routine.json');

	const decoded = decodeRoutineText(routineBytes);
	if (!decoded.ok) {
		return { ok: false, issues: [{ ...decoded.issue, path: `${ROUTINE} ${decoded.issue.path}` }] };
	}
	const text = decoded.text;
	const parsed = parseRoutine(text);
	if (!parsed.ok) {
		return {
			ok: false,
			issues: parsed.issues.map((issue) => ({ ...issue, path: `${ROUTINE} ${issue.path}` }))
		};
	}
	const stepIds = new Set(parsed.routine.steps.map((step) => step.id));

	const issues: RoutineIssue[] = [];
	const recordings: PackedRecording[] = [];
	for (const [cue, entry] of Object.entries(manifest.value.cues)) {
		const where = `${MANIFEST} cues["${cue}"]`;
		const key = parseCueKey(cue);
		if (!key) {
			issues.push({
				path: where,
				message:
					'is not a cue Liana knows: a cue is "defaults/<phase>" or "<step id>/<phase>", the phase one of approach, breathe, soften, come-back, rest, release, recover (and countdown or done for defaults)'
			});
			continue;
		}
		if (key.scope !== 'defaults' && !stepIds.has(key.scope)) {
			issues.push({
				path: where,
				message: `names the step "${key.scope}", which the routine does not have`
			});
			continue;
		}
		const audio = files[entry.file];
		if (!audio) {
			issues.push({
				path: `${where}.file`,
				message: `names "${entry.file}", which is not in the pack`
			});
			continue;
		}
		if (!soundsLikeAudio(audio)) {
			issues.push({
				path: entry.file,
				message: 'is not an audio file (not WebM, Ogg, MP4, MP3, WAV or FLAC)'
			});
			continue;
		}
		recordings.push({
			cue,
			// A copy of its own, so the stored recording does not hold the whole zip in memory.
			audio: audio.slice().buffer,
			mimeType: entry.mimeType,
			durationSec: entry.durationSec
		});
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, text, recordings };
}

function oversizePack(bytes: number, limits: PackLimits): RoutineIssue | undefined {
	if (bytes <= limits.packBytes) return undefined;
	return {
		path: '(file)',
		message: `the pack is ${mib(bytes)}; a routine pack may be at most ${mib(limits.packBytes)}`
	};
}

/** Checks every file's declared size before anything is unpacked: a zip bomb never unfolds. */
function checkSizes(
	bytes: Uint8Array,
	limits: PackLimits
): { ok: true; declared: Map<string, number> } | { ok: false; issues: RoutineIssue[] } {
	const declared = new Map<string, number>();
	const issues: RoutineIssue[] = [];
	let total = 0;
	const look = (file: UnzipFileInfo) => {
		declared.set(file.name, file.originalSize);
		total += file.originalSize;
		const limit =
			file.name === MANIFEST
				? limits.manifestBytes
				: file.name === ROUTINE
					? LIMITS.fileBytes
					: limits.audioBytes;
		if (file.originalSize > limit) {
			issues.push({
				path: file.name,
				message: `unpacks to ${mib(file.originalSize)}; a file in a routine pack may be at most ${mib(limit)}`
			});
		}
	};
	try {
		// The filter sees each file's header and declines all: nothing is unpacked here.
		unzipSync(bytes, {
			filter: (file) => {
				look(file);
				return false;
			}
		});
	} catch (error) {
		return {
			ok: false,
			issues: [
				{
					path: '(file)',
					message: `the zip file is damaged or uses a kind of zip Liana cannot open (${errorText(error)})`
				}
			]
		};
	}
	if (declared.size > limits.files) {
		issues.unshift({
			path: '(file)',
			message: `the pack holds ${declared.size.toLocaleString('en')} files; a routine pack may hold at most ${limits.files.toLocaleString('en')}`
		});
	}
	if (total > limits.unpackedBytes) {
		issues.unshift({
			path: '(file)',
			message: `the pack unpacks to ${mib(total)}; a routine pack may unpack to at most ${mib(limits.unpackedBytes)}`
		});
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, declared };
}

/** `pack.json` read and checked key by key. */
function readManifest(
	bytes: Uint8Array
): { ok: true; value: PackManifest } | { ok: false; issues: RoutineIssue[] } {
	const bad = (path: string, message: string) => ({
		ok: false as const,
		issues: [{ path: path ? `${MANIFEST} ${path}` : MANIFEST, message }]
	});
	let value: unknown;
	try {
		value = JSON.parse(strFromU8(bytes));
	} catch (error) {
		return bad('', `is not valid JSON (${errorText(error)})`);
	}
	if (!isRecord(value)) return bad('', 'must be a JSON object');
	if (value['format'] !== PACK_FORMAT) {
		return bad('format', `must be "${PACK_FORMAT}": this zip is not a Liana routine pack`);
	}
	if (value['version'] !== PACK_VERSION) {
		return typeof value['version'] === 'number' && value['version'] > PACK_VERSION
			? bad(
					'version',
					`is ${value['version']}: this pack was made by a newer Liana; update the app, then import it again`
				)
			: bad('version', `must be ${PACK_VERSION}`);
	}
	const cues = value['cues'];
	if (!isRecord(cues)) return bad('cues', 'must be an object of cue → file');
	const issues: RoutineIssue[] = [];
	for (const [cue, entry] of Object.entries(cues)) {
		const path = `${MANIFEST} cues["${cue}"]`;
		if (!isRecord(entry)) {
			issues.push({ path, message: 'must be an object with file, mimeType and durationSec' });
			continue;
		}
		const { file, mimeType, durationSec } = entry;
		if (typeof file !== 'string' || !/^audio\/[a-z0-9/._-]+$/.test(file) || file.includes('..')) {
			issues.push({
				path: `${path}.file`,
				message: 'must be a path inside the pack\'s "audio/" folder'
			});
		}
		if (typeof mimeType !== 'string' || !/^audio\/[\w.+-]+(;.{0,80})?$/.test(mimeType)) {
			issues.push({
				path: `${path}.mimeType`,
				message: 'must be an audio type, like "audio/webm"'
			});
		}
		if (
			typeof durationSec !== 'number' ||
			!Number.isFinite(durationSec) ||
			durationSec <= 0 ||
			durationSec > PACK_DURATION_SEC
		) {
			issues.push({
				path: `${path}.durationSec`,
				message: `must be the recording's length in seconds, more than 0 and at most ${PACK_DURATION_SEC}`
			});
		}
	}
	if (issues.length > 0) return { ok: false, issues };
	return { ok: true, value: value as unknown as PackManifest };
}

/** Whether the bytes begin as an audio file of a kind browsers record or play. */
export function soundsLikeAudio(bytes: Uint8Array): boolean {
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	const [a, b, c, d] = bytes;
	return (
		(ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') ||
		ascii(0, 4) === 'OggS' ||
		ascii(0, 4) === 'fLaC' ||
		ascii(4, 8) === 'ftyp' ||
		ascii(0, 3) === 'ID3' ||
		(a === 0x1a && b === 0x45 && c === 0xdf && d === 0xa3) ||
		// An MPEG audio frame (MP3, ADTS AAC): eleven set bits of frame sync.
		(a === 0xff && b !== undefined && (b & 0xe0) === 0xe0)
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mib(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
		: `${bytes.toLocaleString('en')} bytes`;
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
