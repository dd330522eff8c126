/**
 * The draft as the editor's form shows it: the draft as typed with its undo history, its problems
 * from the validator (each shown once the coach has been in its field, or all once asked for),
 * its timeline so far, and what draft-view.ts works out of it. It reads and writes no storage:
 * the keeper (draft-keeper.svelte.ts) starts it with a draft and keeps what it holds.
 */
import { draftSteps, idFollowsTitle, newDraft, type Draft } from '../../routine/draft';
import type { JsonValue } from '../../routine/json-text';
import { formatPath, type PathSegment } from '../../routine/path';
import { previewDraft } from '../../routine/preview';
import { record, redo, startHistory, undo, type History } from '../../routine/undo';
import { DEFAULT_COMPILE_OPTIONS } from '../../routine/timeline';
import { issueCount, validateRoutine, type RoutineIssue } from '../../routine/validate';
import { draftDefaults, standingLine, stepDurationsMs, stepVoiceScope } from './draft-view';
import { NO_PATHS, pathSegments, STEP_FIELD_KEYS, withPath } from './fields';
import { inScreenOrder, issueInWords, type ShownIssue } from './issue-words';
import type { CueScope } from './voice/voice-cues.svelte';

/** What the form reads the time by, replaceable in tests. */
export interface DraftFormClocks {
	/** The countdown the person's sessions start with (their setting), for the total time. */
	countdownSec?: () => number;
	/** A monotonic clock, for joining keystrokes into one undo step. */
	monotonicMs?: () => number;
}

/** One per editor, inside its model. */
export class DraftForm {
	#countdownSec: () => number = () => DEFAULT_COMPILE_OPTIONS.countdownSec;
	#monotonicMs: () => number = () => performance.now();
	#history = $state.raw<History<Draft>>(startHistory(newDraft()));
	#touched = $state.raw<ReadonlySet<string>>(NO_PATHS);
	/** A problem found on saving that the validator cannot know (an id in use): path → message. */
	#saveIssue = $state.raw<RoutineIssue>();

	/** Every problem is shown, not only those of fields already changed. */
	revealAll = $state(false);

