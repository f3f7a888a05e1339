import { escapeControl } from "./escapeControl.js";

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text from the input (an id, a name, a description, a group value) as HTML text or an attribute
 * value: the five characters HTML reads as markup are entities, so `<script>` in a description is
 * shown, never run, and a quote cannot end an attribute; control characters are shown escaped.
 */
export function escapeHtml(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
