/**
 * WebKitGTK for the WebKit journeys: Debian's WebKitWebDriver on a free port under its own X
 * server (xvfb-run), and browser sessions of its MiniBrowser, each with a fresh profile.
 * Playwright's WebKit is a patched build that cannot be had here; this is the WebKit people's
 * Linux desktops run, driven over plain WebDriver (no BiDi: no fake clock, no interception).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Builder, type WebDriver } from 'selenium-webdriver';

/** WebKit's own messages (driver, browser, sound): read them when a journey fails oddly. */
export const WEBKIT_LOG = join(tmpdir(), 'liana-webkit.log');

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Why the journeys cannot run here, in one sentence, or undefined when everything is there. */
export function missingTools(): string | undefined {
	const missing = [
		onPath('WebKitWebDriver') && miniBrowser() ? '' : 'webkit2gtk-driver',
		onPath('xvfb-run') ? '' : 'xvfb',
		onPath('xauth') ? '' : 'xauth'
	].filter(Boolean);
	if (missing.length === 0) return undefined;
	return `The WebKit journeys need ${missing.join(', ')}: run \`npm run test:setup\`, which installs what is missing, and try again.`;
}

/** Debian's MiniBrowser, in the machine's own architecture folder (x86_64-linux-gnu, …). */
function miniBrowser(): string | undefined {
	return readdirSync('/usr/lib')
		.map((folder) => join('/usr/lib', folder, 'webkit2gtk-4.1', 'MiniBrowser'))
		.find((path) => existsSync(path));
}

/** A port nobody listens on, for the driver (it cannot pick its own and say which). */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	await new Promise((resolve) => server.close(resolve));
	if (typeof address !== 'object' || !address) throw new Error('no free port for WebKitWebDriver');
	return address.port;
}

/** The running driver, and the browser sessions it opens. */
export class WebKit {
	#process: ChildProcess | undefined;
	#url = '';
	#sessions = new Set<WebDriver>();

	/** Starts WebKitWebDriver under a fresh X server and waits until it answers. */
	async start(): Promise<void> {
		const port = await freePort();
		const log = openSync(WEBKIT_LOG, 'w');
		// Its own process group: stopping it stops Xvfb, the driver and every browser with it.
		this.#process = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
			detached: true,
			stdio: ['ignore', log, log]
		});
		process.once('exit', () => this.#killGroup());
		this.#url = `http://127.0.0.1:${port}`;
		const until = Date.now() + 15_000;
		while (Date.now() < until) {
			if (this.#process.exitCode !== null) break;
			const ready = await fetch(`${this.#url}/status`).then(
				(response) => response.ok,
				() => false
			);
			if (ready) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`WebKitWebDriver did not start; its messages are in ${WEBKIT_LOG}`);
	}

	/** Opens a MiniBrowser window with a profile of its own (nothing stored from before). */
	async open(): Promise<WebDriver> {
		const driver = await new Builder()
			.usingServer(this.#url)
			.withCapabilities({
				browserName: 'MiniBrowser',
				'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] }
			})
			.build();
		this.#sessions.add(driver);
		return driver;
	}

	/** Closes a browser window opened by `open`. */
	async close(driver: WebDriver): Promise<void> {
		this.#sessions.delete(driver);
		await driver.quit();
	}

	/** Closes every browser still open, then the driver and its X server. */
	async stop(): Promise<void> {
		for (const driver of this.#sessions) await this.close(driver).catch(() => undefined);
		this.#killGroup();
	}

	#killGroup(): void {
		const pid = this.#process?.pid;
		if (pid === undefined || this.#process?.exitCode !== null) return;
		try {
			process.kill(-pid, 'SIGTERM');
		} catch (error) {
			// Already gone with its group: nothing is left to stop.
			if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
		}
	}
}
