// Tokenizer + recursive-descent parser for the Lucene subset openFDA accepts in `search`.
// Precedence NOT > AND > OR; juxtaposed clauses are OR'ed (Lucene's default operator, which
// openFDA documents as `field:a+field:b`), and `a NOT b` means a AND NOT b, as in Lucene.

export type QueryNode =
  | { kind: "all" }
  | { kind: "and"; left: QueryNode; right: QueryNode }
  | { kind: "or"; left: QueryNode; right: QueryNode }
  | { kind: "not"; operand: QueryNode }
  /** field "" = no field given: openFDA then searches all fields. */
  | { kind: "term"; field: string; value: string; phrase: boolean }
  | {
      kind: "range";
      field: string;
      lower: string | null;
      upper: string | null;
      includeLower: boolean;
      includeUpper: boolean;
    }
  | { kind: "exists"; field: string };

/** Broken syntax: real openFDA fails inside Elasticsearch and answers 500 SERVER_ERROR. */
export class QuerySyntaxError extends Error {
  override name = "QuerySyntaxError";
}

// openFDA's allow-list (elasticsearch_query.js): anything else is 400 "Search not supported".
const ALLOWED_SEARCH = /^[A-Za-z0-9 &@%/\\',._:()"[\]{}\-+><=*]*$/;

export function hasOnlyAllowedCharacters(search: string): boolean {
  return ALLOWED_SEARCH.test(search);
}

type Token =
  | { type: "lparen" | "rparen" | "and" | "or" | "not"; column: number }
  | { type: "clause"; text: string; column: number };

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] ?? "";
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "lparen" : "rparen", column });
      i++;
    } else {
      const start = i;
      while (i < input.length) {
        const c = input[i] ?? "";
        if (/\s/.test(c) || c === "(" || c === ")") break;
        if (c === "\\") {
          i += 2;
        } else if (c === '"') {
          i = closingQuote(input, i + 1) + 1;
        } else if (c === "[" || c === "{") {
          i = rangeEnd(input, i + 1) + 1;
        } else {
          i++;
        }
      }
      const text = input.slice(start, Math.min(i, input.length));
      if (text === "AND") tokens.push({ type: "and", column });
      else if (text === "OR") tokens.push({ type: "or", column });
      else if (text === "NOT") tokens.push({ type: "not", column });
      else tokens.push({ type: "clause", text, column });
    }
  }
  return tokens;
}

function closingQuote(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    if (input[i] === "\\") i++;
    else if (input[i] === '"') return i;
  }
  throw new QuerySyntaxError(`Lexical error at column ${from}: unterminated quoted phrase (Encountered: <EOF>)`);
}

function rangeEnd(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    if (input[i] === "]" || input[i] === "}") return i;
  }
  throw new QuerySyntaxError(`Lexical error at column ${from}: unterminated range (Encountered: <EOF>)`);
}

