/**
 * Reads a step's text aloud with the browser's own voices, in the routine's language, where
 * such a voice exists; otherwise it stays silent (the text is on the screen).
 */

type Synth = Pick<SpeechSynthesis, 'getVoices' | 'speak' | 'cancel'>;

/** The voice for a BCP 47 tag: the exact language first, then its base language. */
export function voiceFor(
	voices: readonly SpeechSynthesisVoice[],
	language: string
): SpeechSynthesisVoice | undefined {
	const wanted = language.toLowerCase();
	const base = wanted.split('-')[0] ?? wanted;
	return (
		voices.find((voice) => voice.lang.toLowerCase() === wanted) ??
		voices.find((voice) => voice.lang.toLowerCase().split(/[-_]/)[0] === base)
	);
}

export class StepReader {
	#synth: Synth | undefined;

	constructor(
		synth: Synth | undefined = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis
	) {
		this.#synth = synth;
	}

	/** Speaks `text` in `language`; returns false where no voice for it exists. */
	read(text: string, language: string, volume: number): boolean {
		const synth = this.#synth;
		if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return false;
		const voice = voiceFor(synth.getVoices(), language);
		if (!voice) return false;
		synth.cancel();
		const utterance = new SpeechSynthesisUtterance(text);
		utterance.voice = voice;
		utterance.lang = voice.lang;
		utterance.rate = 0.9;
		utterance.volume = volume;
		synth.speak(utterance);
		return true;
	}

	stop(): void {
		this.#synth?.cancel();
	}
}
