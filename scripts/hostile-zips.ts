/**
 * Hostile routine packs, crafted in memory byte by byte: each is a good pack but for one lie, as
 * a careless or hostile author might make it. The unit tests, the journeys and the benchmark use
 * them; `tsx scripts/hostile-zips.ts <folder>` writes them out to try by hand. Made here rather
 * than kept as blobs, so what each one breaks is read in code.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, strToU8 } from 'fflate';

/** One file as it goes into a crafted zip, with whatever the directory is made to claim. */
export interface CraftedEntry {
	name: string;
	/** The bytes written as the file's data (already deflated for method 8). */
	data: Uint8Array;
	method: number;
	crc: number;
	/** What the directory says the file unpacks to. */
	declaredBytes: number;
	/** Sizes written in the directory's zip64 extra field, as for files over 4 GiB. */
	zip64Sizes?: boolean;
}

/** A file deflated, its CRC and size told truthfully. */
export function deflated(name: string, content: Uint8Array): CraftedEntry {
	return {
		name,
		data: deflateSync(content),
		method: 8,
		crc: crc32(content),
		declaredBytes: content.length
	};
}

/** A file stored as it is. */
export function stored(name: string, content: Uint8Array): CraftedEntry {
	return { name, data: content, method: 0, crc: crc32(content), declaredBytes: content.length };
}

/**
 * A zip of the entries in order, written as zip tools write one; with `zip64Count`, a zip64 end
 * record and locator claim that many entries and the plain end record points to them.
 */
export function craftZip(entries: readonly CraftedEntry[], zip64Count?: number): Uint8Array {
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = strToU8(entry.name);
		const local = header(30, (view) => {
			view.setUint32(0, 0x04034b50, true);
			view.setUint16(4, 20, true);
			view.setUint16(8, entry.method, true);
			view.setUint32(14, entry.crc, true);
			view.setUint32(18, entry.data.length, true);
			view.setUint32(22, entry.declaredBytes, true);
			view.setUint16(26, name.length, true);
		});
		const extra = entry.zip64Sizes
			? header(20, (view) => {
					view.setUint16(0, 1, true);
					view.setUint16(2, 16, true);
					view.setBigUint64(4, BigInt(entry.declaredBytes), true);
					view.setBigUint64(12, BigInt(entry.data.length), true);
				})
			: new Uint8Array(0);
		const FULL = 0xffffffff;
		central.push(
			header(46, (view) => {
				view.setUint32(0, 0x02014b50, true);
				view.setUint16(4, 20, true);
				view.setUint16(6, 20, true);
				view.setUint16(10, entry.method, true);
				view.setUint32(16, entry.crc, true);
				view.setUint32(20, entry.zip64Sizes ? FULL : entry.data.length, true);
				view.setUint32(24, entry.zip64Sizes ? FULL : entry.declaredBytes, true);
				view.setUint16(28, name.length, true);
				view.setUint16(30, extra.length, true);
				view.setUint32(42, offset, true);
			}),
			name,
			extra
		);
		parts.push(local, name, entry.data);
		offset += local.length + name.length + entry.data.length;
	}
	const directoryAt = offset;
	const directoryBytes = central.reduce((sum, part) => sum + part.length, 0);
	const tail: Uint8Array[] = [];
	if (zip64Count !== undefined) {
		const recordAt = directoryAt + directoryBytes;
		tail.push(
			header(56, (view) => {
				view.setUint32(0, 0x06064b50, true);
				view.setBigUint64(4, 44n, true);
				view.setUint16(12, 45, true);
				view.setUint16(14, 45, true);
				view.setBigUint64(24, BigInt(zip64Count), true);
				view.setBigUint64(32, BigInt(zip64Count), true);
				view.setBigUint64(40, BigInt(directoryBytes), true);
				view.setBigUint64(48, BigInt(directoryAt), true);
			}),
			header(20, (view) => {
				view.setUint32(0, 0x07064b50, true);
				view.setBigUint64(8, BigInt(recordAt), true);
				view.setUint32(16, 1, true);
			})
		);
	}
	const count = zip64Count === undefined ? entries.length : 0xffff;
	tail.push(
		header(22, (view) => {
			view.setUint32(0, 0x06054b50, true);
			view.setUint16(8, count, true);
			view.setUint16(10, count, true);
			view.setUint32(12, directoryBytes, true);
			view.setUint32(16, directoryAt, true);
		})
	);
	return concat([...parts, ...central, ...tail]);
}

function header(bytes: number, fill: (view: DataView) => void): Uint8Array {
	const out = new Uint8Array(bytes);
	fill(new DataView(out.buffer));
	return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

/** CRC-32 written out again here, so the crafted zips do not lean on the reader they test. */
export function crc32(data: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of data) c = ((CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8)) >>> 0;
	return (c ^ 0xffffffff) >>> 0;
}

