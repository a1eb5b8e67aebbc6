/**
 * A milliseconds clock for the hit path that reads its source at most once per `resolutionMs`: a
 * reading is reused until an unref'd timer (it never keeps the process alive) marks it old, and
 * at most `maxReuses` times, so a loop that blocks the event loop, where no timer runs, still sees
 * time move. A reading in use is therefore at most `resolutionMs` old while the event loop turns,
 * and at most `maxReuses` reads old while it is blocked; lru-cache's `ttlResolution` makes the same
 * trade. A resolution of 0 reads the source every time.
 */
export class CoarseClock {
  private reading = 0;
  private reuses = 0;
  private timerPending = false;
  private readonly markOld = (): void => {
    this.timerPending = false;
    this.reuses = 0;
  };

  constructor(
    private readonly source: () => number,
    private readonly resolutionMs: number,
    private readonly maxReuses = 1024,
  ) {}

  now(): number {
    if (this.reuses > 0) {
      this.reuses--;
      return this.reading;
    }
    return this.read();
  }

  private read(): number {
    const now = this.source();
    if (this.resolutionMs > 0) {
      this.reading = now;
      this.reuses = this.maxReuses;
      if (!this.timerPending) {
        this.timerPending = true;
        setTimeout(this.markOld, this.resolutionMs).unref();
      }
    }
    return now;
  }
}
