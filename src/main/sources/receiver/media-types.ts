import type { OtlpEncoding } from '../../../shared/otlp';

/** The request encoding OTLP/HTTP names by Content-Type; null for anything else (415). */
export function requestEncoding(contentType: string | undefined): OtlpEncoding | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-protobuf' || type === 'application/protobuf') return 'protobuf';
  if (type === 'application/json') return 'json';
  return null;
}

export const responseContentType: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/** Content-Encoding: gzip or none; null for anything else (415). */
export function bodyCompression(contentEncoding: string | undefined): 'gzip' | 'identity' | null {
  const value = (contentEncoding ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  return null;
}
