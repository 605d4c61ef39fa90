import type { BenchEvent, Reporter } from "../../spec/bench-event.js";
import {
  type ProgressSnapshot,
  RunProgress,
} from "../reporters/run-progress.js";
import { systemClock, Throttle, type ThrottleClock } from "./throttle.js";

/** At most this many redraws a second, whatever the event rate. */
export const REDRAWS_PER_SECOND = 10;

/**
 * Without events (a long index build, a slow provider) the view is still
 * redrawn this often, so its clock and time left keep moving.
 */
export const IDLE_REDRAW_MS = 1_000;

/** Where the live reporter draws; the ink view in a terminal. */
export interface LiveSurface {
  draw(snapshot: ProgressSnapshot): void;
  /** Leaves the last frame on screen and stops drawing. */
  close(): Promise<void>;
}

/**
 * Keeps the run's figures and redraws them on a surface, at most
 * {@link REDRAWS_PER_SECOND} times a second: events only update state,
 * and a throttle decides when a frame is worth drawing.
 */
export class LiveReporter implements Reporter {
  readonly #surface: LiveSurface;
  readonly #progress: RunProgress;
  readonly #throttle: Throttle;
  readonly #clock: ThrottleClock;
  #heartbeat: unknown = null;
  #isClosed = false;

  constructor(surface: LiveSurface, clock: ThrottleClock = systemClock) {
    this.#surface = surface;
    this.#clock = clock;
    this.#progress = new RunProgress(() => clock.now());
    this.#throttle = new Throttle(
      1_000 / REDRAWS_PER_SECOND,
      () => this.#surface.draw(this.#progress.snapshot()),
      clock,
    );
  }

  onEvent(event: BenchEvent): void {
    if (this.#isClosed) return;
    this.#progress.apply(event);
    if (event.type === "run-start") this.#beat();
    if (event.type === "run-end") this.#throttle.flush();
    else this.#throttle.request();
  }

  /** Draws the final state once more and lets the terminal go. */
  async close(): Promise<void> {
    if (this.#isClosed) return;
    this.#isClosed = true;
    if (this.#heartbeat !== null) this.#clock.clearTimeout(this.#heartbeat);
    this.#throttle.flush();
    await this.#surface.close();
  }

  #beat(): void {
    this.#heartbeat = this.#clock.setTimeout(() => {
      if (this.#isClosed) return;
      this.#throttle.request();
      this.#beat();
    }, IDLE_REDRAW_MS);
  }
}
