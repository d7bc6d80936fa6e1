import { describe, expectTypeOf, it } from 'vitest';
import type { SluiceApi } from '../../../../src/shared/api/client';
import type {
  EventPayload,
  RequestInput,
  RequestName,
  RequestResult,
} from '../../../../src/shared/api/contract';
import type { AppInfo, EngineSnapshot } from '../../../../src/shared/api/engine';
import type { ConfigApplyResult, ConfigDocument } from '../../../../src/shared/api/config';
import type { DeleteStreamResult, Stream } from '../../../../src/shared/api/streams';
import type { Handlers } from '../../../../src/main/dispatch/handlers';

// Type-only tests that pin the contract (as Podman Desktop pins its IPC map):
// changing a request's shape fails here before it fails in a window.
describe('contract types', () => {
  it('pins request results', () => {
    expectTypeOf<RequestResult<'app.info'>>().toEqualTypeOf<AppInfo>();
    expectTypeOf<RequestResult<'streams.list'>>().toEqualTypeOf<Stream[]>();
    expectTypeOf<RequestResult<'streams.delete'>>().toEqualTypeOf<DeleteStreamResult>();
    expectTypeOf<EventPayload<'engine.snapshot'>>().toEqualTypeOf<EngineSnapshot>();
    expectTypeOf<RequestResult<'config.export'>>().toEqualTypeOf<ConfigDocument>();
    expectTypeOf<RequestResult<'config.apply'>>().toEqualTypeOf<ConfigApplyResult>();
  });

  it('requires an argument only where the request takes one', () => {
    expectTypeOf<SluiceApi['request']>().toBeCallableWith('streams.list');
    expectTypeOf<SluiceApi['request']>().toBeCallableWith('streams.get', { id: 'a' });
    expectTypeOf<RequestInput<'streams.setActive'>>().toEqualTypeOf<{
      id: string;
      active: boolean;
    }>();
  });

  it('makes every request need a handler', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<RequestName>();
  });
});
