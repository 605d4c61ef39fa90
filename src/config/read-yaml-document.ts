import { readFile } from "node:fs/promises";
import { type Document, LineCounter, parseDocument } from "yaml";
import { ConfigError, type ConfigIssue } from "../errors/config-error.js";
import { quoteShortened } from "./format-received.js";

/** A parsed YAML file together with what is needed to point into it. */
export interface YamlSource {
  /** The file as the user named it; error messages show this. */
  file: string;
  text: string;
  document: Document;
  /** Turns offsets into 1-based lines and columns. */
  lineCounter: LineCounter;
  /** The document as plain JavaScript values. */
  data: unknown;
}

/**
 * Reads and parses a YAML file. A file that cannot be read, is not valid
 * YAML or holds nothing is a ConfigError naming the file and, for syntax
 * errors, the line and column.
 */
export async function readYamlDocument(file: string): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError([unreadableFileIssue(file, error)], {
      cause: error,
    });
  }
  return parseYamlDocument(text, file);
}

/** Parses YAML text that came from `file`; see `readYamlDocument`. */
export function parseYamlDocument(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const source = { file, text, document, lineCounter, data: undefined };
  if (document.errors.length > 0) {
    throw new ConfigError(syntaxIssues(source));
  }
  if (document.contents === null) {
    throw new ConfigError([emptyDocumentIssue(file)]);
  }
  return { ...source, data: document.toJS() };
}

function unreadableFileIssue(file: string, error: unknown): ConfigIssue {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOENT" ? "no such file" : "a file that cannot be read";
  return {
    location: { file, line: null, column: null },
    fieldPath: "",
    received: code === undefined ? reason : `${reason} (${code})`,
    expected: "a readable YAML experiment file",
  };
}

function emptyDocumentIssue(file: string): ConfigIssue {
  return {
    location: { file, line: 1, column: 1 },
    fieldPath: "",
    received: "an empty document",
    expected: "a mapping with the keys name, dataset, matrix and evaluators",
  };
}

function syntaxIssues(source: YamlSource): ConfigIssue[] {
  return source.document.errors.map((error) => {
    const position = source.lineCounter.linePos(error.pos[0]);
    const line = Math.max(position.line, 1);
    return {
      location: { file: source.file, line, column: position.col },
      fieldPath: "",
      received: describeLine(source.text, line),
      expected: `valid YAML (${lowerFirst(error.message)})`,
    };
  });
}

function describeLine(text: string, line: number): string {
  const content = (text.split(/\r?\n/)[line - 1] ?? "").trim();
  return content === ""
    ? "an empty line"
    : `the line ${quoteShortened(content)}`;
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
