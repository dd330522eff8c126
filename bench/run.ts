/**
 * `npm run bench`: measures the figures the issues name and prints each against its target.
 * Figures are printed, never asserted: the machines are shared and noisy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { measureInBrowser } from './browser';
import type { Stats } from './timing';
import { measureStorage } from './storage';
import { measurePwa } from './pwa';
import { measureSessionMemory } from './memory';
import { measureBackground } from './background';
import { measureIdle } from './idle';
import { measureAudioFile } from './audio-file';
import { measurePacks } from './packs';
import type { BackgroundFigures } from './background-figures';
import { chromiumPath } from '../scripts/browser-paths';
import { fileURLToPath } from 'node:url';
import { ManualClock, Session } from '../src/lib/engine';
import { compileTimeline, parseRoutine } from '../src/lib/routine';

interface Figure {
	name: string;
	value: number;
	unit: string;
	target: string;
	met: boolean | undefined;
	note: string;
}

const figures: Figure[] = [];

function record(
	name: string,
	value: number,
	unit: string,
	target: string,
	met: boolean | undefined,
	note = ''
) {
	figures.push({ name, value, unit, target, met, note });
}

/**
 * A routine of `count` steps of every type, as text: short steps, so that 500 of them stay within
 * the format's four hours (1.9 h).
 */
function routineText(count: number): string {
	const steps = Array.from({ length: count }, (_, i) => {
		switch (i % 3) {
			case 0:
				return {
					type: 'stretch',
					id: `s${i}`,
					title: `Stretch ${i}`,
					side: i % 2 ? 'left' : 'right',
					rounds: 1,
					cycle: {
						approach: 2,
						breathe: { breaths: 2, inhale: 2, exhale: 2 },
						soften: 3,
						comeBack: 2
					},
					onFlare: 'retry'
				};
			case 1:
				return {
					type: 'breathe',
					id: `b${i}`,
					title: `Breathe ${i}`,
					pattern: { inhale: 2, holdIn: 1, exhale: 3 },
					breaths: 3
				};
			default:
				return { type: 'rest', id: `r${i}`, title: `Rest ${i}`, seconds: 5 };
		}
	});
	return JSON.stringify(
		{
			version: 1,
			id: `bench-${count}`,
			title: `Bench ${count}`,
			defaults: { restBetweenSteps: 2, restBetweenRounds: 2 },
			steps
		},
		null,
		2
	);
}

/** Median and 95th percentile of `runs` timings of `work`, in milliseconds. */
function time(runs: number, work: () => void): { median: number; p95: number } {
	for (let i = 0; i < Math.min(20, runs); i++) work();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		work();
		samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	return {
		median: samples[Math.floor(samples.length / 2)] ?? NaN,
		p95: samples[Math.floor(samples.length * 0.95)] ?? NaN
	};
}

// Validate + compile a 500-step routine.
const text500 = routineText(500);
let segments500 = 0;
const compile500 = time(100, () => {
	const result = parseRoutine(text500);
	if (!result.ok) throw new Error(result.issues[0]?.message);
	segments500 = compileTimeline(result.routine).segments.length;
});
record(
	'validate + compile, 500 steps',
	compile500.median,
	'ms (median)',
	'< 20 ms',
	compile500.median < 20,
	`p95 ${compile500.p95.toFixed(2)} ms; ${(text500.length / 1024).toFixed(0)} KiB, ${segments500} segments`
);

// The largest session the caps allow: 62 breathing steps of 200 breaths in four 0.25 s parts,
// 49,661 pieces in 3.7 hours. Whatever a file asks, the player never holds more.
const largest = JSON.stringify({
	version: 1,
	id: 'bench-largest',
	title: 'Largest',
	steps: Array.from({ length: 62 }, (_, i) => ({
		type: 'breathe',
		id: `b${i}`,
		title: 'Breathe',
		breaths: 200,
		pattern: { inhale: 0.25, holdIn: 0.25, exhale: 0.25, holdOut: 0.25 }
	}))
});
let largestSegments = 0;
const compileLargest = time(20, () => {
	const result = parseRoutine(largest);
	if (!result.ok) throw new Error(result.issues[0]?.message);
	largestSegments = compileTimeline(result.routine).segments.length;
});
record(
	'validate + compile, the largest routine the caps allow',
	compileLargest.median,
	'ms (median)',
	'< 100 ms',
	compileLargest.median < 100,
	`p95 ${compileLargest.p95.toFixed(2)} ms; ${largestSegments.toLocaleString('en')} segments`
);

