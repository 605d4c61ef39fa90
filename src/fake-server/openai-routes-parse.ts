/** A request field that failed the fake server's validation. */
export interface RequestProblem {
  message: string;
  /** Path of the field in OpenAI's notation, e.g. `messages[0].content`. */
  param: string | null;
}

/** Either the validated value or what is wrong with the request. */
export type ParseResult<Value> =
  | { isValid: true; value: Value }
  | { isValid: false; problem: RequestProblem };

export function valid<Value>(value: Value): ParseResult<Value> {
  return { isValid: true, value };
}

export function invalid<Value>(
  message: string,
  param: string | null,
): ParseResult<Value> {
  return { isValid: false, problem: { message, param } };
}

/** The request body as a JSON object, or the problem OpenAI would report. */
export function parseJsonObject(
  body: Buffer,
): ParseResult<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    return invalid(
      "The request body is not valid JSON. Send a JSON object with " +
        "Content-Type: application/json.",
      null,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return invalid("The request body must be a JSON object.", null);
  }
  return valid(parsed as Record<string, unknown>);
}

/**
 * The body of a request that names a model: its fields and the model, or
 * the problem OpenAI would report.
 */
export function parseModelRequest(
  body: Buffer,
): ParseResult<{ fields: Record<string, unknown>; model: string }> {
  const parsedBody = parseJsonObject(body);
  if (!parsedBody.isValid) return parsedBody;
  const fields = parsedBody.value;
  if (typeof fields.model !== "string" || fields.model === "") {
    return invalid(
      `Invalid 'model': expected a model name, got ${describeReceived(fields.model)}.`,
      "model",
    );
  }
  return valid({ fields, model: fields.model });
}

/** A positive whole number, absent (`null`), or a problem naming `param`. */
export function parseOptionalCount(
  value: unknown,
  param: string,
): ParseResult<number | null> {
  if (value === undefined || value === null) return valid(null);
  if (typeof value === "number" && Number.isInteger(value) && value > 0) {
    return valid(value);
  }
  return invalid(
    `Invalid '${param}': expected a positive integer, got ` +
      `${JSON.stringify(value)}.`,
    param,
  );
}

/** Describes a received value for an error message, e.g. `a number (3)`. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const text = JSON.stringify(value);
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `a ${typeof value} (${shown})`;
}
