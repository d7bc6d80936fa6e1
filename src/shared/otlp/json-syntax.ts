/**
 * Finds where JSON text first goes wrong and why. JSON.parse's own messages
 * differ between engines and versions, and some give no position at all
 * ("Unexpected token '}', ... is not valid JSON" in Node 20), so after
 * JSON.parse fails this small scanner explains the failure consistently.
 */

export interface JsonSyntaxProblem {
  offset: number;
  reason: string;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw { offset: at, reason } satisfies JsonSyntaxProblem;
  }

  ws(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  shown(): string {
    const c = this.text[this.pos];
    return c === undefined ? 'end of input' : `character ${JSON.stringify(c)}`;
  }

  value(): void {
    this.ws();
    const c = this.text[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    this.fail(`unexpected ${this.shown()}, expected a value`);
  }

  object(): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"')
        this.fail(`unexpected ${this.shown()}, expected a property name in double quotes`);
      this.string();
      this.ws();
      if (this.text[this.pos] !== ':') this.fail(`unexpected ${this.shown()}, expected ':'`);
      this.pos++;
      this.value();
      this.ws();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return;
      if (c !== ',')
        this.fail(
          `unexpected ${c === undefined ? 'end of input' : `character ${JSON.stringify(c)}`}, expected ',' or '}'`,
          this.pos - 1,
        );
    }
  }

  array(): void {
    this.pos++;
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return;
      if (c !== ',')
        this.fail(
          `unexpected ${c === undefined ? 'end of input' : `character ${JSON.stringify(c)}`}, expected ',' or ']'`,
          this.pos - 1,
        );
    }
  }

  string(): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < ' ') this.fail('control character in a string (escape it)');
      if (c === '\\') {
        const e = this.text[this.pos + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
            this.fail('bad \\u escape in a string');
          }
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.fail('bad escape in a string');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail('malformed number');
    this.pos += m[0].length;
  }
}

/** null when `text` is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.ws();
    if (scanner.pos < text.length) scanner.fail('unexpected text after the JSON value');
    return null;
  } catch (problem) {
    if (typeof problem === 'object' && problem !== null && 'offset' in problem) {
      return problem as JsonSyntaxProblem;
    }
    throw problem;
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
