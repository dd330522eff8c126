import { describe, expect, it } from 'vitest';
import { fakeParam } from '$test/fake-audio';
import { DUCK_LEVEL, Ducking, duckSteps } from './ducking';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function ducking(nowSec = { value: 10 }) {
	const param = fakeParam();
	const duck = new Ducking(() => nowSec.value);
	duck.attach(param as unknown as AudioParam);
	return { param, duck, nowSec };
}

describe('the sound bed softened while a cue speaks', () => {
	it('goes down just before a cue and comes back just after it, at the cue’s own times', async () => {
		const { param, duck } = ducking();
		duck.duck(12, 1);
		await settled();
		expect(param.events).toMatchObject([
			{ atSec: 11.7, level: DUCK_LEVEL },
			{ atSec: 13.2, level: 1 }
		]);
		expect(param.targetAt(11.5)).toBe(1);
		expect(param.targetAt(12.5)).toBe(DUCK_LEVEL);
		expect(param.targetAt(13.5)).toBe(1);
	});

	it('makes one dip of cues that overlap or follow closely, and two of cues far apart', async () => {
		const { param, duck } = ducking();
		duck.duck(12, 1);
		duck.duck(12.5, 1.5);
		duck.duck(14.5, 0.5);
		duck.duck(30, 1);
		await settled();
		expect(param.events).toMatchObject([
			{ atSec: 11.7, level: DUCK_LEVEL },
			{ atSec: 15.2, level: 1 },
			{ atSec: 29.7, level: DUCK_LEVEL },
			{ atSec: 31.2, level: 1 }
		]);
	});

	it('plans a cue handed over out of order into the dips already planned', () => {
		expect(
			duckSteps([
				{ startSec: 30, endSec: 31 },
				{ startSec: 12, endSec: 13 }
			]).map((step) => step.atSec)
		).toEqual([11.7, 13.2, 29.7, 31.2]);
	});

	it('comes back up at once when the cues are stopped mid-dip (a pause, a flare, a stop)', async () => {
		const { param, duck, nowSec } = ducking();
		const cues = [duck.duck(12, 1), duck.duck(13, 2), duck.duck(40, 1)];
		await settled();
		nowSec.value = 12.5;
		for (const withdraw of cues) withdraw();
		await settled();
		expect(param.targetAt(12.5)).toBe(1);
		expect(param.events.filter((event) => event.atSec >= 12.5)).toMatchObject([
			{ atSec: 12.5, level: 1 }
		]);
		// Nothing left ahead to duck it again.
		expect(param.targetAt(100)).toBe(1);
	});

	it('keeps the dip of a cue still playing when a later one is withdrawn', async () => {
		const { param, duck, nowSec } = ducking();
		duck.duck(12, 2);
		const later = duck.duck(14.5, 1);
		await settled();
		nowSec.value = 12.5;
		later();
		await settled();
		expect(param.targetAt(13)).toBe(DUCK_LEVEL);
		expect(param.targetAt(14.3)).toBe(1);
		expect(param.targetAt(15)).toBe(1);
	});

	it('applies the cues handed over before the bed had its gain', async () => {
		const param = fakeParam();
		const duck = new Ducking(() => 10);
		duck.duck(12, 1);
		await settled();
		duck.attach(param as unknown as AudioParam);
		expect(param.targetAt(12.5)).toBe(DUCK_LEVEL);
	});
});
