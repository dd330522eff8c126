import { type Zippable } from 'fflate';
import { Inflate, strToU8 as strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	badCrc,
	duplicateRoutine,
	entryCountBomb,
	goodPack,
	lyingSizes,
	notAudio,
	sameNames,
	unsupportedMethod
} from '../../../scripts/hostile-zips';
import {
	audioPath,
	PACK_FORMAT,
	PACK_LIMITS,
	readPack,
	writePack,
	type PackContents,
	type PackedRecording
} from './routine-pack';
import { looksLikeZip } from './routine-import';
import { sineWav } from '$test/recordings';

/** A routine file as a coach writes it: its own spacing and an `x-` key, kept exactly. */
const TEXT = `{
  "version": 1, "id": "evening",   "title": "Evening",
  "x-coach": "Ana",
  "steps": [
    { "type": "stretch", "id": "hip", "title": "Hip opener", "side": "left" },
    { "type": "rest", "id": "still", "title": "Still", "seconds": 30 }
  ]
}
`;

const RECORDINGS: PackedRecording[] = [
	{ cue: 'hip/soften', audio: sineWav(1.5).buffer, mimeType: 'audio/wav', durationSec: 1.5 },
	{ cue: 'defaults/countdown', audio: sineWav(0.5).buffer, mimeType: 'audio/wav', durationSec: 0.5 }
];

const MANIFEST = {
	format: PACK_FORMAT,
	version: 1,
	cues: { 'hip/soften': { file: 'audio/hip/soften.wav', mimeType: 'audio/wav', durationSec: 1.5 } }
};

/** A pack made by hand, to break one thing at a time. */
function pack(files: Record<string, unknown>): Uint8Array {
	const zippable: Zippable = {};
	for (const [name, value] of Object.entries(files)) {
		if (value === undefined) continue;
		zippable[name] =
			value instanceof Uint8Array
				? value
				: value instanceof ArrayBuffer
					? new Uint8Array(value)
					: strToU8(typeof value === 'string' ? value : JSON.stringify(value));
	}
	return zipSync(zippable);
}

const GOOD = {
	'pack.json': MANIFEST,
	'routine.json': TEXT,
	'audio/hip/soften.wav': sineWav(1.5)
};

