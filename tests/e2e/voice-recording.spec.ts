import { expect, expectAccessible, passTime, test, pressStart, soundReady } from './fixtures';
import { announcement, openYourVoice, soundStatus } from './own-voice';
import { EVENING, importFile, notice, openLibrary } from './routine-files';

// A fake microphone (Chromium's beep, Firefox's tone) that is always allowed; the rest as the
// configuration launches it.
test.use({ serviceWorkers: 'block' });
test.use({
	launchOptions: [
		async ({ browserName, launchOptions }, use) => {
			if (browserName === 'firefox') {
				await use({
					...launchOptions,
					firefoxUserPrefs: {
						...launchOptions.firefoxUserPrefs,
						'media.navigator.streams.fake': true,
						'media.navigator.permission.disabled': true
					}
				});
				return;
			}
			await use({
				...launchOptions,
				args: [
					...(launchOptions.args ?? []),
					'--use-fake-device-for-media-stream',
					'--use-fake-ui-for-media-stream'
				]
			});
		},
		{ scope: 'worker' }
	]
});

test('in the editor a coach records a cue, plays it back, records it again and deletes it; the player plays it', async ({
	clockPage: page
}) => {
	// A long journey (two screens, three recordings, axe on the editor twice) on a shared machine.
	test.setTimeout(90_000);
	await openLibrary(page);
	await importFile(page, EVENING);
	await expect(notice(page)).toHaveText('Imported “Evening unwind”.');
	const voice = await openYourVoice(page, 'evening-unwind');
	await expectAccessible(page);

	const record = voice.getByRole('button', { name: 'Record Get ready, every step' });
	await record.click();
	const stop = voice.getByRole('button', { name: 'Stop recording Get ready, every step' });
	await expect(stop).toBeVisible();
	// The fake microphone's sound arrives in real time: once it is heard, there is a recording.
	await expect(voice.getByText('Recording… hearing you')).toBeVisible();
	await expect(voice.getByRole('button', { name: 'Record Soften, every step' })).toBeDisabled();
	await stop.click();
	const row = voice.getByRole('listitem').filter({ hasText: 'Get ready' });
	await expect(row).toContainText(/Your voice · \d+\.\d s/);
	await expect(announcement(page)).toHaveText(
		/^Saved your recording for “Get ready, every step” \(\d+\.\d s\)\. The player plays it in place of the built-in voice\.$/
	);

	await voice.getByRole('button', { name: 'Play Get ready, every step' }).click();
	await expect(announcement(page)).toHaveText(
		'Playing your recording for “Get ready, every step”.'
	);
	await voice.getByRole('button', { name: 'Stop playing Get ready, every step' }).click();
	await expect(voice.getByRole('button', { name: 'Play Get ready, every step' })).toBeVisible();

	// Re-recorded: still one recording for the cue.
	await voice.getByRole('button', { name: 'Re-record Get ready, every step' }).click();
	await expect(voice.getByText('Recording… hearing you')).toBeVisible();
	await voice.getByRole('button', { name: 'Stop recording Get ready, every step' }).click();
	await expect(row).toContainText(/Your voice · \d+\.\d s/);

	// A step's own cue, in the step's card.
	const step = page.getByRole('region', { name: 'Your voice for step 2' });
	await step.getByText('Your voice for this step').click();
	await step.getByRole('button', { name: 'Record Approach the edge, Hip opener (left)' }).click();
	await expect(step.getByText('Recording… hearing you')).toBeVisible();
	await step
		.getByRole('button', { name: 'Stop recording Approach the edge, Hip opener (left)' })
		.click();
	await expect(step.locator('summary')).toContainText('1 recorded');
	// Each list keeps what the others recorded.
	await expect(row).toContainText(/Your voice · \d+\.\d s/);

	// The step gets an id of its own: its recording goes along (and plays under it, below).
	// Ids wait under each part's "Advanced": the routine's first, then each step's.
	const advanced = page.locator('details.advanced').nth(2);
	await advanced.getByText('Advanced', { exact: true }).click();
	const stepId = advanced.getByRole('textbox', { name: 'Step id' });
	await expect(stepId).toHaveValue('hip-left');
	await stepId.fill('hip-left-side');
	await expect(step.locator('summary')).toContainText('1 recorded');
	await page.getByRole('button', { name: 'Save to library' }).first().click();
	await expect(announcement(page)).toHaveText('Saved “Evening unwind” to your library.');

	await voice.getByRole('button', { name: 'Delete Get ready, every step' }).click();
	await expect(row).toContainText('Built-in voice');
	// The step's list stays open as the coach left it while the counts change.
	await expect(
		step.getByRole('button', { name: 'Play Approach the edge, Hip opener (left)' })
	).toBeVisible();
	await expectAccessible(page);

	// The recording made in the editor plays in the session.
	await page.goto('/play/evening-unwind');
	await page.clock.runFor(500);
	await expect(soundReady(page)).toBeAttached();
	await pressStart(page);
	await expect(soundStatus(page)).not.toHaveText(/Your voice/);
	await passTime(page, 40_200);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	await expect(soundStatus(page)).toHaveText('Your voice: Approach the edge, Hip opener');
});
