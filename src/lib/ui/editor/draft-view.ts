/**
 * What the editor shows of its draft besides the fields: the defaults an empty field inherits,
 * each step's length, a step's recordable cues, and the lines that say where the draft stands.
 * Worked out here, so the editor's components only show them.
 */
import * as v from 'valibot';
import { stepId, valueAt, type Draft } from '../../routine/draft';
import type { JsonValue } from '../../routine/json-text';
import type { DraftPreview } from '../../routine/preview';
import { defaultsSchema, SLUG } from '../../routine/schema';
import { resolveDefaults, type ResolvedDefaults } from '../../routine/timeline';
import { stepScope, type CueScope } from './voice/voice-cues.svelte';
import type { DraftKeeping } from './draft-keeper.svelte';

/** The draft's defaults as they stand; defaults with problems leave the built-in ones in place. */
export function draftDefaults(draft: Draft): ResolvedDefaults {
	const parsed = v.safeParse(defaultsSchema, draft['defaults'] ?? {});
	return resolveDefaults(parsed.success ? parsed.output : undefined);
}

/** Each step's length by its index in the draft; none for a step with problems. */
export function stepDurationsMs(
	preview: DraftPreview | undefined,
	stepCount: number
): (number | undefined)[] {
	return Array.from({ length: stepCount }, (_, index) => {
		const at = preview?.draftIndex.indexOf(index) ?? -1;
		return at < 0 ? undefined : preview?.timeline.steps[at]?.durationMs;
	});
}

/** A step's recordable cues, once it has a valid id and type to keep them by. */
export function stepVoiceScope(step: JsonValue | undefined): CueScope | undefined {
	const id = stepId(step);
	const type = valueAt(step, ['type']);
	const title = valueAt(step, ['title']);
	const side = valueAt(step, ['side']);
	if (!id || !SLUG.test(id)) return undefined;
	if (type !== 'stretch' && type !== 'breathe' && type !== 'rest') return undefined;
	const scope = stepScope({
		id,
		type,
		title: typeof title === 'string' && title.trim() ? title : id,
		side: side === 'left' || side === 'right' ? side : undefined
	});
	return { ...scope, title: 'Your voice for this step' };
}

/**
 * How the draft stands, as the toolbar says it: its problems shown so far, or "Ready". Problems
 * the coach has not been shown yet say nothing: nothing greets a blank routine.
 */
export function standingLine(shownCount: number, problemCount: number): string {
	if (shownCount > 0) return shownCount === 1 ? '1 problem' : `${shownCount} problems`;
	return problemCount === 0 ? 'Ready' : '';
}

/** Whether the draft's changes are kept in this browser, in words. */
export function keepingLine(keeping: DraftKeeping, saved: boolean): string {
	switch (keeping) {
		case 'pending':
			return 'Keeping your changes…';
		case 'kept':
			return 'Changes kept in this browser';
		case 'failed':
			return 'Changes not kept: see above';
		default:
			return saved ? 'Saved in your library' : 'Nothing typed yet';
	}
}
