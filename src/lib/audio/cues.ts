/** The cue library: the ids of the sprite's sounds and how long each lasts. */
import sprite from './cue-sprite.json' with { type: 'json' };

/** Every sound in the sprite, spoken or not. */
export type CueId =
	| 'get-ready'
	| 'approach'
	| 'breathe'
	| 'inhale'
	| 'exhale'
	| 'hold'
	| 'soften'
	| 'come-back'
	| 'rest'
	| 'next-step'
	| 'left'
	| 'right'
	| 'halfway'
	| 'release'
	/** A flare's release outside a stretch: nothing to come out of. */
	| 'release-still'
	| 'recover'
	| 'well-done'
	| 'session-ended'
	| 'red-flag'
	| `round-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`
	| 'last-round'
	| 'chime'
	| 'chime-end'
	| 'tick';

/** Sounds that are not speech: the "chimes" setting turns them off. */
export const CHIME_CUES: ReadonlySet<CueId> = new Set(['chime', 'chime-end', 'tick']);

/** Where each sound sits in the sprite: [offset, duration] in milliseconds (howler's format). */
export type SpriteMap = Record<CueId, readonly [number, number]>;

export interface CueSprite {
	files: { webm: string; mp3: string };
	sprite: SpriteMap;
	texts: Partial<Record<CueId, string>>;
}

/** The committed sprite, made by `npm run cues`. */
export const CUE_SPRITE = sprite as unknown as CueSprite;

/** How long each cue sounds, in milliseconds. */
export function cueDurationsMs(map: SpriteMap = CUE_SPRITE.sprite): Record<CueId, number> {
	return Object.fromEntries(
		Object.entries(map).map(([id, [, durationMs]]) => [id, durationMs])
	) as Record<CueId, number>;
}
