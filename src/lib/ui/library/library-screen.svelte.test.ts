import { describe, expect, it } from 'vitest';
import { parseRoutine } from '../../routine';
import type { RoutineLoad } from '../../storage/built-in-routines';
import { Database, storageProblem } from '../../storage/database';
import type { PackReading } from '../../transfer/pack-reading';
import type { PackFile, RoutineFile } from '../../transfer/routine-import';
import { unzipSync, zipSync } from 'fflate';
import { ManualClock } from '../../engine/clock';
import { readPack, writePack } from '../../transfer/routine-pack';
import type { FileSharing } from '../../transfer/sharing';
import type { LibraryList } from './library-list.svelte';
import { LibraryScreenModel, type LibraryScreenOptions } from './library-screen.svelte';
import { freshDatabases } from '$test/databases';
import { readsOf } from '$test/stored';

const routineText = (id: string, title: string) =>
	`{\n\t"version": 1,\n\t"id": "${id}",\n\t"title": "${title}",\n\t"x-coach": "Ana",\n\t"steps": [{ "type": "rest", "id": "still", "title": "Rest", "seconds": 60 }]\n}\n`;

const builtIn = (id: string, title: string): RoutineLoad => {
	const text = routineText(id, title);
	const parsed = parseRoutine(text);
	if (!parsed.ok) throw new Error('the built-in of the test is valid');
	return { ok: true, routine: parsed.routine, text };
};

const file = (text: string, name = 'evening.json') =>
	new File([text], name, { type: 'application/json' });

const databases = freshDatabases();

function setup(options: Partial<LibraryScreenOptions> = {}) {
	let nowMs = 1_000;
	const downloads: (RoutineFile | PackFile)[] = [];
	const database = databases.model();
	const library = new LibraryScreenModel(() => [builtIn('daily-unload', 'Daily unload')], {
		database,
		now: () => (nowMs += 1_000),
		origin: 'https://liana.example',
		download: (routineFile) => downloads.push(routineFile),
		sharing: undefined,
		// Read in place: Node has no Worker; the worker's own tests are in storage/.
		readPack: async (bytes) => ({ kind: 'read', contents: readPack(new Uint8Array(bytes)) }),
		...options
	});
	return { library, downloads };
}

const ownTitles = (list: LibraryList) =>
	list.own.map((entry) => ('routine' in entry ? entry.routine.title : entry.message));

