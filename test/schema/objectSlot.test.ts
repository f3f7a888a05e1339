import { describe, expect, it } from "vitest";
import { isSlotKey, objectSlot, perObject } from "../../src/schema/objectSlot.js";

describe("objectSlot", () => {
  it("keeps one value per object, replaced by a later set", () => {
    const slot = objectSlot<object, string>("test");
    const a = {};
    const b = {};
    slot.set(a, "first");
    slot.set(b, "other");
    expect([slot.get(a), slot.get(b), slot.get({})]).toEqual(["first", "other", undefined]);
    slot.set(a, "second");
    expect(slot.get(a)).toBe("second");
  });

  it("leaves the object as it reads: keys, JSON, spread copies, clones and equality", () => {
    const slot = objectSlot<Record<string, unknown>, number>("test");
    const record: Record<string, unknown> = { id: "cus_1", amount: "5.00" };
    slot.set(record, 42);
    expect(Object.keys(record)).toEqual(["id", "amount"]);
    const forIn: string[] = [];
    for (const key in record) forIn.push(key);
    expect(forIn).toEqual(["id", "amount"]);
    expect(JSON.stringify(record)).toBe('{"id":"cus_1","amount":"5.00"}');
    expect(record).toStrictEqual({ id: "cus_1", amount: "5.00" });
    // A copy is a new object: it has no value until one is set for it.
    expect(slot.get({ ...record })).toBeUndefined();
    expect(slot.get(structuredClone(record))).toBeUndefined();
    // The only other own key is the slot's symbol, which isSlotKey knows.
    const hidden = Reflect.ownKeys(record).filter((key) => !Object.keys(record).includes(key as string));
    expect(hidden).toHaveLength(1);
    expect(hidden.every(isSlotKey)).toBe(true);
    expect(isSlotKey("id")).toBe(false);
    expect(isSlotKey(Symbol("test"))).toBe(false);
  });

  it("keeps a value for a frozen or sealed object too, which cannot take a member", () => {
    const slot = objectSlot<object, string>("test");
    const frozen = Object.freeze({ a: 1 });
    const sealed = Object.seal({ b: 2 });
    slot.set(frozen, "frozen");
    slot.set(sealed, "sealed");
    expect([slot.get(frozen), slot.get(sealed)]).toEqual(["frozen", "sealed"]);
    expect(Reflect.ownKeys(frozen)).toEqual(["a"]);
    // A later value replaces the first, as for any object.
    slot.set(frozen, "again");
    expect(slot.get(frozen)).toBe("again");
  });

  it("takes a new value for an object frozen after its first one", () => {
    const slot = objectSlot<object, string>("test");
    const owner = { a: 1 };
    slot.set(owner, "before");
    Object.freeze(owner);
    slot.set(owner, "after");
    expect(slot.get(owner)).toBe("after");
  });

  it("does not read a prototype's value as the object's own", () => {
    const slot = objectSlot<object, string>("test");
    const parent = {};
    slot.set(parent, "parent's");
    const child = Object.create(parent) as object;
    expect(slot.get(child)).toBeUndefined();
    slot.set(child, "child's");
    expect([slot.get(parent), slot.get(child)]).toEqual(["parent's", "child's"]);
  });

  it("keeps two slots' values apart on one object", () => {
    const first = objectSlot<object, string>("first");
    const second = objectSlot<object, string>("second");
    const owner = {};
    first.set(owner, "one");
    second.set(owner, "two");
    expect([first.get(owner), second.get(owner)]).toEqual(["one", "two"]);
  });
});

describe("perObject", () => {
  it("builds once per object, and again for another object", () => {
    let builds = 0;
    const size = perObject((list: ReadonlyArray<number>) => {
      builds += 1;
      return new Set(list).size;
    });
    const list = [1, 1, 2];
    expect([size(list), size(list), size(list)]).toEqual([2, 2, 2]);
    expect(builds).toBe(1);
    expect(size([3])).toBe(1);
    expect(builds).toBe(2);
    const frozen = Object.freeze([4, 5, 4]);
    expect([size(frozen), size(frozen)]).toEqual([2, 2]);
    expect(builds).toBe(3);
  });
});
