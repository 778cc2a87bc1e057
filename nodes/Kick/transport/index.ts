export * from './credentials';
export * from './request';
export * from './pagination';
export * from './batching';
export { explainFailure, kickErrorDetail, SUBSCRIPTION_LIMIT_ADVICE } from './errorMessages';
export { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, hintedDelayMs } from './retry';
export { fetchWebsiteChannel, readWebsiteChannel, websiteBaseUrl } from './website';
export * from './oauthClient';
export { fetchPublicKeyBody, PEM_ENDPOINT_PATH } from './publicKeyEndpoint';
