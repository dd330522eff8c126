/**
 * What the editor's address (`/edit/<param>`) names. `new` starts a routine; a new routine's draft
 * is at its key (`draft:…`, which no routine id can be); any other param is a routine's id. The one
 * id the entry `new` hides, a routine called "new", is written `routine:new`.
 */
import { isNewDraftKey } from '../storage/draft-keys';

/** The new routine's entry, a new routine's kept draft, or a routine (own, or built-in to copy). */
export type EditorTarget =
	{ kind: 'new' } | { kind: 'draft'; key: string } | { kind: 'routine'; id: string };

const ROUTINE_PREFIX = 'routine:';

/** What a param of `/edit/<param>` names. */
export function editorTarget(param: string): EditorTarget {
	if (param === 'new') return { kind: 'new' };
	if (isNewDraftKey(param)) return { kind: 'draft', key: param };
	if (param.startsWith(ROUTINE_PREFIX))
		return { kind: 'routine', id: param.slice(ROUTINE_PREFIX.length) };
	return { kind: 'routine', id: param };
}

/** The param of `/edit/<param>` for a draft's key or a routine's id. */
export function editorParam(keyOrId: string): string {
	return keyOrId === 'new' ? `${ROUTINE_PREFIX}new` : keyOrId;
}
