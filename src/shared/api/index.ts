export * from './envelope';
export * from './contract';
export * from './client';
export * from './engine';
export * from './streams';
