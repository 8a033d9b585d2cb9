// Tells the server which other Dockerfile extensions are installed (issue 16), so it leaves
// the problems they already report to them: on each (re)start in `initializationOptions`, then
// each time extensions are installed, removed, enabled or disabled.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCKERFILE_EXTENSIONS, OtherExtensionsNotification } from '../../server/src/protocol';

/** The ids of DOCKERFILE_EXTENSIONS installed and enabled in this extension host. */
export function otherDockerfileExtensions(): string[] {
  return DOCKERFILE_EXTENSIONS.filter((id) => vscode.extensions.getExtension(id) !== undefined);
}

export class OtherExtensions implements vscode.Disposable {
  /** What the running server was last told. */
  private told: string[] = [];
  private subscription: vscode.Disposable | undefined;

  /** For `initializationOptions`, asked on every start: Restart Server gets the list as it is now. */
  atStart(): string[] {
    this.told = otherDockerfileExtensions();
    return this.told;
  }

  /** Follows changes once the client runs; checks once at once, for a change made while it started. */
  listen(client: LanguageClient): void {
    const update = (): void => {
      const now = otherDockerfileExtensions();
      if (now.join(',') === this.told.join(',')) return;
      this.told = now;
      void client.sendNotification(OtherExtensionsNotification, { extensions: now }).catch(() => undefined);
    };
    this.subscription = vscode.extensions.onDidChange(update);
    update();
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
