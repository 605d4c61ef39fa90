import { extname } from "node:path";
import { pathToFileURL } from "node:url";

/** Extensions that need compiling before Node can run them. */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

/** The exports of a module, by name. */
export type ModuleExports = Record<string, unknown>;

/**
 * TypeScript files already loaded, by file URL. `tsImport` loads a fresh
 * copy of a file and of everything it imports on every call (about a
 * second for a file that imports @langchain/core); keeping the first gives
 * TypeScript files the once-per-process loading Node gives JavaScript.
 */
const typeScriptModules = new Map<string, Promise<ModuleExports>>();

/**
 * Imports a team's JavaScript or TypeScript file by absolute path and
 * returns its exports. TypeScript is compiled on the fly with tsx, loaded
 * only when needed, so a team's code runs as written without a build
 * step. Errors of the import (missing file, syntax error) propagate.
 */
export async function importModuleFile(
  modulePath: string,
): Promise<ModuleExports> {
  const url = pathToFileURL(modulePath).href;
  const isTypeScript = TYPESCRIPT_EXTENSIONS.has(
    extname(modulePath).toLowerCase(),
  );
  const namespace = isTypeScript
    ? await importTypeScript(url)
    : ((await import(url)) as ModuleExports);
  return exportTable(namespace);
}

function importTypeScript(url: string): Promise<ModuleExports> {
  const cached = typeScriptModules.get(url);
  if (cached !== undefined) return cached;
  const loading = import("tsx/esm/api").then(
    ({ tsImport }) => tsImport(url, import.meta.url) as Promise<ModuleExports>,
  );
  typeScriptModules.set(url, loading);
  // A file that failed to load may be fixed before the next attempt.
  loading.catch(() => typeScriptModules.delete(url));
  return loading;
}

/**
 * A file Node treats as CommonJS (a `.ts` file in a package without
 * `"type": "module"`) arrives as `{ default: module.exports }`, its named
 * exports one level down; compiled ES modules mark that object with
 * `__esModule`.
 */
function exportTable(namespace: ModuleExports): ModuleExports {
  const inner = namespace.default;
  const isCompiledModule =
    typeof inner === "object" &&
    inner !== null &&
    (inner as ModuleExports).__esModule === true;
  return isCompiledModule ? (inner as ModuleExports) : namespace;
}
