"use client";
import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { formatDateTime } from "@/components/ui/format-date-time";
import { InlineMessage } from "@/components/ui/inline-message";
import { StateMessage } from "@/components/ui/state-message";
import {
  useCreatePersonalTokenMutation,
  usePersonalTokensQuery,
  useRevokePersonalTokenMutation,
  type CreatedPersonalToken,
} from "@/lib/client/account-queries";

const INPUT = "rounded border border-slate-300 px-3 py-2";
const DEFAULT_EXPIRY_DAYS = 30;
const MAX_EXPIRY_DAYS = 366;

const noSubscription = () => () => undefined;

/** This site's origin, for the curl example; empty during server rendering. */
function useOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
}

function NewTokenNotice({ created, onDone }: { created: CreatedPersonalToken; onDone: () => void }) {
  const fieldId = useId();
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
        <label htmlFor={fieldId} className="sr-only">
          Your new token
        </label>
        <input
          id={fieldId}
          readOnly
          value={created.token}
          onFocus={(e) => e.currentTarget.select()}
          className={`${INPUT} min-w-0 flex-1 bg-white font-mono text-sm`}
          data-testid="new-token-value"
        />
        <button type="button" onClick={copy} className="rounded bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          Copy
        </button>
        <button type="button" onClick={onDone} className="rounded border border-slate-300 bg-white px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
          Done
        </button>
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
        <label className="flex min-w-56 flex-1 flex-col text-sm">
          <span className="mb-1 text-slate-600">Token name</span>
          <input
            className={INPUT}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. monthly CER script"
            maxLength={80}
            required
          />
        </label>
        <label className="flex w-40 flex-col text-sm">
          <span className="mb-1 text-slate-600">Expires in (days)</span>
          <input
            className={`${INPUT} disabled:bg-slate-100`}
            type="number"
            min={1}
            max={MAX_EXPIRY_DAYS}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            disabled={never}
            required={!never}
          />
        </label>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} />
          <span>Never expires</span>
        </label>
        <button
          type="submit"
          disabled={create.isPending}
          className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
        >
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
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
      {tokens.data.tokens.length === 0 ? (
        <StateMessage kind="empty">You have no personal access tokens.</StateMessage>
      ) : (
        <table className="w-full border-collapse text-left text-sm" data-testid="tokens-table">
          <caption className="sr-only">Your personal access tokens</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-500">
              <th scope="col" className="py-2 pr-4 font-medium">Name</th>
              <th scope="col" className="py-2 pr-4 font-medium">Token</th>
              <th scope="col" className="py-2 pr-4 font-medium">Created</th>
              <th scope="col" className="py-2 pr-4 font-medium">Expires</th>
              <th scope="col" className="py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.tokens.map((token) => (
              <tr key={token.id} className="border-b border-slate-100" data-token-id={token.id}>
                <th scope="row" className="py-2 pr-4 font-medium">{token.name}</th>
                <td className="py-2 pr-4 font-mono text-xs">{token.prefix}…</td>
                <td className="py-2 pr-4">
                  <time dateTime={token.createdAt}>{formatDateTime(token.createdAt)}</time>
                </td>
                <td className="py-2 pr-4" data-testid="token-expires">
                  {token.expiresAt === null ? "never" : <time dateTime={token.expiresAt}>{formatDateTime(token.expiresAt)}</time>}
                </td>
                <td className="py-2">
                  <ConfirmAction
                    label="Revoke"
                    question={`Revoke ${token.name}?`}
                    confirmLabel="Yes, revoke"
                    disabled={revoke.isPending}
                    onConfirm={() => revoke.mutate(token.id)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
