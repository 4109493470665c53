"use client";
import { useId, useState, type FormEvent } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { ROLES, type Role } from "@/lib/auth/roles";
import { useCreateUserMutation, useDeleteUserMutation, useUpdateUserMutation, useUsersQuery, type UserChange } from "@/lib/client/admin-queries";
import type { PublicUser } from "@/lib/schemas/accounts";

const INPUT = "rounded border border-slate-300 px-3 py-2";
const SMALL_BUTTON = "rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-60";

type Feedback = { kind: "error" | "done"; text: string } | null;

function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (feedback === null) return null;
  return <InlineMessage kind={feedback.kind}>{feedback.text}</InlineMessage>;
}

function CreateUserForm() {
  const create = useCreateUserMutation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [feedback, setFeedback] = useState<Feedback>(null);
  const roleId = useId();

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
        <label className="flex min-w-56 flex-1 flex-col text-sm">
          <span className="mb-1 text-slate-600">Email</span>
          <input className={INPUT} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} required />
        </label>
        <label className="flex min-w-56 flex-1 flex-col text-sm">
          <span className="mb-1 text-slate-600">Password (at least {PASSWORD_MIN_LENGTH} characters)</span>
          <input
            className={INPUT}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={PASSWORD_MIN_LENGTH}
            maxLength={PASSWORD_MAX_LENGTH}
            required
          />
        </label>
        {/* A sibling label: a <select> inside its <label> would add its option texts to the label's text. */}
        <div className="flex flex-col text-sm">
          <label htmlFor={roleId} className="mb-1 text-slate-600">
            Role
          </label>
          <select id={roleId} className={`${INPUT} bg-white`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {create.isPending ? "Creating…" : "Create user"}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({ user, busy, onSubmit, onCancel }: { user: PublicUser; busy: boolean; onSubmit: (password: string) => void; onCancel: () => void }) {
  const [password, setPassword] = useState("");
  const id = useId();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(password);
  }
  return (
    <form onSubmit={submit} className="mt-2 flex flex-wrap items-center gap-2" aria-label={`Reset the password of ${user.email}`}>
      <label htmlFor={id} className="sr-only">
        New password for {user.email}
      </label>
      <input
        id={id}
        className="rounded border border-slate-300 px-2 py-1 text-sm"
        type="password"
        autoComplete="new-password"
        placeholder={`New password (${PASSWORD_MIN_LENGTH}+ characters)`}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        required
      />
      <button type="submit" disabled={busy} className={SMALL_BUTTON}>
        Set password
      </button>
      <button type="button" onClick={onCancel} className={SMALL_BUTTON}>
        Cancel
      </button>
    </form>
  );
}

function UserRow({
  user,
  isYou,
  busy,
  onChange,
  onDelete,
}: {
  user: PublicUser;
  isYou: boolean;
  busy: boolean;
  onChange: (change: Omit<UserChange, "id">, done?: () => void) => void;
  onDelete: () => void;
}) {
  const roleId = useId();
  const [resetting, setResetting] = useState(false);
  return (
    <tr className="border-b border-slate-100 align-top" data-user-email={user.email}>
      <th scope="row" className="py-2 pr-4 font-medium">
        {user.email}
        {isYou && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
      </th>
      <td className="py-2 pr-4">
        <label htmlFor={roleId} className="sr-only">
          Role of {user.email}
        </label>
        <select
          id={roleId}
          className="rounded border border-slate-300 bg-white px-2 py-1"
          value={user.role}
          disabled={busy}
          onChange={(e) => onChange({ role: e.target.value as Role })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td className="py-2 pr-4">
        <span className={user.disabled ? "text-red-700" : "text-emerald-700"}>{user.disabled ? "disabled" : "active"}</span>{" "}
        <button type="button" disabled={busy} className={SMALL_BUTTON} onClick={() => onChange({ disabled: !user.disabled })}>
          {user.disabled ? "Enable" : "Disable"}
          <span className="sr-only"> {user.email}</span>
        </button>
      </td>
      <td className="py-2 pr-4">{user.provider === "oidc" ? "single sign-on" : "password"}</td>
      <td className="py-2 pr-4">
        <time dateTime={user.createdAt}>{formatDateTime(user.createdAt)}</time>
      </td>
      <td className="py-2">
        <div className="flex flex-wrap items-center gap-2">
          {!resetting && (
            <button type="button" disabled={busy} className={SMALL_BUTTON} onClick={() => setResetting(true)}>
              Reset password
              <span className="sr-only"> of {user.email}</span>
            </button>
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
      </td>
    </tr>
  );
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

  return (
    <div className="space-y-2">
      <FeedbackLine feedback={feedback} />
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="users-table">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-500">
              <th scope="col" className="py-2 pr-4 font-medium">Email</th>
              <th scope="col" className="py-2 pr-4 font-medium">Role</th>
              <th scope="col" className="py-2 pr-4 font-medium">Status</th>
              <th scope="col" className="py-2 pr-4 font-medium">Sign-in</th>
              <th scope="col" className="py-2 pr-4 font-medium">Created</th>
              <th scope="col" className="py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isYou={user.id === currentUserId}
                busy={busyId === user.id}
                onChange={(patch, done) => change(user, patch, done)}
                onDelete={() => destroy(user)}
              />
            ))}
          </tbody>
        </table>
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
