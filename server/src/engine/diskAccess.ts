// FileAccess over the disk, for the CLI and the tests: text files up to MAX_READ_BYTES (a
// bigger file is no build definition or manifest anyone wrote by hand), bytes for git's index.
import * as nodeFs from 'node:fs';
import type { FileAccess } from './types';

export const MAX_READ_BYTES = 512 * 1024;

export const diskAccess: FileAccess = {
  readText(p) {
    try {
      const st = nodeFs.statSync(p);
      return st.isFile() && st.size <= MAX_READ_BYTES ? nodeFs.readFileSync(p, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
  readBytes(p) {
    try {
      return nodeFs.readFileSync(p);
    } catch {
      return undefined;
    }
  },
  exists(p) {
    try {
      nodeFs.statSync(p);
      return true;
    } catch {
      return false;
    }
  },
};
