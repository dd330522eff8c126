import { describe, expect, it } from 'vitest';
import { handFocus, handFocusAfterUpdate } from './focus';

/** An element that writes down what is done to it, in order. */
function element(log: string[], name = 'field') {
	return {
		focus: (options?: FocusOptions) => log.push(`focus ${name} ${options?.preventScroll === true}`),
		scrollIntoView: (options?: ScrollIntoViewOptions) => log.push(`show ${name} ${options?.block}`),
		select: () => log.push(`select ${name}`),
		closest: (selector: string) => (selector === '.card' ? element(log, 'card') : null)
	};
}

describe('focus handed on', () => {
	it('focuses where it is told, scrolling as a browser does unless told not to', () => {
		const log: string[] = [];
		expect(handFocus(element(log))).toBe(true);
		expect(handFocus(element(log), { preventScroll: true })).toBe(true);
		expect(log).toEqual(['focus field false', 'focus field true']);
	});

	it('brings the target, or the card around it, into view first, and selects a placeholder', () => {
		const log: string[] = [];
		handFocus(element(log), { reveal: 'nearest' });
		handFocus(element(log), { within: '.card', select: true });
		expect(log).toEqual([
			'show field nearest',
			'focus field true',
			'show card nearest',
			'focus field false',
			'select field'
		]);
	});

	it('says so when there is nothing to focus, and a component is only focused', () => {
		const log: string[] = [];
		expect(handFocus(undefined, { reveal: 'center', select: true })).toBe(false);
		handFocus({ focus: () => log.push('component') }, { reveal: 'center', select: true });
		expect(log).toEqual(['component']);
	});

	it('looks for its target only once the page shows the change', async () => {
		const log: string[] = [];
		const page: { step?: ReturnType<typeof element> } = {};
		const moving = handFocusAfterUpdate(() => page.step);
		page.step = element(log, 'new step');
		expect(await moving).toBe(true);
		expect(log).toEqual(['focus new step false']);
		expect(await handFocusAfterUpdate(() => null)).toBe(false);
	});
});
