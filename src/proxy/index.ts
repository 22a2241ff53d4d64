/** The validating proxy: forwards a consumer's traffic to the provider and judges every answer. Printing is the CLI's job. */
export { type JudgeOptions, judgeResponse, type ProxiedResponse } from './judgeResponse';
export type { ProxyExchange, ProxyExchangeKind, ProxyOutcome, ProxyTally } from './ProxyReport';
export { requestRedactor } from './requestRedactor';
export {
  createProxy,
  MAX_JUDGED_BODY_BYTES,
  type Proxy,
  type ProxyAddress,
  type ProxyOptions,
  type RunningProxy,
  startProxy,
} from './startProxy';
