// Collects validation diagnostics with their JSON paths. Messages are lowercase, without a final
// period, with user input in backticks, and say what to change.

import type { Diagnostic } from './types';

export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];

  /** `awsMessage`: IAM's own words for this error, when known (the Query API answers with them). */
  error(path: string, code: string, message: string, awsMessage?: string): void {
    this.errors.push({ severity: 'error', path, code, message, ...(awsMessage !== undefined && { awsMessage }) });
  }

  warn(path: string, code: string, message: string): void {
    this.warnings.push({ severity: 'warning', path, code, message });
  }
}

/** Short, safe rendering of arbitrary JSON input for messages. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value;
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Element names IAM knows, for "did you mean" hints on case mistakes. */
export function suggest(name: string, known: readonly string[]): string {
  const hit = known.find((k) => k.toLowerCase() === name.toLowerCase());
  return hit === undefined ? '' : `; did you mean \`${hit}\`?`;
}
