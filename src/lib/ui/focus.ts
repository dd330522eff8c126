/**
 * Focus moved on purpose, in one place: after a screen changes (a step added, a dialog closed,
 * a list grown), to where a keyboard or a screen reader should go on from.
 */
import { tick } from 'svelte';

/** Anything focus can be handed to: an element, or a component that exports `focus()`. */
export interface Focusable {
	focus(options?: FocusOptions): void;
}

/** An element is revealed and selected where it can be; a component is only focused. */
type FocusTarget = Focusable &
	Partial<Pick<HTMLInputElement, 'scrollIntoView' | 'select' | 'closest'>>;

/** How focus arrives. */
export interface HandOff {
	/** Brought into view first (`nearest`, `center`), then focused without scrolling again. */
	reveal?: ScrollLogicalPosition;
	/** The element around it that matches this (a step's card) is brought into view first, whole. */
	within?: string;
	/** Focus without scrolling: the screen is where it should be already. */
	preventScroll?: boolean;
	/** A text field's words are selected, so typing replaces a placeholder. */
	select?: boolean;
}

/** Focuses `target` now; false when there is none to focus. */
export function handFocus(target: FocusTarget | null | undefined, how: HandOff = {}): boolean {
	if (!target) return false;
	if (how.within) target.closest?.(how.within)?.scrollIntoView({ block: 'nearest' });
	if (how.reveal) target.scrollIntoView?.({ block: how.reveal });
	target.focus({ preventScroll: how.reveal !== undefined || how.preventScroll === true });
	if (how.select) target.select?.();
	return true;
}

/**
 * Focuses what `find` returns once the page shows the latest change (`find` runs after it, so
 * it can look for what just appeared); false when it found none.
 */
export async function handFocusAfterUpdate(
	find: () => FocusTarget | null | undefined,
	how: HandOff = {}
): Promise<boolean> {
	await tick();
	return handFocus(find(), how);
}

/** Whether focus is nowhere in particular (its element went away): it may be handed on. */
export function focusIsLost(): boolean {
	return document.activeElement === null || document.activeElement === document.body;
}
