// Every refusal the SAML library gives, in one table: AWS's own texts where AWS documents one (IAM User
// Guide, "Troubleshooting SAML 2.0 federation"; STS AssumeRoleWithSAML errors), our own sentence in AWS's
// style where it does not. Codes are the STS / IAM error codes the caller puts on the wire.
import { SamlRefusal } from './types';

const invalid = (message: string) => new SamlRefusal('InvalidIdentityToken', message);
const expired = (message: string) => new SamlRefusal('ExpiredTokenException', message);
const badMetadata = (message: string) => new SamlRefusal('InvalidInput', message);

export const SamlErrors = {
  // --- metadata (CreateSAMLProvider / UpdateSAMLProvider: InvalidInput) ---
  /** AWS's text for a document it cannot read: not XML, a byte order mark, a DTD. */
  metadataUnparsable: () => badMetadata('Could not parse metadata.'),
  metadataTooShort: () =>
    badMetadata(
      "1 validation error detected: Value at 'SAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000",
    ),
  metadataTooLong: () =>
    badMetadata(
      "1 validation error detected: Value at 'SAMLMetadataDocument' failed to satisfy constraint: Member must have length less than or equal to 10000000",
    ),
  metadataNotEntityDescriptor: () => badMetadata('Could not parse metadata: the document element must be an md:EntityDescriptor.'),
  metadataNoEntityId: () => badMetadata('Could not parse metadata: the EntityDescriptor has no entityID.'),
  metadataExpired: (validUntil: Date) => badMetadata(`The metadata document expired at ${validUntil.toISOString()} (validUntil).`),
  metadataNoIdp: () => badMetadata('Could not parse metadata: there is no IDPSSODescriptor for the SAML 2.0 protocol.'),
  metadataNoSigningCertificate: () => badMetadata('Could not parse metadata: the IDPSSODescriptor has no signing certificate.'),
  /** AWS: "the x.509 certificate ... must use a key size of at least 1024 bits" and be free of repeated extensions. */
  metadataBadCertificate: () => badMetadata('Unable to parse metadata: a signing certificate is not a valid X.509 certificate.'),
  metadataSmallKey: (bits: number) =>
    badMetadata(`Unable to parse metadata: a signing certificate's RSA key is ${bits} bits; the minimum is 1024.`),
  metadataKeyType: () =>
    badMetadata("Unable to parse metadata: a signing certificate's key is neither RSA nor ECDSA (P-256, P-384 or P-521)."),
  metadataRepeatedExtension: () => badMetadata('Unable to parse metadata: a signing certificate repeats an extension.'),

  // --- the SAML response (AssumeRoleWithSAML: InvalidIdentityToken / ExpiredTokenException) ---
  responseTooLong: () => invalid('The SAML response is longer than 100000 characters.'),
  responseNotBase64: () => invalid('The SAML response is not valid base64.'),
  responseNotUtf8: () => invalid('The SAML response is not UTF-8 text.'),
  responseDoctype: () => invalid('The SAML response must not contain a DOCTYPE or entity declaration.'),
  responseNotXml: () => invalid('The SAML response is not well-formed XML.'),
  responseNotResponse: () => invalid('The SAML response must be a samlp:Response (SAML 2.0).'),
  responseStatus: (status: string) => invalid(`The identity provider did not report success: ${status}`),
  duplicateId: (id: string) => invalid(`The SAML response contains the ID \`${id}\` more than once.`),
  encryptedAssertion: () => invalid('Encrypted assertions are not supported; configure the identity provider to send them unencrypted.'),
  assertionCount: () => invalid('The SAML response must contain exactly one Assertion, as a child of the Response.'),
  /** AWS's text when nothing in the response carries a signature. */
  notSigned: () => invalid('Response is not signed'),
  signaturePlacement: () =>
    invalid('A Signature in the SAML response is not the one enveloped signature of the Response or of the Assertion.'),
  /** AWS's text for any signature that does not verify against the provider's certificates. */
  signatureInvalid: () => invalid('Response signature invalid'),
  issuerMismatch: () => invalid("The Response's Issuer does not match the Assertion's Issuer."),
  destinationMismatch: () => invalid("The Response's Destination is not this service's SAML endpoint."),
  malformedAssertion: (what: string) => invalid(`The SAML assertion is malformed: ${what}.`),
  /** AWS's text (IAM User Guide) when no AudienceRestriction names this service. */
  audience: () => invalid('Response does not contain the required audience.'),
  recipient: () => invalid('The SubjectConfirmationData Recipient of the SAML assertion is not this service.'),
  notYetValid: (what: string, at: Date) => invalid(`The SAML assertion is not valid before ${at.toISOString()} (${what}).`),
  expired: (what: string, at: Date) => expired(`The SAML assertion expired at ${at.toISOString()} (${what}).`),
  /** AWS's text: STS takes an assertion only within five minutes of its IssueInstant. */
  tooOld: () => expired('Token must be redeemed within 5 minutes of issuance'),
  issuedInFuture: () => invalid('The SAML assertion was issued in the future (IssueInstant).'),
  /** Anything a library throws on input nobody foresaw: refused, never a 500 and never a success. */
  unreadable: () => invalid('The SAML response could not be read.'),
  unknownCondition: (name: string) => invalid(`The SAML assertion has a condition this service does not understand: ${name}.`),
} as const;
