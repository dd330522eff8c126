/**
 * Keeps a session in the person's history: a checkpoint of the engine state at every phase
 * change (so a killed tab can resume), and the session itself when it ends, with its check-ins.
 * Writes go one after another, so a late checkpoint can never land after the finished session.
 */
import { needsCheckpoint, type SessionEvent, type SessionState } from '../../engine/types';
import type { CheckIn, Database, StoredSession, StoreResult } from '../../storage/database';
import { PendingSessions } from '../../storage/pending-sessions';
import {
	abandonedSession,
	finishedSession,
	hasAnswer,
	type PlayedRoutine
} from '../../storage/session-records';
import type { SessionNotes } from '../session-notes';

/** The player as the keeper hears it. */
export interface KeptPlayer {
	listen(listener: (event: SessionEvent) => void): () => void;
	readonly state: SessionState;
}

/** The database as the keeper writes to it. */
export interface KeeperDatabase {
	write<T>(work: (db: Database) => Promise<StoreResult<T>>): Promise<StoreResult<T>>;
}

export class SessionKeeper implements SessionNotes {
	#player: KeptPlayer;
	#database: KeeperDatabase;
	#routine: PlayedRoutine;
	#epochNow: () => number;
	#queue: Promise<unknown> = Promise.resolve();
	/** The latest state waiting to be checkpointed; one write carries the newest of a burst. */
	#pending: SessionState | undefined;
	#savedId: number | undefined;
	#afterAnswers = 0;
	/** The before-session check-in, kept with the checkpoint and the finished session. */
	before = $state<CheckIn>({});
	/** The after-session check-in, saved with the session as it is answered. */
	after = $state<CheckIn>({});
	/** Whether the finished session is in the history. */
	saved = $state(false);
	/** The after-session check-in, as last answered, is stored. */
	afterSaved = $state(false);
	/** Why the session or its check-in could not be kept, or empty. */
	problem = $state('');
	/** The coach's note on the session: in the checkpoint while it runs, with the session after. */
	note = $state('');
	/** The note as last written is stored (before the start it waits for the session). */
	noteSaved = $state(false);
	#noteWrites = 0;
	/** Whether the finished session waits to be written (the database refused it): Retry writes it. */
	unsaved = $state(false);
	/** The finished session the database refused, kept until it is written. */
	#unsavedSession: StoredSession | undefined;
	#pendingSessions: PendingSessions;
	/** Another tab took the session over: this one no longer writes the checkpoint. */
	#handedOff = false;

	#liveElsewhere: () => Promise<boolean>;

	constructor(
		player: KeptPlayer,
		database: KeeperDatabase,
		routine: PlayedRoutine,
		epochNow: () => number = () => Date.now(),
		/** Whether another tab's session is under way now: its checkpoint is not abandoned. */
		liveElsewhere: () => Promise<boolean> = async () => false,
		/** Where a session the database refused waits, outside it, for the next try. */
		pendingSessions: PendingSessions = new PendingSessions()
	) {
		this.#pendingSessions = pendingSessions;
		this.#liveElsewhere = liveElsewhere;
		this.#player = player;
		this.#database = database;
		this.#routine = routine;
		this.#epochNow = epochNow;
	}

	/** Starts listening to the player; returns the cleanup. */
	connect(): () => void {
		return this.#player.listen((event) => this.#onEvent(event));
	}

	/** Every write queued so far, done: for a page about to leave and for tests. */
	settled(): Promise<unknown> {
		return this.#queue;
	}

