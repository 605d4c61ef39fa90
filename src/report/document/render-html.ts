import { escapeMarkup } from "../escape-markup.js";
import type {
  Inline,
  ReportBlock,
  ReportTable,
  RichText,
} from "./report-block.js";

// Enough style to read tables and charts; no external resources.
const style = `body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem}
th{background:#f6f8fa}td.right,th.right{text-align:right}code{background:#f6f8fa;padding:0 .2rem}
figure{margin:1rem 0}svg{max-width:100%;height:auto}`;

/**
 * Blocks as a standalone HTML page titled `title`, with charts inline, so
 * the one file carries everything.
 */
export function renderHtml(
  title: string,
  blocks: readonly ReportBlock[],
): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeMarkup(title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    ...blocks.map(renderBlock),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level}>${escapeMarkup(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p>${renderText(block.text)}</p>`;
    case "list":
      return `<ul>${block.items.map((item) => `<li>${renderText(item)}</li>`).join("")}</ul>`;
    case "table":
      return renderTable(block.table);
    case "figure":
      return `<figure>${withoutXmlDeclaration(block.figure.svg)}</figure>`;
  }
}

function renderText(text: RichText): string {
  const inlines = typeof text === "string" ? [text] : text;
  return inlines.map(renderInline).join("");
}

function renderInline(inline: Inline): string {
  if (typeof inline === "string") return escapeMarkup(inline);
  if ("code" in inline) return `<code>${escapeMarkup(inline.code)}</code>`;
  if ("strong" in inline)
    return `<strong>${escapeMarkup(inline.strong)}</strong>`;
  return `<a href="${escapeMarkup(inline.href)}">${escapeMarkup(inline.link)}</a>`;
}

function renderTable(table: ReportTable): string {
  const cellClass = (index: number) =>
    table.align?.[index] === "right" ? ' class="right"' : "";
  const head = table.head
    .map((name, index) => `<th${cellClass(index)}>${escapeMarkup(name)}</th>`)
    .join("");
  const rows = table.rows.map(
    (row) =>
      `<tr>${table.head
        .map(
          (_, index) =>
            `<td${cellClass(index)}>${renderText(row[index] ?? "")}</td>`,
        )
        .join("")}</tr>`,
  );
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>\n</table>`;
}

function withoutXmlDeclaration(svg: string): string {
  return svg.replace(/^<\?xml[^>]*\?>\s*/, "");
}
