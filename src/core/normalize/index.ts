export * from './text';
export * from './date';
export * from './number';
export * from './phone';
export * from './enums';
export * from './personal';
export * from './url';
