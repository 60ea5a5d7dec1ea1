// Turning validation problems into messages staff can act on: file, key, what is wrong.
import type { ZodError } from 'zod';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function describeZodError(file: string, error: ZodError): string {
  const lines = error.issues.map((issue) => {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
    return `  ${file}: ${key}: ${issue.message}`;
  });
  return `invalid configuration\n${lines.join('\n')}`;
}
