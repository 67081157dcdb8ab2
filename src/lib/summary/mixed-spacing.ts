/**
 * The article's spacing rule for generated sentences: one space where a Chinese character meets a
 * Latin letter or digit. Summary sentences are assembled from data values ("Llama 3" + "为" + "英语"),
 * so the rule is applied to the finished sentence rather than to every template.
 */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
const HAN_THEN_LATIN = new RegExp(`([${HAN}])([A-Za-z0-9])`, 'g');
const LATIN_THEN_HAN = new RegExp(`([A-Za-z0-9])([${HAN}])`, 'g');

export function spaceMixedText(text: string): string {
  return text.replace(HAN_THEN_LATIN, '$1 $2').replace(LATIN_THEN_HAN, '$1 $2');
}
