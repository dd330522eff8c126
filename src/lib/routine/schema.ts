/**
 * The routine format, version 1: the one source of truth. The TypeScript types, the validator
 * and the published JSON Schema (`static/routine.schema.json`) are all derived from these schemas.
 */
import * as v from 'valibot';
import { shorten } from './path';

/** Limits of the contract, named once. */
export const LIMITS = {
	fileBytes: 1024 * 1024,
	steps: 500,
	titleChars: 120,
	summaryChars: 500,
	textChars: 2000,
	maxSeconds: 3600,
	rounds: 20,
	breaths: 200,
	/** A routine's whole length, rests included (the app's countdown is not the file's). */
	sessionSeconds: 4 * 60 * 60,
	/** Timed pieces (phases, breath parts, rests) of one session: what the player holds. */
	pieces: 50_000
} as const;

/** The slug pattern of routine and step ids. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

type Issue = v.BaseIssue<unknown>;

/** How a received value is named in a message: by what it is, in plain words. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	switch (typeof value) {
		case 'string':
			return `the text ${JSON.stringify(shorten(value))}`;
		case 'number':
			return `the number ${value}`;
		case 'boolean':
			return `${value}`;
		case 'object':
			return 'an object';
		default:
			return typeof value;
	}
}

const butIs = (issue: Issue) => `, not ${describeValue(issue.input)}`;

/** An object whose missing keys and wrong type are said in an author's words. */
function record<const E extends v.ObjectEntries>(entries: E, what: string) {
	return v.object(entries, (issue) =>
		issue.expected?.startsWith('"')
			? `the required key ${issue.expected} is missing`
			: `must be ${what}${butIs(issue)}`
	);
}

const seconds = v.pipe(
	v.number((issue) => `must be a number of seconds${butIs(issue)}`),
	v.minValue(0, (issue) => `must be 0 seconds or more, not ${issue.input}`),
	v.maxValue(
		LIMITS.maxSeconds,
		(issue) => `must be at most ${LIMITS.maxSeconds} seconds (one hour), not ${issue.input}`
	),
	v.description('A duration in seconds, 0 to 3600; fractions allowed; a phase of 0 s is left out.')
);

function count(max: number, what: string) {
	return v.pipe(
		v.number((issue) => `must be a whole number of ${what}${butIs(issue)}`),
		v.integer((issue) => `must be a whole number of ${what}, not ${issue.input}`),
		v.minValue(1, (issue) => `must be at least 1, not ${issue.input}`),
		v.maxValue(max, (issue) => `must be at most ${max}, not ${issue.input}`)
	);
}

/** Characters as a person counts them: a surrogate pair is one. */
export const charCount = (text: string) => {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0xdc00 || c > 0xdfff) n++;
	}
	return n;
};

/** Half of a surrogate pair on its own: no character at all, and shown as � if at all. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Something a person can see: not only spaces, zero-width or direction marks. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

function text(min: number, max: number) {
	return v.pipe(
		v.string((issue) => `must be a text in double quotes${butIs(issue)}`),
		v.check(
			(value) => !LONE_SURROGATE.test(value),
			'holds a broken character (half of an emoji or other symbol): type that part again'
		),
		v.check(
			(value) => min === 0 || VISIBLE.test(value),
			(issue) =>
				charCount(String(issue.input)) === 0
					? 'must not be empty'
					: 'must have at least one visible letter, digit or sign, not only spaces or invisible marks'
		),
		v.check(
			(value) => charCount(value) <= max,
			(issue) => `must be at most ${max} characters, not ${charCount(String(issue.input))}`
		),
		v.metadata({ jsonSchema: { minLength: min, maxLength: max } })
	);
}

const slug = v.pipe(
	v.string((issue) => `must be a text in double quotes${butIs(issue)}`),
	v.regex(
		SLUG,
		(issue) =>
			`must be a short id of lowercase letters, digits and "-" (like "hip-left"), not ${describeValue(issue.input)}`
	)
);

const languageTag = v.pipe(
	v.string((issue) => `must be a language tag such as "en" or "de-CH"${butIs(issue)}`),
	v.check(
		(value) => {
			try {
				return Intl.getCanonicalLocales(value).length === 1;
			} catch {
				return false;
			}
		},
		(issue) => `must be a language tag such as "en" or "de-CH", not ${describeValue(issue.input)}`
	),
	v.metadata({
		jsonSchema: {
			description: 'A BCP 47 language tag for spoken guidance, such as "en" or "de-CH".'
		}
	})
);

const flarePolicy = v.picklist(
	['skip', 'stop', 'retry'],
	(issue) => `must be "skip", "stop" or "retry", not ${describeValue(issue.input)}`
);

const side = v.picklist(
	['left', 'right'],
	(issue) => `must be "left" or "right", not ${describeValue(issue.input)}`
);

const breathParts = {
	inhale: v.optional(seconds),
	holdIn: v.optional(seconds),
	exhale: v.optional(seconds),
	holdOut: v.optional(seconds)
};

/** The cycle's breathe phase, every key optional: a step overrides key by key. */
export const cycleBreatheSchema = record(
	{ breaths: v.optional(count(LIMITS.breaths, 'breaths')), ...breathParts },
	'an object of breaths and seconds, like { "breaths": 4, "inhale": 4, "exhale": 6 }'
);

