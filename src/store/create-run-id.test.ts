import { describe, expect, it } from "vitest";
import { FmopsError } from "../errors/fmops-error.js";
import { createRunId } from "./create-run-id.js";

describe("createRunId", () => {
  it("writes the UTC date and time, then four hex digits", () => {
    // 0.3 × 65536 = 19660.8, floored to 19660 = 0x4ccc.
    const id = createRunId(new Date("2026-12-03T17:12:05.900Z"), () => 0.3);
    expect(id).toBe("20261203-171205-4ccc");
  });

  it("pads small values so every id has the same width", () => {
    const id = createRunId(new Date("2026-01-02T03:04:05Z"), () => 0);
    expect(id).toBe("20260102-030405-0000");
  });

  it("keeps the suffix to four digits at the top of the random range", () => {
    const id = createRunId(new Date("2026-01-02T03:04:05Z"), () => 0.99999999);
    expect(id).toBe("20260102-030405-ffff");
  });

  it("uses UTC whatever the local time zone of the date", () => {
    const id = createRunId(new Date("2026-06-30T23:30:00-05:00"), () => 0);
    expect(id).toBe("20260701-043000-0000");
  });

  it("sorts ids in the order the runs started", () => {
    const earlier = createRunId(new Date("2026-09-30T23:59:59Z"), () => 0.9);
    const later = createRunId(new Date("2026-10-01T00:00:00Z"), () => 0.1);
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });

  it("refuses an invalid date", () => {
    expect(() => createRunId(new Date("not a date"))).toThrow(FmopsError);
  });
});
