/**
 * Which of the player's dialogs is open, and the ones fetched when first wanted. The session's
 * keys wait while any is open; a dialog that cannot be fetched says why instead of opening.
 */
import { LazyComponent } from '../lazy.svelte';

/** The dialogs fetched when first wanted: a first visit downloads only what the session shows. */
const FETCHED = {
	keysHelp: () => import('../session/KeysHelp.svelte'),
	noteDialog: () => import('../NoteDialog.svelte'),
	settingsPanel: () => import('./SettingsPanel.svelte')
};

export class OpenDialogs {
	askStop = $state(false);
	askRedFlag = $state(false);
	/** The safety note: read from More or its line, or asked for before the first session. */
	showSafety = $state(false);
	askSafety = $state(false);
	showSettings = $state(false);
	showHelp = $state(false);
	showNote = $state(false);
	askTakeOver = $state(false);

	readonly keysHelp;
	readonly noteDialog;
	readonly settingsPanel;

	/** `fetch`: how each dialog is fetched; a test hands in its own. */
	constructor(fetch: Partial<typeof FETCHED> = {}) {
		this.keysHelp = new LazyComponent(fetch.keysHelp ?? FETCHED.keysHelp);
		this.noteDialog = new LazyComponent(fetch.noteDialog ?? FETCHED.noteDialog);
		this.settingsPanel = new LazyComponent(fetch.settingsPanel ?? FETCHED.settingsPanel);
	}

	/** A dialog is open: the session's keys wait. */
	get open(): boolean {
		return (
			this.askStop ||
			this.askRedFlag ||
			this.showSafety ||
			this.askSafety ||
			this.showSettings ||
			this.showHelp ||
			this.showNote ||
			this.askTakeOver
		);
	}

	/** Why a dialog could not be fetched, in words; empty while all can be. */
	get problem(): string {
		return this.keysHelp.problem || this.noteDialog.problem || this.settingsPanel.problem;
	}

	openHelp = () => {
		void this.keysHelp.get().then((loaded) => (this.showHelp = loaded !== undefined));
	};
	openNote = () => {
		void this.noteDialog.get().then((loaded) => (this.showNote = loaded !== undefined));
	};
	openSettings = () => {
		void this.settingsPanel.get().then((loaded) => (this.showSettings = loaded !== undefined));
	};
}
