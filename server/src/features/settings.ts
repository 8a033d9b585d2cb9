// Settings per workspace folder: `.buildctx.json` first, then the resource-scoped
// `buildctx.*` settings on top (a user setting always wins over the repository file).
import type { Connection } from 'vscode-languageserver';
import { mergeSettings, validateConfig } from '../engine/config';
import { DEFAULT_SETTINGS, type Settings } from '../engine/types';
import { SERVER_SETTINGS } from '../protocol';

/**
 * Overlays the values a user actually set. The manifest declares unset scalars as null and
 * unset lists as empty, so those are dropped before validation instead of replacing the
 * repository's `.buildctx.json` values.
 */
export function overlaySettings(base: Settings, user: unknown): Settings {
  if (!user || typeof user !== 'object') return base;
  const set: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    const v = (user as Record<string, unknown>)[key];
    if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    set[key] = v;
  }
  return mergeSettings(base, validateConfig(set).settings);
}

export type FileConfigLoader = (root: string) => Settings;

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** The client's `buildctx` section per folder, asked once for every setting read from it. */
  private readonly user = new Map<string, Promise<unknown>>();
  pullsConfiguration = false;

  constructor(
    private readonly connection: Connection,
    private readonly loadFileConfig: FileConfigLoader,
  ) {}

  /** Settings for a workspace folder (`root` absolute, `rootUri` its URI). */
  get(root: string, rootUri: string): Promise<Settings> {
    let p = this.cache.get(root);
    if (!p) {
      p = this.load(root, rootUri);
      this.cache.set(root, p);
    }
    return p;
  }

  /**
   * `buildctx.inlayHints.enabled` (default true). An editor setting, not an engine one: the CLI
   * and `.buildctx.json` have no inlay hints.
   */
  async inlayHints(root: string, rootUri: string): Promise<boolean> {
    const user = (await this.userSection(root, rootUri)) as { inlayHints?: { enabled?: unknown } } | undefined;
    return user?.inlayHints?.enabled !== false;
  }

  private userSection(root: string, rootUri: string): Promise<unknown> {
    if (!this.pullsConfiguration) return Promise.resolve(undefined);
    let p = this.user.get(root);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: rootUri, section: 'buildctx' }).then(
        (v: unknown) => v,
        () => undefined,
      );
      this.user.set(root, p);
    }
    return p;
  }

  private async load(root: string, rootUri: string): Promise<Settings> {
    let base: Settings;
    try {
      base = this.loadFileConfig(root);
    } catch {
      base = DEFAULT_SETTINGS; // a broken .buildctx.json must not stop the checks
    }
    const user = await this.userSection(root, rootUri);
    try {
      return overlaySettings(base, user);
    } catch {
      return base;
    }
  }

  /** After a settings change or an edit of `.buildctx.json`. */
  invalidate(): void {
    this.cache.clear();
    this.user.clear();
  }
}
