/**
 * Copies a string into its own flat storage. V8 may keep a substring (from split/slice/trim) as a view
 * into the whole line it came from; interned values live as long as the dataset, so they must not pin
 * megabytes of file text. Only called once per distinct value.
 */
export function detachString(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, "utf16le").toString("utf16le");
}

/** A string ↔ dense id table: ids are 0, 1, 2 … in first-seen order. */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  get size(): number {
    return this.values.length;
  }

  /** The id of `value`, adding it when new. */
  intern(value: string): number {
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const stored = detachString(value);
    const id = this.values.length;
    this.values.push(stored);
    this.ids.set(stored, id);
    return id;
  }

  /** The id of `value`, or -1 when it was never interned. */
  find(value: string): number {
    return this.ids.get(value) ?? -1;
  }

  valueOf(id: number): string {
    return this.values[id] ?? "";
  }
}

/**
 * Memoized text → cleaned-id mapping: the cleaning function runs once per distinct raw text (a quarter
 * has ~100k distinct drugnames over ~2M DRUG rows). Returns -1 when the cleaned text is empty.
 */
export class CleaningInterner {
  private readonly cache = new Map<string, number>();

  constructor(
    private readonly table: StringTable,
    private readonly clean: (raw: string) => string,
  ) {}

  /** Cleaned id of `raw` (-1 if nothing is left) and whether cleaning changed the text. */
  idOf(raw: string): { id: number; changed: boolean } {
    let token = this.cache.get(raw);
    if (token === undefined) {
      const cleaned = this.clean(raw);
      const id = cleaned === "" ? -1 : this.table.intern(cleaned);
      // Encode "changed" in the sign-free token: 2·id+1 for changed, 2·id for unchanged; -1 stays empty.
      token = id < 0 ? -1 : id * 2 + (cleaned !== raw ? 1 : 0);
      this.cache.set(detachString(raw), token);
    }
    if (token < 0) return { id: -1, changed: raw !== "" };
    return { id: token >> 1, changed: (token & 1) === 1 };
  }
}
