/**
 * Importing from a link (`/?import=<address>`), as a coach might send: only a file on Liana's own
 * site is fetched, so a link cannot make the app read from (or reveal itself to) another site.
 * The file's size and contents are checked by the validator like any other import.
 */

/** The address a link asks to import, or why it is refused. */
export type LinkTarget = { ok: true; url: URL } | { ok: false; message: string };

/** The fetched file's bytes (a routine file or a routine pack), or what went wrong and what to do. */
export type FetchedRoutine = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

const IMPORT_BY_HAND =
	'download the file and import it with Import routine, or paste its text under Paste routine text';

/** Checks a link's address: same origin (scheme, host and port) as the app, or refused. */
export function importLinkTarget(address: string, origin: string): LinkTarget {
	let url: URL;
	try {
		url = new URL(address, origin);
	} catch {
		return { ok: false, message: `The import link "${address}" is not a web address.` };
	}
	if (url.origin !== origin) {
		return {
			ok: false,
			message: `Liana imports only files from its own site (${new URL(origin).host}); this link points to ${url.protocol === 'http:' || url.protocol === 'https:' ? url.host : url.protocol}, so nothing was fetched. To use that routine, ${IMPORT_BY_HAND}.`
		};
	}
	return { ok: true, url };
}

/** The link's file; every failure is a message that says what to do. */
export async function fetchImportFile(fetcher: typeof fetch, url: URL): Promise<FetchedRoutine> {
	const where = url.pathname + url.search;
	const unreachable: FetchedRoutine = {
		ok: false,
		message: `The routine at ${where} could not be fetched: the network is unreachable. Connect to the internet and open the link again, or ${IMPORT_BY_HAND}.`
	};
	let response: Response;
	try {
		response = await fetcher(url, { cache: 'no-store' });
	} catch {
		return unreachable;
	}
	// The service worker answers 503 offline; a gateway's 502 and 504 are the network too.
	if ([502, 503, 504].includes(response.status)) return unreachable;
	if (!response.ok) {
		return {
			ok: false,
			message: `The routine at ${where} could not be fetched: the site answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Check the link with whoever sent it, or ${IMPORT_BY_HAND}.`
		};
	}
	// A static host's single-page fallback answers any path with the app's own page.
	if ((response.headers.get('content-type') ?? '').includes('text/html')) {
		return {
			ok: false,
			message: `There is no routine file at ${where}: the site answered with a web page. Check the link with whoever sent it, or ${IMPORT_BY_HAND}.`
		};
	}
	try {
		return { ok: true, bytes: new Uint8Array(await response.arrayBuffer()) };
	} catch {
		return unreachable;
	}
}
