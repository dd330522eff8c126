/**
 * The languages a coach picks the spoken guidance from: by the names their speakers read, not by
 * tags such as "de-CH". A routine in another language keeps it, named as well as the browser can.
 */
import type { JsonValue } from '../../routine/json-text';
import type { Choice } from './fields';

/** The short list: the languages of the app's first coaches, each in its own words. */
export const LANGUAGES: readonly { tag: string; name: string }[] = [
	{ tag: 'en', name: 'English' },
	{ tag: 'de', name: 'Deutsch' },
	{ tag: 'fr', name: 'Français' },
	{ tag: 'es', name: 'Español' },
	{ tag: 'it', name: 'Italiano' },
	{ tag: 'nl', name: 'Nederlands' },
	{ tag: 'pt', name: 'Português' },
	{ tag: 'pl', name: 'Polski' },
	{ tag: 'sv', name: 'Svenska' },
	{ tag: 'da', name: 'Dansk' },
	{ tag: 'nb', name: 'Norsk' },
	{ tag: 'fi', name: 'Suomi' },
	{ tag: 'cs', name: 'Čeština' },
	{ tag: 'el', name: 'Ελληνικά' },
	{ tag: 'tr', name: 'Türkçe' },
	{ tag: 'ja', name: '日本語' }
];

/** The player speaks English where a routine names no language. */
const UNSAID = 'en';

/**
 * The choices for a routine's language as it stands: the list, with its own language added
 * where it is another one; a routine that names none reads as English and stays unnamed.
 */
export function languageChoices(current: JsonValue | undefined): Choice[] {
	const choices: Choice[] = LANGUAGES.map(({ tag, name }) => ({
		value: tag === UNSAID && current === undefined ? undefined : tag,
		label: name
	}));
	if (typeof current !== 'string' || LANGUAGES.some(({ tag }) => tag === current)) return choices;
	return [{ value: current, label: languageName(current) }, ...choices];
}

/** A language tag's name in that language ("de-CH": "Schweizer Hochdeutsch"); else the tag. */
export function languageName(tag: string): string {
	try {
		const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
		return name && name !== tag ? capitalised(name, tag) : tag;
	} catch {
		// Not a language tag (a typo in a file): shown as written, and the field says what is wrong.
		return tag;
	}
}

function capitalised(name: string, tag: string): string {
	return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}
