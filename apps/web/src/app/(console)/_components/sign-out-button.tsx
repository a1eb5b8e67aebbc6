'use client';

import { useMutation } from '@tanstack/react-query';
import { errorCode } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

// A full load drops every cached query, so nothing of this session survives sign-out.
function goToLogin(): void {
  window.location.assign('/login');
}

export function SignOutButton() {
  const trpc = useTRPC();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: goToLogin,
      onError: (error) => {
        if (errorCode(error) === 'UNAUTHORIZED') goToLogin();
      },
    }),
  );
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      disabled={logout.isPending}
      onClick={() => {
        logout.mutate();
      }}
    >
      {logout.isError ? 'Sign out failed, retry' : 'Sign out'}
    </button>
  );
}
