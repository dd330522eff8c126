/**
 * How large a routine pack may be, apart from the code that reads one: the page weighs a chosen
 * file against these before reading it, without loading the zip code (that runs in a worker).
 */

/** How large a pack and its parts may be: room for hours of speech, not for a zip bomb. */
export const PACK_LIMITS = {
	/** The `.zip` file itself. */
	packBytes: 100 * 1024 * 1024,
	/** All files unpacked together. */
	unpackedBytes: 100 * 1024 * 1024,
	/** One recording, unpacked. */
	audioBytes: 10 * 1024 * 1024,
	/** `pack.json`, unpacked. */
	manifestBytes: 1024 * 1024,
	/** Files in the zip. */
	files: 4000
};

/** One recording's length at most, in seconds. */
export const PACK_DURATION_SEC = 600;

/** Limits a pack is read with. */
export type PackLimits = typeof PACK_LIMITS;

/** The pack over the size limit, said in words; undefined when it is within it. */
export function oversizePack(
	bytes: number,
	limits: PackLimits = PACK_LIMITS
): { path: string; message: string } | undefined {
	if (bytes <= limits.packBytes) return undefined;
	return {
		path: '(file)',
		message: `the pack is ${mib(bytes)}; a routine pack may be at most ${mib(limits.packBytes)}`
	};
}

/** A size as people read it: "3.2 MiB", or bytes below one MiB. */
export function mib(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
		: `${bytes.toLocaleString('en')} bytes`;
}
