import { WakeSignal } from './wake-signal.js';

const settled = async (promise: Promise<void>, withinMs: number) =>
  Promise.race([promise.then(() => true), new Promise((r) => setTimeout(() => r(false), withinMs))]);

describe('WakeSignal', () => {
  it('ends an idle sleep at a notification', async () => {
    const signal = new WakeSignal();
    const sleeping = signal.sleep(60_000);
    signal.notify();
    expect(await settled(sleeping, 1_000)).toBe(true);
  });

  it('remembers a notification that came while the loop was busy, until the next look', async () => {
    const signal = new WakeSignal();
    signal.looking();
    signal.notify(); // during the look: it may announce what the look missed
    expect(await settled(signal.sleep(60_000), 1_000)).toBe(true);
    signal.looking(); // the next look sees it
    expect(await settled(signal.sleep(50), 20)).toBe(false);
  });

  it('does not cut a back-off short for notifications, only for interrupt', async () => {
    const signal = new WakeSignal();
    const backingOff = signal.sleep(60_000, { backOff: true });
    signal.notify();
    expect(await settled(backingOff, 50)).toBe(false);
    signal.interrupt();
    expect(await settled(backingOff, 1_000)).toBe(true);
  });
});
