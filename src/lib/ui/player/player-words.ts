/** What the player screen says beside the session: the tab's title and the notices above it. */
import { isUnderWay, type Mode } from '../../engine/types';
import type { SessionView } from '../../engine/view';
import { formatClock, PHASE_LABELS } from '../labels';
import { PLAYING_ELSEWHERE } from '../session-lock.svelte';

/** The tab's title: the phase and its time left while under way, so a glance at the tab is enough. */
export function playerTitle(view: SessionView, routineTitle: string): string {
	if (!isUnderWay(view.mode)) return `${routineTitle} — Liana`;
	const state = view.mode === 'held' ? 'Held · ' : view.mode === 'paused' ? 'Paused · ' : '';
	return `${state}${PHASE_LABELS[view.phase]} ${formatClock(view.phaseLeftMs)} · ${routineTitle}`;
}

/** What went wrong beside the sound, each as its words, or empty where nothing did. */
export interface PlayerProblems {
	/** The coach's recordings could not be read or played. */
	ownVoice: string;
	/** The sound under the guidance could not be had. */
	soundBed: string;
	/** Saving mid-session failed (a full disk: the session goes on). */
	saving: string;
	/** Another tab or window's session is under way. */
	elsewhere: boolean;
	/** A part of the screen could not be fetched. */
	lazy: string;
}

/**
 * The notices to show, each its own alert and each once: what concerns the session goes once it
 * has ended, and saving is said only once a session has begun.
 */
export function playerNotices(mode: Mode['kind'], problems: PlayerProblems): string[] {
	const ended = mode === 'done';
	const notices = [
		ended ? '' : problems.ownVoice,
		ended ? '' : problems.soundBed,
		isUnderWay(mode) ? problems.saving : '',
		problems.elsewhere && !ended ? PLAYING_ELSEWHERE : '',
		problems.lazy
	];
	return [...new Set(notices.filter((notice) => notice !== ''))];
}
