/**
 * Which language a text is in, roughly — enough to tell a reader that a Chinese prompt was
 * answered in English or in pinyin, a known failure of Llama 3 (officially English-only).
 * Counting scripts, not a language model: Han characters mean Chinese; Latin letters mean English
 * unless most words are pinyin syllables or carry pinyin tone marks.
 */

export type TextLanguage = 'zh' | 'en' | 'pinyin' | 'mixed' | 'unknown';

const han = /\p{Script=Han}/gu;
const latinWord = /[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+/g;
const toneMark = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

// Every toneless pinyin syllable (initial + final); words made only of these read as pinyin.
const pinyinSyllable =
  /^(?:[bpmfdtnlgkhzcsrjqxwy]|zh|ch|sh)?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|ia|ie|iu|ua|uo|ui|ve|ue|a|o|e|i|u|v|ü)$/;

function isPinyinWord(word: string): boolean {
  if (toneMark.test(word)) return true;
  // Greedy split of a toneless word into syllables, e.g. "jintian" = jin + tian.
  const lower = word.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const fits = (rest: string): boolean => {
    if (rest === '') return true;
    for (let end = Math.min(6, rest.length); end > 0; end--) {
      if (pinyinSyllable.test(rest.slice(0, end)) && fits(rest.slice(end))) return true;
    }
    return false;
  };
  return lower.length > 1 && fits(lower);
}

/** Common English words that also split into pinyin syllables ("a", "he", "shan't"…). */
const englishLookalikes = new Set(['a', 'an', 'he', 'she', 'me', 'we', 'in', 'on', 'no', 'so', 'go', 'be', 'die', 'tie', 'pie', 'man', 'can', 'pan', 'fan', 'ban', 'tan', 'ran', 'hen', 'ten', 'pen', 'den', 'men', 'sun', 'run', 'fun', 'gun', 'bun', 'nun', 'pun', 'long', 'song', 'ping', 'sang', 'hang', 'bang', 'gang', 'tea', 'sea', 'lie', 'hue', 'cue', 'due', 'sue', 'you', 'chin', 'shin', 'thin', 'sin', 'bin', 'pin', 'tin', 'win', 'yen', 'zen', 'lung', 'hung', 'dung', 'bung', 'rung', 'sung']);

export function detectLanguage(text: string): TextLanguage {
  const hanCount = text.match(han)?.length ?? 0;
  const words = text.match(latinWord) ?? [];
  if (hanCount === 0 && words.length === 0) return 'unknown';
  // An English word carries about as much as one and a half Chinese characters.
  const hanShare = hanCount / (hanCount + words.length * 1.5);
  if (hanShare >= 0.6) return 'zh';
  if (hanShare <= 0.2) {
    const pinyin = words.filter((word) => !englishLookalikes.has(word.toLowerCase()) && isPinyinWord(word)).length;
    return words.length >= 3 && pinyin / words.length >= 0.6 ? 'pinyin' : 'en';
  }
  return 'mixed';
}

/** A translation request names the language the answer should be in, whatever the prompt's. */
function requestedLanguage(prompt: string): TextLanguage | null {
  if (/(?:翻译|译)[成为]?(?:英文|英语)|(?:into|to) English/i.test(prompt)) return 'en';
  if (/(?:翻译|译)[成为]?(?:中文|汉语)|(?:into|to) Chinese/i.test(prompt)) return 'zh';
  return null;
}

export interface LanguageVerdict {
  /** The language the answer should be in: the prompt's, or the one a translation asks for. */
  prompt: TextLanguage;
  answer: TextLanguage;
  /** The answer is in the prompt's language (mixed answers to Chinese prompts count: code, names). */
  matches: boolean;
  /** A sentence for the reader, in Chinese. */
  message: string;
}

const names: Record<TextLanguage, string> = {
  zh: '中文',
  en: '英文',
  pinyin: '拼音',
  mixed: '中英混合',
  unknown: '无法判断',
};

export function compareAnswerLanguage(prompt: string, answer: string): LanguageVerdict {
  const promptLanguage = requestedLanguage(prompt) ?? detectLanguage(prompt);
  const answerLanguage = detectLanguage(answer);
  // Only a clear switch counts as a mismatch: technical answers mix in English names and code.
  const matches =
    promptLanguage === 'zh'
      ? answerLanguage !== 'en' && answerLanguage !== 'pinyin'
      : promptLanguage === 'en'
        ? answerLanguage !== 'zh' && answerLanguage !== 'pinyin'
        : answerLanguage !== 'pinyin' || promptLanguage === 'pinyin';
  const message =
    promptLanguage === 'unknown' || answerLanguage === 'unknown'
      ? '回答语言：无法判断。'
      : matches
        ? `回答语言与提问一致（${names[answerLanguage]}）。`
        : `应使用${names[promptLanguage]}回答，实际回答却是${names[answerLanguage]}。`;
  return { prompt: promptLanguage, answer: answerLanguage, matches, message };
}
