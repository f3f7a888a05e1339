import type { CommitmentTerms, Contract } from "../../contracts/index.js";
import { type Decimal, toFixedString } from "../../money/index.js";
import type { AppliedCommitment } from "../../schema/index.js";
import { formatInstant, type Period, type ProrationRatio, ratioText } from "../../time/index.js";
import { datedParts, proratedAcrossParts } from "../datedParts.js";
import { perBillingPeriod } from "../perBillingPeriod.js";
import type { ServicePeriod } from "../resolveServicePeriod.js";

/** A commitment's minimum and maximum for one invoice, and how dated changes made them. */
export interface CommitmentLimits {
  readonly minimum: Decimal | undefined;
  readonly maximum: Decimal | undefined;
  /**
   * Present when changes cut the service period, or the period is part of a billing period: each part
   * with the limits in force on it (one part, for a partial billing period without changes).
   */
  readonly schedule?: NonNullable<AppliedCommitment["schedule"]>;
}

interface Limits {
  readonly minimum: Decimal | undefined;
  readonly maximum: Decimal | undefined;
}

/**
 * The minimum and maximum a commitment holds the invoice to (docs/contracts.md, step 7). Without a
 * change inside the service period: the limit in force, per billing period and prorated on a partial
 * one, as ever. When its `changes` cut the period: each limit is Σ limitᵢ × partᵢ ÷ billing period,
 * exact, rounded once (Lago prorates a commitment by the days it covers:
 * app/services/commitments/calculate_prorated_coefficient_service.rb).
 */
export function commitmentLimits(
  commitment: CommitmentTerms,
  contract: Contract,
  resolved: ServicePeriod,
): CommitmentLimits {
  const changes = commitment.changes ?? [];
  const versions: Limits[] = [{ minimum: commitment.minimum, maximum: commitment.maximum }];
  for (const change of changes) {
    const before = versions[versions.length - 1]!;
    versions.push({
      minimum: change.minimum ?? before.minimum,
      maximum: change.maximum ?? before.maximum,
    });
  }
  const parts = datedParts(
    contract,
    resolved.service,
    changes.map((change) => change.effective),
    versions,
  );
  const scale = (value: Decimal | undefined) =>
    value === undefined ? undefined : perBillingPeriod(value, resolved.proration, contract);
  if (parts.length === 1) {
    const { version } = parts[0]!;
    const limits = { minimum: scale(version.minimum), maximum: scale(version.maximum) };
    // A partial billing period (a term that starts or ends inside it): the limits as written and the
    // share that scaled them, so the invoice shows $3,000.00 × 15 ÷ 31 and not only $1,451.61.
    const ratio = resolved.proration;
    if (ratio === undefined) return limits;
    return {
      ...limits,
      schedule: [schedulePart(resolved.service, version, ratio, contract.currency.minorUnits)],
    };
  }
  const across = (limit: keyof Limits) =>
    commitment[limit] === undefined
      ? undefined
      : proratedAcrossParts(
          contract,
          resolved.billingPeriod,
          parts.map((part) => ({ period: part.period, value: part.version[limit]! })),
        );
  const minimum = across("minimum");
  const maximum = across("maximum");
  const ratios = (minimum ?? maximum)!.ratios;
  const minor = contract.currency.minorUnits;
  return {
    minimum: minimum?.amount,
    maximum: maximum?.amount,
    schedule: parts.map((part, at) => schedulePart(part.period, part.version, ratios[at]!, minor)),
  };
}

// One part of the schedule: its dates, the limits in force on it as written, its share of the billing
// period.
function schedulePart(
  period: Period,
  version: Limits,
  ratio: ProrationRatio,
  minor: number,
): NonNullable<CommitmentLimits["schedule"]>[number] {
  return {
    start: formatInstant(period.start),
    end: formatInstant(period.end),
    ...(version.minimum !== undefined ? { minimum: toFixedString(version.minimum, minor) } : {}),
    ...(version.maximum !== undefined ? { maximum: toFixedString(version.maximum, minor) } : {}),
    ...ratioText(ratio),
  };
}
