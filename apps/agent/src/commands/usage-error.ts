/** Wrong command line: the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** node:util parseArgs throws TypeErrors for unknown or malformed flags; make them usage errors. */
export function usageErrors<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError(error instanceof Error ? error.message : String(error), command);
    }
    throw error;
  }
}

export function portFlag(command: string, name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--${name} must be a port number from 0 to 65535`, command);
  }
  return port;
}
