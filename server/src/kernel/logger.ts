import pino, { type Logger } from 'pino';

/**
 * Structured logs with no personal data (convention 4, SEC-07): request logs
 * carry method, path without the query string (a search term can be a phone
 * number), status, timing, request id and actor id; auth headers and cookies
 * are redacted if anything tries to log them.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'banyan' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          '*.password',
          '*.totp',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

export type { Logger };
