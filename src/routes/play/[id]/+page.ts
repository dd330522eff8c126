import { loadBuiltInRoutine } from '$lib/storage/built-in-routines';
import builtInIds from '../../../../static/routines/index.json';
import type { EntryGenerator, PageLoad } from './$types';

/** The built-in routines are prerendered; any other id is played from the fallback page. */
export const entries: EntryGenerator = () => builtInIds.map((id) => ({ id }));

// Any other id is the person's own: the page reads it from the database (no request, offline too).
export const load: PageLoad = async ({ fetch, params }) => ({
	id: params.id,
	load: builtInIds.includes(params.id) ? await loadBuiltInRoutine(fetch, params.id) : undefined
});
