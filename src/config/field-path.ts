/**
 * Where a value sits in the experiment file: mapping keys and list indices
 * from the root, as zod reports them (`["matrix", "chunking", 1, "size"]`).
 */
export type FieldPath = readonly PropertyKey[];

/** Writes a path the way users read it: `matrix.chunking[1].size`. */
export function formatFieldPath(path: FieldPath): string {
  let written = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      written += `[${segment}]`;
    } else {
      const key = String(segment);
      written += written === "" ? key : `.${key}`;
    }
  }
  return written;
}

/**
 * The path as the user wrote it. An axis may hold a single value where a
 * list is allowed (`top_k: 5`); code sees it as a one-item list, so an
 * index into a value that is not a list is dropped.
 */
export function pathAsWritten(data: unknown, path: FieldPath): FieldPath {
  const written: PropertyKey[] = [];
  let current = data;
  for (const segment of path) {
    if (typeof segment === "number" && !Array.isArray(current)) continue;
    written.push(segment);
    current = childValue(current, segment);
  }
  return written;
}

/** The raw value at `path`, or `undefined` when the path does not exist. */
export function valueAtPath(data: unknown, path: FieldPath): unknown {
  let current = data;
  for (const segment of path) {
    current = childValue(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

function childValue(parent: unknown, segment: PropertyKey): unknown {
  if (Array.isArray(parent)) {
    return typeof segment === "number" ? parent[segment] : undefined;
  }
  if (parent === null || typeof parent !== "object") return undefined;
  if (!Object.hasOwn(parent, segment)) return undefined;
  return (parent as Record<PropertyKey, unknown>)[segment];
}
