/** Whether the page can fill the screen, and whether it does: the studio display's one button. */
export class FullScreen {
	/** False where the Fullscreen API is missing or not allowed (an iframe, an iPhone). */
	available = $state(false);
	active = $state(false);
	/** Why the last request failed, in words a person reads. */
	problem = $state<string>();
	#document: Document | undefined;

	/** `doc` defaults to the page's document; a test hands in its own. */
	constructor(doc?: Document) {
		this.#document = doc;
	}

	/** Follows the page in and out of full screen (Escape, the browser's own UI); returns the stop. */
	connect(): () => void {
		const doc = this.#document ?? document;
		const sync = () => {
			this.available =
				doc.fullscreenEnabled === true &&
				typeof doc.documentElement.requestFullscreen === 'function';
			this.active = doc.fullscreenElement !== null && doc.fullscreenElement !== undefined;
		};
		sync();
		doc.addEventListener('fullscreenchange', sync);
		return () => doc.removeEventListener('fullscreenchange', sync);
	}

	enter = () => {
		const doc = this.#document ?? document;
		this.problem = undefined;
		doc.documentElement.requestFullscreen().catch(() => {
			this.problem = 'The browser did not allow full screen; try its own full-screen key (F11).';
		});
	};
}
