import type { RetentionClock } from '../../../apps/worker/src/retention/index.js';

/** What the retention job asks the time, set by the test. */
export class FakeClock implements RetentionClock {
  constructor(public at: Date) {}
  now(): Date {
    return this.at;
  }
}

/** The day in the Netherlands, independently of the code under test. */
export const dutchDay = (at: string | Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(at));

/** A year after a day in 2026 (no 29 February to mind). */
export const yearAfter = (day: string) => `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`;
