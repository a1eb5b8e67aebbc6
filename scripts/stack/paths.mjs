// @ts-check
import path from 'node:path';

/** The repository root. */
export const root = path.resolve(import.meta.dirname, '../..');
