/** The kit every CRM shares: a typed description, the limiter, the retry loop, batch splitting, the quota stop and the task protocol. */
export { defineCrm, crmDescriptionSchema, type CrmDescription, type CrmDescriptionInput, type RetryBudget, type RetryCondition, type RetryRules } from './description';
export { decideRetry, classifyAttempt, backoffMs, type AttemptClass, type AttemptResult, type DecideOptions, type RetryDecision, type RetryReason, type RetryState } from './retry';
export { windowReport, retryAfterMs, type Headers, type WindowReport } from './headers';
export { SlidingWindowLimiter, type RateLimiter } from './limiter';
export { createLimiters, STANDARD_LANE } from './lanes';
export { CrmCaller, type CallerOptions, type CallResult, type Exchange, type RetryEvent } from './caller';
export { writeSplitting, type BatchOutcome, type SplitOptions } from './split';
export { createTasksIdempotently, type TaskProtocol } from './tasks';
export { keepingPartial } from './partial';
export { mapPool, chunk } from './pool';
export { systemClock, type Clock } from './clock';
export { isNetworkError } from './network';
