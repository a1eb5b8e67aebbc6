'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { formatDateTime } from '~/lib/format';
import { roles, type ConsoleUser } from '~/lib/types';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { DataTable } from '~/components/data-table';

function RoleSelect({ user }: { user: ConsoleUser }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.users.list.queryFilter()),
    }),
  );
  return (
    <>
      <select
        className="select-small"
        aria-label={`Role of ${user.email}`}
        value={user.role}
        disabled={setRole.isPending}
        onChange={(e) => {
          const role = roles.find((r) => r === e.target.value);
          if (role) setRole.mutate({ id: user.id, role });
        }}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </select>
      {setRole.isError ? (
        <span className="field-error" role="alert">
          {' '}
          {errorMessage(setRole.error)}
        </span>
      ) : null}
    </>
  );
}

function UserRow({ user, isSelf }: { user: ConsoleUser; isSelf: boolean }) {
  return (
    <tr>
      <td className="cell-primary">{user.email}</td>
      <td>{user.name}</td>
      <td>{isSelf ? `${user.role} (you)` : <RoleSelect user={user} />}</td>
      <td>{formatDateTime(user.createdAt)}</td>
      <td>{user.disabledAt ? 'disabled' : 'active'}</td>
    </tr>
  );
}

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const users = useQuery(trpc.users.list.queryOptions());
  if (users.isPending) return <p className="loading">Loading users…</p>;
  if (users.isError) return <Notice tone="error">{errorMessage(users.error)}</Notice>;
  return (
    <DataTable
      caption="Console users"
      columns={[
        { label: 'Email' },
        { label: 'Name' },
        { label: 'Role' },
        { label: 'Created' },
        { label: 'State' },
      ]}
    >
      {users.data.map((user) => (
        <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
      ))}
    </DataTable>
  );
}
