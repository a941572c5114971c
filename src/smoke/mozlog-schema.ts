import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { bannerSource } from './banners.js';

/**
 * The mozlog JSON schema (one JSON object per line), after the Dockerflow spec's docs/mozlog.md: `Timestamp`
 * (integer nanoseconds since the epoch) is required; the other fields, when present, have these types.
 */
export const MOZLOG_SCHEMA = {
  type: 'object',
  required: ['Timestamp'],
  properties: {
    Timestamp: { type: 'integer', minimum: 0 },
    Type: { type: 'string' },
    Logger: { type: 'string' },
    Hostname: { type: 'string' },
    EnvVersion: { const: '2.0' },
    Severity: { type: 'integer', minimum: 0, maximum: 7 },
    Pid: { type: 'integer', minimum: 0 },
    Fields: {
      type: 'object',
      additionalProperties: {
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } },
        ],
      },
    },
  },
} as const;

let compiled: ValidateFunction | null = null;
const validator = (): ValidateFunction =>
  (compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(MOZLOG_SCHEMA));

/** Why a line is not mozlog, or null when it is. */
export function mozlogProblem(line: string): string | null {
  const text = line.trim();
  if (!text.startsWith('{')) return 'not a JSON object';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  const validate = validator();
  if (validate(json)) return null;
  const errors = validate.errors ?? [];
  return describe(errors.find((e) => e.keyword === 'anyOf') ?? errors[0]);
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return 'does not match the mozlog schema';
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '';
  if (e.keyword === 'required') return `${(e.params as { missingProperty: string }).missingProperty} is missing`;
  if (e.keyword === 'const') return `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  if (e.keyword === 'anyOf') return `${where} must be a scalar or a flat array of scalars`;
  return `${where || 'the line'} ${e.message ?? 'does not match the mozlog schema'}`;
}

/** How many lines kept as examples of those that are not mozlog. */
const SAMPLES = 3;

/**
 * Running count of mozlog lines, fed line by line as the container writes them. Of the lines that are not mozlog it
 * keeps the first few, how many came before the first mozlog line (a startup banner), and how many each known
 * program (npm, gunicorn, uvicorn…) wrote.
 */
export class MozlogTally {
  total = 0;
  valid = 0;
  firstBad: { line: string; problem: string } | null = null;
  /** The first few lines that are not mozlog. */
  readonly samples: string[] = [];
  /** Stray lines that report an error (`npm error …`, `ERROR`): a program's errors are never a startup banner. */
  errorLines = 0;
  /**
   * Lines that are not mozlog before the first mozlog line of their stream, and after it: `docker logs` delivers
   * stdout and stderr separately, so their order across streams is not known (a banner on stderr may arrive
   * after the app's first lines on stdout).
   */
  badBefore = 0;
  badAfter = 0;
  /** Lines that are not mozlog by the program that wrote them ("" when unknown), in first-seen order. */
  readonly sources = new Map<string, number>();

  private readonly validIn = new Map<string, number>();

  add(line: string, stream = 'stdout'): void {
    if (line.trim() === '') return;
    this.total++;
    const problem = mozlogProblem(line);
    if (problem === null) {
      this.valid++;
      this.validIn.set(stream, (this.validIn.get(stream) ?? 0) + 1);
      return;
    }
    this.firstBad ??= { line, problem };
    if (this.samples.length < SAMPLES) this.samples.push(line);
    if (/\b(error|ERR!)\b/i.test(line)) this.errorLines++;
    if (!this.validIn.get(stream)) this.badBefore++;
    else this.badAfter++;
    const source = bannerSource(line)?.name ?? '';
    this.sources.set(source, (this.sources.get(source) ?? 0) + 1);
  }
}
