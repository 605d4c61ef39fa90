import { describe, expect, it } from "vitest";
import { raceWithAbort } from "./race-with-abort.js";

describe("raceWithAbort", () => {
  it("settles like the work when nothing aborts", async () => {
    const controller = new AbortController();

    await expect(
      raceWithAbort(Promise.resolve(7), controller.signal),
    ).resolves.toBe(7);
    await expect(
      raceWithAbort(Promise.reject(new Error("boom")), controller.signal),
    ).rejects.toThrow("boom");
  });

  it("rejects with the signal's reason while the work is still pending", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const pending = raceWithAbort(
      new Promise<never>(() => {}),
      controller.signal,
    );
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it("rejects at once when the signal has already aborted", async () => {
    const reason = new Error("already stopped");

    await expect(
      raceWithAbort(Promise.resolve(1), AbortSignal.abort(reason)),
    ).rejects.toBe(reason);
  });
});
