import { createApp } from './app';

// The module's only export: workerd takes every named export of the main module for a handler.
export default createApp();
