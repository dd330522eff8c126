/**
 * What the library screen says and asks, shared by the list, the import flow and export: the
 * alert, the polite notice, and an import's clash waiting for an answer. Each new action starts
 * afresh.
 */
import type { RoutineIssue } from '../../routine';
import type { Recording, StoredRoutine } from '../../storage/database';
import type { ImportClash } from '../../transfer/routine-import';
import type { PackedRecording } from '../../transfer/routine-pack';

/**
 * What went wrong, shown as an alert: a refused file with its issues, or a message; `retry` when
 * the alert offers Retry (a link whose site did not answer in time).
 */
export type LibraryProblem =
	| { kind: 'invalid'; source: string; issues: RoutineIssue[]; pack?: boolean }
	| { kind: 'message'; message: string; retry?: boolean };

/** What just happened, said politely; a deletion carries what Undo puts back. */
export interface LibraryNotice {
	message: string;
	undo?: { routine: StoredRoutine; recordings: Recording[] };
}

/**
 * A clash waiting for the person's answer: where the file came from, whose id it has, and the
 * recordings a routine pack brings with it.
 */
export type PendingClash = ImportClash & {
	source: string;
	existingTitle: string;
	recordings?: PackedRecording[];
};

/** The screen's alert, notice and question, one of each at a time. */
export class LibraryStatus {
	problem = $state.raw<LibraryProblem>();
	notice = $state.raw<LibraryNotice>();
	clash = $state.raw<PendingClash>();

	/** A new action: the last one's problem, notice and question are done with. */
	begin(): void {
		this.problem = undefined;
		this.notice = undefined;
		this.clash = undefined;
	}

	fail(message: string): void {
		this.problem = { kind: 'message', message };
	}

	dismissNotice(): void {
		this.notice = undefined;
	}
}
