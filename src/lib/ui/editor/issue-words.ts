/**
 * A routine's problems as the editor says them to a coach who never saw the file: the place by
 * the names on the screen ("Step 2, “Hip opener”: Soften"), not `steps[1].cycle.soften`, and the
 * problem as a sentence.
 */
import { valueAt, type Draft } from '../../routine/draft';
import type { PathSegment } from '../../routine/path';
import type { RoutineIssue } from '../../routine/validate';
import { fieldLabel, pathSegments } from './fields';

/** A problem as shown: where, and what, in words; `path` finds its field. */
export interface ShownIssue {
	path: string;
	place: string;
	message: string;
	/** How many more like it a long list left out. */
	more?: number;
}

/** One problem in words. */
export function issueInWords(issue: RoutineIssue, draft: Draft): ShownIssue {
	const segments = pathSegments(issue.path);
	return {
		path: issue.path,
		place: placeInWords(segments, draft),
		message: messageInWords(issue, segments, draft),
		...(issue.more ? { more: issue.more } : {})
	};
}

/** Where each part of a routine is on the editor's screen, top to bottom. */
const SCREEN_ORDER = ['version', 'title', 'summary', 'language', 'id', 'defaults', 'steps'];

/** Problems in the order the coach meets their fields, not the file's (title before steps). */
export function inScreenOrder<T extends { path: string }>(issues: readonly T[]): T[] {
	const rank = (issue: T) => {
		const at = SCREEN_ORDER.indexOf(String(pathSegments(issue.path)[0]));
		return at < 0 ? SCREEN_ORDER.length : at;
	};
	return [...issues].sort((a, b) => rank(a) - rank(b));
}

/** Where a problem is, by the names the editor's headings and labels use. */
export function placeInWords(segments: readonly PathSegment[], draft: Draft): string {
	const [first, second] = segments;
	const label = fieldLabel(segments);
	if (first === 'steps' && typeof second === 'number') {
		const title = valueAt(draft, ['steps', second, 'title']);
		const step =
			typeof title === 'string' && title.trim() !== ''
				? `Step ${second + 1}, “${title.trim()}”`
				: `Step ${second + 1}`;
		return label ? `${step}: ${label}` : step;
	}
	if (first === 'steps') return 'Steps';
	if (first === 'defaults') return label ? `Defaults: ${label}` : 'Defaults';
	return label ?? 'The routine';
}

/** What is wrong, as a sentence; the commonest problems of a form said as what to do. */
function messageInWords(issue: RoutineIssue, segments: PathSegment[], draft: Draft): string {
	const last = segments[segments.length - 1];
	const inStep = segments[0] === 'steps' && segments.length === 3;
	const value = valueAt(draft, segments);
	const empty = typeof value === 'string' && value.trim() === '';
	if (last === 'title' && empty) {
		return inStep ? 'Give this step a title.' : 'Give the routine a title.';
	}
	if (last === 'id' && empty) {
		return `Give ${inStep ? 'this step' : 'the routine'} an id: lowercase letters, digits and “-”.`;
	}
	if (issue.path === 'steps' && Array.isArray(value) && value.length === 0) {
		return 'Add at least one step.';
	}
	// A message may name another step by its path (`used already by steps[0]`).
	return sentence(
		issue.message.replace(/steps\[(\d+)\]/g, (_, index: string) => `step ${Number(index) + 1}`)
	);
}

function sentence(text: string): string {
	const capital = text.charAt(0).toUpperCase() + text.slice(1);
	return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
