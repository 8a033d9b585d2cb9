// Each rule's page, docs/rules/<id>.md, ships inside the .vsix and the npm package, so the code
// link of a diagnostic and the CLI's docs link open it offline, matching the installed version
// (there is no web copy to point at). This file and the bundles that include it
// (server/out/server.js, server/out/cli-check.js) both sit two folders below the package root,
// so one relative path finds the pages from the sources (tests, tsx) and from an install.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const RULE_DOCS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'rules');

/** Absolute path of the rule's page next to the running server or CLI. */
export function ruleDocsPath(ruleId: string): string {
  return path.join(RULE_DOCS_DIR, `${ruleId}.md`);
}

/** The same page as a file: URI, for LSP `codeDescription.href`, JSON `docsUrl` and SARIF `helpUri`. */
export function ruleDocsUri(ruleId: string): string {
  return pathToFileURL(ruleDocsPath(ruleId)).href;
}