/** A stretch's cycle, every key optional: approach, breathe, soften, come back. */
export const cycleSchema = record(
	{
		approach: v.optional(seconds),
		breathe: v.optional(cycleBreatheSchema),
		soften: v.optional(seconds),
		comeBack: v.optional(seconds)
	},
	'an object like { "approach": 10, "soften": 20 }'
);

/** A breathing pattern: inhale and exhale required, holds optional. */
export const patternSchema = record(
	{
		inhale: seconds,
		holdIn: v.optional(seconds),
		exhale: seconds,
		holdOut: v.optional(seconds)
	},
	'an object like { "inhale": 4, "exhale": 6 }'
);

const flareTimesSchema = record(
	{ release: v.optional(seconds), recover: v.optional(seconds) },
	'an object like { "release": 10, "recover": 30 }'
);

/** What steps inherit; every key optional. */
export const defaultsSchema = record(
	{
		cycle: v.optional(cycleSchema),
		rounds: v.optional(count(LIMITS.rounds, 'rounds')),
		restBetweenRounds: v.optional(seconds),
		restBetweenSteps: v.optional(seconds),
		onFlare: v.optional(flarePolicy),
		flare: v.optional(flareTimesSchema)
	},
	'an object of defaults'
);

const stepCommon = {
	id: slug,
	title: text(1, LIMITS.titleChars),
	text: v.optional(text(0, LIMITS.textChars)),
	onFlare: v.optional(flarePolicy)
};

const stepShape = 'a step object with "type", "id" and "title"';

/** A stretch step: rounds of approach, breathe, soften, come back. */
export const stretchStepSchema = record(
	{
		type: v.literal('stretch'),
		...stepCommon,
		side: v.optional(side),
		rounds: v.optional(count(LIMITS.rounds, 'rounds')),
		cycle: v.optional(cycleSchema)
	},
	stepShape
);

/** A breathing step: a number of paced breaths. */
export const breatheStepSchema = record(
	{
		type: v.literal('breathe'),
		...stepCommon,
		pattern: v.optional(patternSchema),
		breaths: v.optional(count(LIMITS.breaths, 'breaths'))
	},
	stepShape
);

/** A timed rest. */
export const restStepSchema = record(
	{ type: v.literal('rest'), ...stepCommon, seconds },
	stepShape
);

/** The step types a file may use. */
export const STEP_TYPES = ['stretch', 'breathe', 'rest'] as const;

export const stepSchema = v.variant(
	'type',
	[stretchStepSchema, breatheStepSchema, restStepSchema],
	(issue) => {
		const atType = issue.path?.[issue.path.length - 1]?.key === 'type';
		if (!atType) return `must be ${stepShape}${butIs(issue)}`;
		if (issue.input === undefined) {
			return 'the required key "type" is missing: "stretch", "breathe" or "rest"';
		}
		return `must be "stretch", "breathe" or "rest", not ${describeValue(issue.input)}`;
	}
);

/** The routine file, version 1. */
export const routineSchema = v.pipe(
	record(
		{
			version: v.literal(1, (issue) =>
				Number.isInteger(issue.input) && Number(issue.input) > 1
					? `this file is format version ${issue.input}, but this app reads version 1: update the app, or ask for a version 1 file`
					: `must be the number 1${butIs(issue)}`
			),
			id: slug,
			title: text(1, LIMITS.titleChars),
			summary: v.optional(text(0, LIMITS.summaryChars)),
			language: v.optional(languageTag),
			defaults: v.optional(defaultsSchema),
			steps: v.pipe(
				v.array(stepSchema, (issue) => `must be a list of steps in [ ]${butIs(issue)}`),
				v.minLength(1, 'must hold at least one step'),
				v.maxLength(
					LIMITS.steps,
					(issue) =>
						`holds ${(issue.input as unknown[]).length} steps; a routine may have at most ${LIMITS.steps}`
				)
			)
		},
		'a JSON object { … } with "version", "id", "title" and "steps"'
	),
	v.title('Liana routine, format version 1'),
	v.description(
		'A timed, audio-guided relaxation, breathing and decompression-stretch routine for the Liana app. ' +
			`As a whole it may last at most ${LIMITS.sessionSeconds / 3600} hours (steps and the rests between them) ` +
			`and hold at most ${LIMITS.pieces.toLocaleString('en')} timed parts (phases, breath parts and rests); ` +
			'the app works these out from the numbers and refuses a routine over either.'
	)
);

/** A routine file as the schema checks it (before defaults are resolved). */
export type Routine = v.InferOutput<typeof routineSchema>;
export type Step = v.InferOutput<typeof stepSchema>;
export type StepType = Step['type'];
export type StretchStep = v.InferOutput<typeof stretchStepSchema>;
export type BreatheStep = v.InferOutput<typeof breatheStepSchema>;
export type RestStep = v.InferOutput<typeof restStepSchema>;
export type Defaults = v.InferOutput<typeof defaultsSchema>;
export type Cycle = v.InferOutput<typeof cycleSchema>;
export type FlarePolicy = v.InferOutput<typeof flarePolicy>;
export type Side = v.InferOutput<typeof side>;