describe('the library view-model', () => {
	it('imports a file, lists it as the person’s own, and keeps its exact text', async () => {
		const { library, downloads } = setup();
		await library.connect();
		expect(library.list.loaded).toBe(true);
		const text = routineText('evening', 'Evening unwind');
		await library.imports.importFile(file(text));
		expect(library.status.problem).toBeUndefined();
		expect(library.status.notice?.message).toBe('Imported “Evening unwind”.');
		expect(library.list.own).toMatchObject([{ id: 'evening', own: true, totalMs: 65_000 }]);
		expect(library.list.builtIn).toMatchObject([{ id: 'daily-unload', own: false }]);
		library.exports.export('evening');
		expect(downloads).toEqual([{ name: 'evening.json', type: 'application/json', text }]);
	});

	it('refuses an invalid file with every issue and stores nothing', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(
			file('{"version":1,"id":"x","title":"T","steps":[{"type":"rest"}]}')
		);
		expect(library.status.problem).toMatchObject({
			kind: 'invalid',
			source: '“evening.json”',
			issues: [{ path: 'steps[0].id' }, { path: 'steps[0].seconds' }, { path: 'steps[0].title' }]
		});
		expect(await readsOf(databases.opened())?.routines()).toEqual([]);
	});

	it('refuses a file over 1 MiB without reading it', async () => {
		const { library } = setup();
		await library.connect();
		const huge = new File([new Uint8Array(1024 * 1024 + 1)], 'big.json');
		await library.imports.importFile(huge);
		expect(library.status.problem).toMatchObject({ kind: 'invalid', issues: [{ path: '(file)' }] });
	});

	it('asks on a clash with an own routine: cancel, replace, keep both', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(file(routineText('evening', 'Evening unwind')));
		const changed = routineText('evening', 'Evening, longer');

		library.imports.pasteText = changed;
		await library.imports.importPasted();
		expect(library.status.clash).toMatchObject({ kind: 'same-as-own', copyId: 'evening-2' });
		await library.imports.settle('cancel');
		expect(ownTitles(library.list)).toEqual(['Evening unwind']);
		expect(library.imports.pasteText).toBe(changed);

		await library.imports.importPasted();
		await library.imports.settle('replace');
		expect(ownTitles(library.list)).toEqual(['Evening, longer']);
		expect(library.imports.pasteText).toBe('');
		const replaced = await readsOf(databases.opened())?.routine('evening');
		expect(replaced).toMatchObject({ text: changed, addedAtEpochMs: 2_000 });

		await library.imports.importFile(file(routineText('evening', 'Evening again')));
		await library.imports.settle('keep-both');
		expect(library.list.own.map((entry) => entry.id)).toEqual(['evening-2', 'evening']);
		expect((await readsOf(databases.opened())?.routine('evening-2'))?.text).toBe(
			routineText('evening-2', 'Evening again')
		);
	});

	it('never replaces a built-in routine, and keeps both as an own copy', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(file(routineText('daily-unload', 'My daily unload')));
		expect(library.status.clash).toMatchObject({
			kind: 'same-as-built-in',
			copyId: 'daily-unload-2'
		});
		await library.imports.settle('replace');
		expect(library.status.problem).toMatchObject({ kind: 'message' });
		expect(await readsOf(databases.opened())?.routines()).toEqual([]);
		await library.imports.importFile(file(routineText('daily-unload', 'My daily unload')));
		await library.imports.settle('keep-both');
		expect(library.list.own.map((entry) => entry.id)).toEqual(['daily-unload-2']);
	});

	it('lists the newest 30 own routines, and older ones 30 at a time', async () => {
		const { library } = setup();
		await library.connect();
		const opened = await Database.open();
		if (!opened.ok) throw new Error('the test database opens');
		for (let i = 1; i <= 35; i++) {
			const text = routineText(`r${i}`, `Routine ${i}`);
			const at = i * 60_000;
			await opened.value.putRoutine({
				id: `r${i}`,
				text,
				addedAtEpochMs: at,
				updatedAtEpochMs: at
			});
		}
		opened.value.close();
		await library.list.refresh();
		expect(library.list.ownCount).toBe(35);
		expect(library.list.own).toHaveLength(30);
		expect(ownTitles(library.list).slice(0, 2)).toEqual(['Routine 35', 'Routine 34']);
		expect(ownTitles(library.list).at(-1)).toBe('Routine 6');
		library.list.showOlder();
		expect(library.list.own).toHaveLength(35);
		expect(ownTitles(library.list).at(-1)).toBe('Routine 1');
	});

	it('deletes for real, and Undo puts back the same text and dates', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(file(routineText('evening', 'Evening unwind')));
		const stored = await readsOf(databases.opened())?.routine('evening');
		await library.list.remove('evening');
		expect(await readsOf(databases.opened())?.routines()).toEqual([]);
		expect(library.list.own).toEqual([]);
		expect(library.status.notice).toMatchObject({ message: 'Deleted “Evening unwind”.' });
		await library.list.undo();
		expect(await readsOf(databases.opened())?.routine('evening')).toEqual(stored);
		expect(library.list.focusId).toBe('evening');
		expect(library.status.notice?.undo).toBeUndefined();
	});

	it('duplicates a built-in routine as an own copy', async () => {
		const { library } = setup();
		await library.connect();
		await library.list.duplicate('daily-unload');
		expect(ownTitles(library.list)).toEqual(['Daily unload (copy)']);
		expect(library.list.own[0]?.id).toBe('daily-unload-2');
	});

	it('lists drafts, and a discarded one takes only its own recordings', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(file(routineText('new-2024', 'Looks like a draft')));
		const take = (routineId: string) => ({
			routineId,
			cue: 'still/rest',
			audio: new Uint8Array([1]).buffer,
			mimeType: 'audio/webm',
			durationSec: 1,
			recordedAtEpochMs: 1
		});
		await databases.opened()?.putRecording(take('new-2024'));
		await databases
			.opened()
			?.saveDraft({ key: 'new-2024', routine: { title: 'Edited' }, updatedAtEpochMs: 2 });
		await databases
			.opened()
			?.saveDraft({ key: 'draft:k1', routine: { title: 'Fresh' }, updatedAtEpochMs: 1 });
		await databases.opened()?.putRecording(take('draft:k1'));
		await library.list.refresh();
		expect(library.list.drafts.map((draft) => [draft.key, draft.title, draft.editsSaved])).toEqual([
			['new-2024', 'Edited', true],
			['draft:k1', 'Fresh', false]
		]);
		await library.list.discardDraft('new-2024');
		await library.list.discardDraft('draft:k1');
		expect(library.list.drafts).toEqual([]);
		expect(await readsOf(databases.opened())?.recordings('new-2024')).toHaveLength(1);
		expect(await readsOf(databases.opened())?.recordings('draft:k1')).toEqual([]);
	});

	it('says why a write failed and keeps the list as it was', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(file(routineText('evening', 'Evening unwind')));
		const full = setup({
			database: {
				get: async () => databases.opened(),
				write: async () => ({
					ok: false,
					message: storageProblem(new DOMException('full', 'QuotaExceededError'))
				})
			}
		}).library;
		await full.connect();
		await full.imports.importFile(file(routineText('morning', 'Morning')));
		expect(full.status.problem).toEqual({
			kind: 'message',
			message: `“Morning” was not saved. ${storageProblem(new DOMException('', 'QuotaExceededError'))}`
		});
		await full.list.remove('evening');
		expect(ownTitles(full.list)).toEqual(['Evening unwind']);
	});

	it('imports from a same-origin link, refuses another origin, and forgets the link', async () => {
		const requested: string[] = [];
		let forgotten = 0;
		const { library } = setup({
			fetch: async (input) => {
				// The link is out of the address before anything is fetched: a reload cannot restart it.
				requested.push(`${String(input)} after ${forgotten} forgotten`);
				return new Response(routineText('evening', 'Evening unwind'), {
					headers: { 'content-type': 'application/json' }
				});
			}
		});
		await library.connect();
		const forget = () => forgotten++;
		await library.imports.openLink(
			new URL('https://liana.example/?import=https://evil.example/r.json'),
			forget
		);
		expect(library.status.problem).toMatchObject({ kind: 'message' });
		expect(requested).toEqual([]);
		await library.imports.openLink(
			new URL('https://liana.example/?import=/coach/evening.json'),
			forget
		);
		expect(requested).toEqual(['https://liana.example/coach/evening.json after 2 forgotten']);
		expect(ownTitles(library.list)).toEqual(['Evening unwind']);
		await library.imports.openLink(new URL('https://liana.example/'), forget);
		expect(forgotten).toBe(2);
	});

	it('shares a routine file where the platform can, and a closed share sheet is no failure', async () => {
		const shared: ShareData[] = [];
		let answer: Error | undefined;
		const sharing: FileSharing = {
			canShare: (data) => data.files?.every((f) => f.type === 'application/json') ?? false,
			share: async (data) => {
				if (answer) throw answer;
				shared.push(data);
			}
		};
		const { library } = setup({ sharing });
		await library.connect();
		expect(library.exports.canShare).toBe(true);
		await library.exports.share('daily-unload');
		expect(shared[0]?.files?.[0]?.name).toBe('daily-unload.json');
		expect(await shared[0]?.files?.[0]?.text()).toBe(routineText('daily-unload', 'Daily unload'));
		answer = new DOMException('closed', 'AbortError');
		await library.exports.share('daily-unload');
		expect(library.status.problem).toBeUndefined();
		answer = new DOMException('no', 'NotAllowedError');
		await library.exports.share('daily-unload');
		expect(library.status.problem).toMatchObject({ kind: 'message' });
	});
});

