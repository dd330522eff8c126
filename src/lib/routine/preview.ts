/**
 * The timeline of a routine still being written: the steps that are valid already, with the
 * defaults where they are valid, so the length and the shape of the session follow every keystroke.
 */
import * as v from 'valibot';
import type { JsonValue } from './json-text';
import { defaultsSchema, stepSchema, type Step } from './schema';
import {
	compileTimeline,
	type CompileOptions,
	DEFAULT_COMPILE_OPTIONS,
	type Timeline
} from './timeline';

/** A draft's timeline so far, and the steps it had to leave out. */
export interface DraftPreview {
	timeline: Timeline;
	/** For each step of the timeline, its index in the draft. */
	draftIndex: number[];
	/** Draft indices of steps left out for now: they have problems still. */
	leftOut: number[];
	/** The draft's own defaults have problems: the built-in ones stand in for them. */
	defaultsLeftOut: boolean;
}

const isObject = (value: JsonValue | undefined): value is { [key: string]: JsonValue } =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The preview of a draft; undefined when no step is valid yet. */
export function previewDraft(
	draft: JsonValue,
	options: CompileOptions = DEFAULT_COMPILE_OPTIONS
): DraftPreview | undefined {
	if (!isObject(draft)) return undefined;
	const rawSteps = Array.isArray(draft['steps']) ? draft['steps'] : [];
	const defaults = v.safeParse(defaultsSchema, draft['defaults'] ?? {});
	const steps: Step[] = [];
	const draftIndex: number[] = [];
	const leftOut: number[] = [];
	rawSteps.forEach((raw, index) => {
		const step = v.safeParse(stepSchema, raw);
		if (step.success) {
			steps.push(step.output);
			draftIndex.push(index);
		} else leftOut.push(index);
	});
	if (steps.length === 0) return undefined;
	const timeline = compileTimeline(
		{
			version: 1,
			id: 'draft',
			title: 'draft',
			defaults: defaults.success ? defaults.output : undefined,
			steps
		},
		options
	);
	// A step that lasts 0 s is not valid either: it has nothing to show.
	const empty = timeline.steps.filter((step) => step.durationMs === 0).map((step) => step.index);
	if (empty.length === 0) {
		return { timeline, draftIndex, leftOut, defaultsLeftOut: !defaults.success };
	}
	const kept = draftIndex.filter((_, i) => !empty.includes(i));
	const again = previewDraft(
		{ ...draft, steps: kept.map((index) => rawSteps[index] ?? null) },
		options
	);
	if (!again) return undefined;
	return {
		...again,
		draftIndex: again.draftIndex.map((i) => kept[i] ?? i),
		leftOut: rawSteps.map((_, i) => i).filter((i) => !kept.includes(i)),
		defaultsLeftOut: !defaults.success
	};
}
