/** axe-core on the page as it is now: one line per serious or critical violation (rule, what it says, where). */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help} at ${n.target.join(' ')}`));
}
