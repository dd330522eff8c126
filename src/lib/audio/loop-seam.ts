/**
 * The seam of a sound bed's loop: where its last sample leads back into its first. A lossy codec
 * does not keep the waveform of noise, so the two copies of the loop's start in a bed file (see
 * scripts/make-sound-beds.sh) decode a little apart, and a jump between them clicks. The seam is
 * mended in the decoded samples; the measure tells a seamless loop from a cut one.
 *
 * Both functions stand alone (no imports, no module constants): a journey hands their source to
 * the browser to check the files as the browser decodes them.
 */

/**
 * Fades the loop's last `fadeFrames` samples into the samples just before its start, in place:
 * its last sample then leads into its first as the decoded stream itself does. `startFrame` must
 * leave room for the fade before it.
 */
export function mendLoopSeam(
	samples: Float32Array,
	startFrame: number,
	loopFrames: number,
	fadeFrames: number
): void {
	const endFrame = startFrame + loopFrames;
	const fade = Math.min(fadeFrames, startFrame, loopFrames);
	for (let i = 0; i < fade; i++) {
		const at = endFrame - fade + i;
		// Raised cosine from the loop's own end (0) to the lead-in of its start (1).
		const toStart = 0.5 - 0.5 * Math.cos((Math.PI * (i + 1)) / fade);
		const own = samples[at] ?? 0;
		const leadIn = samples[at - loopFrames] ?? 0;
		samples[at] = own * (1 - toStart) + leadIn * toStart;
	}
}

/** What a loop sounds like at its seam, against the rest of it. */
export interface LoopSeam {
	/** The jump from the loop's last sample to its first. */
	seamJump: number;
	/** The jump between neighbouring samples that only one in a thousand inside the loop exceeds. */
	innerJump: number;
	/** The loop's loudness, root mean square. */
	rms: number;
	/** No click: the seam jumps no more than the loop does inside, and never by a lot. */
	seamless: boolean;
}

/** Measures the loop `samples[startFrame .. startFrame + loopFrames)` played round and round. */
export function measureLoopSeam(
	samples: Float32Array,
	startFrame: number,
	loopFrames: number
): LoopSeam {
	const jumps = new Float32Array(Math.max(0, loopFrames - 1));
	let squares = 0;
	for (let i = 0; i < loopFrames; i++) {
		const sample = samples[startFrame + i] ?? 0;
		squares += sample * sample;
		if (i > 0) jumps[i - 1] = Math.abs(sample - (samples[startFrame + i - 1] ?? 0));
	}
	jumps.sort();
	const innerJump = jumps[Math.floor(jumps.length * 0.999)] ?? 0;
	const seamJump = Math.abs(
		(samples[startFrame] ?? 0) - (samples[startFrame + loopFrames - 1] ?? 0)
	);
	const rms = Math.sqrt(squares / Math.max(1, loopFrames));
	// 0.05: a step that size is heard as a click in any quiet bed, however rough its noise.
	return { seamJump, innerJump, rms, seamless: seamJump <= innerJump && seamJump <= 0.05 };
}

/** The seam is mended over this long. */
const MEND_SEC = 0.05;

/** A decoded loop and where it lies in its buffer. */
export interface Loop {
	buffer: AudioBuffer;
	loopStartSec: number;
	loopEndSec: number;
}

/**
 * The loop of a decoded bed file, its seam mended in place: the file holds a lead-in, the loop
 * and its start again (see scripts/make-sound-beds.sh). Undefined for a file cut short, which
 * would loop on silence or a click.
 */
export function mendedLoop(
	buffer: AudioBuffer,
	loopStartSec: number,
	loopSec: number
): Loop | undefined {
	const rate = buffer.sampleRate;
	const startFrame = Math.round(loopStartSec * rate);
	const loopFrames = Math.round(loopSec * rate);
	if (buffer.length < startFrame + loopFrames) return undefined;
	for (let channel = 0; channel < buffer.numberOfChannels; channel++) {
		const samples = buffer.getChannelData(channel);
		mendLoopSeam(samples, startFrame, loopFrames, Math.round(MEND_SEC * rate));
		buffer.copyToChannel(samples, channel);
	}
	return {
		buffer,
		loopStartSec: startFrame / rate,
		loopEndSec: (startFrame + loopFrames) / rate
	};
}
