/**
 * The library page as its parts: the routines as listed (`list`), the ways a routine comes in
 * (`imports`) and goes out (`exports`), and what the screen says (`status`). The route makes it,
 * hands it down with `provideLibraryScreen`, and calls `connect()` once; components use the part
 * they show. The parts talk to each other only through what each is given here.
 */
import { createContext } from 'svelte';
import type { RoutineLoad } from '../../storage/built-in-routines';
import type { PackFile, RoutineFile } from '../../transfer/routine-import';
import { browserSharing, type FileSharing } from '../../transfer/sharing';
import { downloadFile } from '../download';
import type { DatabaseModel } from '../database.svelte';
import { ImportFlow, type ImportFlowOptions } from './import-flow.svelte';
import { LibraryList } from './library-list.svelte';
import { LibraryStatus } from './library-status.svelte';
import { RoutineExport } from './routine-export.svelte';

/** The library's surroundings, replaceable in tests. */
export interface LibraryScreenOptions extends Omit<ImportFlowOptions, 'list' | 'status' | 'now'> {
	database: Pick<DatabaseModel, 'get' | 'write'>;
	now?: () => number;
	download?: (file: RoutineFile | PackFile) => void;
	sharing?: FileSharing;
}

/** One per library page, handed down with context. */
export class LibraryScreenModel {
	/** The screen's alert, notice and question, which every part below says its outcome in. */
	readonly status = new LibraryStatus();
	readonly list: LibraryList;
	readonly imports: ImportFlow;
	readonly exports: RoutineExport;

	constructor(builtIns: () => readonly RoutineLoad[], options: LibraryScreenOptions) {
		const { database, download, sharing, ...rest } = options;
		const now = options.now ?? (() => Date.now());
		const status = this.status;
		this.list = new LibraryList(builtIns, { database, now, status });
		this.imports = new ImportFlow({ ...rest, list: this.list, status, now });
		this.exports = new RoutineExport({
			list: this.list,
			status,
			download: download ?? downloadFile,
			sharing: sharing ?? browserSharing()
		});
	}

	/** Starts the screen: reads the library, asks whether files can be shared here. */
	async connect(): Promise<void> {
		this.exports.connect();
		await this.list.refresh();
	}
}

/** The library page's model: its route provides it, its components use it. */
export const [useLibraryScreen, provideLibraryScreen] = createContext<LibraryScreenModel>();
