/** regtl's exit codes: 0 ok, 1 a check failed (a broken chain, replay and service disagree), 2 usage or environment. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure said in one line on stderr, with its exit code; never a stack trace. */
export class CliFailure extends Error {
  constructor(message: string, readonly exitCode: ExitCode = EXIT.usage) {
    super(message);
    this.name = 'CliFailure';
  }
}

/** Usage or environment: a missing data dir, an unreachable service, a refused request. */
export const usage = (message: string) => new CliFailure(message, EXIT.usage);
