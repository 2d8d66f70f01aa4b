// A finding's message from its code's template in the catalogue (as istioctl keeps messages.yaml): checks pass the
// values, the words live beside the code. `{name}` in a template is replaced by the value of that name.
import { codeInfo } from './codes';

export type MessageParams = Readonly<Record<string, string | number>>;

/** The template of a code, or of one of its variants where a code says different things in different cases. */
export function messageTemplate(code: string, variant?: string): string {
  const { message } = codeInfo(code);
  if (typeof message === 'string') {
    if (variant !== undefined) throw new Error(`message ${code} has no variants (asked for ${variant})`);
    return message;
  }
  const template = message[variant ?? 'default'];
  if (template === undefined) throw new Error(`message ${code} has no variant ${variant ?? 'default'}`);
  return template;
}

export function formatMessage(code: string, params: MessageParams = {}, variant?: string): string {
  return messageTemplate(code, variant).replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message ${code}${variant ? `/${variant}` : ''}: no value for {${name}}`);
    return String(value);
  });
}

/** The placeholders of a template, for the catalogue's test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}
