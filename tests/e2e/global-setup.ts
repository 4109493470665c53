// Before the e2e suite: users of each role and their credentials, made through the app's own API.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ADMIN,
  APP_ORIGIN,
  AUTH_STATE_DIR,
  bearerFor,
  ensureUser,
  ROLE_PASSWORD,
  signInForCookie,
  storageStateFor,
  type E2eAuthState,
  type Role,
} from "./auth";

export default async function globalSetup(): Promise<void> {
  const adminBearer = await bearerFor(ADMIN.email, ADMIN.password);
  const users = {} as E2eAuthState["users"];
  const sessionCookies = {} as E2eAuthState["sessionCookies"];
  for (const role of ["viewer", "analyst", "admin"] as Role[]) {
    const email = role === "admin" ? ADMIN.email : `${role}@e2e.test`;
    const password = role === "admin" ? ADMIN.password : ROLE_PASSWORD;
    const user = await ensureUser(adminBearer, email, password, role);
    users[role] = { id: user.id, email, password };
    sessionCookies[role] = await signInForCookie(email, password);
  }
  const analystBearer = await bearerFor(users.analyst.email, users.analyst.password);
  const pat = await fetch(`${APP_ORIGIN}/api/account/tokens`, {
    method: "POST",
    headers: { authorization: `Bearer ${analystBearer}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "e2e api specs" }),
  });
  if (pat.status !== 201) throw new Error(`PAT: ${pat.status} ${await pat.text()}`);
  const state: E2eAuthState = { users, sessionCookies, analystPat: ((await pat.json()) as { token: string }).token };
  mkdirSync(AUTH_STATE_DIR, { recursive: true });
  writeFileSync(path.join(AUTH_STATE_DIR, "state.json"), JSON.stringify(state));
  for (const role of ["viewer", "analyst", "admin"] as Role[]) {
    writeFileSync(path.join(AUTH_STATE_DIR, `${role}.json`), JSON.stringify(storageStateFor(sessionCookies[role])));
  }
}
