// Our wire format, checked by the real AWS SDK v3 deserializers: a stub request handler hands the
// SDK what we render, so a passing test means `aws iam ...` and SDK users can read our responses.
// The stub also runs our SigV4 verifier and Query parser on what the SDK sent, closing the loop.

import {
  CreateUserCommand,
  DeleteUserCommand,
  GetAccountSummaryCommand,
  GetUserCommand,
  IAMClient,
  IAMServiceException,
  ListUsersCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { HttpResponse, type HttpRequest } from '@smithy/core/transport';
import { describe, expect, it } from 'vitest';
import { parseSigV4, verifySigV4 } from '../crypto/sigv4/verify';
import { IamError } from '../errors';
import { parseQuery, readStructList, type QueryObject } from './query-params';
import { IAM_NAMESPACE, STS_NAMESPACE, carriesResult, renderError, renderResult, xmlMap } from './xml';

// The SDK's package.json sends bundlers to a DOMParser-based XML parser (its "browser" build), and
// workerd has no DOMParser. Point the SDK at its own pure-JS parser, the one it uses under Node; the
// deserializers under test are unchanged. (Identity-worker tests that use the SDK need the same.)

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const created = new Date('2026-11-28T07:25:11Z');

interface Reply {
  status?: number;
  xml: string;
}

/** An SDK client whose "network" is `reply`, recording each request after verifying it like the worker would. */
function stubbed<C>(make: (config: object) => C, reply: (params: QueryObject) => Reply) {
  const seen: QueryObject[] = [];
  const requestHandler = {
    async handle(request: HttpRequest) {
      const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
      const port = request.port ? `:${request.port}` : '';
      const signed = {
        method: request.method,
        url: `${request.protocol}//${request.hostname}${port}${request.path}`,
        headers: request.headers,
        body,
      };
      await verifySigV4(signed, parseSigV4(signed), credentials.secretAccessKey, new Date());
      const params = parseQuery(body);
      seen.push(params);
      const { status = 200, xml } = reply(params);
      return {
        response: new HttpResponse({
          statusCode: status,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-from-header' },
          body: new TextEncoder().encode(xml),
        }),
      };
    },
  };
  const client = make({ region: 'us-east-1', endpoint: 'http://localhost:8787', credentials, requestHandler, maxAttempts: 1 });
  return { client, seen };
}

const iam = (reply: (params: QueryObject) => Reply) => stubbed((c) => new IAMClient(c), reply);

describe('IAM results the SDK can read', () => {
  it('GetUser: strings, dates and a Tags list with characters that need escaping', async () => {
    const { client, seen } = iam(() => ({
      xml: renderResult(
        'GetUser',
        {
          User: {
            Path: '/engineering/',
            UserName: 'alice',
            UserId: 'AIDAEXAMPLE00000000001',
            Arn: 'arn:aws:iam::123456789012:user/engineering/alice',
            CreateDate: created,
            PasswordLastUsed: undefined,
            Tags: [
              { Key: 'team', Value: 'R&D <core>' },
              { Key: 'quote', Value: `"it's"` },
            ],
          },
        },
        'req-1',
      ),
    }));
    const out = await client.send(new GetUserCommand({ UserName: 'alice' }));
    expect(seen[0]).toMatchObject({ Action: 'GetUser', Version: '2010-05-08', UserName: 'alice' });
    expect(out.User).toEqual({
      Path: '/engineering/',
      UserName: 'alice',
      UserId: 'AIDAEXAMPLE00000000001',
      Arn: 'arn:aws:iam::123456789012:user/engineering/alice',
      CreateDate: created,
      Tags: [
        { Key: 'team', Value: 'R&D <core>' },
        { Key: 'quote', Value: `"it's"` },
      ],
    });
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('CreateUser: the Tags the SDK sends arrive as a list of structures', async () => {
    const { client, seen } = iam((p) => ({
      xml: renderResult(
        'CreateUser',
        {
          User: {
            UserName: p.UserName as string,
            Path: '/',
            UserId: 'AIDA1',
            Arn: 'arn:aws:iam::123456789012:user/bob',
            CreateDate: created,
          },
        },
        'req-2',
      ),
    }));
    const out = await client.send(
      new CreateUserCommand({
        UserName: 'bob',
        Tags: [
          { Key: 'a+b', Value: 'x y&z' },
          { Key: 'empty', Value: '' },
        ],
      }),
    );
    expect(out.User?.UserName).toBe('bob');
    expect(readStructList(seen[0]!, 'Tags')).toEqual([
      { Key: 'a+b', Value: 'x y&z' },
      { Key: 'empty', Value: '' },
    ]);
  });

  it('ListUsers: IsTruncated, Marker and a member list; an empty list reads as []', async () => {
    const page = (marker?: string): Reply =>
      marker === undefined
        ? {
            xml: renderResult(
              'ListUsers',
              {
                Users: [
                  { Path: '/', UserName: 'a', UserId: 'AIDA1', Arn: 'arn:aws:iam::123456789012:user/a', CreateDate: created },
                  { Path: '/', UserName: 'b', UserId: 'AIDA2', Arn: 'arn:aws:iam::123456789012:user/b', CreateDate: created },
                ],
                IsTruncated: true,
                Marker: 'next&page',
              },
              'req-3',
            ),
          }
        : { xml: renderResult('ListUsers', { Users: [], IsTruncated: false }, 'req-4') };
    const { client, seen } = iam((p) => page(p.Marker as string | undefined));
    const first = await client.send(new ListUsersCommand({ MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBe('next&page');
    expect(first.Users?.map((u) => u.UserName)).toEqual(['a', 'b']);
    const second = await client.send(new ListUsersCommand({ Marker: first.Marker }));
    expect(seen[1]).toMatchObject({ Marker: 'next&page' });
    expect(second.IsTruncated).toBe(false);
    expect(second.Users).toEqual([]);
  });

  it('GetAccountSummary: a map of entry/key/value with numeric values', async () => {
    const { client } = iam(() => ({
      xml: renderResult('GetAccountSummary', { SummaryMap: xmlMap({ Users: 3, Groups: 1, AccountMFAEnabled: 0 }) }, 'req-5'),
    }));
    const out = await client.send(new GetAccountSummaryCommand({}));
    expect(out.SummaryMap).toEqual({ Users: 3, Groups: 1, AccountMFAEnabled: 0 });
  });

  it('DeleteUser: no Result element at all, as AWS answers', async () => {
    const xml = renderResult('DeleteUser', {}, 'req-6');
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>req-6</RequestId></ResponseMetadata></DeleteUserResponse>',
    );
    const { client } = iam(() => ({ xml }));
    const out = await client.send(new DeleteUserCommand({ UserName: 'alice' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('UpdateRole: an empty <UpdateRoleResult/>, because botocore reads its resultWrapper even when empty', () => {
    // boto3 and the AWS CLI raise KeyError: 'UpdateRoleResult' when the element is missing.
    expect(renderResult('UpdateRole', undefined, 'req-7')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><UpdateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><UpdateRoleResult/><ResponseMetadata><RequestId>req-7</RequestId></ResponseMetadata></UpdateRoleResponse>',
    );
    expect(carriesResult('UpdateRole', IAM_NAMESPACE, false)).toBe(true);
    expect(carriesResult('DeleteRole', IAM_NAMESPACE, true)).toBe(false);
    expect(carriesResult('GetCallerIdentity', STS_NAMESPACE, false)).toBe(true);
    // Not in botocore's model: the element only when there is something in it.
    expect(carriesResult('NotAnAwsOperation', IAM_NAMESPACE, false)).toBe(false);
    expect(carriesResult('NotAnAwsOperation', IAM_NAMESPACE, true)).toBe(true);
  });
});

describe('errors the SDK maps to its exception classes', () => {
  it('NoSuchEntity becomes NoSuchEntityException with our message and status', async () => {
    const err = new IamError('NoSuchEntity', 'The user with name bob cannot be found.');
    const { client } = iam(() => ({ status: err.status, xml: renderError(err, 'req-7') }));
    const thrown = await client.send(new GetUserCommand({ UserName: 'bob' })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(NoSuchEntityException);
    const e = thrown as NoSuchEntityException;
    expect(e.message).toBe('The user with name bob cannot be found.');
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.$fault).toBe('client');
  });

  it('an authentication error with no modeled class still carries its code', async () => {
    const err = new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    const { client } = iam(() => ({ status: err.status, xml: renderError(err, 'req-8') }));
    const thrown = await client.send(new ListUsersCommand({})).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(IAMServiceException);
    expect((thrown as IAMServiceException).name).toBe('InvalidClientTokenId');
    expect((thrown as IAMServiceException).message).toBe('The security token included in the request is invalid.');
    expect((thrown as IAMServiceException).$metadata.httpStatusCode).toBe(403);
  });

  it('renders the AWS error envelope with escaped text', () => {
    expect(renderError(new IamError('MalformedPolicyDocument', 'bad <Statement> & "quotes"'), 'req-9')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>MalformedPolicyDocument</Code><Message>bad &lt;Statement&gt; &amp; &quot;quotes&quot;</Message></Error><RequestId>req-9</RequestId></ErrorResponse>',
    );
  });
});

describe('STS results', () => {
  it('GetCallerIdentity in the STS namespace', async () => {
    const { client, seen } = stubbed(
      (c) => new STSClient(c),
      () => ({
        xml: renderResult(
          'GetCallerIdentity',
          { UserId: 'AIDAEXAMPLE', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' },
          'req-10',
          STS_NAMESPACE,
        ),
      }),
    );
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(seen[0]).toMatchObject({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect(out).toMatchObject({ UserId: 'AIDAEXAMPLE', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' });
  });
});
