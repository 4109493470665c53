"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiClientError } from "@/lib/client/api-fetch";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

export type PersonalTokensResponse = { tokens: PersonalTokenInfo[] };
/** POST /api/account/tokens: the token itself appears in this answer only. */
export type CreatedPersonalToken = PersonalTokenInfo & { token: string };

/**
 * JSON writes for the account and admin hooks. Same-origin and `application/json`, which is what the
 * API's CSRF check expects from a browser (it sends Origin itself); errors become ApiClientError as in
 * apiFetch.
 */
export async function apiSend<T>(method: "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
  });
  const json = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiClientError(error?.message ?? `Request failed (${response.status})`, error?.code ?? "unknown", response.status);
  }
  return json as T;
}

export const accountQueryKeys = {
  tokens: () => ["account", "tokens"] as const,
};

export function usePersonalTokensQuery() {
  return useQuery<PersonalTokensResponse, ApiClientError>({
    queryKey: accountQueryKeys.tokens(),
    queryFn: () => apiFetch<PersonalTokensResponse>("/api/account/tokens"),
    staleTime: 0,
    retry: false,
  });
}

export function useCreatePersonalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation<CreatedPersonalToken, ApiClientError, { name: string; expiresInDays: number | null }>({
    mutationFn: (input) => apiSend<CreatedPersonalToken>("POST", "/api/account/tokens", input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.tokens() }),
  });
}

export function useRevokePersonalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation<{ revoked: true; id: string }, ApiClientError, string>({
    mutationFn: (id) => apiSend("DELETE", `/api/account/tokens/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.tokens() }),
  });
}
