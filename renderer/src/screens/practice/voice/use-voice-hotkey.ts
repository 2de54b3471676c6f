import { useEffect, useRef } from 'react';
import { isAltKey } from '../keys.js';

interface HotkeyActions {
  begin: () => Promise<void>;
  end: () => Promise<void>;
  /** Hold-to-talk: speak while Alt+V is held. Otherwise Alt+V toggles. */
  hold: boolean;
  idle: boolean;
}

/** Alt+V starts and stops a take (or, with hold-to-talk, speaks while held). */
export function useVoiceHotkey(actions: HotkeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (!isAltKey(e, 'V') || e.repeat) return;
      e.preventDefault();
      const l = latest.current;
      if (l.idle) void l.begin();
      else if (!l.hold) void l.end();
    };
    const up = (e: KeyboardEvent) => {
      const l = latest.current;
      if (l.hold && e.code === 'KeyV' && !l.idle) void l.end();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
}
