import type { Handle } from '@sveltejs/kit';

// Used only while prerendering: the routine loader reads the content type of the files it fetches.
export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { filterSerializedResponseHeaders: (name) => name === 'content-type' });
