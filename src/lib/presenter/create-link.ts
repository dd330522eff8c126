/** Builds a window's presenter link on the browser's channel, locks and page events. */
import { resolve } from '$app/paths';
import { browserPresence, openBroadcastChannel, type PresenterRole } from './wire';
import { PresenterLink, type CarryOn } from './link.svelte';

export interface PresenterSetup {
	routineId: string;
	role: PresenterRole;
	/** The display: the controls window it follows. */
	pair?: string;
	carryOn: CarryOn;
	handedOver: () => void;
}

/** A link on this browser's `BroadcastChannel` and Web Locks. */
export function createPresenterLink(setup: PresenterSetup): PresenterLink {
	return new PresenterLink({
		routineId: setup.routineId,
		role: setup.role,
		...(setup.pair ? { pair: setup.pair } : {}),
		carryOn: setup.carryOn,
		handedOver: setup.handedOver,
		channel: openBroadcastChannel(setup.routineId),
		presence: browserPresence(),
		window,
		reload: () => location.reload()
	});
}

/**
 * The studio view's query: paired with the controls window `pair`, and playing the editor's
 * draft `draft` when the controls window plays one (else the display would play the saved one).
 */
export function studioQuery(options: { pair?: string; draft?: string | undefined }): string {
	const query = new URLSearchParams({ view: 'studio' });
	if (options.pair) query.set('pair', options.pair);
	if (options.draft !== undefined) query.set('draft', options.draft);
	return `?${query}`;
}

/** Where the display paired with the controls window `pair` opens. */
export function displayPath(routineId: string, pair: string, draft?: string): string {
	return `${resolve('/play/[id]', { id: routineId })}${studioQuery({ pair, draft })}`;
}
