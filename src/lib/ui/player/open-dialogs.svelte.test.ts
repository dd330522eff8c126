import { describe, expect, it } from 'vitest';
import { NOT_LOADED } from '../lazy.svelte';
import { OpenDialogs } from './open-dialogs.svelte';

/** A dialog's module as a fetch gives it; what it renders does not matter here. */
const fetched = async () => ({ default: (() => {}) as never });
const offline = async (): Promise<never> => {
	throw new TypeError('Failed to fetch dynamically imported module');
};

describe("the player's dialogs", () => {
	it('says one is open while any is, so the session keys wait', () => {
		const dialogs = new OpenDialogs();
		expect(dialogs.open).toBe(false);
		for (const flag of [
			'askStop',
			'askRedFlag',
			'showSafety',
			'askSafety',
			'showSettings',
			'showHelp',
			'showNote',
			'askTakeOver'
		] as const) {
			dialogs[flag] = true;
			expect({ flag, open: dialogs.open }).toEqual({ flag, open: true });
			dialogs[flag] = false;
		}
		expect(dialogs.open).toBe(false);
	});

	it('opens a fetched dialog once it has come, and says why when it cannot come', async () => {
		const dialogs = new OpenDialogs({ keysHelp: fetched, settingsPanel: offline });
		dialogs.openHelp();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(dialogs.showHelp).toBe(true);
		dialogs.openSettings();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(dialogs.showSettings).toBe(false);
		expect(dialogs.problem).toBe(NOT_LOADED);
	});
});