// 23 KB asking for 916 years: refused by arithmetic, never compiled.
const years = JSON.stringify({
	version: 1,
	id: 'bench-years',
	title: 'Years',
	steps: Array.from({ length: 500 }, (_, i) => ({
		type: 'stretch',
		id: `s${i}`,
		title: 'S',
		rounds: 20,
		cycle: {
			approach: 3600,
			soften: 3600,
			comeBack: 3600,
			breathe: { breaths: 200, inhale: 3600, exhale: 3600, holdIn: 3600, holdOut: 3600 }
		}
	}))
});
const refuseYears = time(30, () => {
	const result = parseRoutine(years);
	if (result.ok || !result.issues[0]?.message.includes('years')) {
		throw new Error('the 916-year routine was not refused for its length');
	}
});
record(
	'refuse a 916-year routine (500 steps, 23 KB)',
	refuseYears.median,
	'ms (median)',
	'< 50 ms',
	refuseYears.median < 50,
	`p95 ${refuseYears.p95.toFixed(2)} ms; was a 59 s freeze and 1.1 GB before the caps`
);

// A 10,000-step routine is refused: written compactly it fits in 1 MiB and is refused for its
// step count; written out in full it is refused for its size before it is read.
const compact10k = JSON.stringify({
	version: 1,
	id: 'bench-10k',
	title: 'Bench',
	steps: Array.from({ length: 10_000 }, (_, i) => ({
		type: 'rest',
		id: `r${i}`,
		title: 'R',
		seconds: 1
	}))
});
const text10k = routineText(10_000);
for (const [label, text, reason] of [
	['refuse 10,000 steps (compact file, under 1 MiB)', compact10k, 'at most 500'],
	['refuse 10,000 steps (full file, over 1 MiB)', text10k, 'at most 1 MiB']
] as const) {
	const refusal = time(30, () => {
		const result = parseRoutine(text);
		if (result.ok || !result.issues[0]?.message.includes(reason)) {
			throw new Error(`${label}: not refused for "${reason}"`);
		}
	});
	record(
		label,
		refusal.median,
		'ms (median)',
		'refused',
		undefined,
		`p95 ${refusal.p95.toFixed(2)} ms; ${(text.length / 1024).toFixed(0)} KiB of text`
	);
}

// Engine cost per tick: a 500-step session ticked at 60 frames a second for its first two hours.
const parsed500 = parseRoutine(text500);
if (!parsed500.ok) throw new Error(parsed500.issues[0]?.message);
const timeline = compileTimeline(parsed500.routine);
const clock = new ManualClock(0);
const session = new Session(timeline, clock);
session.start();
let ticks = 0;
const FRAME_MS = 1000 / 60;
const tickStart = performance.now();
const SPAN_MS = 2 * 3_600_000;
while (session.state.mode.kind !== 'done' && clock.now() < SPAN_MS) {
	clock.advance(FRAME_MS);
	session.tick();
	session.view();
	ticks++;
}
const perTick = (performance.now() - tickStart) / ticks;
record(
	'engine tick + view, 500-step session',
	perTick,
	'ms per tick (mean)',
	'< 0.05 ms',
	perTick < 0.05,
	`${ticks.toLocaleString('en')} ticks over the first 2 h of a ${(timeline.totalMs / 3_600_000).toFixed(1)} h session`
);

