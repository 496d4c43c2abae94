export * from './enums';
export * from './report';
export * from './policy';
export * from './finding';
export * from './consolidated';
export * from './unit';
export * from './rule';
export * from './api';