function problems(read: PackContents): string[] {
	return read.ok ? [] : read.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('a routine pack', () => {
	it('round-trips the routine text exactly and every recording byte for byte', () => {
		const bytes = writePack(TEXT, RECORDINGS);
		expect(looksLikeZip(bytes)).toBe(true);
		const read = readPack(bytes);
		if (!read.ok) throw new Error(problems(read).join('\n'));
		expect(read.text).toBe(TEXT);
		expect(read.recordings.map((r) => r.cue)).toEqual(['defaults/countdown', 'hip/soften']);
		for (const recording of RECORDINGS) {
			const back = read.recordings.find((r) => r.cue === recording.cue);
			expect(back).toMatchObject({ mimeType: 'audio/wav', durationSec: recording.durationSec });
			expect(new Uint8Array(back?.audio ?? new ArrayBuffer(0))).toEqual(
				new Uint8Array(recording.audio)
			);
		}
	});

	it('names each recording audio/<cue>.<ext> and lists it in pack.json', () => {
		expect(audioPath('hip/soften', 'audio/webm;codecs=opus')).toBe('audio/hip/soften.webm');
		expect(audioPath('defaults/done', 'audio/mp4')).toBe('audio/defaults/done.m4a');
		expect(audioPath('defaults/done', 'audio/x-unknown')).toBe('audio/defaults/done.audio');
		const read = readPack(writePack(TEXT, []));
		expect(read).toEqual({ ok: true, text: TEXT, recordings: [] });
	});

	it('reads a pack made by hand', () => {
		const read = readPack(pack(GOOD));
		expect(read.ok && read.recordings.map((r) => r.cue)).toEqual(['hip/soften']);
	});
});

describe('a bad pack is refused with the problem named', () => {
	const refused = (files: Record<string, unknown>, limits = PACK_LIMITS) =>
		problems(readPack(pack(files), limits));

	it('a file that is no zip', () => {
		expect(problems(readPack(strToU8(TEXT)))).toEqual([
			'(file): this is not a zip file, so it is no routine pack'
		]);
	});

	it('a damaged zip', () => {
		const bytes = pack(GOOD).slice(0, 200);
		expect(problems(readPack(bytes))[0]).toMatch(/^\(file\): the zip file is damaged/);
	});

	it('a pack larger than allowed, unread', () => {
		const bytes = pack(GOOD);
		expect(problems(readPack(bytes, { ...PACK_LIMITS, packBytes: 100 }))).toEqual([
			`(file): the pack is ${bytes.length.toLocaleString('en')} bytes; a routine pack may be at most 100 bytes`
		]);
	});

	it('a zip bomb: a small file that would unpack to more than a recording may be', () => {
		const bomb = new Uint8Array(PACK_LIMITS.audioBytes + 1);
		bomb.set(new Uint8Array(sineWav(0.01)));
		const bytes = pack({ ...GOOD, 'audio/hip/soften.wav': bomb });
		expect(bytes.length).toBeLessThan(100_000);
		expect(problems(readPack(bytes))).toEqual([
			'audio/hip/soften.wav: unpacks to 10.0 MiB; a file in a routine pack may be at most 10.0 MiB'
		]);
	});

	it('files that unpack to more than allowed together, or too many files', () => {
		expect(refused(GOOD, { ...PACK_LIMITS, unpackedBytes: 1000 })[0]).toMatch(
			/^\(file\): the pack unpacks to [\d,]+ bytes; a routine pack may unpack to at most 1,000 bytes$/
		);
		expect(refused(GOOD, { ...PACK_LIMITS, files: 2 })).toEqual([
			'(file): the pack holds 3 files; a routine pack may hold at most 2'
		]);
	});

	it('a pack without its manifest or its routine', () => {
		expect(refused({ ...GOOD, 'pack.json': undefined })).toEqual([
			'pack.json: missing: a routine pack has a pack.json that lists its recordings'
		]);
		expect(refused({ ...GOOD, 'routine.json': undefined })).toEqual([
			'routine.json: missing: a routine pack has the routine file, routine.json'
		]);
	});

	it('a manifest that is not JSON, not a pack, from a newer app, or without cues', () => {
		expect(refused({ ...GOOD, 'pack.json': '{ "format": ' })[0]).toMatch(
			/^pack.json: is not valid JSON/
		);
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, format: 'zip' } })).toEqual([
			`pack.json format: must be "${PACK_FORMAT}": this zip is not a Liana routine pack`
		]);
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, version: 2 } })).toEqual([
			'pack.json version: is 2: this pack was made by a newer Liana; update the app, then import it again'
		]);
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, cues: [] } })).toEqual([
			'pack.json cues: must be an object of cue → file'
		]);
	});

	it('a cue entry with a path outside audio/, a type that is not audio, or no length', () => {
		const cues = {
			'hip/soften': { file: 'audio/../routine.json', mimeType: 'text/plain', durationSec: 0 }
		};
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, cues } })).toEqual([
			`pack.json cues["hip/soften"].file: must be a path inside the pack's "audio/" folder`,
			'pack.json cues["hip/soften"].mimeType: must be an audio type, like "audio/webm"',
			`pack.json cues["hip/soften"].durationSec: must be the recording's length in seconds, more than 0 and at most 600`
		]);
	});

	it('a cue Liana does not know, or for a step the routine does not have', () => {
		const entry = MANIFEST.cues['hip/soften'];
		const cues = { 'hip/sofen': entry, 'knee/soften': entry, 'hip/countdown': entry };
		const found = refused({ ...GOOD, 'pack.json': { ...MANIFEST, cues } });
		expect(found).toHaveLength(3);
		expect(found[0]).toMatch(/^pack.json cues\["hip\/sofen"\]: is not a cue Liana knows/);
		expect(found[1]).toBe(
			'pack.json cues["knee/soften"]: names the step "knee", which the routine does not have'
		);
		expect(found[2]).toMatch(/^pack.json cues\["hip\/countdown"\]: is not a cue Liana knows/);
	});

	it('a recording the manifest names that is not in the pack', () => {
		expect(refused({ ...GOOD, 'audio/hip/soften.wav': undefined })).toEqual([
			'pack.json cues["hip/soften"].file: names "audio/hip/soften.wav", which is not in the pack'
		]);
	});

	it('a "recording" that is not audio', () => {
		expect(refused({ ...GOOD, 'audio/hip/soften.wav': 'not a sound' })).toEqual([
			'audio/hip/soften.wav: is not an audio file (not WebM, Ogg, MP4, MP3, WAV or FLAC)'
		]);
	});

	it('one recording named by cue after cue, past what a pack may unpack to', () => {
		const entry = MANIFEST.cues['hip/soften'];
		const cues = { 'hip/soften': entry, 'hip/approach': entry, 'defaults/rest': entry };
		const size = sineWav(1.5).byteLength;
		const limits = { ...PACK_LIMITS, unpackedBytes: size * 2 + 2000 };
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, cues } }, limits)).toEqual([
			`pack.json cues["defaults/rest"].file: names "audio/hip/soften.wav" once more, taking the recordings past the ${(size * 2 + 2000).toLocaleString('en')} bytes a routine pack may unpack to; name each recording once`
		]);
		expect(refused({ ...GOOD, 'pack.json': { ...MANIFEST, cues } })).toEqual([]);
	});

	it('a routine file that is not valid, by its place in routine.json', () => {
		const broken = TEXT.replace('"seconds": 30', '"seconds": "30"');
		const found = refused({ ...GOOD, 'routine.json': broken });
		expect(found).toHaveLength(1);
		expect(found[0]).toMatch(/^routine.json steps\[1\].seconds: /);
	});
});

