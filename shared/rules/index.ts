export * from './engine';
export * from './cap';
export * from './labels';
export { msg, type Texts, type Field } from './messages';
export * from './kind';
export * from './consolidation-messages';
export * from './policy-chain';
