import { Inflate, strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	craftZip,
	crc32 as crcOfScript,
	deflated,
	entryCountBomb,
	lyingSizes,
	sameNames,
	stored
} from '../../../scripts/hostile-zips';
import { crc32, readZipDirectory, unpackEntry, type ZipEntry } from './zip-reader';

afterEach(() => vi.restoreAllMocks());

/** Counts the reader's work: every 32-bit read of the zip, and every push into the inflater. */
function countWork() {
	const reads = vi.spyOn(DataView.prototype, 'getUint32');
	const pushes = vi.spyOn(Inflate.prototype, 'push');
	return { reads: () => reads.mock.calls.length, pushes: () => pushes.mock.calls.length };
}

const budget = (bytes = 1 << 30) => ({ leftBytes: bytes, totalBytes: bytes });

function onlyEntry(zip: Uint8Array): ZipEntry {
	const directory = readZipDirectory(zip, 10);
	if (!directory.ok) throw new Error(JSON.stringify(directory.issues));
	const [entry] = directory.entries;
	if (!entry) throw new Error('no entry');
	return entry;
}

describe('reading a zip directory', () => {
	it('reads what fflate writes, stored and deflated, names in UTF-8 too', () => {
		const zip = zipSync({
			'a.txt': [strToU8('hello'), { level: 0 }],
			'ünïcode/b.txt': [strToU8('world '.repeat(100)), { level: 6 }]
		});
		const directory = readZipDirectory(zip, 10);
		expect(
			directory.ok && directory.entries.map((e) => [e.name, e.method, e.declaredBytes])
		).toEqual([
			['a.txt', 0, 5],
			['ünïcode/b.txt', 8, 600]
		]);
		if (!directory.ok) return;
		const texts = directory.entries.map((entry) => {
			const read = unpackEntry(zip, entry, budget());
			return read.ok ? new TextDecoder().decode(read.data) : read.issue.message;
		});
		expect(texts).toEqual(['hello', 'world '.repeat(100)]);
	});

	it('reads sizes from a zip64 extra field, and refuses one cut short', () => {
		const content = strToU8('hello '.repeat(40));
		const zip = craftZip([{ ...deflated('a.txt', content), zip64Sizes: true }]);
		const entry = onlyEntry(zip);
		expect(entry.declaredBytes).toBe(content.length);
		const read = unpackEntry(zip, entry, budget());
		expect(read.ok && new TextDecoder().decode(read.data)).toBe('hello '.repeat(40));
		const view = new DataView(zip.buffer);
		const centralAt = view.getUint32(zip.length - 22 + 16, true);
		// The extra field says it holds 8 bytes: the compressed size is missing.
		view.setUint16(centralAt + 46 + 'a.txt'.length + 2, 8, true);
		expect(readZipDirectory(zip, 10)).toMatchObject({
			ok: false,
			issues: [{ message: 'the zip file is damaged (the sizes of “a.txt” are unreadable)' }]
		});
	});

	it('refuses the zip64 entry-count bomb from its end record, before walking one entry', () => {
		const bomb = entryCountBomb();
		expect(bomb.length).toBeLessThan(600);
		const work = countWork();
		expect(readZipDirectory(bomb, 4000)).toEqual({
			ok: false,
			issues: [
				{
					path: '(file)',
					message:
						'the zip file is damaged (its directory claims 4,294,967,294 files, more than 113 bytes of directory can list)'
				}
			]
		});
		// The end record is searched for from the end: the reads are bounded by the file's size.
		expect(work.reads()).toBeLessThan(bomb.length);
	});

	it('refuses more files than a pack may hold before walking them', () => {
		const zip = sameNames(5000);
		const work = countWork();
		expect(readZipDirectory(zip, 4000)).toEqual({
			ok: false,
			issues: [
				{
					path: '(file)',
					message: 'the pack holds 5,002 files; a routine pack may hold at most 4,000'
				}
			]
		});
		expect(work.reads()).toBeLessThan(100);
	});

	it('refuses a name that comes twice as soon as it comes', () => {
		const directory = readZipDirectory(sameNames(3), 4000);
		expect(directory.ok || directory.issues.map((issue) => issue.path)).toEqual([
			'audio/still/rest.wav'
		]);
	});

	it('refuses a directory or an entry that lies outside the file', () => {
		const zip = craftZip([stored('a.txt', strToU8('hello'))]);
		const view = new DataView(zip.buffer);
		const end = zip.length - 22;
		const outside = zip.slice();
		new DataView(outside.buffer).setUint32(end + 16, 1_000_000, true);
		expect(readZipDirectory(outside, 10)).toMatchObject({
			ok: false,
			issues: [{ message: 'the zip file is damaged (its directory lies outside the file)' }]
		});
		const farData = zip.slice();
		const centralAt = view.getUint32(end + 16, true);
		new DataView(farData.buffer).setUint32(centralAt + 20, 1_000_000, true);
		new DataView(farData.buffer).setUint32(centralAt + 24, 1_000_000, true);
		expect(readZipDirectory(farData, 10)).toMatchObject({
			ok: false,
			issues: [{ path: 'a.txt', message: 'lies partly outside the zip file; the zip is damaged' }]
		});
		const badHeader = zip.slice();
		new DataView(badHeader.buffer).setUint32(centralAt + 42, 3, true);
		expect(readZipDirectory(badHeader, 10)).toMatchObject({
			ok: false,
			issues: [
				{
					message:
						'the zip file is damaged (the header of “a.txt” does not match its directory entry)'
				}
			]
		});
		expect(readZipDirectory(zip.subarray(0, zip.length - 1), 10)).toMatchObject({
			ok: false,
			issues: [
				{ message: 'the zip file is damaged (its directory, at the end, is missing or cut short)' }
			]
		});
	});

	it('refuses a file whose data runs over the next one: one byte read as two files', () => {
		const zip = craftZip([stored('a.txt', strToU8('hello')), stored('b.txt', strToU8('world'))]);
		const view = new DataView(zip.buffer);
		const centralAt = view.getUint32(zip.length - 22 + 16, true);
		// a.txt declared long enough to take in b.txt's header and data.
		view.setUint32(centralAt + 20, 45, true);
		view.setUint32(centralAt + 24, 45, true);
		expect(readZipDirectory(zip, 10)).toEqual({
			ok: false,
			issues: [
				{
					path: 'b.txt',
					message: 'overlaps another file in the zip, as no zip tool writes; the zip is damaged'
				}
			]
		});
	});

	it('names a method it cannot open, and a file locked with a password', () => {
		const bzip = craftZip([{ ...stored('a.txt', strToU8('hello')), method: 12 }]);
		expect(readZipDirectory(bzip, 10)).toMatchObject({
			ok: false,
			issues: [
				{
					path: 'a.txt',
					message: expect.stringMatching(/^is compressed in a way Liana cannot open \(bzip2\)/)
				}
			]
		});
		const locked = craftZip([stored('a.txt', strToU8('hello'))]);
		const view = new DataView(locked.buffer);
		view.setUint16(view.getUint32(locked.length - 22 + 16, true) + 8, 1, true);
		expect(readZipDirectory(locked, 10)).toMatchObject({
			ok: false,
			issues: [
				{ path: 'a.txt', message: 'is locked with a password; a routine pack is not encrypted' }
			]
		});
	});
});

