import { describe, expect, it } from 'vitest';
import { PERSISTENCE_LABELS, persistence, requestPersistence } from './persistence';

const manager = (persisted: boolean, grants: boolean) => {
	const asked: string[] = [];
	return {
		asked,
		persisted: async () => (asked.push('persisted'), persisted),
		persist: async () => (asked.push('persist'), grants)
	};
};

describe('asking the browser to keep saved data', () => {
	it('asks only when not kept already, and reports the answer', async () => {
		const already = manager(true, false);
		expect(await requestPersistence(already)).toBe('kept');
		expect(already.asked).toEqual(['persisted']);
		expect(await requestPersistence(manager(false, true))).toBe('kept');
		expect(await requestPersistence(manager(false, false))).toBe('may-be-cleared');
	});

	it('says unknown where the browser cannot tell, or throws', async () => {
		expect(await requestPersistence(undefined)).toBe('unknown');
		const broken = {
			persisted: async () => Promise.reject(new Error('no')),
			persist: async () => true
		};
		expect(await requestPersistence(broken)).toBe('unknown');
		expect(await persistence(manager(false, true))).toBe('may-be-cleared');
	});
});

describe('the storage notice', () => {
	it('says in kind, plain words where things are kept and what helps, never "not guaranteed"', () => {
		for (const words of Object.values(PERSISTENCE_LABELS)) {
			expect(words).toMatch(/^Your routines, history and recordings are kept/);
			expect(words).not.toMatch(/guaranteed|saved data|evict|persist/i);
		}
	});
});
