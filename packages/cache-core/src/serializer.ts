import { UnserializableError } from './errors.js';

/** Turns values into the strings stored in L2 and back; JSON unless a namespace plugs another. */
export interface Serializer<V> {
  serialize(value: V): string;
  deserialize(payload: string): V;
}

/** JSON that refuses what JSON would silently drop or mangle (undefined, functions, bigint, cycles). */
export function jsonSerializer<V>(): Serializer<V> {
  return {
    serialize(value: V): string {
      let payload: unknown;
      try {
        payload = JSON.stringify(value);
      } catch (error) {
        throw new UnserializableError(error);
      }
      if (typeof payload !== 'string')
        throw new UnserializableError(`${typeof value} has no JSON form`);
      return payload;
    },
    deserialize(payload: string): V {
      return JSON.parse(payload) as V;
    },
  };
}

/** Runs a serializer, turning any failure into E_UNSERIALIZABLE. */
export function serializeOrThrow<V>(serializer: Serializer<V>, value: V): string {
  try {
    return serializer.serialize(value);
  } catch (error) {
    if (error instanceof UnserializableError) throw error;
    throw new UnserializableError(error);
  }
}
