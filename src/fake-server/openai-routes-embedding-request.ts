import {
  describeReceived,
  invalid,
  type ParseResult,
  parseModelRequest,
  parseOptionalCount,
  valid,
} from "./openai-routes-parse.js";

/** Most inputs one OpenAI embeddings request accepts. */
export const MAX_EMBEDDING_INPUTS = 2_048;

/** What the fake embeddings endpoint needs from a request body. */
export interface FakeEmbeddingRequest {
  model: string;
  inputs: string[];
  encodingFormat: "float" | "base64";
  /** Requested vector length; `null` for the server's default. */
  dimensions: number | null;
}

/** Validates a `/v1/embeddings` body; text inputs only. */
export function parseEmbeddingRequest(
  body: Buffer,
): ParseResult<FakeEmbeddingRequest> {
  const request = parseModelRequest(body);
  if (!request.isValid) return request;
  const { fields, model } = request.value;
  const inputs = parseInputs(fields.input);
  if (!inputs.isValid) return inputs;
  const encodingFormat = parseEncodingFormat(fields.encoding_format);
  if (!encodingFormat.isValid) return encodingFormat;
  const dimensions = parseOptionalCount(fields.dimensions, "dimensions");
  if (!dimensions.isValid) return dimensions;

  return valid({
    model,
    inputs: inputs.value,
    encodingFormat: encodingFormat.value,
    dimensions: dimensions.value,
  });
}

function parseInputs(input: unknown): ParseResult<string[]> {
  const inputs = typeof input === "string" ? [input] : input;
  const isTextList =
    Array.isArray(inputs) &&
    inputs.length > 0 &&
    inputs.every((text) => typeof text === "string" && text !== "");
  if (!isTextList) {
    return invalid(
      "Invalid 'input': expected a non-empty string or a non-empty array " +
        `of non-empty strings, got ${describeReceived(input)}.`,
      "input",
    );
  }
  if (inputs.length > MAX_EMBEDDING_INPUTS) {
    return invalid(
      `Invalid 'input': at most ${MAX_EMBEDDING_INPUTS} inputs per request, ` +
        `got ${inputs.length}.`,
      "input",
    );
  }
  return valid(inputs as string[]);
}

function parseEncodingFormat(value: unknown): ParseResult<"float" | "base64"> {
  if (value === undefined || value === null) return valid("float");
  if (value === "float" || value === "base64") return valid(value);
  return invalid(
    `Invalid 'encoding_format': expected "float" or "base64", got ` +
      `${describeReceived(value)}.`,
    "encoding_format",
  );
}