describe('routine packs in the library', () => {
	const wav = (byte: number) => {
		const bytes = new Uint8Array(64).fill(byte);
		bytes.set(
			[...'RIFF'].map((c) => c.charCodeAt(0)),
			0
		);
		bytes.set(
			[...'WAVE'].map((c) => c.charCodeAt(0)),
			8
		);
		return bytes.buffer;
	};
	const recorded = (cue: string, byte: number) => ({
		cue,
		audio: wav(byte),
		mimeType: 'audio/wav',
		durationSec: 1
	});
	const packFile = (text: string, recordings = [recorded('still/rest', 1)], name = 'pack.zip') =>
		new File([writePack(text, recordings)], name, { type: 'application/zip' });
	const cuesOf = async (id: string) =>
		((await readsOf(databases.opened())?.recordings(id)) ?? []).map((r) => [
			r.cue,
			new Uint8Array(r.audio)[20]
		]);

	it('refuses a pack with a recording longer than it may be, and leaves out one this browser cannot play, naming it', async () => {
		const heard: string[] = [];
		const { library } = setup({
			checkRecording: async (audio) => {
				const marker = new Uint8Array(audio)[20];
				heard.push(String(marker));
				if (marker === 9) return { kind: 'does-not' };
				if (marker === 8) return { kind: 'plays', durationSec: 3600 };
				return { kind: 'plays', durationSec: 1 };
			}
		});
		await library.connect();
		const text = routineText('evening', 'Evening unwind');
		await library.imports.importFile(
			packFile(text, [recorded('still/rest', 7), recorded('defaults/done', 8)], 'long.zip')
		);
		expect(library.status.problem).toEqual({
			kind: 'invalid',
			source: '“long.zip”',
			pack: true,
			issues: [
				{
					path: 'audio/defaults/done.wav',
					message: 'lasts 60 minutes; a recording may last at most 10 minutes'
				}
			]
		});
		expect(library.list.own).toEqual([]);
		expect(await cuesOf('evening')).toEqual([]);

		await library.imports.importFile(
			packFile(text, [recorded('still/rest', 7), recorded('defaults/done', 9)])
		);
		expect(library.status.problem).toBeUndefined();
		expect(library.status.notice?.message).toBe(
			'Imported “Evening unwind” with 1 recorded cue. This browser cannot play your recording for “Done” (damaged, or a sound format it does not read), so the built-in voice speaks it.'
		);
		expect(await cuesOf('evening')).toEqual([['still/rest', 7]]);
		expect(heard.sort()).toEqual(['7', '7', '8', '9']);
	});

	it('exports an own routine with its recordings as a pack, and imports it back exactly', async () => {
		const { library, downloads } = setup();
		await library.connect();
		const text = routineText('evening', 'Evening unwind');
		await library.imports.importFile(
			packFile(text, [recorded('still/rest', 7), recorded('defaults/done', 8)])
		);
		expect(library.status.problem).toBeUndefined();
		expect(library.status.notice?.message).toBe('Imported “Evening unwind” with 2 recorded cues.');
		expect(library.list.own).toMatchObject([{ id: 'evening', recorded: true }]);
		expect(await cuesOf('evening')).toEqual([
			['defaults/done', 8],
			['still/rest', 7]
		]);

		// A cue left under a step the routine no longer has stays out of the pack.
		await databases.opened()?.putRecording({
			routineId: 'evening',
			cue: 'gone/soften',
			audio: wav(9),
			mimeType: 'audio/wav',
			durationSec: 1,
			recordedAtEpochMs: 1
		});
		await library.exports.exportPack('evening');
		const exported = downloads[0];
		if (!exported || !('bytes' in exported)) throw new Error('no pack was downloaded');
		expect(exported).toMatchObject({ name: 'evening.zip', type: 'application/zip' });

		// Deleted with its recordings, which Undo puts back; deleted again, none are left.
		await library.list.remove('evening');
		expect(await cuesOf('evening')).toEqual([]);
		await library.list.undo();
		expect(await cuesOf('evening')).toEqual([
			['defaults/done', 8],
			['gone/soften', 9],
			['still/rest', 7]
		]);
		expect(library.list.own).toMatchObject([{ id: 'evening', recorded: true }]);
		await library.list.remove('evening');
		expect(await cuesOf('evening')).toEqual([]);
		await library.imports.importFile(new File([exported.bytes], 'evening.zip'));
		expect((await readsOf(databases.opened())?.routine('evening'))?.text).toBe(text);
		expect(await cuesOf('evening')).toEqual([
			['defaults/done', 8],
			['still/rest', 7]
		]);
	});

	it('refuses a bad pack with every problem named, and stores nothing', async () => {
		const { library } = setup();
		await library.connect();
		const text = routineText('evening', 'Evening unwind');
		await library.imports.importFile(packFile(text, [recorded('knee/rest', 1)], 'bad.zip'));
		expect(library.status.problem).toEqual({
			kind: 'invalid',
			source: '“bad.zip”',
			pack: true,
			issues: [
				{
					path: 'pack.json cues["knee/rest"]',
					message: 'names the step "knee", which the routine does not have'
				}
			]
		});
		expect(await readsOf(databases.opened())?.routines()).toEqual([]);
		expect(await readsOf(databases.opened())?.recordedRoutineIds()).toEqual(new Set());
	});

	it('on a clash, Replace puts in the pack’s recordings and Keep both gives the copy its own', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(
			packFile(routineText('evening', 'Evening'), [recorded('still/rest', 1)])
		);
		const changed = routineText('evening', 'Evening, longer');

		await library.imports.importFile(packFile(changed, [recorded('defaults/rest', 2)]));
		expect(library.status.clash).toMatchObject({ kind: 'same-as-own', copyId: 'evening-2' });
		await library.imports.settle('replace');
		expect(library.status.notice?.message).toBe(
			"Replaced “Evening, longer” and its recordings with the pack's (1 recorded cue)."
		);
		expect(await cuesOf('evening')).toEqual([['defaults/rest', 2]]);

		await library.imports.importFile(
			packFile(routineText('evening', 'Evening again'), [recorded('still/rest', 3)])
		);
		await library.imports.settle('keep-both');
		expect(await cuesOf('evening')).toEqual([['defaults/rest', 2]]);
		expect(await cuesOf('evening-2')).toEqual([['still/rest', 3]]);
		expect((await readsOf(databases.opened())?.routine('evening-2'))?.text).toBe(
			routineText('evening-2', 'Evening again')
		);
	});

	it('asks when the routine is the same but the recordings are not, and changes nothing when both are', async () => {
		const { library } = setup();
		await library.connect();
		const text = routineText('evening', 'Evening');
		await library.imports.importFile(packFile(text, [recorded('still/rest', 1)]));
		await library.imports.importFile(packFile(text, [recorded('still/rest', 1)]));
		expect(library.status.clash).toBeUndefined();
		expect(library.status.notice?.message).toMatch(
			/exactly as in this pack, recordings too; nothing changed/
		);
		await library.imports.importFile(packFile(text, [recorded('still/rest', 5)]));
		expect(library.status.clash).toMatchObject({ kind: 'same-as-own', copyId: 'evening-2' });
		await library.imports.settle('cancel');
		expect(await cuesOf('evening')).toEqual([['still/rest', 1]]);
	});

	it('says so when the recorded cues cannot be read: no pack made without them, none taken as identical', async () => {
		const { library, downloads } = setup();
		await library.connect();
		const text = routineText('evening', 'Evening');
		await library.imports.importFile(packFile(text, [recorded('still/rest', 1)]));
		const getAll = IDBIndex.prototype.getAll;
		IDBIndex.prototype.getAll = function (this: IDBIndex, ...args) {
			if (this.objectStore.name === 'recordings') throw new DOMException('gone', 'UnknownError');
			return getAll.apply(this, args);
		};
		try {
			await library.exports.exportPack('evening');
			expect(downloads).toEqual([]);
			expect(library.status.problem).toEqual({
				kind: 'message',
				message:
					'The pack of “Evening” was not made: its recorded cues could not be read just now (UnknownError). Reload the page to try again, or use Export for the routine file alone.'
			});
			await library.imports.importFile(packFile(text, [recorded('still/rest', 1)]));
			expect(library.status.notice).toBeUndefined();
			expect(library.status.clash).toBeUndefined();
			expect(library.status.problem).toEqual({
				kind: 'message',
				message:
					'“Evening” is in your library already, but its recorded cues could not be read just now (UnknownError), so this pack was not imported; nothing changed. Reload the page to try again.'
			});
		} finally {
			IDBIndex.prototype.getAll = getAll;
		}
		expect(await cuesOf('evening')).toEqual([['still/rest', 1]]);
	});

	it('keeps a pack of a built-in routine only as a copy, with the recordings rekeyed', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(packFile(routineText('daily-unload', 'My unload')));
		await library.imports.settle('keep-both');
		expect(await cuesOf('daily-unload')).toEqual([]);
		expect(await cuesOf('daily-unload-2')).toEqual([['still/rest', 1]]);
	});

	it('imports a pack from a same-origin link', async () => {
		const bytes = writePack(routineText('evening', 'Evening'), [recorded('still/rest', 4)]);
		const { library } = setup({
			fetch: async () => new Response(bytes, { headers: { 'content-type': 'application/zip' } })
		});
		await library.connect();
		await library.imports.openLink(
			new URL('https://liana.example/?import=/coach/evening.zip'),
			() => {}
		);
		expect(library.status.problem).toBeUndefined();
		expect(await cuesOf('evening')).toEqual([['still/rest', 4]]);
	});

	it('says so when a pack took too long to read or its reader failed, and stores nothing', async () => {
		const answers: PackReading[] = [
			{ kind: 'too-slow', limitMs: 20_000 },
			{ kind: 'failed', detail: 'out of memory' }
		];
		const handed: number[] = [];
		const { library } = setup({
			readPack: async (bytes) => {
				handed.push(bytes.byteLength);
				return answers.shift() ?? { kind: 'failed', detail: 'no answer' };
			}
		});
		await library.connect();
		const pack = packFile(routineText('evening', 'Evening'), [], 'slow.zip');
		await library.imports.importFile(pack);
		expect(library.status.problem).toEqual({
			kind: 'message',
			message:
				'“slow.zip” took more than 20 seconds to read, so Liana stopped reading it; nothing in your library changed. A pack that slow is damaged or made to stall a device: ask whoever sent it for a new one.'
		});
		await library.imports.importFile(pack);
		expect(library.status.problem).toEqual({
			kind: 'message',
			message:
				'“slow.zip” could not be read (out of memory); nothing in your library changed. Try again, or import the routine file alone.'
		});
		expect(library.status.notice).toBeUndefined();
		expect(handed).toEqual([pack.size, pack.size]);
		expect(await readsOf(databases.opened())?.routines()).toEqual([]);
	});

	it('refuses a pack over 100 MiB without reading it', async () => {
		let read = 0;
		const { library } = setup({
			readPack: async () => {
				read++;
				return { kind: 'failed', detail: 'read' };
			}
		});
		await library.connect();
		const huge = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'huge.zip');
		Object.defineProperty(huge, 'size', { value: 101 * 1024 * 1024 });
		huge.arrayBuffer = () => Promise.reject(new Error('read'));
		await library.imports.importFile(huge);
		expect(library.status.problem).toEqual({
			kind: 'invalid',
			source: '“huge.zip”',
			pack: true,
			issues: [
				{
					path: '(file)',
					message: 'the pack is 101.0 MiB; a routine pack may be at most 100.0 MiB'
				}
			]
		});
		expect(read).toBe(0);
	});
});

