// The values of a verified saml:Assertion, and the checks that make it usable here and now: the
// one bearer SubjectConfirmation AWS requires (Recipient and NotOnOrAfter both present), the audience
// restrictions, the time window (with the caller's clock skew), STS's "redeem within 5 minutes of issue",
// and the attributes by Name.
//
// INVARIANT: `readAssertion` is only ever given the element a verified signature covers (the Assertion
// itself, or the only Assertion child of a verified Response), so every value read here was signed.
import { SamlErrors } from './errors';
import { parseDateTime } from './time';
import type { VerifiedSamlAssertion } from './types';
import { attr, children, NS, onlyChild, trimmedText, type XmlElement } from './xml';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
/** STS refuses an assertion more than five minutes after its IssueInstant ("Token must be redeemed within 5 minutes of issuance"). */
const REDEEM_WITHIN_MS = 5 * 60 * 1000;
/** Conditions we understand; any other makes the assertion indeterminate (SAML core 2.5.1.2), so it refuses. */
const KNOWN_CONDITIONS = new Set(['AudienceRestriction', 'OneTimeUse', 'ProxyRestriction']);

export interface AssertionChecks {
  now: Date;
  skewMs: number;
  audiences: readonly string[];
  recipients: readonly string[];
}

const malformed = (what: string) => SamlErrors.malformedAssertion(what);

/** The one saml child of that name; none or several refuses. */
function single(el: XmlElement, localName: string): XmlElement {
  const found = onlyChild(el, NS.assertion, localName);
  if (found === 'many') throw malformed(`more than one ${localName}`);
  if (!found) throw malformed(`no ${localName}`);
  return found;
}

/** Signed text that must be present and non-empty. */
function requiredText(el: XmlElement, what: string): string {
  const text = trimmedText(el);
  if (!text) throw malformed(`${what} is empty or not plain text`);
  return text;
}

/** An optional xs:dateTime attribute; present but unparsable refuses. */
function time(el: XmlElement, name: string, what: string): Date | null {
  const text = attr(el, name);
  if (text === null) return null;
  const date = parseDateTime(text);
  if (!date) throw malformed(`${what} is not an xs:dateTime`);
  return date;
}

/** `[notBefore, notOnOrAfter)` holds at `now`, each end widened by the skew. */
function checkWindow(checks: AssertionChecks, what: string, notBefore: Date | null, notOnOrAfter: Date | null) {
  const now = checks.now.getTime();
  if (notBefore && now + checks.skewMs < notBefore.getTime()) throw SamlErrors.notYetValid(`${what} NotBefore`, notBefore);
  if (notOnOrAfter && now - checks.skewMs >= notOnOrAfter.getTime()) throw SamlErrors.expired(`${what} NotOnOrAfter`, notOnOrAfter);
}

function readSubject(assertion: XmlElement, checks: AssertionChecks) {
  const subject = single(assertion, 'Subject');
  if (children(subject, NS.assertion, 'EncryptedID').length || children(subject, NS.assertion, 'BaseID').length)
    throw malformed('the Subject must identify the user with a plain NameID');
  const nameIdEl = single(subject, 'NameID');
  const nameId = requiredText(nameIdEl, 'NameID');

  const confirmations = children(subject, NS.assertion, 'SubjectConfirmation');
  if (confirmations.length !== 1) throw malformed('the Subject must have exactly one SubjectConfirmation');
  const confirmation = confirmations[0]!;
  if (attr(confirmation, 'Method') !== BEARER) throw malformed('the SubjectConfirmation Method must be bearer');
  const data = single(confirmation, 'SubjectConfirmationData');
  const recipient = attr(data, 'Recipient');
  const notOnOrAfter = time(data, 'NotOnOrAfter', 'SubjectConfirmationData NotOnOrAfter');
  if (recipient === null || !notOnOrAfter) throw malformed('the SubjectConfirmationData must have both a Recipient and a NotOnOrAfter');
  if (!checks.recipients.includes(recipient)) throw SamlErrors.recipient();
  checkWindow(checks, 'SubjectConfirmationData', time(data, 'NotBefore', 'SubjectConfirmationData NotBefore'), notOnOrAfter);
  return { nameId, nameIdFormat: attr(nameIdEl, 'Format'), recipient, notOnOrAfter };
}

