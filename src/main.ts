/** `npm start`: the service with its built-in defaults, configured by environment variables. */
import { pino } from 'pino';
import { optionsFromEnvironment } from './config/environment.js';
import { startService } from './service.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

try {
  const service = await startService(optionsFromEnvironment(process.env), logger);
  const stop = () => {
    void service.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  logger.fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
