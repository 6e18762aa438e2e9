// Which role CreateServiceLinkedRole makes for an AWS service: AWS's role name (AWSServiceRoleFor...),
// the service's managed policy under `arn:aws:iam::aws:policy/aws-service-role/`, and whether the
// service takes a CustomSuffix. The table holds the services people most often create these roles
// for, as AWS names them; any other `<name>.amazonaws.com` principal gets AWS's naming convention
// (AWSServiceRoleFor + the service name in PascalCase) and the conventional policy names, attached
// only when the AWS-managed policy catalogue in D1 has one of them.

export interface ServiceLinkedRoleSpec {
  /** the role name without suffix */
  roleName: string;
  /** candidate policy names under aws-service-role/, the first present in the catalogue is attached */
  policies: readonly string[];
  /** whether AWS accepts a CustomSuffix for the service */
  customSuffix: boolean;
}

type Row = readonly [service: string, roleName: string, policy: string, customSuffix?: boolean];

const KNOWN: readonly Row[] = [
  ['access-analyzer.amazonaws.com', 'AWSServiceRoleForAccessAnalyzer', 'AccessAnalyzerServiceRolePolicy'],
  ['apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'],
  ['ops.apigateway.amazonaws.com', 'AWSServiceRoleForAPIGateway', 'APIGatewayServiceRolePolicy'],
  ['autoscaling.amazonaws.com', 'AWSServiceRoleForAutoScaling', 'AutoScalingServiceRolePolicy', true],
  ['backup.amazonaws.com', 'AWSServiceRoleForBackup', 'AWSBackupServiceLinkedRolePolicyForBackup'],
  ['batch.amazonaws.com', 'AWSServiceRoleForBatch', 'BatchServiceRolePolicy'],
  ['cloudtrail.amazonaws.com', 'AWSServiceRoleForCloudTrail', 'CloudTrailServiceRolePolicy'],
  ['config.amazonaws.com', 'AWSServiceRoleForConfig', 'AWSConfigServiceRolePolicy'],
  [
    'dynamodb.application-autoscaling.amazonaws.com',
    'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    'AWSApplicationAutoscalingDynamoDBTablePolicy',
  ],
  [
    'ecs.application-autoscaling.amazonaws.com',
    'AWSServiceRoleForApplicationAutoScaling_ECSService',
    'AWSApplicationAutoscalingECSServicePolicy',
  ],
  ['ecs.amazonaws.com', 'AWSServiceRoleForECS', 'AmazonECSServiceRolePolicy'],
  ['eks.amazonaws.com', 'AWSServiceRoleForAmazonEKS', 'AmazonEKSServiceRolePolicy'],
  ['eks-nodegroup.amazonaws.com', 'AWSServiceRoleForAmazonEKSNodegroup', 'AWSServiceRoleForAmazonEKSNodegroup'],
  ['elasticache.amazonaws.com', 'AWSServiceRoleForElastiCache', 'ElastiCacheServiceRolePolicy'],
  ['elasticbeanstalk.amazonaws.com', 'AWSServiceRoleForElasticBeanstalk', 'AWSElasticBeanstalkServiceRolePolicy'],
  ['elasticfilesystem.amazonaws.com', 'AWSServiceRoleForAmazonElasticFileSystem', 'AmazonElasticFileSystemServiceRolePolicy'],
  ['elasticloadbalancing.amazonaws.com', 'AWSServiceRoleForElasticLoadBalancing', 'AWSElasticLoadBalancingServiceRolePolicy'],
  ['elasticmapreduce.amazonaws.com', 'AWSServiceRoleForEMRCleanup', 'AmazonEMRCleanupPolicy'],
  ['es.amazonaws.com', 'AWSServiceRoleForAmazonElasticsearchService', 'AmazonElasticsearchServiceRolePolicy'],
  ['opensearchservice.amazonaws.com', 'AWSServiceRoleForAmazonOpenSearchService', 'AmazonOpenSearchServiceRolePolicy'],
  ['events.amazonaws.com', 'AWSServiceRoleForCloudWatchEvents', 'CloudWatchEventsServiceRolePolicy'],
  ['fsx.amazonaws.com', 'AWSServiceRoleForAmazonFSx', 'AmazonFSxServiceRolePolicy'],
  ['globalaccelerator.amazonaws.com', 'AWSServiceRoleForGlobalAccelerator', 'AWSGlobalAcceleratorSLRPolicy'],
  ['guardduty.amazonaws.com', 'AWSServiceRoleForAmazonGuardDuty', 'AmazonGuardDutyServiceRolePolicy'],
  ['inspector2.amazonaws.com', 'AWSServiceRoleForAmazonInspector2', 'AmazonInspector2ServiceRolePolicy'],
  ['kafka.amazonaws.com', 'AWSServiceRoleForKafka', 'KafkaServiceRolePolicy'],
  ['lex.amazonaws.com', 'AWSServiceRoleForLexBots', 'AmazonLexBotPolicy', true],
  ['macie.amazonaws.com', 'AWSServiceRoleForAmazonMacie', 'AmazonMacieServiceRolePolicy'],
  ['organizations.amazonaws.com', 'AWSServiceRoleForOrganizations', 'AWSOrganizationsServiceTrustPolicy'],
  ['rds.amazonaws.com', 'AWSServiceRoleForRDS', 'AmazonRDSServiceRolePolicy'],
  ['redshift.amazonaws.com', 'AWSServiceRoleForRedshift', 'AmazonRedshiftServiceLinkedRolePolicy'],
  ['replicator.lambda.amazonaws.com', 'AWSServiceRoleForLambdaReplicator', 'AWSLambdaReplicator'],
  ['securityhub.amazonaws.com', 'AWSServiceRoleForSecurityHub', 'AWSSecurityHubServiceRolePolicy'],
  ['servicequotas.amazonaws.com', 'AWSServiceRoleForServiceQuotas', 'ServiceQuotasServiceRolePolicy'],
  ['spot.amazonaws.com', 'AWSServiceRoleForEC2Spot', 'AWSEC2SpotServiceRolePolicy'],
  ['spotfleet.amazonaws.com', 'AWSServiceRoleForEC2SpotFleet', 'AWSEC2SpotFleetServiceRolePolicy'],
  ['ssm.amazonaws.com', 'AWSServiceRoleForAmazonSSM', 'AmazonSSMServiceRolePolicy'],
  ['sso.amazonaws.com', 'AWSServiceRoleForSSO', 'AWSSSOServiceRolePolicy'],
  ['support.amazonaws.com', 'AWSServiceRoleForSupport', 'AWSSupportServiceRolePolicy'],
  ['transitgateway.amazonaws.com', 'AWSServiceRoleForVPCTransitGateway', 'AWSVPCTransitGatewayServiceRolePolicy'],
  ['trustedadvisor.amazonaws.com', 'AWSServiceRoleForTrustedAdvisor', 'AWSTrustedAdvisorServiceRolePolicy'],
];

