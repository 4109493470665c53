import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { decodeAuditCursor, encodeAuditCursor } from "@/lib/audit/audit-cursor";
import { matchesAuditFilter } from "@/lib/audit/audit-filter";
import { resolveAuditStore, type AuditStoreOptions } from "@/lib/audit/audit-store";
import { logger } from "@/lib/observability/logger";
import { auditEntrySchema, auditQuerySchema, type AuditEntry, type AuditListResponse, type AuditQuery } from "@/lib/schemas/audit";

/** What a caller may pass: the route's parsed query, or the same fields from code (limit optional). */
export type AuditFilter = Partial<Omit<AuditQuery, "limit">> & { limit?: number };

export type QueryAuditOptions = AuditStoreOptions & {
  /** Entries read per LRANGE. */
  pageSize?: number;
  /** Entries read per call at most; past it the call returns what it found and a cursor. */
  maxScan?: number;
};

const DEFAULT_PAGE_SIZE = 250;
const DEFAULT_MAX_SCAN = 10_000;
/**
 * Entries are appended in roughly time order; instances' clocks and slow writes can reorder them a little.
 * Scanning stops at the first entry older than `since` minus this slack.
 */
const SINCE_SLACK_MS = 5 * 60_000;

function parseFilter(filter: AuditFilter): AuditQuery {
  const result = auditQuerySchema.safeParse(filter);
  if (!result.success) {
    const message = result.error.issues.map((issue) => `${issue.path.join(".") || "filter"}: ${issue.message}`).join("; ");
    throw new AppError({ code: "invalid_input", message });
  }
  return result.data;
}

function parseEntry(raw: string, index: number): AuditEntry | null {
  try {
    const result = auditEntrySchema.safeParse(JSON.parse(raw));
    if (result.success) return result.data;
  } catch {
    // fall through: reported below
  }
  logger.warn("audit.unreadable_entry", { index });
  return null;
}

/**
 * Reads the audit log newest first. Scans from the tail (or the cursor) downwards in pages and stops at
 * `limit` matches, at `maxScan` entries read, or before entries older than `since`, so a filter never
 * loads the whole log. `nextCursor` is null only when nothing older is left to scan; a call that hit the
 * scan bound may return fewer than `limit` entries (even none) with a cursor to continue.
 */
export async function queryAudit(filter: AuditFilter = {}, options: QueryAuditOptions = {}): Promise<AuditListResponse> {
  const query = parseFilter(filter);
  const { store, key } = resolveAuditStore(options);
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const maxScan = Math.max(1, options.maxScan ?? DEFAULT_MAX_SCAN);
  const stopBelow = query.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(query.since) - SINCE_SLACK_MS;

  // Absolute indexes, not tail-relative ones: entries appended while we page must not shift the window.
  const length = await store.listLength(key);
  let upper = query.cursor === undefined ? length - 1 : Math.min(decodeAuditCursor(query.cursor), length - 1);
  const entries: AuditEntry[] = [];
  let scanned = 0;

  while (upper >= 0 && scanned < maxScan) {
    const lower = Math.max(0, upper - Math.min(pageSize, maxScan - scanned) + 1);
    const page = await store.listRange(key, lower, upper);
    for (let offset = page.length - 1; offset >= 0; offset--) {
      const index = lower + offset;
      scanned++;
      const entry = parseEntry(page[offset] ?? "", index);
      if (entry === null) continue;
      if (Date.parse(entry.at) < stopBelow) return { entries, nextCursor: null };
      if (!matchesAuditFilter(entry, query)) continue;
      entries.push(entry);
      if (entries.length === query.limit) return { entries, nextCursor: index > 0 ? encodeAuditCursor(index - 1) : null };
    }
    upper = lower - 1;
  }
  return { entries, nextCursor: upper >= 0 ? encodeAuditCursor(upper) : null };
}
