import { describe, expect, it } from 'vitest';
import { quietCheckAllowed } from '../../../../main/core/workspace/service-common.js';

describe('quietCheckAllowed', () => {
  it('allows a quiet-time line only while a question is open and the round is not paused', () => {
    expect(quietCheckAllowed({ paused: false, phase: 'question' })).toBe(true);
    expect(quietCheckAllowed({ paused: false, phase: 'answering' })).toBe(true);
    expect(quietCheckAllowed({ paused: true, phase: 'answering' })).toBe(false);
    expect(quietCheckAllowed({ paused: false, phase: 'deciding' })).toBe(false);
    expect(quietCheckAllowed({ paused: false, phase: 'finished' })).toBe(false);
  });
});
