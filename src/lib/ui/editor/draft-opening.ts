/**
 * What an editor address finds in the browser: a new routine's kept draft, or for a routine's
 * id its kept draft, the own routine, a draft of the first editor's moved to a key of its own, or
 * a built-in to copy. Only read here; the keeper (draft-keeper.svelte.ts) opens what is found.
 */
import { newDraft, readDraft, type Draft } from '../../routine/draft';
import { readJson } from '../../routine/json-text';
import type { Database, RoutineDraft } from '../../storage/database';
import { newDraftKey, OLD_NEW_DRAFT_KEY } from '../../storage/draft-keys';
import type { EditorTarget } from '../editor-address';
import type { EditorOrigin } from './draft-keeper.svelte';

/** What an address opens. */
export type Opening =
	/** A new routine's draft not kept yet (nothing typed): it starts empty. */
	| { kind: 'blank'; key: string }
	/** Changes kept in the browser; `moved` when they are at another address now. */
	| { kind: 'kept'; key: string; origin: EditorOrigin; kept: RoutineDraft; moved: boolean }
	/** An own routine as saved. */
	| { kind: 'own'; id: string; draft: Draft }
	| { kind: 'built-in'; id: string }
	| { kind: 'missing' };

/** What an address found, and why the browser's copy could not be read, if it could not. */
export interface Found {
	opening: Opening;
	problem?: string;
}

/** Reads what a new routine's draft or a routine's address names (`new` reads nothing). */
export async function findOpening(
	db: Database | undefined,
	target: Exclude<EditorTarget, { kind: 'new' }>,
	isBuiltIn: (id: string) => boolean
): Promise<Found> {
	if (target.kind === 'draft') {
		const read = await db?.read('Your drafts', (d) => d.draft(target.key));
		const kept = read?.ok ? read.value : undefined;
		const opening: Opening = kept
			? { kind: 'kept', key: target.key, origin: { kind: 'new' }, kept, moved: false }
			: { kind: 'blank', key: target.key };
		return { opening, problem: read && !read.ok ? read.message : undefined };
	}
	const id = target.id;
	const read = await db?.read('Your routines', async (d) => ({
		kept: await d.draft(id),
		own: await d.routine(id),
		// An address of the first editor's (`new-<epoch ms>`): its draft moved to a key of its own.
		moved: OLD_NEW_DRAFT_KEY.test(id) ? await d.draft(newDraftKey(id)) : undefined
	}));
	if (read && !read.ok) return { opening: builtInOr(id, isBuiltIn), problem: read.message };
	const { kept, own, moved } = read?.value ?? {};
	if (kept) {
		return { opening: { kind: 'kept', key: id, origin: { kind: 'own', id }, kept, moved: false } };
	}
	if (own) return { opening: { kind: 'own', id, draft: fileDraft(own.text) } };
	if (moved) {
		return {
			opening: { kind: 'kept', key: moved.key, origin: { kind: 'new' }, kept: moved, moved: true }
		};
	}
	return { opening: builtInOr(id, isBuiltIn) };
}

/** An id nothing of the person's has: a built-in to copy, or nothing to edit. */
function builtInOr(id: string, isBuiltIn: (id: string) => boolean): Opening {
	return isBuiltIn(id) ? { kind: 'built-in', id } : { kind: 'missing' };
}

/** A routine file's text as a draft; text that is no JSON object starts a new routine. */
export function fileDraft(text: string): Draft {
	const read = readJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	return read.ok ? readDraft(read.value) : newDraft();
}
