import { z } from 'zod';
import { method } from '../define.js';

export interface DatabaseStatus {
  ok: boolean;
  path: string;
  /** Set when ok is false: what went wrong and what to do. */
  message?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  transport: 'electron' | 'bridge';
  dataDir: string;
  database: DatabaseStatus;
}

export const appContract = {
  info: method(z.undefined()).returns<AppInfo>(),
};
