import { describe, expect, it, vi } from 'vitest';

/** A fake AudioContext: decodes bytes that begin with 1 (length in the second byte, in 0.1 s). */
const fake = vi.hoisted(() => {
	const started: { when: number; offset: number; duration: number; stopped: boolean }[] = [];
	const ctx = {
		currentTime: 10,
		state: 'running',
		destination: {},
		addEventListener: () => {},
		decodeAudioData: async (bytes: ArrayBuffer) => {
			const view = new Uint8Array(bytes);
			if (view[0] !== 1) throw new DOMException('Unable to decode audio data', 'EncodingError');
			return { duration: (view[1] ?? 0) / 10 } as unknown as AudioBuffer;
		},
		createBufferSource: () => {
			const sound = { when: 0, offset: 0, duration: 0, stopped: false };
			return {
				buffer: null,
				connect: () => {},
				disconnect: () => {},
				start(when: number, offset: number, duration: number) {
					Object.assign(sound, { when, offset, duration });
					started.push(sound);
				},
				stop() {
					sound.stopped = true;
				}
			};
		}
	};
	return { ctx, started };
});

vi.mock('howler', () => ({
	Howler: { ctx: fake.ctx, masterGain: {}, autoSuspend: true, volume: () => 1, codecs: () => true }
}));

const { GuidanceAudio } = await import('./guidance-audio');
const { decodeRecordings } = await import('./own-voice');
const { CUE_SPRITE } = await import('./cues');

const decodeRecording = (bytes: number[]) => fake.ctx.decodeAudioData(new Uint8Array(bytes).buffer);

const SPRITE_BYTES = new Uint8Array([1, 50]).buffer;
const fetcher = async () => new Response(SPRITE_BYTES);

describe("the coach's recorded cues in the browser's audio", () => {
	const decode = (bytes: number[]) => fake.ctx.decodeAudioData(new Uint8Array(bytes).buffer);

	it('takes the recordings when the sounds load and plays each at its time, cut to its room', async () => {
		const audio = new GuidanceAudio({
			fetcher,
			now: () => 0,
			ownVoice: async () => new Map([['hip/approach', await decode([1, 25])]])
		});
		expect(audio.ownCues().size).toBe(0);
		await audio.load();
		expect(audio.ownCues()).toEqual(new Map([['hip/approach', 2_500]]));
		const sound = audio.startOwn('hip/approach', 12, 1.5);
		expect(fake.started.at(-1)).toEqual({ when: 12, offset: 0, duration: 1.5, stopped: false });
		expect(sound.endSec).toBe(13.5);
		sound.stop();
		expect(fake.started.at(-1)?.stopped).toBe(true);
		audio.startOwn('hip/approach', 20, 60);
		// Never longer than the recording itself.
		expect(fake.started.at(-1)).toMatchObject({ when: 20, duration: 2.5 });
	});

	it('plays nothing for a cue it has no recording of', async () => {
		const audio = new GuidanceAudio({ fetcher, now: () => 0, ownVoice: async () => new Map() });
		await audio.load();
		const before = fake.started.length;
		expect(audio.startOwn('hip/soften', 12, 5).endSec).toBe(0);
		expect(fake.started.length).toBe(before);
		expect(audio.status).toEqual({ kind: 'ready' });
	});
});

describe('decoding the recordings', () => {
	it('decodes each on a copy of its bytes, and names those that will not decode', async () => {
		const good = new Uint8Array([1, 10]).buffer;
		const { voice, failed } = await decodeRecordings(fake.ctx, [
			{ cue: 'hip/soften', audio: new Uint8Array([9, 9]).buffer },
			{ cue: 'defaults/rest', audio: good }
		]);
		expect(failed).toEqual(['hip/soften']);
		expect([...voice.keys()]).toEqual(['defaults/rest']);
		expect(good.byteLength).toBe(2);
	});
});

describe('the sound bed under the guidance', () => {
	it('is told each cue’s time and length as it is handed to the audio clock, and each stop', async () => {
		const spans: { startSec: number; durationSec: number; withdrawn: boolean }[] = [];
		const audio = new GuidanceAudio({
			fetcher,
			now: () => 0,
			ownVoice: async () => new Map([['hip/approach', await decodeRecording([1, 25])]]),
			underneath: {
				duck: (startSec, durationSec) => {
					const span = { startSec, durationSec, withdrawn: false };
					spans.push(span);
					return () => (span.withdrawn = true);
				}
			}
		});
		await audio.load();
		const cue = audio.start('breathe', 12);
		const own = audio.startOwn('hip/approach', 20, 60);
		const breatheMs = CUE_SPRITE.sprite.breathe[1];
		expect(spans).toEqual([
			{ startSec: 12, durationSec: breatheMs / 1000, withdrawn: false },
			{ startSec: 20, durationSec: 2.5, withdrawn: false }
		]);
		cue.stop();
		own.stop();
		expect(spans.map((span) => span.withdrawn)).toEqual([true, true]);
	});
});
