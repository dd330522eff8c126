import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from './database';
import { loadOwnRoutine, readStoredRoutine } from './own-routines';

const text =
	'{"version":1,"id":"mine","title":"Mine","x-a":1,"steps":[{"type":"rest","id":"r","title":"R","seconds":5}]}';

let db: Database | undefined;
beforeEach(async () => {
	globalThis.indexedDB = new IDBFactory();
	const opened = await Database.open();
	if (!opened.ok) throw new Error(opened.message);
	db = opened.value;
});
afterEach(() => db?.close());

describe('own routines', () => {
	it('loads a stored routine by id with its exact text', async () => {
		await db?.putRoutine({ id: 'mine', text, addedAtEpochMs: 1, updatedAtEpochMs: 1 });
		expect(await loadOwnRoutine(db, 'mine')).toMatchObject({
			ok: true,
			routine: { id: 'mine', title: 'Mine' },
			text
		});
	});

	it('says "not found" for an id stored nowhere, or with no database at all', async () => {
		const expected = {
			ok: false,
			reason: 'not-found',
			message: 'There is no routine called "nope".'
		};
		expect(await loadOwnRoutine(db, 'nope')).toEqual(expected);
		expect(await loadOwnRoutine(undefined, 'nope')).toEqual(expected);
	});

	it('refuses a stored text the format does not accept, with its problems', () => {
		const load = readStoredRoutine({
			id: 'old',
			text: '{"version":2}',
			addedAtEpochMs: 1,
			updatedAtEpochMs: 1
		});
		expect(load).toMatchObject({ ok: false, reason: 'invalid' });
		expect(!load.ok && load.message).toContain(
			'; this file is format version 2, but this app reads version 1'
		);
		expect(!load.ok && load.message).not.toContain('version:');
	});

	it('lists a stored routine that breaks a newer cap with the reason, unplayed', () => {
		const stretch = (i: number) =>
			`{"type":"stretch","id":"s${i}","title":"S","rounds":20,"cycle":{"breathe":{"breaths":200}}}`;
		const load = readStoredRoutine({
			id: 'long',
			text: `{"version":1,"id":"long","title":"Long","steps":[${[1, 2, 3].map(stretch).join(',')}]}`,
			addedAtEpochMs: 1,
			updatedAtEpochMs: 1
		});
		expect(load).toMatchObject({
			ok: false,
			reason: 'invalid',
			message:
				'Your routine “Long” can no longer be played: this routine would last 34 hours; a routine can last at most 4 hours. Export it to change it in a text editor, or delete it.'
		});
	});
});

describe('a stored routine a newer rule refuses', () => {
	it('is said in a person’s words: the step by number and title, no path', () => {
		const text = JSON.stringify({
			version: 1,
			id: 'mine',
			title: 'Mine',
			steps: [{ type: 'stretch', id: 'long-spine', title: 'Long spine', cycle: { soften: '4' } }]
		});
		const load = readStoredRoutine({ id: 'mine', text, addedAtEpochMs: 0, updatedAtEpochMs: 0 });
		expect(load.ok ? '' : load.message).toBe(
			'Your routine “Mine” can no longer be played: in step 1, “Long spine”, the soften time must be a number of seconds, not the text “4”. Export it to change it in a text editor, or delete it.'
		);
	});
});
