import path from 'node:path';
import { workspaceRoot } from '@vpixmix/augment-core';
import { ESLint } from 'eslint';

export interface LintFinding {
  rule: string | null;
  message: string;
}

export { workspaceRoot };

/**
 * Lints `code` as if it were the file at `relativePath` in the workspace, with the
 * workspace's own ESLint configuration. The file need not exist.
 */
export async function lintSource(relativePath: string, code: string): Promise<LintFinding[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const [result] = await eslint.lintText(code, { filePath: path.join(workspaceRoot, relativePath) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}
