import { it } from "vitest";
import { loadExperiment } from "./index.js";

it("x", async () => {
  for (const f of (process.env.FILES ?? "").split(",")) {
    try {
      const e = await loadExperiment(f);
      console.log(
        JSON.stringify(
          { ...e, cells: e.cells.map((c) => `${c.key} ${c.label}`) },
          null,
          1,
        ),
      );
    } catch (error) {
      console.log(String(error));
    }
  }
});
