import { describe, expect, it } from "vitest";
import { FmopsError } from "../../errors/index.js";
import { createJsonSchemaChecker } from "./json-schema-check.js";

const CITY_SCHEMA = {
  type: "object",
  properties: {
    city: { type: "string" },
    population: { type: "integer", minimum: 0 },
  },
  required: ["city"],
  additionalProperties: false,
};

describe("createJsonSchemaChecker", () => {
  it("scores 1 only for JSON the schema accepts", () => {
    const check = createJsonSchemaChecker("city", CITY_SCHEMA);
    expect(check('{"city": "Paris", "population": 2100000}')).toBe(1);
    expect(check('```json\n{"city": "Lyon"}\n```')).toBe(1);
    expect(check('{"population": 5}')).toBe(0);
    expect(check('{"city": "Paris", "mayor": "x"}')).toBe(0);
    expect(check('{"city": "Paris", "population": -1}')).toBe(0);
    expect(check("Paris")).toBe(0);
  });

  it("ignores formats it does not know instead of refusing the schema", () => {
    const check = createJsonSchemaChecker("mail", {
      type: "string",
      format: "email",
    });
    expect(check('"someone@example.com"')).toBe(1);
    expect(check("12")).toBe(0);
  });

  it("names the evaluator when the schema cannot compile", () => {
    const compile = () =>
      createJsonSchemaChecker("bad", { type: "no-such-type" });
    expect(compile).toThrow(FmopsError);
    expect(compile).toThrow(/evaluator "bad": the schema is not/);
  });
});
