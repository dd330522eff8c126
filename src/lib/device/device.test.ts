import { describe, expect, it, vi } from 'vitest';
import { MediaSessionBridge } from './media-session';
import { StepReader, voiceFor } from './speech';
import { vibrate, vibrationFor } from './vibration';
import { ScreenWakeLock } from './wake-lock';

/** A page whose visibility the test sets, with a wake lock that can refuse. */
function fakePage() {
	const listeners = new Map<string, Set<() => void>>();
	const requests: string[] = [];
	const sentinels: { released: boolean; fire: () => void }[] = [];
	let refuse = false;
	const doc = {
		visibilityState: 'visible' as DocumentVisibilityState,
		addEventListener: (type: string, listener: () => void) => {
			if (!listeners.has(type)) listeners.set(type, new Set());
			listeners.get(type)?.add(listener);
		},
		removeEventListener: (type: string, listener: () => void) =>
			listeners.get(type)?.delete(listener),
		emit: (type: string) => listeners.get(type)?.forEach((listener) => listener())
	};
	const nav = {
		wakeLock: {
			request: async (type: 'screen') => {
				requests.push(type);
				if (refuse) throw new DOMException('no', 'NotAllowedError');
				let onRelease = () => {};
				const sentinel = {
					released: false,
					fire: () => onRelease(),
					release: async () => {
						sentinel.released = true;
					},
					addEventListener: (_: 'release', listener: () => void) => (onRelease = listener)
				};
				sentinels.push(sentinel);
				return sentinel;
			}
		}
	};
	return { doc, nav, requests, sentinels, listeners, refuse: (value: boolean) => (refuse = value) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the screen wake lock', () => {
	it('is asked for while a session plays and let go at its end', async () => {
		const page = fakePage();
		const lock = new ScreenWakeLock({
			navigator: page.nav,
			document: page.doc as unknown as Document
		});
		lock.hold();
		await settle();
		expect(page.requests).toEqual(['screen']);
		expect(lock.status).toBe('held');
		lock.release();
		await settle();
		expect(page.sentinels[0]?.released).toBe(true);
		expect(lock.status).toBe('off');
		expect([...(page.listeners.get('visibilitychange') ?? [])]).toHaveLength(0);
	});

	it('is asked for again when the page comes back, after the browser let it go', async () => {
		const page = fakePage();
		const lock = new ScreenWakeLock({
			navigator: page.nav,
			document: page.doc as unknown as Document
		});
		lock.hold();
		await settle();
		page.doc.visibilityState = 'hidden';
		page.sentinels[0]?.fire();
		page.doc.emit('visibilitychange');
		await settle();
		expect(page.requests).toHaveLength(1);
		page.doc.visibilityState = 'visible';
		page.doc.emit('visibilitychange');
		await settle();
		expect(page.requests).toHaveLength(2);
		expect(lock.status).toBe('held');
	});

	it('when refused, tries again on the next tap', async () => {
		const page = fakePage();
		page.refuse(true);
		const lock = new ScreenWakeLock({
			navigator: page.nav,
			document: page.doc as unknown as Document
		});
		lock.hold();
		await settle();
		expect(lock.status).toBe('refused');
		page.refuse(false);
		page.doc.emit('pointerdown');
		await settle();
		expect(lock.status).toBe('held');
	});

	it('says unsupported where the browser has none', async () => {
		const page = fakePage();
		const lock = new ScreenWakeLock({ navigator: {}, document: page.doc as unknown as Document });
		lock.hold();
		await settle();
		expect(lock.status).toBe('unsupported');
	});
});

describe('vibration', () => {
	it('buzzes briefly at a phase, twice and longer for a release, not in the countdown', () => {
		expect(vibrationFor('soften')).toEqual([90]);
		expect(vibrationFor('release')).toEqual([220, 120, 220]);
		const device = { vibrate: vi.fn(() => true) };
		expect(vibrate('countdown', device)).toBe(false);
		expect(vibrate('approach', device)).toBe(true);
		expect(device.vibrate).toHaveBeenCalledWith([90]);
		expect(vibrate('approach', {})).toBe(false);
	});
});

describe('reading step text aloud', () => {
	const voices = [
		{ lang: 'en-US', name: 'A' },
		{ lang: 'de-DE', name: 'B' },
		{ lang: 'de-CH', name: 'C' }
	] as SpeechSynthesisVoice[];

	it("picks the routine's exact language, then its base language, else none", () => {
		expect(voiceFor(voices, 'de-CH')?.name).toBe('C');
		expect(voiceFor(voices, 'de-AT')?.name).toBe('B');
		expect(voiceFor(voices, 'en')?.name).toBe('A');
		expect(voiceFor(voices, 'fr')).toBeUndefined();
	});
});

