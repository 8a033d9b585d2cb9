// Other Dockerfile extensions next to buildctx (issue 16): a problem both report shows twice in
// the editor, worded two ways. buildctx drops its own finding where another extension reports
// the same problem on the same Dockerfile, and only there:
// - Microsoft's Container Tools (and the Docker extension before it) and Docker DX all run the
//   Dockerfile Language Server (rcjsuen/dockerfile-language-server; Docker DX starts its own
//   copy when neither Microsoft extension is installed). Its validator, dockerfile-utils,
//   reports every parse error `dockerfile-syntax` does: an unknown instruction, FROM/COPY/ADD
//   without their arguments, no FROM ("No source image provided with `FROM`"), an empty file.
// - Docker DX also runs BuildKit's build checks (`docker buildx build --call=check`). Their
//   CopyIgnoredFile says what `copy-source-ignored` says, but it is experimental: BuildKit runs
//   it only for a Dockerfile whose `# check=experimental=` directive names it (or says all).
import { experimentalCheckEnabled } from '../engine/dockerfile';
import { DOCKERFILE_EXTENSIONS } from '../protocol';

const DOCKER_DX = 'docker.docker';
const NONE: ReadonlySet<string> = new Set();

export class Coexistence {
  private installed: ReadonlySet<string> = NONE;

  /** Records which other extensions are installed; true when that changes what is dropped. */
  set(extensions: readonly string[]): boolean {
    const known = new Set(extensions.filter((id) => (DOCKERFILE_EXTENSIONS as readonly string[]).includes(id)));
    const same = known.size === this.installed.size && [...known].every((id) => this.installed.has(id));
    this.installed = known;
    return !same;
  }

  /** Ids of the rules whose findings on this document another installed extension already reports. */
  overlapping(kind: 'dockerfile' | 'ignorefile', text: string): ReadonlySet<string> {
    if (kind !== 'dockerfile' || this.installed.size === 0) return NONE;
    const out = new Set(['dockerfile-syntax']);
    if (this.installed.has(DOCKER_DX) && experimentalCheckEnabled(text, 'CopyIgnoredFile'))
      out.add('copy-source-ignored');
    return out;
  }
}
