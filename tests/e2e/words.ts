import { expect, type Locator } from '@playwright/test';

/**
 * Words that belong to a developer tool, not to a person's screen: paths into a file, raw
 * seconds, internal states, values a template let through, file types and formats.
 */
export const DEVELOPER_TERMS: readonly (string | RegExp)[] = [
	'steps[',
	/\bcycle\.[a-z]/i,
	'(file)',
	' s into',
	'seconds into',
	'sound status',
	'voice guidance ready',
	'undefined',
	'NaN',
	'null',
	'[object',
	'.json',
	'.zip',
	'id:',
	'JSON',
	'localStorage',
	'IndexedDB',
	'epoch',
	'during approach',
	'during breathe',
	'during come-back',
	'not guaranteed',
	'saved data on this device',
	'onFlare',
	'comeBack',
	'holdIn',
	'holdOut',
	// A raw ISO date or time stamp.
	/\b\d{4}-\d{2}-\d{2}(T|\b)/,
	// "09:30 AM": a time padded as on a 24-hour clock yet with AM or PM, written by hand, not by
	// the locale (which writes "9:30 AM" or "09:30").
	/\b0\d:\d{2}\s?[AP]M\b/
];

/** Words that are developer words only on a phone, where no second screen can be. */
export const PHONE_TERMS: readonly (string | RegExp)[] = ['display window', 'Display connected'];

/** Where the exact place of a problem is kept for a file's author, and allowed to be technical. */
export const FOR_AUTHOR = '[data-for-author]';

/**
 * The text a person reads in `where`: what is rendered (screen-reader text included, scripts and
 * closed parts not), the author's lines left out by hiding them for the moment of reading.
 */
export async function textForPerson(where: Locator): Promise<string> {
	return where.evaluate((root, forAuthor) => {
		const author = [...root.querySelectorAll<HTMLElement>(forAuthor)];
		const before = author.map((element) => element.style.display);
		for (const element of author) element.style.display = 'none';
		const text = (root as HTMLElement).innerText;
		author.forEach((element, i) => (element.style.display = before[i] ?? ''));
		return text;
	}, FOR_AUTHOR);
}

/** The developer terms found in a text; none is what a person's screen must show. */
export function developerTermsIn(
	text: string,
	terms: readonly (string | RegExp)[] = DEVELOPER_TERMS
): string[] {
	return terms
		.filter((term) =>
			typeof term === 'string' ? text.toLowerCase().includes(term.toLowerCase()) : term.test(text)
		)
		.map(String);
}

/** Fails naming the screen and each developer term shown in `where`, outside the author's lines. */
export async function expectPlainWords(
	where: Locator,
	screen: string,
	terms: readonly (string | RegExp)[] = DEVELOPER_TERMS
): Promise<void> {
	const found = developerTermsIn(await textForPerson(where), terms);
	expect(found, `developer words on ${screen}`).toEqual([]);
}
