import { charTable, eachMatch, inTable, isAlnum, type Detector, type Found } from './types';

const base64Url = charTable('_-', [
  ['a', 'z'],
  ['A', 'Z'],
  ['0', '9'],
]);

function runEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && inTable(base64Url, text.charCodeAt(i))) i++;
  return i;
}

/**
 * JSON Web Tokens: three base64url parts joined by dots, the first starting
 * "eyJ" (the encoding of '{"'), the last possibly empty (unsigned tokens).
 * Found from each "eyJ"; each character is read once.
 */
export const jwtDetector: Detector = {
  name: 'jwt',
  gate: 'eyJ',
  find(text: string, out: Found[]): void {
    let at = text.indexOf('eyJ');
    while (at >= 0) {
      let next = at + 3;
      if (at === 0 || !inTable(base64Url, text.charCodeAt(at - 1))) {
        const header = runEnd(text, at);
        next = header;
        if (header - at >= 10 && text[header] === '.') {
          const payload = runEnd(text, header + 1);
          next = payload;
          if (payload - header > 10 && text[payload] === '.') {
            const signature = runEnd(text, payload + 1);
            out.push({ start: at, end: signature, detector: 'jwt' });
            next = signature;
          }
        }
      }
      at = text.indexOf('eyJ', next);
    }
  },
};

// RFC 6750's b64token after "Bearer" and white space; the token's class has no
// white space, so each position is scanned once.
const bearer = /\b[Bb][Ee][Aa][Rr][Ee][Rr][ \t]+([A-Za-z0-9\-._~+/]{8,}=*)/g;
const tokenLike = /[0-9\-._~+/=]/;

/**
 * The token after "Bearer " (an Authorization header, wherever it was
 * logged). The word "Bearer" stays; a token must hold a digit or a symbol,
 * so "bearer authentication" in prose is left alone.
 */
export const bearerDetector: Detector = {
  name: 'bearer',
  gate: '[Bb][Ee][Aa][Rr][Ee][Rr]',
  find(text: string, out: Found[]): void {
    eachMatch(bearer, text, (m) => {
      const token = m[1]!;
      if (!tokenLike.test(token)) return;
      const end = m.index + m[0].length;
      out.push({ start: end - token.length, end, detector: 'bearer' });
    });
  },
};

// dt0c01 (API access tokens), dt0s01/dt0s02/... (platform tokens, OAuth
// client secrets): prefix, public id, secret. Bounded.
const dynatraceToken = /dt0[a-z][0-9]{2}\.[A-Za-z0-9]{8,32}\.[A-Za-z0-9]{32,128}/y;

/**
 * Dynatrace tokens with their secret part. The public id alone
 * ("dt0c01.ABC...") is left: it names the token without granting anything,
 * and Dynatrace itself records it as dt.auth.origin.
 */
export const dynatraceTokenDetector: Detector = {
  name: 'dynatrace-token',
  gate: 'dt0',
  find(text: string, out: Found[]): void {
    let at = text.indexOf('dt0');
    while (at >= 0) {
      let next = at + 3;
      if (at === 0 || !isAlnum(text.charCodeAt(at - 1))) {
        dynatraceToken.lastIndex = at;
        const m = dynatraceToken.exec(text);
        if (m && !isAlnum(text.charCodeAt(at + m[0].length))) {
          next = at + m[0].length;
          out.push({ start: at, end: next, detector: 'dynatrace-token' });
        }
      }
      at = text.indexOf('dt0', next);
    }
  },
};

// Access key ids: AKIA (long-term), ASIA (temporary, STS), ABIA, ACCA. Bounded.
const awsKey = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;

/** AWS access key ids (the secret key that pairs with one has no shape of its own). */
export const awsAccessKeyDetector: Detector = {
  name: 'aws-access-key',
  gate: 'A[KSBC][IC]A',
  find(text: string, out: Found[]): void {
    eachMatch(awsKey, text, (m) => {
      out.push({ start: m.index, end: m.index + m[0].length, detector: 'aws-access-key' });
    });
  },
};

/** Parameter names whose values are secrets (compared in lower case, "-" read as "_"). */
export const secretParameterNames: readonly string[] = [
  'access_token',
  'api_key',
  'apikey',
  'auth',
  'authorization',
  'client_secret',
  'code',
  'id_token',
  'jwt',
  'key',
  'pass',
  'passwd',
  'password',
  'private_key',
  'pwd',
  'refresh_token',
  'secret',
  'session',
  'session_id',
  'sessionid',
  'sid',
  'sig',
  'signature',
  'token',
  'x_amz_credential',
  'x_amz_security_token',
  'x_amz_signature',
];
const secretNames = new Set(secretParameterNames);

// name=value after "?", "&", ";", white space, "," or the start: URL query
// strings, form bodies and key=value log lines. The name is bounded; the
// value's class has none of the characters that start the next pair.
const pair = /(?:^|[?&;,\s])([A-Za-z][A-Za-z0-9_.-]{0,63})=([^&#;,\s"'<>]+)/g;

// "name": "value" in JSON text. The alternatives inside the value start with
// different characters, and its length is bounded: linear.
const jsonPair = /"([A-Za-z][A-Za-z0-9_.-]{0,63})"[ \t]{0,8}:[ \t]{0,8}"((?:[^"\\]|\\.){1,1024})"/g;

// In a URL "code" is an OAuth code and "key" an API key; as a JSON field or
// an attribute they are mostly error codes and record keys.
export const namesAmbiguousOutsideUrls: readonly string[] = ['code', 'key', 'session', 'sid'];
const ambiguousOutsideUrls = new Set(namesAmbiguousOutsideUrls);

/**
 * Whether a parameter (`inUrl`), a JSON field or an attribute with this name
 * holds a secret.
 */
export function isSecretName(name: string, inUrl = false): boolean {
  const lower = name.toLowerCase().replace(/[-.]/g, '_');
  if (secretNames.has(lower)) return inUrl || !ambiguousOutsideUrls.has(lower);
  // "http.request.header.authorization", "db.password": the last part names it.
  const last = lower.slice(lower.lastIndexOf('_') + 1);
  return last !== lower && (last === 'password' || last === 'authorization' || last === 'secret');
}

/**
 * The values of secret-named parameters: `?token=...`, `&api_key=...`,
 * `password=...` in a log line, `"client_secret": "..."` in JSON text. An
 * attribute whose own key is such a name has its whole value masked (see
 * wholeValueForKey).
 */
export const urlSecretDetector: Detector = {
  name: 'url-secret',
  gate: '=|"[ \\t]*:',
  find(text: string, out: Found[]): void {
    if (text.indexOf('=') >= 0) {
      eachMatch(pair, text, (m) => {
        if (!isSecretName(m[1]!, true)) return;
        const end = m.index + m[0].length;
        out.push({ start: end - m[2]!.length, end, detector: 'url-secret' });
      });
    }
    if (text.indexOf('":') >= 0 || text.indexOf('" :') >= 0) {
      eachMatch(jsonPair, text, (m) => {
        if (!isSecretName(m[1]!)) return;
        const end = m.index + m[0].length - 1;
        out.push({ start: end - m[2]!.length, end, detector: 'url-secret' });
      });
    }
  },
  wholeValueForKey: (key) => isSecretName(key),
};
