import type { Connection } from 'vscode-languageserver';

/** Wires every feature onto a connection; tests pass an in-process connection. */
export function startServer(connection: Connection): void {
  connection.onInitialize(() => ({ capabilities: {} }));
  connection.listen();
}
