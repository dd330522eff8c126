/**
 * Which step a coach's recordings belong to while its id is edited: recordings are kept under a
 * step's id (`<id>/<phase>`), so when the id changes they must move with it, and only then.
 */
import { DEFAULTS_SCOPE } from '../../routine/cue-keys';
import { draftSteps, stepId, type Draft } from '../../routine/draft';
import { SLUG } from '../../routine/schema';

/** Each step's id, by place; undefined where it is not an id yet (mid-typing). */
export function voiceStepIds(draft: Draft): (string | undefined)[] {
	return draftSteps(draft).map((step) => {
		const id = stepId(step);
		return id !== undefined && SLUG.test(id) && id !== DEFAULTS_SCOPE ? id : undefined;
	});
}

/** A step's recordings to move: from the id they are kept under to the step's new one. */
export type CueRename = readonly [from: string, to: string];

/**
 * The ids each step's recordings are kept under after an edit, and the moves that takes.
 * A step whose old id no step has now, and whose new id no step had, takes its recordings
 * along. A step mid-typing an id that is no id yet keeps them under the last one; so does one
 * whose new id another step has, till it has one of its own. Steps that swap places keep their
 * ids, so nothing moves. A change of the number of steps (add, duplicate, delete, or their undo)
 * moves nothing: each step keeps the id it has.
 */
export function followStepIds(
	carried: readonly (string | undefined)[],
	ids: readonly (string | undefined)[]
): { ids: (string | undefined)[]; renames: CueRename[] } {
	if (ids.length !== carried.length) return { ids: [...ids], renames: [] };
	const renames: CueRename[] = [];
	const followed = ids.map((id, index) => {
		const was = carried[index];
		if (id === undefined) return was;
		if (was === undefined || was === id || ids.includes(was)) return id;
		if (carried.includes(id)) return was;
		renames.push([was, id]);
		return id;
	});
	return { ids: followed, renames };
}
