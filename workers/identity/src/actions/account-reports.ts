// Account-wide reports: GetAccountSummary (entity counts and quotas), GenerateCredentialReport and
// GetCredentialReport. The report is built synchronously and stored, so the first Generate answers
// STARTED (as AWS does) yet GetCredentialReport already has it; like AWS, a report younger than four
// hours is kept rather than rebuilt.
import { z } from 'zod';
import { IamError } from '@edge-iam/core';
import { CREDENTIAL_REPORT_MAX_AGE_MS, credentialReportCsv, summaryEntries } from '@edge-iam/core/account';
import { rootArn } from '@edge-iam/core/arn';
import { xmlMap } from '@edge-iam/core/aws';
import { loadAccountFacts, getStoredCredentialReport, loadCredentialReportInput, putCredentialReportStatement } from '@edge-iam/core/repo';
import { bytesToBase64, utf8 } from '@edge-iam/core/util';
import { action, type ActionTable } from '../action';

const none = z.object({});

export const accountReportsActions: ActionTable = {
  GetAccountSummary: action(none, async (ctx) => {
    await ctx.authorize('*');
    return { SummaryMap: xmlMap(summaryEntries(await loadAccountFacts(ctx.db, ctx.accountId))) };
  }),

  GenerateCredentialReport: action(none, async (ctx) => {
    await ctx.authorize('*');
    const existing = await getStoredCredentialReport(ctx.db, ctx.accountId);
    if (existing && ctx.now.getTime() - existing.generatedAt.getTime() < CREDENTIAL_REPORT_MAX_AGE_MS) return { State: 'COMPLETE' };
    const input = await loadCredentialReportInput(ctx.db, ctx.accountId);
    if (!input) throw new IamError('ServiceFailure', 'the account could not be read');
    const csv = credentialReportCsv(input.principals, input.maxPasswordAgeDays);
    await ctx.commit([putCredentialReportStatement(ctx.db, ctx.accountId, csv, ctx.now)], rootArn(ctx.accountId));
    return existing ? { State: 'STARTED' } : { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' };
  }),

  GetCredentialReport: action(none, async (ctx) => {
    await ctx.authorize('*');
    const report = await getStoredCredentialReport(ctx.db, ctx.accountId);
    if (!report) {
      throw new IamError(
        'ReportNotPresent',
        'Credential report not present. Use GenerateCredentialReport to generate a credential report.',
      );
    }
    return { Content: bytesToBase64(utf8.encode(report.content)), ReportFormat: 'text/csv', GeneratedTime: report.generatedAt };
  }),
};
