import type { RawProblem } from './fields';

/**
 * Phone patterns per region (ISO 3166 code), for the digits after removing spaces, dashes and
 * brackets. A leading country code is accepted. Regions not listed accept any E.164-length number.
 */
const PHONES: Record<string, { cc: string; national: RegExp }> = {
  // Mainland China mobile: 11 digits, 1 then 3–9 (13x…19x carriers, 16x and 19x included).
  CN: { cc: '86', national: /^1[3-9]\d{9}$/ },
  HK: { cc: '852', national: /^[2-9]\d{7}$/ },
  MO: { cc: '853', national: /^6\d{7}$/ },
  TW: { cc: '886', national: /^0?9\d{8}$/ },
  US: { cc: '1', national: /^[2-9]\d{2}[2-9]\d{6}$/ },
  GB: { cc: '44', national: /^0?7\d{9}$/ },
  JP: { cc: '81', national: /^0?[789]0\d{8}$/ },
  SG: { cc: '65', national: /^[89]\d{7}$/ },
};

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** True for an address a mail server could accept: one @, a dotted domain, no spaces. */
export function isEmail(value: string): boolean {
  return value.length <= 320 && EMAIL.test(value.trim());
}

/**
 * True for a phone number valid in `region`: for 'CN' a mainland mobile number (with or without
 * +86), elsewhere the region's pattern, or 7–15 digits with a `+` country code for other regions.
 * @example isPhone('+86 138 0013 8000', 'CN') // true
 */
export function isPhone(value: string, region = 'CN'): boolean {
  const compact = value.replace(/[\s\-().]/g, '');
  const rule = PHONES[region.toUpperCase()];
  if (!rule) return /^\+?\d{7,15}$/.test(compact);
  const digits = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : undefined;
  if (digits !== undefined)
    return digits.startsWith(rule.cc) && rule.national.test(digits.slice(rule.cc.length));
  return rule.national.test(compact);
}

/** The contact the user gave, checked; `required` asks for an email or a phone. */
export function validateContact(
  contact: { email?: string; phone?: string } | undefined,
  region: string,
  required: boolean,
): RawProblem[] {
  const email = contact?.email?.trim();
  const phone = contact?.phone?.trim();
  const problems: RawProblem[] = [];
  if (email && !isEmail(email)) problems.push({ field: 'contact.email', code: 'not_an_email' });
  if (phone && !isPhone(phone, region))
    problems.push({
      field: 'contact.phone',
      code: region.toUpperCase() === 'CN' ? 'not_a_cn_mobile' : 'not_a_phone',
    });
  if (required && !email && !phone) problems.push({ field: 'contact.email', code: 'required' });
  return problems;
}
