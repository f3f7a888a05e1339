import { describe, expectTypeOf, it } from "vitest";
import {
  type Amendment,
  type Contract,
  ContractError,
  type ContractInput,
  type CreditNote,
  type CreditNoteOptions,
  explainLine,
  explainText,
  type InputError,
  type InvariantError,
  type Invoice,
  type InvoiceLine,
  isRatecardError,
  issueCreditNote,
  type JsonPath,
  type LocalDate,
  type MoneyStyle,
  type Override,
  type ParseContractOptions,
  parseContract,
  type RatecardError,
  type RatecardErrorCode,
  type RateInvoiceOptions,
  type RatingContext,
  rateInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
  ratePrice,
  type SafeParseContractResult,
  type Sha256,
  safeParseContract,
  type UsageError,
  type UsageEvent,
  type Warning,
  type WarningCode,
} from "../../src/index.js";
import { buildContract, buildContractJson, meteredEvent } from "../_support/contract.js";

// What the public API's types promise a caller, checked by the compiler (npm run typecheck runs
// before the tests): `expectTypeOf` states a type, and each `@ts-expect-error` marks a call that must
// not compile; should it ever compile, tsc fails on the unused directive. The wrong calls sit inside
// functions that are never called: at run time this file only rates one small invoice.

const contract = buildContract();
const invoice = rateInvoice(contract, [meteredEvent("e1", "3")], "2026-02");

