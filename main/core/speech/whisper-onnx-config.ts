/**
 * How the app runs Whisper through sherpa-onnx, as constants the engine adapter and the
 * benchmark's stand-in models share.
 */

/**
 * Silence (in 10 ms feature frames) sherpa-onnx appends after the audio so Whisper sees the
 * speech end and emits its end-of-text token. sherpa-onnx's default; its ONNX export removed
 * Whisper's fixed 30 s window, so a call costs the audio plus this, not a whole window.
 */
export const WHISPER_TAIL_PADDING_FRAMES = 1000;

/** sherpa-onnx feeds Whisper at most 30 s (3000 frames) per call; the app's segments stay under 28 s. */
export const WHISPER_MAX_FRAMES = 3000;