/** The text as UTF-16 little-endian with its byte order mark, as some Windows editors save. */
function utf16le(text: string): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(2 + text.length * 2);
	const view = new DataView(bytes.buffer);
	view.setUint16(0, 0xfeff, true);
	for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), true);
	return bytes;
}

describe('reading routine files the one way on every path', () => {
	const text = routineText('hufte', 'Hüfte öffnen');
	const asked = new URL('https://liana.example/?import=/coach/hufte.json');

	it('imports UTF-16 alike from a chosen file, a link and a pack', async () => {
		const { library } = setup();
		await library.connect();
		await library.imports.importFile(new File([utf16le(text)], 'hufte.json'));
		expect(library.status.problem).toBeUndefined();
		expect(ownTitles(library.list)).toEqual(['Hüfte öffnen']);

		const fromLink = setup({ fetch: async () => new Response(utf16le(text)) }).library;
		await fromLink.connect();
		await fromLink.list.remove('hufte');
		await fromLink.imports.openLink(asked, () => {});
		expect(fromLink.status.problem).toBeUndefined();
		expect(ownTitles(fromLink.list)).toEqual(['Hüfte öffnen']);

		const files = unzipSync(writePack(text, []));
		const pack = zipSync({ ...files, 'routine.json': utf16le(text) });
		await fromLink.list.remove('hufte');
		await fromLink.imports.importFile(new File([pack], 'hufte.zip'));
		expect(fromLink.status.problem).toBeUndefined();
		expect(ownTitles(fromLink.list)).toEqual(['Hüfte öffnen']);
	});

	it('names an encoding problem as one, from a file, a link or a pack', async () => {
		const latin1 = Uint8Array.from(text, (c) => c.charCodeAt(0));
		const encoding = expect.stringContaining('not UTF-8 or UTF-16 text');
		const { library } = setup({ fetch: async () => new Response(latin1) });
		await library.connect();
		await library.imports.importFile(new File([latin1], 'hufte.json'));
		expect(library.status.problem).toMatchObject({
			kind: 'invalid',
			issues: [{ path: '(file)', line: 4, message: encoding }]
		});
		await library.imports.openLink(asked, () => {});
		expect(library.status.problem).toMatchObject({
			kind: 'invalid',
			source: '“/coach/hufte.json”',
			issues: [{ line: 4, message: encoding }]
		});
		const files = unzipSync(writePack(text, []));
		await library.imports.importFile(
			new File([zipSync({ ...files, 'routine.json': latin1 })], 'h.zip')
		);
		expect(library.status.problem).toMatchObject({
			kind: 'invalid',
			pack: true,
			issues: [{ path: 'routine.json (file)', line: 4, message: encoding }]
		});
		expect(ownTitles(library.list)).toEqual([]);
	});
});