describe('unpacking one file', () => {
	it('stops a file that lies about its size after one step of input, and calls it damaged', () => {
		const zip = lyingSizes(8 * 1024 * 1024);
		const directory = readZipDirectory(zip, 10);
		const entry = directory.ok
			? directory.entries.find((e) => e.name.startsWith('audio/'))
			: undefined;
		if (!entry) throw new Error('no audio entry');
		expect(entry.declaredBytes).toBe(4096);
		const work = countWork();
		expect(unpackEntry(zip, entry, budget())).toEqual({
			ok: false,
			issue: {
				path: 'audio/still/rest.wav',
				message:
					'does not unpack to the 4,096 bytes the zip declares (it holds more); the zip is damaged'
			}
		});
		// 8 KiB of input: the output passed 4 KiB in the first step of 4 KiB, and inflating stopped.
		expect(work.pushes()).toBe(1);
	});

	it('calls a file that unpacks to less than it declares damaged', () => {
		const entry = { ...deflated('a.txt', strToU8('hello')), declaredBytes: 6 };
		const zip = craftZip([entry]);
		expect(unpackEntry(zip, onlyEntry(zip), budget())).toMatchObject({
			ok: false,
			issue: {
				message:
					'does not unpack to the 6 bytes the zip declares (it holds less); the zip is damaged'
			}
		});
	});

	it('checks the CRC-32 of stored and deflated files', () => {
		for (const make of [stored, deflated]) {
			const entry = make('a.txt', strToU8('hello'));
			const zip = craftZip([{ ...entry, crc: entry.crc ^ 0x80 }]);
			expect(unpackEntry(zip, onlyEntry(zip), budget())).toMatchObject({
				ok: false,
				issue: { message: expect.stringMatching(/^does not match its checksum \(CRC-32\)/) }
			});
		}
	});

	it('calls broken deflate data damaged', () => {
		const entry = deflated('a.txt', strToU8('hello '.repeat(50)));
		const zip = craftZip([{ ...entry, data: entry.data.subarray(0, 5) }]);
		expect(unpackEntry(zip, onlyEntry(zip), budget())).toMatchObject({
			ok: false,
			issue: { message: expect.stringMatching(/^cannot be unpacked \(.+\); the zip is damaged$/) }
		});
	});

	it('takes every byte from the pack’s total, and refuses a file past it unopened', () => {
		const zip = craftZip([deflated('a.txt', new Uint8Array(3000))]);
		const entry = onlyEntry(zip);
		const left = budget(5000);
		expect(unpackEntry(zip, entry, left).ok).toBe(true);
		expect(left.leftBytes).toBe(2000);
		const work = countWork();
		expect(unpackEntry(zip, entry, left)).toEqual({
			ok: false,
			issue: {
				path: 'a.txt',
				message: 'would take the pack past the 5,000 bytes a routine pack may unpack to'
			}
		});
		expect(work.pushes()).toBe(0);
	});
});

describe('CRC-32', () => {
	it('is the zip checksum, as the crafting script computes it bit by bit', () => {
		expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
		const data = strToU8('Liana reads packs off the page.');
		expect(crc32(data)).toBe(crcOfScript(data));
		expect(crc32(new Uint8Array(0))).toBe(0);
	});
});
