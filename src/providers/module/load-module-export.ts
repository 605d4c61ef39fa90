import { FmopsError } from "../../errors/index.js";
import {
  importModuleFile,
  type ModuleExports,
} from "../../util/import-module-file.js";
import { describeLocation, type ModuleLocation } from "./module-location.js";

/**
 * Imports a team's file and returns the export the experiment names.
 * TypeScript files are compiled on the fly with tsx, so a team's code is
 * benchmarked as written, without a build step.
 */
export async function loadModuleExport(
  location: ModuleLocation,
): Promise<unknown> {
  const exports = await importModule(location);
  if (!Object.hasOwn(exports, location.exportName)) {
    throw missingExport(location, exports);
  }
  return exports[location.exportName];
}

async function importModule(location: ModuleLocation): Promise<ModuleExports> {
  try {
    return await importModuleFile(location.modulePath);
  } catch (error) {
    throw new FmopsError(
      "CONFIG_INVALID",
      `models.${location.alias}: cannot load ${location.modulePath}: ` +
        messageOf(error),
      { cause: error },
    );
  }
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
