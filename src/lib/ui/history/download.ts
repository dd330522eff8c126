/** Hands an exported file to the browser as a download: a link to a Blob, clicked. */
import type { ExportFile } from '../../history/history-export';

/** Saves `file` through the browser's download, which works offline and in an installed app. */
export function downloadFile(file: ExportFile): void {
	const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser may read the Blob after click() returns: let it go a minute later.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
