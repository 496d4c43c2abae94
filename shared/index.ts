export * from './model';
export * from './format';
export * from './rulebooks';
export * from './rules';
export * from './consolidate';
export * from './templates';
