/** A short buzz at each new phase: an extra signal, never the only one. */
import type { Phase } from '../routine/timeline';

type Vibrator = { vibrate?: (pattern: number | number[]) => boolean };

/** The pattern for a phase: a flare's release is longer and double, so it is told apart. */
export function vibrationFor(phase: Phase): number[] {
	switch (phase) {
		case 'release':
			return [220, 120, 220];
		case 'countdown':
			return [];
		default:
			return [90];
	}
}

/** Buzzes if the device can; returns whether it did. */
export function vibrate(phase: Phase, device: Vibrator = navigator as Vibrator): boolean {
	const pattern = vibrationFor(phase);
	if (pattern.length === 0 || typeof device.vibrate !== 'function') return false;
	return device.vibrate(pattern);
}
