/**
 * Telling a recording from other bytes by its signature, as the formats define it. MP3 and ADTS
 * AAC have none but a frame sync (eleven set bits, which any bytes may begin with), so for them a
 * first frame header is read, its length computed, and a second header must follow it there.
 */

/** Whether the bytes are an audio file of a kind browsers record or play, by their signature. */
export function soundsLikeAudio(bytes: Uint8Array): boolean {
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	const [a, b, c, d] = bytes;
	return (
		(ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') ||
		ascii(0, 4) === 'OggS' ||
		ascii(0, 4) === 'fLaC' ||
		ascii(4, 8) === 'ftyp' ||
		(a === 0x1a && b === 0x45 && c === 0xdf && d === 0xa3) ||
		isId3Tag(bytes) ||
		framesFollow(bytes, mpegFrameBytes) ||
		framesFollow(bytes, adtsFrameBytes)
	);
}

/** An ID3v2 tag's header, as MP3 files begin: "ID3", version 2 to 4, a size of 7-bit bytes. */
function isId3Tag(bytes: Uint8Array): boolean {
	if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 3)) !== 'ID3') return false;
	const version = bytes[3] ?? 0;
	return version >= 2 && version <= 4 && bytes.subarray(6, 10).every((byte) => byte < 0x80);
}

/** A frame header's length at `at`, or undefined when no valid header is there. */
type FrameBytes = (bytes: Uint8Array, at: number) => number | undefined;

/** A valid frame at the start, and another where it ends (or the file ends with it). */
function framesFollow(bytes: Uint8Array, frameBytes: FrameBytes): boolean {
	const first = frameBytes(bytes, 0);
	if (first === undefined) return false;
	return first === bytes.length || frameBytes(bytes, first) !== undefined;
}

const KBPS = {
	v1: {
		1: [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
		2: [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
		3: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
	},
	v2: {
		1: [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
		2: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
		3: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
	}
} as const;

const SAMPLE_RATES = {
	3: [44100, 48000, 32000],
	2: [22050, 24000, 16000],
	0: [11025, 12000, 8000]
};

/** An MPEG audio frame (MP1, MP2, MP3): its length from its bitrate, sample rate and padding. */
const mpegFrameBytes: FrameBytes = (bytes, at) => {
	const [b0, b1, b2] = [bytes[at], bytes[at + 1], bytes[at + 2]];
	if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return undefined;
	const version = (b1 >> 3) & 3;
	const layer = 4 - ((b1 >> 1) & 3);
	const bitrateIndex = b2 >> 4;
	const rateIndex = (b2 >> 2) & 3;
	// Version 1 is reserved; layer 4 (bits 00) is reserved too, and is what ADTS writes there.
	if (version === 1 || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15) return undefined;
	if (layer !== 1 && layer !== 2 && layer !== 3) return undefined;
	const rate = SAMPLE_RATES[version as 0 | 2 | 3][rateIndex];
	const kbps = KBPS[version === 3 ? 'v1' : 'v2'][layer][bitrateIndex - 1];
	if (rate === undefined || kbps === undefined) return undefined;
	const padding = (b2 >> 1) & 1;
	if (layer === 1) return (Math.floor((12 * kbps * 1000) / rate) + padding) * 4;
	const perSample = layer === 3 && version !== 3 ? 72 : 144;
	return Math.floor((perSample * kbps * 1000) / rate) + padding;
};

/** An ADTS frame (raw AAC): twelve sync bits, layer 00, a known rate, its length in the header. */
const adtsFrameBytes: FrameBytes = (bytes, at) => {
	const [b0, b1, b2, b3, b4, b5] = bytes.subarray(at, at + 6);
	if (b0 !== 0xff || b1 === undefined || (b1 & 0xf6) !== 0xf0) return undefined;
	if (b2 === undefined || b3 === undefined || b4 === undefined || b5 === undefined)
		return undefined;
	if (((b2 >> 2) & 0xf) > 12) return undefined;
	const length = ((b3 & 3) << 11) | (b4 << 3) | (b5 >> 5);
	return length >= 7 ? length : undefined;
};
