/**
 * Wire format of the invalidation bus: a JSON array
 *   [kind, publisherId, sequence, subject, version]
 * kind 'k' = key written or deleted at `version`; 't' = tag invalidated at time `version`;
 * 'f' = namespace flushed, new generation `version`. `sequence` counts per publisher from 1, so a
 * subscriber that sees a hole knows it missed something.
 */
export type BusMessageKind = 'k' | 't' | 'f';

export interface BusMessage {
  kind: BusMessageKind;
  publisher: string;
  sequence: number;
  subject: string;
  version: number;
}

/**
 * The same text as JSON.stringify of the array, built directly (it is made on every `set`): the
 * kind is one letter and the publisher id hex, so only the subject needs escaping.
 */
export function encodeBusMessage(message: BusMessage): string {
  const { kind, publisher, sequence, subject, version } = message;
  return `["${kind}","${publisher}",${sequence},${JSON.stringify(subject)},${version}]`;
}

/** Whether `text` was published by `publisher` (an id of hex digits), without parsing it. */
export function isFrom(text: string, publisher: string): boolean {
  return text.startsWith(publisher, 6) && text.charCodeAt(6 + publisher.length) === 34; // '"'
}

/** Parses a message; anything malformed is undefined (and treated like a gap by the caller). */
export function decodeBusMessage(text: string): BusMessage | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) return undefined;
  const [kind, publisher, sequence, subject, version] = parsed as unknown[];
  if (kind !== 'k' && kind !== 't' && kind !== 'f') return undefined;
  if (typeof publisher !== 'string' || typeof subject !== 'string') return undefined;
  if (typeof sequence !== 'number' || typeof version !== 'number') return undefined;
  return { kind, publisher, sequence, subject, version };
}
