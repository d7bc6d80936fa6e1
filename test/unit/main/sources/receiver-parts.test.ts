import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { RateWindow } from '../../../../src/main/sources/rate-window';
import { BearerCheck } from '../../../../src/main/sources/receiver/bearer';
import {
  bodyCompression,
  requestEncoding,
} from '../../../../src/main/sources/receiver/media-types';
import { encodeRpcStatus, rpcStatusToJson } from '../../../../src/main/sources/receiver/rpc-status';
import { receiverExposureWarning } from '../../../../src/shared/api/sources';

describe('receiver pieces', () => {
  it('tells the encoding from Content-Type, ignoring parameters and case', () => {
    expect(requestEncoding('application/x-protobuf')).toBe('protobuf');
    expect(requestEncoding('Application/JSON; charset=utf-8')).toBe('json');
    expect(requestEncoding('text/plain')).toBeNull();
    expect(requestEncoding(undefined)).toBeNull();
    expect(bodyCompression(undefined)).toBe('identity');
    expect(bodyCompression('GZIP')).toBe('gzip');
    expect(bodyCompression('deflate')).toBeNull();
  });

  it('encodes google.rpc.Status as protobufjs reads it, and as proto3 JSON', () => {
    const Status = protobuf.Root.fromJSON({
      nested: {
        Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } },
      },
    }).lookupType('Status');
    const status = { code: 3, message: 'résumé: bad ✓' };
    expect(Status.toObject(Status.decode(encodeRpcStatus(status)))).toEqual(status);
    expect(JSON.parse(rpcStatusToJson(status))).toEqual(status);
  });

  it('checks bearer tokens exactly', () => {
    const check = new BearerCheck('s3cret');
    expect(check.allows('Bearer s3cret')).toBe(true);
    expect(check.allows('bearer s3cret')).toBe(true);
    expect(check.allows('Bearer s3cre')).toBe(false);
    expect(check.allows('Basic s3cret')).toBe(false);
    expect(check.allows('Bearer s3cret extra')).toBe(false);
    expect(check.allows(undefined)).toBe(false);
  });

  it('warns about listening beyond loopback, more strongly without a token', () => {
    expect(receiverExposureWarning({ host: '127.0.0.1', requireToken: false })).toBeNull();
    expect(receiverExposureWarning({ host: '::1', requireToken: false })).toBeNull();
    expect(receiverExposureWarning({ host: '0.0.0.0', requireToken: false })).toMatch(
      /Require a token/,
    );
    expect(receiverExposureWarning({ host: '0.0.0.0', requireToken: true })).toMatch(/unencrypted/);
  });

  it('RateWindow reports the last whole second', () => {
    const w = new RateWindow();
    w.add(3, 1_000);
    w.add(4, 1_999);
    expect(w.perSecond(1_999)).toBe(0);
    expect(w.perSecond(2_000)).toBe(7);
    expect(w.perSecond(3_500)).toBe(0);
    w.add(1, 3_600);
    expect(w.perSecond(5_000)).toBe(0); // a gap: the second before is empty
  });
});
