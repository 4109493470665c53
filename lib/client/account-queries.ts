"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiClientError, apiSend } from "@/lib/client/api-fetch";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

export type PersonalTokensResponse = { tokens: PersonalTokenInfo[] };
/** POST /api/account/tokens: the token itself appears in this answer only. */
export type CreatedPersonalToken = PersonalTokenInfo & { token: string };

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
