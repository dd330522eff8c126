import { describe, expect, it } from 'vitest';
import { formatAgo } from './labels';

describe('formatAgo', () => {
	it('reads at a glance, from just now to hours', () => {
		expect(formatAgo(20_000)).toBe('just now');
		expect(formatAgo(-5_000)).toBe('just now');
		expect(formatAgo(12 * 60_000)).toBe('12 min ago');
		expect(formatAgo(125 * 60_000)).toBe('2 h 5 min ago');
	});
});
