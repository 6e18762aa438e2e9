// Account reports, pure functions of loaded facts: credential report, summary, security status.
export { CREDENTIAL_REPORT_MAX_AGE_MS, credentialReportCsv } from './credential-report';
export { securityStatus } from './security-status';
export { summaryEntries } from './summary';
