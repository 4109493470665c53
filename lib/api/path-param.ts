/** One path parameter as a string; a catch-all's array or a missing one is "" (no id matches it). */
export function pathParam(params: Record<string, string | string[]>, name: string): string {
  const value = params[name];
  return typeof value === "string" ? value : "";
}
