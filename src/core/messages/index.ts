import type { Locale } from '../types.js';
import { en, type MessageKey } from './en.js';
import { ko } from './ko.js';

export type { MessageKey };
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ko };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale] ?? en;
  return (key, params) => {
    const template = catalog[key] ?? en[key];
    if (!params) return template;
    // A message whose last placeholder was empty (a profile without a hint) ends with a full stop, not ": ".
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)).replace(/:\s*$/, '.');
  };
}

/** "ko-KR", "ko_KR.UTF-8" → ko; anything else → en. */
export function toLocale(tag: string | undefined | null): Locale {
  return tag && /^ko\b|^ko[-_]/i.test(tag) ? 'ko' : 'en';
}

/** Pick the text for a language from a profile's {en, ko} object (or a plain string). */
export function pickLang(value: unknown, lang: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const s = v[lang] ?? v['en'] ?? Object.values(v)[0];
    if (typeof s === 'string') return s;
    if (Array.isArray(s) && typeof s[0] === 'string') return s[0];
  }
  return '';
}

/** A hint as the end of a message: trimmed, ending with a full stop. */
export function asSentence(s: string): string {
  const trimmed = s.trim();
  return !trimmed || /[.!?。]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
