/**
 * The play page as one model: the routine it plays, its play session (player, keeper, resume
 * offer), the presenter pair, one session at a time across tabs, the sound bed, the device's
 * companions and the app update held back while a session is under way. The route makes it,
 * hands it down with `providePlayScreen`, and calls `connect()` once: every tie to the outside
 * world starts there, and its one cleanup lets all of them go.
 */
import { createContext, untrack } from 'svelte';
import type { OwnRecording } from '../../audio/own-voice';
import type { ReadResult } from '../../storage/database';
import { SoundBed } from '../../audio/sound-bed';
import { ScreenWakeLock } from '../../device/wake-lock';
import { isUnderWay } from '../../engine/types';
import type { AppUpdates } from '../../pwa/app-updates.svelte';
import type { DatabaseModel } from '../database.svelte';
import { LazyComponent } from '../lazy.svelte';
import { SessionPresence } from '../session-lock.svelte';
import type { SettingsModel } from '../settings.svelte';
import { connectCompanions } from './companions';
import { createPlayer } from './create-player';
import { createPresenterLink } from '../../presenter/create-link';
import { PlaySession } from './play-session.svelte';
import { RoutineToPlay, type PlayPageData } from './routine-to-play.svelte';
import { connectSoundBed } from './sound-bed-session';

export interface PlayScreenSetup {
	/** What the page's load gives. */
	data: () => PlayPageData;
	/** The page's query, once the browser has it (a prerendered page has none): undefined before. */
	query: () => URLSearchParams | undefined;
	database: DatabaseModel;
	settings: SettingsModel;
	/** The app's update notice, held back while a session is under way; none outside the app. */
	updates: AppUpdates | undefined;
}

export class PlayScreenModel {
	#setup: PlayScreenSetup;
	/** One session at a time in this browser: the others say so (see session-lock). */
	readonly presence = new SessionPresence();
	/** Why the sound bed is not playing, or empty: said beside the other notices. */
	soundBedProblem = $state('');
	// One bed for the page: a new session (Start again) plays on the same loops, decoded once.
	#soundBed = new SoundBed({ onProblem: (problem) => (this.soundBedProblem = problem) });
	readonly routine: RoutineToPlay;
	// The studio views are fetched only for a studio screen: the player at home never needs them.
	readonly studioPlayer = new LazyComponent(() => import('../../presenter/StudioPlayer.svelte'));
	readonly studioFollower = new LazyComponent(() => import('../../presenter/StudioDisplay.svelte'));

