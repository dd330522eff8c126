/**
 * The editor's model for its tests: on a fresh fake IndexedDB each test (databases.ts), with
 * timers the test runs by hand, clocks that step on each reading, downloads kept, and one
 * built-in routine (`daily-unload`) served. Only tests
 * import this file.
 */
import { expect, vi } from 'vitest';
import type { RoutineFile } from '$lib/transfer/routine-import';
import { EditorModel, type EditorOptions } from '$lib/ui/editor/editor.svelte';
import { freshDatabases } from './databases';
import { readsOf } from './stored';

/** The built-in routine the editors' fetch serves, as its file. */
export const DAILY = `{\n\t"version": 1,\n\t"id": "daily-unload",\n\t"title": "Daily unload",\n\t"x-coach": "Ana",\n\t"steps": [{ "type": "rest", "id": "still", "title": "Rest", "seconds": 60 }]\n}\n`;

/**
 * Registers a fresh database for each test of the file; `setup` makes an editor, `opened` is the
 * database the last one opened (closed after the test), `cues` the cues recorded for a routine.
 */
export function editorTests() {
	const databases = freshDatabases();

	function setup(options: Partial<EditorOptions> = {}) {
		let nowMs = 1_700_000_000_000;
		let monotonicMs = 0;
		const timers = new Map<number, () => void>();
		let nextTimer = 1;
		const downloads: RoutineFile[] = [];
		const database = databases.model();
		const fetcher = (async (input: RequestInfo | URL) =>
			String(input) === '/routines/daily-unload.json'
				? new Response(DAILY, { headers: { 'content-type': 'application/json' } })
				: new Response('', { status: 404 })) as typeof fetch;
		const editor = new EditorModel({
			database,
			builtInIds: ['daily-unload'],
			fetch: fetcher,
			now: () => (nowMs += 1_000),
			monotonicMs: () => (monotonicMs += 100),
			download: (file) => downloads.push(file),
			timers: {
				set: (run) => {
					timers.set(nextTimer, run);
					return nextTimer++;
				},
				clear: (id) => void timers.delete(id)
			},
			...options
		});
		/** Runs the timers due, as the browser would after the pause. */
		const runTimers = async () => {
			const due = [...timers.values()];
			timers.clear();
			for (const run of due) run();
			// The write is real IndexedDB work (fake-indexeddb): wait for it to end, not for a time.
			await vi.waitFor(() => expect(editor.keeper.keeping).not.toBe('pending'));
		};
		return { editor, database, downloads, runTimers };
	}

	const cues = async (routineId: string) =>
		((await readsOf(databases.opened())?.recordings(routineId)) ?? []).map(
			(recording) => recording.cue
		);

	return { setup, opened: databases.opened, cues };
}

/** A new routine with a title and one rest step. */
export async function simpleRoutine(editor: EditorModel): Promise<void> {
	expect(await editor.open('new')).toMatch(/^draft:[a-z0-9]{12}$/);
	editor.setTitle('Evening');
	editor.addStep('rest');
}

/** A recording of one cue, as the voice panel keeps it. */
export function take(routineId: string, cue: string) {
	return {
		routineId,
		cue,
		audio: new Uint8Array([1]).buffer,
		mimeType: 'audio/webm',
		durationSec: 1,
		recordedAtEpochMs: 1
	};
}
