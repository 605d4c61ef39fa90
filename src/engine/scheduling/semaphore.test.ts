import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore.js";

describe("Semaphore", () => {
  it("hands a released slot to the first waiter, not to a newcomer", async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const order: string[] = [];
    const waiter = semaphore.acquire().then((next) => {
      order.push("waiter");
      return next;
    });

    release();
    const newcomer = semaphore.acquire().then((next) => {
      order.push("newcomer");
      return next;
    });
    const waiterRelease = await waiter;
    expect(semaphore.activeCount).toBe(1);
    expect(semaphore.waitingCount).toBe(1);

    waiterRelease();
    (await newcomer)();
    expect(order).toEqual(["waiter", "newcomer"]);
    expect(semaphore.activeCount).toBe(0);
  });

  it("ignores a second release of the same slot", async () => {
    const semaphore = new Semaphore(2);
    const release = await semaphore.acquire();
    await semaphore.acquire();

    release();
    release();
    expect(semaphore.activeCount).toBe(1);
  });

  it("drops an aborted waiter from the line", async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);

    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(semaphore.waitingCount).toBe(0);

    release();
    expect(semaphore.activeCount).toBe(0);
  });
});
