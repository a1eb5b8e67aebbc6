import type { NamespaceDetail, NamespaceInput, ValueType, WriteMode } from '~/lib/namespaces';

/** The form's state: numbers stay text while typed, so a bad entry reaches the server's checks. */
export interface NamespaceDraft {
  name: string;
  clusterId: string;
  writeMode: WriteMode;
  ttlSeconds: string;
  softTtlSeconds: string;
  jitter: string;
  negativeTtlSeconds: string;
  l1MaxEntries: string;
  l1MaxBytes: string;
  maxKeyBytes: string;
  maxValueBytes: string;
  tagsEnabled: boolean;
  /** '' when the namespace has no source (cache-aside). */
  dataSourceId: string;
  table: string;
  keyColumn: string;
  valueColumn: string;
  versionColumn: string;
  valueType: ValueType;
}

export type PolicyTextField =
  | 'ttlSeconds'
  | 'softTtlSeconds'
  | 'jitter'
  | 'negativeTtlSeconds'
  | 'l1MaxEntries'
  | 'l1MaxBytes'
  | 'maxKeyBytes'
  | 'maxValueBytes';

export type MappingTextField = 'table' | 'keyColumn' | 'valueColumn' | 'versionColumn';

/** A new namespace starts from the server's defaults: a write-through cache with a 10 min TTL. */
export const emptyDraft: NamespaceDraft = {
  name: '',
  clusterId: '',
  writeMode: 'write-through',
  ttlSeconds: '600',
  softTtlSeconds: '',
  jitter: '0.1',
  negativeTtlSeconds: '',
  l1MaxEntries: '10000',
  l1MaxBytes: String(64 * 1024 ** 2),
  maxKeyBytes: '1024',
  maxValueBytes: String(1024 ** 2),
  tagsEnabled: true,
  dataSourceId: '',
  table: '',
  keyColumn: 'key',
  valueColumn: 'value',
  versionColumn: 'version',
  valueType: 'jsonb',
};

const text = (value: number | null) => (value === null ? '' : String(value));

export function draftOf(ns: NamespaceDetail): NamespaceDraft {
  const { policy, source } = ns;
  return {
    name: ns.name,
    clusterId: ns.clusterId,
    writeMode: policy.writeMode,
    ttlSeconds: text(policy.ttlSeconds),
    softTtlSeconds: text(policy.softTtlSeconds),
    jitter: text(policy.jitter),
    negativeTtlSeconds: text(policy.negativeTtlSeconds),
    l1MaxEntries: text(policy.l1MaxEntries),
    l1MaxBytes: text(policy.l1MaxBytes),
    maxKeyBytes: text(policy.maxKeyBytes),
    maxValueBytes: text(policy.maxValueBytes),
    tagsEnabled: policy.tagsEnabled,
    dataSourceId: ns.dataSourceId ?? '',
    table: source?.table ?? '',
    keyColumn: source?.keyColumn ?? 'key',
    valueColumn: source?.valueColumn ?? 'value',
    versionColumn: source?.versionColumn ?? 'version',
    valueType: source?.valueType ?? 'jsonb',
  };
}

/** Empty text is "not set" for optional numbers; anything else goes as typed (NaN is refused). */
const required = (value: string) => Number(value.trim() === '' ? Number.NaN : value);
const optional = (value: string) => (value.trim() === '' ? null : Number(value));

/** The create input (the update input is the same without the cluster). */
export function inputOf(draft: NamespaceDraft): NamespaceInput {
  const hasSource = draft.dataSourceId !== '';
  return {
    name: draft.name,
    clusterId: draft.clusterId,
    dataSourceId: hasSource ? draft.dataSourceId : null,
    source: hasSource
      ? {
          table: draft.table,
          keyColumn: draft.keyColumn,
          valueColumn: draft.valueColumn,
          versionColumn: draft.versionColumn,
          valueType: draft.valueType,
        }
      : null,
    policy: {
      writeMode: draft.writeMode,
      ttlSeconds: required(draft.ttlSeconds),
      softTtlSeconds: optional(draft.softTtlSeconds),
      jitter: required(draft.jitter),
      negativeTtlSeconds: optional(draft.negativeTtlSeconds),
      l1MaxEntries: required(draft.l1MaxEntries),
      l1MaxBytes: required(draft.l1MaxBytes),
      maxKeyBytes: required(draft.maxKeyBytes),
      maxValueBytes: required(draft.maxValueBytes),
      tagsEnabled: draft.tagsEnabled,
    },
  };
}