const TABLE = new Map<string, ServiceLinkedRoleSpec>(
  KNOWN.map(([service, roleName, policy, customSuffix]) => [
    service,
    { roleName, policies: [policy], customSuffix: customSuffix ?? false },
  ]),
);

/** A service principal AWS could name: lowercase DNS labels ending in `.amazonaws.com`. */
const SERVICE_PRINCIPAL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com$/;

const pascal = (labels: string) =>
  labels
    .split(/[.-]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** The role for `service`, or undefined when it is not a service principal at all. */
export function serviceLinkedRoleSpec(service: string): ServiceLinkedRoleSpec | undefined {
  const known = TABLE.get(service);
  if (known) return known;
  if (!SERVICE_PRINCIPAL.test(service)) return undefined;
  const name = pascal(service.slice(0, -'.amazonaws.com'.length));
  return {
    roleName: `AWSServiceRoleFor${name}`,
    policies: [`${name}ServiceRolePolicy`, `AWS${name}ServiceRolePolicy`],
    customSuffix: true,
  };
}

/** `/aws-service-role/<service>/`: where every service-linked role lives, and only they. */
export const serviceLinkedRolePath = (service: string) => `/aws-service-role/${service}/`;
export const SERVICE_LINKED_PATH_PREFIX = '/aws-service-role/';

/** The service a service-linked role's path names (`/aws-service-role/<service>/`), or undefined. */
export function serviceOfPath(path: string): string | undefined {
  if (!path.startsWith(SERVICE_LINKED_PATH_PREFIX)) return undefined;
  const rest = path.slice(SERVICE_LINKED_PATH_PREFIX.length);
  const slash = rest.indexOf('/');
  return slash > 0 ? rest.slice(0, slash) : undefined;
}

/** The trust policy AWS gives a service-linked role: only the service may assume it. */
export const serviceTrustPolicy = (service: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
