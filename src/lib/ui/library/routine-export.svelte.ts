/**
 * Sending a routine out of the library: its file downloaded, a pack with its recorded cues, or the
 * file handed to the platform's share sheet. A failure is said, and nothing stored changes.
 */
import { cueOfRoutine } from '../../routine/cue-keys';
import { errorName } from '../../storage/database';
import type { PackFile, RoutineFile } from '../../transfer/routine-import';
import { canShareFiles, type FileSharing } from '../../transfer/sharing';
import type { LibraryList } from './library-list.svelte';
import type { LibraryStatus } from './library-status.svelte';

export interface RoutineExportOptions {
	/** Where a routine's file, text and recordings are found. */
	list: Pick<LibraryList, 'file' | 'find' | 'recordings'>;
	status: LibraryStatus;
	download: (file: RoutineFile | PackFile) => void;
	sharing: FileSharing | undefined;
}

/** Export, Export pack and Share for any listed routine. */
export class RoutineExport {
	#list: RoutineExportOptions['list'];
	#status: LibraryStatus;
	#download: (file: RoutineFile | PackFile) => void;
	#sharing: FileSharing | undefined;

	/** Files can be shared from this device (the Share buttons show). */
	canShare = $state(false);

	constructor(options: RoutineExportOptions) {
		this.#list = options.list;
		this.#status = options.status;
		this.#download = options.download;
		this.#sharing = options.sharing;
	}

	/** Asks whether files can be shared here. */
	connect(): void {
		this.canShare = canShareFiles(this.#sharing);
	}

	/** Downloads the routine's file, `<id>.json`. */
	export(id: string): void {
		const file = this.#list.file(id);
		if (file) this.#download(file);
	}

	/** Downloads the routine with its recorded cues as a routine pack, `<id>.zip`. */
	async exportPack(id: string): Promise<void> {
		this.#status.begin();
		const entry = this.#list.find(id);
		if (!entry) return;
		const read = await this.#list.recordings(id);
		// A pack without the cues it should carry would be a loss no one sees: none is made.
		if (!read.ok) {
			this.#status.fail(
				`The pack of “${entry.routine.title}” was not made: its recorded cues ${read.reason}. Reload the page to try again, or use Export for the routine file alone.`
			);
			return;
		}
		try {
			// Only cues the routine has: one left under a step's old id would make the pack refused.
			const stepIds = entry.routine.steps.map((step) => step.id);
			const recordings = read.value.filter((recording) => cueOfRoutine(recording.cue, stepIds));
			const { writePack } = await import('../../transfer/routine-pack');
			const bytes = writePack(entry.text, recordings);
			this.#download({ name: `${id}.zip`, type: 'application/zip', bytes });
		} catch (error) {
			this.#status.fail(
				`The pack of “${entry.routine.title}” could not be made (${errorName(error)}); nothing changed. Try again, or use Export for the routine file alone.`
			);
		}
	}

	/** Hands the routine's file to the platform's share sheet. */
	async share(id: string): Promise<void> {
		const file = this.#list.file(id);
		const sharing = this.#sharing;
		if (!file || !sharing) return;
		this.#status.begin();
		try {
			await sharing.share({
				files: [new File([file.text], file.name, { type: file.type })],
				title: this.#list.find(id)?.routine.title
			});
		} catch (error) {
			// Closing the share sheet is the person's choice, not a failure.
			if (errorName(error) === 'AbortError') return;
			this.#status.fail(
				`Sharing did not work (${errorName(error)}). Use Export to download the file.`
			);
		}
	}
}
