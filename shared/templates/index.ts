export * from './grid';
export * from './bieu01';
export * from './writer';
export * from './reader';
export * from './check';
export * from './findings';
export * from './lists';
export * from './cross';
