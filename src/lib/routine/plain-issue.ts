/**
 * A routine file's problems in a person's words: the step by its number and title, the setting by
 * a plain name, and what to do. The exact place (`steps[0].cycle.soften`, or a line and column)
 * stays in the issue for the file's author, shown underneath, never as the lead.
 */
import { shorten } from './path';
import type { RoutineIssue } from './validate';

/** A problem said to a person: where it is, and what is wrong there. */
export interface PlainIssue {
	/** "in step 1, “Long spine”", "in the settings every step shares"; none for the file as a whole. */
	where?: string;
	/** "the soften time must be a number of seconds, not the text “4”". */
	what: string;
}

/** A problem that stops the whole file being read, said as one sentence and what to do. */
export interface WholeFileProblem {
	sentence: string;
	todo: string;
}

/** The plain names of the format's keys, as a person would say them. */
const SETTINGS: Record<string, string> = {
	version: 'the format version',
	id: 'the short name',
	title: 'the title',
	summary: 'the summary',
	language: 'the language',
	defaults: 'the settings every step shares',
	steps: 'the list of steps',
	type: 'the kind of step',
	text: 'the step’s text',
	side: 'the side',
	rounds: 'the number of rounds',
	breaths: 'the number of breaths',
	cycle: 'the stretch’s timing',
	pattern: 'the breathing pattern',
	seconds: 'the length of the rest',
	onFlare: 'what happens after a flare',
	flare: 'the times after a flare',
	release: 'the release time after a flare',
	recover: 'the recovery time after a flare',
	approach: 'the approach time',
	breathe: 'the breathing',
	soften: 'the soften time',
	comeBack: 'the come-back time',
	inhale: 'the breath in',
	exhale: 'the breath out',
	holdIn: 'the hold after breathing in',
	holdOut: 'the hold after breathing out',
	restBetweenRounds: 'the rest between rounds',
	restBetweenSteps: 'the rest between steps'
};

/** The part of a pack's issue path naming its routine file, before the routine's own path. */
const PACK_ROUTINE = /^routine\.json /;

/** The keys of an issue's path, `steps[0].cycle.soften` giving `steps`, `0`, `cycle`, `soften`. */
function keysOf(path: string): string[] {
	if (path === '(file)') return [];
	return [...path.matchAll(/\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g)].map(
		(match) => match[1] ?? match[2] ?? match[3] ?? ''
	);
}

/** A key's plain name; the step's own short name and title differ from the routine's. */
function settingName(keys: readonly string[]): string {
	const last = keys[keys.length - 1];
	if (last === undefined) return 'the file';
	const inStep = keys[0] === 'steps' && keys.length > 2;
	if (inStep && last === 'id') return 'the step’s short name';
	if (inStep && last === 'title') return 'the step’s title';
	if (keys[0] === 'steps' && keys.length === 2) return 'the step';
	if (!inStep && last === 'id') return 'the routine’s short name';
	if (!inStep && last === 'title') return 'the routine’s title';
	return SETTINGS[last] ?? `“${shorten(last)}”`;
}

/** Straight quotes of the file's words as a person's quotation marks: "4" gives “4”. */
const curly = (text: string) => text.replace(/"([^"]*)"/g, '“$1”');

/**
 * The validator's message, which the editor shows beside the field, in words for a person who
 * never saw the file: no keys, braces or "JSON".
 */
function plainMessage(message: string, keys: readonly string[]): string {
	const missing = /^the required key "([^"]+)" is missing(: (.*))?$/.exec(message);
	if (missing) {
		const name = settingName([...keys.slice(0, -1), missing[1] ?? '']);
		return missing[3]
			? `${name} is missing: it must be ${curly(missing[3])}`
			: `${name} is missing`;
	}
	const unknown = /^unknown key "(.*)"(?: — did you mean "(.*)"\?| \(.*\))$/.exec(message);
	if (unknown) {
		const said = `“${unknown[1]}” is not a setting Liana knows`;
		return unknown[2] ? `${said}: did you mean “${unknown[2]}”?` : said;
	}
	if (/^must be (an object|a JSON object|a step object|a list of steps)\b/.test(message)) {
		return `${settingName(keys)} is not written the way Liana expects`;
	}
	const words = curly(
		message
			.replace(/^the step ".*?" lasts/, 'it lasts')
			.replace(
				/used already by steps\[(\d+)\]/,
				(_, i: string) => `used by step ${Number(i) + 1} already`
			)
			.replace(/^the id /, 'its short name ')
			.replace(/; every step needs its own id$/, '; each step needs a short name of its own')
			.replace(/ in double quotes/, '')
			.replace(
				/a short id of lowercase letters, digits and "-"/,
				'small letters, digits and dashes only'
			)
			.replace(/a language tag such as "en" or "de-CH"/, 'a language code such as "en" for English')
			.replace(/, not null$/, ', not an empty value')
			.replace(/, not an object$/, ', not a group of settings')
	);
	return /^(must|holds|is|lasts) /.test(words) ? `${settingName(keys)} ${words}` : words;
}

