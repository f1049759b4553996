import { BadUserInputError } from '../../errors/errors';
import { isoWeekRange, monthRange } from '../../lib/day-range';
import { parseIsoDay } from '../../lib/day';
import { checkText } from '../../lib/text-rule';

// Query-string parameters of the REST routes, validated before any query runs. Each problem is a
// BadUserInputError naming the parameter, which the route answers as 400 {"error": …}.

export function integerParam(params: URLSearchParams, name: string, range: { min: number; max: number; default: number }): number {
  const text = params.get(name);
  if (text === null || text === '') return range.default;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new BadUserInputError(name, `"${name}" must be an integer from ${range.min} to ${range.max}, got "${text.slice(0, 40)}".`);
  }
  return value;
}

/** YYYY-MM-DD that names a real calendar day. */
export function dateParam(params: URLSearchParams, name: string): string | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  if (parseIsoDay(text) === null) {
    throw new BadUserInputError(name, `"${name}" must be a date like "2025-10-14", got "${text.slice(0, 40)}".`);
  }
  return text;
}

/** "2025-W42", checked with the same rule the papers filter applies. */
export function weekParam(params: URLSearchParams, name: string): string | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  if (!isoWeekRange(text)) throw new BadUserInputError(name, `"${name}" must be an ISO week like "2025-W42", got "${text.slice(0, 40)}".`);
  return text;
}

/** "2025-10", checked with the same rule the papers filter applies. */
export function monthParam(params: URLSearchParams, name: string): string | undefined {
  const text = params.get(name);
  if (text === null || text === '') return undefined;
  if (!monthRange(text)) throw new BadUserInputError(name, `"${name}" must be a month like "2025-10", got "${text.slice(0, 40)}".`);
  return text;
}

/** Free text, under the API's one text rule (lib/text-rule.ts): no NUL, no lone surrogate, at most maxLength. */
export function textParam(params: URLSearchParams, name: string, maxLength: number): string | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  return checkText(name, text, maxLength);
}

export function enumParam<T extends string>(params: URLSearchParams, name: string, values: readonly T[], fallback: T): T {
  const text = params.get(name);
  if (text === null || text === '') return fallback;
  if (!values.includes(text as T))
    throw new BadUserInputError(name, `"${name}" must be one of ${values.map((v) => `"${v}"`).join(', ')}, got "${text.slice(0, 40)}".`);
  return text as T;
}
