import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** The rooms' layers, held here (docs/architecture.md): each rule names what a file may not import. */
/**
 * @param {...{ group: string[], message: string }} patterns
 * @returns {import('eslint').Linter.RulesRecord}
 */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const APP_FILES = [
	'src/lib/**/*.ts',
	'src/lib/**/*.svelte',
	'src/routes/**/*',
	'src/service-worker.ts'
];
const TESTS = ['**/*.test.ts'];
const PURE_ROOMS = ['src/lib/routine/**/*.ts', 'src/lib/engine/**/*.ts'];
const TEST_SUPPORT = {
	group: ['$test', '$test/*', '**/test-support/**'],
	message: 'test-support is for tests: the app imports nothing from it.'
};
const PURE = {
	group: ['svelte', 'svelte/*', '$app/*', '$env/*'],
	message: 'routine and engine are pure TypeScript.'
};
const INWARD = {
	group: ['**/ui/**', '**/audio/**', '**/storage/**', '**/pwa/**'],
	message: 'arrows point inward: routine and engine import no outer room.'
};
/** The screens: each is a room of its own; what two of them share lives one floor down, in ui/. */
// voice is the editor's own now (editor/voice); named still, so a voice screen of its own stays a room.
const SCREENS = ['editor', 'history', 'library', 'player', 'voice'];
/**
 * A screen's files may not import another's: `../player/…` from history, or `$lib/ui/player/…`.
 * @param {string} screen
 */
const OTHER_SCREENS = (screen) => ({
	group: SCREENS.filter((other) => other !== screen).flatMap((other) => [
		`**/ui/${other}/**`,
		`../${other}/**`,
		`$lib/ui/${other}/**`
	]),
	message: `a screen imports no other screen's insides: move what ${screen} shares with it down into src/lib/ui/.`
});

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
	{
		// The pure rooms may not reach into the browser, Svelte or the outer rooms.
		files: PURE_ROOMS,
		rules: restrict(PURE, INWARD, TEST_SUPPORT)
	},
	{
		files: PURE_ROOMS.map((room) => room.replace('*.ts', '*.test.ts')),
		rules: restrict(PURE, INWARD)
	},
	...SCREENS.flatMap((screen) => [
		{
			// A screen is a room: it reaches no other screen (see OTHER_SCREENS).
			files: [`src/lib/ui/${screen}/**/*`],
			ignores: TESTS,
			rules: restrict(OTHER_SCREENS(screen), TEST_SUPPORT)
		},
		{
			files: TESTS.map((tests) => `src/lib/ui/${screen}/${tests}`),
			rules: restrict(OTHER_SCREENS(screen))
		}
	])
);