describe('a link whose site does not answer in time', () => {
	it('says so with Retry, and Retry fetches the file again', async () => {
		const clock = new ManualClock();
		let answering = false;
		const requested: string[] = [];
		const { library } = setup({
			fetch: (input) => {
				requested.push(String(input));
				return answering
					? Promise.resolve(new Response(routineText('evening', 'Evening unwind')))
					: new Promise(() => {});
			},
			link: { timers: clock }
		});
		await library.connect();
		let forgotten = 0;
		const opening = library.imports.openLink(
			new URL('https://liana.example/?import=/coach/evening.json'),
			() => forgotten++
		);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(library.status.notice?.message).toBe('Fetching the routine at /coach/evening.json…');
		clock.advance(20_000);
		await opening;
		expect(forgotten).toBe(1);
		expect(library.status.notice).toBeUndefined();
		expect(library.status.problem).toMatchObject({
			kind: 'message',
			retry: true,
			message: expect.stringContaining('did not arrive within 20 seconds')
		});

		answering = true;
		await library.imports.retryLink();
		expect(requested).toEqual([
			'https://liana.example/coach/evening.json',
			'https://liana.example/coach/evening.json'
		]);
		expect(library.status.problem).toBeUndefined();
		expect(library.status.notice?.message).toBe('Imported “Evening unwind”.');
		expect(ownTitles(library.list)).toEqual(['Evening unwind']);
		// Done with: Retry has nothing left to fetch.
		await library.imports.retryLink();
		expect(requested).toHaveLength(2);
	});
});
