/**
 * A part of a screen fetched when it is first wanted (a dialog, the end-of-session summary, the
 * studio view), so a first visit downloads only what shows at once. Offline, the service worker
 * has it; a fetch that fails anyway (first visit, network lost) is said, and asked again next time.
 */
import type { Component } from 'svelte';

export const NOT_LOADED =
	'This part of Liana could not be loaded (is the network gone?). Reload the page once you are online; it then works offline too.';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export class LazyComponent<C extends Component<any> = Component<any>> {
	/** The component once fetched. */
	current = $state.raw<C>();
	/** Why it could not be fetched, in words; empty while it can be. */
	problem = $state('');
	#load: () => Promise<{ default: C }>;
	#loading: Promise<C | undefined> | undefined;

	constructor(load: () => Promise<{ default: C }>) {
		this.#load = load;
	}

	/**
	 * Fetches it once; a failed fetch is said (unless `quiet`: fetched ahead of need, it is asked
	 * again when needed), and tried again on the next call.
	 */
	get({ quiet = false }: { quiet?: boolean } = {}): Promise<C | undefined> {
		this.#loading ??= this.#load().then(
			(module) => {
				this.problem = '';
				this.current = module.default;
				return module.default;
			},
			() => {
				this.#loading = undefined;
				return undefined;
			}
		);
		return this.#loading.then((loaded) => {
			if (!loaded && !quiet) this.problem = NOT_LOADED;
			return loaded;
		});
	}
}
