'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { SelectField } from '~/app/(console)/alerts/rules/_components/select-field';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { InlineError, RowActionButton } from '~/components/row-action';
import { valueTypes } from '~/lib/namespaces';
import { useTRPC } from '~/trpc/react';
import type { MappingTextField, NamespaceDraft } from './namespace-draft';

const columns: readonly { name: MappingTextField; label: string }[] = [
  { name: 'table', label: 'Table' },
  { name: 'keyColumn', label: 'Key column' },
  { name: 'valueColumn', label: 'Value column' },
  { name: 'versionColumn', label: 'Version column' },
];

type Props = {
  draft: NamespaceDraft;
  set: (patch: Partial<NamespaceDraft>) => void;
  errors: Partial<Record<string, string>>;
};

/** Creates `key text PK, value, version bigint` in the chosen source and maps the form onto it. */
function CreateTableButton({ draft, set }: Omit<Props, 'errors'>) {
  const trpc = useTRPC();
  const create = useMutation(
    trpc.dataSources.createTable.mutationOptions({
      onSuccess: (made) => {
        set({ ...made });
      },
    }),
  );
  return (
    <div className="field">
      <span className="small muted">No table yet?</span>
      <div className="toolbar">
        <RowActionButton
          tone="ghost"
          pending={create.isPending}
          disabled={draft.table === ''}
          onClick={() => {
            create.mutate({
              id: draft.dataSourceId,
              table: draft.table,
              valueType: draft.valueType,
            });
          }}
        >
          Create a conforming table
        </RowActionButton>
        {create.isSuccess ? (
          <span className="small" role="status">
            Created {create.data.table}.
          </span>
        ) : null}
        <InlineError error={create.error} />
      </div>
    </div>
  );
}

/** The data source and the table its rows live in; "none" makes a cache-aside namespace. */
export function SourceFields({ draft, set, errors }: Props) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.dataSources.list.queryOptions());
  const options = [
    { value: '', label: 'none (cache-aside)' },
    ...(sources.data ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${s.redacted}` })),
  ];
  return (
    <fieldset className="form-grid">
      <legend className="subheading">Source</legend>
      <SelectField
        id="ns-source"
        label="Data source"
        value={draft.dataSourceId}
        options={options}
        onChange={(dataSourceId) => {
          set({ dataSourceId });
        }}
      />
      {draft.dataSourceId === '' ? null : (
        <>
          {columns.map((column) => (
            <TextField
              key={column.name}
              id={`ns-${column.name}`}
              label={column.label}
              value={draft[column.name]}
              error={errors[`source.${column.name}`]}
              autoComplete="off"
              onChange={(value) => {
                set({ [column.name]: value });
              }}
            />
          ))}
          <SelectField
            id="ns-valueType"
            label="Value type"
            value={draft.valueType}
            options={valueTypes.map((value) => ({ value, label: value }))}
            onChange={(valueType) => {
              set({ valueType });
            }}
          />
          <CreateTableButton draft={draft} set={set} />
        </>
      )}
    </fieldset>
  );
}
