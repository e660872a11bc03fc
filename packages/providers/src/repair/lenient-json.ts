/**
 * A JSON reader that accepts what small models write around strict JSON: trailing commas,
 * missing commas between values, raw control characters inside strings, single-quoted strings,
 * unquoted keys, comments, and the Python literals `True`, `False` and `None`. It stops at the
 * end of the first complete value and reports where that was, so text after it can be ignored.
 */

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value read from the text, the offset just past it, and the repairs it needed. */
export interface LenientParse {
  value: JsonValue;
  end: number;
  repairs: Set<string>;
}

export class LenientJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = "LenientJsonError";
  }
}

const MAX_DEPTH = 64;
const literals: Record<string, JsonValue> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
};
const jsonLiterals = new Set(["true", "false", "null"]);
const escapes: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

class Reader {
  position: number;
  readonly repairs = new Set<string>();

  constructor(
    readonly text: string,
    start: number,
  ) {
    this.position = start;
  }

  fail(message: string): never {
    throw new LenientJsonError(message, this.position);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.position < text.length) {
      const char = text[this.position];
      if (char === "/" && text[this.position + 1] === "/") {
        const end = text.indexOf("\n", this.position);
        this.position = end < 0 ? text.length : end + 1;
        this.repairs.add("comment");
      } else if (char === "/" && text[this.position + 1] === "*") {
        const end = text.indexOf("*/", this.position + 2);
        this.position = end < 0 ? text.length : end + 2;
        this.repairs.add("comment");
      } else if (char !== undefined && /\s/.test(char)) {
        this.position += 1;
      } else {
        return;
      }
    }
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.position];
  }

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const char = this.peek();
    if (char === "{") return this.object(depth);
    if (char === "[") return this.array(depth);
    if (char === '"' || char === "'") return this.string();
    if (char !== undefined && /[-+0-9.]/.test(char)) return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.position, this.position + 64));
    if (word && Object.hasOwn(literals, word[0])) {
      if (!jsonLiterals.has(word[0])) this.repairs.add("python-literal");
      this.position += word[0].length;
      return literals[word[0]] ?? null;
    }
    return this.fail(
      char === undefined ? "unexpected end of JSON" : `unexpected ${JSON.stringify(char)}`,
    );
  }

  /** Reads the separator after an item; returns true at the closing bracket. */
  separator(close: string): boolean {
    const char = this.peek();
    if (char === close) {
      this.position += 1;
      return true;
    }
    if (char === ",") {
      this.position += 1;
      if (this.peek() === close) {
        this.position += 1;
        this.repairs.add("trailing-comma");
        return true;
      }
      return false;
    }
    if (char === undefined) this.fail(`unexpected end of JSON, expected "${close}"`);
    this.repairs.add("missing-comma");
    return false;
  }

  object(depth: number): JsonValue {
    this.position += 1;
    const result: Record<string, JsonValue> = {};
    if (this.peek() === "}") {
      this.position += 1;
      return result;
    }
    for (;;) {
      const key = this.key();
      if (this.peek() !== ":") this.fail(`expected ":" after key ${JSON.stringify(key)}`);
      this.position += 1;
      result[key] = this.value(depth + 1);
      if (this.separator("}")) return result;
    }
  }

  key(): string {
    const char = this.peek();
    if (char === '"' || char === "'") return this.string();
    const word = /^[A-Za-z_$][\w$-]*/.exec(this.text.slice(this.position, this.position + 256));
    if (!word) this.fail(char === undefined ? "unexpected end of JSON" : "expected a key");
    this.position += word[0].length;
    this.repairs.add("unquoted-key");
    return word[0];
  }

  array(depth: number): JsonValue {
    this.position += 1;
    const result: JsonValue[] = [];
    if (this.peek() === "]") {
      this.position += 1;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      if (this.separator("]")) return result;
    }
  }

  string(): string {
    const quote = this.text[this.position];
    if (quote === "'") this.repairs.add("single-quotes");
    this.position += 1;
    let result = "";
    while (this.position < this.text.length) {
      const char = this.text[this.position] ?? "";
      this.position += 1;
      if (char === quote) return result;
      if (char === "\\") result += this.escape();
      else {
        if (char < " ") this.repairs.add("control-character");
        result += char;
      }
    }
    return this.fail("unterminated string");
  }

  escape(): string {
    const char = this.text[this.position] ?? "";
    this.position += 1;
    if (char === "u") {
      const hex = this.text.slice(this.position, this.position + 4);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.position += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
    }
    const known = escapes[char];
    if (known !== undefined) return known;
    this.repairs.add("invalid-escape");
    return char;
  }

  number(): number {
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.position));
    if (!match) return this.fail("invalid number");
    this.position += match[0].length;
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail(`number out of range: ${match[0]}`);
    return value;
  }
}

/** Reads one JSON value starting at `start`, tolerating the faults listed in the file header. */
export function parseLenientJson(text: string, start = 0): LenientParse {
  const reader = new Reader(text, start);
  const value = reader.value(0);
  return { value, end: reader.position, repairs: reader.repairs };
}
