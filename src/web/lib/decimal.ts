// Exact decimal arithmetic for quantities (the API sends decimals as strings, e.g. "1200" or "12.5"),
// and reading numbers as people type them: "12,50" and "1.200" in Dutch, "12.50" and "1,200" in English.
interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function scaled(d: string): Scaled {
  if (!DECIMAL.test(d)) throw new Error(`not a decimal: ${d}`);
  const negative = d.startsWith('-');
  const [int = '0', frac = ''] = (negative ? d.slice(1) : d).split('.');
  const units = BigInt(int + frac) * (negative ? -1n : 1n);
  return { units, scale: frac.length };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function canonical(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  let s = scale;
  while (s > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    s--;
  }
  const int = digits.slice(0, digits.length - s);
  const frac = digits.slice(digits.length - s);
  const out = frac ? `${int}.${frac}` : int;
  return negative && out !== '0' ? `-${out}` : out;
}

export const add = (a: string, b: string): string => {
  const [x, y, s] = align(scaled(a), scaled(b));
  return canonical(x + y, s);
};

export const sub = (a: string, b: string): string => {
  const [x, y, s] = align(scaled(a), scaled(b));
  return canonical(x - y, s);
};

export const cmp = (a: string, b: string): number => {
  const [x, y] = align(scaled(a), scaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
};

export const sum = (values: readonly string[]): string => values.reduce(add, '0');
export const isZero = (a: string): boolean => cmp(a, '0') === 0;
/** Greater than zero: not negative and some digit is not zero (cheap; called for every quantity shown). */
export const gt0 = (a: string): boolean => !a.startsWith('-') && /[1-9]/.test(a);
export const max0 = (a: string): string => (gt0(a) ? a : '0');
export const eq = (a: string, b: string): boolean => cmp(a, b) === 0;

/**
 * Reads a number as typed in `language` and returns it as an API decimal ("1200", "12.5"), or null
 * when it is not a number. Both separators are understood: the last one is the decimal separator; a
 * lone separator followed by exactly three digits groups thousands when that is the language's habit.
 */
export function parseDecimalInput(input: string, language: 'nl' | 'en'): string | null {
  const s = input.replace(/[\s\u00a0€]/g, '');
  if (!s) return null;
  if (!/^-?[\d.,]+$/.test(s)) return null;
  let normal: string;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [intPart = '', frac = ''] = s.split(decimal);
    if (s.split(decimal).length > 2) return null;
    if (!new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})*$`).test(intPart)) return null;
    normal = `${intPart.split(group).join('')}.${frac}`;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? ',' : '.';
    const groupsThousands = language === 'nl' ? sep === '.' : sep === ',';
    if (groupsThousands && new RegExp(`^-?\\d{1,3}(\\${sep}\\d{3})+$`).test(s)) {
      normal = s.split(sep).join('');
    } else {
      if (s.split(sep).length > 2) return null;
      normal = s.replace(sep, '.');
    }
  } else normal = s;
  if (!DECIMAL.test(normal)) return null;
  const { units, scale } = scaled(normal);
  return canonical(units, scale);
}

/** A decimal as the input fields show it in `language` (no grouping, local decimal separator). */
export const decimalForInput = (d: string, language: 'nl' | 'en'): string =>
  language === 'nl' ? d.replace('.', ',') : d;