	readonly draft: Draft = $derived(this.#history.present);
	readonly canUndo = $derived(this.#history.past.length > 0);
	readonly canRedo = $derived(this.#history.future.length > 0);
	readonly validation = $derived(validateRoutine(this.#history.present));
	/**
	 * Every problem of the draft, in file order, with any found on saving. An id left empty while
	 * the title is empty too is not said twice: the id follows the title once there is one.
	 */
	readonly issues: readonly RoutineIssue[] = $derived.by(() => {
		const draft = this.#history.present;
		const idWaits = draft['id'] === '' && idFollowsTitle('', draft['title']);
		const found = this.validation.ok
			? []
			: this.validation.issues.filter(
					(issue) => !(idWaits && issue.path === 'id' && isEmptyText(draft['title']))
				);
		return this.#saveIssue ? [this.#saveIssue, ...found] : found;
	});
	/** The problems the coach sees now: of the fields they have been in, or all once asked for. */
	readonly shownIssues: readonly RoutineIssue[] = $derived(
		this.issues.filter((issue) => this.#shows(issue))
	);
	/** The list of every problem, in words, after a refused save, export or try. */
	readonly listedIssues: readonly ShownIssue[] = $derived(
		this.revealAll ? this.#inWords(inScreenOrder(this.issues)) : []
	);
	readonly preview = $derived(
		previewDraft(this.#history.present, { countdownSec: this.#countdownSec() })
	);
	/** The countdown the total time includes: the person's own setting. */
	readonly countdownSec = $derived(this.#countdownSec());
	readonly steps = $derived(draftSteps(this.#history.present));
	readonly title = $derived.by(() => {
		const title = this.#history.present['title'];
		return typeof title === 'string' && title.trim() !== '' ? title : 'Untitled routine';
	});
	/** The routine's defaults as they stand: what a field left empty inherits. */
	readonly defaults = $derived(draftDefaults(this.#history.present));
	/** Each step's length by its index in the draft; none for a step with problems. */
	readonly stepDurationsMs = $derived(stepDurationsMs(this.preview, this.steps.length));
	/** How many problems the coach is shown now. */
	readonly shownCount = $derived(issueCount(this.shownIssues));
	/** How the draft stands, for the toolbar: "2 problems", "Ready" or nothing yet. */
	readonly standing = $derived(standingLine(this.shownCount, this.issues.length));

	constructor(clocks: DraftFormClocks = {}) {
		if (clocks.countdownSec) this.#countdownSec = clocks.countdownSec;
		if (clocks.monotonicMs) this.#monotonicMs = clocks.monotonicMs;
	}

	/** Shows a draft afresh: no undo history, no field been in yet. */
	start(draft: Draft, revealAll: boolean): void {
		this.#history = startHistory(draft);
		this.#touched = NO_PATHS;
		this.#saveIssue = undefined;
		this.revealAll = revealAll;
	}

	/**
	 * Takes an edit into the history; typing in one field (`typing`, its path) within a moment is
	 * one undo step. Whether the draft changed.
	 */
	record(next: Draft, typing?: string): boolean {
		const history = this.#history;
		this.#history = record(
			history,
			next,
			typing === undefined ? undefined : { field: typing, atMs: this.#monotonicMs() }
		);
		return this.#history !== history;
	}

	/** Goes one step back, if there is one; whether it did. */
	undo(): boolean {
		if (!this.canUndo) return false;
		this.#history = undo(this.#history);
		return true;
	}

	/** Goes one step forward again, if there is one; whether it did. */
	redo(): boolean {
		if (!this.canRedo) return false;
		this.#history = redo(this.#history);
		return true;
	}

	/** The coach changes a field: its problems show, and one found on saving is theirs to mend. */
	touch(path: readonly PathSegment[]): void {
		const at = formatPath(path);
		if (this.#saveIssue?.path === at) this.#saveIssue = undefined;
		this.#touched = withPath(this.#touched, at);
	}

	/** The coach has been in a field and left it: its problem shows now, left empty or not. */
	leave(path: readonly PathSegment[]): void {
		this.#touched = withPath(this.#touched, formatPath(path));
	}

	/** Steps moved or went: the fields been in are by place, so none counts as been in now. */
	forgetTouched(): void {
		this.#touched = NO_PATHS;
	}

	/** Shows at its field a problem the validator cannot know: found on saving (an id in use). */
	showSaveIssue(issue: RoutineIssue): void {
		this.#touched = withPath(this.#touched, issue.path);
		this.#saveIssue = issue;
	}

	/**
	 * Why `what` cannot be done while the draft has problems (then all of them show), in words;
	 * undefined when it can.
	 */
	refusal(what: string): string | undefined {
		if (this.issues.length === 0) return undefined;
		this.revealAll = true;
		const count = issueCount(this.issues);
		return `${what}: fix the ${count === 1 ? 'problem' : `${count} problems`} listed first.`;
	}

	/** The problems shown at one field (by its path), in words. */
	issuesAt(path: readonly PathSegment[]): ShownIssue[] {
		const at = formatPath(path);
		return this.#inWords(this.shownIssues.filter((issue) => issue.path === at));
	}

	/** Problems of a step as a whole, and keys the format does not know (no field shows them). */
	stepIssues(index: number): ShownIssue[] {
		return this.#inWords(this.shownIssues.filter((issue) => stepOwnIssue(issue, index)));
	}

	/** A step's recordable cues, once it has a valid id and type to keep them by. */
	stepVoiceScope(index: number): CueScope | undefined {
		return stepVoiceScope(this.steps[index]);
	}

	/** A step's title as said in announcements. */
	stepName(index: number): string {
		const step = this.steps[index];
		const title =
			typeof step === 'object' && step !== null && !Array.isArray(step) ? step['title'] : undefined;
		return typeof title === 'string' && title !== '' ? title : `step ${index + 1}`;
	}

	#inWords(issues: readonly RoutineIssue[]): ShownIssue[] {
		return issues.map((issue) => issueInWords(issue, this.#history.present));
	}

	/**
	 * Whether the coach sees a problem now: once they have been in its field (a blank routine
	 * greets nobody with problems), a step's own once they have been in the step, or all of them
	 * once a save, export or try asked for them.
	 */
	#shows(issue: RoutineIssue): boolean {
		if (this.revealAll || this.#touched.has(issue.path)) return true;
		const [first, index] = pathSegments(issue.path);
		return first === 'steps' && typeof index === 'number' && stepOwnIssue(issue, index)
			? [...this.#touched].some((path) => path.startsWith(`steps[${index}].`))
			: false;
	}
}

/** A problem of a step that no field of its card shows: of the step as a whole, or a key of its own. */
function stepOwnIssue(issue: RoutineIssue, index: number): boolean {
	const prefix = `steps[${index}]`;
	if (!issue.path.startsWith(prefix)) return false;
	const rest = issue.path.slice(prefix.length);
	if (rest === '') return true;
	return rest.startsWith('[') || (rest.startsWith('.') && !STEP_FIELD_KEYS.has(rest.slice(1)));
}

function isEmptyText(value: JsonValue | undefined): boolean {
	return typeof value !== 'string' || value.trim() === '';
}
