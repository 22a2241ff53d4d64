import type { Command } from '../command';
import { check } from './check';
import { live } from './live';
import { validate } from './validate';

/** Every `activity-log-contract <command>`, in the order `--help` lists them. */
export const commands: readonly Command[] = [check, validate, live];
