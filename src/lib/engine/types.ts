/** The session engine's state, actions, events and record. */
import type { Phase, Timeline } from '../routine/timeline';
import type { FlareDecision, PlaySegment, Program } from './program';

/** What a session's run came to. */
export type Outcome = 'completed' | 'stopped' | 'stopped-after-flare' | 'red-flag';

/** Where a step stands in this session. */
export type StepStatus = 'not-reached' | 'in-progress' | 'completed' | 'skipped' | 'stopped';

/** One step's line in the record. */
export interface StepRecord {
	id: string;
	status: StepStatus;
	flares: number;
	/** True once the step was tried again gently after a flare. */
	retried: boolean;
}

/** A reported flare, as the contract asks it to be kept. */
export interface FlareRecord {
	stepId: string;
	stepIndex: number;
	round: number;
	phase: Phase;
	/** Seconds into the step when the flare was reported. */
	secondsIntoStep: number;
	/** When, in wall-clock milliseconds since 1970 (derived from the session's monotonic time). */
	atEpochMs: number;
	/** What the session will do once recovered, unless the person decides otherwise. */
	then: FlareDecision;
}

/** The red flag: numbness, weakness, or sudden severe pain. */
export interface RedFlagRecord {
	stepId: string;
	stepIndex: number;
	phase: Phase;
	atEpochMs: number;
}

/** Where in the session a coach's adjustment was made. */
interface AdjustedAt {
	stepId: string;
	stepIndex: number;
	round: number;
	phase: Phase;
	/** When, in wall-clock milliseconds since 1970 (for a hold, when it began). */
	atEpochMs: number;
}

/** A coach's live change to the phase under way, kept so history can show it. */
export type AdjustmentRecord =
	/** Time added to or taken from the phase: `deltaMs` as applied (whole breaths when breathing). */
	| (AdjustedAt & { kind: 'added' | 'taken'; deltaMs: number })
	/** The phase was held still for `heldMs`. */
	| (AdjustedAt & { kind: 'held'; heldMs: number })
	/** The coach went back from here to the start of step `toStepIndex` (the same step: again). */
	| (AdjustedAt & { kind: 'back'; toStepId: string; toStepIndex: number });

/** Everything that happened in a session, kept for history. */
export interface SessionRecord {
	steps: StepRecord[];
	flares: FlareRecord[];
	/** Optional: sessions stored before coaches could adjust have none. */
	adjustments?: AdjustmentRecord[];
	redFlag?: RedFlagRecord;
	startedAtEpochMs?: number;
	endedAtEpochMs?: number;
	outcome?: Outcome;
}

/** The engine's mode, one kind at a time. */
export type Mode =
	| { kind: 'idle' }
	/** Program time 0 is at monotonic `anchorMs`. */
	| { kind: 'running'; anchorMs: number }
	| { kind: 'paused'; programMs: number }
	/** The coach holds the phase still at `programMs` since `sinceMs`; sound is not silenced. */
	| { kind: 'held'; programMs: number; sinceMs: number }
	| { kind: 'done'; outcome: Outcome };

/** One kind of mode, narrowed: what a mode's handler knows it is in. */
export type ModeOf<K extends Mode['kind']> = Extract<Mode, { kind: K }>;

/** The modes of a session under way: started, not yet done. Written here once; ask `isUnderWay`. */
const UNDER_WAY = ['running', 'paused', 'held'] as const satisfies readonly Mode['kind'][];

/** The modes of a session under way: started, not yet done. */
export type UnderWay = (typeof UNDER_WAY)[number];

/** Whether a session in this mode is under way (running, paused or held). */
export function isUnderWay(mode: Mode['kind']): mode is UnderWay {
	return (UNDER_WAY as readonly Mode['kind'][]).includes(mode);
}

/** The whole state of a session: a value, replaced whole by each action. */
export interface SessionState {
	timeline: Timeline;
	index: StepIndex;
	mode: Mode;
	program: Program;
	/** Program time up to which boundaries have been reported. */
	seenMs: number;
	/** The latest monotonic time seen: time never moves backwards. */
	lastMs: number;
	startedAtMs: number;
	startedAtEpochMs: number;
	record: SessionRecord;
	/** Set on a restored session: its phase plays again from the start on resume. */
	reenter?: boolean;
}

/** Where each step's segments sit in the compiled timeline. */
export interface StepIndex {
	/** Index of the step's first own (non-lead) segment. */
	firstOwn: number[];
	/** Index just past the step's last own segment. */
	end: number[];
}