function readConditions(assertion: XmlElement, checks: AssertionChecks) {
  const conditions = single(assertion, 'Conditions');
  const restrictions: string[][] = [];
  for (const c of children(conditions)) {
    const name = c.localName ?? '';
    if (c.namespaceURI !== NS.assertion || !KNOWN_CONDITIONS.has(name)) throw SamlErrors.unknownCondition(name);
    if (name === 'AudienceRestriction') restrictions.push(children(c, NS.assertion, 'Audience').map((a) => requiredText(a, 'Audience')));
  }
  // Every AudienceRestriction must name us (SAML core 2.5.1.4), and there must be at least one.
  if (restrictions.length === 0 || !restrictions.every((r) => r.some((a) => checks.audiences.includes(a)))) throw SamlErrors.audience();
  const notBefore = time(conditions, 'NotBefore', 'Conditions NotBefore');
  const notOnOrAfter = time(conditions, 'NotOnOrAfter', 'Conditions NotOnOrAfter');
  checkWindow(checks, 'Conditions', notBefore, notOnOrAfter);
  return { audiences: [...new Set(restrictions.flat())], notBefore, notOnOrAfter };
}

function readAttributes(assertion: XmlElement): Record<string, string[]> {
  const attributes: Record<string, string[]> = Object.create(null);
  for (const statement of children(assertion, NS.assertion, 'AttributeStatement')) {
    if (children(statement, NS.assertion, 'EncryptedAttribute').length) throw SamlErrors.encryptedAssertion();
    for (const attribute of children(statement, NS.assertion, 'Attribute')) {
      const name = attr(attribute, 'Name');
      if (!name) throw malformed('an Attribute has no Name');
      const values = children(attribute, NS.assertion, 'AttributeValue').map((v) => {
        if (v.getAttributeNS(NS.xsi, 'nil') === 'true') return '';
        const text = trimmedText(v);
        if (text === null) throw malformed(`the value of Attribute \`${name}\` is not plain text`);
        return text;
      });
      (attributes[name] ??= []).push(...values);
    }
  }
  return { ...attributes };
}

/** The assertion's values, or a refusal saying which check failed. */
export function readAssertion(assertion: XmlElement, assertionId: string, checks: AssertionChecks): VerifiedSamlAssertion {
  if (attr(assertion, 'Version') !== '2.0') throw malformed('the Assertion Version must be 2.0');
  const issueInstant = time(assertion, 'IssueInstant', 'IssueInstant');
  if (!issueInstant) throw malformed('the Assertion has no IssueInstant');
  const issuer = requiredText(single(assertion, 'Issuer'), 'Issuer');

  const subject = readSubject(assertion, checks);
  const conditions = readConditions(assertion, checks);
  const now = checks.now.getTime();
  if (issueInstant.getTime() > now + checks.skewMs) throw SamlErrors.issuedInFuture();
  if (now - issueInstant.getTime() > REDEEM_WITHIN_MS) throw SamlErrors.tooOld();

  const authn = children(assertion, NS.assertion, 'AuthnStatement')[0];
  const authnInstant = authn ? time(authn, 'AuthnInstant', 'AuthnInstant') : null;
  const notOnOrAfter =
    conditions.notOnOrAfter && conditions.notOnOrAfter < subject.notOnOrAfter ? conditions.notOnOrAfter : subject.notOnOrAfter;

  return {
    issuer,
    assertionId,
    nameId: subject.nameId,
    nameIdFormat: subject.nameIdFormat,
    audiences: conditions.audiences,
    recipient: subject.recipient,
    notBefore: conditions.notBefore,
    notOnOrAfter,
    authnInstant,
    attributes: readAttributes(assertion),
  };
}