export function parseSearch(search: string): QueryNode {
  const parser = new Parser(tokenize(search));
  return parser.parseQuery();
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseQuery(): QueryNode {
    if (this.tokens.length === 0) return { kind: "all" };
    const node = this.parseOr(undefined);
    const extra = this.peek();
    if (extra) throw new QuerySyntaxError(`Encountered unexpected ${describe(extra)} at column ${extra.column}`);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.pos];
    if (token) this.pos++;
    return token;
  }

  private parseOr(defaultField: string | undefined): QueryNode {
    let left = this.parseAnd(defaultField);
    for (;;) {
      const token = this.peek();
      if (token?.type === "or") {
        this.next();
        left = { kind: "or", left, right: this.parseAnd(defaultField) };
      } else if (token?.type === "clause" || token?.type === "lparen") {
        left = { kind: "or", left, right: this.parseAnd(defaultField) };
      } else {
        return left;
      }
    }
  }

  private parseAnd(defaultField: string | undefined): QueryNode {
    let left = this.parseUnary(defaultField);
    for (;;) {
      const token = this.peek();
      if (token?.type === "and") {
        this.next();
        left = { kind: "and", left, right: this.parseUnary(defaultField) };
      } else if (token?.type === "not") {
        this.next();
        left = { kind: "and", left, right: { kind: "not", operand: this.parseUnary(defaultField) } };
      } else {
        return left;
      }
    }
  }

  private parseUnary(defaultField: string | undefined): QueryNode {
    if (this.peek()?.type === "not") {
      this.next();
      return { kind: "not", operand: this.parseUnary(defaultField) };
    }
    return this.parsePrimary(defaultField);
  }

  private parsePrimary(defaultField: string | undefined): QueryNode {
    const token = this.next();
    if (!token) throw new QuerySyntaxError("Encountered <EOF> where a clause was expected (dangling operator?)");
    if (token.type === "lparen") return this.parseGroup(defaultField);
    if (token.type !== "clause") {
      throw new QuerySyntaxError(`Encountered ${describe(token)} at column ${token.column} where a clause was expected`);
    }
    // `field:( ... )` groups clauses under one field, as in Lucene.
    if (token.text.endsWith(":") && this.peek()?.type === "lparen") {
      const field = token.text.slice(0, -1);
      if (!isFieldName(field)) throw new QuerySyntaxError(`Invalid field ${JSON.stringify(field)} at column ${token.column}`);
      this.next();
      return this.parseGroup(field);
    }
    return parseClause(token.text, token.column, defaultField);
  }

  private parseGroup(defaultField: string | undefined): QueryNode {
    const node = this.parseOr(defaultField);
    const close = this.next();
    if (close?.type !== "rparen") {
      throw new QuerySyntaxError(
        close ? `Encountered ${describe(close)} at column ${close.column}; expected ")"` : 'Encountered <EOF>; expected ")"',
      );
    }
    return node;
  }
}

function describe(token: Token): string {
  if (token.type === "clause") return JSON.stringify(token.text);
  return { lparen: '"("', rparen: '")"', and: "AND", or: "OR", not: "NOT" }[token.type];
}

function isFieldName(field: string): boolean {
  return /^[A-Za-z0-9_@.]+$/.test(field);
}

function parseClause(text: string, column: number, defaultField: string | undefined): QueryNode {
  const colon = fieldSeparator(text);
  const field = colon < 0 ? (defaultField ?? "") : text.slice(0, colon);
  const value = colon < 0 ? text : text.slice(colon + 1);
  if (colon >= 0 && !isFieldName(field)) {
    throw new QuerySyntaxError(`Invalid field ${JSON.stringify(field)} at column ${column}`);
  }
  if (value === "") throw new QuerySyntaxError(`Encountered <EOF> after ":" at column ${column + text.length}`);

  if (field === "_exists_" || field === "_missing_") {
    if (!isFieldName(value)) throw new QuerySyntaxError(`Invalid field ${JSON.stringify(value)} for ${field}`);
    const exists: QueryNode = { kind: "exists", field: value };
    return field === "_exists_" ? exists : { kind: "not", operand: exists };
  }

  if (value.startsWith('"')) {
    const end = closingQuote(value, 1);
    if (end !== value.length - 1) {
      throw new QuerySyntaxError(`Encountered ${JSON.stringify(value.slice(end + 1))} after phrase at column ${column}`);
    }
    return { kind: "term", field, value: unescape(value.slice(1, -1)), phrase: true };
  }

  if (value.startsWith("[") || value.startsWith("{")) {
    const last = value[value.length - 1];
    if (last !== "]" && last !== "}") throw new QuerySyntaxError(`Malformed range ${JSON.stringify(value)}`);
    const parts = value.slice(1, -1).trim().split(/\s+/);
    const [lower, to, upper] = parts;
    if (parts.length !== 3 || to !== "TO" || lower === undefined || upper === undefined) {
      throw new QuerySyntaxError(`Malformed range ${JSON.stringify(value)}; expected [A TO B]`);
    }
    return {
      kind: "range",
      field,
      lower: lower === "*" ? null : lower,
      upper: upper === "*" ? null : upper,
      includeLower: value.startsWith("["),
      includeUpper: last === "]",
    };
  }

  if (/(^|[^\\])"/.test(value)) throw new QuerySyntaxError(`Stray quote in ${JSON.stringify(text)} at column ${column}`);
  return { kind: "term", field, value: unescape(value), phrase: false };
}

/** Index of the ':' ending the field name, or -1 when the clause has no field. */
function fieldSeparator(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === ":") return i;
    else if (c === '"' || c === "[" || c === "{") return -1;
  }
  return -1;
}

function unescape(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}
