/**
 * Where a finding's body site goes on the timeline's body map. The map is a drawing, not
 * anatomy: each region is one anchor point on a 240 × 480 figure (body-map.ts draws it).
 * Sites map by their matching key (system|code, as src/rules/terminology.ts normalises it)
 * for the SNOMED CT body structures of the rules page §5; any other site (a local code, or
 * text only) is listed beside the map as "not on the map", with its class — never dropped.
 * The map never decides a class: classes come from src/rules/ (classify).
 */
export const BODY_REGIONS = {
  brain: { x: 120, y: 48 },
  meninges: { x: 96, y: 26 },
  cranialCsf: { x: 144, y: 26 },
  dura: { x: 120, y: 16 },
  cns: { x: 120, y: 62 },
  spinalCord: { x: 120, y: 150 },
  cervicalSpine: { x: 120, y: 98 },
  thoracicSpine: { x: 120, y: 180 },
  lumbarSpine: { x: 120, y: 248 },
  bone: { x: 92, y: 340 },
  boneMarrow: { x: 150, y: 340 },
  lymphNode: { x: 92, y: 108 },
  breast: { x: 150, y: 148 },
  pleura: { x: 82, y: 160 },
  pericardium: { x: 134, y: 172 },
  liver: { x: 96, y: 214 },
  kidney: { x: 150, y: 236 },
  skin: { x: 40, y: 240 },
  softTissue: { x: 146, y: 390 },
} as const satisfies Record<string, { x: number; y: number }>;
export type BodyRegion = keyof typeof BODY_REGIONS;

const SNOMED = 'http://snomed.info/sct';

/** SNOMED CT body structures of the rules page §5 → region. */
const SITE_REGIONS: Readonly<Record<string, BodyRegion>> = {
  [`${SNOMED}|12738006`]: 'brain',
  [`${SNOMED}|21483005`]: 'cns',
  [`${SNOMED}|2748008`]: 'spinalCord',
  [`${SNOMED}|18545000`]: 'dura',
  [`${SNOMED}|1231004`]: 'meninges',
  [`${SNOMED}|35951006`]: 'meninges',
  [`${SNOMED}|65216001`]: 'cranialCsf',
  [`${SNOMED}|272673000`]: 'bone',
  [`${SNOMED}|14016003`]: 'boneMarrow',
  [`${SNOMED}|421060004`]: 'thoracicSpine',
  [`${SNOMED}|122494005`]: 'cervicalSpine',
  [`${SNOMED}|122495006`]: 'thoracicSpine',
  [`${SNOMED}|122496007`]: 'lumbarSpine',
  [`${SNOMED}|39937001`]: 'skin',
  [`${SNOMED}|87784001`]: 'softTissue',
  [`${SNOMED}|10200004`]: 'liver',
  [`${SNOMED}|64033007`]: 'kidney',
  [`${SNOMED}|59441001`]: 'lymphNode',
  [`${SNOMED}|76752008`]: 'breast',
  [`${SNOMED}|3120008`]: 'pleura',
  [`${SNOMED}|76848001`]: 'pericardium',
  [`${SNOMED}|25489000`]: 'pericardium',
};

/** The region of a site key, or undefined when the map has no place for it. */
export function regionOf(siteKey: string): BodyRegion | undefined {
  return SITE_REGIONS[siteKey];
}

export interface PlacedMark<T> {
  item: T;
  region: BodyRegion;
  x: number;
  y: number;
}

/**
 * Anchors each item at its region; items sharing a region are spread side by side (12 units
 * apart) so no mark hides another.
 */
export function placeMarks<T>(items: readonly { item: T; region: BodyRegion }[]): PlacedMark<T>[] {
  const byRegion = new Map<BodyRegion, T[]>();
  for (const { item, region } of items)
    byRegion.set(region, [...(byRegion.get(region) ?? []), item]);
  return [...byRegion].flatMap(([region, group]) =>
    group.map((item, index) => ({
      item,
      region,
      x: BODY_REGIONS[region].x + (index - (group.length - 1) / 2) * 12,
      y: BODY_REGIONS[region].y,
    })),
  );
}
