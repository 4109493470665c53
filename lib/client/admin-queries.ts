"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createUserAction, deleteUserAction, updateUserAction } from "@/lib/actions/admin";
import { unwrapAction } from "@/lib/client/action-call";
import { apiFetch, type ApiClientError } from "@/lib/client/api-fetch";
import type { PublicUser } from "@/lib/schemas/accounts";
import type { AuditAction, AuditListResponse, AuditOutcome } from "@/lib/schemas/audit";
import type { Role } from "@/lib/auth/roles";

// Reads go to the API; changes are server actions (lib/actions/admin.ts).

export type UsersResponse = { users: PublicUser[] };
export type UserResponse = { user: PublicUser };

/** The audit filters the admin page offers; empty strings mean "any". */
export type AuditFilters = {
  action: AuditAction | "";
  outcome: AuditOutcome | "";
  actorEmail: string;
  /** ISO date-times, already converted from the date inputs. */
  since: string;
  until: string;
};

export const adminQueryKeys = {
  users: () => ["admin", "users"] as const,
  auditAll: () => ["admin", "audit"] as const,
  audit: (filters: AuditFilters) => ["admin", "audit", filters] as const,
};

const AUDIT_PAGE_SIZE = "50";

export function useUsersQuery() {
  return useQuery<UsersResponse, ApiClientError>({
    queryKey: adminQueryKeys.users(),
    queryFn: () => apiFetch<UsersResponse>("/api/admin/users"),
    staleTime: 0,
    retry: false,
  });
}

export function useAuditLogQuery(filters: AuditFilters) {
  return useInfiniteQuery<AuditListResponse, ApiClientError>({
    queryKey: adminQueryKeys.audit(filters),
    queryFn: ({ pageParam }) =>
      apiFetch<AuditListResponse>("/api/admin/audit", {
        action: filters.action,
        outcome: filters.outcome,
        actorEmail: filters.actorEmail,
        since: filters.since,
        until: filters.until,
        cursor: typeof pageParam === "string" ? pageParam : undefined,
        limit: AUDIT_PAGE_SIZE,
      }),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
    retry: false,
  });
}

/** Every user change is audited: refresh the users and the log. */
function useInvalidateAdmin() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminQueryKeys.users() }),
      queryClient.invalidateQueries({ queryKey: adminQueryKeys.auditAll() }),
    ]);
}

export function useCreateUserMutation() {
  const invalidate = useInvalidateAdmin();
  return useMutation<UserResponse, ApiClientError, { email: string; password: string; role: Role }>({
    mutationFn: (input) => unwrapAction(createUserAction(input)),
    onSettled: invalidate,
  });
}

export type UserChange = { id: string; role?: Role; disabled?: boolean; password?: string };

export function useUpdateUserMutation() {
  const invalidate = useInvalidateAdmin();
  return useMutation<UserResponse, ApiClientError, UserChange>({
    mutationFn: (change) => unwrapAction(updateUserAction(change)),
    onSettled: invalidate,
  });
}

export function useDeleteUserMutation() {
  const invalidate = useInvalidateAdmin();
  return useMutation<{ deleted: true; id: string }, ApiClientError, string>({
    mutationFn: (id) => unwrapAction(deleteUserAction({ id })),
    onSettled: invalidate,
  });
}
