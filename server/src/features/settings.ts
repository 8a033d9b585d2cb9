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

  private async load(root: string, rootUri: string): Promise<Settings> {
    let base: Settings;
    try {
      base = this.loadFileConfig(root);
    } catch {
      base = DEFAULT_SETTINGS; // a broken .buildctx.json must not stop the checks
    }
    if (!this.pullsConfiguration) return base;
    try {
      const user: unknown = await this.connection.workspace.getConfiguration({
        scopeUri: rootUri,
        section: 'buildctx',
      });
      return overlaySettings(base, user);
    } catch {
      return base;
    }
  }

  /** After a settings change or an edit of `.buildctx.json`. */
  invalidate(): void {
    this.cache.clear();
  }
}
