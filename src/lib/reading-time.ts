// Reading time for mixed Chinese and Latin text: Chinese readers take in roughly 400 characters a
// minute, and English readers roughly 200 words; code and markup are not counted.
const hanPerMinute = 400;
const wordsPerMinute = 200;

export function readingMinutes(markdown: string): number {
  const prose = markdown
    .replace(/^---[\s\S]*?---/, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/\$\$[\s\S]*?\$\$/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/^import .*$/gm, '');
  const han = prose.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = prose.replace(/\p{Script=Han}/gu, ' ').match(/[A-Za-z0-9]+/g)?.length ?? 0;
  return Math.max(1, Math.round(han / hanPerMinute + words / wordsPerMinute));
}
