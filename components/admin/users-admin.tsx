"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Field, type FieldControlProps } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useCreateUserMutation, useDeleteUserMutation, useUpdateUserMutation, useUsersQuery, type UserChange } from "@/lib/client/admin-queries";
import type { PublicUser } from "@/lib/schemas/accounts";

type Feedback = { kind: "error" | "done"; text: string } | null;

function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (feedback === null) return null;
  return <InlineMessage kind={feedback.kind}>{feedback.text}</InlineMessage>;
}

const roleOptions = ROLES.map((r) => (
  <option key={r} value={r}>
    {r}
  </option>
));

/** A new password within the app's limits; the browser checks the length before the server does. */
function NewPasswordInput({ control, value, onChange, placeholder }: { control: FieldControlProps; value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <input
      {...control}
      type="password"
      autoComplete="new-password"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      minLength={PASSWORD_MIN_LENGTH}
      maxLength={PASSWORD_MAX_LENGTH}
      required
    />
  );
}

function CreateUserForm() {
  const create = useCreateUserMutation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [feedback, setFeedback] = useState<Feedback>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFeedback(null);
    create.mutate(
      { email: email.trim(), password, role },
      {
        onSuccess: ({ user }) => {
          setEmail("");
          setPassword("");
          setRole("viewer");
          setFeedback({ kind: "done", text: `Created ${user.email} (${user.role}).` });
        },
        onError: (error) => setFeedback({ kind: "error", text: `Could not create the user: ${error.message}` }),
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Create a user">
      <h3 className="font-medium">Create a user</h3>
      <FeedbackLine feedback={feedback} />
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Email" className="min-w-56 flex-1">
          {(control) => (
            <input {...control} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />
          )}
        </Field>
        <Field label={`Password (at least ${PASSWORD_MIN_LENGTH} characters)`} className="min-w-56 flex-1">
          {(control) => <NewPasswordInput control={control} value={password} onChange={setPassword} />}
        </Field>
        <Field label="Role">
          {(control) => (
            <select {...control} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {roleOptions}
            </select>
          )}
        </Field>
        <Button type="submit" variant="primary" size="lg" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}

type RowHandlers = {
  busy: boolean;
  onChange: (change: Omit<UserChange, "id">, done?: () => void) => void;
  onDelete: () => void;
};

function ResetPasswordForm({ user, busy, onSubmit, onCancel }: { user: PublicUser; busy: boolean; onSubmit: (password: string) => void; onCancel: () => void }) {
  const [password, setPassword] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(password);
  }
  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2" aria-label={`Reset the password of ${user.email}`}>
      <Field label={`New password for ${user.email}`} labelHidden size="sm">
        {(control) => <NewPasswordInput control={control} value={password} onChange={setPassword} placeholder={`New password (${PASSWORD_MIN_LENGTH}+ characters)`} />}
      </Field>
      <Button type="submit" size="sm" disabled={busy}>
        Set password
      </Button>
      <Button size="sm" onClick={onCancel}>
        Cancel
      </Button>
    </form>
  );
}

/** Reset password (with its inline form) and delete: the one cell of a row that has state of its own. */
function UserActions({ user, busy, onChange, onDelete }: { user: PublicUser } & RowHandlers) {
  const [resetting, setResetting] = useState(false);
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        {!resetting && (
          <Button size="sm" disabled={busy} onClick={() => setResetting(true)}>
            Reset password
            <span className="sr-only"> of {user.email}</span>
          </Button>
        )}
        <ConfirmAction label="Delete" question={`Delete ${user.email}?`} confirmLabel="Yes, delete" disabled={busy} onConfirm={onDelete} />
      </div>
      {resetting && (
        <ResetPasswordForm
          user={user}
          busy={busy}
          onSubmit={(password) => onChange({ password }, () => setResetting(false))}
          onCancel={() => setResetting(false)}
        />
      )}
    </>
  );
}

