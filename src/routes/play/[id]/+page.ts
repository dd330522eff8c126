import { loadBuiltInRoutine } from '$lib/storage/built-in-routines';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
	load: await loadBuiltInRoutine(fetch, params.id)
});
