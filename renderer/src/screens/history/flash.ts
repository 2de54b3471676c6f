/** A one-time message for the next history screen, e.g. "Session deleted." after leaving a deleted session. */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
