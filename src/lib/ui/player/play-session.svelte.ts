/**
 * One routine's play page as a model: the player, the keeper that saves its session, and the
 * offer to resume a session of this routine that a reload, a crash or a closed tab cut off.
 */
import { restoreSession } from '../../engine/reduce';
import { systemClock, type Clock } from '../../engine/clock';
import type { SessionState } from '../../engine/types';
import { viewAt, type SessionView } from '../../engine/view';
import type { Routine } from '../../routine';
import type { CheckIn, Checkpoint } from '../../storage/database';
import type { PlayedRoutine } from '../../storage/session-records';
import { abandon, findCutOffSession, type CutOffDatabase } from '../cut-off-session';
import type { PlayerModel } from '../session/player.svelte';
import { SessionKeeper } from './session-keeper.svelte';

/** The database as this page uses it. */
export type PlayDatabase = CutOffDatabase;

/** A session of this routine that was cut off, offered to resume. */
export interface ResumeOffer {
	checkpoint: Checkpoint;
	/** Where it will resume: paused at the start of the phase it was in. */
	view: SessionView;
}

export class PlaySession {
	#routine: PlayedRoutine;
	#database: PlayDatabase;
	#makePlayer: (from?: SessionState) => PlayerModel;
	#clock: Clock;
	player = $state.raw() as PlayerModel;
	keeper = $state.raw() as SessionKeeper;
	offer = $state.raw<ResumeOffer>();
	/** Why the cut-off session could not be resumed or put in the history, or empty. */
	problem = $state('');

	#liveElsewhere: () => Promise<boolean>;

	constructor(
		routine: Routine,
		database: PlayDatabase,
		makePlayer: (from?: SessionState) => PlayerModel,
		clock: Clock = systemClock,
		/** Whether another tab's session is under way now (its checkpoint is not cut off). */
		liveElsewhere: () => Promise<boolean> = async () => false
	) {
		this.#liveElsewhere = liveElsewhere;
		this.#routine = {
			id: routine.id,
			title: routine.title,
			// As the summary names them, so "Hip opener (left)" and "(right)" stay apart in history.
			stepTitles: routine.steps.map((step) =>
				'side' in step && step.side ? `${step.title} (${step.side})` : step.title
			)
		};
		this.#database = database;
		this.#makePlayer = makePlayer;
		this.#clock = clock;
		this.#begin();
	}

	#stopKeeping: (() => void) | undefined;

	#begin(from?: SessionState): void {
		this.#stopKeeping?.();
		this.player = this.#makePlayer(from);
		this.keeper = new SessionKeeper(
			this.player,
			this.#database,
			this.#routine,
			() => this.#clock.epochNow(),
			this.#liveElsewhere
		);
		// The keeper hears the player from its first event, before the page connects it.
		this.#stopKeeping = this.keeper.connect();
	}

	/** Runs the player while the page shows it; returns the cleanup. */
	connect(): () => void {
		return this.player.connect();
	}

	/** "Start again": a fresh session of the same routine. */
	restart(): void {
		this.#begin();
	}

	/** Looks for a cut-off session of this routine: offered if recent, else kept as abandoned. */
	async findCutOffSession(): Promise<void> {
		const found = await findCutOffSession(
			this.#database,
			this.#clock.epochNow(),
			this.#liveElsewhere
		);
		this.problem = found.problem ?? '';
		const checkpoint = found.checkpoint;
		if (!checkpoint || checkpoint.routineId !== this.#routine.id) return;
		if (this.player.view.mode !== 'idle') return;
		const state = restoreSession(checkpoint.state, this.#clock.now(), this.#clock.epochNow());
		if (!state) {
			await this.#abandon(checkpoint);
			return;
		}
		this.offer = { checkpoint, view: viewAt(state, this.#clock.now()) };
	}

	/** Resumes the offered session where it stood, within the tap that asked (sound unlocks). */
	resume = (): void => {
		const offer = this.offer;
		if (!offer) return;
		const now = this.#clock.now();
		const state = restoreSession(offer.checkpoint.state, now, this.#clock.epochNow());
		this.offer = undefined;
		if (!state) return;
		this.#begin(state);
		if (offer.checkpoint.before) this.keeper.answerBefore(offer.checkpoint.before);
		if (offer.checkpoint.note) this.keeper.restoreNote(offer.checkpoint.note);
		this.player.resume();
	};

	/**
	 * A session another window ran (the presenter pair's other half), carried on here exactly
	 * where it stands: this page's keeper checkpoints and records it from now on.
	 */
	carryOn(state: SessionState, kept: { before: CheckIn; note: string }): void {
		this.offer = undefined;
		this.#begin(state);
		this.keeper.answerBefore(kept.before);
		if (kept.note) this.keeper.restoreNote(kept.note);
	}

	/** Lets the offered session go: it goes into the history as abandoned. */
	discard = (): void => {
		const offer = this.offer;
		this.offer = undefined;
		if (offer) void this.#abandon(offer.checkpoint);
	};

	async #abandon(checkpoint: Checkpoint): Promise<void> {
		this.problem = (await abandon(this.#database, checkpoint)) ?? '';
	}
}
