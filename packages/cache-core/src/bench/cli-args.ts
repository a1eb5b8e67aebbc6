import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { policyNames, type PolicyName } from './policies.js';
import { invocationDir, tracesDir } from './env.js';
import { mixes } from './trace-catalog.js';

/** A command-line mistake: the CLI prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {}

export interface HitRatioArgs {
  /** Label of the request stream in the output. */
  trace: string;
  /** Files replayed back to back as one stream. */
  files: string[];
  sizes: number[];
  policies: PolicyName[];
  json: boolean;
}

/** Validates everything up front, so a typo fails in milliseconds, not after a long replay. */
export function parseHitRatioArgs(argv: readonly string[]): HitRatioArgs {
  const { values } = parseCli(argv);
  if ((values.trace === undefined) === (values.mix === undefined)) {
    throw new UsageError('give exactly one of --trace <file[,file...]> and --mix <name>');
  }
  let trace: string;
  let files: string[];
  let defaultSizes: readonly number[] | undefined;
  if (values.mix !== undefined) {
    const mix = mixes[values.mix];
    if (mix === undefined)
      throw new UsageError(
        `unknown --mix "${values.mix}" (known: ${Object.keys(mixes).join(', ')})`,
      );
    trace = mix.name;
    files = mix.files.map((file) => path.resolve(tracesDir(), file));
    defaultSizes = mix.sizes;
  } else {
    files = splitList(values.trace ?? '').map((file) => path.resolve(invocationDir(), file));
    if (files.length === 0) throw new UsageError('--trace needs at least one file');
    trace = files.map((file) => path.basename(file).replace(/\.keys\.gz$|\.gz$/, '')).join('+');
  }
  const missing = files.filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new UsageError(`trace file not found: ${[...new Set(missing)].join(', ')}`);
  const sizes = values.sizes === undefined ? defaultSizes : parseSizes(values.sizes);
  if (sizes === undefined) throw new UsageError('--sizes <n,n,...> is required with --trace');
  return {
    trace,
    files,
    sizes: [...sizes],
    policies: parsePolicies(values.policies),
    json: values.json === true,
  };
}

function parseCli(argv: readonly string[]): ReturnType<typeof parseOptions> {
  try {
    return parseOptions(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      trace: { type: 'string' },
      mix: { type: 'string' },
      sizes: { type: 'string' },
      policies: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
}

export function parseSizes(text: string): number[] {
  const parts = splitList(text);
  if (parts.length === 0) throw new UsageError('--sizes needs at least one size');
  return parts.map((part) => {
    const size = /^\d+$/.test(part) ? Number(part) : NaN;
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new UsageError(`--sizes: "${part}" is not a positive integer`);
    }
    return size;
  });
}

function parsePolicies(text: string | undefined): PolicyName[] {
  if (text === undefined) return [...policyNames];
  return splitList(text).map((name) => {
    const policy = policyNames.find((known) => known === name);
    if (policy === undefined)
      throw new UsageError(`unknown policy "${name}" (known: ${policyNames.join(', ')})`);
    return policy;
  });
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
