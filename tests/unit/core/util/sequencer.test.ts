import { describe, expect, it } from 'vitest';
import { Sequencer, SequencerByKey } from '../../../../main/core/util/sequencer.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Sequencer', () => {
  it('runs tasks one after another in the order given, even when earlier ones are slower', async () => {
    const seq = new Sequencer();
    const log: string[] = [];
    const a = seq.run(async () => {
      log.push('a start');
      await tick();
      await tick();
      log.push('a end');
      return 1;
    });
    const b = seq.run(() => {
      log.push('b');
      return 2;
    });
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('keeps going after a failure, and the failure reaches only its own caller', async () => {
    const seq = new Sequencer();
    const failing = seq.run(() => {
      throw new Error('boom');
    });
    const after = seq.run(() => 'still runs');
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('still runs');
  });

  it('counts pending tasks and says when it is idle', async () => {
    const seq = new Sequencer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    void seq.run(() => gate);
    void seq.run(() => undefined);
    expect(seq.size).toBe(2);
    let idle = false;
    const done = seq.idle().then(() => (idle = true));
    await tick();
    expect(idle).toBe(false);
    release();
    await done;
    expect(seq.size).toBe(0);
  });
});

describe('SequencerByKey', () => {
  it('orders tasks per key and lets different keys run side by side', async () => {
    const seq = new SequencerByKey<string>();
    const log: string[] = [];
    let releaseA!: () => void;
    const gateA = new Promise<void>((resolve) => (releaseA = resolve));
    const a1 = seq.run('a', async () => {
      await gateA;
      log.push('a1');
    });
    const a2 = seq.run('a', () => log.push('a2'));
    const b1 = seq.run('b', () => log.push('b1'));
    await b1;
    expect(log).toEqual(['b1']);
    releaseA();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('forgets a key once its queue is empty, so the map does not grow with every session', async () => {
    const seq = new SequencerByKey<number>();
    await Promise.all(Array.from({ length: 50 }, (_, i) => seq.run(i, () => i)));
    await tick();
    expect(seq.activeKeys).toBe(0);
  });
});
