/**
 * The coach's note on a session, as the note dialog reads and keeps it: the player keeps it for
 * the session under way, the history for a session already stored.
 */
export interface SessionNotes {
	readonly note: string;
	readonly noteSaved: boolean;
	/** Why the session, its check-in or its note could not be kept, or empty. */
	readonly problem: string;
	saveNote(text: string): void;
}
