import { createHash } from "node:crypto";

/** Hex sha256 of a string or bytes. */
export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * JSON with object keys sorted at every depth, so that equal values always
 * serialise to equal strings; `undefined` members are dropped.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) sorted[key] = sortKeysDeep(member);
  }
  return sorted;
}

/** A short, stable content key: the first `length` hex digits of sha256. */
export function contentKey(value: unknown, length = 16): string {
  return sha256(canonicalJson(value)).slice(0, length);
}
