/**
 * A token bucket: `burst` requests at once, refilled at `perSecond`. Pure apart from the clock
 * it is given, so tests step time by hand.
 */
export interface TokenBucket {
  /** True when a request may go ahead (and takes a token). */
  take(nowMs: number): boolean;
  /** Whole seconds until a token is back, at least 1 (HTTP's Retry-After counts seconds). */
  secondsUntilToken(nowMs: number): number;
}

export function createTokenBucket(perSecond: number, burst: number): TokenBucket {
  let tokens = burst;
  let last: number | undefined;
  const refill = (nowMs: number) => {
    if (last !== undefined) tokens = Math.min(burst, tokens + ((nowMs - last) / 1000) * perSecond);
    last = nowMs;
  };
  return {
    take(nowMs) {
      refill(nowMs);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    secondsUntilToken(nowMs) {
      refill(nowMs);
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}
