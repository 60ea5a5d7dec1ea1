#!/usr/bin/env node
// Entry point of the `linli` command. TypeScript sources run through tsx's loader,
// so `npx linli ...` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
