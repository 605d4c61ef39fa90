#!/usr/bin/env node
// Renders the SVG charts a markdown report links to as PNG files beside
// them, with resvg (a full SVG renderer), and prints each file and its
// size: a check that the charts render outside a browser.
//
//   npm run report:render -- reports/report.md
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const reportPath = process.argv[2];
if (reportPath === undefined) {
  console.error("usage: npm run report:render -- REPORT.md");
  process.exit(2);
}

const markdown = readFileSync(reportPath, "utf8");
const chartPaths = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+\.svg)\)/g)].map(
  (match) => resolve(dirname(reportPath), decodeURI(match[1])),
);
if (chartPaths.length === 0) {
  console.error(`${reportPath} links no SVG chart; write it with --out FILE`);
  process.exit(1);
}

for (const svgPath of chartPaths) {
  const rendered = new Resvg(readFileSync(svgPath), {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  }).render();
  const pngPath = svgPath.replace(/\.svg$/, ".png");
  writeFileSync(pngPath, rendered.asPng());
  const kilobytes = (statSync(pngPath).size / 1024).toFixed(1);
  console.log(
    `${pngPath}  ${rendered.width}×${rendered.height} px  ${kilobytes} KiB`,
  );
}
