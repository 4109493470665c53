// A 1-hour API token (JWT) from the app's own sign-in API; retried while the first admin is being created at boot.
export async function bearerToken(appUrl, email, password) {
  for (let i = 0; i < 40; i++) {
    const response = await fetch(`${appUrl}/api/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (response.ok) return (await response.json()).token;
    await new Promise((r) => setTimeout(r, 250)); // the first admin is created just after boot
  }
  throw new Error("could not get an API token");
}
