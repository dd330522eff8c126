/**
 * Which sounds play when: for every moment the engine will reach in a window of time, the clips
 * to play and their offsets. Pure: it reads the engine's state and never touches audio, so the
 * rules (no pile-up, nothing replayed) are tested in Node.
 */
import { locate, startsBetween, type PlaySegment } from '../engine/program';
import type { SessionState } from '../engine/types';
import { CHIME_CUES, type CueId } from './cues';
import { recordedCue } from './own-cues';

/** What the person chose to hear. */
export interface CueSettings {
	voice: boolean;
	chimes: boolean;
}

/** One sound of a group, `offsetMs` after the group's moment. */
export interface PlannedClip {
	id: CueId;
	offsetMs: number;
}

/** A coach's recorded cue in a group, cut at `maxMs` so it ends before the next moment. */
export interface OwnClip {
	cue: string;
	offsetMs: number;
	maxMs: number;
}

/** The sounds for one moment of the session, in monotonic time. */
export interface CueGroup {
	atMs: number;
	clips: PlannedClip[];
	/** The coach's own voice, in place of the built-in words of this moment. */
	own?: OwnClip;
}

/** No recorded cues: the built-in voice says everything. */
const NO_RECORDINGS: ReadonlyMap<string, number> = new Map();

/** Space kept free before the next moment, so one group never runs into the next. */
export const CLEARANCE_MS = 150;
/** Pause between two spoken clips of a group. */
export const CLIP_GAP_MS = 80;
/** Speech starts a little after a chime, over its ringing. */
export const AFTER_CHIME_MS = 150;
/** The countdown ticks on its last seconds. */
export const COUNTDOWN_TICKS = 3;

interface Candidate {
	id: CueId;
	/** Higher is kept longer when a group does not fit its time. */
	priority: number;
}

const PRIORITY = { phase: 10, side: 6, chime: 5, next: 4, round: 3, halfway: 1 } as const;

/** Every cue group whose moment falls in monotonic `(fromMs, toMs]`. */
export function planCueGroups(
	state: SessionState,
	fromMs: number,
	toMs: number,
	settings: CueSettings,
	durationsMs: Record<CueId, number>,
	/** The coach's recorded cues: key → length in ms. */
	recorded: ReadonlyMap<string, number> = NO_RECORDINGS
): CueGroup[] {
	if (state.mode.kind !== 'running') return [];
	const anchorMs = state.mode.anchorMs;
	const { program, timeline } = state;
	const from = fromMs - anchorMs;
	const to = toMs - anchorMs;
	const halfway = timeline.segments.find((segment) => segment.startMs >= timeline.totalMs / 2);
	const groups: CueGroup[] = [];

	// A countdown's ticks fall inside it, so the segment already playing at `from` counts too.
	const playing = locate(program, Math.max(0, from));
	const starts = startsBetween(program, from, to);
	const seen = playing && playing.startMs <= from ? [playing, ...starts] : starts;
	for (const located of seen) {
		const { segment, startMs } = located;
		if (segment.phase === 'countdown') {
			for (let k = COUNTDOWN_TICKS; k >= 1; k--) {
				const tickMs = startMs + segment.durationMs - k * 1000;
				if (tickMs > startMs + 1000 && tickMs > from && tickMs <= to && settings.chimes) {
					groups.push({ atMs: anchorMs + tickMs, clips: [{ id: 'tick', offsetMs: 0 }] });
				}
			}
		}
		if (startMs <= from) continue;
		const own = settings.voice ? ownGroup(segment, state, recorded, settings) : undefined;
		if (own) {
			if (own.clips.length > 0 || own.own) groups.push({ atMs: anchorMs + startMs, ...own });
			continue;
		}
		const candidates = cuesFor(segment, state, segment === halfway);
		const clips = fit(candidates, settings, durationsMs, segment.durationMs - CLEARANCE_MS);
		if (clips.length > 0) groups.push({ atMs: anchorMs + startMs, clips });
	}

	const endMs = program.totalMs;
	const doneCue = settings.voice ? recordedCue(recorded, undefined, 'done') : undefined;
	if (program.end === 'completed' && endMs > from && endMs <= to && doneCue) {
		groups.push({
			atMs: anchorMs + endMs,
			clips: settings.chimes ? [{ id: 'chime-end', offsetMs: 0 }] : [],
			own: { cue: doneCue, offsetMs: settings.chimes ? AFTER_CHIME_MS : 0, maxMs: Infinity }
		});
	} else if (program.end === 'completed' && endMs > from && endMs <= to) {
		const clips = fit(
			[
				{ id: 'chime-end', priority: PRIORITY.chime },
				{ id: 'well-done', priority: PRIORITY.phase }
			],
			settings,
			durationsMs,
			Infinity
		);
		if (clips.length > 0) groups.push({ atMs: anchorMs + endMs, clips });
	}
	return groups.sort((a, b) => a.atMs - b.atMs);
}

/**
 * A moment the coach recorded a cue for: the chime, then their recording in place of every
 * built-in word, cut to end before the next moment. Inside a recorded breathing phase the
 * breaths' words wait until the recording is over. Undefined where the built-in voice speaks.
 */