/** The choices after a flare. */
export type FlareChoice = 'skip' | 'end' | 'retry';

/** What a person, a coach or the clock can do to a session. */
export type Action =
	| { type: 'start'; atMs: number; epochMs: number }
	| { type: 'tick'; atMs: number }
	| { type: 'pause'; atMs: number }
	| { type: 'resume'; atMs: number }
	| { type: 'skip'; atMs: number }
	| { type: 'previous'; atMs: number }
	| { type: 'stop'; atMs: number }
	| { type: 'flare'; atMs: number }
	| { type: 'red-flag'; atMs: number }
	| { type: 'choose'; choice: FlareChoice; atMs: number }
	/** The coach adds (positive) or takes (negative) time from the phase under way. */
	| { type: 'adjust'; deltaMs: number; atMs: number }
	| { type: 'hold'; atMs: number }
	| { type: 'unhold'; atMs: number };

/** What the engine tells the UI and audio layers; it never plays or renders anything itself. */
export type SessionEvent =
	| { type: 'started'; atMs: number }
	| { type: 'phase-started'; segment: PlaySegment; atMs: number; missed: boolean }
	| { type: 'step-started'; stepIndex: number; atMs: number; missed: boolean }
	/**
	 * The clock reached a segment (a phase, or one part of a breath): `missed` when it passed
	 * while the page was not running. Which sound it brings is the cue plan's (audio/cue-plan).
	 */
	| { type: 'segment-started'; segment: PlaySegment; atMs: number; missed: boolean }
	| { type: 'paused'; atMs: number }
	| { type: 'resumed'; atMs: number }
	/** Any sound playing must stop now: a flare, a jump, a stop. */
	| { type: 'silence'; atMs: number }
	/** A coach changed the program (time added or taken, a step back): plan the cues ahead afresh. */
	| { type: 'adjusted'; adjustment: AdjustmentRecord; atMs: number }
	/** The phase stands still; what is playing may finish, nothing new becomes due. */
	| { type: 'held'; atMs: number }
	| { type: 'unheld'; adjustment: AdjustmentRecord; atMs: number }
	| { type: 'flare'; flare: FlareRecord; atMs: number }
	| { type: 'red-flag'; redFlag: RedFlagRecord; atMs: number }
	| { type: 'done'; outcome: Outcome; record: SessionRecord; atMs: number };

/**
 * What each event is, for those who listen, so no listener keeps its own list.
 * `raisedBy`: 'clock' for a boundary the passing of time alone brings, which anyone holding the
 * state works out for itself; 'control' for a change someone made, and for the end, which a
 * follower is told and never decides on its own. `checkpoint`: the state at this event is worth
 * keeping, so a killed tab resumes from it (a step starting always comes with its phase; a
 * silence with the change that made it; the end keeps the session itself, not a checkpoint).
 */
export const EVENT_CLASSES = {
	started: { raisedBy: 'control', checkpoint: true },
	'phase-started': { raisedBy: 'clock', checkpoint: true },
	'step-started': { raisedBy: 'clock', checkpoint: false },
	'segment-started': { raisedBy: 'clock', checkpoint: false },
	paused: { raisedBy: 'control', checkpoint: true },
	resumed: { raisedBy: 'control', checkpoint: true },
	silence: { raisedBy: 'control', checkpoint: false },
	adjusted: { raisedBy: 'control', checkpoint: true },
	held: { raisedBy: 'control', checkpoint: true },
	unheld: { raisedBy: 'control', checkpoint: true },
	flare: { raisedBy: 'control', checkpoint: true },
	'red-flag': { raisedBy: 'control', checkpoint: false },
	done: { raisedBy: 'control', checkpoint: false }
} as const satisfies Record<
	SessionEvent['type'],
	{ raisedBy: 'clock' | 'control'; checkpoint: boolean }
>;

/** Whether the passing of time alone raises this event: a follower works it out from the state. */
export function isClockDriven(type: SessionEvent['type']): boolean {
	return EVENT_CLASSES[type].raisedBy === 'clock';
}

/** Whether the session's state at this event is kept as a checkpoint, for a resume after a reload. */
export function needsCheckpoint(type: SessionEvent['type']): boolean {
	return EVENT_CLASSES[type].checkpoint;
}

/** An action's result: the next state and what the outside world should hear of it. */
export interface Transition {
	state: SessionState;
	events: SessionEvent[];
}
