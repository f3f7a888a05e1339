import { isRatecardError, usageEvidenceAsync, usageEvidenceText } from "../index.js";
import { outputFormat, parseFlags, readContract, required, UsageLineError, write } from "./cliSupport.js";
import { usageSource } from "./readUsage.js";

/**
 * `ratecard usage`: the events behind a contract's usage lines for a period, per meter and group, per
 * day or hour, with the excluded events by reason and the repeated ids ("which events made this
 * line?", "were these counted twice?"). The usage file is streamed twice, as `ratecard invoice` does.
 */
export async function usageCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values } = parseFlags({
    args: [...args],
    options: {
      contract: { type: "string" },
      usage: { type: "string" },
      period: { type: "string" },
      meter: { type: "string" },
      group: { type: "string", multiple: true },
      where: { type: "string", multiple: true },
      from: { type: "string" },
      to: { type: "string" },
      by: { type: "string", default: "day" },
      limit: { type: "string", default: "10" },
      format: { type: "string", default: "text" },
    },
  });
  const contractFile = required(values.contract, "--contract FILE");
  const usageFile = required(values.usage, "--usage FILE");
  const period = required(values.period, "--period PERIOD");
  const format = outputFormat(values.format);
  if (values.by !== "day" && values.by !== "hour")
    throw new UsageLineError(`--by must be day or hour, not "${values.by}"`);
  const contract = await readContract(contractFile);
  const options = {
    ...(values.meter !== undefined ? { meter: values.meter } : {}),
    ...(values.group !== undefined ? { group: pairs("--group", values.group) } : {}),
    ...(values.where !== undefined ? { where: pairs("--where", values.where) } : {}),
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    by: values.by,
    limit: limitOf(values.limit),
  } as const;
  const evidence = await usageEvidenceAsync(contract, await usageSource(usageFile), period, options).catch(
    namedByFlag,
  );
  write(format === "json" ? `${JSON.stringify(evidence, null, 2)}\n` : usageEvidenceText(evidence));
  return 0;
}

// --group region=eu --group service=http: name=value pairs, each name once.
function pairs(flag: string, given: ReadonlyArray<string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of given) {
    const at = pair.indexOf("=");
    if (at <= 0)
      throw new UsageLineError(`${flag} takes name=value, such as ${flag} region=eu; not "${pair}"`);
    const name = pair.slice(0, at);
    if (name in result) throw new UsageLineError(`${flag} names ${name} twice; give each property once`);
    result[name] = pair.slice(at + 1);
  }
  return result;
}

// An option the library refuses (an unknown meter, a bad --from) is named by its flag.
function namedByFlag(error: unknown): never {
  if (isRatecardError(error) && ["meter", "group", "where", "from", "to"].includes(error.path))
    throw new UsageLineError(`--${error.path}: ${error.message}`);
  throw error;
}

function limitOf(text: string | undefined): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text ?? "") || limit > 1000)
    throw new UsageLineError(`--limit must be a whole number from 0 to 1000, not "${text}"`);
  return limit;
}
