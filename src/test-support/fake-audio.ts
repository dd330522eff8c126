/**
 * Test fakes of Web Audio, for the sound bed's tests and the audio file's: a gain whose
 * automation is kept as Web Audio keeps it, and a context that records the sounds it starts
 * and stops, decodes as a test says and renders a ramp. Only tests import this file.
 */

/** One automation call on a fake gain. */
export interface ParamEvent {
	kind: 'set' | 'ramp' | 'target';
	atSec: number;
	level: number;
}

/** A gain's automation: calls kept in time order, cancelled from a time on. */
export function fakeParam(value = 1) {
	let events: ParamEvent[] = [];
	const add = (event: ParamEvent) => {
		events = [...events, event].sort((a, b) => a.atSec - b.atSec);
	};
	return {
		value,
		get events() {
			return events;
		},
		cancelScheduledValues(fromSec: number) {
			events = events.filter((event) => event.atSec < fromSec);
		},
		setTargetAtTime(level: number, atSec: number) {
			add({ kind: 'target', atSec, level });
		},
		setValueAtTime(level: number, atSec: number) {
			add({ kind: 'set', atSec, level });
		},
		linearRampToValueAtTime(level: number, atSec: number) {
			add({ kind: 'ramp', atSec, level });
		},
		/** The level the gain heads for at `atSec` (its first value before any call). */
		targetAt(atSec: number): number {
			return events.filter((event) => event.atSec <= atSec).at(-1)?.level ?? value;
		}
	};
}

export type FakeParam = ReturnType<typeof fakeParam>;

export interface FakeGain {
	gain: FakeParam;
	/** Where it was connected. */
	to: unknown;
}

/** A sound as the fake context saw it started. */
export interface FakeStart {
	/** As a test made it: a named fake, or decoded noise. */
	buffer: unknown;
	loop: boolean;
	loopStart: number;
	loopEnd: number;
	/** What `start` was called with: when, from where in the sound, for how long. */
	args: number[];
	whenSec: number;
	offsetSec: number;
	stopSec: number | undefined;
	/** The gain it was connected to: its own fade, or the volume. */
	fade: FakeGain | undefined;
}

/** A fake sound of `durationSec`, told apart by its name. */
export function fakeBuffer(name: string, durationSec: number): AudioBuffer {
	return { name, duration: durationSec } as unknown as AudioBuffer;
}

/**
 * Decodes bytes beginning with 1, as a browser decodes a real file, into `frames` samples at
 * `rate` (a loop of soft noise); refuses any other bytes.
 */
export function decodesNoise(rate = 100, frames = 2_500) {
	return (bytes: ArrayBuffer): AudioBuffer => {
		if (new Uint8Array(bytes)[0] !== 1) {
			throw new DOMException('Unable to decode audio data', 'EncodingError');
		}
		const samples = new Float32Array(frames).map((_, i) => Math.sin(i / 7) * 0.1);
		return {
			sampleRate: rate,
			length: frames,
			numberOfChannels: 1,
			getChannelData: () => samples,
			copyToChannel: () => {}
		} as unknown as AudioBuffer;
	};
}

/** The environment of a fake context. */
export interface FakeAudioOptions {
	/** What decoding makes of bytes: noise by default (see {@link decodesNoise}). */
	decode?: (bytes: ArrayBuffer) => AudioBuffer;
	/** The frames `startRendering` renders, as a ramp (frame i = i), so a test sees what was copied. */
	frames?: number;
}

/** A context, live or off screen, that records what is started on it and the gains it made. */
export function fakeAudioContext(options: FakeAudioOptions = {}) {
	const decode = options.decode ?? decodesNoise();
	const frames = options.frames ?? 0;
	const starts: FakeStart[] = [];
	const gains: FakeGain[] = [];
	const context = {
		starts,
		gains,
		currentTime: 10,
		state: 'running',
		decoded: 0,
		destination: { connect: () => undefined } as unknown as AudioNode,
		createGain() {
			const node: FakeGain & { connect(to: unknown): void; disconnect(): void } = {
				gain: fakeParam(),
				to: undefined,
				connect(to: unknown) {
					node.to = to;
				},
				disconnect() {}
			};
			gains.push(node);
			return node as unknown as GainNode;
		},
		createBufferSource() {
			const start: FakeStart = {
				buffer: null,
				loop: false,
				loopStart: 0,
				loopEnd: 0,
				args: [],
				whenSec: NaN,
				offsetSec: NaN,
				stopSec: undefined,
				fade: undefined
			};
			const source = {
				set buffer(buffer: unknown) {
					start.buffer = buffer;
				},
				set loop(on: boolean) {
					start.loop = on;
				},
				set loopStart(sec: number) {
					start.loopStart = sec;
				},
				set loopEnd(sec: number) {
					start.loopEnd = sec;
				},
				onended: null,
				connect(to: FakeGain) {
					start.fade = to;
				},
				disconnect() {},
				start(...args: number[]) {
					Object.assign(start, { args, whenSec: args[0], offsetSec: args[1] });
					starts.push(start);
				},
				stop(atSec: number) {
					start.stopSec = atSec;
				}
			};
			return source as unknown as AudioBufferSourceNode;
		},
		async decodeAudioData(bytes: ArrayBuffer): Promise<AudioBuffer> {
			const buffer = decode(bytes);
			context.decoded++;
			return buffer;
		},
		async startRendering(): Promise<AudioBuffer> {
			return {
				getChannelData: () => Float32Array.from({ length: frames + 5 }, (_, i) => i)
			} as unknown as AudioBuffer;
		}
	};
	return context;
}

/** An off-screen context of `frames` for the audio file: whatever it decodes is a minute long. */
export function fakeChunkContext(frames: number) {
	return fakeAudioContext({ frames, decode: () => fakeBuffer('decoded', 60) });
}
