#!/usr/bin/env node
// The command line for IT staff: `npx xeploai check|consolidate|template …` (TypeScript run through tsx).
import { register } from 'tsx/esm/api';

register();
await import('../scripts/cli.ts');
