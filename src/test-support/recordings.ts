/**
 * A coach's recording as tests make one: the unit tests of routine packs and the journeys that
 * import a pack (tests/e2e imports this file by its path, so it imports nothing by alias).
 */

/** A WAV file of a sine tone (440 Hz, 16-bit mono, `rate` samples a second). */
export function sineWav(seconds: number, rate = 8000): Uint8Array<ArrayBuffer> {
	const samples = Math.round(seconds * rate);
	const view = new DataView(new ArrayBuffer(44 + samples * 2));
	const text = (at: number, value: string) =>
		[...value].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
	text(0, 'RIFF');
	view.setUint32(4, 36 + samples * 2, true);
	text(8, 'WAVEfmt ');
	view.setUint32(16, 16, true);
	view.setUint16(20, 1, true);
	view.setUint16(22, 1, true);
	view.setUint32(24, rate, true);
	view.setUint32(28, rate * 2, true);
	view.setUint16(32, 2, true);
	view.setUint16(34, 16, true);
	text(36, 'data');
	view.setUint32(40, samples * 2, true);
	for (let i = 0; i < samples; i++) {
		view.setInt16(44 + i * 2, Math.round(Math.sin((i / rate) * 2 * Math.PI * 440) * 8000), true);
	}
	return new Uint8Array(view.buffer);
}
