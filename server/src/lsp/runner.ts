// Every request handler runs through here: cancellation is honoured, and an exception is logged and answered with a
// safe default, so that one bad document can never take the server down or stop it answering.
import { CancellationToken, ResponseError, LSPErrorCodes, Connection } from 'vscode-languageserver';

export function runSafe<T>(
  connection: Connection,
  run: () => T | Promise<T>,
  fallback: T,
  what: string,
  token?: CancellationToken,
): Promise<T | ResponseError<void>> {
  return new Promise((resolve) => {
    setImmediate(async () => {
      if (token?.isCancellationRequested) return resolve(cancelled());
      try {
        const result = await run();
        resolve(token?.isCancellationRequested ? cancelled() : result);
      } catch (e) {
        connection.console.error(`Meshlens: ${what} failed: ${(e as Error)?.stack ?? e}`);
        resolve(fallback);
      }
    });
  });
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
