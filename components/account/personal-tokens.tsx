"use client";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { DataTable, type DataTableColumn } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import {
  useCreatePersonalTokenMutation,
  usePersonalTokensQuery,
  useRevokePersonalTokenMutation,
  type CreatedPersonalToken,
} from "@/lib/client/account-queries";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

const DEFAULT_EXPIRY_DAYS = 30;
const MAX_EXPIRY_DAYS = 366;

const noSubscription = () => () => undefined;

/** This site's origin, for the curl example; empty during server rendering. */
function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
}

function NewTokenNotice({ created, onDone }: { created: CreatedPersonalToken; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-3 rounded border border-emerald-300 bg-emerald-50 p-4" data-testid="new-token">
      <p className="text-sm font-medium text-emerald-900">
        Token &quot;{created.name}&quot; created. It is shown once: copy it now, it cannot be displayed again.
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <Field label="Your new token" labelHidden className="min-w-0 flex-1">
          {({ className, ...control }) => (
            <input
              {...control}
              readOnly
              value={created.token}
              onFocus={(e) => e.currentTarget.select()}
              className={`${className} font-mono text-sm`}
              data-testid="new-token-value"
            />
          )}
        </Field>
        <Button variant="primary" onClick={copy}>
          Copy
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
      <p role="status" className="text-xs text-emerald-900">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying failed; select the field and copy it yourself." : ""}
      </p>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedPersonalToken) => void }) {
  const create = useCreatePersonalTokenMutation();
  const [name, setName] = useState("");
  const [days, setDays] = useState(String(DEFAULT_EXPIRY_DAYS));
  const [never, setNever] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), expiresInDays: never ? null : Number(days) },
      {
        onSuccess: (created) => {
          setName("");
          onCreated(created);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Create a personal access token">
      <h3 className="font-medium">Create a token</h3>
      {create.error && (
        <InlineMessage kind="error">Could not create the token: {create.error.message}</InlineMessage>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Token name" className="min-w-56 flex-1">
          {(control) => (
            <input {...control} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. monthly CER script" maxLength={80} required />
          )}
        </Field>
        <Field label="Expires in (days)" className="w-40">
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={MAX_EXPIRY_DAYS}
              step={1}
              value={days}
              onChange={(e) => setDays(e.target.value)}
              disabled={never}
              required={!never}
            />
          )}
        </Field>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} />
          <span>Never expires</span>
        </label>
        <Button type="submit" variant="primary" size="lg" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}

const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso)}</time>;

function tokenColumns(onRevoke: (id: string) => void, busy: boolean): DataTableColumn<PersonalTokenInfo>[] {
  return [
    { key: "name", header: "Name", rowHeader: true, cell: (token) => token.name },
    { key: "prefix", header: "Token", className: "font-mono text-xs", cell: (token) => `${token.prefix}…` },
    { key: "created", header: "Created", cell: (token) => when(token.createdAt) },
    {
      key: "expires",
      header: "Expires",
      cellProps: () => ({ "data-testid": "token-expires" }),
      cell: (token) => (token.expiresAt === null ? "never" : when(token.expiresAt)),
    },
    {
      key: "actions",
      header: "Actions",
      cell: (token) => (
        <ConfirmAction label="Revoke" question={`Revoke ${token.name}?`} confirmLabel="Yes, revoke" disabled={busy} onConfirm={() => onRevoke(token.id)} />
      ),
    },
  ];
}

function TokensTable() {
  const tokens = usePersonalTokensQuery();
  const revoke = useRevokePersonalTokenMutation();

  if (tokens.isPending) return <StateMessage kind="loading">Loading your tokens…</StateMessage>;
  if (tokens.isError) return <StateMessage kind="error">Could not load your tokens: {tokens.error.message}</StateMessage>;
  return (
    <div className="space-y-2">
      {revoke.error && (
        <InlineMessage kind="error">Could not revoke the token: {revoke.error.message}</InlineMessage>
      )}
      <DataTable
        caption="Your personal access tokens"
        columns={tokenColumns((id) => revoke.mutate(id), revoke.isPending)}
        rows={tokens.data.tokens}
        rowKey={(token) => token.id}
        rowProps={(token) => ({ "data-token-id": token.id })}
        empty={<StateMessage kind="empty">You have no personal access tokens.</StateMessage>}
        testId="tokens-table"
      />
    </div>
  );
}

/** Personal access tokens: long-lived bearer tokens for scripts, listed, created (shown once) and revoked. */
export function PersonalTokens() {
  const [created, setCreated] = useState<CreatedPersonalToken | null>(null);
  const origin = useOrigin();
  return (
    <section className="space-y-4" aria-labelledby="tokens-heading">
      <div className="space-y-1">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Personal access tokens
        </h2>
        <p className="max-w-3xl text-sm text-slate-600">
          A personal access token lets a script call the API as you, with your role, until it expires or you revoke it. Send it as{" "}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;token&gt;</code>. For a short-lived token instead, POST your
          email and password to <code className="rounded bg-slate-100 px-1">/api/auth/token</code>: it answers with a bearer token valid for one
          hour.
        </p>
        <p className="text-sm text-slate-700">Use it:</p>
        <pre className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="curl-hint">
          {`curl -H 'Authorization: Bearer <token>' '${origin}/api/faers/trend?drug=ambrisentan'`}
        </pre>
      </div>
      {created !== null && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm onCreated={setCreated} />
      <TokensTable />
    </section>
  );
}
