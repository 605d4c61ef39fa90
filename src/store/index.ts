export * from "./create-run-id.js";
export * from "./migrate-database.js";
export * from "./migrations.js";
export * from "./open-results-store.js";
export type { CachedResponseEntry } from "./response-cache-row.js";
export * from "./results-store.js";
