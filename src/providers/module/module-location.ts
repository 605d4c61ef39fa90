import { isAbsolute } from "node:path";
import { FmopsError } from "../../errors/index.js";
import type { ModelSpec } from "../../spec/index.js";

/** Where a team's code lives: a file and the export to take from it. */
export interface ModuleLocation {
  /** Absolute path of the file (`.ts`, `.mts`, `.js`, `.mjs`…). */
  modulePath: string;
  /** The export to use. @default "default" */
  exportName: string;
  /** The `models:` entry that names the file, for messages. */
  alias: string;
}

/** Reads the file and export a `module` or `langchain` model points at. */
export function resolveModuleLocation(spec: ModelSpec): ModuleLocation {
  const modulePath = spec.settings?.modulePath;
  if (modulePath === undefined || !isAbsolute(modulePath)) {
    const received =
      modulePath === undefined ? "nothing" : JSON.stringify(modulePath);
    throw new FmopsError(
      "CONFIG_INVALID",
      `models.${spec.alias}.settings.modulePath: expected an absolute path ` +
        `to a .ts, .mts, .js or .mjs file, got ${received}`,
    );
  }
  return {
    modulePath,
    exportName: spec.settings?.exportName ?? "default",
    alias: spec.alias,
  };
}

/** `export "name" of /path/file.ts`, the way messages refer to an export. */
export function describeLocation(location: ModuleLocation): string {
  return `export "${location.exportName}" of ${location.modulePath}`;
}
