/**
 * How the app runs Whisper through sherpa-onnx, as constants the engine adapter and the
 * benchmark's stand-in models share.
 */

/**
 * Silence (in 10 ms feature frames) sherpa-onnx appends after the audio so Whisper sees the
 * speech end and emits its end-of-text token. sherpa-onnx's ONNX export dropped Whisper's fixed
 * 30 s window, so a call costs its audio plus this padding, not a whole window. Its default is
 * 1000 (10 s) and its documentation suggests 50 for English models and 300 for multilingual
 * ones; 3 s is the cautious middle: a 3 s segment costs 6 s of encoding instead of 13 s.
 */
export const WHISPER_TAIL_PADDING_FRAMES = 300;

/** sherpa-onnx feeds Whisper at most 30 s (3000 frames) per call; the app's segments stay under 28 s. */
export const WHISPER_MAX_FRAMES = 3000;
