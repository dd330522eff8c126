/**
 * The library screen's model: the routines as listed (`LibraryList`), the ways a routine comes in
 * (`ImportFlow`) and goes out (`RoutineExport`), and what the screen says (`LibraryStatus`). The
 * page talks to this one object; each part holds its own state and actions.
 */
import { getContext, setContext } from 'svelte';
import type { RoutineLoad } from '../../storage/built-in-routines';
import type { PackFile, RoutineFile } from '../../transfer/routine-import';
import { browserSharing, type FileSharing } from '../../transfer/sharing';
import { downloadFile } from '../download';
import type { DatabaseModel } from '../database.svelte';
import { ImportFlow, type ImportFlowOptions } from './import-flow.svelte';
import { LibraryList } from './library-list.svelte';
import { LibraryStatus } from './library-status.svelte';
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

/** One per library page, handed down with context: the screen's state and every action on it. */
export class LibraryModel {
	readonly status = new LibraryStatus();
	readonly list: LibraryList;
	readonly imports: ImportFlow;
	readonly exports: RoutineExport;

	constructor(builtIns: () => readonly RoutineLoad[], options: LibraryOptions) {
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

	// What the screen shows, read from the part that keeps it.
	get problem() {
		return this.status.problem;
	}
	get notice() {
		return this.status.notice;
	}
	get clash() {
		return this.status.clash;
	}
	get loaded() {
		return this.list.loaded;
	}
	get drafts() {
		return this.list.drafts;
	}
	get builtIn() {
		return this.list.builtIn;
	}
	get own() {
		return this.list.own;
	}
	get ownCount() {
		return this.list.ownCount;
	}
	get ownShown() {
		return this.list.ownShown;
	}
	set ownShown(count: number) {
		this.list.ownShown = count;
	}
	get focusId() {
		return this.list.focusId;
	}
	set focusId(id: string | undefined) {
		this.list.focusId = id;
	}
	get pasteText() {
		return this.imports.pasteText;
	}
	set pasteText(text: string) {
		this.imports.pasteText = text;
	}
	get canShare() {
		return this.exports.canShare;
	}

	// What the screen does, handed to the part that does it.
	refresh = () => this.list.refresh();
	showOlder = () => this.list.showOlder();
	remove = (id: string) => this.list.remove(id);
	undo = () => this.list.undo();
	duplicate = (id: string) => this.list.duplicate(id);
	discardDraft = (key: string) => this.list.discardDraft(key);
	file = (id: string) => this.list.file(id);
	importFile = (file: File) => this.imports.importFile(file);
	importPasted = () => this.imports.importPasted();
	openLink = (url: URL, forget: () => void) => this.imports.openLink(url, forget);
	retryLink = () => this.imports.retryLink();
	settle = (choice: Parameters<ImportFlow['settle']>[0]) => this.imports.settle(choice);
	export = (id: string) => this.exports.export(id);
	exportPack = (id: string) => this.exports.exportPack(id);
	share = (id: string) => this.exports.share(id);
	dismissNotice = () => {
		this.status.notice = undefined;
	};
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