	#onEvent(event: SessionEvent): void {
		if (event.type === 'started') this.#enqueue(() => this.#abandonOther());
		if (event.type === 'done') {
			this.#pending = undefined;
			this.#enqueue(() => this.#finish());
			return;
		}
		if (!needsCheckpoint(event.type)) return;
		const queued = this.#pending !== undefined;
		this.#pending = this.#player.state;
		if (!queued) this.#enqueue(() => this.#checkpoint());
	}

	#enqueue(write: () => Promise<void>): void {
		this.#queue = this.#queue.then(write);
	}

	/** A checkpoint of another session still waiting is that session abandoned, not lost. */
	async #abandonOther(): Promise<void> {
		// Another tab's session, still under way, is not cut off: it keeps its own record.
		if (await this.#liveElsewhere()) return;
		const startedAt = this.#player.state.startedAtEpochMs;
		await this.#database.write(async (db) => {
			const read = await db.read('The session that was cut off', (kept) => kept.checkpoint());
			if (!read.ok) return read;
			const other = read.value;
			if (!other || other.state.startedAtEpochMs === startedAt) return { ok: true, value: 0 };
			return db.addSession(abandonedSession(other));
		});
	}

	/**
	 * Another tab took the session over: the checkpoint is that tab's from now on, so this one
	 * stops writing it (the session's end is still recorded here, as a finished session).
	 */
	handOff(): void {
		this.#handedOff = true;
		this.#pending = undefined;
	}

	async #checkpoint(): Promise<void> {
		const state = this.#pending;
		this.#pending = undefined;
		if (!state || this.#handedOff) return;
		const note = this.note;
		const noteWrite = this.#noteWrites;
		const result = await this.#database.write((db) =>
			db.saveCheckpoint({
				key: 'current',
				routineId: this.#routine.id,
				routineTitle: this.#routine.title,
				stepTitles: this.#routine.stepTitles,
				state,
				...(hasAnswer(this.before) ? { before: $state.snapshot(this.before) } : {}),
				...(note ? { note } : {}),
				savedAtEpochMs: this.#epochNow()
			})
		);
		if (result.ok) {
			if (noteWrite === this.#noteWrites) this.noteSaved = true;
			return;
		}
		// A checkpoint that fails costs only the resume; the session goes on and is kept at its end.
		this.problem = `This session cannot be resumed after a reload: ${result.message} The session goes on, and is kept in your history at its end if there is room by then.`;
	}

	async #finish(): Promise<void> {
		const before = $state.snapshot(this.before);
		const noteWrite = this.#noteWrites;
		const record = this.#player.state.record;
		const session = finishedSession(this.#routine, record, before, this.note);
		if (!session) return;
		await this.#store(session, noteWrite);
	}

	/**
	 * Writes the finished session. Refused (a full disk, the database gone), it is kept in memory
	 * and outside the database, and the person is told it waits for Retry or the next start.
	 * Writing it twice stores it once (see Database.addSession), so both ways may run.
	 */
	async #store(session: StoredSession, noteWrite: number): Promise<void> {
		// Kept outside first: a write that never answers (an upgrade another tab holds up) or a
		// tab closed meanwhile still leaves the session for the next start to write.
		const keptOutside = this.#pendingSessions.keep(session);
		const result = await this.#database.write((db) => db.addSession(session));
		if (!result.ok) {
			this.#unsavedSession = session;
			this.unsaved = true;
			const why = result.reason ?? 'Liana could not save just now';
			this.problem = keptOutside
				? `This session is not in your history yet: ${why}. It is kept on this device and saved the next time Liana opens, or press Retry once there is room.`
				: `This session is not in your history yet: ${why}. It is kept only while this page stays open: press Retry once there is room.`;
			return;
		}
		this.#pendingSessions.forget(session);
		this.#unsavedSession = undefined;
		this.unsaved = false;
		this.#savedId = result.value;
		this.saved = true;
		this.problem = '';
		if (noteWrite === this.#noteWrites) this.noteSaved = true;
		if (session.after && hasAnswer(session.after)) this.afterSaved = true;
	}

	/** Writes the finished session the database refused before. */
	retry(): void {
		const noteWrite = this.#noteWrites;
		this.#enqueue(async () => {
			const session = this.#unsavedSession;
			if (session) await this.#store(session, noteWrite);
		});
	}

	/** A change to a session still waiting to be written: it goes with it, when it goes. */
	#changeUnsaved(change: (session: StoredSession) => StoredSession): void {
		const session = this.#unsavedSession;
		if (!session) return;
		this.#unsavedSession = change(session);
		this.#pendingSessions.keep(this.#unsavedSession);
	}

	/**
	 * Keeps the coach's note: while the session runs, in a checkpoint written now (a reload keeps
	 * it); once it has ended, in the stored session; before the start, until the session begins.
	 */
	saveNote(text: string): void {
		this.note = text.trim();
		this.noteSaved = false;
		const write = ++this.#noteWrites;
		const mode = this.#player.state.mode.kind;
		if (mode === 'idle') return;
		if (mode !== 'done') {
			const queued = this.#pending !== undefined;
			this.#pending = this.#player.state;
			if (!queued) this.#enqueue(() => this.#checkpoint());
			return;
		}
		const note = this.note;
		this.#enqueue(async () => {
			const id = this.#savedId;
			if (id === undefined && this.#unsavedSession) {
				this.#changeUnsaved((session) => {
					const changed: StoredSession = { ...session, note };
					if (!note) delete changed.note;
					return changed;
				});
				return;
			}
			if (id === undefined) {
				this.problem ||= 'Your note was not saved: this session is not in the history.';
				return;
			}
			const result = await this.#database.write((db) => db.updateSession(id, { note }));
			this.problem = result.ok ? '' : `Your note was not saved: ${result.message}`;
			if (result.ok && write === this.#noteWrites) this.noteSaved = true;
		});
	}

	/** The note of a session carried on after a reload, as its checkpoint kept it. */
	restoreNote(note: string): void {
		this.note = note;
		this.noteSaved = note !== '';
	}

	/** Saves an answer of the after-session check-in with the finished session. */
	answerAfter(change: CheckIn): void {
		this.after = { ...this.after, ...change };
		this.afterSaved = false;
		const after = $state.snapshot(this.after);
		const answer = ++this.#afterAnswers;
		this.#enqueue(async () => {
			const id = this.#savedId;
			if (id === undefined) {
				this.#changeUnsaved((session) => ({ ...session, after }));
				return;
			}
			const result = await this.#database.write((db) => db.updateSession(id, { after }));
			this.problem = result.ok ? '' : `Your check-in was not saved: ${result.message}`;
			// Only the newest answer's write says saved: an older one finishing first does not.
			if (result.ok && answer === this.#afterAnswers) this.afterSaved = true;
		});
	}

	/** Answers of the before-session check-in, kept until the session is saved. */
	answerBefore(change: CheckIn): void {
		this.before = { ...this.before, ...change };
	}
}
