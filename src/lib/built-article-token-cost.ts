/**
 * The article's token cost computed at build time with the tokenizer files the site serves
 * (Node only: never imported by browser code).
 */
import { getEntry } from 'astro:content';
import { loadNodeTokenizer } from '../playground/tokenizer/node-files.ts';
import { articleTokenCost, type ArticleTokenCost } from './article-token-cost.ts';

let cost: Promise<ArticleTokenCost> | undefined;

export function builtArticleTokenCost(): Promise<ArticleTokenCost> {
  cost ??= (async () => {
    const entry = await getEntry('article', 'qwen-vs-llama3');
    if (!entry?.body) throw new Error('the article source is missing');
    return articleTokenCost(entry.body, (family, text) => loadNodeTokenizer(family).encode(text).length);
  })();
  return cost;
}
