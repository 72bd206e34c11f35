/**
 * One line of the explain trace: why something counted, or did not. A module of its own so
 * that the modules below ./types.ts (./read-spellings.ts) can name it without a circle.
 */
export interface TraceLine {
  /** The resource the line is about, as referenced in the record. */
  reference?: string;
  message: string;
}
