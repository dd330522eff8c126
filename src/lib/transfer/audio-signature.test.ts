import { describe, expect, it } from 'vitest';
import { silentWav } from '../../../scripts/hostile-zips';
import { soundsLikeAudio } from './audio-signature';

const bytes = (...values: (number | string)[]) =>
	new Uint8Array(
		values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v]))
	);

/** MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: a frame of 417 bytes. */
const MP3_HEADER = [0xff, 0xfb, 0x90, 0x64];
const MP3_FRAME_BYTES = 417;

/** `frames` MP3 frames of silence, one after another, as an encoder writes them. */
function mp3(frames: number): Uint8Array {
	const out = new Uint8Array(frames * MP3_FRAME_BYTES);
	for (let i = 0; i < frames; i++) out.set(MP3_HEADER, i * MP3_FRAME_BYTES);
	return out;
}

/** ADTS AAC frames of `length` bytes each, 44.1 kHz stereo. */
function adts(frames: number, length = 200): Uint8Array {
	const out = new Uint8Array(frames * length);
	for (let i = 0; i < frames; i++) {
		out.set(
			[
				0xff,
				0xf1,
				0x50,
				0x80 | ((length >> 11) & 3),
				(length >> 3) & 0xff,
				((length & 7) << 5) | 0x1f,
				0xfc
			],
			i * length
		);
	}
	return out;
}

describe('telling audio from anything else', () => {
	it('knows the files browsers record and play', () => {
		expect(soundsLikeAudio(silentWav(10))).toBe(true);
		expect(soundsLikeAudio(bytes(0x1a, 0x45, 0xdf, 0xa3, 0, 0))).toBe(true);
		expect(soundsLikeAudio(bytes('OggS', 0, 2))).toBe(true);
		expect(soundsLikeAudio(bytes(0, 0, 0, 0x20, 'ftypM4A '))).toBe(true);
		expect(soundsLikeAudio(bytes('ID3', 4, 0, 0, 0, 0, 0x02, 0x01))).toBe(true);
		expect(soundsLikeAudio(bytes('fLaC', 0))).toBe(true);
	});

	it('knows MP3 and AAC by a second frame header where the first frame ends', () => {
		expect(soundsLikeAudio(mp3(3))).toBe(true);
		// A file of exactly one frame ends where the next would begin.
		expect(soundsLikeAudio(mp3(1))).toBe(true);
		expect(soundsLikeAudio(adts(3))).toBe(true);
	});

	it('refuses bytes that merely begin like MP3 or AAC', () => {
		const garbage = mp3(3);
		garbage.fill(0x41, 4);
		expect(soundsLikeAudio(garbage)).toBe(false);
		expect(soundsLikeAudio(bytes(0xff, 0xfb, 0x90))).toBe(false);
		// Reserved bitrate, a reserved version, the free bitrate: no length can be computed.
		expect(soundsLikeAudio(bytes(0xff, 0xfb, 0xf0, 0x64))).toBe(false);
		expect(soundsLikeAudio(bytes(0xff, 0xeb, 0x90, 0x64))).toBe(false);
		expect(soundsLikeAudio(bytes(0xff, 0xfb, 0x00, 0x64))).toBe(false);
		const lonelyAdts = adts(3);
		lonelyAdts.fill(0x41, 7);
		expect(soundsLikeAudio(lonelyAdts)).toBe(false);
	});

	it('refuses text, images, an ID3 look-alike and nothing', () => {
		expect(soundsLikeAudio(bytes('{"version": 1}'))).toBe(false);
		expect(soundsLikeAudio(bytes(0x89, 'PNG', 13, 10))).toBe(false);
		expect(soundsLikeAudio(bytes('RIFF', 0, 0, 0, 0, 'AVI '))).toBe(false);
		expect(soundsLikeAudio(bytes('ID3 is a tag format'))).toBe(false);
		expect(soundsLikeAudio(new Uint8Array(0))).toBe(false);
	});
});
