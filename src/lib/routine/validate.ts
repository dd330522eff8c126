/**
 * The validator: reads a routine file's text and names every problem by its path and in words
 * a routine author understands. Problems are values, never throws.
 */
import * as v from 'valibot';
import { readJson, type JsonObject, type JsonValue } from './json-text';
import { formatPath, shorten, type PathSegment } from './path';
import { defaultsSchema, LIMITS, routineSchema, stepSchema, type Routine } from './schema';
import { measureRoutine, measureStep } from './measure';
import { resolveDefaults } from './timeline';
import { findShapeProblems, unknownKeyMessage } from './unknown-keys';

/** One problem in a routine file. */
export interface RoutineIssue {
	/** `steps[2].cycle.soften`; `(file)` for the file as a whole. */
	path: string;
	message: string;
	/** For a syntax error: where in the text, both from 1. */
	line?: number;
	column?: number;
	/** On the last issue of a list cut short: how many more there were. */
	more?: number;
	/** The step the problem is in, so a person is told "step 2, “Hip opener”", not `steps[1]`. */
	step?: { number: number; title?: string };
}

/** How many problems a list names; a careless file can have a hundred thousand. */
export const SHOWN_ISSUES = 50;

/** How many problems a list stands for, the ones left unnamed included. */
export const issueCount = (issues: readonly RoutineIssue[]): number =>
	issues.reduce((n, issue) => n + 1 + (issue.more ?? 0), 0);

export type RoutineResult =
	{ ok: true; routine: Routine; raw: JsonValue } | { ok: false; issues: RoutineIssue[] };

/** The error a caller can throw or keep when a routine is refused: it carries every issue. */
export class RoutineValidationError extends Error {
	constructor(readonly issues: RoutineIssue[]) {
		super(issues.map(describeIssue).join('\n'));
		this.name = 'RoutineValidationError';
	}
}

/** One issue as a line of text: `steps[2].cycle.soften: must be …`. */
export function describeIssue(issue: RoutineIssue): string {
	if (issue.line !== undefined) {
		return `line ${issue.line}, column ${issue.column}: ${issue.message}`;
	}
	return `${issue.path}: ${issue.message}`;
}

/** Reads and validates a routine file's text. */
export function parseRoutine(text: string): RoutineResult {
	const bytes = utf8Length(text);
	if (bytes > LIMITS.fileBytes) {
		return {
			ok: false,
			issues: [
				{
					path: '(file)',
					message: `the file is ${formatBytes(bytes)}; a routine file may be at most 1 MiB (1,048,576 bytes)`
				}
			]
		};
	}
	const read = readJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	if (!read.ok) {
		const { line, column, message } = read.error;
		return {
			ok: false,
			issues: [{ path: '(file)', line, column, message: `not valid JSON: ${message}` }]
		};
	}
	return validateRoutine(read.value);
}

/** Validates a value already read as JSON. */
export function validateRoutine(raw: JsonValue): RoutineResult {
	const tooMany = tooManySteps(raw);
	if (tooMany) return { ok: false, issues: [tooMany] };
	const issues: RoutineIssue[] = [];
	const shapeProblems = findShapeProblems(routineSchema, raw);
	const lists = shapeProblems.filter((problem) => problem.kind === 'list-for-object');
	const result = v.safeParse(routineSchema, raw, { abortEarly: false, abortPipeEarly: true });
	if (!result.success) {
		for (const issue of result.issues) {
			const path = pathOf(issue);
			// Inside a list given for an object, the library's "missing key" notes only add noise.
			if (lists.some((list) => startsWith(path, list.path))) continue;
			issues.push({ path: formatPath(path), message: issue.message });
		}
	}
	for (const problem of shapeProblems) {
		issues.push({
			path: formatPath(problem.path),
			message: problem.kind === 'unknown-key' ? unknownKeyMessage(problem) : problem.message
		});
	}
	issues.push(...duplicateStepIds(raw));
	issues.push(...emptySteps(raw));
	if (issues.length > 0 || !result.success || lists.length > 0) {
		return { ok: false, issues: nameSteps(capIssues(sortByPath(issues)), raw) };
	}
	const tooLong = overTheCaps(result.output);
	if (tooLong) return { ok: false, issues: [tooLong] };
	return { ok: true, routine: result.output, raw };
}

/** The first problems of a long list, the last one saying how many more there are. */
function capIssues(issues: RoutineIssue[]): RoutineIssue[] {
	if (issues.length <= SHOWN_ISSUES) return issues;
	const more = issues.length - SHOWN_ISSUES;
	const shown = issues.slice(0, SHOWN_ISSUES);
	const last = shown[SHOWN_ISSUES - 1];
	if (last) last.more = more;
	return shown;
}

