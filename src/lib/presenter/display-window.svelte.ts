/**
 * The controls window's "Open display window": opens the paired display as a window of its own
 * (to drag onto a second screen or a TV), brings it forward when it is already open, and says
 * so when the browser blocks it, with the address to open by hand.
 */

/** The part of `window.open` the opener uses; a test hands in its own. */
export type OpenWindow = (url: string, name: string, features: string) => WindowProxy | null;

/** A window of its own rather than a tab: the size of a 720p screen, to move and make full screen. */
const FEATURES = 'popup,width=1280,height=720';

export class DisplayWindow {
	/** The browser refused to open the window; the address to open by hand is shown instead. */
	blocked = $state(false);
	#open: OpenWindow;
	#opened: WindowProxy | null = null;

	constructor(open: OpenWindow = (url, name, features) => window.open(url, name, features)) {
		this.#open = open;
	}

	/** Opens the display at `url` (or brings the one already open forward); call within the tap. */
	show(url: string, name: string): void {
		if (this.#opened && !this.#opened.closed) {
			this.#opened.focus();
			this.blocked = false;
			return;
		}
		this.#opened = this.#open(url, name, FEATURES);
		this.blocked = this.#opened === null;
	}
}
