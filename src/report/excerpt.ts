/** `text` on one line, cut to about `maxLength` characters with an ellipsis. */
export function excerpt(text: string, maxLength = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= maxLength) return line;
  return `${line.slice(0, maxLength - 1).trimEnd()}…`;
}
