import { describe, expect, it } from "vitest";
import { experimentJsonSchema } from "./experiment-json-schema.js";

interface ObjectSchema {
  properties: Record<string, { description?: string }>;
  required: string[];
  additionalProperties: boolean;
}

describe("experimentJsonSchema", () => {
  const schema = experimentJsonSchema();

  it("names itself and its JSON Schema dialect", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("fmops experiment");
    expect(schema.description).toEqual(expect.any(String));
  });

  it("describes every top-level key and which are required", () => {
    const root = schema as unknown as ObjectSchema;

    expect(Object.keys(root.properties)).toEqual([
      "name",
      "description",
      "dataset",
      "models",
      "matrix",
      "exclude",
      "include",
      "evaluators",
      "concurrency",
      "embedders",
      "limits",
      "retry",
      "prices",
      "cache",
      "judge",
      "budget",
      "gates",
    ]);
    expect(root.required).toEqual(["name", "dataset", "matrix", "evaluators"]);
    expect(root.additionalProperties).toBe(false);
    expect(root.properties.concurrency?.description).toBe(
      "Most questions in flight at once.",
    );
  });

  it("lets an axis be a single value or a list, and shows defaults", () => {
    const text = JSON.stringify(schema);

    expect(text).toContain('"enum":["dense","bm25","hybrid"]');
    expect(text).toContain('"default":0');
    expect(text).toContain('"default":8');
    expect(text).toContain('"anyOf"');
  });
});
