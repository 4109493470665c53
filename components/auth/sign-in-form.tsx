"use client";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineMessage } from "@/components/ui/inline-message";
import { safeCallbackUrl, signInErrorMessage, signInWithPassword, startSingleSignOn } from "@/lib/client/sign-in";

type Props = {
  callbackUrl: string;
  /** An `error` code next-auth put on the URL when it sent the visitor back here. */
  initialError: string | null;
  oidcEnabled: boolean;
};

const noSubscription = () => () => undefined;

/** False in the server HTML: until the form's handler is attached, submitting must not be possible. */
function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

export function SignInForm({ callbackUrl, initialError, oidcEnabled }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState<"password" | "sso" | null>(null);
  const [error, setError] = useState<string | null>(initialError === null ? null : signInErrorMessage(initialError));
  const hydrated = useHydrated();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending("password");
    setError(null);
    try {
      const result = await signInWithPassword({ email: email.trim(), password, callbackUrl });
      if (result.ok) {
        // A full page load: the server layout and pages read the new session cookie.
        window.location.assign(safeCallbackUrl(callbackUrl));
        return;
      }
      setError(result.message);
      if (result.kind === "invalid") setPassword("");
    } catch {
      setError("Could not reach the server; check your connection and try again.");
    }
    setPending(null);
  }

  async function singleSignOn() {
    setPending("sso");
    setError(null);
    try {
      window.location.assign(await startSingleSignOn(callbackUrl));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "Single sign-on could not start; please try again.");
      setPending(null);
    }
  }

  return (
    <div className="space-y-4">
      {error !== null && (
        <InlineMessage kind="error" testId="sign-in-error">
          {error}
        </InlineMessage>
      )}
      {/* method="post": even a submit that beats hydration never puts the password in a URL. */}
      <form method="post" onSubmit={submit} className="flex flex-col gap-3" aria-label="Sign in with email and password">
        <Field label="Email">
          {(control) => (
            <input
              {...control}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              maxLength={254}
              required
            />
          )}
        </Field>
        <Field label="Password">
          {(control) => (
            <input
              {...control}
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              maxLength={256}
              required
            />
          )}
        </Field>
        <Button type="submit" variant="primary" size="lg" disabled={!hydrated || pending !== null}>
          {pending === "password" ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcEnabled && (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <Button size="lg" className="w-full font-medium" onClick={singleSignOn} disabled={!hydrated || pending !== null}>
            {pending === "sso" ? "Redirecting…" : "Sign in with single sign-on"}
          </Button>
        </div>
      )}
    </div>
  );
}
