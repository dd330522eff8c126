import { describe, expect, it } from 'vitest';
import type { Component } from 'svelte';
import { failedModule, LazyComponent, NOT_LOADED } from './lazy.svelte';

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

	it('asks again under a new address where the engine keeps the failure (Firefox)', async () => {
		const url = 'http://127.0.0.1:4173/_app/immutable/chunks/KeysHelp.js';
		const kept = new TypeError(`error loading dynamically imported module: ${url}`);
		let online = false;
		const fresh: string[] = [];
		const lazy = new LazyComponent(
			// Like Firefox: once failed, the bundler's import fails the same way for good.
			() => Promise.reject(kept),
			async (address) => {
				fresh.push(address);
				if (!online) throw new TypeError(`error loading dynamically imported module: ${address}`);
				return { default: Part };
			}
		);
		expect(await lazy.get()).toBeUndefined();
		expect(fresh).toEqual([]);
		expect(await lazy.get()).toBeUndefined();
		expect(lazy.problem).toBe(NOT_LOADED);
		online = true;
		expect(await lazy.get()).toBe(Part);
		expect(lazy.problem).toBe('');
		// Each attempt a new address, so no attempt meets the one before it.
		expect(fresh).toEqual([`${url}?retry=1`, `${url}?retry=2`]);
	});

	it("retries the bundler's import alone where the failure names no module (WebKit)", async () => {
		let online = false;
		const fresh: string[] = [];
		const lazy = new LazyComponent(
			async () => {
				if (!online) throw new TypeError('Importing a module script failed.');
				return { default: Part };
			},
			async (address) => {
				fresh.push(address);
				return { default: Part };
			}
		);
		expect(await lazy.get()).toBeUndefined();
		expect(await lazy.get()).toBeUndefined();
		online = true;
		expect(await lazy.get()).toBe(Part);
		expect(fresh).toEqual([]);
	});
});

describe('the module a failed import names', () => {
	it("is read from Chromium's and Firefox's words, without a query, and not made up", () => {
		const url = 'http://127.0.0.1:4173/_app/immutable/chunks/B1x-2_y.js';
		expect(failedModule(new TypeError(`Failed to fetch dynamically imported module: ${url}`))).toBe(
			url
		);
		expect(
			failedModule(new TypeError(`error loading dynamically imported module: ${url}?retry=2`))
		).toBe(url);
		expect(failedModule(new TypeError('Importing a module script failed.'))).toBeUndefined();
		expect(failedModule(new Error('Unable to preload CSS for /_app/immutable/assets/a.css'))).toBe(
			undefined
		);
	});
});
