'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { roles, type Role } from '~/lib/types';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { TextField } from './text-field';

const emptyForm = { email: '', name: '', password: '', role: 'viewer' as Role };

/** The form's fields and the create mutation; the list refreshes after each added user. */
function useAddUser() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptyForm);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onMutate: () => {
        setAdded(null);
      },
      onSuccess: async (user) => {
        setAdded(user.email);
        setForm(emptyForm);
        await queryClient.invalidateQueries(trpc.users.list.queryFilter());
      },
    }),
  );
  const update = (patch: Partial<typeof emptyForm>) => {
    setForm((current) => ({ ...current, ...patch }));
  };
  return { form, update, added, create };
}

function RoleField(props: { value: Role; onChange: (role: Role) => void }) {
  return (
    <div className="field">
      <label htmlFor="user-role">Role</label>
      <select
        id="user-role"
        value={props.value}
        onChange={(e) => {
          const role = roles.find((r) => r === e.target.value);
          if (role) props.onChange(role);
        }}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
    </div>
  );
}

type TextFieldName = 'email' | 'name' | 'password';

export function AddUserForm() {
  const { form, update, added, create } = useAddUser();
  const errors = fieldErrors(create.error);
  const bind = (name: TextFieldName) => ({
    id: `user-${name}`,
    value: form[name],
    error: errors[name],
    onChange: (value: string) => {
      update({ [name]: value });
    },
  });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(form);
  };
  return (
    <form onSubmit={submit} className="stack">
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      {added ? <Notice tone="success">Added {added}.</Notice> : null}
      <div className="form-grid">
        <TextField {...bind('email')} label="Email" type="email" autoComplete="off" />
        <TextField {...bind('name')} label="Name" autoComplete="off" />
        <RoleField
          value={form.role}
          onChange={(role) => {
            update({ role });
          }}
        />
        <TextField
          {...bind('password')}
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
          minLength={12}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Add user
          </button>
        </div>
      </div>
    </form>
  );
}
