import { describe, expect, it } from 'vitest';
import { measureLoopSeam, mendLoopSeam } from './loop-seam';

const RATE = 8_000;
const LOOP = 2 * RATE;
const START = RATE / 4;

/** Soft, low noise (a random walk, smoothed, kept near zero), the same on every run. */
function softNoise(frames: number, seed = 7): Float32Array {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648 - 0.5;
	};
	const out = new Float32Array(frames);
	let walk = 0;
	let smooth = 0;
	for (let i = 0; i < frames; i++) {
		walk = walk * 0.999 + random() * 0.02;
		smooth += (walk - smooth) * 0.2;
		out[i] = smooth;
	}
	return out;
}

/**
 * A bed file as made: the loop, then its start again; the second copy decoded a little apart
 * from the first, by `drift`, as a lossy codec does.
 */
function bedFile(drift: number): Float32Array {
	const loop = softNoise(LOOP);
	const file = new Float32Array(LOOP + RATE / 2);
	for (let i = 0; i < file.length; i++) {
		file[i] = (loop[i % LOOP] ?? 0) + (i >= LOOP ? drift * Math.sin(i / 40) + drift : 0);
	}
	return file;
}

describe('the seam of a sound bed loop', () => {
	it('finds no click in a loop whose end leads into its start', () => {
		const seam = measureLoopSeam(bedFile(0), START, LOOP);
		expect(seam.seamless).toBe(true);
		expect(seam.rms).toBeGreaterThan(0.01);
	});

	it('finds the click of a loop cut anywhere else', () => {
		const noise = softNoise(LOOP * 2);
		const cut = measureLoopSeam(noise, START, LOOP + 1_234);
		expect(cut.seamJump).toBeGreaterThan(cut.innerJump);
		expect(cut.seamless).toBe(false);
	});

	it('finds the click where the decoded copies drift apart, and the mend takes it away', () => {
		const file = bedFile(0.03);
		expect(measureLoopSeam(file, START, LOOP).seamless).toBe(false);
		mendLoopSeam(file, START, LOOP, RATE / 20);
		const mended = measureLoopSeam(file, START, LOOP);
		expect(mended.seamless).toBe(true);
		// Mending touches only the fade: the loop's loudness stays.
		expect(mended.rms).toBeCloseTo(measureLoopSeam(bedFile(0), START, LOOP).rms, 2);
	});

	it('calls a silent file silent', () => {
		expect(measureLoopSeam(new Float32Array(LOOP + START), START, LOOP).rms).toBe(0);
	});
});
