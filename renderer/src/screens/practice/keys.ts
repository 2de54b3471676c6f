/** Keyboard helpers shared by the practice screens. */

export const IS_MAC =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** The label of the primary modifier: ⌘ on macOS, Ctrl elsewhere. */
export const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl';

/**
 * The element a key event really happened in: inside a shadow root (the code editor) the
 * event's target is the shadow host, which is not where the typing is.
 */
export function keyTarget(event: Event): EventTarget | null {
  return event.composedPath()[0] ?? event.target;
}

/** True while the user is typing into a field, where single-letter shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** True when focus is on something Enter already acts on (a button, link, text field). Checkboxes and radios ignore Enter. */
export function isActivatableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) return false;
  return isTypingTarget(target) || ['BUTTON', 'A', 'INPUT', 'SUMMARY'].includes(target.tagName);
}

/** Ctrl+Enter, or ⌘+Enter on macOS. */
export function isModEnter(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey;
}

/** Alt+<letter>, by physical key so macOS's Option characters (e.g. "ß") still match. */
export function isAltKey(event: KeyboardEvent, letter: string): boolean {
  return event.altKey && !event.ctrlKey && !event.metaKey && event.code === `Key${letter.toUpperCase()}`;
}

/** True for events from inside the whiteboard, where Excalidraw owns the keyboard. */
export function isInsideBoard(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[data-board]') !== null;
}
