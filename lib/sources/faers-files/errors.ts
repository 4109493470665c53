/**
 * A FAERS/AERS extract file that cannot be read as documented: wrong number of `$`-separated fields,
 * an unrecognized header, a missing required column, a bad CSV quote. `file` is the display name
 * (the file's base name, never a server path), `line` the 1-based physical line number in that file
 * (the header is line 1). The API answers 400 with both.
 */
export class FaersFileError extends Error {
  readonly file: string;
  readonly line: number;
  /** The message without the "file:line: " prefix. */
  readonly detail: string;

  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = "FaersFileError";
    this.file = file;
    this.line = line;
    this.detail = detail;
  }

  toJSON(): { file: string; line: number; message: string } {
    return { file: this.file, line: this.line, message: this.detail };
  }
}

/** A query to the offline FAERS file source that cannot be answered (bad cursor, unknown option). */
export class FaersQueryError extends Error {
  readonly code = "invalid_input";

  constructor(message: string) {
    super(message);
    this.name = "FaersQueryError";
  }
}
