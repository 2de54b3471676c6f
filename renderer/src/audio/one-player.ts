/**
 * Only one recording plays at a time, anywhere in the app: starting one pauses any other
 * (two answers talking over each other is never what the candidate wants).
 */
export function playOneAtATime(root: Document = document): () => void {
  const onPlay = (event: Event) => {
    const started = event.target;
    if (!(started instanceof HTMLMediaElement)) return;
    for (const media of root.querySelectorAll<HTMLMediaElement>('audio, video')) {
      if (media !== started && !media.paused) media.pause();
    }
  };
  // 'play' does not bubble: listen in the capture phase to see every element's.
  root.addEventListener('play', onPlay, true);
  return () => root.removeEventListener('play', onPlay, true);
}
