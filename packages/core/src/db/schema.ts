// The whole data model, one module per table group. drizzle-kit reads this file to generate migrations.
export * from './accounts';
export * from './principals';
export * from './policies';
export * from './policy-links';
export * from './credentials';
export * from './operations';
export * from './instance-profiles';
export * from './service-credentials';
export * from './service-access-jobs';
export * from './oauth';
export * from './federation';
