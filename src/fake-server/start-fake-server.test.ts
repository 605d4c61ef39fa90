import { describe, expect, it } from "vitest";
import { startFakeServer } from "./start-fake-server.js";

describe("startFakeServer", () => {
  it("says so when its port is taken, as a usage error", async () => {
    const first = await startFakeServer();
    const port = Number(new URL(first.url).port);
    try {
      await expect(startFakeServer({ port })).rejects.toMatchObject({
        code: "USAGE",
        message: `fake server: cannot listen on 127.0.0.1:${port}: the port is in use; choose another --port`,
      });
    } finally {
      await first.close();
    }
  });
});
