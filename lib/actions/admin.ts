"use server";
// Server actions of the admin page: create, change and delete users. Same use cases as POST
// /api/admin/users and PATCH, DELETE /api/admin/users/{id}, with the same answers.
import { defineAction } from "@/lib/actions/action-client";
import { createUserAsAdmin } from "@/lib/auth/use-cases/create-user-as-admin";
import { deleteUserAsAdmin } from "@/lib/auth/use-cases/delete-user-as-admin";
import { updateUserAsAdmin } from "@/lib/auth/use-cases/update-user-as-admin";
import { byIdActionSchema, createUserSchema, updateUserActionSchema } from "@/lib/schemas/accounts";

export const createUserAction = defineAction(
  { actionName: "admin.createUser", permission: "users:manage", input: createUserSchema },
  async ({ input, actor }) => ({ user: await createUserAsAdmin(actor, input) }),
);

/** Role, disabled flag and password, as PATCH /api/admin/users/{id}; the id is a field here. */
export const updateUserAction = defineAction(
  { actionName: "admin.updateUser", permission: "users:manage", input: updateUserActionSchema },
  async ({ input: { id, ...change }, actor }) => ({ user: await updateUserAsAdmin(actor, id, change) }),
);

export const deleteUserAction = defineAction(
  { actionName: "admin.deleteUser", permission: "users:manage", input: byIdActionSchema },
  ({ input, actor }) => deleteUserAsAdmin(actor, input.id),
);
