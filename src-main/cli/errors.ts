/** A user-facing CLI failure: printed as one line on stderr, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for usage errors (bad arguments), 1 for failures. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
