/** What the page and the MP3 encoder's worker (mp3-worker.ts) say to each other. */

/** The file's sound: mono, 32 kHz (MPEG-1 Layer III, which every player reads; speech needs no more). */
export const FILE_SAMPLE_RATE = 32_000;
/** 64 kbit/s: clear speech and chimes, about 0.5 MB a minute. */
export const FILE_BITRATE = 64_000;

/** From the page: begin a file, hand over a chunk's samples (transferred), or finish. */
export type EncoderRequest =
	| { kind: 'begin'; sampleRate: number; bitrate: number; title: string }
	| { kind: 'chunk'; index: number; samples: Float32Array<ArrayBuffer> }
	| { kind: 'finish' };

/** From the worker: a chunk encoded, the finished file (transferred), or why it stopped. */
export type EncoderReply =
	| { kind: 'encoded'; index: number }
	| { kind: 'finished'; bytes: ArrayBuffer }
	/** `memory`: the worker ran out of memory, not a fault of the encoder itself. */
	| { kind: 'failed'; detail: string; memory: boolean };
