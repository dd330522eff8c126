/** The contract's example routine (routine-format.md), keys in its order: what the editor must write. */
export const CONTRACT_EXAMPLE = {
	version: 1,
	id: 'sciatica-relief',
	title: 'Sciatica relief: lower back and hip decompression',
	summary: 'Gentle decompression in the approach, breathe, soften, come back cycle.',
	language: 'en',
	defaults: {
		cycle: {
			approach: 10,
			breathe: { breaths: 4, inhale: 4, exhale: 6 },
			soften: 20,
			comeBack: 8
		},
		rounds: 3,
		restBetweenRounds: 10,
		restBetweenSteps: 15,
		onFlare: 'skip',
		flare: { release: 10, recover: 30 }
	},
	steps: [
		{
			type: 'breathe',
			id: 'settle',
			title: 'Settle in',
			pattern: { inhale: 4, exhale: 6 },
			breaths: 6
		},
		{
			type: 'stretch',
			id: 'hip-left',
			title: 'Hip opener',
			side: 'left',
			text: 'Let the liana take the weight of your left leg.',
			rounds: 2,
			cycle: { soften: 30 },
			onFlare: 'retry'
		},
		{ type: 'rest', id: 'pause', title: 'Rest', seconds: 30 }
	]
};
