/** The tables `fmops report --format csv` writes. */
export const CSV_TABLES = ["cases", "cells"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];
