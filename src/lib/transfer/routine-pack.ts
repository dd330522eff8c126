/**
 * Routine packs: one `.zip` with a routine file exactly as written (`routine.json`), the coach's
 * recorded cues (`audio/<cue>.<ext>`) and a small manifest (`pack.json`). Reading checks
 * everything before anything is stored: the zip's directory and every size it declares (a zip
 * bomb is refused unopened), each file unpacked no further than it declares and its checksum, the
 * manifest, every file it names, and that each is audio by its signature. The format is in
 * docs/routine-pack.md. Loaded only when a pack is made or read (fflate stays off the player).
 */
import { strFromU8, strToU8, zipSync } from 'fflate';
import { parseCueKey } from '../routine/cue-keys';
import { LIMITS, parseRoutine, type RoutineIssue } from '../routine';
import { soundsLikeAudio } from './audio-signature';
import { mib, oversizePack, PACK_DURATION_SEC, PACK_LIMITS, type PackLimits } from './pack-limits';
import { looksLikeZip } from './routine-import';
import { decodeRoutineText } from './routine-text';
import { readZipDirectory, unpackEntry, type UnpackedEntry, type ZipEntry } from './zip-reader';

/** The manifest's `format`: what tells a pack from any other zip. */
export const PACK_FORMAT = 'liana-routine-pack';
/** The manifest version this app writes and reads. */
export const PACK_VERSION = 1;

export { PACK_DURATION_SEC, PACK_LIMITS, oversizePack, type PackLimits } from './pack-limits';

/** A recorded cue as a pack carries it. */
export interface PackedRecording {
	/** `defaults/<phase>` or `<step id>/<phase>`. */
	cue: string;
	audio: ArrayBuffer;
	mimeType: string;
	durationSec: number;
	/** Where it lies in the pack (`audio/…`), to name it; absent for one not read from a pack. */
	file?: string;
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

/**
 * Reads and checks a pack; nothing in it is trusted until every check has passed. The work is
 * bounded by the pack's size: the directory is checked before it is walked, and each file
 * unpacked with a hard stop at its declared size. Runs in a worker (pack-worker.ts), and here in
 * tests.
 */
export function readPack(bytes: Uint8Array, limits: PackLimits = PACK_LIMITS): PackContents {
	const fail = (path: string, message: string): PackContents => ({
		ok: false,
		issues: [{ path, message }]
	});
	const tooLarge = oversizePack(bytes.length, limits);
	if (tooLarge) return { ok: false, issues: [tooLarge] };
	if (!looksLikeZip(bytes))
		return fail('(file)', 'this is not a zip file, so it is no routine pack');

	const directory = readZipDirectory(bytes, limits.files);
	if (!directory.ok) return directory;
	const sizes = checkSizes(directory.entries, limits);
	if (sizes.length > 0) return { ok: false, issues: sizes };
	const entries = new Map(directory.entries.map((entry) => [entry.name, entry]));
	const budget = { leftBytes: limits.unpackedBytes, totalBytes: limits.unpackedBytes };
	const unpacked = new Map<string, UnpackedEntry>();
	/** A file unpacked once however often it is named; undefined when the zip has none so named. */
	const unpack = (name: string): UnpackedEntry | undefined => {
		const entry = entries.get(name);
		if (!entry) return undefined;
		const known = unpacked.get(name);
		if (known) return known;
		const result = unpackEntry(bytes, entry, budget);
		unpacked.set(name, result);
		return result;
	};

	const manifestBytes = unpack(MANIFEST);
	if (!manifestBytes) {
		return fail(MANIFEST, 'missing: a routine pack has a pack.json that lists its recordings');
	}
	if (!manifestBytes.ok) return { ok: false, issues: [manifestBytes.issue] };
	const manifest = readManifest(manifestBytes.data);
	if (!manifest.ok) return manifest;
	const routineBytes = unpack(ROUTINE);
	if (!routineBytes)
		return fail(ROUTINE, 'missing: a routine pack has the routine file, routine.json');
	if (!routineBytes.ok) return { ok: false, issues: [routineBytes.issue] };

	const decoded = decodeRoutineText(routineBytes.data);
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
	// Each cue keeps a copy of its own: one file named by thousands of cues must not multiply.
	let keptBytes = 0;
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
		const audio = unpack(entry.file);
		if (!audio) {
			issues.push({
				path: `${where}.file`,
				message: `names "${entry.file}", which is not in the pack`
			});
			continue;
		}
		if (!audio.ok) {
			issues.push(audio.issue);
			continue;
		}
		if (!soundsLikeAudio(audio.data)) {
			issues.push({
				path: entry.file,
				message: 'is not an audio file (not WebM, Ogg, MP4, MP3, WAV or FLAC)'
			});
			continue;
		}
		keptBytes += audio.data.length;
		if (keptBytes > limits.unpackedBytes) {
			issues.push({
				path: `${where}.file`,
				message: `names "${entry.file}" once more, taking the recordings past the ${mib(limits.unpackedBytes)} a routine pack may unpack to; name each recording once`
			});
			break;
		}
		recordings.push({
			cue,
			// A copy of its own, so the stored recording does not hold the whole zip in memory.
			audio: audio.data.slice().buffer,
			mimeType: entry.mimeType,
			durationSec: entry.durationSec,
			file: entry.file
		});
	}
	return issues.length > 0 ? { ok: false, issues } : { ok: true, text, recordings };
}

/** Every file's declared size checked before anything is unpacked: a zip bomb never unfolds. */
function checkSizes(entries: readonly ZipEntry[], limits: PackLimits): RoutineIssue[] {
	const issues: RoutineIssue[] = [];
	let total = 0;
	for (const file of entries) {
		total += file.declaredBytes;
		const limit =
			file.name === MANIFEST
				? limits.manifestBytes
				: file.name === ROUTINE
					? LIMITS.fileBytes
					: limits.audioBytes;
		if (file.declaredBytes > limit) {
			issues.push({
				path: file.name,
				message: `unpacks to ${mib(file.declaredBytes)}; a file in a routine pack may be at most ${mib(limit)}`
			});
		}
	}
	if (total > limits.unpackedBytes) {
		issues.unshift({
			path: '(file)',
			message: `the pack unpacks to ${mib(total)}; a routine pack may unpack to at most ${mib(limits.unpackedBytes)}`
		});
	}
	return issues;
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

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
