import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { WriteBuffer } from "./write-buffer.js";

function bufferWritingTo(
  batches: number[][],
  options: { maxPendingEntries?: number; flushDelayMs?: number } = {},
) {
  return new WriteBuffer<number>({
    maxPendingEntries: options.maxPendingEntries ?? 3,
    flushDelayMs: options.flushDelayMs ?? 60_000,
    writeBatch: (entries) => {
      batches.push(entries);
    },
  });
}

describe("WriteBuffer", () => {
  it("holds entries until flushed, then writes them as one batch", () => {
    const batches: number[][] = [];
    const buffer = bufferWritingTo(batches);
    buffer.add(1);
    buffer.add(2);
    expect(batches).toEqual([]);
    expect(buffer.pendingCount).toBe(2);

    buffer.flush();
    expect(batches).toEqual([[1, 2]]);
    expect(buffer.pendingCount).toBe(0);
  });

  it("writes as soon as the batch is full", () => {
    const batches: number[][] = [];
    const buffer = bufferWritingTo(batches, { maxPendingEntries: 3 });
    for (const entry of [1, 2, 3, 4]) buffer.add(entry);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(buffer.pendingCount).toBe(1);
    buffer.discard();
  });

  it("writes a partial batch once its delay has passed", async () => {
    const batches: number[][] = [];
    const buffer = bufferWritingTo(batches, { flushDelayMs: 5 });
    buffer.add(7);
    // Timers of equal delay fire in the order they were set, so the
    // buffer's timer has fired when this one resolves.
    await sleep(5);
    expect(batches).toEqual([[7]]);
  });

  it("does nothing when flushed empty", () => {
    const batches: number[][] = [];
    bufferWritingTo(batches).flush();
    expect(batches).toEqual([]);
  });

  it("keeps a failed batch pending so a later flush can retry it", () => {
    let failuresLeft = 1;
    const written: number[][] = [];
    const buffer = new WriteBuffer<number>({
      maxPendingEntries: 10,
      flushDelayMs: 60_000,
      writeBatch: (entries) => {
        if (failuresLeft-- > 0) throw new Error("database is locked");
        written.push(entries);
      },
    });
    buffer.add(1);
    buffer.add(2);
    expect(() => buffer.flush()).toThrow("database is locked");
    expect(buffer.pendingCount).toBe(2);

    buffer.add(3);
    buffer.flush();
    expect(written).toEqual([[1, 2, 3]]);
  });

  it("throws a background failure from the next call", async () => {
    const buffer = new WriteBuffer<number>({
      maxPendingEntries: 10,
      flushDelayMs: 5,
      writeBatch: () => {
        throw new Error("disk full");
      },
    });
    buffer.add(1);
    await sleep(5);
    expect(() => buffer.add(2)).toThrow("disk full");
    // The entry that met the error was not taken; the failed one still waits.
    expect(buffer.pendingCount).toBe(1);
    buffer.discard();
  });
});
