/**
 * A part of a screen fetched when it is first wanted (a dialog, the end-of-session summary, the
 * studio view), so a first visit downloads only what shows at once. Offline, the service worker
 * has it; a fetch that fails anyway (first visit, network lost) is said, and asked again next time.
 */
import type { Component } from 'svelte';

export const NOT_LOADED =
	'This part of Liana could not be loaded (is the network gone?). Reload the page once you are online; it then works offline too.';

/** Imports a module by its address: the fresh copy of a part whose first fetch failed. */
export type ImportFresh = (url: string) => Promise<unknown>;

const importFresh: ImportFresh = (url) => import(/* @vite-ignore */ url);

/**
 * The bundler asks for a part's module and its stylesheet through links in the page's head
 * before importing it. Which of them failed is kept here: WebKit's import error names no address,
 * and a failed stylesheet stays in the page without styles. Listened for on the document, where a
 * link's error arrives in the capturing phase (it does not bubble).
 */
const failedModules: string[] = [];
const failedStylesheets: HTMLLinkElement[] = [];
if (typeof document !== 'undefined') {
	document.addEventListener(
		'error',
		(event) => {
			const link = event.target;
			if (!(link instanceof HTMLLinkElement)) return;
			if (link.rel === 'modulepreload' && failedModules.length < 100) failedModules.push(link.href);
			if (link.rel === 'stylesheet' && failedStylesheets.length < 100) failedStylesheets.push(link);
		},
		true
	);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any component's props
export class LazyComponent<C extends Component<any> = Component<any>> {
	/** The component once fetched. */
	current = $state.raw<C>();
	/** Why it could not be fetched, in words; empty while it can be. */
	problem = $state('');
	#load: () => Promise<{ default: C }>;
	#importFresh: ImportFresh;
	#loading: Promise<C | undefined> | undefined;
	/** How often a fetch failed; after one, each is tried again under a new address. */
	#retries = 0;
	/** The address a failed fetch named (see `#fetch`). */
	#failed: string | undefined;
	/** How many modules had failed when the first fetch began: those after are this part's. */
	#modulesBefore = 0;

	constructor(load: () => Promise<{ default: C }>, fresh: ImportFresh = importFresh) {
		this.#load = load;
		this.#importFresh = fresh;
	}

	/**
	 * Fetches it once; a failed fetch is said (unless `quiet`: fetched ahead of need, it is asked
	 * again when needed), and tried again on the next call.
	 */
	get({ quiet = false }: { quiet?: boolean } = {}): Promise<C | undefined> {
		this.#loading ??= this.#fetch().then(
			(module) => {
				this.problem = '';
				this.current = module.default;
				return module.default;
			},
			(error: unknown) => {
				this.#retries += 1;
				this.#failed = failedModule(error) ?? this.#failed;
				this.#loading = undefined;
				return undefined;
			}
		);
		return this.#loading.then((loaded) => {
			if (!loaded && !quiet) this.problem = NOT_LOADED;
			return loaded;
		});
	}

	/**
	 * The first time, the bundler's import. After a failure, that import again (Chromium fetches
	 * it anew), and if it fails at once, the same module under a new address: Firefox and older
	 * Safari keep a failed module for the page's life and answer every later import of its
	 * address with the old failure (whatwg/html#6768), so only a new address fetches it again.
	 */
	async #fetch(): Promise<{ default: C }> {
		if (this.#retries === 0) {
			this.#modulesBefore = failedModules.length;
			return this.#load();
		}
		reviveFailedStylesheets();
		try {
			return await this.#load();
		} catch (error) {
			// Chromium and Firefox name the module; WebKit does not, and then it is the first
			// module link that failed for this part (the bundler lists a part's own file first).
			const url = failedModule(error) ?? this.#failed ?? failedModules[this.#modulesBefore];
			if (url === undefined) throw error;
			return (await this.#importFresh(`${url}?retry=${this.#retries}`)) as { default: C };
		}
	}
}

/**
 * The module a failed import names: Chromium ("Failed to fetch dynamically imported module:
 * <url>") and Firefox ("error loading dynamically imported module: <url>") both say it; WebKit
 * does not, and then the bundler's import is all there is to retry.
 */
export function failedModule(error: unknown): string | undefined {
	const message = error instanceof Error ? error.message : String(error);
	return /https?:\/\/[^\s'"?#]+\.js/.exec(message)?.[0];
}

/**
 * A part's styles come as a stylesheet link beside it. One that failed stays in the page without
 * styles, and the bundler then never asks for it again: a copy of it is fetched anew.
 */
function reviveFailedStylesheets(): void {
	for (const link of failedStylesheets.splice(0)) {
		if (link.isConnected) link.replaceWith(link.cloneNode());
	}
}