describe('the step reader', () => {
	it("speaks with a voice of the routine's language, and stays silent without one", () => {
		const spoken: SpeechSynthesisUtterance[] = [];
		const synth = {
			getVoices: () => [{ lang: 'de-DE', name: 'B' }] as SpeechSynthesisVoice[],
			speak: (utterance: SpeechSynthesisUtterance) => void spoken.push(utterance),
			cancel: vi.fn()
		};
		class Utterance {
			voice: SpeechSynthesisVoice | null = null;
			lang = '';
			rate = 1;
			volume = 1;
			constructor(readonly text: string) {}
		}
		vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
		const reader = new StepReader(synth);
		expect(reader.read('Atme ruhig.', 'de', 0.5)).toBe(true);
		expect(spoken[0]).toMatchObject({ text: 'Atme ruhig.', lang: 'de-DE', volume: 0.5 });
		expect(reader.read('Breathe.', 'en', 1)).toBe(false);
		expect(spoken).toHaveLength(1);
		reader.stop();
		expect(synth.cancel).toHaveBeenCalled();
		vi.unstubAllGlobals();
	});
});

describe('the lock screen', () => {
	/** A platform's media session that keeps what it is told. */
	function fakeSession() {
		const handlers = new Map<string, () => void>();
		const positions: (MediaPositionState | undefined)[] = [];
		const session = {
			metadata: null as MediaMetadata | null,
			playbackState: 'none' as MediaSessionPlaybackState,
			setActionHandler: (action: string, handler: () => void) => handlers.set(action, handler),
			setPositionState: (state?: MediaPositionState) => positions.push(state)
		};
		return { session, handlers, positions };
	}
	class FakeMetadata {
		constructor(init: MediaMetadataInit) {
			Object.assign(this, init);
		}
	}
	const now = {
		routine: 'Sciatica relief',
		step: 'Knee to chest',
		phase: 'Soften',
		playing: true,
		positionMs: 90_000,
		durationMs: 1_440_000
	};

	it('names the step, the phase and the routine, and shows how far the session has come', () => {
		vi.stubGlobal('MediaMetadata', FakeMetadata);
		const { session, positions } = fakeSession();
		const bridge = new MediaSessionBridge(
			{ play() {}, pause() {}, next() {}, previous() {}, stop() {} },
			session as unknown as MediaSession
		);
		bridge.update(now);
		expect(session.metadata).toMatchObject({
			title: 'Knee to chest',
			artist: 'Soften',
			album: 'Sciatica relief'
		});
		expect(session.playbackState).toBe('playing');
		expect(positions.at(-1)).toEqual({ duration: 1_440, position: 90, playbackRate: 1 });
		bridge.update({ ...now, playing: false, positionMs: 95_000 });
		expect(session.playbackState).toBe('paused');
		expect(positions.at(-1)).toMatchObject({ position: 95 });
		bridge.end();
		expect(session.playbackState).toBe('none');
		expect(session.metadata).toBeNull();
		expect(positions.at(-1)).toBeUndefined();
		vi.unstubAllGlobals();
	});

	it('play and pause, next and previous track, and stop drive the session', () => {
		const { session, handlers } = fakeSession();
		const asked: string[] = [];
		new MediaSessionBridge(
			{
				play: () => asked.push('play'),
				pause: () => asked.push('pause'),
				next: () => asked.push('skip'),
				previous: () => asked.push('previous'),
				stop: () => asked.push('stop')
			},
			session as unknown as MediaSession
		);
		for (const action of ['pause', 'play', 'nexttrack', 'previoustrack', 'stop']) {
			handlers.get(action)?.();
		}
		expect(asked).toEqual(['pause', 'play', 'skip', 'previous', 'stop']);
	});

	it('a platform that refuses the position still names the step', () => {
		vi.stubGlobal('MediaMetadata', FakeMetadata);
		const { session } = fakeSession();
		session.setPositionState = () => {
			throw new TypeError('bad position');
		};
		const bridge = new MediaSessionBridge(
			{ play() {}, pause() {}, next() {}, previous() {}, stop() {} },
			session as unknown as MediaSession
		);
		bridge.update(now);
		expect(session.metadata).toMatchObject({ title: 'Knee to chest' });
		vi.unstubAllGlobals();
	});
});