// In real Chromium, on the production build.
if (!process.argv.includes('--node-only')) {
	const executablePath = chromiumPath();
	const seconds = Number(process.env['LIANA_BENCH_SECONDS'] ?? 120);
	console.log(`Measuring in Chromium: ${seconds} s of 1-second phases, then 15 flares…`);
	const b = await measureInBrowser(executablePath, seconds);
	const lateRow = (name: string, s: Stats, target: string, met: boolean | undefined, note = '') =>
		record(
			name,
			s.p95,
			'ms late (p95)',
			target,
			met,
			`median ${s.median.toFixed(1)}, max ${s.max.toFixed(1)} ms over ${s.count}${note}`
		);
	lateRow(
		'phase change in the page (1-s phases)',
		b.phaseLateMs,
		'p95 < 20 ms',
		b.phaseLateMs.p95 < 20
	);
	lateRow('phase change painted', b.paintLateMs, '—', undefined);
	lateRow(
		'cue start on the audio clock',
		b.cueLateMs,
		'p95 < 20 ms',
		Math.abs(b.cueLateMs.p95) < 20
	);
	lateRow('plain setInterval(1000) countdown, same run', b.intervalLateMs, 'comparison', undefined);
	record(
		'flare key → sound stopped',
		b.flareToSilenceMs.p95,
		'ms (p95)',
		'< 50 ms',
		b.flareToSilenceMs.p95 < 50,
		`median ${b.flareToSilenceMs.median.toFixed(1)} ms over ${b.flareToSilenceMs.count}`
	);
	record(
		'flare key → Release painted',
		b.flareToPaintMs.p95,
		'ms (p95)',
		'< 50 ms',
		b.flareToPaintMs.p95 < 50,
		`median ${b.flareToPaintMs.median.toFixed(1)} ms over ${b.flareToPaintMs.count}`
	);
	console.log('Measuring the heap over a 2-hour session, driven one second at a time…');
	const m = await measureSessionMemory(executablePath);
	const growthMb = (m.heapEndBytes - m.heapEarlyBytes) / 1024 / 1024;
	record(
		'heap growth over a 2-hour session',
		growthMb,
		'MB',
		'< 5 MB',
		growthMb < 5,
		`${(m.heapEarlyBytes / 1024 / 1024).toFixed(1)} MB at minute 2 → ${(m.heapEndBytes / 1024 / 1024).toFixed(1)} MB after ${(m.drivenSeconds / 60).toFixed(0)} min (ended in "${m.phase}"), each after a forced GC`
	);
	console.log('Measuring the offline app: precache, offline paint, Lighthouse, installability…');
	const p = await measurePwa(executablePath);
	record(
		'precache (app, routines, schema, icons, both sound formats)',
		p.precacheBytes / 1024 / 1024,
		'MB',
		'< 2.5 MB',
		p.precacheBytes < 2.5 * 1024 * 1024,
		`${p.precacheFiles} files`
	);
	for (const [path, ms] of Object.entries(p.offlinePaintMs)) {
		record(`first paint of ${path}, warm start, offline`, ms, 'ms (median of 5)', '—', undefined);
	}
	for (const [path, scores] of Object.entries(p.lighthouse)) {
		const all = Object.values(scores);
		record(
			`Lighthouse ${path} (mobile)`,
			Math.min(...all),
			'lowest score',
			'100/100/100',
			all.every((score) => score === 100),
			Object.entries(scores)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ')
		);
	}
	record(
		'installability errors (Page.getInstallabilityErrors)',
		p.installabilityErrors.length,
		'errors',
		'none',
		p.installabilityErrors.length === 0,
		p.installabilityErrors.join(', ')
	);
	console.log('Measuring the library with 200 own routines and the history with 1,000 sessions…');
	const st = await measureStorage(executablePath);
	for (const [path, ms] of Object.entries(st.scriptMs)) {
		const what = path === '/' ? `${st.routines} own routines` : `${st.sessions} sessions`;
		record(
			`render ${path} with ${what}`,
			ms,
			'ms of script (median of 5)',
			'< 100 ms',
			ms < 100,
			`on screen ${(st.renderedMs[path] ?? NaN).toFixed(0)} ms after navigation start`
		);
	}
	record(
		`database size, ${st.routines} routines + ${st.sessions.toLocaleString('en')} sessions`,
		st.indexedDbBytes / 1024 / 1024,
		'MB',
		'—',
		undefined,
		'IndexedDB usage as Chromium reports it (navigator.storage.estimate)'
	);
	console.log('Importing each hostile pack of scripts/hostile-zips.ts, watching the main thread…');
	for (const block of await measurePacks(executablePath)) {
		record(
			`worst main-thread block, importing ${block.pack}`,
			block.medianWorstGapMs,
			`ms (median of ${block.runs})`,
			'< 50 ms',
			block.medianWorstGapMs < 50,
			`worst run ${block.maxWorstGapMs.toFixed(0)} ms; longest task ${block.longestTaskMs > 0 ? `${block.longestTaskMs.toFixed(0)} ms` : 'under 50 ms'}; said: ${block.said.slice(0, 60)}`
		);
	}
	record(
		'first visit to the player: JavaScript, gzipped',
		b.firstVisitJsGzipBytes / 1024,
		'kB',
		'< 80 kB',
		b.firstVisitJsGzipBytes / 1024 < 80,
		`${b.firstVisitJsFiles} files`
	);
	console.log(
		'Measuring the player idle for a minute shown and a minute hidden, then frozen (real time)…'
	);
	const idle = await measureIdle(executablePath);
	for (const [how, cost, mainTarget] of [
		['shown', idle.shown, 0.5],
		['hidden', idle.hidden, 0.2]
	] as const) {
		record(
			`main-thread time of a session, ${how}`,
			cost.mainThreadSec,
			's per minute',
			`≤ ${mainTarget} s`,
			cost.mainThreadSec <= mainTarget,
			`script ${cost.scriptSec.toFixed(3)} s; Chromium's TaskDuration over ${cost.seconds} s of the sciatica routine, on the main thread's own clock`
		);
		record(
			`layouts of a session, ${how}`,
			cost.layouts / 60,
			'per second',
			'≤ 2',
			cost.layouts / 60 <= 2,
			`${cost.layouts.toFixed(0)} layouts and ${cost.styleRecalcs.toFixed(0)} style recalculations a minute`
		);
	}
	const f = idle.frozen;
	record(
		'sound handed over before a freeze (Page.setWebLifecycleState)',
		f.playedInFreeze,
		`of ${f.dueInFreeze} cues played`,
		'said, either way',
		undefined,
		`frozen ${f.frozenSec} s: the audio clock moved ${f.audioClockSec.toFixed(2)} s, so Chromium stops the page's audio with it; thawed, the waiting cues are made again (${f.replayed} for moments passed)`
	);
	console.log('Making the 24-minute sciatica routine into its audio file…');
	const file = await measureAudioFile(executablePath);
	record(
		`the session as an audio file (${file.routine})`,
		file.bytes / 1024 / 1024,
		'MB',
		'—',
		undefined,
		`made in ${(file.makeMs / 1000).toFixed(1)} s; the maker's longest piece of main-thread work ${file.longestOwnWorkMs.toFixed(0)} ms; MP3, mono 32 kHz, 64 kbit/s`
	);
	const backgroundSeconds = Number(process.env['LIANA_BENCH_BACKGROUND_SECONDS'] ?? 600);
	if (backgroundSeconds > 0) {
		const minutes = `${(backgroundSeconds / 60).toFixed(0)} min`;
		console.log(
			`Measuring ${minutes} in a background tab, heard and silent side by side (real time)…`
		);
		const [heard, silent] = await Promise.all([
			measureBackground(executablePath, backgroundSeconds, 0.9, (said) =>
				console.log(`  heard: ${said}`)
			),
			measureBackground(executablePath, backgroundSeconds, 0, (said) =>
				console.log(`  silent: ${said}`)
			)
		]);
		for (const [how, f] of [
			['heard', heard],
			['silent (volume 0)', silent]
		] as const) {
			recordBackground(`${minutes} in a background tab, ${how}`, f);
		}
	}
}

