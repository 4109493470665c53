// Browser-safe: the one fetch behind every react-query hook. Turns our error body into an Error with a code.

export class ApiClientError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** The JSON body of an answer, or the ApiClientError its error body describes. */
async function readApiResponse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiClientError(error?.message ?? `Request failed (${response.status})`, error?.code ?? "unknown", response.status);
  }
  return body as T;
}

export async function apiFetch<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
  const query = search.toString();
  return readApiResponse<T>(await fetch(query ? `${path}?${query}` : path, { headers: { accept: "application/json" } }));
}
