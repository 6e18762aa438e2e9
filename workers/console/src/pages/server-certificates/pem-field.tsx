// A textarea for pasted key material (PEM certificates and keys, SSH public keys), sized by AWS's limit
// for the parameter it fills: `maxlength` stops a browser from sending more, and readPem checks the same
// limit and AWS's character set on the server, where it counts. Line ends are sent to the API as `\n`.
import type { Child, FC } from 'hono/jsx';
import { type Form } from '../../render';
import { TextArea } from '../../ui/components';

/** AWS's limits, in characters (CertificateBody, PrivateKey, CertificateChain, SSHPublicKeyBody). */
export const PEM_LIMITS = { certificate: 16384, privateKey: 16384, chain: 2097152, sshKey: 16384 } as const;

/** The characters AWS allows in these parameters: tab, line ends, and U+0020 to U+00FF. */
const LATIN1 = /^[\u0009\u000A\u000D\u0020-\u00FF]*$/;

/** The pasted text, trimmed, line ends as `\n`; read past `max` so an over-long paste is reported, not cut. */
export function readPem(form: Form, name: string, max: number): string {
  const v = form[name];
  const s = Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  return s
    .slice(0, max * 2 + 2)
    .replace(/\r\n?/g, '\n')
    .trim();
}

/** What is wrong with a pasted value, if anything: its length and AWS's character set. */
export function pemProblem(value: string, max: number, what: string): string | undefined {
  if (value.length > max)
    return `The ${what} must be ${max.toLocaleString('en')} characters or fewer; this is ${value.length.toLocaleString('en')}`;
  if (!LATIN1.test(value)) return `The ${what} may contain only printable Latin-1 characters, tabs and line breaks`;
  return undefined;
}

/** A textarea for key material: the shared one, capped at AWS's limit for the parameter. */
export const PemArea: FC<{
  label: string;
  name: string;
  max: number;
  value?: string | undefined;
  hint?: Child;
  error?: string | undefined;
  rows?: number;
}> = ({ max, value, ...p }) => <TextArea {...p} value={value ?? ''} maxlength={max} class="pem-field" />;
