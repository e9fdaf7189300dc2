// parse-prometheus-text-format ships no types: its one export, as src/exposition/families.ts reads it.
declare module 'parse-prometheus-text-format' {
  import type { Family } from './families.js';
  export default function parse(text: string): Family[];
}
