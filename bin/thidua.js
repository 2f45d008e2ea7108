#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader (see docs/decisions/0002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
