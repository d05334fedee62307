/**
 * How a polling loop sleeps and is woken by notifications (LISTEN/NOTIFY). A notification that arrives
 * while the loop is busy is not lost: the loop calls `looking()` right before it looks for work, and a
 * notification after that makes its next `sleep` return at once, since what it announced may have
 * committed after the look began. Without this, a loop that just came back empty waits out a whole
 * poll interval for work that is already there.
 */
export class WakeSignal {
  private pending = false;
  private wake?: () => void;
  private interruptible = false;

  /** Call right before looking for work: notifications from here on are for the next look. */
  looking(): void {
    this.pending = false;
  }

  /** Something new is there: wake an idle sleep now, or make the next one return at once. */
  notify(): void {
    this.pending = true;
    if (this.interruptible) this.wake?.();
  }

  /** Ends any sleep at once (the loop is stopping). */
  interrupt(): void {
    this.wake?.();
  }

  /**
   * Sleeps up to `ms`. An idle sleep (waiting for work) ends at a notification; a back-off after a failure
   * (`{ backOff: true }`) does not, so a stream of notifications cannot turn it into a busy loop.
   */
  sleep(ms: number, { backOff = false }: { backOff?: boolean } = {}): Promise<void> {
    if (this.pending && !backOff) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.interruptible = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      this.interruptible = !backOff;
    });
  }
}
