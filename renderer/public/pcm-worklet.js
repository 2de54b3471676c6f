/**
 * Runs on the audio thread: turns the microphone's float samples into 16-bit PCM chunks of
 * about 200 ms for core, and posts a level (peak, RMS) every ~50 ms for the meter.
 * Served from the app's own origin (CSP: script-src 'self'); the AudioContext is asked for
 * 16 kHz, so the browser has already resampled what arrives here.
 */
class PcmCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const chunkMs = (options && options.processorOptions && options.processorOptions.chunkMs) || 200;
    this.chunkSize = Math.round((sampleRate * chunkMs) / 1000);
    this.levelSize = Math.round(sampleRate * 0.05);
    this.buffer = new Int16Array(this.chunkSize);
    this.filled = 0;
    this.levelCount = 0;
    this.levelPeak = 0;
    this.levelSum = 0;
    this.port.onmessage = (event) => {
      if (event.data === 'flush') this.flush();
    };
  }

  flush() {
    if (this.filled === 0) return;
    const chunk = this.buffer.slice(0, this.filled);
    this.port.postMessage({ type: 'chunk', pcm: chunk.buffer }, [chunk.buffer]);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (!channel) return true;
    for (let i = 0; i < channel.length; i++) {
      const v = Math.max(-1, Math.min(1, channel[i]));
      this.buffer[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
      if (this.filled === this.chunkSize) this.flush();
      const a = Math.abs(v);
      if (a > this.levelPeak) this.levelPeak = a;
      this.levelSum += v * v;
      if (++this.levelCount === this.levelSize) {
        this.port.postMessage({ type: 'level', peak: this.levelPeak, rms: Math.sqrt(this.levelSum / this.levelCount) });
        this.levelCount = 0;
        this.levelPeak = 0;
        this.levelSum = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-capture', PcmCapture);
