/**
 * Routine text reaches the page only as text: no component may render raw HTML (`{@html}`), set
 * `innerHTML`/`outerHTML`, write the document or run strings as code. This reads every source
 * file, so a new one is covered the day it is added.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', 'src');
const FORBIDDEN: [RegExp, string][] = [
	[/\{@html\b/, '{@html}'],
	[/\.(?:inner|outer)HTML\s*=/, 'innerHTML/outerHTML ='],
	[/\binsertAdjacentHTML\s*\(/, 'insertAdjacentHTML'],
	[/\bdocument\.write(?:ln)?\s*\(/, 'document.write'],
	[/\beval\s*\(/, 'eval'],
	[/\bnew\s+Function\s*\(/, 'new Function']
];

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		const source = /\.(svelte|ts|js|html)$/.test(name) && !/\.test\.ts$/.test(name);
		return source ? [path] : [];
	});
}

describe('no raw HTML or code from strings', () => {
	it('finds none in any source file', () => {
		const files = sources(ROOT);
		expect(files.length).toBeGreaterThan(50);
		const found = files.flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			return FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(
				([, name]) => `${file.slice(ROOT.length + 1)}: ${name}`
			);
		});
		expect(found).toEqual([]);
	});

	it('would see one', () => {
		const text = '<p>{@html routine.title}</p>';
		expect(FORBIDDEN.some(([pattern]) => pattern.test(text))).toBe(true);
	});
});
