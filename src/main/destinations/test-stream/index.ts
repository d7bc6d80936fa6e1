export { envNotSetResult, testStream, type TestStreamOptions } from './test-stream';
export { testRecordBody } from './test-record';
