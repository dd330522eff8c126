import { builtInRoutineIds, loadBuiltInRoutine } from '$lib/storage/built-in-routines';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	try {
		const ids = await builtInRoutineIds(fetch);
		return { routines: await Promise.all(ids.map((id) => loadBuiltInRoutine(fetch, id))) };
	} catch (error) {
		return {
			routines: [],
			error: `The built-in routines could not be loaded (${error instanceof Error ? error.message : String(error)}). Check the connection and reload.`
		};
	}
};
