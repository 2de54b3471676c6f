import { useCallback, useEffect, useState } from 'react';
import { listInputDevices, type InputDevice } from '../../../audio/capture.js';

/** The microphones, refreshed when one is plugged in or out. */
export function useInputDevices(): { devices: InputDevice[]; refresh: () => void } {
  const [devices, setDevices] = useState<InputDevice[]>([]);
  const refresh = useCallback(() => {
    listInputDevices().then(setDevices, () => setDevices([]));
  }, []);
  useEffect(() => {
    refresh();
    const media = navigator.mediaDevices;
    if (!media) return;
    media.addEventListener('devicechange', refresh);
    return () => media.removeEventListener('devicechange', refresh);
  }, [refresh]);
  return { devices, refresh };
}