function userColumns(currentUserId: string, handlersFor: (user: PublicUser) => RowHandlers): DataTableColumn<PublicUser>[] {
  return [
    {
      key: "email",
      header: "Email",
      rowHeader: true,
      cell: (user) => (
        <>
          {user.email}
          {user.id === currentUserId && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
        </>
      ),
    },
    {
      key: "role",
      header: "Role",
      cell: (user) => {
        const { busy, onChange } = handlersFor(user);
        return (
          <Field label={`Role of ${user.email}`} labelHidden size="sm">
            {(control) => (
              <select {...control} value={user.role} disabled={busy} onChange={(e) => onChange({ role: e.target.value as Role })}>
                {roleOptions}
              </select>
            )}
          </Field>
        );
      },
    },
    {
      key: "status",
      header: "Status",
      cell: (user) => {
        const { busy, onChange } = handlersFor(user);
        return (
          <>
            <span className={user.disabled ? "text-red-700" : "text-emerald-700"}>{user.disabled ? "disabled" : "active"}</span>{" "}
            <Button size="sm" disabled={busy} onClick={() => onChange({ disabled: !user.disabled })}>
              {user.disabled ? "Enable" : "Disable"}
              <span className="sr-only"> {user.email}</span>
            </Button>
          </>
        );
      },
    },
    { key: "provider", header: "Sign-in", cell: (user) => (user.provider === "oidc" ? "single sign-on" : "password") },
    { key: "created", header: "Created", cell: (user) => <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time> },
    { key: "actions", header: "Actions", cell: (user) => <UserActions user={user} {...handlersFor(user)} /> },
  ];
}

function UsersTable({ currentUserId }: { currentUserId: string }) {
  const users = useUsersQuery();
  const update = useUpdateUserMutation();
  const remove = useDeleteUserMutation();
  const [feedback, setFeedback] = useState<Feedback>(null);

  if (users.isPending) return <StateMessage kind="loading">Loading users…</StateMessage>;
  if (users.isError) return <StateMessage kind="error">Could not load the users: {users.error.message}</StateMessage>;

  const busyId = update.isPending ? update.variables?.id : remove.isPending ? remove.variables : undefined;

  function change(user: PublicUser, patch: Omit<UserChange, "id">, done?: () => void) {
    setFeedback(null);
    update.mutate(
      { id: user.id, ...patch },
      {
        onSuccess: ({ user: after }) => {
          done?.();
          const what =
            patch.password !== undefined
              ? `Password of ${after.email} reset.`
              : patch.disabled !== undefined
                ? `${after.email} is now ${after.disabled ? "disabled" : "enabled"}.`
                : `${after.email} is now ${after.role}.`;
          setFeedback({ kind: "done", text: what });
        },
        onError: (error) => setFeedback({ kind: "error", text: `Could not change ${user.email}: ${error.message}` }),
      },
    );
  }

  function destroy(user: PublicUser) {
    setFeedback(null);
    remove.mutate(user.id, {
      onSuccess: () => setFeedback({ kind: "done", text: `Deleted ${user.email}.` }),
      onError: (error) => setFeedback({ kind: "error", text: `Could not delete ${user.email}: ${error.message}` }),
    });
  }

  const handlersFor = (user: PublicUser): RowHandlers => ({
    busy: busyId === user.id,
    onChange: (patch, done) => change(user, patch, done),
    onDelete: () => destroy(user),
  });

  return (
    <div className="space-y-2">
      <FeedbackLine feedback={feedback} />
      <div className="overflow-x-auto">
        <DataTable
          caption="Users"
          columns={userColumns(currentUserId, handlersFor)}
          rows={users.data.users}
          rowKey={(user) => user.id}
          rowProps={(user) => ({ "data-user-email": user.email })}
          testId="users-table"
        />
      </div>
    </div>
  );
}

/** Users and roles: list, create, change role, disable, reset password, delete. */
export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  return (
    <section className="space-y-4" aria-labelledby="users-heading">
      <h2 id="users-heading" className="text-lg font-semibold">
        Users
      </h2>
      <UsersTable currentUserId={currentUserId} />
      <CreateUserForm />
    </section>
  );
}
