export { describeValue } from "./describeValue.js";
export { joinPath, toJsonPath } from "./jsonPath.js";
export * as contractMessages from "./messages/contract.js";
export type { JsonPath, RatecardErrorCode } from "./RatecardError.js";
export {
  ContractError,
  InputError,
  InvariantError,
  isRatecardError,
  RatecardError,
  UsageError,
} from "./RatecardError.js";
