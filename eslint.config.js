import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The rooms' layers, held here (docs/architecture.md): each rule names what a file may not import. */
/**
 * @param {...{ group: string[], message: string, allowTypeImports?: boolean }} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
/**
 * A room's rules: its code may import nothing the patterns name, nor the test support; its tests
 * keep to the same floor but may use the test support.
 * @param {string} folder
 * @param {...{ group: string[], message: string, allowTypeImports?: boolean }} patterns
 */
const room = (folder, ...patterns) => [
	{
		files: [`${folder}/**/*.ts`, `${folder}/**/*.svelte`],
		ignores: TESTS,
		rules: restrict(...patterns, TEST_SUPPORT)
	},
	{ files: [`${folder}/**/*.test.ts`], rules: restrict(...patterns) }
];
/**
 * What a room may not import, and why, in the words the lint error shows.
 * @param {string} message
 * @param {...string} group
 */
const forbid = (message, ...group) => ({ group, message });
/**
 * The three ways a file names a screen's folder: by a glob under ui, from a sibling (`../player`),
 * and through `$lib/ui`.
 * @param {string[]} screens
 */
const screenFolders = (screens) =>
	screens.flatMap((screen) => [`**/ui/${screen}/**`, `../${screen}/**`, `$lib/ui/${screen}/**`]);
const APP_FILES = [
	'src/lib/**/*.ts',
	'src/lib/**/*.svelte',
	'src/routes/**/*',
	'src/service-worker.ts'
];
const TESTS = ['**/*.test.ts'];
const TEST_SUPPORT = forbid(
	'test-support is for tests: the app imports nothing from it.',
	'$test',
	'$test/*',
	'**/test-support/**'
);
const PURE = forbid(
	'routine and engine are pure TypeScript.',
	'svelte',
	'svelte/*',
	'$app/*',
	'$env/*'
);
const NO_UI = forbid(
	'the screens use storage and transfer, never the other way round.',
	'**/ui/**',
	'$lib/ui/*',
	'$lib/ui/**'
);
const NO_TRANSFER = forbid(
	'storage is the database: moving routines in and out (transfer) builds on it, not in it.',
	'**/transfer/**',
	'$lib/transfer/*',
	'$lib/transfer/**'
);
const INWARD = forbid(
	'arrows point inward: routine and engine import no outer room.',
	'**/ui/**',
	'**/audio/**',
	'**/storage/**',
	'**/pwa/**'
);
/** The presenter pairing's room (src/lib/presenter); its protocol is pure. */
const PRESENTER_PROTOCOL = ['src/lib/presenter/protocol.ts'];
const PROTOCOL_PURE = {
	group: [
		'svelte',
		'svelte/*',
		'$app/*',
		'$env/*',
		'**/ui/**',
		'**/audio/**',
		'**/storage/**',
		'**/pwa/**',
		'**/device/**',
		'./*.svelte',
		'./link.svelte',
		'./create-link',
		'./display-window.svelte'
	],
	message:
		'the presenter protocol is pure: no Svelte, no browser, nothing but the engine, the routine and the wire’s types.'
};
/** The wire holds the channel and the locks: the protocol takes its types only. */
const WIRE_TYPES_ONLY = {
	group: ['./wire', './carried-session', './message-schema'],
	allowTypeImports: true,
	message:
		'the presenter protocol takes only types from the wire; the channel and the locks are the adapter’s.'
};
/** The screens: each is a room of its own; what two of them share lives one floor down, in ui/. */
// voice is the editor's own now (editor/voice); named still, so a voice screen of its own stays a room.
const SCREENS = ['editor', 'history', 'library', 'player', 'voice'];
/**
 * A screen's files may not import another's: `../player/…` from history, or `$lib/ui/player/…`.
 * @param {string} screen
 */
const OTHER_SCREENS = (screen) =>
	forbid(
		`a screen imports no other screen's insides: move what ${screen} shares with it down into src/lib/ui/.`,
		...screenFolders(SCREENS.filter((other) => other !== screen))
	);
/**
 * What lies below the screens (the presenter's studio views; ui/session, the pieces of a session's
 * view that the player and the studio share) imports no screen's insides.
 */
const NO_SCREENS = forbid(
	'this lies below the screens and imports none of them: what it shares with a screen moves down into src/lib/ui/session/ or src/lib/ui/.',
	...screenFolders(SCREENS)
);

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/ban-ts-comment': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'no-empty': ['error', { allowEmptyCatch: false }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Test fakes and sample routines are for tests: the app never ships them.
		files: APP_FILES,
		ignores: TESTS,
		rules: restrict(TEST_SUPPORT)
	},
	// The pure rooms may not reach into the browser, Svelte or the outer rooms.
	...room('src/lib/routine', PURE, INWARD),
	...room('src/lib/engine', PURE, INWARD),
	// storage is the database alone; transfer (packs, links, import, export) builds on it.
	...room('src/lib/storage', NO_TRANSFER, NO_UI),
	...room('src/lib/transfer', NO_UI),
	// The presenter room: the pairing, its protocol and the studio views.
	...room('src/lib/presenter', NO_SCREENS),
	{
		files: PRESENTER_PROTOCOL,
		rules: restrict(PROTOCOL_PURE, WIRE_TYPES_ONLY, TEST_SUPPORT)
	},
	// A screen is a room: it reaches no other screen (see OTHER_SCREENS).
	...SCREENS.flatMap((screen) => room(`src/lib/ui/${screen}`, OTHER_SCREENS(screen))),
	// What the player screen and the studio views share: one floor under both, above no screen.
	...room('src/lib/ui/session', NO_SCREENS)
);
