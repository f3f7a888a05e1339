export { describeValue } from "./describeValue.js";
export { joinPath, toJsonPath } from "./jsonPath.js";
export * as contractMessages from "./messages/contract.js";
export type { Warning, WarningCode, WarningDetails } from "./messages/warnings.js";
export * as warningMessages from "./messages/warnings.js";
export { WARNING_CODES } from "./messages/warnings.js";
export type { JsonPath, RatecardErrorCode } from "./RatecardError.js";
export {
  ContractError,
  InputError,
  InvariantError,
  isRatecardError,
  RatecardError,
  UsageError,
} from "./RatecardError.js";
