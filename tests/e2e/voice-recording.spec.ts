import { chromiumPath } from '../../scripts/chromium-path';
import { expect, expectAccessible, test } from './fixtures';
import { announcement, openYourVoice, soundStatus } from './own-voice';
import { EVENING, importFile, openLibrary } from './routine-files';

// Chromium's fake microphone (a beep) and a microphone prompt that always says yes; the rest as
// the configuration launches it.
test.use({
	serviceWorkers: 'block',
	launchOptions: {
		...(chromiumPath() ? { executablePath: chromiumPath() } : {}),
		args: [
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream'
		]
	}
});

test('a coach records a cue, plays it back, records it again and deletes it; the player plays it', async ({
	clockPage: page
}) => {
	await openLibrary(page);
	await importFile(page, EVENING);
	await page.getByRole('link', { name: 'Evening unwind' }).click();
	await page.clock.runFor(500);
	const voice = await openYourVoice(page);
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
	await expectAccessible(page);

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

	// A step's own cue, in the step's list.
	await voice.getByText('Hip opener (left)').click();
	await voice.getByRole('button', { name: 'Record Approach the edge, Hip opener (left)' }).click();
	await expect(voice.getByText('Recording… hearing you')).toBeVisible();
	await voice
		.getByRole('button', { name: 'Stop recording Approach the edge, Hip opener (left)' })
		.click();
	await expect(
		voice.getByText('2 recorded').or(voice.getByText('1 recorded')).first()
	).toBeVisible();

	await voice.getByRole('button', { name: 'Delete Get ready, every step' }).click();
	await expect(row).toContainText('Built-in voice');
	// The step's list stays open as the coach left it while the counts change.
	await expect(
		voice.getByRole('button', { name: 'Play Approach the edge, Hip opener (left)' })
	).toBeVisible();
	await expect(announcement(page)).toHaveText(
		'Deleted your recording for “Get ready, every step”; the built-in voice speaks it again.'
	);

	// The recording made here plays in the session, with no reload.
	await page.getByRole('button', { name: 'Start' }).click();
	await expect(soundStatus(page)).not.toHaveText(/Your voice/);
	await page.clock.runFor(40_200);
	await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'approach');
	await expect(soundStatus(page)).toHaveText('Your voice: Approach the edge, Hip opener');
});
