// Human-facing output of the one-shot commands (join, status); `run` logs JSON lines instead.
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}
