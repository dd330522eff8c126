import { loadBuiltInRoutine } from '$lib/storage/built-in-routines';
import builtInIds from '../../../../static/routines/index.json';
import type { EntryGenerator, PageLoad } from './$types';

/** The built-in routines are prerendered; any other id is played from the fallback page. */
export const entries: EntryGenerator = () => builtInIds.map((id) => ({ id }));

export const load: PageLoad = async ({ fetch, params }) => ({
	load: await loadBuiltInRoutine(fetch, params.id)
});
