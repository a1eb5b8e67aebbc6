'use client';

import { AddUserForm } from './add-user-form';
import { UsersTable } from './users-table';

export function UsersSection({ currentUserId }: { currentUserId: string }) {
  return (
    <section className="card" aria-labelledby="users-heading">
      <div className="card-header">
        <div>
          <h2 id="users-heading">Users</h2>
          <p>
            Admins manage users and hosts, operators run the fleet and read the audit log, viewers
            only look.
          </p>
        </div>
      </div>
      <UsersTable currentUserId={currentUserId} />
      <div className="card-body card-divider">
        <h3 className="subheading">Add a user</h3>
        <AddUserForm />
      </div>
    </section>
  );
}
