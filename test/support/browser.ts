import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export { CHROMIUM_PATH, launchChromium } from '../../bench/support/chromium.js';

/** The WCAG 2.1 A and AA rules of axe-core. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations of WCAG 2.1 A/AA on the page as it is now, as readable lines (none is the goal). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
