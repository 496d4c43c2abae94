export * from './percent';
export * from './vi';
export * from './parse';
