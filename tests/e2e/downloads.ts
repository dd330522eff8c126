/**
 * A file the page saves through a download, caught in every engine the journeys run in.
 * Chromium reports downloads to Playwright; Firefox driven through WebDriver BiDi (Playwright
 * 1.64) does not, so there the page's own hand-over (a click on a link to a Blob, as
 * src/lib/ui/download.ts does) is caught in the page and the Blob read back.
 */
import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export interface SavedFile {
	name: string;
	bytes: Buffer;
	text: string;
}

/** Runs `save` (a click, a key) and returns the one file it saved. */
export async function savedFile(page: Page, save: () => Promise<unknown>): Promise<SavedFile> {
	if (page.context().browser()?.browserType().name() !== 'firefox') {
		const [download] = await Promise.all([page.waitForEvent('download'), save()]);
		const bytes = await readFile(await download.path());
		return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
	}
	await page.evaluate(catchNextDownload);
	await save();
	// Polled from here: the page's own timers may stand still under a driven clock.
	const read = () =>
		page.evaluate(() => (window as unknown as { lianaSaved?: [string, string] }).lianaSaved);
	await expect.poll(read, { message: 'the page saved a file' }).toBeDefined();
	const [name, base64] = (await read()) ?? ['', ''];
	const bytes = Buffer.from(base64, 'base64');
	return { name, bytes, text: bytes.toString('utf8') };
}

/**
 * In the page: the next download is kept (name and bytes), not handed over. The Blob is taken as
 * the page makes its address (the app's policy forbids fetching blob: addresses back), the name
 * from the link's click, seen by a listener as the page's own events are.
 */
function catchNextDownload(): void {
	const box = window as unknown as { lianaSaved?: [string, string] };
	delete box.lianaSaved;
	const made = new Map<string, Blob>();
	const createObjectURL = URL.createObjectURL.bind(URL);
	URL.createObjectURL = (object: Blob | MediaSource) => {
		const address = createObjectURL(object);
		if (object instanceof Blob) made.set(address, object);
		return address;
	};
	const caught = (event: MouseEvent): void => {
		const link = event.target;
		const blob = link instanceof HTMLAnchorElement && link.download && made.get(link.href);
		if (!blob) return;
		event.preventDefault();
		document.removeEventListener('click', caught, true);
		URL.createObjectURL = createObjectURL;
		void blob.arrayBuffer().then((buffer) => {
			let binary = '';
			for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
			box.lianaSaved = [link.download, btoa(binary)];
		});
	};
	document.addEventListener('click', caught, true);
}
