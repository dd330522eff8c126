import { describe, expect, it } from 'vitest';
import { testSession } from '$test/routines';
import { PLAYING_ELSEWHERE } from '../session-lock.svelte';
import { playerNotices, playerTitle } from './player-words';

const NONE = { ownVoice: '', soundBed: '', saving: '', elsewhere: false, lazy: '' };

describe('the tab title', () => {
	it("is the routine's before and after a session", () => {
		const { session } = testSession();
		expect(playerTitle(session.view(), 'Three steps')).toBe('Three steps — Liana');
	});

	it('names the phase, its time left and a pause while under way', () => {
		const { session, at } = testSession(undefined, { started: true });
		const running = at(0);
		expect(playerTitle(running, 'Three steps')).toMatch(/^\S.* \d+:\d\d · Three steps$/);
		session.pause();
		expect(playerTitle(session.view(), 'Three steps')).toMatch(/^Paused · .* · Three steps$/);
		session.resume();
		session.hold();
		expect(playerTitle(session.view(), 'Three steps')).toMatch(/^Held · /);
	});
});

describe('the notices above the player', () => {
	it('says each problem once, in order', () => {
		const notices = playerNotices('running', {
			ownVoice: 'voice',
			soundBed: 'bed',
			saving: 'disk',
			elsewhere: true,
			lazy: 'voice'
		});
		expect(notices).toEqual(['voice', 'bed', 'disk', PLAYING_ELSEWHERE]);
	});

	it('says nothing when nothing is wrong', () => {
		expect(playerNotices('running', NONE)).toEqual([]);
	});

	it('says saving only once a session has begun, and nothing of the session once it ended', () => {
		const problems = { ...NONE, saving: 'disk', soundBed: 'bed', elsewhere: true, lazy: 'part' };
		expect(playerNotices('idle', problems)).toEqual(['bed', PLAYING_ELSEWHERE, 'part']);
		expect(playerNotices('done', problems)).toEqual(['part']);
	});
});
