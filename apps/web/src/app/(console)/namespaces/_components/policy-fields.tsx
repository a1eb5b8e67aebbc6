'use client';

import { TextField } from '~/app/(console)/settings/_components/text-field';
import { SelectField } from '~/app/(console)/alerts/rules/_components/select-field';
import { writeModes } from '~/lib/namespaces';
import type { NamespaceDraft, PolicyTextField } from './namespace-draft';

const numberFields: readonly { name: PolicyTextField; label: string; hint: string }[] = [
  { name: 'ttlSeconds', label: 'TTL (seconds)', hint: 'How long an entry lives in Redis.' },
  {
    name: 'softTtlSeconds',
    label: 'Soft TTL (seconds)',
    hint: 'Optional: after this, serve stale and refresh in the background.',
  },
  { name: 'jitter', label: 'TTL jitter (0–1)', hint: 'Spreads expiries: 0.1 is ±10 %.' },
  {
    name: 'negativeTtlSeconds',
    label: 'Negative TTL (seconds)',
    hint: 'Optional: remember missing rows this long.',
  },
  { name: 'l1MaxEntries', label: 'L1 entries', hint: 'In-process cache size, in entries.' },
  { name: 'l1MaxBytes', label: 'L1 bytes', hint: 'In-process cache size, in bytes.' },
  { name: 'maxKeyBytes', label: 'Max key bytes', hint: 'At most 1024.' },
  { name: 'maxValueBytes', label: 'Max value bytes', hint: 'Default 1 MiB, at most 64 MiB.' },
];

const modeOptions = writeModes.map((value) => ({ value, label: value }));

/** The caching policy of the data contract; each field shows the server's message for it. */
export function PolicyFields(props: {
  draft: NamespaceDraft;
  set: (patch: Partial<NamespaceDraft>) => void;
  errors: Partial<Record<string, string>>;
}) {
  const { draft, set, errors } = props;
  return (
    <fieldset className="form-grid">
      <legend className="subheading">Policy</legend>
      <SelectField
        id="ns-writeMode"
        label="Write mode"
        value={draft.writeMode}
        options={modeOptions}
        onChange={(writeMode) => {
          set({ writeMode });
        }}
      />
      {numberFields.map((field) => (
        <TextField
          key={field.name}
          id={`ns-${field.name}`}
          label={field.label}
          value={draft[field.name]}
          error={errors[`policy.${field.name}`]}
          hint={field.hint}
          required={!field.name.startsWith('soft') && !field.name.startsWith('negative')}
          autoComplete="off"
          onChange={(value) => {
            set({ [field.name]: value });
          }}
        />
      ))}
      <label className="inline-field">
        <input
          type="checkbox"
          checked={draft.tagsEnabled}
          onChange={(e) => {
            set({ tagsEnabled: e.target.checked });
          }}
        />
        Tags enabled
      </label>
    </fieldset>
  );
}
