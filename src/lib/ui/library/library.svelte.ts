/**
 * The library screen's model: the routines as listed (`LibraryList`, with what the screen says),
 * the ways a routine comes in (`ImportFlow`) and goes out (`RoutineExport`). The page talks to
 * this one object; each part holds its own state and actions.
 */
import { getContext, setContext } from 'svelte';
import type { RoutineLoad } from '../../storage/built-in-routines';
import type { ClashChoice, PackFile, RoutineFile } from '../../transfer/routine-import';
import { browserSharing, type FileSharing } from '../../transfer/sharing';
import { downloadFile } from '../download';
import type { DatabaseModel } from '../database.svelte';
import { ImportFlow, type ImportFlowOptions } from './import-flow.svelte';
import { LibraryList } from './library-list.svelte';
import { RoutineExport } from './routine-export.svelte';

export { OWN_PAGE } from './library-list.svelte';
export type { FileSharing } from '../../transfer/sharing';

const KEY = Symbol('library');

/** The library's surroundings, replaceable in tests. */
export interface LibraryOptions extends Omit<ImportFlowOptions, 'list' | 'status' | 'now'> {
	database: Pick<DatabaseModel, 'get' | 'write'>;
	now?: () => number;
	download?: (file: RoutineFile | PackFile) => void;
	sharing?: FileSharing;
}

/**
 * One per library page, handed down with context: the library as listed (what it extends), with
 * the import flow and export beside it, all saying what happened in the list's status.
 */
export class LibraryModel extends LibraryList {
	readonly imports: ImportFlow;
	readonly exports: RoutineExport;

	constructor(builtIns: () => readonly RoutineLoad[], options: LibraryOptions) {
		const { database, download, sharing, ...rest } = options;
		const now = options.now ?? (() => Date.now());
		super(builtIns, { database, now });
		this.imports = new ImportFlow({ ...rest, list: this, status: this, now });
		this.exports = new RoutineExport({
			list: this,
			status: this,
			download: download ?? downloadFile,
			sharing: sharing ?? browserSharing()
		});
	}

	/** Starts the screen: reads the library, asks whether files can be shared here. */
	async connect(): Promise<void> {
		this.exports.connect();
		await this.refresh();
	}

	/** What is in the paste box, as the import flow keeps it. */
	get pasteText(): string {
		return this.imports.pasteText;
	}
	set pasteText(text: string) {
		this.imports.pasteText = text;
	}
	/** Files can be shared from this device (the Share buttons show). */
	get canShare(): boolean {
		return this.exports.canShare;
	}

	// The ways in and out, handed to the part that does them.
	importFile = (file: File) => this.imports.importFile(file);
	importPasted = () => this.imports.importPasted();
	openLink = (url: URL, forget: () => void) => this.imports.openLink(url, forget);
	retryLink = () => this.imports.retryLink();
	settle = (choice: ClashChoice | 'cancel') => this.imports.settle(choice);
	export = (id: string) => this.exports.export(id);
	exportPack = (id: string) => this.exports.exportPack(id);
	share = (id: string) => this.exports.share(id);
}

/** Makes the library model available below the library page. */
export function provideLibrary(model: LibraryModel): LibraryModel {
	return setContext(KEY, model);
}

/** The library page's model. */
export function useLibrary(): LibraryModel {
	const model = getContext<LibraryModel | undefined>(KEY);
	if (!model) throw new Error('useLibrary() needs provideLibrary() in the library page');
	return model;
}
