import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { createMarvelServices } from '../language/marvel-module.js';

const connection = createConnection(ProposedFeatures.all);

// The editor must never lose its language server over one bad input: log and carry on.
process.on('uncaughtException', error => connection.console.error(`MARVEL language server: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', reason => connection.console.error(`MARVEL language server: ${String(reason)}`));

const { shared } = createMarvelServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
