/** `# Title`, up to three spaces of indent, optional closing hashes. */
const LEVEL_ONE_HEADING = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const CODE_FENCE = /^ {0,3}(```|~~~)/;

/**
 * The text of the first level-one ATX heading (`# Leave policy`), or null
 * when there is none. Lines inside fenced code blocks are skipped, since a
 * shell comment there is not a heading.
 */
export function extractMarkdownTitle(markdown: string): string | null {
  let openFence: string | null = null;
  for (const line of markdown.split("\n")) {
    const fence = CODE_FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (openFence === null) openFence = fence;
      else if (fence === openFence) openFence = null;
      continue;
    }
    if (openFence !== null) continue;
    const title = LEVEL_ONE_HEADING.exec(line)?.[1]?.trim();
    if (title !== undefined && title !== "") return title;
  }
  return null;
}
