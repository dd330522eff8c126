/**
 * What a session asks of the device besides sound: the screen kept on, the media controls of a
 * headset or lock screen, a buzz at each phase, and each step's text read aloud. Connected while
 * the player is shown; every piece is let go on disconnect.
 */
import { MediaSessionBridge } from '../../device/media-session';
import { StepReader } from '../../device/speech';
import { vibrate } from '../../device/vibration';
import { ScreenWakeLock } from '../../device/wake-lock';
import type { Settings } from '../../storage/settings';
import { BREATH_LABELS, PHASE_LABELS } from '../labels';
import type { PlayerModel } from '../session/player.svelte';

export interface Companions {
	/** Keeps the lock screen in step; call when the step, the phase or the mode changes. */
	update(): void;
	disconnect(): void;
}

export function connectCompanions(player: PlayerModel, settings: () => Settings): Companions {
	const wakeLock = new ScreenWakeLock();
	const reader = new StepReader();
	const media = new MediaSessionBridge({
		play: () => (player.view.mode === 'idle' ? player.start() : player.resume()),
		pause: player.pause,
		next: player.skip,
		previous: player.previous,
		stop: player.stop
	});

	const stopListening = player.listen((event) => {
		switch (event.type) {
			case 'started':
				wakeLock.hold();
				media.begin();
				return;
			case 'resumed':
				wakeLock.hold();
				return;
			case 'silence':
				reader.stop();
				return;
			case 'done':
				wakeLock.release();
				media.end();
				return;
			case 'phase-started': {
				if (event.missed) return;
				if (settings().vibration) vibrate(event.segment.phase);
				// A step's words are read in the quiet before it: the countdown or the rest.
				const step = player.timeline.steps[event.segment.stepIndex];
				if (event.segment.lead && step?.text && settings().speakStepText) {
					reader.read(step.text, player.timeline.routine.language ?? 'en', settings().volume);
				}
				return;
			}
			default:
				return;
		}
	});

	return {
		update() {
			const view = player.view;
			if (view.mode === 'idle') return;
			// Where the progress bar stands: the routine's own timeline, whatever a skip or a flare did.
			const durationMs = player.timeline.totalMs;
			media.update({
				routine: player.timeline.routine.title,
				step: view.step?.title ?? 'Liana',
				phase: view.breath ? BREATH_LABELS[view.breath.part] : PHASE_LABELS[view.phase],
				playing: view.mode === 'running',
				positionMs: view.timelineMs,
				durationMs
			});
		},
		disconnect() {
			stopListening();
			wakeLock.release();
			media.end();
			reader.stop();
		}
	};
}