/** The figures of one background run; a run Chromium never hid is said, not counted. */
function recordBackground(run: string, f: BackgroundFigures): void {
	if (f.hiddenSeconds === 0) {
		record(
			`cues, ${run}`,
			NaN,
			'',
			'every boundary ≤ 50 ms',
			undefined,
			'not measured: Chromium never reported the page hidden'
		);
		return;
	}
	const ms = (value: number) => `${value.toFixed(1)} ms`;
	record(
		`cue start on the audio clock, ${run}`,
		f.cueOffMs.max,
		'ms off (worst boundary)',
		'every boundary ≤ 50 ms',
		f.cueOffMs.max <= 50 && f.cuesMissing === 0 && f.cuesTwice === 0,
		`p95 ${ms(f.cueOffMs.p95)} over ${f.boundaries} boundaries in ${f.hiddenSeconds.toFixed(0)} s hidden; ${f.cuesMissing} missing, ${f.cuesTwice} set twice`
	);
	record(
		`plain setInterval(1000) countdown, ${run}`,
		f.intervalBehindMs,
		'ms behind at the end',
		'comparison',
		undefined,
		`${f.intervalTicks} ticks; each tick late: median ${ms(f.intervalLateMs.median)}, max ${ms(f.intervalLateMs.max)}`
	);
	record(
		`the page's own phase updates, ${run}`,
		f.pageLateMs.p95,
		'ms late (p95)',
		'comparison',
		undefined,
		`median ${ms(f.pageLateMs.median)}, max ${ms(f.pageLateMs.max)} over ${f.pageLateMs.count}: unseen while hidden`
	);
	record(
		`phase change on screen once back, ${run}`,
		f.backOnScreenLateMs.max,
		'ms late (worst)',
		'≤ 50 ms',
		f.backOnScreenLateMs.count > 0 && f.backOnScreenLateMs.max <= 50,
		`median ${ms(f.backOnScreenLateMs.median)} over the ${f.backOnScreenLateMs.count} boundaries of the 5 s after`
	);
}

// Print and write the report.
const pad = (text: string, width: number) => text.padEnd(width);
const rows = figures.map((f) => [
	f.name,
	`${f.value.toFixed(4)} ${f.unit}`,
	f.target,
	f.met === undefined ? '—' : f.met ? 'met' : 'MISSED',
	f.note
]);
const header = ['figure', 'measured', 'target', '', 'notes'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
console.log(`Liana benchmarks — node ${process.version}, ${new Date().toISOString()}\n`);
for (const row of [header, ...rows])
	console.log(row.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  '));

const outDir = fileURLToPath(new URL('.', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(
	`${outDir}/report.json`,
	JSON.stringify({ node: process.version, figures }, null, 2) + '\n'
);
writeFileSync(
	`${outDir}/report.md`,
	[
		`# Liana benchmarks`,
		``,
		`Node ${process.version}, ${new Date().toISOString()}. Written by \`npm run bench\`.`,
		``,
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
		``
	].join('\n')
);
