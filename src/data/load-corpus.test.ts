import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DatasetError } from "../errors/index.js";
import { loadCorpus } from "./load-corpus.js";

const SCIFACT = fileURLToPath(
  new URL("../../../shared/datasets/scifact", import.meta.url),
);

const folders: string[] = [];

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A fresh folder under the system temp dir holding `files`. */
function writeFiles(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "fmops-corpus-"));
  folders.push(root);
  for (const [relativePath, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relativePath)), { recursive: true });
    writeFileSync(join(root, relativePath), content);
  }
  return root;
}

async function loadError(
  path: string,
  format: "folder" | "beir",
): Promise<DatasetError> {
  const error = await loadCorpus(path, format).catch((caught) => caught);
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

/** The documented hash layout, spelled out independently of the loader. */
function expectedHash(pairs: [string, string][]): string {
  const hash = createHash("sha256");
  for (const [id, text] of pairs) {
    hash.update(`${JSON.stringify(id)}\n${JSON.stringify(text)}\n`);
  }
  return hash.digest("hex");
}

describe("loadCorpus: folder", () => {
  it("reads md, markdown and txt files recursively in path order", async () => {
    const root = writeFiles({
      "policies/leave.md": "# Leave policy\n\nTwenty days a year.\n",
      "policies/travel.markdown": "Intro line\n# Travel #\nBook early.",
      "faq.txt": "# Not a title in plain text\nAsk HR.",
      "notes/data.json": '{"ignored": true}',
      ".obsidian/workspace.md": "# editor state",
      "README.MD": "Upper-case extension.\r\nSecond line.\r\n",
    });
    const corpus = await loadCorpus(root, "folder");

    expect(corpus.sourcePath).toBe(root);
    expect(corpus.documents).toEqual([
      { id: "README", text: "Upper-case extension.\nSecond line.\n" },
      { id: "faq", text: "# Not a title in plain text\nAsk HR." },
      {
        id: "policies/leave",
        title: "Leave policy",
        text: "# Leave policy\n\nTwenty days a year.\n",
      },
      {
        id: "policies/travel",
        title: "Travel",
        text: "Intro line\n# Travel #\nBook early.",
      },
    ]);
  });

  it("hashes ids and texts in id order", async () => {
    // Path order puts "a-b.md" before "a.md" ("-" < "."), id order puts
    // "a" before "a-b"; the hash follows the ids.
    const root = writeFiles({ "a.md": "first", "a-b.md": "second" });
    const corpus = await loadCorpus(root, "folder");

    expect(corpus.documents.map((document) => document.id)).toEqual([
      "a-b",
      "a",
    ]);
    expect(corpus.contentHash).toBe(
      expectedHash([
        ["a", "first"],
        ["a-b", "second"],
      ]),
    );
  });

  it("gives the same hash to the same content in another place", async () => {
    const first = await loadCorpus(writeFiles({ "x.txt": "same" }), "folder");
    const second = await loadCorpus(writeFiles({ "x.txt": "same" }), "folder");
    const changed = await loadCorpus(writeFiles({ "x.txt": "new" }), "folder");

    expect(second.contentHash).toBe(first.contentHash);
    expect(changed.contentHash).not.toBe(first.contentHash);
  });

  it("follows a symbolic link to a file", async () => {
    const outside = writeFiles({ "shared.md": "# Shared\nbody" });
    const root = writeFiles({ "own.txt": "own" });
    symlinkSync(join(outside, "shared.md"), join(root, "linked.md"));
    const corpus = await loadCorpus(root, "folder");

    expect(corpus.documents.map((document) => document.id)).toEqual([
      "linked",
      "own",
    ]);
  });

  it("refuses a folder without text files", async () => {
    const root = writeFiles({ "data.json": "{}" });
    const error = await loadError(root, "folder");

    expect(error.file).toBe(root);
    expect(error.line).toBeNull();
    expect(error.message).toContain("no documents found");
    expect(error.message).toContain(".md, .markdown, .txt");
  });

  it("names an empty file", async () => {
    const root = writeFiles({ "good.md": "text", "sub/empty.txt": " \n" });
    const error = await loadError(root, "folder");

    expect(error.file).toBe(join(root, "sub/empty.txt"));
    expect(error.message).toContain("empty document");
  });

  it("names both files when two share an id", async () => {
    const root = writeFiles({ "leave.md": "one", "leave.txt": "two" });
    const error = await loadError(root, "folder");

    expect(error.file).toBe(join(root, "leave.txt"));
    expect(error.message).toContain('duplicate document id "leave"');
    expect(error.message).toContain("leave.md");
  });

  it("names a folder that does not exist", async () => {
    const missing = join(writeFiles({}), "nowhere");
    const error = await loadError(missing, "folder");

    expect(error.file).toBe(missing);
    expect(error.message).toContain("cannot read");
  });
});

describe("loadCorpus: beir", () => {
  const corpusLines = [
    '\uFEFF{"_id": "d1", "title": "Aspirin", "text": "Thins the blood."}',
    "",
    '{"_id": 42, "title": "", "text": "No title here."}',
    '{"_id": "d3", "text": "Title missing entirely."}',
  ];

  it("prefixes the title and keeps numeric ids as strings", async () => {
    const root = writeFiles({ "corpus.jsonl": `${corpusLines.join("\n")}\n` });
    const corpus = await loadCorpus(join(root, "corpus.jsonl"), "beir");

    expect(corpus.documents).toEqual([
      { id: "d1", title: "Aspirin", text: "Aspirin\nThins the blood." },
      { id: "42", text: "No title here." },
      { id: "d3", text: "Title missing entirely." },
    ]);
    // Id order: "42" < "d1" < "d3".
    expect(corpus.contentHash).toBe(
      expectedHash([
        ["42", "No title here."],
        ["d1", "Aspirin\nThins the blood."],
        ["d3", "Title missing entirely."],
      ]),
    );
  });

  it("reads corpus.jsonl from a BEIR dataset folder", async () => {
    const root = writeFiles({ "corpus.jsonl": corpusLines.join("\r\n") });
    const corpus = await loadCorpus(root, "beir");

    expect(corpus.sourcePath).toBe(join(root, "corpus.jsonl"));
    expect(corpus.documents).toHaveLength(3);
  });

  it.each([
    [
      '{"_id": "a", "text": "x"}\n{"_id": "b", "text": ',
      2,
      "not a valid JSON line",
    ],
    ['{"_id": "a"}', 1, 'missing field "text" (a string)'],
    [
      '{"_id": true, "text": "x"}',
      1,
      'field "_id": expected a non-empty string or a number, got true (boolean)',
    ],
    [
      '{"_id": "a", "title": 7, "text": "x"}',
      1,
      'field "title": expected a string, got 7 (number)',
    ],
    [
      '["_id", "text"]',
      1,
      'expected a JSON object, got ["_id","text"] (array)',
    ],
    [
      '{"_id": "a", "text": "x"}\n\n{"_id": "a", "text": "y"}',
      3,
      'duplicate _id "a"; line 1 already has it',
    ],
  ])("reports %j at line %i", async (content, line, message) => {
    const path = join(writeFiles({ "corpus.jsonl": content }), "corpus.jsonl");
    const error = await loadError(path, "beir");

    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.message).toContain(message);
  });

  it("refuses an empty corpus file", async () => {
    const path = join(writeFiles({ "corpus.jsonl": "\n\n" }), "corpus.jsonl");
    const error = await loadError(path, "beir");

    expect(error.message).toContain("no documents");
  });

  it.skipIf(!existsSync(SCIFACT))("loads the SciFact corpus", async () => {
    const corpus = await loadCorpus(join(SCIFACT, "corpus.jsonl"), "beir");

    expect(corpus.documents).toHaveLength(5183);
    const first = corpus.documents[0];
    expect(first?.id).toBe("4983");
    expect(first?.title).toBe(
      "Microstructural development of human newborn cerebral white matter assessed in vivo by diffusion tensor magnetic resonance imaging.",
    );
    expect(first?.text.startsWith(`${first?.title}\nAlterations`)).toBe(true);
  });
});
