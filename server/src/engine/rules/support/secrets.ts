// Files that look like credentials, by name (and, for package-manager rc files, by whether they
// hold a token). Only names are ever reported: a diagnostic must not leak what it warns about.
import * as path from 'node:path';
import type { ContextScan, DirEntry } from '../../context/model';
import type { FileAccess } from '../types';
import { knownKind } from './heavy';
import { isSentFile, walkDirsSteps } from './tree';
import type { TreeWork } from '../../background/treeWork';
import { envHoldsSecret, holdsPrivateKey, kubeconfigHoldsSecret } from './secretContent';

export interface SecretFile {
  path: string;
  size: number;
  what: string;
}

const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$/i;

const BY_NAME: Array<[RegExp, string]> = [
  [/^\.env(\..+)?$/, 'environment file'],
  [/^.+\.env$/, 'environment file'],
  [/\.(pem|key|p12|pfx|jks|keystore|ppk)$/i, 'private key or certificate store'],
  [/^id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/, 'SSH private key'],
  [/\.kdbx$/i, 'KeePass database'],
  [/^(kubeconfig|.+\.kubeconfig)$/i, 'kubeconfig'],
  [/^\.git-credentials$/, 'Git credentials'],
  [/^\.htpasswd$/, 'password file'],
  [/^(terraform\.tfstate|.+\.tfstate)(\.backup)?$/, 'Terraform state (holds secrets in clear)'],
];

/** rc files that are secrets only when they carry credentials. */
const WITH_TOKEN: Array<[string, RegExp, string]> = [
  ['.npmrc', /(_authToken|_auth|_password)\s*=/, 'npm credentials'],
  ['.pypirc', /^\s*password\s*[=:]/m, 'PyPI credentials'],
  ['.netrc', /\bpassword\s+\S/, 'netrc credentials'],
  ['_netrc', /\bpassword\s+\S/, 'netrc credentials'],
];

/** Directories whose every file is a credential (home-directory config copied into a repo). */
const SECRET_DIRS: ReadonlyMap<string, string> = new Map([
  ['.ssh', 'SSH directory'],
  ['.aws', 'AWS credentials'],
  ['.gnupg', 'GnuPG keyring'],
]);

const SPECIAL: Array<[string, string, string]> = [
  ['.kube', 'config', 'kubeconfig'],
  ['.docker', 'config.json', 'Docker registry credentials'],
];

/** For text kinds, whether the content holds a credential (the name alone is not enough). */
const BY_CONTENT: ReadonlyMap<string, (text: string) => boolean> = new Map([
  ['environment file', envHoldsSecret],
  ['kubeconfig', kubeconfigHoldsSecret],
]);

/** Extensions that are text we can read: a certificate in one is public, only a private key counts. */
const PEM_LIKE = /\.(pem|key)$/i;

export function secretKind(name: string, dirName: string, absPath: string, fs: FileAccess): string | null {
  for (const [dir, file, what] of SPECIAL) if (dirName === dir && name === file) return what;
  if (name.endsWith('.pub')) return null;
  for (const [re, what] of BY_NAME) {
    if (!re.test(name)) continue;
    if (what === 'environment file' && ENV_TEMPLATE.test(name)) return null;
    const byContent = BY_CONTENT.get(what);
    if (byContent) return byContent(fs.readText(absPath) ?? '') ? what : null;
    if (PEM_LIKE.test(name)) {
      const text = fs.readText(absPath);
      if (text !== undefined && !holdsPrivateKey(text)) return null;
    }
    return what;
  }
  for (const [file, re, what] of WITH_TOKEN)
    if (name === file) return re.test(fs.readText(absPath) ?? '') ? what : null;
  return null;
}

/**
 * Sent files that look like credentials, in path order. Dependency and VCS directories
 * (node_modules, vendor, .git…) are skipped: their keys are test fixtures of third-party code.
 * Undefined while the language server computes them in the background (see `TreeWork.defer`).
 */
export function sentSecrets(work: TreeWork, scan: ContextScan, fs: FileAccess): SecretFile[] | undefined {
  return work.defer(scan, 'secrets', '', () => findSecrets(scan, fs));
}

function* findSecrets(scan: ContextScan, fs: FileAccess): Generator<void, SecretFile[]> {
  const out: SecretFile[] = [];
  const visitFiles = (d: DirEntry): void => {
    for (const f of d.files.values()) {
      if (!isSentFile(f)) continue;
      const rel = d.path ? `${d.path}/${f.name}` : f.name;
      const what = secretKind(f.name, d.name, path.join(scan.contextDir, rel), fs);
      if (what) out.push({ path: rel, size: f.size, what });
    }
  };
  visitFiles(scan.root);
  const secretDirs: Array<[DirEntry, string]> = [];
  yield* walkDirsSteps(
    scan.root,
    (d, parent) => {
      if (d.sent.files === 0 || knownKind(d, parent)) return false;
      const what = SECRET_DIRS.get(d.name);
      if (what) {
        secretDirs.push([d, what]);
        return false;
      }
      visitFiles(d);
      return true;
    },
    false,
  );
  // Every sent file below a credential directory counts; the sort below makes the order.
  for (const [dir, what] of secretDirs) {
    const add = (d: DirEntry): void => {
      for (const f of d.files.values())
        if (isSentFile(f)) out.push({ path: `${d.path}/${f.name}`, size: f.size, what });
    };
    add(dir);
    yield* walkDirsSteps(dir, add, false);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