describe('hostile packs are refused in words, their work bounded by their size', () => {
	afterEach(() => vi.restoreAllMocks());

	const AUDIO = 'audio/still/rest.wav';
	const cases: [string, () => Uint8Array, string][] = [
		[
			'the zip64 entry-count bomb',
			entryCountBomb,
			'(file): the zip file is damaged (its directory claims 4,294,967,294 files, more than 113 bytes of directory can list)'
		],
		[
			'a recording declared as 4 KiB that inflates to 8 MiB',
			() => lyingSizes(),
			`${AUDIO}: does not unpack to the 4,096 bytes the zip declares (it holds more); the zip is damaged`
		],
		[
			'the same name three times',
			() => sameNames(3),
			`${AUDIO}: is in the zip more than once, so Liana cannot tell which copy counts; a routine pack holds each file once`
		],
		[
			'a second routine.json',
			duplicateRoutine,
			'routine.json: is in the zip more than once, so Liana cannot tell which copy counts; a routine pack holds each file once'
		],
		[
			'a recording whose checksum is wrong',
			badCrc,
			`${AUDIO}: does not match its checksum (CRC-32), so its contents cannot be trusted; the zip is damaged`
		],
		[
			'bytes that begin like an MP3 frame and are not audio',
			notAudio,
			`${AUDIO}: is not an audio file (not WebM, Ogg, MP4, MP3, WAV or FLAC)`
		],
		[
			'a recording compressed with bzip2',
			unsupportedMethod,
			`${AUDIO}: is compressed in a way Liana cannot open (bzip2); a routine pack's files are stored or deflated, as zip tools do unless told otherwise`
		]
	];

	it.each(cases)('%s', (_, make, sentence) => {
		const bytes = make();
		const reads = vi.spyOn(DataView.prototype, 'getUint32');
		const pushes = vi.spyOn(Inflate.prototype, 'push');
		expect(problems(readPack(bytes))).toEqual([sentence]);
		// Reading is bounded by the file: a few reads per byte of directory, one push per 4 KiB.
		expect(reads.mock.calls.length).toBeLessThan(bytes.length);
		expect(pushes.mock.calls.length).toBeLessThanOrEqual(Math.ceil(bytes.length / 4096) + 2);
	});

	it('65,000 entries of one name are refused by their count, none of them walked', () => {
		const reads = vi.spyOn(DataView.prototype, 'getUint32');
		expect(problems(readPack(sameNames(65_000)))).toEqual([
			'(file): the pack holds 65,002 files; a routine pack may hold at most 4,000'
		]);
		expect(reads.mock.calls.length).toBeLessThan(100);
	});

	it('the good pack they depart from is read', () => {
		expect(readPack(goodPack())).toMatchObject({ ok: true, recordings: [{ cue: 'still/rest' }] });
	});
});
