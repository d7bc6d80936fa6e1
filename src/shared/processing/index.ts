/**
 * Processing rules: what a stream changes in each record before sending it
 * (docs/processing.md). Pure code: the engine supplies the keyed hash.
 */
export * from './schema';
export * from './changes';
export * from './errors';
export * from './labels';
export * from './presets';
export {
  compileProcessing,
  type CompiledProcessing,
  type Processed,
  type Touched,
} from './compile';
export { maxRecordScanChars, maxValueScanChars, type ProcessingDeps } from './mask';
export { createWireProcessor, type WireProcessor } from './wire';
export { compilePattern, findPatternMatches, patternProblem } from './safe-pattern';
export {
  detect,
  detectorLabels,
  detectorNames,
  detectorsFor,
  type DetectorName,
  type Found,
} from './detectors';
export { processRequest } from './request';
export { maskedSegments, type Segment } from './segments';
export { processingToCollector, type CollectorProcessing } from './collector';