/** Where a problem is and what it is, in a person's words. */
export function plainIssue(issue: RoutineIssue): PlainIssue {
	const keys = keysOf(issue.path.replace(PACK_ROUTINE, ''));
	const what = plainMessage(issue.message, keys);
	if (issue.step) {
		const title = issue.step.title ? `, “${shorten(issue.step.title)}”` : '';
		return { where: `in step ${issue.step.number}${title}`, what };
	}
	if (keys[0] === 'defaults') return { where: 'in the settings every step shares', what };
	return { what };
}

/** A plain issue as a sentence of its own: "In step 1, “Long spine”: the soften time must …." */
export function plainSentence(issue: RoutineIssue): string {
	const { where, what } = plainIssue(issue);
	const text = where ? `${where}: ${what}` : what;
	return sentence(text);
}

/** A capital first and a full stop last. */
export function sentence(text: string): string {
	const capital = text.charAt(0).toUpperCase() + text.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const ASK_AGAIN = 'Ask whoever sent it for a new copy, or choose the file again.';

/**
 * The problem that stops the whole file (or pack) being read, when that is the only problem: broken
 * text, the wrong kind of file, too big, a newer format. Undefined when it is a mistake in a place.
 */
export function wholeFileProblem(
	issue: RoutineIssue,
	pack = false,
	subject = pack ? 'This routine pack' : 'This file'
): WholeFileProblem | undefined {
	const message = issue.message;
	const path = issue.path.replace(PACK_ROUTINE, '');
	const inPack = pack && PACK_ROUTINE.test(issue.path);
	if (message.startsWith('not valid JSON: the file is empty')) {
		return {
			sentence: `${inPack ? 'The routine in this pack' : subject} is empty.`,
			todo: ASK_AGAIN
		};
	}
	if (message.startsWith('not valid JSON')) {
		if (issue.line === 1 && issue.column === 1 && !inPack) return notARoutine(pack);
		return {
			sentence: `${inPack ? 'The routine in this pack' : subject} is damaged: a comma, quote or bracket in its text is missing or extra, so Liana cannot read it.`,
			todo: 'Ask whoever made it for a new copy, or correct the place named below in a text editor and import it again.'
		};
	}
	if (message.startsWith('not UTF-8')) {
		if (
			issue.line === 1 &&
			issue.column === 1 &&
			!message.includes('looks like UTF-16') &&
			!inPack
		) {
			return notARoutine(pack);
		}
		return {
			sentence: `${subject} is saved in a kind of text Liana cannot read.`,
			todo: 'Open it in a text editor, save it as UTF-8 (Save As offers it), and import it again.'
		};
	}
	if (message.startsWith('this is not a zip file') || /^must be a JSON object/.test(message)) {
		return notARoutine(pack);
	}
	const size =
		/^the (?:file|pack) is ([\d.,]+ (?:MiB|bytes)); a routine (file|pack) may be at most ([\d.,]+ MiB)/.exec(
			message
		);
	if (size && path === '(file)') {
		return {
			sentence: `${subject} is too big to be a routine ${size[2]}: it is ${size[1]}, and one may be at most ${size[3]}.`,
			todo: 'Check that you chose the right file.'
		};
	}
	const newer = /^this file is format version (\d+)/.exec(message);
	if (newer) {
		return {
			sentence: `${subject} was made for a newer version of Liana, so this version cannot read it.`,
			todo: 'Open Liana while online so it can update itself, then import it again; or ask for a file made for this version.'
		};
	}
	if (path === '(file)' && !pack) {
		return {
			sentence: sentence(message.replace(/^this routine/, 'This routine')),
			todo: ASK_AGAIN
		};
	}
	if (pack && path === '(file)') {
		return {
			sentence: 'This routine pack is damaged, so Liana cannot open it.',
			todo: 'Ask whoever sent it to export it again from Liana, or import the routine file on its own.'
		};
	}
	if (pack && !inPack) {
		return {
			sentence: 'This routine pack holds something Liana cannot use, so it was not imported.',
			todo: 'Ask whoever sent it to export it again from Liana, or import the routine file on its own.'
		};
	}
	return undefined;
}

function notARoutine(pack: boolean): WholeFileProblem {
	return {
		sentence: pack
			? 'This is not a routine pack.'
			: 'This is not a routine file, so Liana cannot open it.',
		todo: 'Choose a routine exported from Liana or sent to you by your coach.'
	};
}
