import { escapeMarkdown, markdownCode } from "./escape-markdown.js";
import type {
  Inline,
  ReportBlock,
  ReportTable,
  RichText,
} from "./report-block.js";

/**
 * Blocks as GitHub-flavoured markdown: blank lines between blocks, one
 * trailing newline, tables with a delimiter row.
 */
export function renderMarkdown(blocks: readonly ReportBlock[]): string {
  return `${blocks.map(renderBlock).join("\n\n")}\n`;
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${escapeMarkdown(block.text)}`;
    case "paragraph":
      return renderText(block.text, false);
    case "list":
      return block.items
        .map((item) => `- ${renderText(item, false)}`)
        .join("\n");
    case "table":
      return renderTable(block.table);
    case "figure":
      return `![${escapeMarkdown(block.figure.alt)}](${encodeURI(block.figure.src)})`;
  }
}

function renderText(text: RichText, isInTable: boolean): string {
  const inlines = typeof text === "string" ? [text] : text;
  return inlines.map((inline) => renderInline(inline, isInTable)).join("");
}

function renderInline(inline: Inline, isInTable: boolean): string {
  if (typeof inline === "string") return escapeMarkdown(inline);
  if ("code" in inline) return markdownCode(inline.code, isInTable);
  if ("strong" in inline) return `**${escapeMarkdown(inline.strong)}**`;
  return `[${escapeMarkdown(inline.link)}](${encodeURI(inline.href)})`;
}

/**
 * A GFM table. Columns are padded to one width when every cell is plain
 * narrow text, so the table also reads well in a terminal; text whose
 * width on screen a character count cannot tell (wide scripts, emoji)
 * keeps single spaces instead, which linters accept as well.
 */
function renderTable(table: ReportTable): string {
  const head = table.head.map(escapeMarkdown);
  const rows = table.rows.map((row) =>
    head.map((_, index) => renderText(row[index] ?? "", true)),
  );
  const align = head.map((_, index) => table.align?.[index] ?? "left");
  const widths = isNarrowText([head, ...rows])
    ? head.map((_, index) =>
        Math.max(3, ...[head, ...rows].map((row) => row[index]?.length ?? 0)),
      )
    : head.map(() => 0);
  const line = (cells: string[]) =>
    `| ${cells.map((cell, index) => pad(cell, widths[index] ?? 0, align[index])).join(" | ")} |`;
  const delimiter = `| ${align
    .map((side, index) => delimiterCell(side, widths[index] ?? 0))
    .join(" | ")} |`;
  return [line(head), delimiter, ...rows.map(line)].join("\n");
}

function pad(cell: string, width: number, side: string | undefined): string {
  return side === "right" ? cell.padStart(width) : cell.padEnd(width);
}

function delimiterCell(side: string, width: number): string {
  const dashes = "-".repeat(Math.max(3, width) - (side === "right" ? 1 : 0));
  return side === "right" ? `${dashes}:` : dashes;
}

// Printable ASCII and the few symbols reports use, all one column wide.
const narrowText = /^[\x20-\x7e±–—·×≤≥−→…]*$/;

function isNarrowText(rows: string[][]): boolean {
  return rows.every((row) => row.every((cell) => narrowText.test(cell)));
}
