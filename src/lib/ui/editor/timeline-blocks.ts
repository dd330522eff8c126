/** The editor's timeline preview as blocks to draw: one per phase, breaths joined into one. */
import type { DraftPreview } from '../../routine/preview';
import type { Phase } from '../../routine/timeline';

/** One stretch of the bar: a phase of a step (or a countdown, or a rest between steps). */
export interface TimelineBlock {
	phase: Phase;
	/** The step in the draft it belongs to (a lead block: the step it leads into). */
	draftIndex: number;
	lead: boolean;
	startMs: number;
	durationMs: number;
}

/** A step's line in the text equivalent of the bar. */
export interface TimelineRow {
	draftIndex: number;
	startMs: number;
	durationMs: number;
}

/** The preview's segments as phases: the parts of one breathing phase are one block. */
export function timelineBlocks(preview: DraftPreview): TimelineBlock[] {
	const blocks: TimelineBlock[] = [];
	for (const segment of preview.timeline.segments) {
		const draftIndex = preview.draftIndex[segment.stepIndex] ?? segment.stepIndex;
		const last = blocks[blocks.length - 1];
		if (
			last &&
			segment.breath &&
			last.startMs === segment.phaseStartMs &&
			last.phase === 'breathe'
		) {
			continue;
		}
		blocks.push({
			phase: segment.phase,
			draftIndex,
			lead: segment.lead,
			startMs: segment.breath ? segment.phaseStartMs : segment.startMs,
			durationMs: segment.breath ? segment.phaseDurationMs : segment.durationMs
		});
	}
	return blocks;
}

/** When each step starts and how long it lasts, by the draft's own order. */
export function timelineRows(preview: DraftPreview): TimelineRow[] {
	return preview.timeline.steps.map((step) => {
		const first = preview.timeline.segments.find(
			(segment) => segment.stepIndex === step.index && !segment.lead
		);
		return {
			draftIndex: preview.draftIndex[step.index] ?? step.index,
			startMs: first?.startMs ?? 0,
			durationMs: step.durationMs
		};
	});
}

/** A moment as `m:ss` from the session's start. */
export function formatAt(ms: number): string {
	const total = Math.round(ms / 1000);
	return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
