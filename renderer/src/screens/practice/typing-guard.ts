/**
 * A button reached by Tab straight from a text field is where a slip lands: someone typing code
 * presses Tab to indent and then Space, and a plain button would be pressed by it. Until that
 * button has seen a deliberate key, Space and typed characters go back into the field they came
 * from (where the caret was), so nothing is pressed and nothing typed is lost. Enter still
 * presses the button: nobody presses Enter on a focused button by accident while typing prose,
 * and the answer can be taken back for a few seconds anyway.
 */
import { useMemo, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { isTypingTarget } from './keys.js';

type Field = HTMLInputElement | HTMLTextAreaElement;

/** A key that types something (Space included), with no modifier that makes it a command. */
export function isTypingKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** Puts text at the caret as if typed: the field's input event fires, so drafts save and React sees it. */
export function typeInto(field: Field, text: string): void {
  field.focus();
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.setRangeText(text, start, end, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Props for a button that follows a text field in the tab order (stable across renders). */
export function useTypingGuard() {
  const from = useRef<Field | null>(null);
  return useMemo(
    () => ({
      onFocus(event: FocusEvent<HTMLButtonElement>) {
        const previous = event.relatedTarget;
        from.current =
          (previous instanceof HTMLTextAreaElement || previous instanceof HTMLInputElement) && isTypingTarget(previous)
            ? previous
            : null;
      },
      onBlur() {
        from.current = null;
      },
      onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
        const field = from.current;
        if (!field) return;
        if (!isTypingKey(event)) {
          // Enter is deliberate; Tab, arrows and the like move on and end the guard.
          if (event.key !== 'Shift') from.current = null;
          return;
        }
        event.preventDefault();
        from.current = null;
        if (!field.isConnected || field.disabled || field.readOnly) return;
        typeInto(field, event.key);
      },
    }),
    [],
  );
}
