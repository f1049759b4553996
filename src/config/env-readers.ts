// Small typed readers for environment variables. Each one records a problem naming the
// variable instead of throwing, so loadConfig can report every bad variable at once.

export type Env = Readonly<Record<string, string | undefined>>;

function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function integer(env: Env, name: string, options: { default: number; min: number; max: number }, problems: string[]): number {
  const value = raw(env, name);
  if (value === undefined) return options.default;
  const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < options.min || parsed > options.max) {
    problems.push(`${name}: expected an integer ${options.min}–${options.max}, got "${value}"`);
    return options.default;
  }
  return parsed;
}

export function boolean(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  problems.push(`${name}: expected true or false, got "${raw(env, name)}"`);
  return fallback;
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T, problems: string[]): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
  return fallback;
}

export function optionalUrl(env: Env, name: string, protocols: readonly string[], problems: string[]): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name}: expected a URL (${protocols.map((p) => `${p}//…`).join(' or ')}), got an unparsable value`);
    return undefined;
  }
  if (!protocols.includes(url.protocol)) {
    problems.push(`${name}: expected a ${protocols.join(' or ')} URL, got "${url.protocol}"`);
    return undefined;
  }
  return value;
}

export function text(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

export function optionalText(env: Env, name: string): string | undefined {
  return raw(env, name);
}
