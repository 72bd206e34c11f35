/**
 * The value sets the rules use, by the role each plays (rules page §5), and a code's roles
 * held as one bit per role, so that asking whether a code is in any of several value sets is
 * one AND, not a lookup per value set.
 */

/** The value sets the rules use, by the role they play. Config maps each role to a ValueSet URL. */
export const VALUE_SET_ROLES = [
  'multipleMyeloma',
  'plasmaCellLeukemia',
  'myelomaRelapse',
  'myelomaRemission',
  'extramedullaryPlasmacytoma',
  'solitaryPlasmacytoma',
  'cnsInvolvement',
  'leptomeningealInvolvement',
  'boneContactQualifier',
  'siteSoftTissueOrgan',
  'siteCns',
  'siteLeptomeningeal',
  'siteBone',
  'siteTypicalAtDiagnosis',
  'siteTypicalAtRelapse',
  'imagingPet',
  'imagingWholeBody',
  'imagingCrossSectionalModality',
  'imagingMrModality',
  'imagingBrain',
  'imagingSpine',
  'imagingOrder',
  'imagingReportCategory',
  'orderPetCt',
  'orderMriBrain',
  'orderMriSpine',
  'orderCsfCytology',
  'orderCsfFlowCytometry',
] as const;
export type ValueSetRole = (typeof VALUE_SET_ROLES)[number];

/** One bit per role; bitwise operators keep 31 bits, so at most 31 roles. */
const ROLE_BIT: Readonly<Record<ValueSetRole, number>> = Object.fromEntries(
  VALUE_SET_ROLES.map((role, index) => [role, 2 ** index]),
) as Record<ValueSetRole, number>;

/** The bit of one role, from which Terminology builds each known code's role set. */
export function roleBit(role: ValueSetRole): RoleSet {
  return ROLE_BIT[role];
}

/** The value sets a code is in, as one bit per role: from Terminology.rolesOf(). */
export type RoleSet = number;

/** Whether `roles` (from Terminology.rolesOf) holds `role`. */
export function inRole(roles: RoleSet, role: ValueSetRole): boolean {
  return (roles & ROLE_BIT[role]) !== 0;
}

/** The role set holding exactly these roles: built once, then asked with inAnyRole(). */
export function roleSetOf(roles: readonly ValueSetRole[]): RoleSet {
  let set = 0;
  for (const role of roles) set |= ROLE_BIT[role];
  return set;
}

/** Whether `roles` holds any role of `wanted` (from roleSetOf). */
export function inAnyRole(roles: RoleSet, wanted: RoleSet): boolean {
  return (roles & wanted) !== 0;
}

/** Condition or report codes that make a finding (rules page §3.3). */
export const FINDING_CODE_ROLES = [
  'extramedullaryPlasmacytoma',
  'solitaryPlasmacytoma',
  'cnsInvolvement',
  'leptomeningealInvolvement',
] as const satisfies readonly ValueSetRole[];
export const FINDING_ROLE_SET = roleSetOf(FINDING_CODE_ROLES);

/**
 * The roles whose value sets hold Condition codes: myeloma, its phase, and the findings. A code
 * system only a site, imaging or order value set uses says nothing of what a diagnosis coded
 * in it is, so it does not make a Condition "coded in a known system" (rules page §2 "Text
 * only"; H105).
 */
export const CONDITION_CODE_ROLES = [
  'multipleMyeloma',
  'plasmaCellLeukemia',
  'myelomaRelapse',
  'myelomaRemission',
  ...FINDING_CODE_ROLES,
  'boneContactQualifier',
] as const satisfies readonly ValueSetRole[];

/** The site value sets that make a finding's class (rules page §3.3 1–4). */
export const CLASS_SITE_ROLES = [
  'siteSoftTissueOrgan',
  'siteCns',
  'siteLeptomeningeal',
  'siteBone',
] as const satisfies readonly ValueSetRole[];

/** Every site value set, the typical-site lists too: their systems are the sites' systems. */
export const SITE_ROLES = [
  ...CLASS_SITE_ROLES,
  'siteTypicalAtDiagnosis',
  'siteTypicalAtRelapse',
] as const satisfies readonly ValueSetRole[];
