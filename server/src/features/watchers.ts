// File watching: the server registers watchers dynamically for the files that decide builds
// (Dockerfiles, ignore files, .gitignore, discovery sources, .buildctx.json) and for every
// context it has scanned, then turns events into incremental context updates and re-checks.
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type Disposable,
  type FileEvent,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { CONFIG_FILE } from '../engine/config';
import type { FsChangeKind } from '../workspace/contexts';
import type { Project } from '../workspace/project';
import { uriToPath } from '../workspace/files';
import type { Checks } from './checks';

// Any YAML: besides compose and CI files, a BuildConfig or Tekton pipeline may be anywhere
// (Project.invalidateDiscovery re-reads only those that define a build).
const BUILD_FILES =
  '**/{Dockerfile,Containerfile,dockerfile,*.Dockerfile,*.Containerfile,*.dockerfile,Dockerfile.*,Containerfile.*,' +
  '.dockerignore,.containerignore,*.dockerignore,*.containerignore,.gitignore,.buildctx.json,' +
  '*.yml,*.yaml,docker-bake*,devcontainer.json,.devcontainer.json,Makefile,GNUmakefile,makefile,*.mk,*.sh}';

const KIND: Record<number, FsChangeKind> = {
  [FileChangeType.Created]: 'created',
  [FileChangeType.Changed]: 'changed',
  [FileChangeType.Deleted]: 'deleted',
};

export class Watchers {
  dynamic = false;
  relativePatterns = false;
  private registration: Promise<Disposable> | undefined;
  private watchedDirs = '';

  constructor(
    private readonly connection: Connection,
    private readonly project: Project,
    private readonly checks: Checks,
  ) {}

  /** (Re-)registers when the set of scanned contexts changed. */
  update(): void {
    if (!this.dynamic) return;
    const dirs = [...new Set(this.project.contexts.all().map((e) => e.req.contextDir))].sort();
    const key = dirs.join('\0');
    if (this.registration && key === this.watchedDirs) return;
    this.watchedDirs = key;
    const watchers: FileSystemWatcher[] = [{ globPattern: BUILD_FILES }];
    for (const dir of dirs) {
      watchers.push({
        globPattern: this.relativePatterns
          ? { baseUri: URI.file(dir).toString(), pattern: '**/*' }
          : `${dir.split(path.sep).join('/')}/**/*`,
      });
    }
    const old = this.registration;
    this.registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void old?.then((d) => d.dispose());
  }

  handle(changes: FileEvent[]): void {
    let rediscover = false;
    let settingsChanged = false;
    for (const c of changes) {
      const file = uriToPath(c.uri);
      const kind = KIND[c.type] ?? 'changed';
      if (path.basename(file) === CONFIG_FILE) settingsChanged = true;
      if (this.project.invalidateDiscovery(file)) rediscover = true;
      // Open buffers win over the disk: an event for an open ignore file changes nothing we show,
      // but the scan still learns the new size of the file itself.
      this.project.contexts.fileChanged(file, kind);
      this.checks.scheduleAffected(file);
    }
    if (settingsChanged) this.project.settings.invalidate();
    if (rediscover || settingsChanged) this.checks.scheduleAll();
  }

  dispose(): void {
    void this.registration?.then((d) => d.dispose());
  }
}
