import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
} from "yaml";
import type { FieldPath } from "./field-path.js";

/** A 1-based line and column in the experiment file. */
export interface FieldPosition {
  line: number;
  column: number;
}

/**
 * Where the field at `path` is written. A mapping entry points at its key,
 * a list item at the item. When the path does not exist (a missing key),
 * the deepest part that does is returned, so a missing field points at
 * the mapping that should hold it.
 */
export function locateField(
  document: Document,
  lineCounter: LineCounter,
  path: FieldPath,
): FieldPosition {
  let node: unknown = document.contents;
  let offset = startOffset(node) ?? 0;
  for (const segment of path) {
    const child = findChild(document, node, segment);
    if (child === null) break;
    node = child.node;
    offset = child.offset ?? offset;
  }
  const position = lineCounter.linePos(offset);
  return { line: Math.max(position.line, 1), column: position.col };
}

interface LocatedChild {
  node: unknown;
  /** Start of the key for mapping entries, of the item for list items. */
  offset: number | undefined;
}

function findChild(
  document: Document,
  parent: unknown,
  segment: PropertyKey,
): LocatedChild | null {
  const resolved = isAlias(parent) ? parent.resolve(document) : parent;
  if (isMap(resolved)) {
    const pair = resolved.items.find((item) => keyText(item.key) === segment);
    if (pair === undefined) return null;
    return { node: pair.value, offset: startOffset(pair.key) };
  }
  if (isSeq(resolved) && typeof segment === "number") {
    const item: unknown = resolved.items[segment];
    if (item === undefined) return null;
    return { node: item, offset: startOffset(item) };
  }
  return null;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function startOffset(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0];
}
