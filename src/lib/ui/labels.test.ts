import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatRoughDuration } from './labels';

describe('lengths of time', () => {
	it('are written one way, in words: to the second, or rounded to the minute', () => {
		expect(formatDuration(45_000)).toBe('45 s');
		expect(formatDuration(185_000)).toBe('3 min 5 s');
		expect(formatDuration(120_000)).toBe('2 min');
		expect(formatDuration(3_720_000)).toBe('1 h 2 min');
		expect(formatRoughDuration(1_413_000)).toBe('24 min');
		expect(formatRoughDuration(45_400)).toBe('45 s');
		expect(formatRoughDuration(3_720_000)).toBe('1 h 2 min');
	});
});

describe('formatAgo', () => {
	it('reads at a glance, from just now to hours', () => {
		expect(formatAgo(20_000)).toBe('just now');
		expect(formatAgo(-5_000)).toBe('just now');
		expect(formatAgo(12 * 60_000)).toBe('12 min ago');
		expect(formatAgo(125 * 60_000)).toBe('2 h 5 min ago');
	});
});
