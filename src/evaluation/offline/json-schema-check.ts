import { Ajv } from "ajv";
import { FmopsError } from "../../errors/index.js";
import { parseAnswerJson } from "./parse-answer-json.js";

/** Checks answers against one JSON Schema, compiled once. */
export type JsonSchemaChecker = (answer: string) => number;

/**
 * A scorer giving 1 when the answer's JSON (see {@link parseAnswerJson})
 * validates against `schema`, else 0; an answer that is not JSON scores 0.
 * Keywords Ajv does not know, such as unregistered `format`s, are ignored
 * rather than refused, so schemas written for other validators still load.
 *
 * @throws FmopsError (`CONFIG_INVALID`) when Ajv cannot compile `schema`.
 */
export function createJsonSchemaChecker(
  evaluatorName: string,
  schema: object,
): JsonSchemaChecker {
  const validate = compileSchema(evaluatorName, schema);
  return (answer) => {
    const parsed = parseAnswerJson(answer);
    return parsed.isJson && validate(parsed.value) ? 1 : 0;
  };
}

function compileSchema(evaluatorName: string, schema: object) {
  // logger: false keeps Ajv from writing warnings to the console.
  const ajv = new Ajv({ strict: false, logger: false });
  try {
    return ajv.compile(schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FmopsError(
      "CONFIG_INVALID",
      `evaluator "${evaluatorName}": the schema is not a JSON Schema Ajv ` +
        `can compile: ${reason}`,
      { cause: error },
    );
  }
}