/** The routine every hostile pack carries: valid, so only the zip's lie is refused. */
export const ROUTINE_TEXT =
	'{"version":1,"id":"hostile","title":"Hostile","steps":[{"type":"rest","id":"still","title":"Still","seconds":30}]}\n';

/** Where each pack keeps its one recording. */
export const AUDIO_NAME = 'audio/still/rest.wav';

const MANIFEST_TEXT = JSON.stringify({
	format: 'liana-routine-pack',
	version: 1,
	cues: { 'still/rest': { file: AUDIO_NAME, mimeType: 'audio/wav', durationSec: 1 } }
});

/** A WAV file of silence: the header, then `samples` zero samples of 16 bits at 8 kHz. */
export function silentWav(samples = 800): Uint8Array {
	const out = new Uint8Array(44 + samples * 2);
	const view = new DataView(out.buffer);
	out.set(strToU8('RIFF'), 0);
	view.setUint32(4, 36 + samples * 2, true);
	out.set(strToU8('WAVEfmt '), 8);
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, 8000, true);
	view.setUint32(28, 16000, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	out.set(strToU8('data'), 36);
	view.setUint32(40, samples * 2, true);
	return out;
}

const manifest = () => deflated('pack.json', strToU8(MANIFEST_TEXT));
const routine = () => deflated('routine.json', strToU8(ROUTINE_TEXT));

/** The good pack every hostile one departs from: manifest, routine, one recording. */
export function goodPack(audio: CraftedEntry = stored(AUDIO_NAME, silentWav())): Uint8Array {
	return craftZip([manifest(), routine(), audio]);
}

/** The entry-count bomb: two good files, and a zip64 end record claiming 4,294,967,294 entries. */
export function entryCountBomb(): Uint8Array {
	return craftZip([manifest(), routine()], 4_294_967_294);
}

/** A recording declared as 4 KiB that inflates to `inflatesToBytes` (8 MiB unless told). */
export function lyingSizes(inflatesToBytes = 8 * 1024 * 1024): Uint8Array {
	const content = new Uint8Array(inflatesToBytes);
	content.set(silentWav(0));
	return goodPack({ ...deflated(AUDIO_NAME, content), declaredBytes: 4096 });
}

/** The recording `copies` times under the one name. */
export function sameNames(copies = 3): Uint8Array {
	const audio = stored(AUDIO_NAME, silentWav(8));
	return craftZip([manifest(), routine(), ...Array.from({ length: copies }, () => audio)]);
}

/** A second, different `routine.json` after the first: which one would win? */
export function duplicateRoutine(): Uint8Array {
	const other = strToU8(ROUTINE_TEXT.replace('"Hostile"', '"Second"'));
	return craftZip([
		manifest(),
		routine(),
		deflated('routine.json', other),
		stored(AUDIO_NAME, silentWav())
	]);
}

/** The recording with one bit of its checksum turned. */
export function badCrc(): Uint8Array {
	const audio = stored(AUDIO_NAME, silentWav());
	return goodPack({ ...audio, crc: (audio.crc ^ 1) >>> 0 });
}

/** Bytes that begin as an MP3 frame does (FF FB 90 …) and then are nothing of the kind. */
export function notAudio(): Uint8Array {
	const bytes = new Uint8Array(2048);
	bytes.set([0xff, 0xfb, 0x90, 0x64]);
	for (let i = 4; i < bytes.length; i++) bytes[i] = (i * 37) & 0x7f;
	return goodPack(stored(AUDIO_NAME, bytes));
}

/** The recording compressed with bzip2 (method 12), which no browser zip reader opens. */
export function unsupportedMethod(): Uint8Array {
	return goodPack({ ...stored(AUDIO_NAME, silentWav()), method: 12 });
}

/** Every hostile pack by its file name: what `tsx scripts/hostile-zips.ts <folder>` writes. */
export const HOSTILE_PACKS: Record<string, () => Uint8Array> = {
	'entry-count-bomb.zip': entryCountBomb,
	'lying-sizes.zip': () => lyingSizes(),
	'same-names.zip': () => sameNames(),
	'duplicate-routine.zip': duplicateRoutine,
	'bad-crc.zip': badCrc,
	'not-audio.zip': notAudio,
	'unsupported-method.zip': unsupportedMethod
};

if (import.meta.url === `file://${process.argv[1]}`) {
	const folder = process.argv[2] ?? 'hostile-packs';
	await mkdir(folder, { recursive: true });
	for (const [name, make] of Object.entries(HOSTILE_PACKS)) {
		await writeFile(join(folder, name), make());
		console.log(join(folder, name));
	}
}
