export { envNotSetResult, testStream, type TestStreamOptions } from './connection-test';
export { testRecordBody } from './test-record';
