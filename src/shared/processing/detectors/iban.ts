import { isAlnum, type Detector, type Found } from './types';

/** IBAN lengths by country (ISO 13616 registry). */
const ibanLengths: Record<string, number> = Object.fromEntries(
  (
    'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 ' +
    'DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 ' +
    'IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 ' +
    'MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 ' +
    'SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30'
  )
    .split(' ')
    .map((e) => [e.slice(0, 2), Number(e.slice(2))]),
);

/** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
export function ibanChecksumValid(iban: string): boolean {
  const s = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let rest = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rest = (rest * 100 + (c - 55)) % 97;
    else return false;
  }
  return rest === 1;
}

// Country code and check digits; bounded.
const anchor = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}/g;

/**
 * IBANs, electronic ("DE89370400440532013000") or printed in groups
 * ("DE89 3704 0044 0532 0130 00"): from each country code, exactly the
 * country's length of letters and digits (single spaces allowed between),
 * not followed by another letter or digit, passing mod 97.
 */
export const ibanDetector: Detector = {
  name: 'iban',
  gate: '[A-Z]{2}[0-9]{2}',
  find(text: string, out: Found[]): void {
    anchor.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = anchor.exec(text)) !== null) {
      const length = ibanLengths[m[0].slice(0, 2)];
      if (length === undefined) continue;
      let i = m.index;
      let chars = '';
      while (chars.length < length && i < text.length) {
        const c = text.charCodeAt(i);
        if (isAlnum(c)) {
          chars += text[i];
          i++;
        } else if (c === 32 && chars.length >= 4 && isAlnum(text.charCodeAt(i + 1))) i++;
        else break;
      }
      if (chars.length === length && !isAlnum(text.charCodeAt(i)) && ibanChecksumValid(chars)) {
        out.push({ start: m.index, end: i, detector: 'iban' });
        anchor.lastIndex = i;
      }
    }
  },
};
