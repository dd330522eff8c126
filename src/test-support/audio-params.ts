/**
 * Test fakes of Web Audio for the sound bed's tests: a gain's automation as Web Audio keeps it,
 * and a context that records the loops it starts and stops. Only tests import this file.
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

/** A loop as the fake context saw it started. */
export interface FakeLoop {
	buffer: unknown;
	loop: boolean;
	loopStart: number;
	loopEnd: number;
	whenSec: number;
	offsetSec: number;
	stopSec: number | undefined;
	/** The gain it was connected to: its own fade. */
	fade: FakeGain | undefined;
}

export interface FakeGain {
	gain: FakeParam;
	/** Where it was connected. */
	to: unknown;
}

/**
 * A context at `rate` samples a second that decodes bytes beginning with 1 into a buffer of
 * `frames` samples (a loop of soft noise), and refuses any other bytes.
 */
export function fakeAudioContext(rate = 100, frames = 2_500) {
	const loops: FakeLoop[] = [];
	const gains: FakeGain[] = [];
	const context = {
		currentTime: 10,
		state: 'running',
		decoded: 0,
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
			return node;
		},
		createBufferSource() {
			const loop: FakeLoop = {
				buffer: null,
				loop: false,
				loopStart: 0,
				loopEnd: 0,
				whenSec: NaN,
				offsetSec: NaN,
				stopSec: undefined,
				fade: undefined
			};
			return {
				set buffer(buffer: unknown) {
					loop.buffer = buffer;
				},
				set loop(on: boolean) {
					loop.loop = on;
				},
				set loopStart(sec: number) {
					loop.loopStart = sec;
				},
				set loopEnd(sec: number) {
					loop.loopEnd = sec;
				},
				onended: null,
				connect(to: FakeGain) {
					loop.fade = to;
				},
				disconnect() {},
				start(whenSec: number, offsetSec: number) {
					Object.assign(loop, { whenSec, offsetSec });
					loops.push(loop);
				},
				stop(atSec: number) {
					loop.stopSec = atSec;
				}
			};
		},
		async decodeAudioData(bytes: ArrayBuffer) {
			if (new Uint8Array(bytes)[0] !== 1) {
				throw new DOMException('Unable to decode audio data', 'EncodingError');
			}
			context.decoded++;
			const samples = new Float32Array(frames).map((_, i) => Math.sin(i / 7) * 0.1);
			return {
				sampleRate: rate,
				length: frames,
				numberOfChannels: 1,
				getChannelData: () => samples,
				copyToChannel: () => {}
			};
		}
	};
	return { context, loops, gains };
}
