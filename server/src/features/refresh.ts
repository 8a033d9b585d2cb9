// CodeLens titles and ignore-file inlay hints carry context sizes the client cannot know have
// changed: ask it to re-query them when a scan lands or is re-matched. One timer for both, so a
// burst of context events costs the client one round of requests.
import { CodeLensRefreshRequest, InlayHintRefreshRequest, type Connection } from 'vscode-languageserver';

const REFRESH_DELAY_MS = 200;

export class ClientRefresher {
  lenses = false;
  inlayHints = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection) {}

  request(): void {
    if ((!this.lenses && !this.inlayHints) || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.lenses) void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (this.inlayHints) void this.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
