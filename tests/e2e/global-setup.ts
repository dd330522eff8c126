import { startSilentSoundServer } from '../support/sound-server';

/** Before any journey: a silent sound device for Firefox (see sound-server.ts). */
export default async function globalSetup(): Promise<() => Promise<void>> {
	const stop = await startSilentSoundServer();
	return async () => {
		await stop?.();
	};
}
