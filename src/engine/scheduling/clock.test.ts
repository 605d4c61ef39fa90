import { describe, expect, it } from "vitest";
import { systemClock } from "./clock.js";

describe("systemClock", () => {
  it("sleeps on real timers", async () => {
    const before = systemClock.now();
    await systemClock.sleep(1);
    expect(systemClock.now()).toBeGreaterThan(before);
  });

  it("rejects with the abort reason, also when already aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(reason);

    await expect(sleeping).rejects.toBe(reason);
    await expect(systemClock.sleep(10, controller.signal)).rejects.toBe(reason);
  });

  it("fires a timer unless it is cancelled first", async () => {
    const fired: string[] = [];
    systemClock.setTimer(1, () => fired.push("kept"));
    const cancel = systemClock.setTimer(1, () => fired.push("cancelled"));
    cancel();
    await systemClock.sleep(20);
    expect(fired).toEqual(["kept"]);
  });
});
