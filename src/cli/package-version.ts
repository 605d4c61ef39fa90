import { readFileSync } from "node:fs";

let cached: string | undefined;

/** fmops's own version, from its package.json. */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  const url = new URL("../../package.json", import.meta.url);
  const manifest = JSON.parse(readFileSync(url, "utf8")) as { version: string };
  cached = manifest.version;
  return cached;
}
