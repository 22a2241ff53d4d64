import type { Command } from '../command';
import { canIDeploy } from './canIDeploy';
import { check } from './check';
import { diff } from './diff';
import { generate } from './generate';
import { live } from './live';
import { mock } from './mock';
import { proxy } from './proxy';
import { publish } from './publish';
import { validate } from './validate';
import { verify } from './verify';

/** Every `activity-log-contract <command>`, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  check,
  validate,
  live,
  verify,
  publish,
  canIDeploy,
  generate,
  mock,
  proxy,
  diff,
];
