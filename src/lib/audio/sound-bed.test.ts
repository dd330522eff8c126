import { describe, expect, it, vi } from 'vitest';
import { fakeAudioContext, type FakeGain } from '$test/fake-audio';

vi.mock('howler', () => ({ Howler: { ctx: null, masterGain: null, codecs: () => true } }));

const { SoundBed, SOUND_BED_PROBLEM, FADE_IN_SEC, FADE_OUT_SEC, CROSSFADE_SEC } =
	await import('./sound-bed');
const { DUCK_LEVEL } = await import('./ducking');
const { measureLoopSeam } = await import('./loop-seam');

const BEDS = {
	loopStartSec: 0.25,
	loopSec: 24,
	files: {
		noise: { webm: '/audio/noise.webm', mp3: '/audio/noise.mp3' },
		rain: { webm: '/audio/rain.webm', mp3: '/audio/rain.mp3' },
		sea: { webm: '/audio/sea.webm', mp3: '/audio/sea.mp3' }
	}
};
const SOUND = new Uint8Array([1, 2, 3]).buffer;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function bed(answer: (url: string) => Response = () => new Response(SOUND)) {
	const audio = fakeAudioContext();
	const master = { name: 'master' };
	const asked: string[] = [];
	const problems: string[] = [];
	const soundBed = new SoundBed({
		context: () => audio as unknown as AudioContext,
		destination: () => master as unknown as AudioNode,
		beds: BEDS,
		fetcher: async (input) => {
			asked.push(String(input));
			return answer(String(input));
		},
		formats: () => ['webm', 'mp3'],
		onProblem: (problem) => problems.push(problem)
	});
	/** The gain the bed's loops all pass through last: the ducking, into the master. */
	const ducking = () => audio.gains.find((gain) => gain.to === master);
	/** The person's volume: the gain that feeds the ducking. */
	const volume = () => audio.gains.find((gain) => gain.to === ducking());
	return { soundBed, audio, asked, problems, ducking, volume };
}

describe('the sound bed', () => {
	it('fetches nothing at page load, and decodes its loop only when a session starts', async () => {
		const { soundBed, audio, asked } = bed();
		soundBed.choose('rain', 0.35);
		await settled();
		expect(asked).toEqual([]);
		soundBed.play();
		await settled();
		expect(asked).toEqual(['/audio/rain.webm']);
		expect(audio.decoded).toBe(1);
	});

	it('loops between its mended seam, fading in at the start on the person’s volume', async () => {
		const { soundBed, audio, volume } = bed();
		soundBed.choose('rain', 0.35);
		soundBed.play();
		await settled();
		const [loop] = audio.starts;
		expect(loop).toMatchObject({
			loop: true,
			loopStart: 0.25,
			loopEnd: 24.25,
			whenSec: 10,
			offsetSec: 0.25,
			stopSec: undefined
		});
		expect(loop?.fade?.gain.events).toMatchObject([
			{ kind: 'set', atSec: 10, level: 0 },
			{ kind: 'ramp', atSec: 10 + FADE_IN_SEC, level: 1 }
		]);
		expect(volume()?.gain.value).toBe(0.35);
		const samples = (loop?.buffer as { getChannelData(): Float32Array }).getChannelData();
		expect(measureLoopSeam(samples, 25, 2_400).seamless).toBe(true);
	});

	it('fades out at a pause and comes back in, fading, at the resume', async () => {
		const { soundBed, audio } = bed();
		soundBed.choose('sea', 0.5);
		soundBed.play();
		await settled();
		audio.currentTime = 30;
		soundBed.rest();
		const [first] = audio.starts;
		expect(first?.stopSec).toBe(30 + FADE_OUT_SEC);
		expect(first?.fade?.gain.targetAt(30 + FADE_OUT_SEC)).toBe(0);
		// The fade out starts from the level reached, never a jump.
		expect(first?.fade?.gain.targetAt(30)).toBe(1);
		audio.currentTime = 90;
		soundBed.play();
		await settled();
		expect(audio.starts).toHaveLength(2);
		expect(audio.starts[1]?.whenSec).toBe(90);
		expect(audio.starts[1]?.fade?.gain.targetAt(90 + FADE_IN_SEC)).toBe(1);
		// Decoded once for the whole session.
		expect(audio.decoded).toBe(1);
	});

	it('swaps to another loop at once, with a short crossfade, and follows the volume smoothly', async () => {
		const { soundBed, audio, volume } = bed();
		soundBed.choose('rain', 0.35);
		soundBed.play();
		await settled();
		audio.currentTime = 12;
		soundBed.choose('sea', 0.6);
		await settled();
		const [rain, sea] = audio.starts;
		expect(rain?.stopSec).toBe(12 + CROSSFADE_SEC);
		// Half way through its fade in when the swap came: down from there.
		expect(rain?.fade?.gain.targetAt(12)).toBe(2 / FADE_IN_SEC);
		expect(sea).toMatchObject({ whenSec: 12, loop: true });
		expect(sea?.fade?.gain.targetAt(12 + CROSSFADE_SEC)).toBe(1);
		expect(volume()?.gain.events.at(-1)).toMatchObject({ kind: 'target', atSec: 12, level: 0.6 });
		soundBed.choose('none', 0.6);
		await settled();
		expect(sea?.stopSec).toBe(12 + CROSSFADE_SEC);
		expect(audio.starts).toHaveLength(2);
	});

	it('decodes a newly chosen loop ahead of the session, not the one read at page load', async () => {
		const { soundBed, asked, audio } = bed();
		soundBed.choose('rain', 0.35);
		soundBed.choose('noise', 0.35);
		await settled();
		expect(asked).toEqual(['/audio/noise.webm']);
		expect(audio.starts).toHaveLength(0);
	});

	it('softens under a cue handed over before it played, and is never left down after a stop', async () => {
		const { soundBed, audio, ducking } = bed();
		soundBed.choose('rain', 0.35);
		const withdraw = soundBed.duck(12, 1);
		soundBed.play();
		await settled();
		const gain = ducking() as FakeGain;
		expect(gain.gain.targetAt(12.5)).toBe(DUCK_LEVEL);
		audio.currentTime = 12.2;
		withdraw();
		await settled();
		expect(gain.gain.targetAt(12.2)).toBe(1);
		expect(gain.gain.targetAt(100)).toBe(1);
	});

	it('tries the MP3 where the WebM will not decode', async () => {
		const { soundBed, audio, asked, problems } = bed((url) =>
			url.endsWith('.webm') ? new Response('not sound') : new Response(SOUND)
		);
		soundBed.choose('noise', 0.35);
		soundBed.play();
		await settled();
		expect(asked).toEqual(['/audio/noise.webm', '/audio/noise.mp3']);
		expect(audio.starts).toHaveLength(1);
		expect(problems).toEqual(['']);
	});

	it('says in one sentence when no loop can be had, plays nothing, and tries again next time', async () => {
		const { soundBed, audio, asked, problems } = bed(() => new Response('gone', { status: 404 }));
		soundBed.choose('rain', 0.35);
		soundBed.play();
		await settled();
		expect(problems).toEqual([SOUND_BED_PROBLEM]);
		expect(audio.starts).toHaveLength(0);
		soundBed.rest();
		soundBed.play();
		await settled();
		expect(asked).toHaveLength(4);
	});
});
