import { describe, expect, it } from 'vitest';
import { DisplayWindow } from './display-window.svelte';

/** A window as `window.open` returns it: closed or not, and focused when brought forward. */
function fakeWindow() {
	return {
		closed: false,
		focused: 0,
		focus() {
			this.focused++;
		}
	};
}

describe('opening the display window', () => {
	it('opens the display as a window of its own, and brings it forward when it is open', () => {
		const opened: string[] = [];
		const shown = fakeWindow();
		const display = new DisplayWindow((url, name, features) => {
			opened.push(`${url} ${name} ${features}`);
			return shown as unknown as WindowProxy;
		});
		display.show('/play/a?view=studio&pair=x', 'liana-display-a');
		expect(opened).toEqual([
			'/play/a?view=studio&pair=x liana-display-a popup,width=1280,height=720'
		]);
		expect(display.blocked).toBe(false);
		display.show('/play/a?view=studio&pair=x', 'liana-display-a');
		expect(opened).toHaveLength(1);
		expect(shown.focused).toBe(1);
		// Closed by the coach: the next tap opens it again.
		shown.closed = true;
		display.show('/play/a?view=studio&pair=x', 'liana-display-a');
		expect(opened).toHaveLength(2);
	});

	it('says so when the browser blocks the window, until one opens', () => {
		let allow = false;
		const display = new DisplayWindow(() =>
			allow ? (fakeWindow() as unknown as WindowProxy) : null
		);
		display.show('/play/a?view=studio&pair=x', 'liana-display-a');
		expect(display.blocked).toBe(true);
		allow = true;
		display.show('/play/a?view=studio&pair=x', 'liana-display-a');
		expect(display.blocked).toBe(false);
	});
});
