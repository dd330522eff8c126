/**
 * The service worker, registered through workbox-window: offline after the first visit, and
 * updates applied only when the person chooses, never while a session runs. `waiting` can fail
 * to fire, so a waiting worker is also looked for whenever the page becomes visible.
 */
import { createContext } from 'svelte';
import { Workbox } from 'workbox-window';

export class AppUpdates {
	/** A new version is installed and waits for the person's word. */
	updateReady = $state(false);
	/** The network is gone; nothing in the app needs it. */
	offline = $state(typeof navigator !== 'undefined' && navigator.onLine === false);
	/** A session is running or paused: the update notice waits for its end. */
	sessionActive = $state(false);
	#workbox: Workbox | undefined;
	#registration: ServiceWorkerRegistration | undefined;

	/** Registers the service worker and listens for updates and the network; returns the cleanup. */
	start(scriptUrl = '/service-worker.js'): () => void {
		const onOnline = () => (this.offline = false);
		const onOffline = () => (this.offline = true);
		window.addEventListener('online', onOnline);
		window.addEventListener('offline', onOffline);
		const onVisible = () => {
			if (document.visibilityState === 'visible') this.checkForUpdate();
		};
		document.addEventListener('visibilitychange', onVisible);

		if ('serviceWorker' in navigator) {
			const workbox = new Workbox(scriptUrl);
			this.#workbox = workbox;
			workbox.addEventListener('waiting', () => (this.updateReady = true));
			void workbox
				.register()
				.then((registration) => {
					this.#registration = registration;
					if (registration?.waiting && navigator.serviceWorker.controller) this.updateReady = true;
				})
				.catch(() => {
					// No service worker (private mode, an old browser): the app works online only.
				});
		}
		return () => {
			window.removeEventListener('online', onOnline);
			window.removeEventListener('offline', onOffline);
			document.removeEventListener('visibilitychange', onVisible);
		};
	}

	/** Asks the server for a new version; called on navigation and when the page is shown. */
	checkForUpdate(): void {
		if (this.#registration?.waiting && navigator.serviceWorker.controller) this.updateReady = true;
		void this.#workbox?.update().catch(() => undefined);
	}

	/** The person chose to update: the new worker takes over and the page reloads where it was. */
	apply(): void {
		const workbox = this.#workbox;
		if (!workbox || this.sessionActive) return;
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	}
}

const [getAppUpdates, setAppUpdates, hasAppUpdates] = createContext<AppUpdates>();

export function provideAppUpdates(model = new AppUpdates()): AppUpdates {
	return setAppUpdates(model);
}

/** The updates, where the root layout provided them (a component tested alone has none). */
export function useAppUpdates(): AppUpdates | undefined {
	return hasAppUpdates() ? getAppUpdates() : undefined;
}
