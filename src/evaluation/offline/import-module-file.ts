import { extname } from "node:path";
import { pathToFileURL } from "node:url";

/** Extensions that need compiling before Node can run them. */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

/** The exports of a module, by name. */
export type ModuleExports = Record<string, unknown>;

/**
 * Imports a JavaScript or TypeScript file by absolute path and returns its
 * exports. TypeScript goes through tsx, loaded only when needed, so a
 * team's evaluator runs as written without a build step. Errors from the
 * import (missing file, syntax error) propagate unchanged.
 */
export async function importModuleFile(
  modulePath: string,
): Promise<ModuleExports> {
  const url = pathToFileURL(modulePath).href;
  if (!TYPESCRIPT_EXTENSIONS.has(extname(modulePath).toLowerCase())) {
    return unwrapCompiledModule(await import(url));
  }
  const { tsImport } = await import("tsx/esm/api");
  return unwrapCompiledModule(await tsImport(url, import.meta.url));
}

/**
 * A file Node runs as CommonJS (a `.ts` file outside a `"type": "module"`
 * package) arrives as `{ default: module.exports }`; compiled ES modules
 * mark that inner object with `__esModule`, and their exports live there.
 */
function unwrapCompiledModule(namespace: ModuleExports): ModuleExports {
  const inner = namespace.default;
  const isCompiledModule =
    typeof inner === "object" &&
    inner !== null &&
    (inner as ModuleExports).__esModule === true;
  return isCompiledModule ? (inner as ModuleExports) : namespace;
}
