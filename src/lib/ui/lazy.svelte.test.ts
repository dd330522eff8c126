import { describe, expect, it } from 'vitest';
import type { Component } from 'svelte';
import { LazyComponent, NOT_LOADED } from './lazy.svelte';

const Part = (() => {}) as unknown as Component;

describe('a part of the screen fetched when wanted', () => {
	it('fetches once, however often it is asked for', async () => {
		let fetched = 0;
		const lazy = new LazyComponent(async () => {
			fetched++;
			return { default: Part };
		});
		expect(lazy.current).toBeUndefined();
		const [first, second] = await Promise.all([lazy.get(), lazy.get()]);
		expect(first).toBe(Part);
		expect(second).toBe(Part);
		expect(await lazy.get()).toBe(Part);
		expect(lazy.current).toBe(Part);
		expect(fetched).toBe(1);
	});

	it('says so when the fetch fails, and tries again next time', async () => {
		let online = false;
		const lazy = new LazyComponent(async () => {
			if (!online) throw new TypeError('Failed to fetch dynamically imported module');
			return { default: Part };
		});
		// Fetched ahead of need, a failure is not said yet.
		expect(await lazy.get({ quiet: true })).toBeUndefined();
		expect(lazy.problem).toBe('');
		expect(await lazy.get()).toBeUndefined();
		expect(lazy.problem).toBe(NOT_LOADED);
		online = true;
		expect(await lazy.get()).toBe(Part);
		expect(lazy.problem).toBe('');
	});
});
