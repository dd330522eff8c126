import { describe, expect, it } from 'vitest';
import { languageChoices, languageName } from './languages';

describe('the language of the spoken guidance', () => {
	it('is chosen by names people read, English first', () => {
		const choices = languageChoices('en');
		expect(choices.slice(0, 7).map((choice) => choice.label)).toEqual([
			'English',
			'Deutsch',
			'Français',
			'Español',
			'Italiano',
			'Nederlands',
			'Português'
		]);
		expect(choices.find((choice) => choice.label === 'Deutsch')?.value).toBe('de');
		expect(choices.every((choice) => !/^[a-z]{2}(-|$)/.test(choice.label))).toBe(true);
	});

	it('keeps a language not on the list, named in its own words, and any text as written', () => {
		const swiss = languageChoices('de-CH');
		expect(swiss[0]).toEqual({ value: 'de-CH', label: 'Schweizer Hochdeutsch' });
		expect(swiss).toHaveLength(languageChoices('en').length + 1);
		expect(languageName('pt-BR')).toBe('Português (Brasil)');
		expect(languageChoices('not a tag!')[0]).toEqual({ value: 'not a tag!', label: 'not a tag!' });
	});

	it('reads a routine that names no language as English, and leaves it unnamed', () => {
		const choices = languageChoices(undefined);
		expect(choices[0]).toEqual({ value: undefined, label: 'English' });
		expect(choices.filter((choice) => choice.label === 'English')).toHaveLength(1);
	});
});