	constructor(setup: PlayScreenSetup) {
		this.#setup = setup;
		this.routine = new RoutineToPlay(setup.data, setup.database, () => this.#draftKey);
	}

	/** The page's query once the browser has it (see {@link PlayScreenSetup.query}). */
	#query = $derived.by(() => this.#setup.query());
	#queryKnown = $derived(this.#query !== undefined);
	// A value, not the address: another query (the studio view) must not make a new session.
	#draftKey = $derived(this.#query?.get('draft') ?? undefined);
	/** The coach's studio view (`?view=studio`) rather than the player at home. */
	readonly studio = $derived(this.#query?.get('view') === 'studio');
	/** The controls window this window follows as its display, if it is one. */
	#pairWith = $derived(this.studio ? (this.#query?.get('pair') ?? null) : null);

	/** One play session per routine; settings are read, not followed, when a player is made. */
	readonly play = $derived.by(() => {
		const load = this.routine.current;
		if (!load?.ok) return undefined;
		const played = load.routine;
		const { database, settings } = this.#setup;
		return untrack(
			() =>
				new PlaySession(
					played,
					database,
					(from) =>
						createPlayer(played, {
							countdownSec: settings.value.countdownSec,
							volume: settings.value.volume,
							sound: () => ({ voice: settings.value.voice, chimes: settings.value.chimes }),
							recordings: () => this.readRecordings(played.id),
							underneath: this.#soundBed,
							from
						}),
					undefined,
					() => this.presence.playingElsewhere()
				)
		);
	});
	readonly player = $derived(this.play?.player);

	/**
	 * The presenter pair: a display window (`?view=studio&pair=<controls window>`) follows the
	 * controls window; any other view of the player leads, so a display can pair with it.
	 */
	readonly link = $derived.by(() => {
		const current = this.play;
		const load = this.routine.current;
		if (!current || !load?.ok || !this.#queryKnown) return undefined;
		return untrack(() => {
			const pair = this.#pairWith;
			return createPresenterLink({
				routineId: load.routine.id,
				role: pair ? 'display' : 'controller',
				...(pair ? { pair } : {}),
				carryOn: (state, kept) => current.carryOn(state, kept),
				handedOver: () => current.restart()
			});
		});
	});
	/** This window is a display that follows another window's session. */
	readonly following = $derived(this.link !== undefined && !this.link.leading);
	/** Why a studio view could not be fetched, or empty. */
	readonly studioProblem = $derived(this.studioPlayer.problem || this.studioFollower.problem);

	/** The coach's recorded cues for a routine, or why they could not be read. */
	readRecordings = async (routineId: string): Promise<ReadResult<readonly OwnRecording[]>> => {
		const db = await this.#setup.database.get();
		const read = await db?.read('Your recorded cues', (kept) => kept.recordings(routineId));
		return read ?? { ok: true, value: [] };
	};

	/** The recorded cues for the audio file: unreadable, none, as the player says beside it. */
	recordings = async (routineId: string): Promise<readonly OwnRecording[]> => {
		const read = await this.readRecordings(routineId);
		return read.ok ? read.value : [];
	};

	/** Every tie to the outside world, for as long as the page shows; returns the cleanup. */
	connect(): () => void {
		return $effect.root(() => {
			$effect(() => this.routine.follow());
			$effect(() => this.play?.connect());
			this.#pair();
			this.#keepOneSessionAtATime();
			this.#followSettings();
			this.#holdTheUpdate();
			this.#connectDevice();
		});
	}

	#pair(): void {
		$effect(() => this.link?.connect());
		$effect(() => {
			const { link, play, player } = this;
			if (!link?.leading || !play || !player) return;
			return link.lead(player, () => ({ before: play.keeper.before, note: play.keeper.note }));
		});
		$effect(() => {
			if (!this.studio || !this.play) return;
			void (this.following ? this.studioFollower : this.studioPlayer).get();
		});
		// A display keeps the screen on while the session it follows is under way.
		$effect(() => {
			if (!this.following || !isUnderWay(this.link?.view?.mode ?? 'idle')) return;
			const wakeLock = new ScreenWakeLock();
			wakeLock.hold();
			return () => wakeLock.release();
		});
	}

	#keepOneSessionAtATime(): void {
		const { presence } = this;
		$effect(() => presence.connect());
		// This window's own session holds the lock while under way (a display that follows does not).
		// Let go only once the session's end is written, so no tab takes its checkpoint for cut off.
		$effect(() => {
			const ownUnderWay = !this.following && isUnderWay(this.player?.view.mode ?? 'idle');
			presence.hold(
				ownUnderWay,
				untrack(() => this.play?.keeper.settled())
			);
		});
		// Another tab took the session over: it ends here, recorded, and the checkpoint is that tab's.
		$effect(() => {
			if (!presence.takenOver) return;
			untrack(() => {
				this.play?.keeper.handOff();
				if (this.player && isUnderWay(this.player.view.mode)) this.player.stop();
			});
		});
		$effect(() => {
			// Looked for again when another tab's session ends or its tab dies (the lock let go).
			if (presence.elsewhere) return;
			// A display's session is its controls window's: the offer to resume is made there.
			const play = this.play;
			if (this.#queryKnown && !this.#pairWith) void play?.findCutOffSession();
		});
	}

	#followSettings(): void {
		const { settings } = this.#setup;
		$effect(() => this.player?.setVolume(settings.value.volume));
		$effect(() => this.player?.setCountdown(settings.value.countdownSec));
		$effect(() => this.#soundBed.choose(settings.value.soundBed, settings.value.bedVolume));
		// A display window that follows plays no sound of its own, bed included.
		$effect(() => {
			const player = this.player;
			if (!player || this.following) return;
			return untrack(() => connectSoundBed(player, this.#soundBed));
		});
	}

	/** An app update waits while a session runs or is paused, and shows once it ends. */
	#holdTheUpdate(): void {
		const { updates } = this.#setup;
		if (!updates) return;
		$effect(() => {
			const mode = this.following ? this.link?.view?.mode : this.player?.view.mode;
			updates.sessionActive = mode !== undefined && isUnderWay(mode);
			return () => {
				updates.sessionActive = false;
			};
		});
	}

	/** The screen kept on, the lock screen's controls, a buzz at each phase, a step read aloud. */
	#connectDevice(): void {
		$effect(() => {
			const player = this.player;
			if (!player) return;
			const companions = untrack(() => connectCompanions(player, () => this.#setup.settings.value));
			$effect(() => {
				void player.view.mode;
				void player.view.stepIndex;
				void player.view.phase;
				void player.view.breath?.part;
				// A coach's +10 s or −10 s moves the session's end: the lock screen's bar follows.
				void player.view.phaseDurationMs;
				companions.update();
			});
			return () => companions.disconnect();
		});
	}
}

/** The play page's model: its route provides it, its components use it. */
export const [usePlayScreen, providePlayScreen] = createContext<PlayScreenModel>();
