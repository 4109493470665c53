"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { AlertStreamProvider } from "@/lib/client/alert-stream";

/** `signedIn` comes from the layout's session check: only a signed-in user's tabs join the alert feed. */
export function Providers({ children, signedIn = false }: { children: ReactNode; signedIn?: boolean }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{signedIn ? <AlertStreamProvider>{children}</AlertStreamProvider> : children}</QueryClientProvider>;
}
