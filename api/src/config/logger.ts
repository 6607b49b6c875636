import pino, { type Logger } from 'pino';
import type { AppConfig } from './env';

export function createLogger(config: AppConfig): Logger {
  return pino({ level: config.LOG_LEVEL, base: { service: 'api' } });
}
