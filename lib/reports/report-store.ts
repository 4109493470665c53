import "server-only";
import { getStateStore } from "@/lib/cache/get-state-store";
import type { StateStore } from "@/lib/cache/state-store";
import { updateAtomically } from "@/lib/cache/update-atomically";
import { reportRecordSchema, type ReportRecord } from "@/lib/schemas/reports";

// Stored reports: the record (JSON), the data snapshot (canonical JSON) and the PDF bytes, each with
// the retention TTL; an index per owner and one of all reports (for admins); and an index from a PDF's
// SHA-256 to the reports that produced it (POST /api/reports/verify).

export type ReportStore = {
  /** Creates the record unless one with its id exists; returns the stored record either way. */
  create(record: ReportRecord): Promise<{ created: boolean; record: ReportRecord }>;
  get(id: string): Promise<ReportRecord | null>;
  /** Atomic read-modify-write; null when the record is gone. */
  update(id: string, change: (record: ReportRecord) => ReportRecord): Promise<ReportRecord | null>;
  listIds(owner: string | "all"): Promise<string[]>;
  putSnapshot(id: string, json: string): Promise<string>;
  getSnapshot(id: string): Promise<string | null>;
  putPdf(id: string, pdf: Uint8Array): Promise<void>;
  getPdf(id: string): Promise<Uint8Array | null>;
  indexPdfHash(id: string, sha256: string): Promise<void>;
  idsWithPdfHash(sha256: string): Promise<string[]>;
  /** Removes the record, its snapshot and PDF, and its index entries. */
  remove(record: ReportRecord): Promise<void>;
};

export function createReportStore(store: StateStore, options: { retentionDays: number; prefix?: string }): ReportStore {
  const prefix = options.prefix ?? "cer:";
  const ttlSeconds = options.retentionDays * 24 * 3600;
  const recordKey = (id: string) => `${prefix}report:${id}`;
  const snapshotKey = (id: string) => `${prefix}report:${id}:snapshot`;
  const pdfKey = (id: string) => `${prefix}report:${id}:pdf`;
  const ownerKey = (owner: string) => `${prefix}reports:owner:${owner}`;
  const allKey = `${prefix}reports:all`;
  const hashKey = (sha256: string) => `${prefix}reports:pdf-sha256:${sha256}`;
  const parse = (json: string | null) => (json === null ? null : reportRecordSchema.parse(JSON.parse(json)));

  return {
    async create(record) {
      const json = JSON.stringify(record);
      if (await store.compareAndSet(recordKey(record.id), null, json, { ttlSeconds })) {
        await store.addToSet(ownerKey(record.owner), record.id);
        await store.addToSet(allKey, record.id);
        return { created: true, record };
      }
      const existing = parse(await store.get(recordKey(record.id)));
      return existing ? { created: false, record: existing } : this.create(record);
    },
    async get(id) {
      return parse(await store.get(recordKey(id)));
    },
    async update(id, change) {
      return (await updateAtomically(store, recordKey(id), (raw) => reportRecordSchema.parse(JSON.parse(raw)), change, { ttlSeconds }))?.value ?? null;
    },
    async listIds(owner) {
      return store.setMembers(owner === "all" ? allKey : ownerKey(owner));
    },
    async putSnapshot(id, json) {
      await store.setBytes(snapshotKey(id), new TextEncoder().encode(json), { ttlSeconds });
      return snapshotKey(id);
    },
    async getSnapshot(id) {
      const bytes = await store.getBytes(snapshotKey(id));
      return bytes === null ? null : new TextDecoder().decode(bytes);
    },
    async putPdf(id, pdf) {
      await store.setBytes(pdfKey(id), pdf, { ttlSeconds });
    },
    async getPdf(id) {
      return store.getBytes(pdfKey(id));
    },
    async indexPdfHash(id, sha256) {
      await store.addToSet(hashKey(sha256), id);
    },
    async idsWithPdfHash(sha256) {
      return store.setMembers(hashKey(sha256));
    },
    async remove(record) {
      await Promise.all([store.delete(recordKey(record.id)), store.delete(snapshotKey(record.id)), store.delete(pdfKey(record.id))]);
      await store.removeFromSet(ownerKey(record.owner), record.id);
      await store.removeFromSet(allKey, record.id);
      if (record.pdf) await store.removeFromSet(hashKey(record.pdf.sha256), record.id);
    },
  };
}

const HOLDER = Symbol.for("cer-analytics.reportStore");
type Holder = { [HOLDER]?: ReportStore };

/** The process-wide report store on the app's state store, with REPORT_RETENTION_DAYS. */
export function getReportStore(retentionDays: number): ReportStore {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= createReportStore(getStateStore(), { retentionDays });
  return holder[HOLDER];
}
