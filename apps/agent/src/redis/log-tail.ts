import { open } from 'node:fs/promises';

/** The last `lines` lines of a log file (reading at most its last 4 KiB); [] when unreadable. */
export async function tailLines(file: string, lines = 5): Promise<string[]> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 4096);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return buffer.toString('utf8').trimEnd().split('\n').slice(-lines);
    } finally {
      await handle.close();
    }
  } catch {
    return [];
  }
}
