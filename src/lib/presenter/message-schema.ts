/**
 * What a presenter message may hold, as a schema: any page of the site can post on the channel,
 * so every field is checked here (known keys only, the right types, finite numbers in range)
 * before a window acts on it. Whether the carried session fits this window's routine is the
 * next check (`carried-session.ts`); the timeline's long lists are left to it, which compares
 * them against the routine compiled here rather than walking whatever was sent.
 */
import * as v from 'valibot';
import { FLARES_PER_SESSION } from '../engine/reduce';
import { LIMITS } from '../routine/schema';
import { PHASES } from '../routine/timeline';

/** Raised when what the engine state looks like changes, so windows of two versions ignore each other. */
export const PRESENTER_PROTOCOL = 1;

/** A window's id: a UUID, so anything much longer is not one. */
const WINDOW_ID_CHARS = 100;
/** The longest note the note dialog lets a coach write. */
export const NOTE_CHARS = 4000;
/** Pieces a program can hold: a flare, a retry and a resized phase come to a handful. */
const PIECES = 64;
/** A coach's adjustments in one session: far more than any session needs. */
const ADJUSTMENTS = 10_000;
/** Wall-clock times: after 1970 and before the year 5000. */
const EPOCH_MS_MAX = 1e14;

/** A list of at most `max` items, its length checked before any item is looked at. */
export function shortList<T extends v.GenericSchema>(item: T, max: number) {
	return v.pipe(
		v.custom<unknown[]>((value) => Array.isArray(value) && value.length <= max),
		v.array(item)
	);
}

const finite = v.pipe(v.number(), v.finite());
const atLeastZero = v.pipe(v.number(), v.finite(), v.minValue(0));
const whole = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));
const epochMs = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(EPOCH_MS_MAX));
const windowId = v.pipe(v.string(), v.minLength(1), v.maxLength(WINDOW_ID_CHARS));
const stepId = v.pipe(v.string(), v.maxLength(64));
const stepIndex = whole(LIMITS.steps);
const role = v.picklist(['controller', 'display']);

const phase = v.picklist(PHASES);
const flareDecision = v.picklist(['skip', 'stop', 'retry']);
const outcome = v.picklist(['completed', 'stopped', 'stopped-after-flare', 'red-flag']);

/** One timed piece of a program, as the engine plays it. */
export const segmentSchema = v.strictObject({
	stepIndex,
	lead: v.boolean(),
	phase,
	round: whole(LIMITS.rounds),
	rounds: whole(LIMITS.rounds),
	breath: v.optional(
		v.strictObject({
			part: v.picklist(['inhale', 'hold-in', 'exhale', 'hold-out']),
			n: v.pipe(v.number(), v.integer(), v.minValue(1)),
			of: v.pipe(v.number(), v.integer(), v.minValue(1))
		})
	),
	startMs: atLeastZero,
	durationMs: atLeastZero,
	phaseStartMs: atLeastZero,
	phaseDurationMs: atLeastZero,
	intoStepMs: atLeastZero,
	afterFlare: v.optional(flareDecision),
	timelineEndMs: v.optional(atLeastZero)
});

const mode = v.variant('kind', [
	v.strictObject({ kind: v.literal('idle') }),
	v.strictObject({ kind: v.literal('running'), anchorMs: finite }),
	v.strictObject({ kind: v.literal('paused'), programMs: atLeastZero }),
	v.strictObject({ kind: v.literal('held'), programMs: atLeastZero, sinceMs: finite }),
	v.strictObject({ kind: v.literal('done'), outcome })
]);

const adjustedAt = {
	stepId,
	stepIndex,
	round: whole(LIMITS.rounds),
	phase,
	atEpochMs: epochMs
};

const record = v.strictObject({
	steps: shortList(
		v.strictObject({
			id: stepId,
			status: v.picklist(['not-reached', 'in-progress', 'completed', 'skipped', 'stopped']),
			flares: whole(FLARES_PER_SESSION),
			retried: v.boolean()
		}),
		LIMITS.steps
	),
	flares: shortList(
		v.strictObject({
			stepId,
			stepIndex,
			round: whole(LIMITS.rounds),
			phase,
			secondsIntoStep: atLeastZero,
			atEpochMs: epochMs,
			then: flareDecision
		}),
		FLARES_PER_SESSION
	),
	adjustments: v.optional(
		shortList(
			v.variant('kind', [
				v.strictObject({ ...adjustedAt, kind: v.picklist(['added', 'taken']), deltaMs: finite }),
				v.strictObject({ ...adjustedAt, kind: v.literal('held'), heldMs: atLeastZero }),
				v.strictObject({
					...adjustedAt,
					kind: v.literal('back'),
					toStepId: stepId,
					toStepIndex: stepIndex
				})
			]),
			ADJUSTMENTS
		)
	),
	redFlag: v.optional(v.strictObject({ stepId, stepIndex, phase, atEpochMs: epochMs })),
	startedAtEpochMs: v.optional(epochMs),
	endedAtEpochMs: v.optional(epochMs),
	outcome: v.optional(outcome)
});

/** A list of any length, not walked (the program shares the timeline's by reference). */
const list = v.custom<unknown[]>((value) => Array.isArray(value));

/** The compiled timeline's own lists are checked against the routine, not here. */
const timeline = v.strictObject({
	routine: v.record(v.string(), v.unknown()),
	steps: list,
	segments: list,
	totalMs: atLeastZero,
	flare: v.record(v.string(), v.unknown()),
	resolved: v.record(v.string(), v.unknown())
});

/** A program's slice of a segment list; a list other than the timeline's is checked later. */
const piece = v.strictObject({
	segments: list,
	from: v.pipe(v.number(), v.integer(), v.minValue(0)),
	to: v.pipe(v.number(), v.integer(), v.minValue(0)),
	offsetMs: atLeastZero
});

const state = v.strictObject({
	timeline,
	index: v.strictObject({
		firstOwn: shortList(v.number(), LIMITS.steps),
		end: shortList(v.number(), LIMITS.steps)
	}),
	mode,
	program: v.strictObject({
		pieces: shortList(piece, PIECES),
		totalMs: atLeastZero,
		end: v.picklist(['completed', 'stopped-after-flare'])
	}),
	seenMs: atLeastZero,
	// Minus infinity until the session has seen a moment.
	lastMs: v.pipe(
		v.number(),
		v.check((ms) => ms < Infinity)
	),
	startedAtMs: finite,
	startedAtEpochMs: epochMs,
	record,
	reenter: v.optional(v.boolean())
});

const checkIn = v.strictObject({
	pain: v.optional(whole(10)),
	leg: v.optional(v.picklist(['lighter', 'same', 'heavier']))
});

const sentSession = {
	state,
	clockOriginMs: epochMs,
	before: checkIn,
	note: v.optional(v.pipe(v.string(), v.maxLength(NOTE_CHARS))),
	succeeds: v.optional(windowId)
};

const sender = { v: v.literal(PRESENTER_PROTOCOL), from: windowId };

/** Every message the windows of one routine say to each other, as it must arrive. */
export const presenterMessageSchema = v.variant('type', [
	v.strictObject({ ...sender, type: v.literal('hello'), role, pair: v.optional(windowId) }),
	v.strictObject({ ...sender, type: v.literal('state'), role, ...sentSession }),
	v.strictObject({ ...sender, type: v.literal('take'), to: windowId }),
	v.strictObject({ ...sender, type: v.literal('handover'), to: windowId, ...sentSession }),
	v.strictObject({ ...sender, type: v.literal('bye'), role })
]);
