/** The routine the WebKit journeys import and play: every phase a second, so a session takes seconds. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHORT = { id: 'webkit-short', title: 'A few seconds' } as const;

/** A breath, a stretch that retries after a flare, and a rest; flare phases long enough to choose. */
const ROUTINE = {
	version: 1,
	id: SHORT.id,
	title: SHORT.title,
	summary: 'One breath, one short stretch and a rest, for the WebKit journeys.',
	defaults: { restBetweenSteps: 0, flare: { release: 4, recover: 2 } },
	steps: [
		{
			type: 'breathe',
			id: 'arrive',
			title: 'Arrive',
			pattern: { inhale: 1, exhale: 1 },
			breaths: 1
		},
		{
			type: 'stretch',
			id: 'reach',
			title: 'Reach',
			side: 'left',
			rounds: 1,
			onFlare: 'retry',
			cycle: { approach: 2, breathe: { breaths: 1, inhale: 1, exhale: 1 }, soften: 2, comeBack: 1 }
		},
		{ type: 'rest', id: 'ease', title: 'Ease', seconds: 1 }
	]
};

/** Writes the routine to a file of its own, as a person's download folder holds it. */
export function writeShortRoutine(): string {
	const path = join(mkdtempSync(join(tmpdir(), 'liana-webkit-')), `${SHORT.id}.json`);
	writeFileSync(path, `${JSON.stringify(ROUTINE, null, '\t')}\n`);
	return path;
}
