/**
 * What the fuzz resource generators share: which codes and dates to draw, the junk put in
 * fields the resource schemas do not check, and how a generated resource is sent.
 */
import fc from 'fast-check';
import type { DateKinds } from './arbitraries.js';
import type { ConditionCodes } from './conditions.js';

export interface ResourceOptions {
  codes: ConditionCodes;
  /** `any` lets garbage dates break the resource schema: the prefetch key then counts as missing. */
  dates: DateKinds;
  /** Add wrong-typed values to fields the resource schemas do not check (issued, description, …). */
  uncheckedJunk: boolean;
}

/** FHIR fields the resource schemas do not check, given any JSON value. */
export function junkArb(o: ResourceOptions, keys: readonly string[]): fc.Arbitrary<object> {
  return o.uncheckedJunk
    ? fc.oneof(
        fc.constant({}),
        fc.dictionary(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
      )
    : fc.constant({});
}

/**
 * A generated resource as a client sends it: typed as FHIR for the code that reads it, though
 * statuses and codes are drawn outside FHIR's bindings on purpose.
 */
export function asSent(value: object): fhir4.Resource {
  return defined(value) as fhir4.Resource;
}

/** Drops the undefined fields fc.record leaves out anyway, for readable counterexamples. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