function ownGroup(
	segment: PlaySegment,
	state: SessionState,
	recorded: ReadonlyMap<string, number>,
	settings: CueSettings
): Pick<CueGroup, 'clips' | 'own'> | undefined {
	const cue = recordedCue(recorded, state.timeline.steps[segment.stepIndex]?.id, segment.phase);
	if (!cue) return undefined;
	const chime = settings.chimes && segment.phase !== 'release' && segment.phase !== 'countdown';
	const offsetMs = chime ? AFTER_CHIME_MS : 0;
	const intoPhaseMs = segment.startMs - segment.phaseStartMs;
	if (intoPhaseMs > 0) {
		// A later breath of a recorded phase: silent while the recording speaks.
		const endsMs = offsetMs + (recorded.get(cue) ?? 0) + CLIP_GAP_MS;
		return intoPhaseMs < endsMs ? { clips: [] } : undefined;
	}
	const phaseMs = segment.breath ? segment.phaseDurationMs : segment.durationMs;
	const maxMs = phaseMs - offsetMs - CLEARANCE_MS;
	if (maxMs <= 0) return undefined;
	return {
		clips: chime ? [{ id: 'chime', offsetMs: 0 }] : [],
		own: { cue, offsetMs, maxMs }
	};
}

/** The sounds a segment's start calls for, before they are fitted to its time. */
function cuesFor(segment: PlaySegment, state: SessionState, isHalfway: boolean): Candidate[] {
	const step = state.timeline.steps[segment.stepIndex];
	const out: Candidate[] = [];
	const chime = () => out.push({ id: 'chime', priority: PRIORITY.chime });
	const say = (id: CueId, priority: number) => out.push({ id, priority });
	if (isHalfway) say('halfway', PRIORITY.halfway);

	if (segment.breath) {
		const part = segment.breath.part;
		if (segment.startMs === segment.phaseStartMs) chime();
		say(part === 'inhale' ? 'inhale' : part === 'exhale' ? 'exhale' : 'hold', PRIORITY.phase);
		return out;
	}
	switch (segment.phase) {
		case 'countdown':
			say('get-ready', PRIORITY.phase);
			break;
		case 'approach': {
			chime();
			const roundCue = roundCueFor(segment.round, segment.rounds);
			if (roundCue) say(roundCue, PRIORITY.round);
			if (segment.round <= 1 && step?.side) say(step.side, PRIORITY.side);
			say('approach', PRIORITY.phase);
			break;
		}
		case 'rest':
			chime();
			say('rest', PRIORITY.phase);
			if (segment.lead) say('next-step', PRIORITY.next);
			break;
		case 'soften':
		case 'come-back':
		case 'recover':
			chime();
			say(segment.phase, PRIORITY.phase);
			break;
		case 'release':
			// No chime: the words must come at once, and fit the step: no stretch to come out of
			// in a breath or a rest.
			say(step?.type === 'stretch' ? 'release' : 'release-still', PRIORITY.phase);
			break;
		case 'breathe':
		case 'done':
			break;
		default: {
			const unhandled: never = segment.phase;
			throw new Error(`no cue for phase ${String(unhandled)}`);
		}
	}
	return out;
}

function roundCueFor(round: number, rounds: number): CueId | undefined {
	if (rounds <= 1 || round < 1) return undefined;
	if (round === rounds && rounds > 2) return 'last-round';
	return round <= 10 ? (`round-${round}` as CueId) : undefined;
}

/**
 * Lays the clips out in time (a chime at 0, speech after it, one clip after another) and drops
 * the least important until the group ends before `availableMs`: sounds never pile up.
 */
export function fit(
	candidates: readonly Candidate[],
	settings: CueSettings,
	durationsMs: Record<CueId, number>,
	availableMs: number
): PlannedClip[] {
	let kept = candidates.filter((c) => (CHIME_CUES.has(c.id) ? settings.chimes : settings.voice));
	for (;;) {
		const laid = layOut(kept, durationsMs);
		if (laid.endMs <= availableMs || kept.length === 0) return kept.length === 0 ? [] : laid.clips;
		const weakest = kept.reduce((low, c) => (c.priority < low.priority ? c : low));
		kept = kept.filter((c) => c !== weakest);
	}
}

function layOut(
	kept: readonly Candidate[],
	durationsMs: Record<CueId, number>
): { clips: PlannedClip[]; endMs: number } {
	const clips: PlannedClip[] = [];
	let endMs = 0;
	let speechAtMs = 0;
	for (const candidate of kept) {
		const durationMs = durationsMs[candidate.id];
		if (candidate.id === 'chime' || candidate.id === 'chime-end') {
			clips.push({ id: candidate.id, offsetMs: 0 });
			speechAtMs = Math.max(speechAtMs, AFTER_CHIME_MS);
			endMs = Math.max(endMs, durationMs);
			continue;
		}
		clips.push({ id: candidate.id, offsetMs: speechAtMs });
		endMs = Math.max(endMs, speechAtMs + durationMs);
		speechAtMs += durationMs + CLIP_GAP_MS;
	}
	return { clips, endMs };
}
