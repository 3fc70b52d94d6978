import { hostname, platform, arch, release } from 'node:os';
import type { RunEnvironment } from '../../src-shared/api/runs';
import type { ExecutionInfo } from '../engine/executor';
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;

export function runEnvironment(info: ExecutionInfo): RunEnvironment {
  return {
    appVersion: APP_VERSION,
    nodeVersion: process.version,
    backend: info.backend,
    linalg: info.linalg,
    precision: info.precision,
    threads: info.threads,
    host: hostname(),
    platform: `${platform()}-${arch()} ${release()}`,
  };
}
