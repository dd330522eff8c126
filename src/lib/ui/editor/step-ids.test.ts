import { describe, expect, it } from 'vitest';
import { readDraft } from '../../routine/draft';
import { followStepIds, voiceStepIds } from './step-ids';

describe("following a step's recordings through its id", () => {
	it('reads each step’s id by place, and none where it is not an id yet', () => {
		const draft = readDraft({
			steps: [{ id: 'hip' }, { id: '' }, { id: 'Hip!' }, { id: 'defaults' }, {}, { id: 'neck-2' }]
		});
		expect(voiceStepIds(draft)).toEqual([
			'hip',
			undefined,
			undefined,
			undefined,
			undefined,
			'neck-2'
		]);
	});

	it('moves a renamed step’s recordings, and only its', () => {
		expect(followStepIds(['hip', 'neck'], ['hips', 'neck'])).toEqual({
			ids: ['hips', 'neck'],
			renames: [['hip', 'hips']]
		});
	});

	it('keeps them under the last id while the new one is typed', () => {
		const cleared = followStepIds(['hip', 'neck'], [undefined, 'neck']);
		expect(cleared).toEqual({ ids: ['hip', 'neck'], renames: [] });
		expect(followStepIds(cleared.ids, ['back', 'neck'])).toEqual({
			ids: ['back', 'neck'],
			renames: [['hip', 'back']]
		});
	});

	it('moves nothing when steps swap places, or when steps are added or deleted', () => {
		expect(followStepIds(['hip', 'neck'], ['neck', 'hip'])).toEqual({
			ids: ['neck', 'hip'],
			renames: []
		});
		expect(followStepIds(['hip', 'neck'], ['hip', 'neck', 'neck-2'])).toEqual({
			ids: ['hip', 'neck', 'neck-2'],
			renames: []
		});
		expect(followStepIds(['hip', 'neck'], ['neck'])).toEqual({ ids: ['neck'], renames: [] });
	});

	it('undoes a rename by moving them back', () => {
		const renamed = followStepIds(['hip'], ['hips']);
		expect(followStepIds(renamed.ids, ['hip'])).toEqual({
			ids: ['hip'],
			renames: [['hips', 'hip']]
		});
	});
});