/** A session too long to follow or to hold, refused before any timeline is built. */
function overTheCaps(routine: Routine): RoutineIssue | undefined {
	const { durationMs, pieces } = measureRoutine(routine);
	if (durationMs > LIMITS.sessionSeconds * 1000) {
		return {
			path: '(file)',
			message: `this routine would last ${roughLength(durationMs)}; a routine can last at most ${roughLength(LIMITS.sessionSeconds * 1000)}`
		};
	}
	if (pieces > LIMITS.pieces) {
		return {
			path: '(file)',
			message: `this routine has ${pieces.toLocaleString('en')} timed parts (breaths, phases and rests); a routine can have at most ${LIMITS.pieces.toLocaleString('en')}`
		};
	}
	return undefined;
}

/** A length as said aloud: "54 hours", "4 hours 10 minutes", "916 years". */
export function roughLength(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	const hours = Math.floor(minutes / 60);
	const plural = (n: number, unit: string) =>
		`${n.toLocaleString('en')} ${unit}${n === 1 ? '' : 's'}`;
	if (hours >= 24 * 365 * 2) return plural(Math.floor(hours / (24 * 365)), 'year');
	if (hours >= 24 * 3) return plural(Math.floor(hours / 24), 'day');
	if (hours >= 10) return plural(hours, 'hour');
	const rest = minutes % 60;
	if (hours === 0) return plural(minutes, 'minute');
	return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

/** Each issue inside a step told which step it is: its number and, when the file gives one, its title. */
function nameSteps(issues: RoutineIssue[], raw: JsonValue): RoutineIssue[] {
	const steps = rawSteps(raw);
	if (!steps) return issues;
	for (const issue of issues) {
		const index = /^steps\[(\d+)\]/.exec(issue.path)?.[1];
		if (index === undefined) continue;
		const step = steps[Number(index)];
		const title = isJsonObject(step) ? step['title'] : undefined;
		issue.step = { number: Number(index) + 1 };
		if (typeof title === 'string' && title.trim() !== '') issue.step.title = title;
	}
	return issues;
}

function startsWith(path: readonly PathSegment[], prefix: readonly PathSegment[]): boolean {
	return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function pathOf(issue: v.BaseIssue<unknown>): PathSegment[] {
	return (issue.path ?? []).map((item) => item.key as PathSegment);
}

const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's `steps` as read, whatever the schema will say of them; none when not a list. */
function rawSteps(raw: JsonValue): JsonValue[] | undefined {
	const steps = isJsonObject(raw) ? raw['steps'] : undefined;
	return Array.isArray(steps) ? steps : undefined;
}

/** A file far over the step limit is refused before any step is read. */
function tooManySteps(raw: JsonValue): RoutineIssue | undefined {
	const steps = rawSteps(raw);
	if (!steps || steps.length <= LIMITS.steps) return undefined;
	return {
		path: 'steps',
		message: `holds ${steps.length} steps; a routine may have at most ${LIMITS.steps}`
	};
}

function duplicateStepIds(raw: JsonValue): RoutineIssue[] {
	const firstIndex = new Map<string, number>();
	const issues: RoutineIssue[] = [];
	rawSteps(raw)?.forEach((step, index) => {
		if (!isJsonObject(step)) return;
		const id = step['id'];
		if (typeof id !== 'string') return;
		const first = firstIndex.get(id);
		if (first === undefined) {
			firstIndex.set(id, index);
			return;
		}
		issues.push({
			path: formatPath(['steps', index, 'id']),
			message: `the id "${shorten(id)}" is used already by steps[${first}]; every step needs its own id`
		});
	});
	return issues;
}

/**
 * Steps that would last 0 s, found step by step so they are reported beside any other problem.
 * Rests between a stretch's rounds do not count: a stretch of rests alone has nothing to do.
 */
function emptySteps(raw: JsonValue): RoutineIssue[] {
	const steps = rawSteps(raw);
	if (!steps || !isJsonObject(raw)) return [];
	const defaults = v.safeParse(defaultsSchema, raw['defaults'] ?? {}, { abortEarly: true });
	if (!defaults.success) return [];
	const resolved = resolveDefaults(defaults.output);
	const issues: RoutineIssue[] = [];
	steps.forEach((value, index) => {
		const parsed = v.safeParse(stepSchema, value, { abortEarly: true });
		if (!parsed.success) return;
		const step = parsed.output;
		const { activeMs } = measureStep(step, resolved);
		if (activeMs > 0) return;
		issues.push({
			path: formatPath(['steps', index]),
			message: `the step "${shorten(step.id)}" lasts 0 seconds: give at least one of its phases some time`
		});
	});
	return issues;
}

function sortByPath(issues: RoutineIssue[]): RoutineIssue[] {
	return issues
		.map((issue, order) => ({ issue, order }))
		.sort((a, b) => comparePaths(a.issue.path, b.issue.path) || a.order - b.order)
		.map(({ issue }) => issue);
}

/** Orders paths as they appear in a file, with `steps[10]` after `steps[9]`. */
function comparePaths(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}

function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}

function formatBytes(bytes: number): string {
	if (bytes >= 2 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
	return `${bytes.toLocaleString('en')} bytes`;
}
