/**
 * A page of the app in a WebKit window, found as the ui-contract names things: by role and
 * accessible name (as WebKit itself computes them), by `data-testid`, or by text. Time is real
 * here, so every look is a wait with a bound, and a wait that runs out says what it waited for.
 */
import { error, Key, type WebDriver, type WebElement } from 'selenium-webdriver';

/** The roles the journeys look for, and the elements that may carry each. */
const CANDIDATES = {
	alert: '[role=alert]',
	button: 'button, [role=button], input[type=button], input[type=submit]',
	dialog: 'dialog, [role=dialog]',
	heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
	link: 'a[href], [role=link]',
	listitem: 'li, [role=listitem]',
	region: 'section, [role=region]',
	status: '[role=status], output'
} as const;

export type Role = keyof typeof CANDIDATES;

/** How long a journey waits for one thing: generous, for a machine shared with other runs. */
const WAIT_MS = 10_000;
const POLL_MS = 100;

/** The role and name WebKit computes: selenium-webdriver 4 has both, its types do not yet. */
type Accessible = WebElement & {
	getAriaRole(): Promise<string>;
	getAccessibleName(): Promise<string>;
};
const accessible = (element: WebElement) => element as Accessible;

const matches = (text: string, name: string | RegExp) =>
	typeof name === 'string' ? text === name : name.test(text);

export class Page {
	constructor(
		readonly driver: WebDriver,
		readonly origin: string
	) {}

	/** Loads a path of the app, as typing its address does. */
	async goto(path: string): Promise<void> {
		await this.driver.get(`${this.origin}${path}`);
	}

	/** Reloads the page, as the browser's reload button does. */
	async reload(): Promise<void> {
		await this.driver.navigate().refresh();
	}

	/** The path the page is at. */
	async path(): Promise<string> {
		return new URL(await this.driver.getCurrentUrl()).pathname;
	}

	/**
	 * Waits until `look` finds what it looks for (anything but undefined or false), or says what
	 * did not happen. An element replaced while it was read counts as not yet found, and so does
	 * a page that navigated away while it was being read (an update's reload: WebKit then says the
	 * script's frame is gone, NoSuchFrameError, and the next look reads the new page).
	 */
	async until<T>(
		what: string,
		look: () => Promise<T | undefined | false>,
		timeoutMs = WAIT_MS
	): Promise<T> {
		const end = Date.now() + timeoutMs;
		let last: unknown;
		for (;;) {
			try {
				const found = await look();
				if (found !== undefined && found !== false) return found;
			} catch (problem) {
				const passing =
					problem instanceof error.StaleElementReferenceError ||
					problem instanceof error.NoSuchFrameError;
				if (!passing) throw problem;
				last = problem;
			}
			if (Date.now() > end) {
				const why = last ? ` (last: ${String(last)})` : '';
				throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${why}`);
			}
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	}

	/**
	 * The shown elements of a role whose accessible name is `name` (a string is matched whole).
	 * The page narrows the candidates by their words first: asking WebKit for the role and
	 * name of every button on the player took a second.
	 */
	async allByRole(role: Role, name: string | RegExp, within?: WebElement): Promise<WebElement[]> {
		const words = typeof name === 'string' ? name : '';
		const candidates = (await this.driver.executeScript(
			(selector: string, words: string, root: Element | null) =>
				[...(root ?? document).querySelectorAll(selector)].filter((element) => {
					const shown = element.checkVisibility?.() ?? true;
					const said = [
						element.getAttribute('aria-label') ?? '',
						element.textContent ?? '',
						element.hasAttribute('aria-labelledby') ? words : ''
					].join(' ');
					return shown && said.replace(/\s+/g, ' ').includes(words);
				}),
			CANDIDATES[role],
			words,
			within ?? null
		)) as WebElement[];
		const found: WebElement[] = [];
		for (const element of candidates) {
			if ((await accessible(element).getAriaRole()) !== role) continue;
			if (matches(await accessible(element).getAccessibleName(), name)) found.push(element);
		}
		return found;
	}

	/** Waits for the one shown element of a role and name (the first, if there are more). */
	async role(
		role: Role,
		name: string | RegExp,
		within?: WebElement,
		timeoutMs = WAIT_MS
	): Promise<WebElement> {
		const look = async () => (await this.allByRole(role, name, within))[0];
		return this.until(`a ${role} named ${String(name)}`, look, timeoutMs);
	}

	/** Waits for a shown element of a role whose text contains `words` (a status has no name). */
	async roleSaying(role: Role, words: string, timeoutMs = WAIT_MS): Promise<WebElement> {
		return this.until(
			`a ${role} saying "${words}"`,
			async () => {
				for (const element of await this.allByRole(role, /.*/)) {
					if ((await element.getText()).includes(words)) return element;
				}
				return undefined;
			},
			timeoutMs
		);
	}

	/** Waits until no shown element of the role and name is left. */
	async gone(role: Role, name: string | RegExp): Promise<void> {
		await this.until(
			`the ${role} named ${String(name)} to go`,
			async () => (await this.allByRole(role, name)).length === 0
		);
	}

	/** The form field whose label is `label` (a file input too, hidden behind its button). */
	async field(label: string): Promise<WebElement> {
		return this.until(`a field labelled ${label}`, async () => {
			for (const element of await this.driver.findElements({ css: 'input, select, textarea' })) {
				if ((await accessible(element).getAccessibleName()) === label) return element;
			}
			return undefined;
		});
	}

	/** Waits until the element `data-testid=id` has `attribute` equal to `value`. */
	async attributeIs(id: string, attribute: string, value: string, timeoutMs = WAIT_MS) {
		const look = async () => (await this.attribute(id, attribute)) === value;
		try {
			await this.until(`${id} with ${attribute}="${value}"`, look, timeoutMs);
		} catch (problem) {
			const now = await this.attribute(id, attribute);
			throw new Error(`${(problem as Error).message}: it stayed "${now}"`);
		}
	}

	/** An attribute of the element `data-testid=id`, or undefined while it is not there. */
	async attribute(id: string, attribute: string): Promise<string | undefined> {
		const [element] = await this.driver.findElements({ css: `[data-testid="${id}"]` });
		return (await element?.getAttribute(attribute)) ?? undefined;
	}

	/**
	 * The text of the element `data-testid=id`, shown or not (the player keeps its step title in
	 * the page before Start), or '' while it is not there.
	 */
	async text(id: string): Promise<string> {
		const [element] = await this.driver.findElements({ css: `[data-testid="${id}"]` });
		const text = element ? await element.getAttribute('textContent') : '';
		return (text ?? '').replace(/\s+/g, ' ').trim();
	}

	/** Waits until an element's visible text contains `words`. */
	async says(element: WebElement, words: string): Promise<void> {
		await this.until(`the text "${words}"`, async () => (await element.getText()).includes(words));
	}

	/** Presses a key on whatever has focus, as a person at a keyboard does. */
	async press(key: string): Promise<void> {
		await this.driver.actions().sendKeys(key).perform();
	}

	/** Runs a function in the page and returns what it resolves to (a promise is awaited). */
	async evaluate<T>(script: string): Promise<T> {
		return (await this.driver.executeAsyncScript(
			`const done = arguments[arguments.length - 1];
			Promise.resolve().then(async () => (${script})).then(done, (e) => done({ failed: String(e) }));`
		)) as T;
	}
}

export { Key };
