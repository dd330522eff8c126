/** A fake OfflineAudioContext for the file's tests: it records what is started, and when. */
import type { ChunkContext } from '$lib/audio/file/render-chunk';

export interface FakeStart {
	buffer: AudioBuffer | null;
	loop: boolean;
	args: number[];
}

/** A fake sound of `durationSec`, told apart by its name. */
export function fakeBuffer(name: string, durationSec: number): AudioBuffer {
	return { name, duration: durationSec } as unknown as AudioBuffer;
}

/** A context of `frames` that renders a ramp (frame i = i), so a test can see what was copied. */
export function fakeContext(frames: number): ChunkContext & {
	starts: FakeStart[];
	gains: { value: number; events: [string, number, number][] }[];
} {
	const starts: FakeStart[] = [];
	const gains: { value: number; events: [string, number, number][] }[] = [];
	const node = { connect: () => undefined };
	return {
		starts,
		gains,
		destination: node as unknown as AudioNode,
		createGain: () => {
			const events: [string, number, number][] = [];
			const gain = {
				value: 1,
				events,
				setValueAtTime: (value: number, at: number) => events.push(['set', value, at]),
				linearRampToValueAtTime: (value: number, at: number) => events.push(['ramp', value, at])
			};
			gains.push(gain);
			return { ...node, gain } as unknown as GainNode;
		},
		createBufferSource: () => {
			const start: FakeStart = { buffer: null, loop: false, args: [] };
			const source = {
				...node,
				set buffer(value: AudioBuffer | null) {
					start.buffer = value;
				},
				set loop(value: boolean) {
					start.loop = value;
				},
				start: (...args: number[]) => {
					start.args = args;
					starts.push(start);
				}
			};
			return source as unknown as AudioBufferSourceNode;
		},
		startRendering: async () =>
			({
				getChannelData: () => Float32Array.from({ length: frames + 5 }, (_, i) => i)
			}) as unknown as AudioBuffer,
		decodeAudioData: async () => fakeBuffer('decoded', 60)
	};
}
