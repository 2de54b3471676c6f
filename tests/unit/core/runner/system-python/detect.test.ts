import { describe, expect, it } from 'vitest';
import {
  detectSystemPython,
  findOnPath,
  parseProbe,
  PYTHON_MISSING_MESSAGE,
  unsupportedPlatform,
} from '../../../../../main/core/runner/system-python/detect.js';

describe('finding the system python3', () => {
  it('reads the executable and version the probe prints', () => {
    expect(parseProbe('/usr/bin/python3.11\n3.11.7\n')).toEqual({
      state: 'found',
      executable: '/usr/bin/python3.11',
      version: '3.11.7',
    });
  });

  it('says what to do when there is none, or it is too old for audit hooks', () => {
    expect(parseProbe('')).toEqual({ state: 'missing', message: PYTHON_MISSING_MESSAGE });
    expect(PYTHON_MISSING_MESSAGE).toMatch(/Install Python 3.8 or newer/);
    const old = parseProbe('/usr/bin/python3\n3.7.3\n');
    expect(old).toMatchObject({ state: 'missing', message: expect.stringMatching(/Python 3.7.3, older than 3.8/) });
  });

  it('finds python3 on the PATH as a shell would: the first folder that has it', () => {
    const have = new Set(['/opt/py/bin/python3', '/usr/bin/python3']);
    const exists = (file: string) => have.has(file);
    expect(findOnPath('python3', '/nowhere:/opt/py/bin:/usr/bin', exists)).toBe('/opt/py/bin/python3');
    expect(findOnPath('python3', '/nowhere::', exists)).toBeNull();
    expect(findOnPath('python3', undefined, exists)).toBeNull();
  });

  it('is not offered on Windows (no resource module), with the reason', async () => {
    expect(unsupportedPlatform('linux')).toBeNull();
    expect(unsupportedPlatform('darwin')).toBeNull();
    await expect(detectSystemPython('win32')).resolves.toMatchObject({
      state: 'unsupported',
      message: expect.stringMatching(/Linux and macOS only/),
    });
  });
});
