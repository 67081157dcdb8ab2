/**
 * The article's token cost computed at build time with the tokenizer files the site serves
 * (Node only: never imported by browser code).
 */
import { getEntry } from 'astro:content';
import { articleSectionsWithAppendices } from '../playground/tokenizer/article-sections.ts';
import { loadNodeTokenizer } from '../playground/tokenizer/node-files.ts';
import { articleTokenCost, type ArticleTokenCost } from './article-token-cost.ts';

let cost: Promise<ArticleTokenCost> | undefined;

export function builtArticleTokenCost(): Promise<ArticleTokenCost> {
  cost ??= (async () => {
    const [text, faq] = await Promise.all([getEntry('article', 'qwen-vs-llama3'), getEntry('appendix', 'faq')]);
    if (!text?.body || !faq?.body) throw new Error('the article source is missing');
    const sections = articleSectionsWithAppendices(text.body, [{ title: faq.data.title, body: faq.body }]);
    return articleTokenCost(sections, (family, text) => loadNodeTokenizer(family).encode(text).length);
  })();
  return cost;
}
