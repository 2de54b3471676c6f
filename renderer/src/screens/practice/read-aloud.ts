import { useEffect, useState } from 'react';

/** The browser's speech synthesis, or null where there is none (some Linux builds, tests). */
function synthesis(): SpeechSynthesis | null {
  try {
    return typeof window !== 'undefined' && 'speechSynthesis' in window && window.speechSynthesis
      ? window.speechSynthesis
      : null;
  } catch {
    return null;
  }
}

export const SPEECH_AVAILABLE = synthesis() !== null;

/** The installed voices; updates when the system finishes loading them. Empty when there are none. */
export function useVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => safeVoices());
  useEffect(() => {
    const synth = synthesis();
    if (!synth) return;
    const update = () => setVoices(safeVoices());
    update();
    synth.addEventListener?.('voiceschanged', update);
    return () => synth.removeEventListener?.('voiceschanged', update);
  }, []);
  return voices;
}

function safeVoices(): SpeechSynthesisVoice[] {
  try {
    return synthesis()?.getVoices() ?? [];
  } catch {
    return [];
  }
}

/** Speaks `text` (cancelling anything still being read). Never throws. */
export function speak(text: string, voiceName: string | null, voices: SpeechSynthesisVoice[]): void {
  const synth = synthesis();
  if (!synth || !text.trim() || typeof SpeechSynthesisUtterance === 'undefined') return;
  try {
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    const voice = voiceName ? voices.find((v) => v.name === voiceName) : undefined;
    if (voice) utterance.voice = voice;
    utterance.rate = 1;
    synth.speak(utterance);
  } catch {
    // Reading aloud is a nicety; a broken speech engine must not break the interview.
  }
}

export function stopSpeaking(): void {
  try {
    synthesis()?.cancel();
  } catch {
    // ignore
  }
}
