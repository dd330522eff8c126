/**
 * Chromium driven over a bare DevTools connection, for the one measurement Playwright cannot
 * make: a page really in the background. Playwright turns on focus emulation for every page it
 * controls, and Chromium then keeps that page visible and its timers unthrottled whatever is in
 * front of it (tried: a second page, a minimized window under a window manager, a tab opened in
 * front; each left `document.visibilityState` "visible"). Launched and driven as below, a tab
 * opened in front hides the page, and Chromium throttles it as it would a person's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';

interface Reply {
	id?: number;
	result?: unknown;
	error?: { message: string };
}

/** One WebSocket to the browser; pages are spoken to through flat sessions on it. */
export class Cdp {
	#socket: WebSocket;
	#next = 0;
	#waiting = new Map<number, { resolve: (value: unknown) => void; reject: (e: Error) => void }>();

	private constructor(socket: WebSocket) {
		this.#socket = socket;
		socket.on('message', (data) => {
			const reply = JSON.parse(String(data)) as Reply;
			const waiter = reply.id === undefined ? undefined : this.#waiting.get(reply.id);
			if (!waiter || reply.id === undefined) return;
			this.#waiting.delete(reply.id);
			if (reply.error) waiter.reject(new Error(reply.error.message));
			else waiter.resolve(reply.result);
		});
	}

	static async connect(url: string): Promise<Cdp> {
		const socket = new WebSocket(url, { perMessageDeflate: false });
		await new Promise<void>((resolve, reject) => {
			socket.once('open', () => resolve());
			socket.once('error', reject);
		});
		return new Cdp(socket);
	}

	send<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
		const id = ++this.#next;
		const reply = new Promise<unknown>((resolve, reject) =>
			this.#waiting.set(id, { resolve, reject })
		);
		this.#socket.send(JSON.stringify({ id, method, params, sessionId }));
		return reply as Promise<T>;
	}

	/** Evaluates `expression` in a page's session and returns its value. */
	async evaluate<T>(sessionId: string, expression: string, userGesture = false): Promise<T> {
		const reply = await this.send<{
			result: { value?: T };
			exceptionDetails?: { text: string; exception?: { description?: string } };
		}>(
			'Runtime.evaluate',
			{ expression, returnByValue: true, awaitPromise: true, userGesture },
			sessionId
		);
		if (reply.exceptionDetails) {
			const { text, exception } = reply.exceptionDetails;
			throw new Error(`in the page: ${exception?.description ?? text}`);
		}
		return reply.result.value as T;
	}

	/** Polls `expression` in the page until it is true; fails after `timeoutMs`. */
	async until(sessionId: string, expression: string, what: string, timeoutMs = 30_000) {
		const end = Date.now() + timeoutMs;
		while (Date.now() < end) {
			if (await this.evaluate<boolean>(sessionId, expression).catch(() => false)) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`gave up waiting for ${what}`);
	}

	close(): void {
		this.#socket.close();
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LaunchedChromium {
	cdp: Cdp;
	close(): Promise<void>;
}

/** Starts Chromium headless with nothing of Playwright's, on a throwaway profile. */
export async function launchBareChromium(executablePath?: string): Promise<LaunchedChromium> {
	const profile = mkdtempSync(join(tmpdir(), 'liana-bench-'));
	const args = [
		'--headless',
		'--remote-debugging-port=0',
		`--user-data-dir=${profile}`,
		'--no-first-run',
		'--no-default-browser-check',
		'--disable-background-networking',
		'--disable-component-update',
		'--password-store=basic',
		// Chromium refuses to run as root with its sandbox (CI machines and containers run so).
		...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
		'about:blank'
	];
	const child: ChildProcess = spawn(executablePath ?? chromium.executablePath(), args, {
		stdio: ['ignore', 'ignore', 'pipe']
	});
	const url = await new Promise<string>((resolve, reject) => {
		let said = '';
		const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${said}`)), 30_000);
		child.stderr?.on('data', (chunk: Buffer) => {
			said += String(chunk);
			const found = /DevTools listening on (ws:\/\/\S+)/.exec(said);
			if (found?.[1]) {
				clearTimeout(timer);
				resolve(found[1]);
			}
		});
		child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${said}`)));
	});
	const cdp = await Cdp.connect(url);
	return {
		cdp,
		close: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			// Closed as a person would close it, so it stops writing to its profile; killed if not.
			await Promise.race([cdp.send('Browser.close').catch(() => {}), sleep(5_000)]);
			cdp.close();
			const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
			await exited;
			clearTimeout(killer);
			rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		}
	};
}