describe("the public API's types", () => {
  it("parseContract reads unknown JSON into a Contract; safeParseContract's result narrows on success", () => {
    expectTypeOf(parseContract).parameters.toEqualTypeOf<[input: unknown, options?: ParseContractOptions]>();
    expectTypeOf(parseContract).returns.toEqualTypeOf<Contract>();
    expectTypeOf(safeParseContract).returns.toEqualTypeOf<SafeParseContractResult>();
    const result = safeParseContract(buildContractJson());
    if (result.success) {
      expectTypeOf(result.data).toEqualTypeOf<Contract>();
      // @ts-expect-error a success carries no error
      void result.error;
    } else {
      expectTypeOf(result.error).toEqualTypeOf<ContractError>();
    }
  });

  it("rateInvoice takes a parsed contract, any iterable of events, a period and an options object", () => {
    expectTypeOf(rateInvoice).returns.toEqualTypeOf<Invoice>();
    expectTypeOf(rateInvoice).parameter(0).toEqualTypeOf<Contract>();
    expectTypeOf(rateInvoice).parameter(1).toEqualTypeOf<Iterable<unknown>>();
    expectTypeOf(rateInvoice).parameter(3).toEqualTypeOf<RateInvoiceOptions | undefined>();
    // @ts-expect-error contract JSON must go through parseContract first
    expectTypeOf(() => rateInvoice(buildContractJson(), [], "2026-02")).toBeFunction();
    // @ts-expect-error the period is required
    expectTypeOf(() => rateInvoice(contract, [])).toBeFunction();
    // @ts-expect-error options are an object, never a positional boolean
    expectTypeOf(() => rateInvoice(contract, [], "2026-02", true)).toBeFunction();
    // @ts-expect-error an option the API does not have
    expectTypeOf(() => rateInvoice(contract, [], "2026-02", { carry: {} })).toBeFunction();
    // @ts-expect-error creditsStartFull is a boolean
    expectTypeOf(() => rateInvoice(contract, [], "2026-02", { creditsStartFull: "yes" })).toBeFunction();
  });

  it("rateInvoiceAsync resolves to an Invoice and takes parsed events, as a stream or a function", () => {
    expectTypeOf(rateInvoiceAsync).returns.resolves.toEqualTypeOf<Invoice>();
    expectTypeOf(rateInvoiceAsync)
      .parameter(1)
      .toEqualTypeOf<
        | Iterable<UsageEvent>
        | AsyncIterable<UsageEvent>
        | (() => Iterable<UsageEvent> | AsyncIterable<UsageEvent>)
      >();
    // @ts-expect-error events as sent must be parsed (parseUsageEvent) before the async path
    expectTypeOf(() => rateInvoiceAsync(contract, [meteredEvent("e1", "3")], "2026-02")).toBeFunction();
  });

  it("rateOpeningInvoice takes only the credit options: there is no usage to carry", () => {
    expectTypeOf(rateOpeningInvoice).returns.toEqualTypeOf<Invoice>();
    // @ts-expect-error no carried state on the opening invoice
    expectTypeOf(() => rateOpeningInvoice(contract, { carried: {} })).toBeFunction();
  });

  it("issueCreditNote returns a CreditNote and takes earlier notes in an options object", () => {
    expectTypeOf(issueCreditNote).returns.toEqualTypeOf<CreditNote>();
    expectTypeOf(issueCreditNote).parameter(1).toEqualTypeOf<Invoice>();
    expectTypeOf(issueCreditNote).parameter(3).toEqualTypeOf<CreditNoteOptions | undefined>();
    expectTypeOf<NonNullable<CreditNoteOptions["previous"]>>().toEqualTypeOf<ReadonlyArray<CreditNote>>();
    // @ts-expect-error earlier credit notes, not invoices
    expectTypeOf(() => issueCreditNote(contract, invoice, [], { previous: [invoice] })).toBeFunction();
  });

  it("explainText reads an Invoice into a string", () => {
    expectTypeOf(explainText).parameters.toEqualTypeOf<[invoice: Invoice]>();
    expectTypeOf(explainText).returns.toEqualTypeOf<string>();
    // @ts-expect-error a contract is not an invoice
    expectTypeOf(() => explainText(contract)).toBeFunction();
  });

  it("Invoice and InvoiceLine carry every amount as decimal text, never a number", () => {
    expectTypeOf<Invoice["total"]>().toEqualTypeOf<string>();
    expectTypeOf<Invoice["subtotal"]>().toEqualTypeOf<string>();
    expectTypeOf<Invoice["amountDue"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Invoice["lines"][number]>().toEqualTypeOf<InvoiceLine>();
    expectTypeOf<InvoiceLine["amount"]>().toEqualTypeOf<string>();
    expectTypeOf<InvoiceLine["quantity"]>().toEqualTypeOf<string>();
    expectTypeOf<InvoiceLine["unitPrice"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<InvoiceLine["steps"][number]["kind"]>().toExtend<string>();
    expectTypeOf<Invoice["currency"]>().toExtend<{ code: string; minorUnits: number }>();
    // @ts-expect-error a total is text: compare it as text or through Decimal
    const sum: number = invoice.total + 1;
    void sum;
  });

  it("the option objects are read-only and every option is optional", () => {
    expectTypeOf({}).toExtend<RateInvoiceOptions>();
    expectTypeOf({}).toExtend<CreditNoteOptions>();
    expectTypeOf<RateInvoiceOptions["creditsStartFull"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<RateInvoiceOptions["daily"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<RateInvoiceOptions["creditBalances"]>().toEqualTypeOf<
      Readonly<Record<string, string>> | undefined
    >();
    // the host's SHA-256: bytes in, the 32 bytes of their digest out (node:crypto's Buffer is one)
    expectTypeOf<RateInvoiceOptions["sha256"]>().toEqualTypeOf<Sha256 | undefined>();
    expectTypeOf<Sha256>().toEqualTypeOf<(bytes: Uint8Array) => Uint8Array>();
    const options: RateInvoiceOptions = { daily: true };
    // @ts-expect-error options are never changed by the call nor after it
    options.daily = false;
  });

  it("errors are RatecardErrors with a code from a closed list and a JSON path", () => {
    expectTypeOf<ContractError>().toExtend<RatecardError>();
    expectTypeOf<UsageError>().toExtend<RatecardError>();
    expectTypeOf<InputError>().toExtend<RatecardError>();
    expectTypeOf<InvariantError>().toExtend<RatecardError>();
    expectTypeOf<RatecardError>().toExtend<Error>();
    expectTypeOf<RatecardError["code"]>().toEqualTypeOf<RatecardErrorCode>();
    expectTypeOf<RatecardError["path"]>().toEqualTypeOf<JsonPath>();
    expectTypeOf<JsonPath>().toEqualTypeOf<string>();
    expectTypeOf<RatecardErrorCode>().toExtend<string>();
    // @ts-expect-error a code outside the list
    const unknownCode: RatecardErrorCode = "no_such_code";
    void unknownCode;
  });

  it("isRatecardError narrows an unknown caught value to a RatecardError", () => {
    expectTypeOf(isRatecardError).parameters.toEqualTypeOf<[value: unknown]>();
    expectTypeOf(isRatecardError).guards.toEqualTypeOf<RatecardError>();
    const caught: unknown = safeParseContract({}).success
      ? undefined
      : new ContractError("invalid_field", "id", "x");
    if (isRatecardError(caught)) {
      expectTypeOf(caught.code).toEqualTypeOf<RatecardErrorCode>();
      expectTypeOf(caught.path).toEqualTypeOf<string>();
    }
    // @ts-expect-error without narrowing an unknown value has no code
    void caught.code;
  });

  it("ContractInput is the JSON a user writes: decimals as text or numbers, no parsed instants", () => {
    expectTypeOf<ContractInput["currency"]>().toEqualTypeOf<string>();
    expectTypeOf<Contract["digest"]>().toEqualTypeOf<string>();
    // @ts-expect-error JSON has no digest: parseContract computes it
    const written: ContractInput = { ...buildContractJson(), digest: "sha256:…" };
    void written;
  });

  it("names the types its signatures use, so a caller can write them (and TypeDoc can link them)", () => {
    expectTypeOf(explainLine).parameter(1).toEqualTypeOf<MoneyStyle>();
    expectTypeOf(ratePrice).parameter(2).toEqualTypeOf<RatingContext | undefined>();
    expectTypeOf<Contract["amendments"][number]>().toEqualTypeOf<Amendment>();
    expectTypeOf<Contract["overrides"][number]>().toEqualTypeOf<Override>();
    expectTypeOf<LocalDate>().not.toBeAny();
  });

  it("types an invoice's warnings as data: a code from WarningCode, a path, the facts and the sentence", () => {
    type Notice = NonNullable<Invoice["notices"]>[number];
    expectTypeOf<Notice["code"]>().toEqualTypeOf<WarningCode>();
    expectTypeOf<Warning["code"]>().toEqualTypeOf<WarningCode>();
    expectTypeOf<Notice["message"]>().toEqualTypeOf<string>();
    expectTypeOf<Invoice["warnings"]>().toEqualTypeOf<string[]>();
  });
});
