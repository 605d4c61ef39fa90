import { dirname, resolve } from "node:path";
import type { ConfigIssue } from "../errors/config-error.js";
import type { IssueBuilder } from "./config-issue-at.js";
import type { FieldPath } from "./field-path.js";

/** What `resolveExperiment` needs to know besides the validated input. */
export interface ResolveContext {
  /** Absolute path of the experiment file; relative paths start from its folder. */
  sourcePath: string;
  /** Builds an issue located at a field of the experiment file. */
  issueAt: IssueBuilder;
}

/**
 * State shared by the resolvers of one experiment: the problems found so
 * far, collected so that one error lists them all, and the warnings.
 */
export class Resolution {
  readonly context: ResolveContext;
  readonly issues: ConfigIssue[] = [];
  readonly warnings: string[] = [];

  constructor(context: ResolveContext) {
    this.context = context;
  }

  /** Records a problem with the field at `path`. */
  report(path: FieldPath, expected: string, received?: string): void {
    this.issues.push(this.context.issueAt(path, expected, received));
  }

  warn(message: string): void {
    this.warnings.push(message);
  }

  get hasIssues(): boolean {
    return this.issues.length > 0;
  }

  /** The folder relative paths in the experiment file start from. */
  get baseFolder(): string {
    return dirname(this.context.sourcePath);
  }

  /** An absolute path for a path written in the experiment file. */
  absolutePath(written: string): string {
    return resolve(this.baseFolder, written);
  }
}
