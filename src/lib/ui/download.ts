/** Hands a file to the browser as a download: a link to a Blob, clicked. */

/** A file to save: text (a routine, a history export) or bytes (a pack with its recordings). */
export type DownloadFile = { name: string; type: string } & (
	{ text: string } | { bytes: Uint8Array<ArrayBuffer> }
);

/** Saves `file` through the browser's download, which works offline and in an installed app. */
export function downloadFile(file: DownloadFile): void {
	const data = 'text' in file ? file.text : file.bytes;
	const url = URL.createObjectURL(new Blob([data], { type: file.type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser reads the Blob after click() returns (Firefox saved nothing when the address
	// went at once): let it go a minute later.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
