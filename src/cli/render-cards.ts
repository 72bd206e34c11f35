/**
 * `emd-cds evaluate`: renders the cards of a dry run (src/cds/dry-run.ts) and, on request,
 * why each rule fired or not.
 */
import type { HookCallResult } from '../cds/hook-service.js';
import type { Card } from '../cds/response-schema.js';

/** Cards of rules in silent mode (issue #17), apart: an EHR would never show them. */
export function renderSilentCards(cards: readonly Card[]): string {
  if (cards.length === 0) return '';
  return `\nSilent (evaluated and audited in production, never shown):\n${renderCards(cards)}`;
}

export function renderCards(cards: readonly Card[]): string {
  if (cards.length === 0) return 'No cards.\n';
  return cards
    .map((card) => {
      const lines = [
        `[${card.indicator}] ${card.summary}  (${String(card.extension?.['org.emd-cds.rule-id'])})`,
      ];
      lines.push(
        `  evidence: ${((card.extension?.['org.emd-cds.evidence'] as string[] | undefined) ?? []).join(', ')}`,
      );
      if (card.detail) lines.push(...card.detail.split('\n').map((line) => `  | ${line}`));
      for (const suggestion of card.suggestions ?? [])
        lines.push(`  suggestion: ${suggestion.label}`);
      for (const link of card.links ?? []) lines.push(`  link: ${link.label} <${link.url}>`);
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

export function renderExplain(result: HookCallResult): string {
  const { evaluation } = result;
  const lines = ['Why:'];
  for (const line of evaluation.trace)
    lines.push(`  ${line.reference ? `${line.reference}: ` : ''}${line.message}`);
  for (const outcome of evaluation.outcomes) {
    lines.push(
      `  ${outcome.ruleId}: ${outcome.fired ? `fired (${outcome.indicator ?? ''})` : 'not fired'}`,
    );
    for (const reason of outcome.explain) lines.push(`    - ${reason}`);
  }
  return `${lines.join('\n')}\n`;
}
