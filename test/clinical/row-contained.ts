/**
 * A decision-table row's contained studies (a study's `contained: { in, as }`): the study is
 * moved into the resource `in` names, with the id `as`, and that resource's citations of it
 * become `#<as>`, as FHIR R4 §2.3.0.6 "Contained resources" writes a local reference. A
 * converter numbering each resource's contained studies `#1`, `#2` gives two resources the
 * same `#1` for two different studies (H140): rows write that with two studies `as` one name.
 */
import type { RowIds } from './row-codes.js';
import type { Row } from './table-rows.js';

/** The row's resources with each contained study moved into the resource that contains it. */
export function withContainedStudies(
  resources: fhir4.Resource[],
  row: Row,
  ids: RowIds,
): fhir4.Resource[] {
  let out = resources;
  for (const study of row.studies) {
    if (!study.contained) continue;
    const { in: holder, as } = study.contained;
    const stored = ids.reference(`study:${study.id}`);
    const holderReference = ids.reference(holder);
    const moved = out.find((r) => `ImagingStudy/${r.id ?? ''}` === stored);
    if (!moved) throw new Error(`${row.id}: no study ${study.id} to contain`);
    out = out
      .filter((r) => r !== moved)
      .map((resource) => {
        const isHolder = `${resource.resourceType}/${resource.id ?? ''}` === holderReference;
        const text = JSON.stringify(resource);
        if (!isHolder) {
          // Only the resource that contains a study can cite it by a local reference.
          if (text.includes(`"${stored}"`))
            throw new Error(
              `${row.id}: ${resource.id ?? ''} cites ${study.id}, contained elsewhere`,
            );
          return resource;
        }
        const cited = JSON.parse(
          text.split(`"${stored}"`).join(JSON.stringify(`#${as}`)),
        ) as fhir4.DomainResource;
        return { ...cited, contained: [...(cited.contained ?? []), { ...moved, id: as }] };
      });
    if (!out.some((r) => `${r.resourceType}/${r.id ?? ''}` === holderReference))
      throw new Error(`${row.id}: no resource ${holder} to contain ${study.id}`);
  }
  return out;
}
