// The language server process the extension starts. V8's code cache comes first: the shell
// parser bundle, loaded by the first RUN check, compiles from it on every later start.
import 'v8-compile-cache';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './startServer';

startServer(createConnection(ProposedFeatures.all));
