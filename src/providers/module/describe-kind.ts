/**
 * What kind of value a module exported, in a few words: `a function`,
 * `a string`, `an instance of FakeListChatModel`. Never the value itself,
 * which may be a large object or a function's whole source.
 */
export function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return describeObject(value);
  return `a ${typeof value}`;
}

function describeObject(value: object): string {
  const className: unknown = value.constructor?.name;
  if (typeof className !== "string" || className === "Object") {
    return "a plain object";
  }
  return `an instance of ${className}`;
}
