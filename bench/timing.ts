/** What the bench's browser runs log, and the arithmetic of lateness over it. */

export interface Stats {
	count: number;
	median: number;
	p95: number;
	max: number;
}

export function stats(values: number[]): Stats {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) =>
		sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
	return {
		count: sorted.length,
		median: at(0.5),
		p95: at(0.95),
		max: sorted[sorted.length - 1] ?? NaN
	};
}

/** What `benchInstrumentation` logs in the page, read back at the end of a run. */
export type Log = {
	startAt: number;
	phases: { at: number; paintAt: number; phase: string; breath: string }[];
	cues: { scheduledAt: number; at: number; sound: number }[];
	/** Each cue (by its index in `cues`) that played to its end unstopped, and when the page heard so. */
	ended: { cue: number; at: number }[];
	stops: number[];
	keys: number[];
	interval: number[];
	visibility: { at: number; state: string }[];
};

/** Lateness of each event after its ideal moment `startAt + k × 1 s`, for the k nearest it. */
export function lateness(times: number[], startAt: number): number[] {
	return times.map((t) => {
		const k = Math.round((t - startAt) / 1000);
		return t - (startAt + k * 1000);
	});
}
