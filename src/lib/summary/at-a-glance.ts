/** The whole summary, in reading order: capabilities first, then practical questions. */
import { chineseTasks, codeAndMaths, instructionFollowing, otherLanguages } from './benchmark-topics.ts';
import { spaceMixedText } from './mixed-spacing.ts';
import { contextLength, licences, sizesAndWhere, tokenCost } from './practical-topics.ts';
import type { SummaryData, SummaryItem } from './types.ts';

export function atAGlance(data: SummaryData): SummaryItem[] {
  return [chineseTasks, otherLanguages, codeAndMaths, instructionFollowing, sizesAndWhere, contextLength, licences, tokenCost].map(
    (topic) => {
      const item = topic(data);
      return { ...item, claims: item.claims.map((claim) => ({ ...claim, text: spaceMixedText(claim.text) })) };
    },
  );
}
