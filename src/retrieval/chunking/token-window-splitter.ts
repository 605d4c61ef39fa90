import { TextSplitter } from "@langchain/textsplitters";
import { decodeTokens, encodeTokens } from "../../util/count-tokens.js";
import { tokenWindowRanges } from "./token-window-ranges.js";

/**
 * Fixed windows of `chunkSize` tokens sharing `chunkOverlap` tokens,
 * counted with the bundled o200k_base encoding. LangChain's own token
 * splitter fetches its encoding over the network on first use; this one
 * works offline.
 *
 * Windows are cut at token boundaries, not word boundaries, so a window may
 * begin or end inside a word, and text outside Latin scripts may be cut
 * inside a character (the broken character decodes as U+FFFD). A window
 * holds exactly `chunkSize` tokens of the document's tokenization; its text
 * encoded on its own can take a token or two more, because the encoder may
 * split the fragments at its edges differently from the words they came
 * from.
 */
export class TokenWindowSplitter extends TextSplitter {
  static override lc_name(): string {
    return "TokenWindowSplitter";
  }

  async splitText(text: string): Promise<string[]> {
    const tokens = encodeTokens(text);
    const ranges = tokenWindowRanges(
      tokens.length,
      this.chunkSize,
      this.chunkOverlap,
    );
    return ranges.map(({ start, end }) =>
      decodeTokens(tokens.slice(start, end)),
    );
  }
}
