"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createPersonalTokenAction, revokePersonalTokenAction } from "@/lib/actions/account";
import type { CreatedPersonalToken } from "@/lib/auth/use-cases/create-personal-token-for-user";
import { unwrapAction } from "@/lib/client/action-call";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import type { PersonalTokenInfo } from "@/lib/schemas/accounts";

// Reads go to the API; changes are server actions (lib/actions/account.ts).

export type PersonalTokensResponse = { tokens: PersonalTokenInfo[] };
export type { CreatedPersonalToken };

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
    mutationFn: (input) => unwrapAction(createPersonalTokenAction(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.tokens() }),
  });
}

export function useRevokePersonalTokenMutation() {
  const queryClient = useQueryClient();
  return useMutation<{ revoked: true; id: string }, ApiClientError, string>({
    mutationFn: (id) => unwrapAction(revokePersonalTokenAction({ id })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountQueryKeys.tokens() }),
  });
}
