import { startSilentSoundServer } from '../support/sound-server';

/** Before any journey: a silent sound device for Firefox (see sound-server.ts). */
export default async function globalSetup(): Promise<() => void> {
	const stop = await startSilentSoundServer();
	return () => stop?.();
}
