/**
 * A report as a list of blocks, so that one set of sections renders to
 * both markdown and HTML. Text is plain: renderers escape it.
 */

/** A run of text; `code` renders as inline code, `strong` in bold. */
export type Inline =
  | string
  | { code: string }
  | { strong: string }
  | { link: string; href: string };

/** Text made of one or more inline runs. */
export type RichText = string | readonly Inline[];

/** How a table column lines up its cells. */
export type ColumnAlignment = "left" | "right";

export interface ReportTable {
  head: readonly string[];
  rows: ReadonlyArray<readonly RichText[]>;
  /** One per column; left when absent. */
  align?: readonly ColumnAlignment[];
}

/**
 * A chart: markdown links its file (`src`, relative to the report), HTML
 * embeds the SVG itself.
 */
export interface ReportFigure {
  /** The chart's title, used as the image's alternative text. */
  alt: string;
  src: string;
  svg: string;
}

export type ReportBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: RichText }
  | { kind: "list"; items: readonly RichText[] }
  | { kind: "table"; table: ReportTable }
  | { kind: "figure"; figure: ReportFigure };
