// What starts markdown syntax inside a line: emphasis, code, strikethrough
// and table cells; `]` only where a link would follow, `<` only where a tag
// or autolink would. `_` is left alone inside words (`token_f1`), where GFM
// never reads it as emphasis. Brackets and `<` stay bare elsewhere, so
// intervals such as [0.1, 0.3] and "p < 0.05" read well in a terminal.
const syntaxCharacters =
  /[\\`*|~]|\](?=[([:])|<(?=[A-Za-z/!?])|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
const entityLike = /&(?=#?[a-zA-Z0-9]+;)/g;

/**
 * Text as markdown shows it literally, on one line: syntax characters are
 * escaped with a backslash and line breaks become spaces, so the text is
 * safe inside a paragraph, a list item or a table cell.
 */
export function escapeMarkdown(text: string): string {
  return collapseLines(text)
    .replace(syntaxCharacters, (character) => `\\${character}`)
    .replace(entityLike, "\\&");
}

/**
 * Inline code that shows `text` as it is, backticks included. In a table
 * cell GFM needs `|` escaped even inside code, and drops the backslash.
 */
export function markdownCode(text: string, isInTable: boolean): string {
  const flat = collapseLines(text);
  const line = isInTable ? flat.replaceAll("|", "\\|") : flat;
  const longestRun = Math.max(
    0,
    ...[...line.matchAll(/`+/g)].map((match) => match[0].length),
  );
  const fence = "`".repeat(longestRun + 1);
  const padding = longestRun > 0 ? " " : "";
  return `${fence}${padding}${line}${padding}${fence}`;
}

function collapseLines(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ");
}
