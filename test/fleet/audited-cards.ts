/**
 * What the fleet's audit holds, read straight from its PostgreSQL schema (`location` is the
 * test's URL selecting it): the uuid of every audited card, one entry per row, so a card
 * audited twice appears twice.
 */
import pg from 'pg';

export async function auditedCardUuids(location: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try {
    const result = await client.query<{ card_uuid: string }>('SELECT card_uuid FROM card_audit');
    return result.rows.map((row) => row.card_uuid);
  } finally {
    await client.end();
  }
}
