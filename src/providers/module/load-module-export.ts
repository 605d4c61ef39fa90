import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import { FmopsError } from "../../errors/index.js";
import { describeLocation, type ModuleLocation } from "./module-location.js";

/** Extensions that need compiling before Node can run them. */
const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);

type ModuleExports = Record<string, unknown>;

/**
 * TypeScript files already loaded, by file URL. `tsImport` loads a fresh
 * copy of a file and of everything it imports on every call (about a
 * second for a file that imports @langchain/core); keeping the first gives
 * TypeScript files the once-per-process loading Node gives JavaScript.
 */
const typeScriptModules = new Map<string, Promise<ModuleExports>>();

/**
 * Imports a team's file and returns the export the experiment names.
 * TypeScript files are compiled on the fly with tsx, so a team's code is
 * benchmarked as written, without a build step.
 */
export async function loadModuleExport(
  location: ModuleLocation,
): Promise<unknown> {
  const exports = exportTable(await importModule(location));
  if (!Object.hasOwn(exports, location.exportName)) {
    throw missingExport(location, exports);
  }
  return exports[location.exportName];
}

async function importModule(location: ModuleLocation): Promise<ModuleExports> {
  const url = pathToFileURL(location.modulePath).href;
  try {
    if (!isTypeScript(location.modulePath)) return await import(url);
    return await importTypeScript(url);
  } catch (error) {
    throw new FmopsError(
      "CONFIG_INVALID",
      `models.${location.alias}: cannot load ${location.modulePath}: ` +
        messageOf(error),
      { cause: error },
    );
  }
}

function importTypeScript(url: string): Promise<ModuleExports> {
  const cached = typeScriptModules.get(url);
  if (cached !== undefined) return cached;
  // tsx is loaded only when a TypeScript file asks for it.
  const loading = import("tsx/esm/api").then(({ tsImport }) =>
    tsImport(url, import.meta.url),
  );
  typeScriptModules.set(url, loading);
  // A file that failed to load may be fixed before the next attempt.
  loading.catch(() => typeScriptModules.delete(url));
  return loading;
}

function isTypeScript(modulePath: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(extname(modulePath).toLowerCase());
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

function missingExport(
  location: ModuleLocation,
  exports: ModuleExports,
): FmopsError {
  const names = Object.keys(exports)
    .filter((name) => name !== "__esModule")
    .sort();
  const found =
    names.length === 0
      ? "the file exports nothing"
      : `the file exports: ${names.join(", ")}`;
  return new FmopsError(
    "CONFIG_INVALID",
    `models.${location.alias}: ${describeLocation(location)} does not ` +
      `exist; ${found}`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
