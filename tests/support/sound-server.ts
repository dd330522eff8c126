import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A sound server with one silent sink, for browsers that need a sound device to play at all:
 * without one, Firefox's AudioContext.resume() never settles and the app rightly says the
 * browser holds its sound back. Headless Chromium needs none. The browsers find it through
 * PULSE_SERVER, which the test workers inherit from this process.
 *
 * Returns how to stop it, or nothing where PulseAudio is not installed or a server is already
 * named (a desktop machine's own sound).
 */
export async function startSilentSoundServer(): Promise<(() => Promise<void>) | undefined> {
	if (process.env['PULSE_SERVER']) return undefined;
	const pulseaudio = ['/usr/bin/pulseaudio', '/bin/pulseaudio'].find((path) => existsSync(path));
	if (!pulseaudio) return undefined;
	const dir = mkdtempSync(join(tmpdir(), 'liana-sound-'));
	const socket = join(dir, 'native');
	const server: ChildProcess = spawn(
		pulseaudio,
		[
			'-n',
			'--daemonize=no',
			'--exit-idle-time=-1',
			'--load=module-null-sink sink_name=silent',
			`--load=module-native-protocol-unix auth-anonymous=1 socket=${socket}`
		],
		// Its own runtime dir, so it never meets a user's session server or leaves files behind.
		{ env: { ...process.env, XDG_RUNTIME_DIR: dir, HOME: dir }, stdio: 'ignore' }
	);
	// It takes a moment to open its socket; a server that died or never listens is no server.
	for (let waited = 0; waited < 5_000 && server.exitCode === null; waited += 50) {
		if (existsSync(socket)) break;
		await sleep(50);
	}
	const stop = async (): Promise<void> => {
		// The server writes its last files as it exits: removing its folder before it is gone
		// raced with that and failed a whole run once (ENOTEMPTY) after every journey passed.
		const exited = new Promise<void>((resolve) => {
			if (server.exitCode !== null || server.signalCode !== null) resolve();
			else server.once('exit', () => resolve());
		});
		server.kill();
		const outcome = await Promise.race([exited.then(() => 'exited'), sleep(3_000)]);
		if (outcome !== 'exited') server.kill('SIGKILL');
		try {
			rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
		} catch (error) {
			// A temporary folder left behind is untidy, not a failed run.
			console.warn(`The silent sound server's folder ${dir} could not be removed:`, error);
		}
	};
	if (!existsSync(socket)) {
		await stop();
		return undefined;
	}
	process.env['PULSE_SERVER'] = `unix:${socket}`;
	return stop;
}
