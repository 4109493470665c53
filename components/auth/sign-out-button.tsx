"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { signOutOfSession } from "@/lib/client/sign-in";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    setPending(true);
    setError(null);
    try {
      await signOutOfSession();
      // A full page load, not router.push: the server layout must render again without the session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/signin");
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "Sign-out failed; try again.");
      setPending(false);
    }
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      {error !== null && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
